// The demo competitions' pages in a real browser, one per stage (scripts/demo/competitions.ts): the
// list, each competition's page, a nomination's entries, an entry, the results with the CSV (2025,
// published), the ballot and a receipt (the ТОС contest, voting), the expert's list and scoring form
// and the organiser's jury and progress pages (2026, evaluation), the votes report, «Мои заявки», the
// entry form's errors (the youth competition, entries open). Every page goes through checkPage (axe,
// hydration, console/CSP errors, unique ids) and checkPhone (375 px). The ballot and the scoring form
// are also operated by the keyboard alone (Tab, arrows, Space, Enter) with the focus visible.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { activeElement, api, checkPage, checkPhone, clickAndLoad, DEMO, DEMO_PASSWORD, disconnectBrowser, openSession, signIn, signUpResident, visit, type Session } from "./harness.ts";

afterAll(() => disconnectBrowser());

const C = {
  results: "/competitions/demo-comp-ggzh-2025",
  evaluation: "/competitions/demo-comp-ggzh-2026",
  voting: "/competitions/demo-comp-nsk-tos",
  entry: "/competitions/demo-comp-youth",
  announced: "/competitions/demo-comp-media",
};
const RECEIPT = "G2YP-1FAS-Y4N7-17R4";
const EXPERT = "expert@uchastie.local";

const main = (s: Session) => s.page.locator("main");
const text = async (s: Session) => ((await main(s).textContent()) ?? "").replace(/\s+/g, " ");
const path = (p: Page) => new URL(p.url()).pathname;
const flash = (s: Session) => s.page.locator(".notice--ok[role=status]").first();

/** visit + checkPhone: the page at desktop width and at 375 px. */
async function both(s: Session, url: string, label: string) {
  await visit(s, url, label);
  await checkPhone(s, label);
}

/** Presses Tab until the focused element satisfies `pred` (at most `max` times); returns it. */
async function tabTo(page: Page, pred: (el: NonNullable<Awaited<ReturnType<typeof activeElement>>>) => boolean, what: string, max = 120) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const el = await activeElement(page);
    if (el && pred(el)) return el;
  }
  throw new Error(`Tab never reached ${what}`);
}

/** The focused element shows where it is: an outline or a focus ring (box-shadow). */
const focusVisible = (el: NonNullable<Awaited<ReturnType<typeof activeElement>>>) => (el.outlineStyle !== "none" && el.outlineWidth !== "0px") || el.boxShadow !== "none";

