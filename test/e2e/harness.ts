// Shared helpers for the browser tests: a browser context per scenario that records console errors
// and CSP violations, and `checkPage`, which every visited page goes through (hydration, axe-core
// WCAG 2.1 A/AA, no console errors).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect, inject } from "vitest";

export const baseUrl = () => inject("baseUrl");

let browser: Promise<Browser> | undefined;
/** The run's one Chromium (started by global-setup.ts), connected once per test file. */
export function getBrowser(): Promise<Browser> {
  browser ??= chromium.connect(inject("wsEndpoint"));
  return browser;
}

export async function disconnectBrowser() {
  if (browser) await (await browser).close();
  browser = undefined;
}

export const DESKTOP = { width: 1280, height: 900 };
export const MOBILE = { width: 375, height: 740 };

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and CSP violations not yet reported by checkPage. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * A fresh context (its own cookies) with one page. Chromium's Accept-Language is set to Russian,
 * the portal's first language: the English scenarios switch with the header link like a person would.
 */
export async function openSession(opts: { mobile?: boolean; noScript?: boolean } = {}): Promise<Session> {
  const b = await getBrowser();
  const context = await b.newContext({
    baseURL: baseUrl(),
    locale: "ru-RU",
    timezoneId: "Europe/Moscow",
    viewport: opts.mobile ? MOBILE : DESKTOP,
    ...(opts.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    ...(opts.noScript ? { javaScriptEnabled: false } : {}),
  });
  // Not subject to the page's CSP (injected by the browser itself): reports violations to the console.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console.error at ${page.url()}: ${msg.text()}${msg.location().url ? ` [${msg.location().url}]` : ""}`);
  });
  page.on("pageerror", (err) => problems.push(`uncaught exception at ${page.url()}: ${err.message}`));
  return { context, page, problems, close: () => context.close() };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current document. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's strict CSP does not block it (and stays on).
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: any }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n: any) => n.target.join(" ")),
    }));
  });
}

export const formatViolations = (vs: AxeViolation[]) => vs.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join("\n    ")}`).join("\n  ");

/**
 * Every visited page goes through this: the client bundle ran and hydrated the server HTML, axe
 * finds no WCAG 2.1 A/AA violation, and nothing was logged as an error (including CSP reports).
 * Failures are soft, so one run lists every problem on every page.
 */
export async function checkPage(s: Session, label: string, opts: { allowStatus?: number } = {}) {
  const { page } = s;
  await page.waitForLoadState("load");
  await page
    .waitForFunction(() => document.documentElement.dataset.hydrated === "true", null, { timeout: 10_000 })
    .catch(() => {});
  expect.soft(await page.evaluate(() => document.documentElement.dataset.hydrated ?? null), `${label}: page hydrated`).toBe("true");
  const duplicateIds = await page.evaluate(() => {
    const seen = new Map<string, number>();
    document.querySelectorAll("[id]").forEach((el) => seen.set(el.id, (seen.get(el.id) ?? 0) + 1));
    return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `#${id} ×${n}`);
  });
  // Labels, aria-describedby and the error summary's links all point at ids: each must be unique.
  expect.soft(duplicateIds, `${label}: duplicate ids`).toEqual([]);
  const violations = await runAxe(page);
  expect.soft(violations.length ? `\n  ${formatViolations(violations)}` : "", `${label} (${page.url()}): axe WCAG 2.1 AA violations`).toBe("");
  // Chromium reports a page answered with an error status as a failed resource; that is expected
  // for a form re-rendered with its errors (422) and is what the test asks for.
  const expected = opts.allowStatus ? `the server responded with a status of ${opts.allowStatus}` : null;
  const problems = s.problems.splice(0).filter((p) => !(expected && p.includes(expected)));
  expect.soft(problems, `${label}: console errors / CSP violations`).toEqual([]);
}

/** Visits a path and checks the page; the response status must be `status` (200 by default). */
export async function visit(s: Session, path: string, label = path, status = 200) {
  const res = await s.page.goto(path);
  expect.soft(res?.status(), `${label}: HTTP status`).toBe(status);
  await checkPage(s, label, status >= 400 ? { allowStatus: status } : {});
}

/** Signs in through the form, like a person; lands on /me (or `next`). */
export async function signIn(s: Session, email: string, password: string) {
  const { page } = s;
  await page.goto("/signin");
  await page.locator("#f-email").fill(email);
  await page.locator("#f-password").fill(password);
  await Promise.all([page.waitForURL((u) => u.pathname !== "/signin"), page.locator("main form button[type=submit]").click()]);
}

