// The public pages, the signed-in pages and a membership request confirmed by a moderator, each
// checked with axe-core and for console errors; the home and sign-up pages also on a phone screen.
import { DEMO_PASSWORD } from "../../scripts/demo-content.ts";
import { afterAll, describe, expect, it } from "vitest";
import { checkPage, disconnectBrowser, MOBILE, openSession, signIn, visit } from "./harness.ts";

afterAll(() => disconnectBrowser());

describe("public pages", () => {
  it("home, organisations, an organisation, API reference, consent text, password recovery", async () => {
    const s = await openSession();
    try {
      for (const path of ["/", "/organisations", "/organisations/demo-tos", "/api/docs", "/consent", "/password/forgot"]) await visit(s, path);
    } finally {
      await s.close();
    }
  });

  it("an unknown page is a readable 404 page", async () => {
    const s = await openSession();
    try {
      await visit(s, "/no-such-page", "404 page", 404);
      expect(await s.page.locator("h1").textContent()).toBe("Ошибка");
    } finally {
      await s.close();
    }
  });
});

describe("the checks themselves", () => {
  it("notice a CSP violation and a console error (so a clean page really is clean)", async () => {
    const s = await openSession();
    try {
      await s.page.goto("/");
      await s.page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
      // An inline <style> without a nonce is refused by style-src 'self'.
      await s.page.evaluate(() => {
        const style = document.createElement("style");
        style.textContent = "body { color: red }";
        document.head.append(style);
      });
      await s.page.waitForTimeout(200);
      expect(s.problems.some((p) => p.includes("CSP violation: style-src"))).toBe(true);
    } finally {
      await s.close();
    }
  });
});

describe("signed in", () => {
  it("a wrong password: the summary says so, focused, in Russian", async () => {
    const s = await openSession();
    try {
      await s.page.goto("/signin");
      await s.page.getByLabel("Адрес электронной почты").fill("resident@uchastie.local");
      await s.page.getByLabel("Пароль").fill("not-the-password");
      const [res] = await Promise.all([
        s.page.waitForResponse((r) => r.url().endsWith("/signin") && r.request().method() === "POST"),
        s.page.locator("main").getByRole("button", { name: "Войти" }).click(),
      ]);
      expect(res.status()).toBe(401);
      await checkPage(s, "signin with a wrong password", { allowStatus: 401 });
      expect(await s.page.locator("#error-summary h2").textContent()).toBe("Неверный адрес электронной почты или пароль");
      expect(await s.page.evaluate(() => document.activeElement?.id)).toBe("error-summary");
      await expect(s.page.locator("#f-email").inputValue()).resolves.toBe("resident@uchastie.local");
    } finally {
      await s.close();
    }
  });

  it("platform admin: profile and admin area", async () => {
    const s = await openSession();
    try {
      await signIn(s, "admin@uchastie.local", DEMO_PASSWORD);
      expect(new URL(s.page.url()).pathname).toBe("/me");
      await checkPage(s, "/me (admin)");
      expect(await s.page.locator("main dd").first().textContent()).toBe("admin@uchastie.local");
      await visit(s, "/admin", "/admin (platform admin)");
      expect(await s.page.locator("h1").textContent()).toBe("Администрирование");
    } finally {
      await s.close();
    }
  });

  it("a resident asks to join two organisations; the moderator confirms one from /admin", async () => {
    const resident = await openSession();
    const moderator = await openSession();
    try {
      await signIn(resident, "resident@uchastie.local", DEMO_PASSWORD);
      for (const id of ["demo-tos", "demo-nko"]) {
        await visit(resident, `/organisations/${id}`, `/organisations/${id} (resident)`);
        await Promise.all([resident.page.waitForURL(/done=orgs\.joinRequested/), resident.page.getByRole("button", { name: "Вступить" }).click()]);
        await checkPage(resident, `/organisations/${id} after the request`);
        await expect.soft(resident.page.getByRole("status").textContent()).resolves.toContain("Заявка отправлена");
      }

      await signIn(moderator, "moderator@uchastie.local", DEMO_PASSWORD);
      await visit(moderator, "/admin", "/admin (moderator, two requests)");
      // Each request has its own reason field, labelled (ids must not repeat across the cards).
      const cards = moderator.page.locator("li.card", { hasText: "resident@uchastie.local" });
      await expect(cards.count()).resolves.toBe(2);
      for (const c of await cards.all()) await expect(c.getByRole("textbox", { name: "Причина (её увидит заявитель)" }).count()).resolves.toBe(1);
      const card = moderator.page.locator("li.card", { hasText: "resident@uchastie.local" }).filter({ hasText: "ТОС «Северный»" });
      await expect(card.count()).resolves.toBe(1);
      await card.getByLabel("Причина").fill("Проживает в микрорайоне");
      await Promise.all([moderator.page.waitForURL((u) => u.pathname === "/admin"), card.getByRole("button", { name: "Подтвердить" }).click()]);
      await checkPage(moderator, "/admin after confirming");
      await expect(moderator.page.locator("li.card", { hasText: "ТОС «Северный»" }).count()).resolves.toBe(0);
      await expect(moderator.page.locator("li.card", { hasText: "АНО «Центр городских инициатив»" }).count()).resolves.toBe(1);

      await visit(resident, "/me", "/me (resident)");
      const tos = resident.page.locator("main li", { hasText: "ТОС «Северный»" });
      expect(await tos.textContent()).toContain("подтверждено");
    } finally {
      await resident.close();
      await moderator.close();
    }
  });
});

