// The library of city practices in a browser: the МАГ secretariat adds a practice by hand (a refused
// empty form first), a visitor finds it by «детская площадка» although it says «детских площадок»
// (the words marked), opens it, narrows the list by city; the secretariat hides it and the search no
// longer finds it. Every page: hydration, axe, no console errors; the list, the form and the
// practice page also at 375 px. Then the demo's library: «детская площадка» finds the demo practices
// with «детских площадок» marked, filters by city, year and theme, pages by key, a winner's page
// leads to its competition and entry; a practice added by hand is found by another form of its title.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { checkPage, checkPhone, clickAndLoad, DEMO, DEMO_PASSWORD, disconnectBrowser, openSession, signIn, type Session } from "./harness.ts";

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
  it("the demo library: search in any word form with marks, filters by city, year and theme, pages by key, a winner's page, a practice found by its title's other form", async () => {
    const v = await openSession();
    const organiser = await openSession();
    const cards = (s: Session) => s.page.locator("main ul.cards > li");
    const titles = (s: Session) => s.page.locator("main ul.cards > li h3").allTextContents();
    const search = async (s: Session, q: string, label: string) => {
      await s.page.getByRole("search").getByLabel("Что ищете").fill(q);
      await clickAndLoad(s.page, s.page.getByRole("search").getByRole("button", { name: "Найти" }));
      await checkPage(s, label);
    };
    const query = (p: Page) => new URL(p.url()).searchParams;
    try {
      const page = v.page;
      // Browsing: 20 a page, the next page by key, no practice twice.
      await page.goto("/library");
      await checkPage(v, "library (demo)");
      await checkPhone(v, "library (demo)");
      await expect(cards(v).count()).resolves.toBe(20);
      const first = await titles(v);
      await clickAndLoad(page, page.getByRole("navigation", { name: "Страницы результатов" }).locator("a[rel=next]"));
      await checkPage(v, "library, page 2");
      expect(query(page).get("after")).toBeTruthy();
      const second = await titles(v);
      expect(second.length).toBeGreaterThan(0);
      expect(second.filter((t) => first.includes(t))).toEqual([]);

      // «детская площадка» finds «детских площадок», «детские площадки» …, each card marks the words.
      await page.goto("/library");
      await search(v, "детская площадка", "library: детская площадка");
      await checkPhone(v, "library: детская площадка");
      const found = await cards(v).count();
      expect(found).toBeGreaterThanOrEqual(3);
      const marked = (await page.locator("main ul.cards mark").allTextContents()).map((m) => m.toLowerCase());
      expect(marked).toEqual(expect.arrayContaining(["детских", "площадок"]));
      for (const m of marked) expect(m, "only forms of the two words are marked").toMatch(/^(детск|площад)/);
      for (let i = 0; i < found; i++) await expect(cards(v).nth(i).locator("mark").count()).resolves.toBeGreaterThan(0);

      // Narrowed by city, keeping the words: every card is from Новосибирск.
      await page.locator("#f-city").selectOption("Новосибирск");
      await clickAndLoad(page, page.getByRole("search").getByRole("button", { name: "Найти" }));
      await checkPage(v, "library: детская площадка in Новосибирск");
      expect(query(page).get("q")).toBe("детская площадка");
      const inCity = await cards(v).count();
      expect(inCity).toBeGreaterThan(0);
      expect(inCity).toBeLessThan(found);
      for (let i = 0; i < inCity; i++) expect(await cards(v).nth(i).locator(".meta-line").textContent()).toContain("Новосибирск");

      // By year alone, then by theme alone: each card says so.
      await page.goto("/library");
      const year = (await page.locator("#f-year option").allTextContents()).find((y) => /^\d{4}$/.test(y.trim()))!.trim();
      await page.locator("#f-year").selectOption(year);
      await clickAndLoad(page, page.getByRole("search").getByRole("button", { name: "Найти" }));
      await checkPage(v, `library: year ${year}`);
      const byYear = await cards(v).count();
      expect(byYear).toBeGreaterThan(0);
      for (let i = 0; i < byYear; i++) expect((await cards(v).nth(i).locator(".meta-line").textContent())!.split(" · ")).toContain(year);
      await page.goto("/library");
      const themes = (await page.locator("#f-theme option").allTextContents()).map((x) => x.trim()).filter((x) => x !== "Все");
      const theme = themes[0];
      await page.locator("#f-theme").selectOption(theme);
      await clickAndLoad(page, page.getByRole("search").getByRole("button", { name: "Найти" }));
      await checkPage(v, `library: theme ${theme}`);
      await checkPhone(v, `library: theme ${theme}`);
      const byTheme = await cards(v).count();
      expect(byTheme).toBeGreaterThan(0);
      for (let i = 0; i < byTheme; i++) expect((await cards(v).nth(i).locator(".meta-line").textContent())!.split(" · ")).toContain(theme);

      // A winner of the 2025 смотр-конкурс: its page leads to the competition and the entry. (The year
      // filter keeps out winners that other browser tests' competitions put into the library.)
      await page.goto("/library?year=2025");
      await clickAndLoad(page, cards(v).filter({ has: page.locator(".badge") }).first().locator("h3 a"));
      await checkPage(v, "practice page (a winner)");
      await checkPhone(v, "practice page (a winner)");
      const competitionLink = page.locator("main").getByRole("link", { name: /^Конкурс: / });
      expect(await competitionLink.getAttribute("href")).toBe("/competitions/demo-comp-ggzh-2025");
      const entryHref = await page.locator("main").getByRole("link", { name: "Заявка на конкурс" }).getAttribute("href");
      expect(entryHref).toMatch(/^\/competitions\/demo-comp-ggzh-2025\/entries\/.+/);
      const practiceTitle = (await page.locator("main h1").textContent())!.trim();
      await clickAndLoad(page, page.locator("main").getByRole("link", { name: "Заявка на конкурс" }));
      await checkPage(v, "the winner's entry");
      expect(await page.locator("main h1").textContent()).toContain(practiceTitle);

      // The organiser adds a practice by hand; it is found by another grammatical form of its title.
      const suffix = Date.now().toString(36).slice(-5).replace(/\d/g, "ж");
      await signIn(organiser, DEMO.organiser, DEMO_PASSWORD);
      const o = organiser.page;
      await o.goto("/library");
      await clickAndLoad(o, o.locator("main").getByRole("link", { name: "Добавить практику" }));
      await checkPage(organiser, "new practice form (from the library)");
      await o.getByLabel("Название практики").fill(`Велосипедные маршруты ${suffix}`);
      await o.getByLabel("Город").fill("Казань");
      await o.getByLabel("Страна").fill("Россия");
      await o.getByLabel("Тема").fill("Транспорт");
      await o.getByLabel("Год").fill("2023");
      await o.getByLabel("Проблема").fill("Школьникам было опасно ездить на велосипеде по проезжей части.");
      await o.getByLabel("Что сделано").fill("Город проложил выделенные полосы от жилых кварталов к школам.");
      await o.getByLabel("Результаты (с цифрами)").fill("42 км полос, 3 500 поездок в день.");
      await clickAndLoad(o, o.locator("main form button[type=submit]"));
      expect(new URL(o.url()).pathname).toMatch(/^\/library\/[0-9a-f-]{36}$/);
      await checkPage(organiser, "practice added by hand");
      const added = new URL(o.url()).pathname;

      await page.goto("/library");
      await search(v, `велосипедный маршрут ${suffix}`, "library: another form of the title");
      await expect(cards(v).count()).resolves.toBe(1);
      expect(await cards(v).first().locator("h3 a").getAttribute("href")).toBe(added);
      expect((await cards(v).first().locator("h3 mark").allTextContents()).map((m) => m.toLowerCase())).toEqual(expect.arrayContaining(["велосипедные", "маршруты"]));
    } finally {
      await Promise.all([v.close(), organiser.close()]);
    }
  }, 120_000);
});