export const uniqueEmail = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.ru`;

export const activeElement = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return null;
    const cs = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      name: el.getAttribute("name"),
      type: el.getAttribute("type"),
      href: el.getAttribute("href"),
      role: el.getAttribute("role"),
      text: (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 80),
      className: el.className,
      outlineStyle: cs.outlineStyle,
      outlineWidth: cs.outlineWidth,
      boxShadow: cs.boxShadow,
      rect: (() => {
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      })(),
    };
  });

// ——— Helpers of the proposals, discussion and moderation scenarios ———

/** The demo accounts (scripts/demo-content.ts) and their one password. */
export const DEMO_PASSWORD = "demo-password-2026";
export const DEMO = {
  resident: "resident@uchastie.local",
  member: "member@uchastie.local",
  nko: "nko@uchastie.local",
  /** Moderator of org-nsk («Мэрия города Новосибирска»). */
  moderator: "moderator@uchastie.local",
  organiser: "organiser@uchastie.local",
  admin: "admin@uchastie.local",
} as const;

/**
 * Clicks and waits for the document that the click loads (a link, or a form POST answered with a
 * redirect or a re-rendered page): the next `load` event of the page.
 */
export async function clickAndLoad(page: Page, target: ReturnType<Page["locator"]>) {
  await Promise.all([page.waitForEvent("load"), target.click()]);
}

/** Polls the development outbox (its JSON twin) until a mail to `to` whose subject contains `subject` arrives. */
export async function waitForMail(to: string, subject: string, timeoutMs = 10_000): Promise<{ subject: string; text: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${baseUrl()}/dev/outbox.json?to=${encodeURIComponent(to.toLowerCase())}`);
    const { items } = (await res.json()) as { items: { subject: string; text: string }[] };
    const mail = items.find((m) => m.subject.includes(subject));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} with «${subject}» in ${timeoutMs} ms; got: ${items.map((m) => m.subject).join(" | ") || "none"}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * A new resident, through the forms like a person: sign up, confirm from the development outbox,
 * sign in. Pages are not checked here (accounts.test.ts does); returns the address.
 */
export async function signUpResident(s: Session, displayName: string, city = "Новосибирск"): Promise<string> {
  const { page } = s;
  const email = uniqueEmail("e2e-resident");
  await page.goto("/signup");
  await page.locator("#f-email").fill(email);
  await page.locator("#f-password").fill("correct-horse-battery");
  await page.locator("#f-displayName").fill(displayName);
  await page.locator("#f-city").fill(city);
  await page.locator("#f-consent").check();
  await clickAndLoad(page, page.locator("main form button[type=submit]"));
  const mail = await waitForMail(email, "");
  const link = /https?:\/\/\S+\/confirm\?token=\S+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no confirmation link in the mail to ${email}`);
  await page.goto(new URL(link).pathname + new URL(link).search);
  await signIn(s, email, "correct-horse-battery");
  return email;
}

/**
 * The same page at phone width (375 px): axe again (contrast and target sizes change with the
 * layout) and nothing wider than the screen (no sideways scrolling, WCAG 1.4.10). Then back to the
 * session's own width.
 */
export async function checkPhone(s: Session, label: string) {
  const { page } = s;
  const before = page.viewportSize();
  await page.setViewportSize(MOBILE);
  try {
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const wide = Array.from(document.querySelectorAll("body *"))
        .filter((el) => el.getBoundingClientRect().right > width + 1 && getComputedStyle(el).position !== "fixed" && !el.closest(".table-wrap, pre"))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className ? `.${String(el.className).split(" ").join(".")}` : ""}`);
      return { scroll: document.documentElement.scrollWidth, width, wide };
    });
    expect.soft(overflow.scroll <= overflow.width ? [] : overflow.wide, `${label} at 375 px: wider than the screen (${overflow.scroll} > ${overflow.width})`).toEqual([]);
    const violations = await runAxe(page);
    expect.soft(violations.length ? `\n  ${formatViolations(violations)}` : "", `${label} at 375 px (${page.url()}): axe WCAG 2.1 AA violations`).toBe("");
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

/**
 * Setting the stage through the JSON API, in a session's own cookies (the CSRF token is the
 * `csrf` cookie, sent back in its header as any script of ours would). Only for material a test
 * needs but is not about — what a test is about it does through the pages.
 */
export async function api<T = any>(s: Session, method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown): Promise<T> {
  const token = (await s.context.cookies()).find((c) => c.name === "csrf")?.value ?? "";
  const res = await s.context.request.fetch(path, { method, headers: { "x-csrf-token": token, accept: "application/json" }, ...(body !== undefined ? { data: body } : {}) });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Every field a proposal needs to be submitted (override what the test cares about). */
export const completeProposal = (title: string) => ({
  organiserId: "org-nsk",
  title,
  summary: "Краткое описание проекта для проверки.",
  problem: "Описание проблемы.",
  goal: "Цель проекта.",
  tasks: ["Первая задача", "Вторая задача"],
  expectedResults: "Ожидаемые результаты.",
  city: "Новосибирск",
  district: "",
  tos: "",
  theme: "improvement",
  beneficiaries: 100,
  budgetRequested: 100_000,
  cofinancing: 10_000,
  startDate: "2027-04-01",
  endDate: "2027-10-31",
  team: "Инициативная группа жителей.",
});

/**
 * Published proposals of org-nsk for a test's stage: the author submits each through the API, the
 * org-nsk moderator publishes them from the queue through the API. Returns their ids in order.
 */
export async function publishedProposals(author: Session, moderator: Session, proposals: ReturnType<typeof completeProposal>[]): Promise<string[]> {
  const ids: string[] = [];
  for (const p of proposals) ids.push((await api<{ id: string }>(author, "POST", "/api/proposals", { ...p, submit: true })).id);
  const waiting = new Map<string, string>();
  let after: string | null = null;
  do {
    const q: { items: { id: string; kind: string; targetId: string }[]; next: string | null } = await api(moderator, "GET", `/api/moderation/queue?organiser=org-nsk${after ? `&after=${encodeURIComponent(after)}` : ""}`);
    for (const i of q.items) if (i.kind === "review") waiting.set(i.targetId, i.id);
    after = q.next;
  } while (after);
  for (const id of ids) {
    const item = waiting.get(id);
    if (!item) throw new Error(`proposal ${id} is not in the org-nsk queue`);
    await api(moderator, "POST", `/api/moderation/items/${item}/decision`, { action: "publish" });
  }
  return ids;
}
