// The consultations' other pages in a real browser, on the demo content (scripts/demo/consultations.ts:
// 004 open with remarks of every kind, 000 closed with its summary and version 2, 003 adopted with a
// commitment in every status and one overdue, 002 upcoming): the list and its filter, the document
// pages, remarks on the whole document and one remark's page, the summary with its filters, CSV and
// printable page, the comparison, the implementation pages with their filters, the Atom feed, and the
// remark form used with the keyboard alone. Every page goes through checkPage (axe, hydration,
// console/CSP errors, unique ids); the main ones also at 375 px. Nothing here changes the demo
// content except one whole-document remark on 004 by a new resident (the keyboard test).
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { activeElement, checkPage, checkPhone, clickAndLoad, DEMO, DEMO_PASSWORD, disconnectBrowser, formatViolations, openSession, runAxe, signIn, signUpResident, visit, type Session } from "./harness.ts";

afterAll(() => disconnectBrowser());

const C004 = "/consultations/demo-cons-004";
const C000 = "/consultations/demo-cons-000";
const C003 = "/consultations/demo-cons-003";
const C002 = "/consultations/demo-cons-002";
const TITLE_004 = "Резолюция VIII Форума городских сообществ «Активный город»";
const TITLE_000 = "Резолюция Международного форума МАГ «Мегаполис: XXI век. Город и дети»";
const TITLE_003 = "Решение Семнадцатой сессии МАГ";
const TITLE_002 = "Резолюция Международного форума местных властей «Города настоящего и будущего»";

const main = (s: Session) => s.page.locator("main");
const path = (p: Page) => new URL(p.url()).pathname;
const query = (p: Page) => Object.fromEntries(new URL(p.url()).searchParams);

/** A session whose pages may be slow on a busy machine (the harness's 10 s is for one page at a time on an idle one). */
async function session(opts: Parameters<typeof openSession>[0] = {}) {
  const s = await openSession(opts);
  s.context.setDefaultTimeout(30_000);
  return s;
}

/**
 * checkPage for a page that has no script by design (the printable summary): axe, unique ids and no
 * console errors, without the hydration check.
 */
async function checkStaticPage(s: Session, label: string) {
  await s.page.waitForLoadState("load");
  expect.soft(await s.page.evaluate(() => document.querySelectorAll("script[src]").length), `${label}: no script`).toBe(0);
  const violations = await runAxe(s.page);
  expect.soft(violations.length ? `\n  ${formatViolations(violations)}` : "", `${label}: axe WCAG 2.1 AA violations`).toBe("");
  expect.soft(s.problems.splice(0), `${label}: console errors / CSP violations`).toEqual([]);
}

