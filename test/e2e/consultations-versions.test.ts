// Comparing versions in a real browser, on the demo consultation on seed 000 (version 2 reworded
// clause 8.2 and the first item of 8.3 and added 8.6, taking remarks into account): the page
// hydrates without touching the server-rendered comparison, passes axe at desktop and phone width
// with nothing wider than a 375 px screen, unchanged clauses unfold without JavaScript, and the GET
// form switches «только изменения» off.
import { afterAll, describe, expect, it } from "vitest";
import { checkPage, checkPhone, clickAndLoad, disconnectBrowser, openSession, visit } from "./harness.ts";

afterAll(() => disconnectBrowser());

const PATH = "/consultations/demo-cons-000/compare";

describe("comparing versions", () => {
  it("shows what changed, with text badges and word changes, on a desktop and on a phone", async () => {
    const s = await openSession();
    try {
      await visit(s, PATH, "compare 1 → 2");
      const { page } = s;
      expect.soft(await page.locator(".compare-summary").textContent()).toBe("Изменено: 2, добавлено: 1, удалено: 0, перемещено: 0");
      expect.soft(await page.locator(".compare__item--changed .badge", { hasText: "Изменён" }).count()).toBe(2);
      expect.soft(await page.locator(".compare__item--added .badge", { hasText: "Добавлен" }).count()).toBe(1);
      // The word changes: the old date struck out, the new one inserted, each announced by a hidden word.
      expect.soft(await page.locator(".compare del", { hasText: "15 января" }).count()).toBe(1);
      expect.soft(await page.locator(".compare ins", { hasText: "1 февраля" }).count()).toBe(1);
      expect.soft((await page.locator(".compare ins .visually-hidden").first().textContent())?.trim()).toBe("добавлено:");
      // Remarks the second version took into account link to their pages.
      expect.soft(await page.locator(".compare__taken a").first().getAttribute("href")).toMatch(/^\/consultations\/demo-cons-000\/remarks\//);
      // Hydration kept the server's comparison (it is not in the page's JSON).
      const unchangedRuns = page.locator(".compare details");
      expect(await unchangedRuns.count()).toBeGreaterThan(0);
      await unchangedRuns.first().locator("summary").click();
      expect.soft(await unchangedRuns.first().getAttribute("open")).toBe("");
      await checkPage(s, "compare, a run of unchanged clauses unfolded");
      await checkPhone(s, "compare 1 → 2");
    } finally {
      await s.close();
    }
  });

  it("works without JavaScript: unfolding, and the form turning «только изменения» off", async () => {
    const s = await openSession({ mobile: true, noScript: true });
    try {
      const { page } = s;
      const res = await page.goto(PATH);
      expect(res?.status()).toBe(200);
      const run = page.locator(".compare details").first();
      await run.locator("summary").click();
      expect(await run.getAttribute("open")).toBe("");
      await page.locator("#f-changes").uncheck();
      await clickAndLoad(page, page.locator("form.compare-form button[type=submit]"));
      expect(new URL(page.url()).searchParams.getAll("changes")).toEqual(["0"]);
      expect(await page.locator(".compare details").count()).toBe(0);
      expect(await page.locator("#f-changes").isChecked()).toBe(false);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await s.close();
    }
  });

  it("a wrong version number: the message next to the field, and the page still passes axe", async () => {
    const s = await openSession();
    try {
      await visit(s, `${PATH}?from=1&to=7`, "compare with an unknown version", 422);
      expect.soft(await s.page.locator(".error-summary a[href='#f-to']").textContent()).toContain("Такой редакции у документа нет.");
      expect.soft(await s.page.locator("#f-to").getAttribute("aria-invalid")).toBe("true");
    } finally {
      await s.close();
    }
  });
});
