// The whole path in a real browser, through the pages only, as people would do it: the МАГ
// secretariat (organiser@) creates a competition (rules, eligibility, limit, instants in Moscow
// time, 2 experts per entry, a low spread threshold, weights, tie-break), two nominations and two
// criteria with levels, publishes it and opens entries at once; three residents enter practices (one
// adds a PDF); the organiser, as moderator of МАГ, admits two and rejects one with a reason its
// entrant reads; the organiser ends the entry and check stages, adds two new experts by e-mail; each
// declares «Конфликтов интересов нет»; the assignment gives both entries to both; the experts score
// (a draft first; one entry's scores far apart, so it is FLAGGED; the other's scores hidden from
// each other); the organiser reads the progress and the flagged entry, ends evaluation; three
// residents vote (one changes the vote: the first receipt reads «заменён», another's «учтён»); the
// organiser reads the votes report, ends voting (the stage hook computes the results), reviews and
// publishes them; a visitor reads the ranking (parts, winner, method) and downloads the CSV; the
// winner's entrant has the notification; the winner is in the library. Every page goes through
// checkPage (axe, hydration, console/CSP errors, unique ids); the main public ones also at 375 px.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { checkPage, checkPhone, clickAndLoad, DEMO, DEMO_PASSWORD, disconnectBrowser, openSession, signIn, signUpResident, type Session } from "./harness.ts";

afterAll(() => disconnectBrowser());

const DAY = 86_400_000;
/** A `datetime-local` value in Moscow time (UTC+3 all year round), whole minutes. */
const moscowLocal = (ms: number) => new Date(ms + 3 * 3_600_000).toISOString().slice(0, 16);
const main = (s: Session) => s.page.locator("main");
/** The page's flash message (the first status notice). */
const flash = (s: Session) => s.page.locator(".notice--ok[role=status]").first();
const path = (p: Page) => new URL(p.url()).pathname;
const text = async (s: Session) => ((await main(s).textContent()) ?? "").replace(/\s+/g, " ");
/** A tiny but real PDF (the upload sniffs the %PDF- signature). */
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

