// Bad input on the proposal form, in a real browser: an empty submission and one with wrong values
// come back with the error summary (focused, one link per field, each leading to its field) and the
// inline errors in Russian, keep what was typed, and create nothing.
import { afterAll, describe, expect, it } from "vitest";
import { checkPage, checkPhone, clickAndLoad, DEMO, DEMO_PASSWORD, disconnectBrowser, openSession, signIn, type Session } from "./harness.ts";

afterAll(() => disconnectBrowser());

const REQUIRED = "Заполните это поле: без него предложение нельзя отправить на модерацию";
/** Field name → its label, in the order of the form. */
const REQUIRED_FIELDS: [string, string][] = [
  ["title", "Название проекта"],
  ["summary", "Краткое описание"],
  ["theme", "Тема"],
  ["problem", "Описание проблемы"],
  ["goal", "Цель проекта"],
  ["tasks", "Задачи проекта"],
  ["expectedResults", "Ожидаемые результаты"],
  ["city", "Город"],
  ["beneficiaries", "Число благополучателей"],
  ["budgetRequested", "Запрашиваемая сумма, ₽"],
  ["startDate", "Дата начала"],
  ["endDate", "Дата окончания"],
  ["team", "Команда проекта"],
];

const summary = (s: Session) => s.page.locator("#error-summary");
const myProposals = async (s: Session) => {
  await s.page.goto("/me/proposals");
  return s.page.locator("main ul.cards > li, main table tbody tr").count();
};

/** The field's inline error and that it is part of the field's accessible description. */
async function inlineError(s: Session, field: string) {
  const input = s.page.locator(`#f-${field}`);
  return {
    invalid: await input.getAttribute("aria-invalid"),
    error: await s.page.locator(`#f-${field}-error`).textContent(),
    described: await input.evaluate((el) => (el.getAttribute("aria-describedby") ?? "").split(" ").some((id) => id.endsWith("-error") && document.getElementById(id) !== null)),
  };
}

describe("proposal form: bad input", () => {
  it("an empty submission: the summary lists every required field, focused; inline errors; nothing created", async () => {
    const s = await openSession();
    const { page } = s;
    try {
      await signIn(s, DEMO.resident, DEMO_PASSWORD);
      const before = await myProposals(s);
      await page.goto("/proposals/new?organiser=org-nsk");
      await checkPage(s, "new proposal form");
      const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith("/proposals") && r.request().method() === "POST"), page.getByRole("button", { name: "Отправить на модерацию" }).click()]);
      expect(res.status()).toBe(422);
      await page.waitForLoadState("load");
      await checkPage(s, "new proposal form with errors", { allowStatus: 422 });
      await checkPhone(s, "new proposal form with errors");

      await expect(summary(s).isVisible()).resolves.toBe(true);
      expect(await summary(s).getAttribute("role")).toBe("alert");
      expect(await summary(s).locator("h2").textContent()).toBe("Исправьте ошибки в форме:");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("error-summary");
      const links = summary(s).locator("li a");
      expect(await links.allTextContents()).toEqual(REQUIRED_FIELDS.map(([, label]) => `${label}: ${REQUIRED}`));
      expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(REQUIRED_FIELDS.map(([f]) => `#f-${f}`));
      for (const [field] of REQUIRED_FIELDS) expect(await inlineError(s, field), field).toEqual({ invalid: "true", error: REQUIRED, described: true });
      // Optional fields have no error.
      for (const field of ["district", "tos", "cofinancing"]) await expect(page.locator(`#f-${field}-error`).count(), field).resolves.toBe(0);

      // A link of the summary takes the person to its field (keyboard: Tab from the summary, Enter).
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe("#f-title");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.activeElement?.id === "f-title");
      await summary(s).getByRole("link", { name: /^Задачи проекта/ }).click();
      await page.waitForFunction(() => document.activeElement?.id === "f-tasks");

      expect(await myProposals(s)).toBe(before);
    } finally {
      await s.close();
    }
  });

  it("wrong values: their own messages, what was typed is kept, nothing created", async () => {
    const s = await openSession();
    const { page } = s;
    try {
      await signIn(s, DEMO.resident, DEMO_PASSWORD);
      const before = await myProposals(s);
      await page.goto("/proposals/new?organiser=org-nsk");
      await checkPage(s, "new proposal form");
      const title = "Скамейки <b>во дворе</b>";
      await page.getByLabel("Название проекта").fill(title);
      await page.getByLabel("Число благополучателей").fill("много");
      await page.getByLabel("Запрашиваемая сумма, ₽").fill("2000000000");
      await page.getByLabel("Дата начала").fill("2027-02-31");
      await page.getByLabel("Дата окончания").fill("2027-01-15");
      const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith("/proposals") && r.request().method() === "POST"), page.getByRole("button", { name: "Сохранить черновик" }).click()]);
      expect(res.status()).toBe(422);
      await page.waitForLoadState("load");
      await checkPage(s, "draft with wrong values", { allowStatus: 422 });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("error-summary");
      const errors = await summary(s).locator("li a").allTextContents();
      expect(errors).toHaveLength(3);
      expect(errors[0]).toBe("Число благополучателей: Введите целое число");
      // The limit digit-grouped as people write it, like the field's hint.
      expect(errors[1]).toMatch(/^Запрашиваемая сумма, ₽: Не больше 1[\s\u00a0]000[\s\u00a0]000[\s\u00a0]000$/);
      expect(errors[2]).toBe("Дата начала: Введите существующую дату в формате ГГГГ-ММ-ДД");
      expect((await inlineError(s, "beneficiaries")).error).toBe("Введите целое число");
      // Kept as typed (and shown as text, not markup).
      await expect(page.getByLabel("Название проекта").inputValue()).resolves.toBe(title);
      await expect(page.getByLabel("Число благополучателей").inputValue()).resolves.toBe("много");
      await expect(page.getByLabel("Дата окончания").inputValue()).resolves.toBe("2027-01-15");
      await expect(page.locator("main b").count()).resolves.toBe(0);

      // The dates fixed but still the wrong way round.
      await page.getByLabel("Число благополучателей").fill("50");
      await page.getByLabel("Запрашиваемая сумма, ₽").fill("90000");
      await page.getByLabel("Дата начала").fill("2027-02-01");
      await clickAndLoad(page, page.getByRole("button", { name: "Сохранить черновик" }));
      await checkPage(s, "draft with the dates reversed", { allowStatus: 422 });
      expect(await summary(s).locator("li a").allTextContents()).toEqual(["Дата окончания: Дата окончания не может быть раньше даты начала"]);

      expect(await myProposals(s)).toBe(before);
    } finally {
      await s.close();
    }
  });
});
