// The library of city practices in a browser: the МАГ secretariat adds a practice by hand (a refused
// empty form first), a visitor finds it by «детская площадка» although it says «детских площадок»
// (the words marked), opens it, narrows the list by city; the secretariat hides it and the search no
// longer finds it. Every page: hydration, axe, no console errors; the list, the form and the
// practice page also at 375 px.
import { afterAll, describe, expect, it } from "vitest";
import { checkPage, checkPhone, clickAndLoad, DEMO, DEMO_PASSWORD, disconnectBrowser, openSession, signIn } from "./harness.ts";

afterAll(() => disconnectBrowser());

describe("library of city practices", () => {
  it("add by hand, find in another word form, filter, hide", async () => {
    const suffix = Date.now().toString(36).slice(-5).replace(/\d/g, "ж");
    const city = `Площадинск-${suffix}`;
    const organiser = await openSession();
    const visitor = await openSession();
    try {
      await signIn(organiser, DEMO.organiser, DEMO_PASSWORD);
      const { page } = organiser;
      await page.goto("/library/new");
      await checkPage(organiser, "new practice form");
      await checkPhone(organiser, "new practice form");
      await clickAndLoad(page, page.locator("main form button[type=submit]"));
      await checkPage(organiser, "new practice form with errors", { allowStatus: 422 });
      await expect.poll(() => page.locator("#error-summary li").count()).toBeGreaterThanOrEqual(5);

      await page.getByLabel("Название практики").fill(`Двор для всех ${suffix}`);
      await page.getByLabel("Город").fill(city);
      await page.getByLabel("Страна").fill("Россия");
      await page.getByLabel("Тема").fill("Благоустройство");
      await page.getByLabel("Год").fill("2024");
      await page.getByLabel("Проблема").fill("Во дворах старой застройки не хватало детских площадок.");
      await page.getByLabel("Что сделано").fill("Жители выбрали дворы, администрация построила площадки.");
      await page.getByLabel("Результаты (с цифрами)").fill("Построено 12 площадок, ими пользуются 3 000 детей.");
      await page.getByLabel("Бюджет, руб.").fill("15 000 000");
      await clickAndLoad(page, page.locator("main form button[type=submit]"));
      expect(page.url()).toMatch(/\/library\/[0-9a-f-]{36}\?done=library\.done\.created$/);
      await checkPage(organiser, "practice page (organiser)");
      await checkPhone(organiser, "practice page (organiser)");
      const practiceUrl = new URL(page.url()).pathname;

      const v = visitor.page;
      await v.goto("/library");
      await checkPage(visitor, "library");
      await v.getByRole("search").getByLabel("Что ищете").fill(`детская площадка ${suffix}`);
      await Promise.all([v.waitForEvent("load"), v.keyboard.press("Enter")]);
      await checkPage(visitor, "library search results");
      await checkPhone(visitor, "library search results");
      const results = v.locator("main ul.cards > li");
      await expect.poll(() => results.count()).toBe(1);
      expect(await results.first().locator("mark").allTextContents()).toEqual(expect.arrayContaining(["детских", "площадок"]));
      await clickAndLoad(v, results.first().locator("h3 a"));
      expect(new URL(v.url()).pathname).toBe(practiceUrl);
      await checkPage(visitor, "practice page (visitor)");
      expect(await v.locator("main").textContent()).not.toContain("Скрыть практику");

      await v.goto("/library");
      await v.locator("#f-city").selectOption(city);
      await clickAndLoad(v, v.getByRole("search").getByRole("button", { name: "Найти" }));
      await checkPage(visitor, "library filtered by city");
      expect(await v.locator("main ul.cards > li h3").allTextContents()).toEqual([`Двор для всех ${suffix}`]);

      await page.goto(practiceUrl);
      await clickAndLoad(page, page.getByRole("button", { name: "Скрыть" }));
      await checkPage(organiser, "hide without a reason", { allowStatus: 422 });
      await page.getByLabel("Причина").fill("Практика добавлена по ошибке");
      await clickAndLoad(page, page.getByRole("button", { name: "Скрыть" }));
      await checkPage(organiser, "hidden practice (organiser)");
      expect(await page.locator("main").textContent()).toContain("Практика скрыта");

      await v.goto(`/library?q=${encodeURIComponent(`детская площадка ${suffix}`)}`);
      await checkPage(visitor, "library, nothing found");
      expect(await v.locator("main .empty").textContent()).toContain("Ничего не нашлось");
    } finally {
      await organiser.close();
      await visitor.close();
    }
  });
});
