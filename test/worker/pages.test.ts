import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../../worker/index";
import { Browser, ORIGIN } from "./client";
import { createOrganiser, db, newActor } from "./fixtures";

const XSS_NAME = "<script>alert(1)</script>";
const XSS_ATTR = `"><img src=x onerror=alert(1)>`;
let orgId: string;
let xssOrgId: string;

beforeAll(async () => {
  await createOrganiser("pages-org");
  const founder = await newActor({ displayName: XSS_ATTR, showMemberships: true });
  const create = async (name: string, description: string) => {
    const res = await founder.api("/organisations", { json: { organiserId: "pages-org", name, type: "nko", city: "Новосибирск", description } });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  orgId = await create("НКО «Сибирь»", "Обычное описание");
  xssOrgId = await create(XSS_NAME, XSS_ATTR);
});

/** The page body that people read: everything inside #app, without the page-data script. */
const visible = (html: string) => html.slice(html.indexOf('<div id="app">'), html.indexOf('<script type="application/json" id="page-data">'));
const titleOf = (html: string) => html.match(/<title>([^<]*)<\/title>/)![1];
const h1Of = (html: string) => html.match(/<h1[^>]*>([^<]*)<\/h1>/)![1];
const langOf = (html: string) => html.match(/<html lang="([^"]+)">/)![1];
const pageDataText = (html: string) => html.match(/<script type="application\/json" id="page-data">([\s\S]*?)<\/script>/)![1];

const PAGES: { path: () => string; ru: string; en: string }[] = [
  { path: () => "/", ru: "Участвуйте в жизни своего города", en: "Take part in the life of your city" },
  { path: () => "/signup", ru: "Регистрация", en: "Sign up" },
  { path: () => "/signin", ru: "Вход", en: "Sign in" },
  { path: () => "/organisations", ru: "Организации", en: "Organisations" },
  { path: () => `/organisations/${orgId}`, ru: "НКО «Сибирь»", en: "НКО «Сибирь»" },
  { path: () => "/api/docs", ru: "Справочник API", en: "API reference" },
  { path: () => "/consent", ru: "Согласие на обработку персональных данных", en: "Consent to personal data processing" },
  { path: () => "/password/forgot", ru: "Восстановление пароля", en: "Reset your password" },
];

describe("public pages are server-rendered and readable without JavaScript", () => {
  it.each(PAGES.map((p) => [p.ru, p] as const))("%s (ru)", async (_name, page) => {
    const res = await new Browser("ru").fetch(page.path());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html; charset=UTF-8/i);
    const html = await res.text();
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(langOf(html)).toBe("ru");
    // The heading is in the markup itself, not only in the data for hydration.
    expect(h1Of(visible(html))).toBe(page.ru);
    expect(titleOf(html)).toMatch(/ — Участие$/);
    expect(visible(html)).toContain('<main id="main"');
    expect(visible(html)).toContain("Главная");

    // The one script carries the nonce of this response's CSP, and there is no inline script to run.
    const csp = res.headers.get("content-security-policy")!;
    const nonce = csp.match(/'nonce-([^']+)'/)![1];
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(2);
    expect(scripts.filter((a) => /type="application\/json"/.test(a))).toHaveLength(1);
    const executable = scripts.find((a) => !/type="application\/json"/.test(a))!;
    expect(executable).toContain(`nonce="${nonce}"`);
    expect(executable).toContain('src="/assets/client.ru.js"');
  });

  it.each(PAGES.map((p) => [p.en, p] as const))("%s (en via Accept-Language)", async (_name, page) => {
    const res = await new Browser("en").fetch(page.path());
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(langOf(html)).toBe("en");
    expect(h1Of(visible(html))).toBe(page.en);
    expect(titleOf(html)).toMatch(/ — Uchastie$/);
    expect(visible(html)).toContain("Home");
    expect(JSON.parse(pageDataText(html)).locale).toBe("en");
  });

  it("every response has its own nonce", async () => {
    const nonces = await Promise.all([1, 2, 3].map(async () => (await new Browser().fetch("/")).headers.get("content-security-policy")!.match(/'nonce-([^']+)'/)![1]));
    expect(new Set(nonces).size).toBe(3);
  });
});

