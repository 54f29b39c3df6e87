// Expert scoring in a real browser, on the demo's 2026 смотр-конкурс in its expert-evaluation stage:
// expert@ opens the list of assigned entries, an entry not scored yet, submits an incomplete sheet
// (refused with a linked error summary that takes the focus), moves along a scale with the arrow
// keys, saves a draft, then submits with the confirmation; the organiser opens the same entry
// read-only with the experts' names. Every page goes through checkPage (axe, hydration, console/CSP
// errors, unique ids) and checkPhone (375 px).
import { afterAll, describe, expect, it } from "vitest";
import { activeElement, checkPage, checkPhone, clickAndLoad, DEMO, DEMO_PASSWORD, disconnectBrowser, openSession, signIn, visit } from "./harness.ts";

afterAll(() => disconnectBrowser());

const COMPETITION = "demo-comp-ggzh-2026";

describe("competitions: expert scoring", () => {
  it("an expert scores an assigned entry through the form, by keyboard and mouse; the organiser reads it", async () => {
    const s = await openSession();
    const { page } = s;
    const main = page.locator("main");
    try {
      await signIn(s, "expert@uchastie.local", DEMO_PASSWORD);
      await visit(s, `/competitions/${COMPETITION}/review`, "expert's review list");
      await checkPhone(s, "expert's review list");
      await expect(main.textContent()).resolves.toContain("Не оценена");

      // The first card is an entry to do (to-do entries come first).
      const first = main.locator(".review-list .card").first();
      await expect(first.textContent()).resolves.toContain("Не оценена");
      await clickAndLoad(page, first.locator("a").first());
      const entryUrl = new URL(page.url()).pathname;
      expect(entryUrl).toMatch(new RegExp(`^/competitions/${COMPETITION}/review/[^/]+$`));
      await checkPage(s, "scoring form");
      await checkPhone(s, "scoring form");
      const fieldsets = main.locator("fieldset.criterion");
      const n = await fieldsets.count();
      expect(n).toBeGreaterThan(1);

      // Submitting nothing: every criterion and the confirmation reported, the summary focused, its links lead to the fields.
      await clickAndLoad(page, main.getByRole("button", { name: "Отправить оценку" }));
      await checkPage(s, "scoring form with errors", { allowStatus: 422 });
      expect((await activeElement(page))?.id).toBe("error-summary");
      const links = page.locator("#error-summary a");
      await expect(links.count()).resolves.toBe(n + 1);
      await links.first().click();
      const focused = await activeElement(page);
      expect(focused?.type).toBe("radio");
      expect(focused?.name).toMatch(/^score\./);

      // The keyboard: a scale is one radio group; arrows move along it and choose.
      const firstGroup = fieldsets.first().locator("input[type=radio]");
      await firstGroup.first().focus();
      await page.keyboard.press("ArrowRight");
      const moved = await activeElement(page);
      expect(moved?.id).toBe(await firstGroup.nth(1).getAttribute("id"));
      await expect(firstGroup.nth(1).isChecked()).resolves.toBe(true);

      // A draft with one criterion scored keeps it.
      await clickAndLoad(page, main.getByRole("button", { name: "Сохранить черновик" }));
      expect(new URL(page.url()).pathname).toBe(entryUrl);
      await expect(page.locator("body").textContent()).resolves.toContain("Черновик оценки сохранён.");
      await expect(fieldsets.first().locator("input[type=radio]").nth(1).isChecked()).resolves.toBe(true);
      await checkPage(s, "scoring form with a draft");

      // Every criterion at the top of its scale (no comment needed), the confirmation ticked, submitted.
      for (let i = 0; i < n; i++) await fieldsets.nth(i).locator("input[type=radio]").last().check();
      await page.getByLabel("Я проверил(а) оценку и понимаю, что после отправки её нельзя изменить").check();
      await clickAndLoad(page, main.getByRole("button", { name: "Отправить оценку" }));
      await expect(page.locator("body").textContent()).resolves.toContain("Оценка отправлена. Спасибо!");
      await expect(main.textContent()).resolves.toContain("Итог по критериям: 100,00 из 100");
      await expect(main.locator("form button[name=action]").count()).resolves.toBe(0);
      await checkPage(s, "submitted sheet");
      await checkPhone(s, "submitted sheet");

      // The organiser reads the entry's submitted sheets with the experts' names, and cannot score.
      const o = await openSession();
      try {
        await signIn(o, DEMO.organiser, DEMO_PASSWORD);
        await visit(o, entryUrl, "entry's sheets (organiser)");
        await checkPhone(o, "entry's sheets (organiser)");
        await expect(o.page.locator("main").textContent()).resolves.toContain("Эксперт конкурса");
        await expect(o.page.locator("main form button[name=action]").count()).resolves.toBe(0);
      } finally {
        await o.close();
      }
    } finally {
      await s.close();
    }
  });
});
