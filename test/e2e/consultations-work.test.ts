// The consultations' work pages in a real browser, through the pages as people use them: the draft
// editor's corrections on a short pasted text (merge, a move done with the keyboard alone, split,
// insert, delete, addressees, renumber — the numbers and texts checked after each); remarks on the
// open demo 004 (a new resident supports member@'s remark, replies to it — its author is notified —
// and reports it; the org-nsk moderator hides it from /moderation and it leaves the clause page); the
// implementation of the adopted demo 003 (a past due date and a dated note «в работе»: the public
// pages show «Просрочено», /implementation?overdue=1 lists it, the Atom feed gains the entry); and
// the organiser's dispositions page while it is editable (the bulk form refused without a reason,
// then applied to two remarks; a remark's own form for the third). Every page goes through
// checkPage (axe, hydration, console/CSP errors, unique ids); the main ones also at 375 px.
// The demo changes made here: demo-r-004-3 hidden, supported and answered; demo-cm-003-5 gets a note
// (its due date and status are put back); two new MAG consultations (a draft and a closed one).
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { activeElement, api, checkPage, checkPhone, clickAndLoad, DEMO, DEMO_PASSWORD, disconnectBrowser, openSession, signIn, signUpResident, waitForMail, type Session } from "./harness.ts";

afterAll(() => disconnectBrowser());

const MINUTE = 60_000;
const DAY = 86_400_000;
const moscowLocal = (ms: number) => new Date(ms + 3 * 3_600_000).toISOString().slice(0, 16);

const main = (s: Session) => s.page.locator("main");
const flash = (s: Session) => s.page.locator(".notice--ok[role=status]").first();
const path = (p: Page) => new URL(p.url()).pathname;

async function session() {
  const s = await openSession();
  s.context.setDefaultTimeout(30_000);
  return s;
}

const DRAFT = [
  "Участники конференции РЕКОМЕНДУЮТ:",
  "1. Мэрии города Новосибирска провести конкурс проектов ТОС.",
  "2. Совету депутатов города Новосибирска рассмотреть вопрос о поддержке ТОС.",
  "2.1. Предусмотреть средства на поддержку ТОС в бюджете города.",
  "2.2. Провести публичные слушания по бюджету в каждом районе.",
  "- организовать трансляцию слушаний в интернете;",
  "3. Продолжить работу «Школы ТОС».",
  "Проводить занятия по вечерам и в выходные дни.",
].join("\n");

/** The editor as the page shows it: each clause's heading («Пункт 2.1 — адресаты») and its text. */
const editorState = (s: Session) =>
  s.page.locator("main li.draft-clause").evaluateAll((lis) =>
    lis.map((li) => `${li.querySelector("h2.draft-clause__title")!.textContent!.trim()} | ${(li.querySelector("form.clause-form textarea[name=text]") as HTMLTextAreaElement).value}`),
  );

/** A clause's block in the editor, by its heading («Пункт 2.2», «Пункт (без номера)» …) and, if needed, the start of its text. */
const editorClause = (s: Session, label: string, text?: string) =>
  s.page
    .locator("main li.draft-clause", {
      has: s.page.locator("h2.draft-clause__title", { hasText: new RegExp(`^${label.replace(/[.()]/g, "\\$&")}(\\s|$)`) }),
      ...(text ? { hasText: text } : {}),
    })
    .first();

