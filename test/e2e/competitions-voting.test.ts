// Public voting in a real browser, on the demo's ТОС contest of Мэрия Новосибирска (voting stage):
// a new resident opens the ballot, votes with the keyboard, gets the receipt code once, changes the
// vote with the mouse, checks both codes (replaced / counted); an admin of the organiser (granted
// for the test by the platform admin through the API) opens the anomaly report — the demo's six
// accounts from one network are listed — opens the votes of the current hour and annuls the new
// resident's vote with a reason, which the resident's receipt then reports. Every page goes through
// checkPage (axe, hydration, console/CSP errors, unique ids) and checkPhone (375 px); the ballot
// and the receipt check once more in English.
import { afterAll, describe, expect, it } from "vitest";
import { api, checkPage, checkPhone, clickAndLoad, DEMO, DEMO_PASSWORD, disconnectBrowser, openSession, signIn, signUpResident, visit } from "./harness.ts";

afterAll(() => disconnectBrowser());

const COMPETITION = "demo-comp-nsk-tos";
const ballot = `/competitions/${COMPETITION}/vote`;

describe("competitions: public voting", () => {
  it("vote, receipt, change, check; the organiser's report and an annulment the receipt then reports", async () => {
    const s = await openSession();
    const { page } = s;
    const main = page.locator("main");
    const stamp = Date.now().toString(36);
    const voterName = `Голосующий ${stamp}`;
    try {
      await signUpResident(s, voterName);
      await visit(s, ballot, "ballot");
      await checkPhone(s, "ballot");
      await expect(main.textContent()).resolves.toContain("В каждой номинации можно отдать один голос");
      const buttons = main.locator("ol.ballot button[type=submit]");
      expect(await buttons.count()).toBeGreaterThan(1);
      const firstTitle = (await main.locator("ol.ballot .ballot__title").first().textContent())!.trim();
      const secondTitle = (await main.locator("ol.ballot .ballot__title").nth(1).textContent())!.trim();

      // The keyboard: focus the first button, Enter submits its form.
      await buttons.first().focus();
      await Promise.all([page.waitForEvent("load"), page.keyboard.press("Enter")]);
      await checkPage(s, "receipt after a vote");
      await checkPhone(s, "receipt after a vote");
      await expect(main.locator("h1").textContent()).resolves.toBe("Ваш голос принят");
      const first = (await main.locator(".receipt-code code").textContent())!.trim();
      expect(first).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      await expect(main.textContent()).resolves.toContain(firstTitle);

      // Back on the ballot: the choice marked, the code not shown again; the mouse moves the vote.
      await clickAndLoad(page, main.getByRole("link", { name: "Вернуться к заявкам номинации" }));
      await checkPage(s, "ballot with my vote");
      await expect(main.locator(".ballot__item--mine .ballot__title").textContent()).resolves.toBe(firstTitle);
      await expect(main.textContent()).resolves.not.toContain(first);
      await clickAndLoad(page, main.getByRole("button", { name: `Отдать голос этой заявке за заявку «${secondTitle}»` }));
      await expect(main.locator("h1").textContent()).resolves.toBe("Ваш голос изменён");
      const second = (await main.locator(".receipt-code code").textContent())!.trim();
      expect(second).not.toBe(first);

      // Checking: the first code typed loosely is «replaced», the second «counted».
      await visit(s, "/competitions/receipt", "receipt check form");
      await page.locator("#f-code").fill(first.toLowerCase().replace(/-/g, " "));
      await clickAndLoad(page, main.getByRole("button", { name: "Проверить" }));
      await checkPage(s, "receipt check: replaced");
      await checkPhone(s, "receipt check: replaced");
      await expect(main.textContent()).resolves.toContain("Заменён более поздним голосом");
      await visit(s, `/competitions/receipt?code=${second}`, "receipt check: counted");
      await expect(main.textContent()).resolves.toContain("Голос учтён");
      await expect(main.textContent()).resolves.toContain(secondTitle);
      await visit(s, "/competitions/receipt?code=0000-0000-0000-0000", "receipt check: unknown", 404);
      await expect(main.textContent()).resolves.toContain("Квитанция с таким кодом не найдена");

      // An admin of Мэрия Новосибирска (nobody in the demo is one: the platform admin grants it).
      const o = await openSession();
      try {
        await signUpResident(o, `Администратор конкурса ${stamp}`);
        const registered = (await api<{ email: string }>(o, "GET", "/api/me")).email;
        const a = await openSession();
        try {
          await signIn(a, DEMO.admin, DEMO_PASSWORD);
          await a.page.goto("/");
          await api(a, "POST", "/api/admin/roles", { email: registered, role: "organiser_admin", organiserId: "org-nsk" });
        } finally {
          await a.close();
        }
        const om = o.page.locator("main");
        await visit(o, `/competitions/${COMPETITION}/votes`, "anomaly report");
        await checkPhone(o, "anomaly report");
        await expect(om.textContent()).resolves.toContain("Голоса по часам");
        // The demo's burst: six new accounts from one network.
        await expect(om.locator("section[aria-labelledby=networks-title] tbody tr").count()).resolves.toBeGreaterThan(0);
        await clickAndLoad(o.page, om.locator("section[aria-labelledby=networks-title] tbody tr a").first());
        await checkPage(o, "votes from one network");
        await checkPhone(o, "votes from one network");

        // This hour's votes (the newest row of the table) hold the new resident's vote.
        await visit(o, `/competitions/${COMPETITION}/votes`, "anomaly report again");
        await clickAndLoad(o.page, om.locator("section[aria-labelledby=hours-title] tbody tr").first().locator("td a").first());
        await checkPage(o, "votes of this hour");
        // Two rows: the first vote (replaced) and the change (counted, the one to annul).
        const rows = om.locator("tbody tr", { hasText: voterName });
        await expect(rows.count()).resolves.toBe(2);
        await expect(rows.filter({ hasText: "заменён" }).count()).resolves.toBe(1);
        const row = rows.filter({ hasText: "изменение" });
        await expect(row.textContent()).resolves.toContain("учитывается");
        await clickAndLoad(o.page, row.getByRole("link", { name: /Аннулировать/ }));
        await checkPage(o, "annulment form");
        await checkPhone(o, "annulment form");
        await clickAndLoad(o.page, om.getByRole("button", { name: "Аннулировать голос" }));
        await checkPage(o, "annulment without a reason", { allowStatus: 422 });
        await o.page.locator("#f-reason").fill("Проверка: учётная запись создана для теста");
        await clickAndLoad(o.page, om.getByRole("button", { name: "Аннулировать голос" }));
        await checkPage(o, "votes of this hour after the annulment");
        await expect(o.page.locator("body").textContent()).resolves.toContain("Голос аннулирован.");
        await expect(om.locator("tbody tr", { hasText: voterName }).filter({ hasText: "изменение" }).textContent()).resolves.toContain("аннулирован");
      } finally {
        await o.close();
      }

      // The voter's receipt reports the annulment and its reason; the ballot explains it.
      await visit(s, `/competitions/receipt?code=${second}`, "receipt check: annulled");
      await expect(main.textContent()).resolves.toContain("Аннулирован организатором");
      await expect(main.textContent()).resolves.toContain("Проверка: учётная запись создана для теста");
      await visit(s, ballot, "ballot after the annulment");
      await expect(main.textContent()).resolves.toContain("аннулирован организатором");
      await expect(main.locator("ol.ballot button[type=submit]").count()).resolves.toBe(0);

      // English, switched with the header link like a person would.
      await clickAndLoad(page, page.locator(".lang-switch a"));
      await checkPage(s, "ballot (en)");
      await expect(main.locator("h1").textContent()).resolves.toMatch(/^Public vote: /);
      await visit(s, `/competitions/receipt?code=${second}`, "receipt check (en)");
      await expect(main.textContent()).resolves.toContain("Annulled by the organiser");
    } finally {
      await s.close();
    }
  });
});
