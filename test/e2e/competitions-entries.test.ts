// Entering a competition in a real browser, on the demo's youth competition (МАГ) in its entry stage:
// nko@ opens the form, is refused in their own name (the rules admit organisations only) and for the
// missing fields with a linked error summary that takes the focus, then enters a city practice for
// their АНО; the entry's page shows it waiting for the check, «Мои заявки» lists it; organiser@
// (МАГ's admin works its queue) admits it from /moderation; a visitor finds it in the nomination's
// list and reads it without the contact. Every page goes through checkPage (axe, hydration,
// console/CSP errors, unique ids) and the main ones checkPhone (375 px).
import { afterAll, describe, expect, it } from "vitest";
import { activeElement, checkPage, checkPhone, clickAndLoad, DEMO, DEMO_PASSWORD, disconnectBrowser, openSession, signIn, visit, type Session } from "./harness.ts";

afterAll(() => disconnectBrowser());

const COMPETITION = "demo-comp-youth";
const main = (s: Session) => s.page.locator("main");

describe("competitions: entering", () => {
  it("an organisation's member enters a practice through the form; the organiser admits it from the queue; a visitor reads it", async () => {
    const entrant = await openSession();
    const organiser = await openSession();
    const visitor = await openSession({ mobile: true });
    const title = `Школьные советы Новосибирска ${Date.now().toString(36)}`;
    const contact = "youth-entry@example.org";
    try {
      const { page } = entrant;
      await signIn(entrant, DEMO.nko, DEMO_PASSWORD);
      await visit(entrant, `/competitions/${COMPETITION}/enter`, "entry form");
      await checkPhone(entrant, "entry form");
      // Residents may not enter this one: the form says so next to their own name.
      await expect(page.getByLabel("От чьего имени").locator("option").first().textContent()).resolves.toContain("не допускается положением");

      // First attempt: in one's own name, without the texts.
      await page.getByLabel("Номинация").selectOption({ index: 1 });
      await page.getByLabel("Город").fill("Новосибирск");
      await clickAndLoad(page, main(entrant).getByRole("button", { name: "Подать заявку" }));
      await checkPage(entrant, "entry form with errors", { allowStatus: 422 });
      const summary = page.locator("#error-summary");
      await expect(summary.textContent()).resolves.toContain("Название практики: Заполните это поле");
      await expect(summary.textContent()).resolves.toContain("Контакт для связи: Заполните это поле");
      expect((await activeElement(page))?.id).toBe("error-summary");
      await expect(page.getByLabel("Город").inputValue()).resolves.toBe("Новосибирск");
      // The summary's link leads to the field.
      await summary.getByRole("link", { name: /Название практики/ }).click();
      expect((await activeElement(page))?.id).toBe("f-title");

      await page.getByLabel("Название практики").fill(title);
      await page.getByLabel("Проблема").fill("Школьные советы работали каждый сам по себе.");
      await page.getByLabel("Что сделано").fill("Объединили советы 30 школ в городскую сеть, провели 6 форумов.");
      await page.getByLabel("Результаты (с цифрами)").fill("30 школ, 450 активистов, 12 проектов в бюджете города.");
      await page.getByLabel("Бюджет, руб.").fill("350 000");
      await page.getByLabel("Контакт для связи").fill(contact);
      await clickAndLoad(page, main(entrant).getByRole("button", { name: "Подать заявку" }));
      await checkPage(entrant, "entry form: own name refused", { allowStatus: 403 });
      await expect(summary.textContent()).resolves.toContain("Этот конкурс не принимает заявки от участников такого вида");

      // For the АНО: accepted, to the entry's page.
      await page.getByLabel("От чьего имени").selectOption({ label: "АНО «Центр городских инициатив» (НКО)" });
      await clickAndLoad(page, main(entrant).getByRole("button", { name: "Подать заявку" }));
      const entryPath = new URL(page.url()).pathname;
      expect(entryPath).toMatch(new RegExp(`^/competitions/${COMPETITION}/entries/[0-9a-f-]{36}$`));
      await checkPage(entrant, "entry page (entrant)");
      await checkPhone(entrant, "entry page (entrant)");
      const text = await main(entrant).textContent();
      expect(text).toContain("На проверке");
      expect(text).toContain(contact);
      expect(text).toMatch(/350\s000/);
      expect(text).toContain("Заявка подана и отправлена на проверку");

      await visit(entrant, "/competitions/mine", "my entries");
      await checkPhone(entrant, "my entries");
      expect(await main(entrant).textContent()).toContain(title);

      // ——— The organiser admits it from the queue ———
      await signIn(organiser, DEMO.organiser, DEMO_PASSWORD);
      await visit(organiser, "/moderation?organiser=org-mag", "moderation queue with the entry");
      const item = organiser.page.locator("main article.card", { has: organiser.page.getByRole("heading", { name: title, exact: true }) });
      await expect(item.count()).resolves.toBe(1);
      const decision = item.locator("form[action$='/decision']");
      await decision.getByLabel("Действие").selectOption({ label: "Допустить к конкурсу" });
      await clickAndLoad(organiser.page, decision.getByRole("button", { name: "Принять решение" }));
      await checkPage(organiser, "moderation queue after admitting");

      // ——— A visitor, on a phone: the nomination's list and the entry, without the contact ———
      await visit(visitor, `/competitions/${COMPETITION}/entries`, "nomination's entries (visitor, 375 px)");
      await clickAndLoad(visitor.page, main(visitor).getByRole("link", { name: title }));
      expect(new URL(visitor.page.url()).pathname).toBe(entryPath);
      await checkPage(visitor, "entry page (visitor, 375 px)");
      const shown = await main(visitor).textContent();
      expect(shown).toContain("АНО «Центр городских инициатив»");
      expect(shown).not.toContain(contact);
      expect(shown).not.toContain("На проверке");

      // The entrant sees it admitted, and withdraws it (the demo stays as it was for the other files).
      await visit(entrant, entryPath, "entry page (admitted, entrant)");
      expect(await main(entrant).textContent()).toContain("Допущена");
      await clickAndLoad(page, main(entrant).getByRole("button", { name: "Отозвать заявку" }));
      await checkPage(entrant, "entry page (withdrawn)");
      expect(await main(entrant).textContent()).toContain("Отозвана");
    } finally {
      await Promise.all([entrant.close(), organiser.close(), visitor.close()]);
    }
  });
});