describe("the draft editor's corrections", () => {
  it("merge, move (keyboard only), split, insert, delete, addressees, renumber — each checked on the page", { timeout: 120_000 }, async () => {
    const s = await session();
    const { page } = s;
    const suffix = Date.now().toString(36).slice(-5);
    const saved = async (label: string, message = "Пункт сохранён") => {
      await checkPage(s, label);
      expect(await flash(s).textContent(), label).toContain(message);
    };
    try {
      await signIn(s, DEMO.organiser, DEMO_PASSWORD);
      await page.goto("/consultations/new");
      await checkPage(s, "new consultation form");
      await page.locator("#f-organiserId").selectOption({ label: "Международная Ассамблея столиц и крупных городов" });
      await page.getByLabel("Название документа").fill(`Рекомендации конференции ТОС (${suffix})`);
      await page.getByLabel("Приём замечаний начинается").fill(moscowLocal(Date.now() + DAY));
      await page.getByLabel("Приём замечаний заканчивается").fill(moscowLocal(Date.now() + 15 * DAY));
      await page.getByLabel("Текст проекта").fill(DRAFT);
      await clickAndLoad(page, main(s).getByRole("button", { name: "Создать черновик" }));
      await checkPage(s, "draft editor");
      expect(path(page)).toMatch(/^\/consultations\/[^/]+\/draft$/);
      // The parser's reading: a heading, 1, 2, 2.1, 2.2, the bullet under 2.2, and 3 with two paragraphs.
      expect(await editorState(s)).toEqual([
        "Раздел (без номера) | Участники конференции РЕКОМЕНДУЮТ:",
        "Пункт 1 — Мэрии города Новосибирска | Мэрии города Новосибирска провести конкурс проектов ТОС.",
        "Пункт 2 | Совету депутатов города Новосибирска рассмотреть вопрос о поддержке ТОС.",
        "Пункт 2.1 | Предусмотреть средства на поддержку ТОС в бюджете города.",
        "Пункт 2.2 | Провести публичные слушания по бюджету в каждом районе.",
        "Подпункт (без номера) | организовать трансляцию слушаний в интернете;",
        "Пункт 3 | Продолжить работу «Школы ТОС».\nПроводить занятия по вечерам и в выходные дни.",
      ]);

      // ——— Merge: the bullet becomes the second line of 2.2 ———
      await clickAndLoad(page, editorClause(s, "Подпункт (без номера)").getByRole("button", { name: /^Объединить с предыдущим/ }));
      await saved("draft editor after merging");
      const c22 = await editorClause(s, "Пункт 2.2").getAttribute("id");
      // Back at the clause that grew.
      expect(new URL(page.url()).hash).toBe(`#${c22}`);
      expect(await editorState(s)).toEqual([
        "Раздел (без номера) | Участники конференции РЕКОМЕНДУЮТ:",
        "Пункт 1 — Мэрии города Новосибирска | Мэрии города Новосибирска провести конкурс проектов ТОС.",
        "Пункт 2 | Совету депутатов города Новосибирска рассмотреть вопрос о поддержке ТОС.",
        "Пункт 2.1 | Предусмотреть средства на поддержку ТОС в бюджете города.",
        "Пункт 2.2 | Провести публичные слушания по бюджету в каждом районе.\nорганизовать трансляцию слушаний в интернете;",
        "Пункт 3 | Продолжить работу «Школы ТОС».\nПроводить занятия по вечерам и в выходные дни.",
      ]);

      // ——— Move 2.2 above 2.1 with the keyboard alone: Tab from the clause the page returned to, Enter on «Выше» ———
      const order: string[] = [];
      let reached = false;
      for (let i = 0; i < 20 && !reached; i++) {
        await page.keyboard.press("Tab");
        const f = (await activeElement(page))!;
        order.push(f.id || f.text || f.tag);
        expect.soft(f.outlineStyle !== "none" || f.boxShadow !== "none", `focus visible on ${order.at(-1)}`).toBe(true);
        reached = f.tag === "button" && f.text.startsWith("Выше");
      }
      expect(reached, `«Выше» of 2.2 reached by Tab; went through ${order.join(", ")}`).toBe(true);
      // The first stop after the returned-to clause is that clause's own first field.
      expect(order[0]).toBe(`c-${c22!.slice("clause-".length)}-save-number`);
      await Promise.all([page.waitForEvent("load"), page.keyboard.press("Enter")]);
      await saved("draft editor after moving 2.2 up");
      expect(await editorState(s)).toEqual([
        "Раздел (без номера) | Участники конференции РЕКОМЕНДУЮТ:",
        "Пункт 1 — Мэрии города Новосибирска | Мэрии города Новосибирска провести конкурс проектов ТОС.",
        "Пункт 2 | Совету депутатов города Новосибирска рассмотреть вопрос о поддержке ТОС.",
        "Пункт 2.2 | Провести публичные слушания по бюджету в каждом районе.\nорганизовать трансляцию слушаний в интернете;",
        "Пункт 2.1 | Предусмотреть средства на поддержку ТОС в бюджете города.",
        "Пункт 3 | Продолжить работу «Школы ТОС».\nПроводить занятия по вечерам и в выходные дни.",
      ]);

      // ——— Split 3 before its second paragraph ———
      let clause = editorClause(s, "Пункт 3");
      await clause.locator("summary", { hasText: "Разделить пункт" }).click();
      await clause.getByLabel("Проводить занятия по вечерам и в выходные дни.").check();
      await clickAndLoad(page, clause.getByRole("button", { name: "Разделить", exact: true }));
      await saved("draft editor after splitting 3");
      expect((await editorState(s)).slice(5)).toEqual(["Пункт 3 | Продолжить работу «Школы ТОС».", "Пункт (без номера) | Проводить занятия по вечерам и в выходные дни."]);

      // ——— Insert a clause after 1 ———
      clause = editorClause(s, "Пункт 1");
      const insert = clause.locator("details", { has: page.locator("summary", { hasText: "Добавить пункт после этого" }) });
      await insert.locator("summary").click();
      await insert.getByLabel(/^Текст/).fill("Мэрии города Новосибирска опубликовать итоги конкурса на сайте мэрии.");
      await insert.getByLabel("Адресаты").fill("Мэрии города Новосибирска");
      await clickAndLoad(page, insert.getByRole("button", { name: "Добавить" }));
      await saved("draft editor after inserting a clause");
      expect((await editorState(s)).slice(1, 4)).toEqual([
        "Пункт 1 — Мэрии города Новосибирска | Мэрии города Новосибирска провести конкурс проектов ТОС.",
        "Пункт (без номера) — Мэрии города Новосибирска | Мэрии города Новосибирска опубликовать итоги конкурса на сайте мэрии.",
        "Пункт 2 | Совету депутатов города Новосибирска рассмотреть вопрос о поддержке ТОС.",
      ]);

      // ——— Delete 2.1 ———
      clause = editorClause(s, "Пункт 2.1");
      await clause.locator("summary", { hasText: "Удалить пункт" }).click();
      await clickAndLoad(page, clause.getByRole("button", { name: "Да, удалить" }));
      await saved("draft editor after deleting 2.1", "Изменения сохранены");
      expect((await editorState(s)).join("\n")).not.toContain("Предусмотреть средства");

      // ——— Addressees of 2 ———
      clause = editorClause(s, "Пункт 2");
      await clause.locator("form.clause-form").first().getByLabel("Адресаты").fill("Совету депутатов города Новосибирска\nМэрии города Новосибирска");
      await clickAndLoad(page, clause.getByRole("button", { name: "Сохранить пункт" }));
      await saved("draft editor after editing the addressees of 2");
      expect((await editorState(s))[3]).toBe("Пункт 2 — Совету депутатов города Новосибирска; Мэрии города Новосибирска | Совету депутатов города Новосибирска рассмотреть вопрос о поддержке ТОС.");

      // ——— Renumber ———
      await clickAndLoad(page, main(s).getByRole("button", { name: "Перенумеровать все пункты" }));
      await saved("draft editor after renumbering", "Пункты перенумерованы");
      expect(await editorState(s)).toEqual([
        "Раздел (без номера) | Участники конференции РЕКОМЕНДУЮТ:",
        "Пункт 1 — Мэрии города Новосибирска | Мэрии города Новосибирска провести конкурс проектов ТОС.",
        "Пункт 2 — Мэрии города Новосибирска | Мэрии города Новосибирска опубликовать итоги конкурса на сайте мэрии.",
        "Пункт 3 — Совету депутатов города Новосибирска; Мэрии города Новосибирска | Совету депутатов города Новосибирска рассмотреть вопрос о поддержке ТОС.",
        "Пункт 3.1 | Провести публичные слушания по бюджету в каждом районе.\nорганизовать трансляцию слушаний в интернете;",
        "Пункт 4 | Продолжить работу «Школы ТОС».",
        "Пункт 5 | Проводить занятия по вечерам и в выходные дни.",
      ]);
      expect(await main(s).locator(".lead").textContent()).toContain("Пунктов: 7");
    } finally {
      await s.close();
    }
  });
});