describe("consultations: list and documents", () => {
  it("the list filters by state; each demo document reads as its state says", async () => {
    const s = await session();
    const { page } = s;
    try {
      await visit(s, "/consultations", "consultations list");
      const text = await main(s).textContent();
      for (const title of [TITLE_004, TITLE_000, TITLE_003, TITLE_002]) expect(text).toContain(title);
      // Not an organiser's admin: no drafts, no «Новое обсуждение».
      await expect(main(s).getByRole("link", { name: "Новое обсуждение" }).count()).resolves.toBe(0);
      await checkPhone(s, "consultations list");

      await page.getByLabel("Состояние").selectOption("adopted");
      await clickAndLoad(page, main(s).getByRole("button", { name: "Показать" }));
      await checkPage(s, "consultations list (adopted)");
      expect(query(page).state).toBe("adopted");
      const adopted = await main(s).textContent();
      expect(adopted).toContain(TITLE_003);
      expect(adopted).not.toContain(TITLE_004);
      expect(adopted).not.toContain(TITLE_002);
      await page.getByLabel("Состояние").selectOption("open");
      await clickAndLoad(page, main(s).getByRole("button", { name: "Показать" }));
      await checkPage(s, "consultations list (open)");
      expect(await main(s).textContent()).toContain(TITLE_004);
      expect(await main(s).textContent()).not.toContain(TITLE_003);
      await clickAndLoad(page, main(s).getByRole("link", { name: TITLE_004 }));
      await checkPage(s, "document page 004 (open)");
      expect(path(page)).toBe(C004);

      // 004, open: numbered clauses in order, remark counts linking to the clause pages, the whole-document button.
      expect(await main(s).locator(".window").textContent()).toContain("Замечания принимаются до");
      const numbers = (await main(s).locator(".doc li[id^='clause-'] > p > b").allTextContents()).map((n) => n.trim());
      expect(numbers.slice(0, 4)).toEqual(["1.", "2.", "2.1.", "2.2."]);
      const counted = main(s).locator(".doc li[id^='clause-'] > a", { hasText: /^Замечаний: \d+$/ });
      expect(await counted.count()).toBeGreaterThan(0);
      const firstCounted = counted.first();
      const clauseId = (await firstCounted.locator("xpath=..").getAttribute("id"))!.slice("clause-".length);
      await expect(main(s).getByRole("link", { name: "Оставить замечание к документу в целом" }).count()).resolves.toBe(1);
      await checkPhone(s, "document page 004");

      // A clause page with the demo remarks: the wording shown against the current text.
      await clickAndLoad(page, firstCounted);
      await checkPage(s, "clause page (004)");
      expect(path(page)).toBe(`${C004}/clauses/${clauseId}`);
      expect(await main(s).locator("article.remark").count()).toBeGreaterThan(0);
      // Not signed in: the form is replaced by the way to sign in.
      expect(await main(s).locator(".remark-gate").textContent()).toBeTruthy();
      await checkPhone(s, "clause page (004)");

      // 000, closed with version 2: the versions, the related pages, the older version marked as such.
      await visit(s, C000, "document page 000 (closed, version 2)");
      expect(await main(s).locator(".window").textContent()).toContain("Приём замечаний завершён");
      const versions = main(s).locator("nav.versions");
      expect(await versions.locator("a").allTextContents()).toEqual(["Редакция 1", "Редакция 2"]);
      expect(await versions.locator("a[aria-current=page]").textContent()).toBe("Редакция 2");
      const related = main(s).locator("nav.related");
      await expect(related.getByRole("link", { name: "Сводка предложений" }).count()).resolves.toBe(1);
      await expect(related.getByRole("link", { name: "Сравнить с редакцией 1" }).count()).resolves.toBe(1);
      expect(await main(s).locator(".doc").textContent()).toContain("не позднее 1 февраля 2013 года");
      await clickAndLoad(page, versions.getByRole("link", { name: "Редакция 1" }));
      await checkPage(s, "document page 000, version 1");
      expect(query(page).version).toBe("1");
      expect(await main(s).textContent()).toContain("Это не последняя редакция документа.");
      expect(await main(s).locator(".doc").textContent()).toContain("не позднее 15 января 2013 года");

      // 003, adopted: the adopted version and the way to its implementation.
      await visit(s, C003, "document page 003 (adopted)");
      expect(await main(s).textContent()).toContain("Принятая редакция 1");
      await expect(main(s).locator("nav.related").getByRole("link", { name: "Исполнение" }).count()).resolves.toBe(1);
      await checkPhone(s, "document page 003");

      // 002, upcoming: when remarks open; nothing to write yet.
      await visit(s, C002, "document page 002 (upcoming)");
      expect(await main(s).locator(".window").textContent()).toContain("Приём замечаний откроется");
      await expect(main(s).getByRole("link", { name: "Оставить замечание к документу в целом" }).count()).resolves.toBe(0);
      expect(await main(s).locator(".doc li[id^='clause-'] > a").count()).toBe(0);
    } finally {
      await s.close();
    }
  });

  it("remarks on the whole document and one remark's page with its reply", async () => {
    const s = await session();
    const { page } = s;
    try {
      // 000 closed: version 1's accepted whole-document remark with the organiser's decision.
      await visit(s, `${C000}/remarks?version=1`, "whole-document remarks (000 version 1, closed)");
      expect(await main(s).locator("h1").textContent()).toBe("Замечания к документу в целом");
      const remark = main(s).locator("article.remark").first();
      expect(await remark.locator(".remark__disposition").textContent()).toContain("Учтено");
      expect(await remark.textContent()).toContain("Добавлен п. 8.6");
      // No form on an older version: the way to the current one instead.
      expect(await main(s).locator(".remark-gate").textContent()).toContain("Это прежняя редакция документа.");
      await expect(main(s).locator("form textarea[name=body]").count()).resolves.toBe(0);

      await visit(s, `${C004}/remarks`, "whole-document remarks (004, open)");
      await checkPhone(s, "whole-document remarks (004)");

      // The demo remark on 2.2 of 004 has a reply from a member.
      await visit(s, `${C004}/remarks/demo-r-004-2`, "remark page with a reply");
      expect(await main(s).textContent()).toContain("В ТОС «Северный» записи занятий уже выкладываем");
      await clickAndLoad(page, main(s).getByRole("link", { name: "К пункту" }));
      await checkPage(s, "clause page from the remark");
      expect(path(page)).toMatch(new RegExp(`^${C004}/clauses/`));
    } finally {
      await s.close();
    }
  });
});

