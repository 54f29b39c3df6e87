// Setting up a competition in a real browser, like an organiser of МАГ would: the list, the new
// competition form (refused once with readable errors, then accepted), nominations and criteria by
// their forms, the draft's page with what is missing, publishing, the edit page with the rules
// document; then the public page and the list as a visitor. Every page goes through checkPage (axe,
// hydration, console/CSP errors, unique ids) and the main ones at 375 px too.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { activeElement, checkPage, checkPhone, clickAndLoad, DEMO, DEMO_PASSWORD, disconnectBrowser, openSession, signIn, visit, type Session } from "./harness.ts";

afterAll(() => disconnectBrowser());

const DAY = 86_400_000;
/** An instant as a datetime-local value in Moscow time (the form's zone). */
const moscow = (ms: number) => {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Moscow", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
};
const main = (s: Session) => s.page.locator("main");
const path = (p: Page) => new URL(p.url()).pathname;

async function session(opts: Parameters<typeof openSession>[0] = {}) {
  const s = await openSession(opts);
  s.context.setDefaultTimeout(30_000);
  return s;
}

describe("competitions: setting one up", () => {
  it("an organiser creates, completes and publishes a competition through the pages; a visitor reads it", async () => {
    const s = await session();
    const { page } = s;
    const title = `Смотр-конкурс «Город, где хочется жить» ${Date.now().toString(36)}`;
    let id = "";
    try {
      await signIn(s, DEMO.organiser, DEMO_PASSWORD);
      await visit(s, "/competitions", "competitions list (organiser)");
      await clickAndLoad(page, main(s).getByRole("link", { name: "Новый конкурс" }));
      expect(path(page)).toBe("/competitions/new");
      await checkPage(s, "new competition form");
      await checkPhone(s, "new competition form");

      // First attempt: nobody may enter, the weights do not add up, and a tie-break is repeated.
      const start = Date.now() + 7 * DAY;
      await page.getByLabel("Название конкурса").fill(title);
      await page.getByLabel("Кратко о конкурсе").fill("Города СНГ и ЕАЭС показывают практики, которые сделали их удобнее для жизни.");
      await page.getByLabel("жители (от своего имени)").uncheck();
      const times = ["Начало приёма заявок", "Конец приёма заявок (начало проверки)", "Конец проверки заявок (начало экспертной оценки)", "Конец экспертной оценки (начало голосования)", "Конец народного голосования (подведение итогов)"];
      for (const [i, label] of times.entries()) await page.getByLabel(label).fill(moscow(start + i * 7 * DAY));
      await page.getByLabel("Вес оценки жюри, %").fill("80");
      await page.getByLabel("Затем").selectOption("jury");
      await clickAndLoad(page, main(s).getByRole("button", { name: "Создать черновик" }));
      await checkPage(s, "new competition form with errors", { allowStatus: 422 });
      const summary = page.locator("#error-summary");
      await expect(summary.textContent()).resolves.toContain("Отметьте хотя бы одну категорию участников");
      await expect(summary.textContent()).resolves.toContain("Веса жюри и народного голосования в сумме должны давать 100 %");
      await expect(summary.textContent()).resolves.toContain("Это правило уже выбрано выше");
      // The summary takes the focus, and its links lead to the fields.
      expect((await activeElement(page))?.id).toBe("error-summary");
      await expect(page.getByLabel("Название конкурса").inputValue()).resolves.toBe(title);

      // Fixed: cities' administrations and NGOs may enter, 70/30, the order restored.
      await page.getByLabel("администрации городов").check();
      await page.getByLabel("НКО").check();
      await page.getByLabel("Вес оценки жюри, %").fill("70");
      await page.getByLabel("Затем").selectOption("public");
      await clickAndLoad(page, main(s).getByRole("button", { name: "Создать черновик" }));
      expect(path(page)).toMatch(/^\/competitions\/[^/]+\/nominations$/);
      id = path(page).split("/")[2];
      await checkPage(s, "nominations (empty)");

      for (const n of ["Комфортная городская среда", "Город соседей"]) {
        await page.locator("#f-new-title").fill(n);
        await clickAndLoad(page, main(s).getByRole("button", { name: "Добавить" }));
      }
      await clickAndLoad(page, main(s).getByRole("button", { name: "Опустить ниже: Комфортная городская среда" }));
      await expect(main(s).locator("h2.card__title").allTextContents()).resolves.toEqual(["1. Город соседей", "2. Комфортная городская среда"]);
      await checkPage(s, "nominations (two)");
      await checkPhone(s, "nominations (two)");

      await page.goto(`/competitions/${id}/criteria`);
      await checkPage(s, "criteria (empty)");
      await page.locator("#f-new-name").fill("Социальная значимость");
      await page.locator("#f-new-weight").fill("60");
      await page.locator("#f-new-levels").fill("0 — не соответствует\n5 — частично\n10 — полностью");
      await page.locator("#f-new-commentBelow").fill("3");
      await clickAndLoad(page, main(s).getByRole("button", { name: "Добавить" }));
      await checkPage(s, "criteria (one)");
      await checkPhone(s, "criteria (one)");

      await page.goto(`/competitions/${id}`);
      await checkPage(s, "draft competition page");
      await expect(main(s).textContent()).resolves.toContain("Всё готово к публикации");
      await clickAndLoad(page, main(s).getByRole("button", { name: "Опубликовать конкурс" }));
      expect(path(page)).toBe(`/competitions/${id}`);
      await checkPage(s, "published competition page (organiser)");
      const text = (await main(s).textContent()) ?? "";
      expect(text).toContain("Как подводятся итоги");
      expect(text).toContain("Итоговый балл = 70 % оценки жюри + 30 % результата народного голосования.");
      expect(text).toMatch(/Объявлен.*идёт сейчас/);
      await checkPhone(s, "published competition page (organiser)");

      await page.goto(`/competitions/${id}/edit`);
      await checkPage(s, "edit competition page");
      await expect(page.getByLabel("Добавить файл").getAttribute("accept")).resolves.toBe("application/pdf,.pdf");
    } finally {
      await s.close();
    }

    const v = await session();
    try {
      await visit(v, `/competitions/${id}`, "competition page (visitor)");
      await expect(main(v).textContent()).resolves.toContain(title);
      await checkPhone(v, "competition page (visitor)");
      await visit(v, "/competitions?stage=announced", "competitions list filtered by stage");
      await expect(main(v).textContent()).resolves.toContain(title);
      await checkPhone(v, "competitions list");
    } finally {
      await v.close();
    }
  }, 240_000);
});