describe("competitions: the demo's pages", () => {
  it("a visitor reads every stage's pages: list, competitions, entries, an entry, results and CSV, the ballot's gate, a receipt", { timeout: 180_000 }, async () => {
    const v = await openSession();
    try {
      await both(v, "/competitions", "competitions list");
      const list = await text(v);
      for (const title of ["Город, где хочется жить", "Конкурс социально значимых проектов ТОС", "Лучший проект молодёжного самоуправления", "Город в зеркале СМИ"]) expect(list).toContain(title);
      await visit(v, "/competitions?stage=voting", "competitions list: voting");
      await expect(main(v).locator("a", { hasText: "ТОС" }).count()).resolves.toBeGreaterThan(0);

      for (const [stage, url] of Object.entries(C)) await both(v, url, `competition page (${stage})`);
      // The stage-dependent links.
      await v.page.goto(C.voting);
      await expect(main(v).getByRole("link", { name: "Голосовать" }).count()).resolves.toBe(1);
      await v.page.goto(C.entry);
      await expect(main(v).getByRole("link", { name: "Подать заявку" }).count()).resolves.toBe(1);
      await v.page.goto(C.announced);
      await expect(main(v).getByRole("link", { name: "Подать заявку" }).count()).resolves.toBe(0);

      // 2025: the method in words, a nomination's entries, an entry with its result.
      await v.page.goto(C.results);
      const page2025 = await text(v);
      expect(page2025).toContain("Как подводятся итоги");
      await clickAndLoad(v.page, main(v).getByRole("link", { name: /^Допущенных заявок: \d+$/ }).first());
      expect(path(v.page)).toBe(`${C.results}/entries`);
      await checkPage(v, "nomination's entries (2025)");
      await checkPhone(v, "nomination's entries (2025)");
      const entryLink = main(v).locator(`a[href^="${C.results}/entries/"]`).first();
      const entryTitle = (await entryLink.textContent())!.trim();
      await clickAndLoad(v.page, entryLink);
      await checkPage(v, "entry page (2025)");
      await checkPhone(v, "entry page (2025)");
      expect(await main(v).locator("h1").textContent()).toContain(entryTitle);

      // Results: a ranking per nomination with its parts, winners marked, the method; the CSV.
      await both(v, `${C.results}/results`, "results (2025)");
      const results = await text(v);
      expect(results).toContain("Как подсчитаны итоги");
      expect(await main(v).locator("table").count()).toBe(3);
      expect(await main(v).locator("tbody .badge").count()).toBeGreaterThanOrEqual(3);
      const csv = await v.context.request.get(`${C.results}/results.csv`);
      expect(csv.status()).toBe(200);
      expect(csv.headers()["content-disposition"]).toContain("attachment");
      const body = await csv.text();
      expect(body.charCodeAt(0)).toBe(0xfeff);
      const lines = body.slice(1).split(/\r?\n/).filter(Boolean);
      expect(lines[0].startsWith("Номинация;Место;Заявка;Город;")).toBe(true);
      expect(lines.length).toBe(22); // the header and 21 entries

      // The ballot without an account: the entries and a way to sign in, no buttons.
      await both(v, `${C.voting}/vote`, "ballot (visitor)");
      expect(await text(v)).toContain("Войдите,");
      await expect(main(v).locator(".ballot button").count()).resolves.toBe(0);

      // member@'s receipt, checked by anyone.
      await both(v, "/competitions/receipt", "receipt check form");
      await v.page.getByLabel("Код квитанции").fill(RECEIPT.toLowerCase().replace(/-/g, ""));
      await clickAndLoad(v.page, main(v).getByRole("button", { name: "Проверить" }));
      await checkPage(v, "receipt check: counted");
      await checkPhone(v, "receipt check: counted");
      expect(await text(v)).toContain("Голос учтён");
      await visit(v, "/competitions/receipt?code=AAAA-BBBB-CCCC-DDDD", "receipt check: unknown", 404);
      expect(await text(v)).toContain("Квитанция с таким кодом не найдена");
    } finally {
      await v.close();
    }
  });

  it("a resident votes by the keyboard alone; member@ sees the vote and «Мои заявки»", { timeout: 120_000 }, async () => {
    const r = await openSession();
    const m = await openSession();
    try {
      await signIn(r, DEMO.resident, DEMO_PASSWORD);
      await both(r, `${C.voting}/vote`, "ballot (resident)");
      const first = main(r).locator(".ballot__item").first();
      const title = (await first.locator(".ballot__title").textContent())!.trim();
      const button = await tabTo(r.page, (el) => el.tag === "button" && el.text.includes(`за заявку «${title}»`), "the first entry's vote button");
      expect(focusVisible(button), `focus ring on ${JSON.stringify(button)}`).toBe(true);
      await Promise.all([r.page.waitForEvent("load"), r.page.keyboard.press("Space")]);
      await checkPage(r, "receipt after a keyboard vote");
      await checkPhone(r, "receipt after a keyboard vote");
      expect(await text(r)).toContain("Ваш голос принят");
      const code = (await r.page.locator(".receipt-code code").textContent())!.trim();
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      // Back to the ballot by keyboard: the link, then Enter.
      await tabTo(r.page, (el) => el.tag === "a" && el.text === "Вернуться к заявкам номинации", "the link back");
      await Promise.all([r.page.waitForEvent("load"), r.page.keyboard.press("Enter")]);
      await checkPage(r, "ballot with my vote");
      expect(await main(r).locator(".ballot__item--mine").textContent()).toContain(title);
      await expect(main(r).locator(".ballot__item--mine button").count()).resolves.toBe(0);

      await signIn(m, DEMO.member, DEMO_PASSWORD);
      await m.page.goto(`${C.voting}/vote`);
      // member@ voted in «Соседское сообщество»: the nomination nav leads there and the ballot marks it.
      await clickAndLoad(m.page, main(m).getByRole("link", { name: /Соседское сообщество/ }).first());
      await checkPage(m, "ballot with member's demo vote");
      await expect(main(m).locator(".ballot__item--mine").count()).resolves.toBe(1);
      await both(m, "/competitions/mine", "my entries (member)");
      await both(m, "/me/notifications", "notifications (member)");
      expect(await text(m)).toContain("победитель в номинации");
    } finally {
      await Promise.all([r.close(), m.close()]);
    }
  });

  it("expert@ reads the assigned entries and scores one by the keyboard alone (a draft)", { timeout: 120_000 }, async () => {
    const s = await openSession();
    try {
      await signIn(s, EXPERT, DEMO_PASSWORD);
      await both(s, C.evaluation, "competition page (expert)");
      await both(s, `${C.evaluation}/conflicts`, "conflicts page (expert, declared)");
      await both(s, `${C.evaluation}/review`, "review list (expert)");
      const todo = main(s).locator(".review-list .card", { hasText: "Не оценена" }).first();
      await clickAndLoad(s.page, todo.locator("h2 a"));
      await checkPage(s, "scoring form (expert)");
      await checkPhone(s, "scoring form (expert)");
      const entryUrl = path(s.page);
      const groups = main(s).locator("fieldset.criterion");
      const n = await groups.count();
      expect(n).toBeGreaterThan(1);

      // Each criterion: Tab into its radio group, arrows to 7 (which needs no comment).
      for (let i = 0; i < n; i++) {
        const name = await groups.nth(i).locator("input[type=radio]").first().getAttribute("name");
        const radio = await tabTo(s.page, (el) => el.type === "radio" && el.name === name, `criterion ${i + 1}`);
        expect(focusVisible(radio), `focus ring on criterion ${i + 1}`).toBe(true);
        const min = Number(await groups.nth(i).locator("input[type=radio]").first().getAttribute("value"));
        for (let k = min; k < 7; k++) await s.page.keyboard.press("ArrowRight");
        await expect(groups.nth(i).locator('input[type=radio][value="7"]').isChecked()).resolves.toBe(true);
      }
      const save = await tabTo(s.page, (el) => el.tag === "button" && el.text === "Сохранить черновик", "«Сохранить черновик»");
      expect(focusVisible(save)).toBe(true);
      await Promise.all([s.page.waitForEvent("load"), s.page.keyboard.press("Enter")]);
      expect(path(s.page)).toBe(entryUrl);
      await checkPage(s, "scoring form: draft saved by keyboard");
      expect(await flash(s).textContent()).toContain("Черновик оценки сохранён.");
      for (let i = 0; i < n; i++) await expect(groups.nth(i).locator('input[type=radio][value="7"]').isChecked()).resolves.toBe(true);
      // Another expert's sheets are not shown during the stage.
      expect(await text(s)).not.toContain("Оценки экспертов");

      // A submitted sheet of the demo: read-only, the expert's own total.
      await s.page.goto(`${C.evaluation}/review`);
      const done = main(s).locator(".review-list .card", { hasText: "Оценка отправлена" }).first();
      await clickAndLoad(s.page, done.locator("h2 a"));
      await checkPage(s, "submitted sheet (expert)");
      await checkPhone(s, "submitted sheet (expert)");
      expect(await text(s)).toContain("Оценка отправлена и больше не меняется.");
      await expect(main(s).locator("form button[name=action]").count()).resolves.toBe(0);
    } finally {
      await s.close();
    }
  });

  it("the organisers' pages: jury, evaluation progress, the moderation queue, the votes report", { timeout: 120_000 }, async () => {
    const o = await openSession();
    const admin = await openSession();
    const nskAdmin = await openSession();
    try {
      await signIn(o, DEMO.organiser, DEMO_PASSWORD);
      await both(o, `${C.evaluation}/experts`, "experts page (2026)");
      expect(await text(o)).toContain("Распределение заявок");
      await both(o, `${C.evaluation}/evaluation`, "evaluation progress (2026)");
      expect(await text(o)).toMatch(/Заявки с большим расхождением оценок \(\d+\)/);
      await both(o, C.entry, "competition page (organiser, entries open)");
      expect(await text(o)).toContain("Завершить этап «Приём заявок» сейчас");
      // A signed-in organiser's header has every link (moderation, admin, profile, notifications): it wraps, nothing scrolls sideways.
      const widths = await o.page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(widths.scroll, "no sideways scrolling at 1280 px").toBeLessThanOrEqual(widths.client);
      await both(o, "/moderation?organiser=org-mag", "moderation queue (МАГ)");
      await both(o, `${C.results}/results`, "results (organiser, published)");
      await both(o, `${C.results}/votes`, "votes report (2025, read-only)");
      expect(await text(o)).toContain("Итоги опубликованы: отчёт доступен для просмотра");

      // Nobody of the demo administers Мэрия Новосибирска: admin@ makes a new account its admin (set-up, by the API).
      await signIn(admin, DEMO.admin, DEMO_PASSWORD);
      const email = await signUpResident(nskAdmin, "Секретарь конкурса ТОС");
      await api(admin, "POST", "/api/admin/roles", { email, role: "organiser_admin", organiserId: "org-nsk" });
      await both(nskAdmin, `${C.voting}/votes`, "votes report (ТОС, voting)");
      const report = await text(nskAdmin);
      expect(report).toMatch(/Учтено голосов в номинации: \d+/);
      expect(report).not.toContain("Таких сетей нет.");
      // The demo's burst: six new accounts from one network voted within an hour, a day ago.
      expect(report).toContain("Всплеск");
      await both(nskAdmin, C.voting, "competition page (ТОС organiser)");
      expect(await text(nskAdmin)).toContain("Завершить этап «Народное голосование» сейчас");
    } finally {
      await Promise.all([o.close(), admin.close(), nskAdmin.close()]);
    }
  });

  it("the entry form refuses an empty submission with readable Russian errors linked to the fields, and creates nothing", { timeout: 90_000 }, async () => {
    const s = await openSession();
    try {
      await signIn(s, DEMO.nko, DEMO_PASSWORD);
      await both(s, "/competitions/mine", "my entries (nko)");
      const before = await main(s).locator("li").count();
      await both(s, `${C.entry}/enter`, "entry form");
      await clickAndLoad(s.page, main(s).getByRole("button", { name: "Подать заявку" }));
      await checkPage(s, "entry form: empty submission", { allowStatus: 422 });
      await checkPhone(s, "entry form: empty submission");
      expect((await activeElement(s.page))?.id).toBe("error-summary");
      const summary = s.page.locator("#error-summary");
      const items = await summary.locator("li").allTextContents();
      expect(items.length).toBeGreaterThanOrEqual(6);
      for (const item of items) expect(item, "each error is in Russian").toMatch(/[А-Яа-яЁё]/);
      expect(items.join("\n")).toContain("Номинация: ");
      expect(items.join("\n")).toContain("Название практики: Заполните это поле");
      // Every link leads to its field, which says what is wrong next to it.
      const links = summary.locator("a");
      for (let i = 0; i < (await links.count()); i++) {
        const href = (await links.nth(i).getAttribute("href"))!;
        const field = s.page.locator(href);
        await expect(field.count(), `${href} exists`).resolves.toBe(1);
        expect(await field.getAttribute("aria-invalid"), `${href} is marked invalid`).toBe("true");
      }
      await links.filter({ hasText: "Название практики" }).click();
      expect((await activeElement(s.page))?.id).toBe("f-title");

      await s.page.goto("/competitions/mine");
      await expect(main(s).locator("li").count()).resolves.toBe(before);
    } finally {
      await s.close();
    }
  });
});