describe("consultations: the summary of 000", () => {
  it("filters by kind and disposition, downloads the CSV and prints", async () => {
    const s = await session();
    const { page } = s;
    try {
      await visit(s, `${C000}/summary`, "summary 000");
      const rows = main(s).locator("table tbody tr");
      await expect(rows.count()).resolves.toBe(6);
      expect(await main(s).textContent()).toContain("Сводка опубликована");
      await checkPhone(s, "summary 000");

      await page.getByLabel("Вид замечания").selectOption("wording");
      await clickAndLoad(page, main(s).getByRole("button", { name: "Показать" }));
      await checkPage(s, "summary 000, wordings");
      expect(query(page).kind).toBe("wording");
      await expect(rows.count()).resolves.toBe(2);
      await page.getByLabel("Решение", { exact: true }).selectOption("rejected");
      await clickAndLoad(page, main(s).getByRole("button", { name: "Показать" }));
      await checkPage(s, "summary 000, rejected wordings");
      await expect(rows.count()).resolves.toBe(1);
      expect(await rows.first().textContent()).toContain("Семейный бизнес входит в малый и средний");
      await clickAndLoad(page, main(s).getByRole("link", { name: "Сбросить фильтр" }));
      await checkPage(s, "summary 000, filter reset");
      await expect(rows.count()).resolves.toBe(6);

      // The CSV: a download, with a BOM for Excel, «;» between Russian columns and a line per remark.
      const [download] = await Promise.all([page.waitForEvent("download"), main(s).getByRole("link", { name: "Таблица CSV (Excel)" }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const chunks: Buffer[] = [];
      for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
      const csv = Buffer.concat(chunks).toString("utf8");
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      const header = csv.slice(1).split(/\r?\n/)[0];
      expect(header.split(";").length).toBeGreaterThanOrEqual(6);
      expect(header).toContain("Решение");
      for (const reason of ["Срок перенесён: города просили время", "Семейный бизнес входит в малый и средний", "Подписка рекомендуется, а не предписывается"]) expect(csv).toContain(reason);

      await clickAndLoad(page, main(s).getByRole("link", { name: "Версия для печати" }));
      expect(path(page)).toBe(`${C000}/summary/print`);
      await checkStaticPage(s, "summary 000, printable");
      expect(await page.locator("table tbody tr").count()).toBe(6);
      expect(await page.locator("body").textContent()).toContain(TITLE_000);
    } finally {
      await s.close();
    }
  });

  it("compares version 1 with 2", async () => {
    const s = await session();
    try {
      await visit(s, `${C000}/compare?from=1&to=2`, "compare 000 1 → 2");
      await expect(s.page.locator(".compare__item--changed").count()).resolves.toBe(2);
      await expect(s.page.locator(".compare__item--added").count()).resolves.toBe(1);
      expect((await s.page.locator(".compare__item--changed del").allTextContents()).join(" ")).toContain("15 января");
      await checkPhone(s, "compare 000");
    } finally {
      await s.close();
    }
  });
});

describe("consultations: implementation", () => {
  it("003's commitments in every status, the addressee filter, the organiser's commitment page", async () => {
    const s = await session();
    const { page } = s;
    try {
      await visit(s, `${C003}/implementation`, "implementation 003");
      const cards = main(s).locator("article.card[id^='commitment-']");
      await expect(cards.count()).resolves.toBe(5);
      const text = await main(s).textContent();
      for (const status of ["Не начато", "В работе", "Выполнено", "Не выполнено", "Просрочено"]) expect(text).toContain(status);
      expect(await main(s).locator("[data-counts] [data-status=overdue]").textContent()).toContain("1");
      await checkPhone(s, "implementation 003");

      await page.getByLabel("Адресат").selectOption({ value: "Экспертному совету МАГ" });
      await clickAndLoad(page, main(s).getByRole("button", { name: "Показать" }));
      await checkPage(s, "implementation 003 by addressee");
      await expect(cards.count()).resolves.toBe(2);
      for (const title of await cards.locator(".card__title").allTextContents()) expect(title).toContain("Экспертному совету МАГ");

      // The organiser (MAG's admin) may keep a commitment up to date: the edit page, not changed here.
      await signIn(s, DEMO.organiser, DEMO_PASSWORD);
      await page.goto(`${C003}/implementation`);
      await checkPage(s, "implementation 003 (organiser)");
      await clickAndLoad(page, main(s).locator("#commitment-demo-cm-003-5").getByRole("link", { name: /Изменить/ }));
      await checkPage(s, "commitment page (organiser)");
      expect(path(page)).toBe(`${C003}/commitments/demo-cm-003-5`);
    } finally {
      await s.close();
    }
  });

  it("/implementation: by status, overdue only, by addressee", async () => {
    const s = await session();
    const { page } = s;
    try {
      await visit(s, "/implementation", "/implementation");
      await checkPhone(s, "/implementation");
      const cards = main(s).locator("article.card[id^='commitment-']");
      expect(await cards.count()).toBeGreaterThanOrEqual(5);

      await page.locator("#q-status").selectOption("done");
      await clickAndLoad(page, main(s).getByRole("button", { name: "Показать" }));
      await checkPage(s, "/implementation, done");
      expect(query(page).status).toBe("done");
      expect(await cards.count()).toBeGreaterThan(0);
      for (const card of await cards.all()) expect(await card.locator("dd .badge").first().textContent()).toBe("Выполнено");

      await page.locator("#q-status").selectOption("");
      await page.locator("#q-overdue").check();
      await clickAndLoad(page, main(s).getByRole("button", { name: "Показать" }));
      await checkPage(s, "/implementation, overdue");
      expect(query(page).overdue).toBe("1");
      await expect(cards.count()).resolves.toBe(1);
      expect(await cards.first().textContent()).toContain("Просрочено");
      expect(await cards.first().textContent()).toContain(TITLE_003);

      await page.locator("#q-overdue").uncheck();
      await page.locator("#q-addressee").selectOption({ value: "Постоянной комиссии МАГ по информационной политике и PR-проектам" });
      await clickAndLoad(page, main(s).getByRole("button", { name: "Показать" }));
      await checkPage(s, "/implementation, by addressee");
      await expect(cards.count()).resolves.toBe(1);
      expect(await cards.first().textContent()).toContain("Не выполнено");
    } finally {
      await s.close();
    }
  });

  it("the Atom feed parses and announces the demo's events", async () => {
    const s = await session();
    const { page } = s;
    try {
      await visit(s, "/implementation", "/implementation (feed link)");
      const link = main(s).locator("a[type='application/atom+xml']");
      expect(await link.getAttribute("href")).toBe("/consultations/feed.atom");
      const res = await s.context.request.get("/consultations/feed.atom");
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toMatch(/^application\/atom\+xml/);
      const xml = await res.text();
      // Parsed by the browser's own XML parser: a syntax error would give a <parsererror> document.
      const feed = await page.evaluate((source) => {
        const doc = new DOMParser().parseFromString(source, "application/xml");
        const ns = "http://www.w3.org/2005/Atom";
        const root = doc.documentElement;
        const entries = Array.from(doc.getElementsByTagNameNS(ns, "entry")).map((e) => ({
          id: e.getElementsByTagNameNS(ns, "id")[0]?.textContent ?? "",
          title: e.getElementsByTagNameNS(ns, "title")[0]?.textContent ?? "",
          updated: e.getElementsByTagNameNS(ns, "updated")[0]?.textContent ?? "",
          link: e.getElementsByTagNameNS(ns, "link")[0]?.getAttribute("href") ?? "",
        }));
        return { error: doc.getElementsByTagName("parsererror").length > 0, root: root.localName, ns: root.namespaceURI, title: root.getElementsByTagNameNS(ns, "title")[0]?.textContent ?? "", entries };
      }, xml);
      expect(feed.error).toBe(false);
      expect(feed.root).toBe("feed");
      expect(feed.ns).toBe("http://www.w3.org/2005/Atom");
      expect(feed.title).toBeTruthy();
      expect(feed.entries.length).toBeGreaterThan(5);
      for (const e of feed.entries) {
        expect(e.id, JSON.stringify(e)).toBeTruthy();
        expect(e.title, JSON.stringify(e)).toBeTruthy();
        expect(Number.isNaN(Date.parse(e.updated)), JSON.stringify(e)).toBe(false);
        expect(e.link, JSON.stringify(e)).toMatch(/^https?:\/\/[^/]+\/consultations\//);
      }
      const titles = feed.entries.map((e) => e.title).join("\n");
      for (const t of [TITLE_003, TITLE_000]) expect(titles).toContain(t);
      expect(feed.entries.some((e) => e.link.endsWith(`${C000}/summary?version=1`))).toBe(true);
      expect(feed.entries.some((e) => e.link.endsWith(`${C003}/implementation`))).toBe(true);
    } finally {
      await s.close();
    }
  });
});

describe("consultations: the remark form with the keyboard alone", () => {
  it("a whole-document objection: Tab to the kind, arrows to choose, type, Enter to send; focus always visible", async () => {
    const s = await session();
    const { page } = s;
    const body = `Возражаю против формулировок резолюции в целом: нет сроков исполнения (${Date.now().toString(36)}).`;
    try {
      await signUpResident(s, "Клавиатурный Участник");
      await page.goto(`${C004}/remarks`);
      await checkPage(s, "whole-document remarks (signed in)");
      // From the skip link into the main content, then Tab until the kind's radio group.
      await page.keyboard.press("Tab");
      expect((await activeElement(page))?.href).toBe("#main");
      await page.keyboard.press("Enter");
      const order: string[] = [];
      let reached = false;
      for (let i = 0; i < 60 && !reached; i++) {
        await page.keyboard.press("Tab");
        const f = (await activeElement(page))!;
        order.push(f.id || f.href || f.tag);
        expect.soft(f.outlineStyle !== "none" || f.boxShadow !== "none", `focus visible on ${order.at(-1)}`).toBe(true);
        reached = f.name === "kind";
      }
      expect(reached, `the kind's radios reached by Tab; went through ${order.join(", ")}`).toBe(true);
      // A radio group is one Tab stop; the arrow keys choose within it.
      await page.keyboard.press("Space");
      expect(await page.locator("input[name=kind]:checked").getAttribute("value")).toBe("comment");
      await page.keyboard.press("ArrowDown");
      expect(await page.locator("input[name=kind]:checked").getAttribute("value")).toBe("objection");
      await page.keyboard.press("Tab");
      expect((await activeElement(page))?.id).toBe("f-body");
      await page.keyboard.type(body);
      await page.keyboard.press("Tab");
      const shown = (await activeElement(page))!;
      expect(shown.name).toBe("shownAs");
      expect(await page.locator("input[name=shownAs]:checked").getAttribute("value")).toBe("name");
      await page.keyboard.press("Tab");
      const submit = (await activeElement(page))!;
      expect(submit.tag).toBe("button");
      expect(submit.text).toBe("Отправить замечание");
      expect.soft(submit.outlineStyle !== "none" || submit.boxShadow !== "none", "focus visible on the submit button").toBe(true);
      await Promise.all([page.waitForEvent("load"), page.keyboard.press("Enter")]);
      await checkPage(s, "whole-document remarks after the keyboard remark");
      expect(await page.locator(".notice--ok[role=status]").first().textContent()).toContain("Замечание отправлено.");
      const mine = main(s).locator("article.remark", { hasText: body });
      await expect(mine.count()).resolves.toBe(1);
      expect(await mine.textContent()).toContain("Возражение");
      expect(await mine.textContent()).toContain("Клавиатурный Участник");
    } finally {
      await s.close();
    }
  });
});