describe("competition: setup → entries → check → experts → scores → vote → results → library", () => {
  it("goes through the whole life of a competition in the browser", { timeout: 300_000 }, async () => {
    const suffix = Date.now().toString(36).slice(-5).replace(/\d/g, (d) => "абвгдежзий"[Number(d)]);
    const title = `Смотр-конкурс «Город, где хочется жить» (${suffix})`;
    const NOM1 = `Комфортная городская среда ${suffix}`;
    const NOM2 = `Город соседей ${suffix}`;
    const A = `Дворы без барьеров ${suffix}`;
    const B = `Сквер у реки ${suffix}`;
    const C = `Соседский центр ${suffix}`;
    const REJECT_REASON = "Практика не соответствует номинации: это проект, а не реализованная практика.";

    const organiser = await openSession();
    const resident = await openSession();
    const member = await openSession();
    const nko = await openSession();
    const expert1 = await openSession();
    const expert2 = await openSession();
    const visitor = await openSession();
    const all = [organiser, resident, member, nko, expert1, expert2, visitor];
    for (const s of all) s.context.setDefaultTimeout(30_000);
    const o = organiser.page;
    try {
      // ——— 1. The organiser creates the competition, its nominations and criteria, publishes it ———
      await signIn(organiser, DEMO.organiser, DEMO_PASSWORD);
      await o.goto("/competitions");
      await checkPage(organiser, "competitions list (organiser)");
      await clickAndLoad(o, main(organiser).getByRole("link", { name: "Новый конкурс" }));
      await checkPage(organiser, "new competition form");
      const start = Math.ceil((Date.now() + DAY) / 60_000) * 60_000;
      await o.getByLabel("Название конкурса").fill(title);
      await o.getByLabel("Кратко о конкурсе").fill("Города СНГ и ЕАЭС показывают практики, которые сделали их удобнее для жизни.");
      await o.getByLabel("Положение о конкурсе (текст)").fill("1. Общие положения.\n2. Участники: жители городов.\n3. Оценка: два эксперта на заявку, затем народное голосование.");
      await o.getByLabel("Заявок от одного участника в одной номинации").fill("1");
      const times = ["Начало приёма заявок", "Конец приёма заявок (начало проверки)", "Конец проверки заявок (начало экспертной оценки)", "Конец экспертной оценки (начало голосования)", "Конец народного голосования (подведение итогов)"];
      for (const [i, label] of times.entries()) await o.getByLabel(label).fill(moscowLocal(start + i * 7 * DAY));
      await o.getByLabel("Экспертов на каждую заявку, не меньше").fill("2");
      await o.getByLabel("Допустимый разброс итогов экспертов (из 100)").fill("10");
      await o.getByLabel("Вес оценки жюри, %").fill("60");
      await o.getByLabel("Вес народного голосования, %").fill("40");
      await o.getByLabel("Сначала").selectOption("public");
      await o.getByLabel("Затем").selectOption("jury");
      await clickAndLoad(o, main(organiser).getByRole("button", { name: "Создать черновик" }));
      expect(path(o)).toMatch(/^\/competitions\/[^/]+\/nominations$/);
      const id = path(o).split("/")[2];
      const base = `/competitions/${id}`;
      await checkPage(organiser, "nominations (empty)");

      for (const n of [NOM1, NOM2]) {
        await o.locator("#f-new-title").fill(n);
        await clickAndLoad(o, main(organiser).getByRole("button", { name: "Добавить" }));
      }
      await checkPage(organiser, "nominations (two)");
      expect(await main(organiser).locator("h2.card__title").allTextContents()).toEqual([`1. ${NOM1}`, `2. ${NOM2}`]);

      await o.goto(`${base}/criteria`);
      for (const k of [
        { name: "Социальная значимость", weight: "60", commentBelow: "3" },
        { name: "Измеримые результаты", weight: "40", commentBelow: "" },
      ]) {
        await o.locator("#f-new-name").fill(k.name);
        await o.locator("#f-new-weight").fill(k.weight);
        await o.locator("#f-new-levels").fill("0 — не соответствует\n5 — частично\n10 — полностью");
        await o.locator("#f-new-commentBelow").fill(k.commentBelow);
        await clickAndLoad(o, main(organiser).getByRole("button", { name: "Добавить" }));
      }
      await checkPage(organiser, "criteria (two)");

      await o.goto(base);
      await checkPage(organiser, "draft competition page");
      expect(await text(organiser)).toContain("Всё готово к публикации");
      await clickAndLoad(o, main(organiser).getByRole("button", { name: "Опубликовать конкурс" }));
      await checkPage(organiser, "published competition page (organiser)");
      expect(await flash(organiser).textContent()).toContain("Конкурс опубликован");
      const method = await text(organiser);
      expect(method).toContain("Итоговый балл = 60 % оценки жюри + 40 % результата народного голосования.");
      expect(method).toMatch(/Объявлен.*идёт сейчас/);

      // ——— 2. Entries open now (instead of tomorrow) ———
      await clickAndLoad(o, main(organiser).getByRole("button", { name: "Открыть приём заявок сейчас" }));
      await checkPage(organiser, "competition page: entries opened");
      expect(await flash(organiser).textContent()).toContain("Приём заявок открыт");
      expect(await text(organiser)).toMatch(/Приём заявок.*идёт сейчас/);

      // ——— 3. Three residents enter practices; one adds a PDF ———
      const enter = async (s: Session, email: string, nomination: string, entry: { title: string; city: string }) => {
        await signIn(s, email, DEMO_PASSWORD);
        await s.page.goto(base);
        await clickAndLoad(s.page, main(s).getByRole("link", { name: "Подать заявку" }));
        expect(path(s.page)).toBe(`${base}/enter`);
        await checkPage(s, `entry form (${email})`);
        await s.page.getByLabel("Номинация").selectOption({ label: nomination });
        await s.page.getByLabel("Город").fill(entry.city);
        await s.page.getByLabel("Название практики").fill(entry.title);
        await s.page.getByLabel("Проблема").fill("Во дворах старой застройки не было безопасных мест для детей и маломобильных жителей.");
        await s.page.getByLabel("Что сделано").fill("Жители выбрали дворы, администрация построила пандусы, дорожки и детские площадки.");
        await s.page.getByLabel("Результаты (с цифрами)").fill("Обустроено 14 дворов, ими пользуются 5 200 жителей.");
        await s.page.getByLabel("Бюджет, руб.").fill("2 500 000");
        await s.page.getByLabel("Контакт для связи").fill("practice@example.org");
        await clickAndLoad(s.page, main(s).getByRole("button", { name: "Подать заявку" }));
        expect(path(s.page)).toMatch(new RegExp(`^${base}/entries/[0-9a-f-]{36}$`));
        await checkPage(s, `entry page (${email})`);
        expect(await text(s)).toContain("На проверке");
        return path(s.page);
      };
      const entryA = await enter(resident, DEMO.resident, NOM1, { title: A, city: "Новосибирск" });
      await resident.page.getByLabel("Добавить файл").setInputFiles({ name: "паспорт-практики.pdf", mimeType: "application/pdf", buffer: PDF });
      await clickAndLoad(resident.page, main(resident).getByRole("button", { name: "Загрузить" }));
      await checkPage(resident, "entry page after the upload");
      expect(path(resident.page)).toBe(entryA);
      expect(await text(resident)).toContain("паспорт-практики.pdf");
      await checkPhone(resident, "entry page (entrant)");
      const entryB = await enter(member, DEMO.member, NOM1, { title: B, city: "Бердск" });
      const entryC = await enter(nko, DEMO.nko, NOM2, { title: C, city: "Омск" });

      // ——— 4. The organiser (МАГ's moderator too) admits two and rejects one with a reason ———
      await o.goto("/moderation?organiser=org-mag");
      await checkPage(organiser, "moderation queue with the entries");
      const decide = async (entryTitle: string, action: string, reason?: string) => {
        const item = o.locator("main article.card", { has: o.getByRole("heading", { name: entryTitle, exact: true }) });
        await expect(item.count()).resolves.toBe(1);
        const form = item.locator("form[action$='/decision']");
        await form.getByLabel("Действие").selectOption({ label: action });
        if (reason) await form.getByLabel("Причина (её увидит автор)").fill(reason);
        await clickAndLoad(o, form.getByRole("button", { name: "Принять решение" }));
        await checkPage(organiser, `moderation queue after «${action}» on ${entryTitle}`);
      };
      await decide(A, "Допустить к конкурсу");
      await decide(B, "Допустить к конкурсу");
      await decide(C, "Не допускать (с причиной)", REJECT_REASON);

      // The rejected entrant reads the reason in «Мои заявки» and on the entry's page.
      await nko.page.goto("/competitions/mine");
      await checkPage(nko, "my entries (rejected)");
      const mine = main(nko).locator("li", { hasText: C }).first();
      expect(await mine.textContent()).toContain(REJECT_REASON);
      await nko.page.goto(entryC);
      await checkPage(nko, "rejected entry page (entrant)");
      expect(await text(nko)).toContain(REJECT_REASON);

      // A visitor reads the nomination's admitted entries and one entry, on a phone too.
      await visitor.page.goto(base);
      await checkPage(visitor, "competition page (visitor, entries)");
      await checkPhone(visitor, "competition page (visitor, entries)");
      await clickAndLoad(visitor.page, main(visitor).getByRole("link", { name: "Допущенных заявок: 2" }));
      await checkPage(visitor, "nomination's entries");
      expect(await main(visitor).getByRole("link", { name: A }).count()).toBe(1);
      expect(await main(visitor).getByRole("link", { name: C }).count()).toBe(0);
      await checkPhone(visitor, "nomination's entries");
      await clickAndLoad(visitor.page, main(visitor).getByRole("link", { name: A }));
      expect(path(visitor.page)).toBe(entryA);
      await checkPage(visitor, "entry page (visitor)");
      expect(await text(visitor)).not.toContain("practice@example.org");
      await checkPhone(visitor, "entry page (visitor)");

      // ——— 5. The organiser ends the entry and the check stages ———
      await o.goto(base);
      await clickAndLoad(o, main(organiser).getByRole("button", { name: "Завершить этап «Приём заявок» сейчас" }));
      await checkPage(organiser, "competition page: entry stage ended");
      expect(await flash(organiser).textContent()).toContain("Этап завершён");
      await o.getByLabel("Причина (необязательно, попадёт в журнал)").fill("Все заявки проверены");
      await clickAndLoad(o, main(organiser).getByRole("button", { name: "Завершить этап «Проверка заявок» сейчас" }));
      await checkPage(organiser, "competition page: check stage ended");
      expect(await text(organiser)).toMatch(/Экспертная оценка.*идёт сейчас/);

      // ——— 6. Two new experts: they sign up; the organiser adds them by e-mail ———
      const expertEmails = [await signUpResident(expert1, `Эксперт Казанский ${suffix}`, "Казань"), await signUpResident(expert2, `Эксперт Минский ${suffix}`, "Минск")];
      await clickAndLoad(o, main(organiser).getByRole("link", { name: "Эксперты" }));
      expect(path(o)).toBe(`${base}/experts`);
      await checkPage(organiser, "experts page (none)");
      for (const email of expertEmails) {
        await o.getByLabel("Адрес электронной почты эксперта").fill(email);
        await clickAndLoad(o, main(organiser).getByRole("button", { name: "Добавить эксперта" }));
        await checkPage(organiser, `experts page after adding ${email}`);
        expect(await flash(organiser).textContent()).toContain("Эксперт добавлен");
      }
      expect(await main(organiser).locator("tbody tr").count()).toBe(2);

      // Each expert declares: no conflicts of interest.
      for (const [i, s] of [expert1, expert2].entries()) {
        await s.page.goto(base);
        await checkPage(s, `competition page (expert ${i + 1})`);
        await clickAndLoad(s.page, main(s).getByRole("link", { name: "Конфликт интересов" }));
        expect(path(s.page)).toBe(`${base}/conflicts`);
        await checkPage(s, `conflicts page (expert ${i + 1})`);
        await expect(s.page.getByLabel("Ваш город").inputValue()).resolves.toBe(i === 0 ? "Казань" : "Минск");
        await clickAndLoad(s.page, main(s).getByRole("button", { name: "Конфликтов интересов нет" }));
        await checkPage(s, `conflicts page declared (expert ${i + 1})`);
        expect(await flash(s).textContent()).toContain("Декларация сохранена");
      }

      // The organiser runs the assignment: both entries to both experts.
      await o.goto(`${base}/experts`);
      await clickAndLoad(o, main(organiser).getByRole("button", { name: "Распределить заявки" }));
      await checkPage(organiser, "experts page after the assignment");
      expect(await o.locator("#run-result").textContent()).toContain("Назначено пар «заявка — эксперт»: 4.");
      expect(await o.locator("#run-result").textContent()).toContain("У каждой заявки достаточно экспертов.");
      await checkPhone(organiser, "experts page");

      // ——— 7. The experts score ———
      const openEntry = async (s: Session, entryTitle: string, label: string) => {
        await s.page.goto(`${base}/review`);
        await checkPage(s, `review list (${label})`);
        await clickAndLoad(s.page, main(s).locator(".review-list .card", { hasText: entryTitle }).getByRole("link", { name: entryTitle }));
        expect(path(s.page)).toMatch(new RegExp(`^${base}/review/[0-9a-f-]{36}$`));
        await checkPage(s, `scoring form (${label}, ${entryTitle})`);
      };
      const fieldsets = (s: Session) => main(s).locator("fieldset.criterion");
      const score = async (s: Session, values: [number, number], comment?: string) => {
        for (const [i, v] of values.entries()) await fieldsets(s).nth(i).locator(`input[type=radio][value="${v}"]`).check();
        if (comment) await fieldsets(s).nth(0).locator("textarea").fill(comment);
      };
      const submit = async (s: Session, label: string) => {
        await s.page.getByLabel("Я проверил(а) оценку и понимаю, что после отправки её нельзя изменить").check();
        await clickAndLoad(s.page, main(s).getByRole("button", { name: "Отправить оценку" }));
        await checkPage(s, `submitted sheet (${label})`);
        expect(await flash(s).textContent()).toContain("Оценка отправлена");
      };

      // Expert 1: a draft of A first, then the whole sheet at the top of the scale.
      await openEntry(expert1, A, "expert 1");
      await fieldsets(expert1).nth(0).locator('input[type=radio][value="10"]').check();
      await clickAndLoad(expert1.page, main(expert1).getByRole("button", { name: "Сохранить черновик" }));
      await checkPage(expert1, "scoring form with a draft (expert 1)");
      expect(await flash(expert1).textContent()).toContain("Черновик оценки сохранён");
      await expect(fieldsets(expert1).nth(0).locator('input[type=radio][value="10"]').isChecked()).resolves.toBe(true);
      await score(expert1, [10, 10]);
      await submit(expert1, "expert 1, A");
      expect(await text(expert1)).toContain("Итог по критериям: 100,00 из 100");
      await openEntry(expert1, B, "expert 1");
      await score(expert1, [6, 6]);
      await submit(expert1, "expert 1, B");

      // Expert 2 opens A: expert 1's sheet is not to be seen until the stage ends.
      await openEntry(expert2, A, "expert 2");
      let seen = await text(expert2);
      expect(seen).toContain("оценки других экспертов откроются после окончания этапа");
      expect(seen).not.toContain("100,00 из 100");
      expect(seen).not.toContain("Оценки экспертов");
      // The lowest scores need a comment on the first criterion: refused without one, then accepted.
      await score(expert2, [0, 0]);
      await expert2.page.getByLabel("Я проверил(а) оценку и понимаю, что после отправки её нельзя изменить").check();
      await clickAndLoad(expert2.page, main(expert2).getByRole("button", { name: "Отправить оценку" }));
      await checkPage(expert2, "scoring form refused (no comment)", { allowStatus: 422 });
      expect(await expert2.page.locator("#error-summary").textContent()).toContain("Напишите комментарий: он обязателен при оценке ниже 3");
      await score(expert2, [0, 0], "Заявлены планы, а не результаты: данных о пользователях нет.");
      await submit(expert2, "expert 2, A");
      seen = await text(expert2);
      expect(seen).toContain("Итог по критериям: 0,00 из 100");
      expect(seen).not.toContain("100,00 из 100");
      await openEntry(expert2, B, "expert 2");
      await score(expert2, [6, 6]);
      await submit(expert2, "expert 2, B");

      // ——— 8. The organiser reads the progress and the flagged entry, ends evaluation ———
      await o.goto(base);
      await clickAndLoad(o, main(organiser).getByRole("link", { name: "Ход экспертизы" }));
      expect(path(o)).toBe(`${base}/evaluation`);
      await checkPage(organiser, "evaluation progress");
      await checkPhone(organiser, "evaluation progress");
      const progress = await text(organiser);
      expect(progress).toContain("Заявки с большим расхождением оценок (1)");
      const flagged = main(organiser).locator("section", { has: o.getByRole("heading", { name: "Заявки с большим расхождением оценок (1)" }) });
      expect(await flagged.textContent()).toContain(A);
      expect(await flagged.textContent()).not.toContain(B);

      await o.goto(base);
      await clickAndLoad(o, main(organiser).getByRole("button", { name: "Завершить этап «Экспертная оценка» сейчас" }));
      await checkPage(organiser, "competition page: evaluation ended");
      expect(await text(organiser)).toMatch(/Народное голосование.*идёт сейчас/);

      // After the stage, expert 2 sees both sheets of A.
      await expert2.page.goto(entryA.replace("/entries/", "/review/"));
      await checkPage(expert2, "entry's sheets after evaluation (expert 2)");
      seen = await text(expert2);
      expect(seen).toContain("Оценки экспертов");
      expect(seen).toContain("100,00 из 100");

      // ——— 9. Three residents vote; one changes the vote ———
      const receiptOf = async (s: Session) => (await s.page.locator(".receipt-code code").textContent())!.trim();
      const vote = async (s: Session, entryTitle: string, label: string, button = "Голосовать") => {
        await s.page.goto(base);
        await clickAndLoad(s.page, main(s).getByRole("link", { name: "Голосовать" }));
        await checkPage(s, `ballot (${label})`);
        expect(await main(s).locator("h1").textContent()).toContain(NOM1);
        await clickAndLoad(s.page, main(s).getByRole("button", { name: `${button} за заявку «${entryTitle}»` }));
        await checkPage(s, `receipt (${label})`);
        return receiptOf(s);
      };
      const receiptResident = await vote(resident, A, "voter 1");
      expect(await text(resident)).toContain("Ваш голос принят");
      await checkPhone(resident, "receipt");
      const firstMember = await vote(member, B, "voter 2");
      const secondMember = await vote(member, A, "voter 2 changes", "Отдать голос этой заявке");
      expect(await text(member)).toContain("Ваш голос изменён");
      expect(secondMember).not.toBe(firstMember);
      await vote(nko, B, "voter 3");
      // The ballot marks the voter's choice.
      await resident.page.goto(`${base}/vote`);
      await checkPage(resident, "ballot with my vote");
      await checkPhone(resident, "ballot with my vote");
      expect(await main(resident).locator(".ballot__item--mine").textContent()).toContain(A);

      const check = async (s: Session, code: string, label: string) => {
        await s.page.goto("/competitions/receipt");
        await checkPage(s, `receipt check form (${label})`);
        await s.page.getByLabel("Код квитанции").fill(code);
        await clickAndLoad(s.page, main(s).getByRole("button", { name: "Проверить" }));
        await checkPage(s, `receipt check (${label})`);
        return text(s);
      };
      expect((await check(resident, receiptResident, "counted")).toLowerCase()).toContain("учтён");
      await checkPhone(resident, "receipt check");
      expect((await check(member, firstMember, "replaced")).toLowerCase()).toContain("заменён");
      expect((await check(member, secondMember, "the new one")).toLowerCase()).toContain("голос учтён");

      // ——— 10. The organiser reads the votes report, ends voting; the results are computed ———
      await o.goto(base);
      await clickAndLoad(o, main(organiser).getByRole("link", { name: "Отчёт о голосовании" }));
      expect(path(o)).toBe(`${base}/votes`);
      await checkPage(organiser, "votes report");
      await checkPhone(organiser, "votes report");
      expect(await text(organiser)).toContain("Учтено голосов в номинации: 3");

      await o.goto(base);
      await clickAndLoad(o, main(organiser).getByRole("button", { name: "Завершить этап «Народное голосование» сейчас" }));
      await checkPage(organiser, "competition page: voting ended");
      await clickAndLoad(o, main(organiser).getByRole("link", { name: "Подведение итогов" }));
      expect(path(o)).toBe(`${base}/results`);
      await checkPage(organiser, "results review");
      const review = await text(organiser);
      expect(review).toContain("Итоги рассчитаны");
      expect(review).toContain("Итоги не опубликованы.");
      expect(review).toContain(A);
      await clickAndLoad(o, main(organiser).getByRole("button", { name: "Опубликовать итоги" }));
      await checkPage(organiser, "results published (organiser)");
      expect(await flash(organiser).textContent()).toContain("Итоги опубликованы, участники уведомлены.");

      // ——— 11. A visitor reads the ranking, the method, downloads the CSV ———
      await visitor.page.goto(base);
      await clickAndLoad(visitor.page, main(visitor).getByRole("link", { name: "Итоги" }).first());
      expect(path(visitor.page)).toBe(`${base}/results`);
      await checkPage(visitor, "results (visitor)");
      await checkPhone(visitor, "results (visitor)");
      const ranking = main(visitor).locator("table").first();
      const rows = ranking.locator("tbody tr");
      await expect(rows.count()).resolves.toBe(2);
      const first = (await rows.nth(0).textContent())!.replace(/\s+/g, " ");
      const second = (await rows.nth(1).textContent())!.replace(/\s+/g, " ");
      // A: jury (100 + 0) / 2 = 50 → 30 points; votes 2 of the leader's 2 → 40 points; total 70.
      // B: jury 60 → 36; votes 1 of 2 → 20; total 56.
      expect(first).toContain(A);
      expect(first).toContain("50,00");
      expect(first).toContain("70,00");
      expect(second).toContain(B);
      expect(second).toContain("56,00");
      await expect(rows.nth(0).locator(".badge").count()).resolves.toBe(1);
      await expect(rows.nth(1).locator(".badge").count()).resolves.toBe(0);
      const results = await text(visitor);
      expect(results).toContain("Как подсчитаны итоги");
      expect(results).toContain("60 % балла жюри + 40 % балла голосов");
      expect(results).toContain("В номинации нет допущенных заявок.");

      const csvHref = await main(visitor).getByRole("link", { name: "Скачать итоги (CSV)" }).getAttribute("href");
      expect(csvHref).toBe(`${base}/results.csv`);
      const csv = await visitor.context.request.get(csvHref!);
      expect(csv.status()).toBe(200);
      expect(csv.headers()["content-type"]).toContain("text/csv");
      const body = await csv.text();
      expect(body.charCodeAt(0)).toBe(0xfeff);
      const lines = body.slice(1).split(/\r?\n/).filter(Boolean);
      expect(lines[0].split(";")).toEqual(["Номинация", "Место", "Заявка", "Город", "Оценка жюри", "Экспертов", "Голоса", "Балл жюри", "Балл голосов", "Итоговый балл", "Итог", "Место определено"]);
      expect(lines.some((l) => l.includes(A) && l.includes("70,00"))).toBe(true);

      // ——— 12. The winner's entrant is notified; the winner is in the library ———
      await resident.page.goto("/me/notifications");
      await checkPage(resident, "notifications (competition result)");
      const note = main(resident).locator("li", { hasText: `Итоги конкурса «${title}»` }).first();
      expect(await note.textContent()).toContain(`«${A}» — победитель в номинации «${NOM1}»`);
      await member.page.goto("/me/notifications");
      expect(await main(member).locator("li", { hasText: `Итоги конкурса «${title}»` }).first().textContent()).toContain(`«${B}» заняла 2-е место`);

      await visitor.page.goto("/library");
      await checkPage(visitor, "library");
      await visitor.page.getByRole("search").getByLabel("Что ищете").fill(`двор без барьеров ${suffix}`);
      await Promise.all([visitor.page.waitForEvent("load"), visitor.page.keyboard.press("Enter")]);
      await checkPage(visitor, "library: the winner found");
      const found = main(visitor).locator("ul.cards > li");
      await expect(found.count()).resolves.toBe(1);
      await clickAndLoad(visitor.page, found.first().locator("h3 a"));
      await checkPage(visitor, "library practice (the winner)");
      await checkPhone(visitor, "library practice (the winner)");
      expect(await main(visitor).getByRole("link", { name: title }).getAttribute("href")).toBe(base);
      expect(await main(visitor).locator(`a[href="${entryA}"]`).count()).toBeGreaterThan(0);
      void entryB;
    } finally {
      await Promise.all(all.map((s) => s.close()));
    }
  });
});