const C004 = "/consultations/demo-cons-004";
const TITLE_004 = "Резолюция VIII Форума городских сообществ «Активный город»";
/** demo-r-004-3: member@'s comment on 3.2 of the first section, shown with her name, nobody's support yet. */
const REMARK = "demo-r-004-3";
const REMARK_TEXT = "Молодёжь охотно идёт в проекты с понятным результатом";

describe("remarks: support, reply, report, hide", () => {
  it("a new resident supports and answers another's remark and reports it; the moderator hides it for everyone", { timeout: 120_000 }, async () => {
    const suffix = Date.now().toString(36).slice(-5);
    const REPLY = `Согласна, и добавить субботники с понятным итогом (${suffix}).`;
    const HIDE_REASON = `Проверка скрытия замечания (${suffix})`;
    const [resident, author, moderator, visitor] = await Promise.all([session(), session(), session(), session()]);
    try {
      const name = `Вера Отвечающая ${suffix}`;
      await Promise.all([signUpResident(resident, name), signIn(author, DEMO.member, DEMO_PASSWORD), signIn(moderator, DEMO.moderator, DEMO_PASSWORD)]);
      const r = resident.page;

      // ——— Support, on the clause page ———
      await r.goto(`${C004}/remarks/${REMARK}`);
      await checkPage(resident, "remark page (resident)");
      await clickAndLoad(r, main(resident).getByRole("link", { name: "К пункту" }));
      await checkPage(resident, "clause page 3.2 (resident)");
      const clausePath = path(r);
      let card = main(resident).locator(`article#remark-${REMARK}`);
      expect(await card.locator(".remark__actions").textContent()).toContain("Поддержали: 0");
      await clickAndLoad(r, card.getByRole("button", { name: "Поддержать" }));
      await checkPage(resident, "clause page after supporting");
      expect(path(r)).toBe(clausePath);
      card = main(resident).locator(`article#remark-${REMARK}`);
      const actions = await card.locator(".remark__actions").textContent();
      expect(actions).toContain("Поддержали: 1");
      expect(actions).toContain("Вы поддержали это замечание");
      await expect(card.getByRole("button", { name: "Отозвать поддержку" }).count()).resolves.toBe(1);
      await expect(card.getByRole("button", { name: "Поддержать" }).count()).resolves.toBe(0);

      // ——— A reply on the remark's page; its author hears of it ———
      await clickAndLoad(r, card.getByRole("link", { name: "Ответов: 0" }));
      await checkPage(resident, "remark page (reply form)");
      expect(path(r)).toBe(`${C004}/remarks/${REMARK}`);
      await r.getByLabel("Ваш комментарий").fill(REPLY);
      await clickAndLoad(r, main(resident).getByRole("button", { name: "Отправить комментарий" }));
      await checkPage(resident, "remark page after the reply");
      await expect(main(resident).locator("#comments article.comment", { hasText: REPLY }).count()).resolves.toBe(1);
      const replied = `${name} отвечает на ваше замечание к проекту «${TITLE_004}»`;
      await author.page.goto("/me/notifications");
      await checkPage(author, "notifications of the remark's author");
      await expect(main(author).locator("li.card", { hasText: replied }).count()).resolves.toBe(1);
      await waitForMail(DEMO.member, replied);

      // ——— A report from the remark's page ———
      await clickAndLoad(r, main(resident).locator(`article#remark-${REMARK}`).getByRole("link", { name: "Пожаловаться" }));
      await checkPage(resident, "report form (remark)");
      expect(new URL(r.url()).search).toBe(`?type=remark&id=${REMARK}`);
      await r.getByRole("group", { name: "Причина жалобы" }).getByRole("radio", { name: "Не по теме" }).check();
      await r.getByLabel("Подробности").fill(`Проверка жалобы на замечание (${suffix})`);
      await clickAndLoad(r, main(resident).getByRole("button", { name: "Отправить жалобу" }));
      await checkPage(resident, "report sent (remark)");
      expect(await main(resident).locator("h1").textContent()).toBe("Жалоба отправлена");

      // ——— The org-nsk moderator hides it with a reason ———
      const m = moderator.page;
      await m.goto("/moderation");
      await checkPage(moderator, "moderation queue with the remark");
      const item = main(moderator).locator("article.card", { hasText: REMARK_TEXT });
      await expect(item.count()).resolves.toBe(1);
      expect(await item.textContent()).toContain("Не по теме: 1");
      const decision = item.locator("form[action$='/decision']");
      await decision.getByLabel("Действие").selectOption({ label: "Скрыть" });
      await decision.getByLabel("Причина (её увидит автор)").fill(HIDE_REASON);
      await clickAndLoad(m, decision.getByRole("button", { name: "Принять решение" }));
      await checkPage(moderator, "moderation queue after hiding the remark");
      expect(await flash(moderator).textContent()).toContain("Решение принято.");
      await expect(main(moderator).locator("article.card", { hasText: REMARK_TEXT }).count()).resolves.toBe(0);

      // ——— Gone from the clause page for a visitor (and for the resident who reported it) ———
      await visitor.page.goto(clausePath);
      await checkPage(visitor, "clause page 3.2 (visitor) after hiding");
      await expect(main(visitor).locator(`article#remark-${REMARK}`).count()).resolves.toBe(0);
      expect(await main(visitor).textContent()).not.toContain(REMARK_TEXT);
      await r.goto(clausePath);
      await checkPage(resident, "clause page 3.2 (reporter) after hiding");
      expect(await main(resident).textContent()).not.toContain(REMARK_TEXT);
      // Its author still sees it, with the moderator's reason.
      await author.page.goto(`${C004}/remarks/${REMARK}`);
      await checkPage(author, "hidden remark (its author)");
      expect(await main(author).textContent()).toContain("Замечание скрыто модератором");
      expect(await main(author).textContent()).toContain(HIDE_REASON);
    } finally {
      await Promise.all([resident.close(), author.close(), moderator.close(), visitor.close()]);
    }
  });
});

