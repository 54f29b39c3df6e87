// Experts and assignment in a real browser, on the demo's 2026 смотр-конкурс in its expert-evaluation
// stage: the organiser opens the jury page (a refused e-mail comes back with a linked, focused error
// summary) and the evaluation progress, and adds a further expert to the flagged entry with its form;
// the late expert (Санкт-Петербург, not declared yet) declares through the conflicts page — first a
// contradiction (an entry ticked and "no conflicts"), then a conflict with a reason. Every page goes
// through checkPage (axe, hydration, console/CSP errors, unique ids) and checkPhone (375 px).
// expert@'s own assignments are left alone: the scoring scenario works on them.
import { afterAll, describe, expect, it } from "vitest";
import { activeElement, checkPage, checkPhone, clickAndLoad, DEMO, DEMO_PASSWORD, disconnectBrowser, openSession, signIn, visit } from "./harness.ts";

afterAll(() => disconnectBrowser());

const COMPETITION = "demo-comp-ggzh-2026";

describe("competitions: experts and assignment", () => {
  it("the organiser's jury and evaluation pages, a further expert on the flagged entry", async () => {
    const s = await openSession();
    const { page } = s;
    const main = page.locator("main");
    try {
      await signIn(s, DEMO.organiser, DEMO_PASSWORD);
      await visit(s, `/competitions/${COMPETITION}/experts`, "jury page");
      await checkPhone(s, "jury page");
      const text = await main.textContent();
      expect(text).toContain("Наталья Орлова");
      expect(text).toContain("не подана");
      expect(text).toContain("Распределить заявки");

      // An address with no account: the form comes back with the reason, the summary focused and linked.
      await page.locator("#f-email").fill("nobody-here@example.ru");
      await clickAndLoad(page, main.getByRole("button", { name: "Добавить эксперта" }));
      await checkPage(s, "jury page with an error", { allowStatus: 422 });
      expect((await activeElement(page))?.id).toBe("error-summary");
      await expect(page.locator("#error-summary").textContent()).resolves.toContain("Учётной записи с таким адресом нет");
      await page.locator("#error-summary a").first().click();
      expect((await activeElement(page))?.id).toBe("f-email");

      await visit(s, `/competitions/${COMPETITION}/evaluation`, "evaluation progress");
      await checkPhone(s, "evaluation progress");
      const flagged = main.locator("li.card", { has: page.locator("select") }).first();
      await expect(flagged.count()).resolves.toBe(1);
      const select = flagged.locator("select");
      const options = await select.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      const choice = options.find((v) => v !== "demo-u-expert");
      expect(choice).toBeTruthy();
      await select.selectOption(choice!);
      await clickAndLoad(page, flagged.getByRole("button", { name: "Добавить эксперта" }));
      expect(new URL(page.url()).pathname).toBe(`/competitions/${COMPETITION}/evaluation`);
      await expect(page.locator("body").textContent()).resolves.toContain("Эксперт добавлен к заявке и получил уведомление.");
      await checkPage(s, "evaluation progress after adding an expert");
    } finally {
      await s.close();
    }
  });

  it("the late expert declares: a contradiction refused, then a conflict with a reason", async () => {
    const s = await openSession({ mobile: true });
    const { page } = s;
    const main = page.locator("main");
    try {
      await signIn(s, "expert.spb@uchastie.local", DEMO_PASSWORD);
      await visit(s, `/competitions/${COMPETITION}/conflicts`, "declaration page (phone)");
      await checkPhone(s, "declaration page");
      await expect(main.textContent()).resolves.toContain("Декларация ещё не подана");
      const first = main.locator("input[type=checkbox][name=entry]").first();
      const entryId = await first.getAttribute("value");
      await first.check();
      await clickAndLoad(page, main.getByRole("button", { name: "Конфликтов интересов нет" }));
      await checkPage(s, "declaration with an error", { allowStatus: 422 });
      expect((await activeElement(page))?.id).toBe("error-summary");
      await page.locator("#error-summary a").first().click();
      expect((await activeElement(page))?.id).toBe(`c-${entryId}`);

      // Still ticked; a reason, and save.
      await expect(page.locator(`#c-${entryId}`).isChecked()).resolves.toBe(true);
      await page.locator(`#r-${entryId}`).fill("Работала в команде проекта");
      await clickAndLoad(page, main.getByRole("button", { name: "Сохранить декларацию" }));
      await expect(page.locator("body").textContent()).resolves.toContain("Декларация сохранена.");
      await expect(main.textContent()).resolves.toContain("Декларация подана");
      await expect(page.locator(`#r-${entryId}`).inputValue()).resolves.toBe("Работала в команде проекта");
      await checkPage(s, "declaration saved");
    } finally {
      await s.close();
    }
  });
});