describe("language", () => {
  it("the `lang` cookie overrides Accept-Language, both ways", async () => {
    const ru = new Browser("en");
    ru.cookies.set("lang", "ru");
    const ruHtml = await (await ru.fetch("/signin")).text();
    expect(langOf(ruHtml)).toBe("ru");
    expect(h1Of(ruHtml)).toBe("Вход");

    const en = new Browser("ru");
    en.cookies.set("lang", "en");
    const enHtml = await (await en.fetch("/signin")).text();
    expect(langOf(enHtml)).toBe("en");
    expect(h1Of(enHtml)).toBe("Sign in");
  });

  it("the language switch sets the cookie and returns to a local page only", async () => {
    const b = new Browser("ru");
    const res = await b.fetch("/lang/en?back=%2Forganisations");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/organisations");
    expect(b.cookies.get("lang")).toBe("en");
    expect(langOf(await (await b.fetch("/organisations")).text())).toBe("en");
    const away = await new Browser().fetch("/lang/en?back=%2F%2Fevil.example%2F");
    expect(away.headers.get("location")).toBe("/");
  });

  it("responses vary on Cookie and Accept-Language", async () => {
    expect((await new Browser().fetch("/")).headers.get("vary")).toMatch(/Cookie.*Accept-Language|Accept-Language.*Cookie/);
  });
});

