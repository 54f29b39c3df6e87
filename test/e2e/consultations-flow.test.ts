// The scenario in a real browser, through the pages only, as people would do it: the MAG
// organiser pastes the text of seed 004 (a forum's resolution), fixes a typo in one clause and
// publishes; two new residents leave a comment and a new wording on one clause (the wording shown
// word by word); after the window the organiser records a disposition for each (one «Учтено», one
// «Не учтено» with its reason) and publishes the summary (the authors are notified, on the page and
// by mail); version 2 takes the accepted wording in and says so; the organiser marks it adopted with
// the commitments the portal found; a visitor compares the versions, reads the summary and follows
// the implementation. Every page on the way goes through checkPage (axe, hydration, console/CSP
// errors, unique ids); the main ones also at 375 px (checkPhone).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { checkPage, checkPhone, clickAndLoad, DEMO, DEMO_PASSWORD, disconnectBrowser, openSession, signIn, signUpResident, waitForMail, type Session } from "./harness.ts";

afterAll(() => disconnectBrowser());

const SEED_004 = readFileSync(fileURLToPath(new URL("../../scripts/demo/seeds/004_4ae2ef571d6fa131.txt", import.meta.url)), "utf8");
/** Clause 2.2 of the first section as the seed has it (the clause the residents write about). */
const CLAUSE_22 = SEED_004.split("\n")
  .find((l) => l.startsWith("2.2. В рамках формата"))!
  .slice("2.2. ".length)
  .trim();
const OLD_ENDING = "в том числе выездные семинары на территорию ТОС.";
const NEW_ENDING = "в том числе выездные семинары на территориях ТОС не реже двух раз в год.";

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A `datetime-local` value in Moscow time (UTC+3 all year round). */
const moscowLocal = (ms: number) => new Date(ms + 3 * 3_600_000).toISOString().slice(0, 16);
const moscowToday = () => new Date(Date.now() + 3 * 3_600_000).toISOString().slice(0, 10);

const main = (s: Session) => s.page.locator("main");
/** The page's flash message (the first status notice: a page may show others of its own below). */
const flash = (s: Session) => s.page.locator(".notice--ok[role=status]").first();
const path = (p: Page) => new URL(p.url()).pathname;
/** A clause's element on the document page (`li#clause-…`), found by the start of its own text. */
const docClause = (s: Session, text: string) => s.page.locator("main .doc li[id^='clause-'] > p", { hasText: text }).locator("xpath=..");
/** A clause's block in the draft editor, found by its heading («Пункт 2.2 — …»); the first section's comes first. */
const editorClause = (s: Session, label: string) => s.page.locator("main li.draft-clause", { has: s.page.locator("h2.draft-clause__title", { hasText: new RegExp(`^${label.replace(/\./g, "\\.")}(\\s|$)`) }) }).first();

