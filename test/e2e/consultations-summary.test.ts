// The «сводка предложений» in a real browser, on the demo consultation on seed 000 (closed, a
// disposition on every remark, version 1's summary published, version 2 taking remarks into
// account): the public table hydrates and passes axe on a desktop and at 375 px with nothing wider
// than the screen (rows become cards there), the GET filter works without JavaScript, the CSV and
// the printable page answer, and the organiser's work page shows the published state.
import { afterAll, describe, expect, it } from "vitest";
import { baseUrl, checkPhone, clickAndLoad, DEMO, DEMO_PASSWORD, disconnectBrowser, formatViolations, openSession, runAxe, signIn, visit } from "./harness.ts";

afterAll(() => disconnectBrowser());

const ID = "demo-cons-000";
const PATH = `/consultations/${ID}/summary`;

describe("the summary of remarks", () => {
  it("a table with caption and column headers on a desktop, cards at 375 px; accessible both ways", async () => {
    const s = await openSession();
    try {
      await visit(s, PATH, "summary");
      const { page } = s;
      expect.soft(await page.locator("table.summary-table caption").textContent()).toBe("Замечания к редакции 1 и решения по ним");
      expect.soft(await page.locator("table.summary-table th[scope=col]").count()).toBe(9);
      const rows = await page.locator("table.summary-table tbody tr").count();
      expect(rows).toBeGreaterThan(0);
      // «учтено в п. 8.2 редакции 2», linking into version 2's document.
      expect.soft(await page.locator("table.summary-table a", { hasText: "п. 8.2 редакции 2" }).first().getAttribute("href")).toMatch(/^\/consultations\/demo-cons-000\?version=2#clause-/);
      // On a phone each row is a card: the column names show, the header row does not take space.
      await checkPhone(s, "summary");
      await page.setViewportSize({ width: 375, height: 740 });
      const label = page.locator("table.summary-table tbody tr").first().locator(".summary-table__label").first();
      expect.soft(await label.isVisible()).toBe(true);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect.soft(overflow).toBeLessThanOrEqual(0);
    } finally {
      await s.close();
    }
  });

  it("filters by disposition through the GET form without JavaScript, and downloads", async () => {
    const s = await openSession({ noScript: true });
    try {
      const { page } = s;
      expect((await page.goto(PATH))?.status()).toBe(200);
      const all = await page.locator("table.summary-table tbody tr").count();
      await page.locator("#s-disposition").selectOption("accepted");
      await clickAndLoad(page, page.locator("form.filter-form button[type=submit]"));
      expect(new URL(page.url()).searchParams.get("disposition")).toBe("accepted");
      const accepted = await page.locator("table.summary-table tbody tr").count();
      expect(accepted).toBeGreaterThan(0);
      expect(accepted).toBeLessThan(all);
      expect(await page.locator("table.summary-table tbody .badge").allTextContents()).toEqual(Array(accepted).fill("Учтено"));
      // The CSV and the printable page carry the same filter.
      const csvHref = await page.locator("a", { hasText: "Таблица CSV" }).getAttribute("href");
      expect(csvHref).toContain("disposition=accepted");
      const csv = await fetch(`${baseUrl()}${csvHref}`);
      expect(csv.headers.get("content-disposition")).toMatch(/^attachment;/);
      const text = await csv.text();
      // Header + one record per row (no remark text of the demo spans lines in a way that splits records at CRLF).
      expect(text.split("\r\n").filter(Boolean).length).toBeGreaterThanOrEqual(accepted + 1);
    } finally {
      await s.close();
    }
  });

  it("the printable page is a plain, accessible document with every row and no script", async () => {
    const s = await openSession();
    try {
      const { page } = s;
      const res = await page.goto(`/consultations/${ID}/summary/print`);
      expect(res?.status()).toBe(200);
      expect(await page.locator("script").count()).toBe(0);
      expect(await page.locator("nav").count()).toBe(0);
      expect(await page.locator("h1").textContent()).toBe("Сводка предложений");
      expect(await page.locator("table.summary-table tbody tr").count()).toBeGreaterThan(0);
      const violations = await runAxe(page);
      expect.soft(violations.length ? `\n  ${formatViolations(violations)}` : "", "print: axe").toBe("");
      expect.soft(s.problems.splice(0), "print: console errors").toEqual([]);
    } finally {
      await s.close();
    }
  });

  it("the organiser's work page: progress and the published state, accessible", async () => {
    const s = await openSession();
    try {
      await signIn(s, DEMO.organiser, DEMO_PASSWORD);
      await visit(s, `/consultations/${ID}/dispositions?version=1`, "dispositions, version 1");
      const { page } = s;
      expect.soft(await page.locator("#work-progress").textContent()).toMatch(/^Осталось без решения: 0 из \d+$/);
      expect.soft(await page.locator(".work-progress .notice").textContent()).toContain("Сводка этой редакции опубликована");
      // Decisions are final: no forms to change them.
      expect.soft(await page.locator("form#bulk-form").count()).toBe(0);
      await checkPhone(s, "dispositions, version 1");
    } finally {
      await s.close();
    }
  });
});