const C003 = "/consultations/demo-cons-003";
/** demo-cm-003-5: 2.1 of the adopted 003, «Экспертному совету МАГ», not started, due in 20 days. */
const COMMITMENT = "demo-cm-003-5";
/** A calendar date as the pages write it («3 мая 2026 г.»). */
const calendarDate = (iso: string) => new Intl.DateTimeFormat("ru-RU", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
const moscowDate = (ms: number) => new Date(ms + 3 * 3_600_000).toISOString().slice(0, 10);

/** The Atom feed's entries (title and link), parsed by the browser's XML parser. */
async function feedEntries(s: Session) {
  const res = await s.context.request.get("/consultations/feed.atom");
  expect(res.status()).toBe(200);
  const xml = await res.text();
  return s.page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, "application/xml");
    const ns = "http://www.w3.org/2005/Atom";
    return Array.from(doc.getElementsByTagNameNS(ns, "entry")).map((e) => ({
      id: e.getElementsByTagNameNS(ns, "id")[0]?.textContent ?? "",
      title: e.getElementsByTagNameNS(ns, "title")[0]?.textContent ?? "",
      link: e.getElementsByTagNameNS(ns, "link")[0]?.getAttribute("href") ?? "",
    }));
  }, xml);
}

describe("implementation tracking", () => {
  it("the organiser sets a past due date and «в работе» with a dated note; the public pages and the feed follow", { timeout: 90_000 }, async () => {
    const suffix = Date.now().toString(36).slice(-5);
    const NOTE = `Экспертный совет утвердил план мероприятий на 2010 год; идёт сбор предложений городов (${suffix}).`;
    const due = moscowDate(Date.now() - 5 * DAY);
    const notedOn = moscowDate(Date.now() - 2 * DAY);
    const [organiser, visitor] = await Promise.all([session(), session()]);
    const o = organiser.page;
    const v = visitor.page;
    try {
      await signIn(organiser, DEMO.organiser, DEMO_PASSWORD);
      await v.goto("/implementation");
      const before = await feedEntries(visitor);

      await o.goto(`${C003}/implementation`);
      await checkPage(organiser, "implementation 003 (organiser)");
      await clickAndLoad(o, main(organiser).locator(`#commitment-${COMMITMENT}`).getByRole("link", { name: /Изменить/ }));
      await checkPage(organiser, "commitment page");
      expect(path(o)).toBe(`${C003}/commitments/${COMMITMENT}`);
      const edit = main(organiser).locator("section", { has: o.locator("#edit-title") });
      const originalDue = await edit.getByLabel("Срок").inputValue();
      expect(originalDue > moscowDate(Date.now())).toBe(true);

      // The due date moves into the past (the status is left as it is here: the note changes it).
      await edit.getByLabel("Срок").fill(due);
      await clickAndLoad(o, edit.getByRole("button", { name: "Сохранить" }));
      await checkPage(organiser, "commitment page after the new due date");
      expect(await flash(organiser).textContent()).toContain("Поручение сохранено.");
      // A dated progress note that also changes the status (the change the feed announces).
      const note = main(organiser).locator("section", { has: o.locator("#note-title") });
      await note.getByLabel(/^Дата/).fill(notedOn);
      await note.getByLabel(/^Что сделано/).fill(NOTE);
      await note.getByLabel("Изменить статус").selectOption({ label: "В работе" });
      await clickAndLoad(o, note.getByRole("button", { name: "Добавить отметку" }));
      await checkPage(organiser, "commitment page after the note");
      expect(await flash(organiser).textContent()).toContain("Отметка добавлена.");
      const history = main(organiser).locator("section", { has: o.locator("#notes-title") });
      expect(await history.textContent()).toContain(NOTE);
      expect(await history.textContent()).toContain(`${calendarDate(notedOn)} (статус: в работе)`);
      await checkPhone(organiser, "commitment page");

      // ——— The public page of 003: the note, the status and «Просрочено» ———
      await v.goto(`${C003}/implementation`);
      await checkPage(visitor, "implementation 003 (visitor) after the note");
      const card = main(visitor).locator(`article#commitment-${COMMITMENT}`);
      expect(await card.locator("dd .badge").allTextContents()).toEqual(["В работе", "Просрочено"]);
      expect(await card.textContent()).toContain(`Последняя отметка, ${calendarDate(notedOn)}`);
      expect(await card.textContent()).toContain(NOTE);
      expect(await card.textContent()).toContain(calendarDate(due));

      // ——— Portal-wide: among the overdue ———
      await v.goto("/implementation");
      await v.locator("#q-overdue").check();
      await clickAndLoad(v, main(visitor).getByRole("button", { name: "Показать" }));
      await checkPage(visitor, "/implementation, overdue");
      expect(new URL(v.url()).searchParams.get("overdue")).toBe("1");
      const listed = main(visitor).locator(`article#commitment-${COMMITMENT}`);
      await expect(listed.count()).resolves.toBe(1);
      expect(await listed.textContent()).toContain("Просрочено");
      expect(await listed.textContent()).toContain(NOTE);

      // ——— The Atom feed announces the status change, once ———
      const after = await feedEntries(visitor);
      const fresh = after.filter((e) => !before.some((b) => b.id === e.id));
      expect(fresh).toEqual([
        {
          id: expect.any(String),
          title: "Исполнение: «Решение Семнадцатой сессии МАГ» — пункт 2.1, Экспертному совету МАГ — в работе",
          link: expect.stringMatching(new RegExp(`/consultations/demo-cons-003/implementation#commitment-${COMMITMENT}$`)),
        },
      ]);

      // The demo's own state back (due date and status), so the other files' counts of 003 and of the
      // overdue list hold when the whole suite shares this database. The note stays in the history.
      await o.goto(`${C003}/commitments/${COMMITMENT}`);
      await edit.getByLabel("Срок").fill(originalDue);
      await edit.getByLabel("Статус").selectOption({ label: "Не начато" });
      await clickAndLoad(o, edit.getByRole("button", { name: "Сохранить" }));
      expect(await flash(organiser).textContent()).toContain("Поручение сохранено.");
    } finally {
      await Promise.all([organiser.close(), visitor.close()]);
    }
  });
});