describe("user text is escaped", () => {
  it("on the organisation's page: markup, title, meta description and page data", async () => {
    const html = await (await new Browser().fetch(`/organisations/${xssOrgId}`)).text();
    expect(html).not.toContain(XSS_NAME);
    expect(html).not.toContain("<img src=x");
    expect(html).not.toMatch(/"><img/);
    expect(visible(html)).toContain("&lt;script>alert(1)&lt;/script>");
    expect(titleOf(html)).toBe("&lt;script&gt;alert(1)&lt;/script&gt; — Участие");
    expect(html).toContain('<meta name="description" content="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">');
    // The page data cannot close its script element, and still carries the exact text.
    const json = pageDataText(html);
    expect(json).not.toMatch(/<\/?script/i);
    expect(json).not.toContain("<");
    const data = JSON.parse(json);
    expect(data.props.org.name).toBe(XSS_NAME);
    expect(data.props.org.description).toBe(XSS_ATTR);
    expect(data.props.members.map((m: { displayName: string }) => m.displayName)).toEqual([]);
  });

  it("in the list and on the home page's organisation count", async () => {
    const html = await (await new Browser().fetch("/organisations")).text();
    expect(html).not.toContain(XSS_NAME);
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(JSON.parse(pageDataText(html)).props.items.map((o: { name: string }) => o.name)).toContain(XSS_NAME);
  });

  it("a display name in the header of a signed-in person's pages", async () => {
    const b = await newActor({ displayName: `</script><script>alert(2)</script>` });
    const html = await (await b.fetch("/")).text();
    expect(html).not.toContain("<script>alert(2)");
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(JSON.parse(pageDataText(html)).user.displayName).toBe(`</script><script>alert(2)</script>`);
  });
});

describe("concurrent requests never mix content", () => {
  it("50 parallel requests alternating ru/en over different pages each get their own language and title", async () => {
    // Reference: each (page, language) rendered alone.
    const reference = new Map<string, { title: string; h1: string }>();
    for (const page of PAGES) {
      for (const lang of ["ru", "en"] as const) {
        const html = await (await new Browser(lang).fetch(page.path())).text();
        reference.set(`${lang} ${page.path()}`, { title: titleOf(html), h1: h1Of(html) });
      }
    }
    const jobs = Array.from({ length: 50 }, (_, i) => ({ lang: i % 2 ? ("en" as const) : ("ru" as const), path: PAGES[Math.floor(i / 2) % PAGES.length].path() }));
    const responses = await Promise.all(jobs.map(async (job) => ({ job, html: await (await new Browser(job.lang).fetch(job.path)).text() })));
    for (const { job, html } of responses) {
      const ref = reference.get(`${job.lang} ${job.path}`)!;
      expect(langOf(html), job.path).toBe(job.lang);
      expect(titleOf(html)).toBe(ref.title);
      expect(h1Of(html)).toBe(ref.h1);
      const data = JSON.parse(pageDataText(html));
      expect(data.locale).toBe(job.lang);
      expect(data.path).toBe(job.path);
      expect(visible(html)).toContain(job.lang === "ru" ? "Главная" : "Home");
      expect(visible(html)).not.toContain(job.lang === "ru" ? ">Home<" : ">Главная<");
    }
    // Both languages and every page were really in the mix.
    expect(new Set(jobs.map((j) => `${j.lang} ${j.path}`)).size).toBe(PAGES.length * 2);
  });
});

describe("security headers", () => {
  const check = (res: Response) => {
    const h = res.headers;
    const csp = h.get("content-security-policy")!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'nonce-[^']+'/);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(h.get("strict-transport-security")).toMatch(/max-age=\d{8,}/);
    expect(h.get("x-content-type-options")).toBe("nosniff");
    expect(h.get("x-frame-options")).toBe("DENY");
    expect(h.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(h.get("x-request-id")).toBeTruthy();
  };

  it("on pages, JSON, problems, redirects and not-found pages", async () => {
    const b = new Browser();
    for (const path of ["/", "/api/organisations", "/api/me", "/admin", "/no-such-page", "/api/no-such-thing"]) check(await b.fetch(path));
    check(await b.api("/accounts/signin", { json: { email: "bad" } }));
  });

  it("personal pages are never stored by shared caches", async () => {
    const b = await newActor();
    expect((await b.fetch("/me")).headers.get("cache-control")).toBe("no-store");
    expect((await b.api("/me")).headers.get("cache-control")).toBe("no-store");
  });
});

describe("the API description", () => {
  const EXPECTED = [
    // competitions: voting
    "post /competitions/{id}/votes",
    "get /competitions/{id}/votes/mine",
    "get /votes/receipts/{id}",
    "get /competitions/{id}/votes/report",
    "get /competitions/{id}/votes/list",
    "post /competitions/{id}/votes/annul",
    // competitions: setup
    "get /competitions",
    "post /competitions",
    "get /competitions/{id}",
    "patch /competitions/{id}",
    "post /competitions/{id}/publish",
    "post /competitions/{id}/stage/end",
    "get /competitions/{id}/nominations",
    "post /competitions/{id}/nominations",
    "patch /competitions/{id}/nominations/{nominationId}",
    "delete /competitions/{id}/nominations/{nominationId}",
    "post /competitions/{id}/nominations/{nominationId}/move",
    "get /competitions/{id}/criteria",
    "post /competitions/{id}/criteria",
    "patch /competitions/{id}/criteria/{criterionId}",
    "delete /competitions/{id}/criteria/{criterionId}",
    "post /competitions/{id}/criteria/{criterionId}/move",
    // competitions: experts
    "get /competitions/{id}/experts",
    "post /competitions/{id}/experts",
    "delete /competitions/{id}/experts/{userId}",
    "post /competitions/{id}/assignments",
    "post /competitions/{id}/assignments/flagged",
    "get /competitions/{id}/evaluation",
    "put /competitions/{id}/conflicts",
    // competitions: results
    "post /competitions/{id}/results/compute",
    "get /competitions/{id}/results",
    "post /competitions/{id}/results/publish",
    // competitions: entries
    "post /competitions/{id}/entries",
    "get /competitions/{id}/entries",
    "get /entries/{id}",
    "post /entries/{id}/withdraw",
    "get /me/entries",
    // consultations: implementation
    "post /consultations/{id}/adopt",
    "get /consultations/{id}/commitments",
    "get /commitments",
    "patch /commitments/{id}",
    "post /commitments/{id}/notes",
    "delete /commitments/{id}",
    // consultations: reading
    "get /consultations",
    "get /consultations/{id}",
    "get /consultations/{id}/versions/{number}",
    // consultations: remarks
    "post /consultations/{id}/remarks",
    "get /consultations/{id}/remarks",
    "get /consultations/{id}/clauses/{clauseId}/remarks",
    "get /remarks/{id}",
    "delete /remarks/{id}",
    "put /remarks/{id}/support",
    "delete /remarks/{id}/support",
    // consultations: drafting
    "post /consultations",
    "patch /consultations/{id}",
    "get /consultations/{id}/draft",
    "put /consultations/{id}/draft/text",
    "post /consultations/{id}/draft/clauses",
    "patch /consultations/{id}/draft/clauses/{clauseId}",
    "delete /consultations/{id}/draft/clauses/{clauseId}",
    "post /consultations/{id}/draft/clauses/{clauseId}/merge",
    "post /consultations/{id}/draft/clauses/{clauseId}/split",
    "post /consultations/{id}/draft/clauses/{clauseId}/move",
    "put /consultations/{id}/draft/clauses/{clauseId}/remarks",
    "post /consultations/{id}/draft/renumber",
    "post /consultations/{id}/draft/publish",
    "post /consultations/{id}/versions",
    // consultations: versions
    "get /consultations/{id}/compare",
    // consultations: summary
    "put /remarks/{id}/disposition",
    "post /consultations/{id}/dispositions",
    "post /consultations/{id}/summary/publish",
    "get /consultations/{id}/summary",
    // proposals, attachments, comments
    "delete /attachments/{id}",
    "delete /comments/{id}",
    "delete /comments/{id}/vote",
    "delete /proposals/{id}/support",
    "get /attachments",
    "get /comments",
    "get /me/proposals",
    "get /proposals",
    "get /proposals/{id}",
    "get /themes",
    "patch /comments/{id}",
    "patch /proposals/{id}",
    "post /attachments",
    "post /comments",
    "post /proposals",
    "post /proposals/{id}/submit",
    "post /proposals/{id}/withdraw",
    "put /comments/{id}/vote",
    "put /proposals/{id}/support",
    "get /health",
    "get /csrf",
    "post /accounts/signup",
    "post /accounts/confirm",
    "post /accounts/signin",
    "post /accounts/signout",
    "post /accounts/signout-all",
    "post /accounts/password/forgot",
    "post /accounts/password/reset",
    "get /me",
    "delete /me",
    "patch /users/{id}",
    "get /me/export",
    "get /organisers",
    "get /organisations",
    "post /organisations",
    "get /organisations/{id}",
    "patch /organisations/{id}",
    "post /organisations/{id}/membership",
    "put /organisations/{id}/members/{userId}",
    "get /admin/roles",
    "post /admin/roles",
    "delete /admin/roles/{id}",
    "get /admin/audit",
    "get /notifications",
    "post /notifications/read",
    "get /notifications/prefs",
    "put /notifications/prefs",
    "post /reports",
    "get /moderation/queue",
    "post /moderation/items/{id}/decision",
    "post /moderation/block",
    "get /moderation/settings/{organiserId}",
    "put /moderation/settings/{organiserId}",
    "post /moderation/settings/{organiserId}/templates",
    "delete /moderation/templates/{id}",
    "get /moderation/public",
    // competitions: scoring
    "get /entries/{id}/scores",
    "put /entries/{id}/scores",
    "post /entries/{id}/scores/submit",
    // library
    "get /practices",
    "get /practices/{id}",
    "post /practices",
    "post /practices/{id}/hide",
  ];

  it("GET /api/openapi.json is OpenAPI 3.1 with every API route under the /api server", async () => {
    const res = await new Browser().fetch("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; servers?: { url: string }[]; paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.servers?.map((s) => s.url)).toEqual(["/api"]);
    const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m} ${path}`));
    expect(operations.sort()).toEqual([...EXPECTED].sort());
    expect(doc.components.schemas).toHaveProperty("Problem");
    expect(doc.paths["/accounts/signup"].post.responses).toHaveProperty("422");
  });

  it("every documented operation really exists (no 404 from the router)", async () => {
    const b = await newActor();
    for (const op of EXPECTED) {
      const [method, path] = op.split(" ");
      const url = `/api${path.replace("{id}", "00000000-0000-0000-0000-000000000000").replace(/\{(userId|clauseId|nominationId|criterionId)\}/, "00000000-0000-0000-0000-000000000001")}`;
      const res = await b.fetch(url, { method: method.toUpperCase(), ...(method === "get" ? {} : { body: "{}", headers: { "content-type": "application/json" } }) });
      if (res.status === 404) {
        const body = (await res.json()) as { instance: string; title: string };
        // A 404 must come from the operation (an unknown object), not from "no such route".
        expect(path, op).toMatch(/\{id\}/);
        expect(body.instance).toBe(url);
      }
      expect(res.status, op).not.toBe(405);
    }
  });
});

describe("errors", () => {
  it("an unknown /api path is a 404 problem; an unknown page is a 404 page", async () => {
    const res = await new Browser().fetch("/api/no-such-thing");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 404, title: "Страница или объект не найдены", instance: "/api/no-such-thing" });

    const page = await new Browser("en").fetch("/no-such-page");
    expect(page.status).toBe(404);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(langOf(html)).toBe("en");
    expect(html).toContain("Page or object not found");
  });

  it("a 70 KB body is refused with 413 before anything is parsed or written", async () => {
    const b = new Browser();
    const before = (await db.prepare("SELECT count(*) AS n FROM users").first<{ n: number }>())!.n;
    const res = await b.api("/accounts/signup", {
      json: { email: "big@example.ru", password: "long-enough-1", displayName: "x".repeat(70 * 1024), consent: true, consentVersion: "2026-11-01" },
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 413, title: "Слишком большой запрос" });
    expect((await db.prepare("SELECT count(*) AS n FROM users").first<{ n: number }>())!.n).toBe(before);

    const form = await b.fetch("/signup", { form: { email: "big@example.ru", displayName: "x".repeat(70 * 1024) } });
    expect(form.status).toBe(413);
  });

  it("a streamed 70 KB body without Content-Length is refused with 413 too", async () => {
    const b = new Browser();
    const token = await b.csrfToken();
    const chunk = new TextEncoder().encode(`{"displayName":"${"x".repeat(10 * 1024)}`);
    let sent = 0;
    const body = new ReadableStream({
      pull(controller) {
        if (sent++ < 7) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await b.fetch("/api/accounts/signup", { method: "POST", body, csrf: false, headers: { "content-type": "application/json", "x-csrf-token": token } });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });

  it("an unexpected error (the database losing a table) is a generic 500 that leaks no message or stack", async () => {
    await db.prepare("ALTER TABLE organisers RENAME TO organisers_away").run();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const api = await new Browser().fetch("/api/organisers");
      expect(api.status).toBe(500);
      expect(api.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      const text = await api.text();
      expect(JSON.parse(text)).toMatchObject({ status: 500, title: "Внутренняя ошибка. Мы уже знаем о ней; повторите попытку позже.", requestId: api.headers.get("x-request-id") });
      const page = await new Browser("en").fetch("/");
      expect(page.status).toBe(500);
      const html = await page.text();
      expect(html).toContain("Internal error");
      for (const body of [text, html]) {
        expect(body).not.toMatch(/no such table|organisers_away|SQLITE|D1_ERROR|stack|\bat .+\.(ts|js):\d+/i);
      }
      // The details go to the log instead, under the request id the person sees.
      const lines = logged.mock.calls.map((args) => String(args[0]));
      expect(lines.some((l) => l.includes(api.headers.get("x-request-id")!) && l.includes("stack"))).toBe(true);
    } finally {
      logged.mockRestore();
      await db.prepare("ALTER TABLE organisers_away RENAME TO organisers").run();
    }
    expect((await new Browser().fetch("/api/organisers")).status).toBe(200);
  });
});

describe("development-only pages", () => {
  const asProduction = async (path: string) => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(ORIGIN + path), { ...(env as any), ENVIRONMENT: "production" }, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };

  it("the mail outbox exists outside production and is linked from the menu", async () => {
    const html = await (await new Browser().fetch("/dev/outbox")).text();
    expect(h1Of(html)).toBe("Исходящая почта (только для разработки)");
  });

  it("in production the outbox does not exist and is not linked", async () => {
    expect((await asProduction("/dev/outbox")).status).toBe(404);
    expect((await asProduction("/dev/outbox.json")).status).toBe(404);
    const home = await asProduction("/");
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).not.toContain("/dev/outbox");
    expect(JSON.parse(pageDataText(html)).dev).toBe(false);
  });
});