describe("phone screen (375×740)", () => {
  it("home and sign-up pages, with the menu open and closed", async () => {
    const s = await openSession({ mobile: true });
    try {
      for (const path of ["/", "/signup"]) {
        await visit(s, path, `${path} (mobile)`);
        const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect.soft(overflow, `${path} (mobile): no horizontal scrolling`).toBeLessThanOrEqual(0);
        const toggle = s.page.getByRole("button", { name: "Меню" });
        await expect(toggle.isVisible()).resolves.toBe(true);
        await expect(s.page.locator("#site-nav").isVisible()).resolves.toBe(false);
        await toggle.click();
        await expect(toggle.getAttribute("aria-expanded")).resolves.toBe("true");
        await expect(s.page.getByRole("navigation", { name: "Основная навигация" }).getByRole("link", { name: "Организации" }).isVisible()).resolves.toBe(true);
        await checkPage(s, `${path} (mobile, menu open)`);
      }
      expect(MOBILE.width).toBe(375);
    } finally {
      await s.close();
    }
  });

  it("other pages reflow without horizontal scrolling (WCAG 1.4.10), signed in as the platform admin", async () => {
    const s = await openSession({ mobile: true });
    try {
      await signIn(s, "admin@uchastie.local", DEMO_PASSWORD);
      // Make sure the outbox holds a mail with a long unbreakable link (a reset token), whatever ran before.
      await s.page.goto("/password/forgot");
      await s.page.locator("#f-email").fill("resident@uchastie.local");
      await Promise.all([s.page.waitForURL("**/password/forgot"), s.page.getByRole("button", { name: "Отправить ссылку" }).click()]);
      for (const path of ["/me", "/admin", "/organisations", "/organisations/demo-nko", "/api/docs", "/consent", "/dev/outbox"]) {
        await visit(s, path, `${path} (mobile)`);
        const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect.soft(overflow, `${path} (mobile): no horizontal scrolling`).toBeLessThanOrEqual(0);
      }
    } finally {
      await s.close();
    }
  });
});

describe("without JavaScript (phone)", () => {
  // axe-core itself needs JavaScript, so these pages are checked by their behaviour only; the same
  // markup is checked with axe above.
  it("the navigation is shown, and a failed sign-up comes back with its errors and the values typed", async () => {
    const s = await openSession({ mobile: true, noScript: true });
    const { page } = s;
    try {
      await page.goto("/signup");
      expect(await page.evaluate(() => document.documentElement.dataset.hydrated ?? null)).toBeNull();
      await expect(page.getByRole("navigation", { name: "Основная навигация" }).getByRole("link", { name: "Войти" }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole("button", { name: "Меню" }).isVisible()).resolves.toBe(false);
      await page.locator("#f-email").fill("no-script@example.ru");
      await page.locator("#f-password").fill("short");
      await page.locator("#f-displayName").fill("Без скриптов");
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/signup") && r.request().method() === "POST"),
        page.getByRole("button", { name: "Зарегистрироваться" }).click(),
      ]);
      expect(res.status()).toBe(422);
      await page.waitForLoadState("load");
      await expect(page.locator("#error-summary").isVisible()).resolves.toBe(true);
      expect(await page.locator("#f-password-error").textContent()).toBe("Пароль слишком короткий: нужно не меньше 10 символов");
      await expect(page.locator("#f-email").inputValue()).resolves.toBe("no-script@example.ru");
      await expect(page.locator("#f-displayName").inputValue()).resolves.toBe("Без скриптов");
      const problems = s.problems.filter((p) => !p.includes("status of 422"));
      expect(problems).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