describe("consultation: draft → publish → remarks → dispositions → summary → version 2 → adoption", () => {
  it("goes through the whole life of a consultation in the browser", { timeout: 150_000 }, async () => {
    const suffix = Date.now().toString(36).slice(-5);
    const title = `Резолюция форума «Активный город» (${suffix})`;
    const COMMENT = `Нужно указать сроки обучения в «Школе ТОС» (${suffix}).`;
    const REJECT_REASON = "Сроки обучения определит план работы Экспертного совета на 2025 год.";
    const organiser = await openSession();
    const first = await openSession();
    const second = await openSession();
    const visitor = await openSession();
    // Long pages (a 49-clause editor with its forms) on a busy machine: more than the harness's 10 s.
    for (const s of [organiser, first, second, visitor]) s.context.setDefaultTimeout(30_000);
    try {
      // ——— 1. The organiser pastes the draft, fixes one clause and publishes ———
      await signIn(organiser, DEMO.organiser, DEMO_PASSWORD);
      const o = organiser.page;
      await o.goto("/consultations");
      await checkPage(organiser, "consultations list (organiser)");
      await clickAndLoad(o, main(organiser).getByRole("link", { name: "Новое обсуждение" }));
      await checkPage(organiser, "new consultation form");
      expect(path(o)).toBe("/consultations/new");
      await o.locator("#f-organiserId").selectOption({ label: "Международная Ассамблея столиц и крупных городов" });
      await o.getByLabel("Название документа").fill(title);
      await o.getByLabel("Кто принимает документ").fill("Участники VIII Форума городских сообществ");
      await o.getByLabel("Описание").fill("Проект резолюции по итогам работы секций форума. Оставьте замечания к пунктам.");
      await o.getByLabel("Приём замечаний начинается").fill(moscowLocal(Date.now() - 10 * MINUTE));
      await o.getByLabel("Приём замечаний заканчивается").fill(moscowLocal(Date.now() + 14 * DAY));
      await o.getByLabel("Текст проекта").fill(SEED_004);
      await clickAndLoad(o, main(organiser).getByRole("button", { name: "Создать черновик" }));
      await checkPage(organiser, "draft editor (version 1)");
      const id = /^\/consultations\/([^/]+)\/draft$/.exec(path(o))?.[1];
      expect(id, `landed on ${o.url()}`).toBeTruthy();
      const base = `/consultations/${id}`;
      expect(await flash(organiser).textContent()).toContain("Обсуждение создано");
      expect(await main(organiser).locator("h1").textContent()).toBe("Черновик редакции 1");

      // The parser kept the typist's «мини- парков» in 3.1: the organiser corrects the clause's text.
      let clause = editorClause(organiser, "Пункт 3.1");
      let text = clause.locator("form.clause-form").first().locator("textarea[name=text]");
      const typo = await text.inputValue();
      expect(typo).toContain("мини- парков");
      await text.fill(typo.replace("мини- парков", "мини-парков"));
      await clickAndLoad(o, clause.getByRole("button", { name: "Сохранить пункт" }));
      await checkPage(organiser, "draft editor after saving 3.1");
      expect(await flash(organiser).textContent()).toContain("Пункт сохранён");
      expect(await editorClause(organiser, "Пункт 3.1").locator("form.clause-form").first().locator("textarea[name=text]").inputValue()).toContain("мини-парков");

      const publish = o.locator("#publish");
      await publish.locator("summary").click();
      await clickAndLoad(o, publish.getByRole("button", { name: "Опубликовать" }));
      await checkPage(organiser, "document page after publishing version 1");
      expect(path(o)).toBe(base);
      expect(await main(organiser).locator("h1").textContent()).toBe(title);
      const numbers = await main(organiser).locator(".doc li[id^='clause-'] > p > b").allTextContents();
      expect(numbers.map((n) => n.trim())).toEqual(expect.arrayContaining(["1.", "2.", "2.1.", "2.2.", "3.1."]));
      expect(await docClause(organiser, "При взаимодействии с мэрией").first().textContent()).toContain("мини-парков");
      expect(await main(organiser).locator(".window").textContent()).toContain("Замечания принимаются до");

      // ——— 2. Two residents: a comment, then a new wording of clause 2.2 ———
      const firstEmail = await signUpResident(first, `Анна Комментаторова ${suffix}`);
      const f = first.page;
      await f.goto(base);
      await checkPage(first, "document page (resident)");
      await checkPhone(first, "document page");
      const clause22 = docClause(first, "В рамках формата «Школа ТОС»");
      await expect(clause22.count()).resolves.toBe(1);
      const clauseDomId = await clause22.getAttribute("id");
      await clickAndLoad(f, clause22.locator(":scope > a", { hasText: "Оставить замечание" }));
      await checkPage(first, "clause page 2.2");
      const clausePath = path(f);
      expect(clausePath).toBe(`${base}/clauses/${clauseDomId!.slice("clause-".length)}`);
      expect(await main(first).locator("h1").textContent()).toBe("Пункт 2.2");
      await f.locator("input[name=kind][value=comment]").check();
      await f.getByLabel("Текст замечания").fill(COMMENT);
      await clickAndLoad(f, main(first).getByRole("button", { name: "Отправить замечание" }));
      await checkPage(first, "clause page after the comment");
      expect(await flash(first).textContent()).toContain("Замечание отправлено.");
      await expect(main(first).locator("article.remark", { hasText: COMMENT }).count()).resolves.toBe(1);

      const secondEmail = await signUpResident(second, `Борис Редакторов ${suffix}`);
      const r = second.page;
      await r.goto(clausePath);
      await checkPage(second, "clause page (second resident)");
      await r.locator("input[name=kind][value=wording]").check();
      await r.getByLabel("Предлагаемый текст").fill(CLAUSE_22.replace(OLD_ENDING, NEW_ENDING));
      await r.getByLabel("Текст замечания").fill("Семинары нужны регулярно, а не от случая к случаю.");
      await clickAndLoad(r, main(second).getByRole("button", { name: "Отправить замечание" }));
      await checkPage(second, "clause page after the wording");
      expect(await flash(second).textContent()).toContain("Замечание отправлено.");
      const wording = main(second).locator("article.remark", { has: r.locator(".wording-diff") });
      await expect(wording.count()).resolves.toBe(1);
      // Word by word: the old words struck out, the new ones inserted, the rest as it was.
      expect((await wording.locator(".wording-diff del").allTextContents()).join(" ")).toContain("территорию");
      expect((await wording.locator(".wording-diff ins").allTextContents()).join(" ")).toContain("не реже двух раз в год");
      expect(await wording.locator(".wording-diff").evaluate((p) => Array.from(p.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent).join(""))).toContain("В рамках формата «Школа ТОС» провести обучение");
      await checkPhone(second, "clause page with a wording");

      await r.goto(base);
      await checkPage(second, "document page with remarks");
      expect(await docClause(second, "В рамках формата «Школа ТОС»").locator(":scope > a").textContent()).toBe("Замечаний: 2");

      // ——— 3. After the window: dispositions and the summary ———
      // The window is closed by the organiser on the edit form (a close in the past is accepted there).
      await o.goto(`${base}/edit`);
      await checkPage(organiser, "consultation edit form");
      await o.getByLabel("Приём замечаний начинается").fill(moscowLocal(Date.now() - 2 * DAY));
      await o.getByLabel("Приём замечаний заканчивается").fill(moscowLocal(Date.now() - MINUTE));
      await clickAndLoad(o, main(organiser).getByRole("button", { name: "Сохранить" }));
      await checkPage(organiser, "consultation edit form after closing the window");
      expect(await flash(organiser).textContent()).toContain("Изменения сохранены");

      await o.goto(base);
      await checkPage(organiser, "document page (closed)");
      expect(await main(organiser).locator(".window").textContent()).toContain("Приём замечаний завершён");
      await clickAndLoad(o, main(organiser).getByRole("link", { name: "Решения по замечаниям" }));
      await checkPage(organiser, "dispositions page");
      expect(path(o)).toBe(`${base}/dispositions`);
      const progress = o.locator("#work-progress");
      expect(await progress.textContent()).toBe("Осталось без решения: 2 из 2");
      await checkPhone(organiser, "dispositions page");

      let item = main(organiser).locator("ol.remark-work-list > li", { hasText: COMMENT });
      await item.locator("input[name=disposition][value=rejected]").check();
      await item.getByLabel("Обоснование").fill(REJECT_REASON);
      await clickAndLoad(o, item.getByRole("button", { name: "Сохранить решение" }));
      await checkPage(organiser, "dispositions page after the first decision");
      expect(await progress.textContent()).toBe("Осталось без решения: 1 из 2");

      item = main(organiser).locator("ol.remark-work-list > li", { hasText: "Семинары нужны регулярно" });
      await item.locator("input[name=disposition][value=accepted]").check();
      await clickAndLoad(o, item.getByRole("button", { name: "Сохранить решение" }));
      await checkPage(organiser, "dispositions page after the second decision");
      expect(await progress.textContent()).toBe("Осталось без решения: 0 из 2");
      await clickAndLoad(o, main(organiser).getByRole("button", { name: "Опубликовать сводку" }));
      await checkPage(organiser, "after publishing the summary");
      expect(await flash(organiser).textContent()).toContain("Сводка предложений опубликована");

      // The authors hear of it: on /me/notifications and by mail.
      const rejected = `Ваше замечание к проекту «${title}» не учтено`;
      const accepted = `Ваше замечание к проекту «${title}» учтено`;
      await f.goto("/me/notifications");
      await checkPage(first, "notifications (disposition)");
      const card = main(first).locator("li.card", { hasText: rejected });
      await expect(card.count()).resolves.toBe(1);
      expect(await card.textContent()).toContain(REJECT_REASON);
      expect((await waitForMail(firstEmail, rejected)).text).toContain(REJECT_REASON);
      await waitForMail(secondEmail, accepted);

      // ——— 4. Version 2 takes the accepted wording in ———
      await o.goto(base);
      await clickAndLoad(o, main(organiser).getByRole("link", { name: "Подготовить следующую редакцию" }));
      await checkPage(organiser, "next version form");
      expect(path(o)).toBe(`${base}/versions/new`);
      await expect(o.locator("#f-from-current").isChecked()).resolves.toBe(true);
      await clickAndLoad(o, main(organiser).getByRole("button", { name: "Начать черновик" }));
      await checkPage(organiser, "draft editor (version 2)");
      expect(await flash(organiser).textContent()).toContain("Черновик новой редакции создан");
      expect(await main(organiser).locator("h1").textContent()).toBe("Черновик редакции 2");

      clause = editorClause(organiser, "Пункт 2.2");
      text = clause.locator("form.clause-form").first().locator("textarea[name=text]");
      const v1Text = await text.inputValue();
      expect(v1Text).toContain(OLD_ENDING);
      await text.fill(v1Text.replace(OLD_ENDING, NEW_ENDING));
      await clickAndLoad(o, clause.getByRole("button", { name: "Сохранить пункт" }));
      await checkPage(organiser, "draft editor after editing 2.2");
      clause = editorClause(organiser, "Пункт 2.2");
      // The accepted remark is offered on its clause (the rejected one is not): mark it as taken into account.
      const offered = clause.locator("input[name=remarkIds]");
      await expect(offered.count()).resolves.toBe(1);
      await offered.check();
      await clickAndLoad(o, clause.getByRole("button", { name: "Сохранить отметки" }));
      await checkPage(organiser, "draft editor after linking the remark");
      expect(await flash(organiser).textContent()).toContain("Отметки об учтённых замечаниях сохранены");
      await expect(editorClause(organiser, "Пункт 2.2").locator("input[name=remarkIds]").isChecked()).resolves.toBe(true);

      await publish.locator("summary").click();
      await publish.getByLabel("Что изменилось по сравнению с предыдущей редакцией").fill("Учтено предложение о регулярных выездных семинарах (п. 2.2).");
      await clickAndLoad(o, publish.getByRole("button", { name: "Опубликовать" }));
      await checkPage(organiser, "document page after publishing version 2");
      expect(path(o)).toBe(base);
      expect(await main(organiser).textContent()).toContain("Редакция 2");
      expect(await docClause(organiser, "В рамках формата «Школа ТОС»").first().textContent()).toContain("не реже двух раз в год");

      // ——— 5. The organiser marks version 2 adopted, with the commitments the portal found ———
      await clickAndLoad(o, main(organiser).getByRole("link", { name: "Отметить принятие документа" }));
      await checkPage(organiser, "adoption form");
      expect(path(o)).toBe(`${base}/adopt`);
      const picks = o.locator("#f-commitments input[name=pick]");
      const pickCount = await picks.count();
      expect(pickCount).toBeGreaterThan(5);
      expect(await o.locator("#f-commitments input[name=pick]:checked").count()).toBe(pickCount);
      await o.getByLabel("Дата принятия").fill(moscowToday());
      await o.getByLabel("Кем принят").fill("Участники VIII Форума городских сообществ");
      await clickAndLoad(o, main(organiser).getByRole("button", { name: "Принять документ" }));
      await checkPage(organiser, "after adoption");

      // ——— A visitor: the comparison, the summary, the implementation ———
      const v = visitor.page;
      await v.goto(base);
      await checkPage(visitor, "document page (visitor, adopted)");
      await clickAndLoad(v, main(visitor).getByRole("link", { name: "Сравнить с редакцией 1" }));
      await checkPage(visitor, "compare 1 → 2");
      expect(new URL(v.url()).searchParams.get("from")).toBe("1");
      expect(new URL(v.url()).searchParams.get("to")).toBe("2");
      const changed = v.locator(".compare__item--changed");
      await expect(changed.count()).resolves.toBe(1);
      expect(await changed.textContent()).toContain("2.2");
      expect((await changed.locator("del").allTextContents()).join(" ")).toContain("территорию");
      expect((await changed.locator("ins").allTextContents()).join(" ")).toContain("не реже двух раз в год");
      // The remark version 2 took into account is named beside the clause and leads to its page.
      await expect(changed.locator(".compare__taken a").count()).resolves.toBe(1);
      expect(await changed.locator(".compare__taken a").getAttribute("href")).toMatch(new RegExp(`^${base}/remarks/`));
      await checkPhone(visitor, "compare 1 → 2");

      await v.goto(base);
      await clickAndLoad(v, main(visitor).getByRole("link", { name: "Сводка предложений" }));
      await checkPage(visitor, "summary (visitor)");
      expect(path(v)).toBe(`${base}/summary`);
      const table = main(visitor).locator("table");
      const rejectedRow = table.locator("tbody tr", { hasText: COMMENT });
      expect(await rejectedRow.textContent()).toContain("Не учтено");
      expect(await rejectedRow.textContent()).toContain(REJECT_REASON);
      const acceptedRow = table.locator("tbody tr", { hasText: "Семинары нужны регулярно" });
      expect(await acceptedRow.textContent()).toContain("Учтено");
      await checkPhone(visitor, "summary");

      await v.goto(base);
      await clickAndLoad(v, main(visitor).getByRole("link", { name: "Исполнение" }));
      await checkPage(visitor, "implementation of the new consultation");
      expect(path(v)).toBe(`${base}/implementation`);
      const commitments = main(visitor).locator("ul.cards > li");
      await expect(commitments.count()).resolves.toBe(pickCount);
      expect(await commitments.first().textContent()).toContain("Не начато");
      expect(await main(visitor).locator("[data-counts] [data-status=not_started]").textContent()).toContain(String(pickCount));
      await checkPhone(visitor, "implementation");

      await v.goto("/implementation");
      await checkPage(visitor, "/implementation");
      expect(await main(visitor).textContent()).toContain(title);
    } finally {
      await Promise.all([organiser.close(), first.close(), second.close(), visitor.close()]);
    }
  });
});