describe("the dispositions work page, editable", () => {
  it("one decision for two remarks with the bulk form (the missing reason refused readably), one with a remark's own form", { timeout: 120_000 }, async () => {
    const suffix = Date.now().toString(36).slice(-5);
    const title = `Решение совета по благоустройству (${suffix})`;
    const REASON = "Благоустройство дворов уже входит в план работ на следующий год.";
    const [organiser, first, second] = await Promise.all([session(), session(), session()]);
    const o = organiser.page;
    try {
      await Promise.all([signIn(organiser, DEMO.organiser, DEMO_PASSWORD), signIn(first, DEMO.resident, DEMO_PASSWORD), signIn(second, DEMO.nko, DEMO_PASSWORD)]);
      // Setting the stage through the API (the pages that do this are the flow test's subject): the
      // organiser creates and publishes a three-clause document with the window open, two residents
      // leave three remarks on it. What this test is about is done through the pages below.
      const { id } = await api<{ id: string }>(organiser, "POST", "/api/consultations", {
        organiserId: "org-mag",
        title,
        opensAt: new Date(Date.now() - 10 * MINUTE).toISOString(),
        closesAt: new Date(Date.now() + DAY).toISOString(),
        text: "1. Мэрии провести конкурс дворов.\n2. Управам районов обновить детские площадки.\n3. Жителям участвовать в субботниках.",
      });
      const draft = await api<{ clauses: { id: string; number: string }[] }>(organiser, "GET", `/api/consultations/${id}/draft`);
      await api(organiser, "POST", `/api/consultations/${id}/draft/publish`, {});
      const clause = (n: string) => draft.clauses.find((c) => c.number === n)!.id;
      const BODIES = [`Добавить сроки конкурса (${suffix}).`, `Площадки нужны и во дворах ТОС (${suffix}).`, `Субботники лучше по выходным (${suffix}).`];
      await api(first, "POST", `/api/consultations/${id}/remarks`, { clauseId: clause("1"), kind: "comment", body: BODIES[0] });
      await api(first, "POST", `/api/consultations/${id}/remarks`, { clauseId: clause("2"), kind: "objection", body: BODIES[1] });
      await api(second, "POST", `/api/consultations/${id}/remarks`, { clauseId: clause("3"), kind: "comment", body: BODIES[2] });

      // The window closed on the edit form (a close in the past is accepted there).
      const base = `/consultations/${id}`;
      await o.goto(`${base}/edit`);
      await checkPage(organiser, "edit form (closing the window)");
      await o.getByLabel("Приём замечаний начинается").fill(moscowLocal(Date.now() - 2 * DAY));
      await o.getByLabel("Приём замечаний заканчивается").fill(moscowLocal(Date.now() - MINUTE));
      await clickAndLoad(o, main(organiser).getByRole("button", { name: "Сохранить" }));
      await checkPage(organiser, "edit form after closing the window");
      expect(await flash(organiser).textContent()).toContain("Изменения сохранены");

      await o.goto(`${base}/dispositions`);
      await checkPage(organiser, "dispositions page (editable)");
      await checkPhone(organiser, "dispositions page (editable)");
      const progress = o.locator("#work-progress");
      expect(await progress.textContent()).toBe("Осталось без решения: 3 из 3");
      const item = (body: string) => main(organiser).locator("ol.remark-work-list > li", { hasText: body });
      const bulk = o.locator("#bulk-form");

      // ——— Bulk: «Не учтено» for the first two, the reason forgotten first ———
      const pick = async () => {
        for (const body of BODIES.slice(0, 2)) await item(body).getByLabel("Выбрать для общего решения").check();
      };
      await pick();
      await bulk.getByLabel("Не учтено").check();
      await clickAndLoad(o, bulk.getByRole("button", { name: "Применить к выбранным" }));
      await checkPage(organiser, "dispositions page, bulk form refused", { allowStatus: 422 });
      const summary = bulk.locator(".error-summary[role=alert]");
      await expect(summary.count()).resolves.toBe(1);
      expect(await summary.textContent()).toContain("Укажите обоснование: оно обязательно для всех решений, кроме «Учтено»");
      // The reason's own field says it too, tied to the textarea, and what was chosen is kept.
      expect(await bulk.getByLabel("Обоснование").getAttribute("aria-invalid")).toBe("true");
      await expect(bulk.getByLabel("Не учтено").isChecked()).resolves.toBe(true);
      expect(await progress.textContent()).toBe("Осталось без решения: 3 из 3");
      await checkPhone(organiser, "dispositions page with the error");

      // The refused page keeps the remarks ticked, so only the reason needs adding.
      for (const body of BODIES.slice(0, 2)) await expect(item(body).getByLabel("Выбрать для общего решения").isChecked()).resolves.toBe(true);
      await expect(item(BODIES[2]).getByLabel("Выбрать для общего решения").isChecked()).resolves.toBe(false);
      await bulk.getByLabel("Обоснование").fill(REASON);
      await clickAndLoad(o, bulk.getByRole("button", { name: "Применить к выбранным" }));
      await checkPage(organiser, "dispositions page after the bulk decision");
      expect(await flash(organiser).textContent()).toContain("Решение записано для выбранных замечаний.");
      expect(await progress.textContent()).toBe("Осталось без решения: 1 из 3");
      for (const body of BODIES.slice(0, 2)) {
        expect(await item(body).locator(".badge").first().textContent()).toBe("Не учтено");
        expect(await item(body).textContent()).toContain(REASON);
      }
      expect(await item(BODIES[2]).locator(".badge").first().textContent()).toBe("Решение не принято");

      // ——— The third with its own form: «Учтено» needs no reason ———
      const third = item(BODIES[2]);
      await third.locator("form").getByLabel("Учтено", { exact: true }).check();
      await clickAndLoad(o, third.getByRole("button", { name: "Сохранить решение" }));
      await checkPage(organiser, "dispositions page after the single decision");
      expect(await flash(organiser).textContent()).toContain("Решение сохранено.");
      expect(await progress.textContent()).toBe("Осталось без решения: 0 из 3");
      expect(await item(BODIES[2]).locator(".badge").first().textContent()).toBe("Учтено");
      await expect(main(organiser).getByRole("button", { name: "Опубликовать сводку" }).count()).resolves.toBe(1);
    } finally {
      await Promise.all([organiser.close(), first.close(), second.close()]);
    }
  });
});
