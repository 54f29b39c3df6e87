// Keyboard only: the sign-up page from the top — skip link first, then the header, then the form in
// order; focus always visible; Space ticks the consent box; Enter submits.
import { afterAll, describe, expect, it } from "vitest";
import { activeElement, checkPage, disconnectBrowser, openSession, uniqueEmail } from "./harness.ts";

afterAll(() => disconnectBrowser());

type Focused = NonNullable<Awaited<ReturnType<typeof activeElement>>>;

/** A short, stable name for the focused element. */
const describeFocus = (f: Focused) =>
  f.id ? `#${f.id}` : f.href ? `a[href="${f.href}"]` : f.role ? `${f.tag}[role=${f.role}]` : f.type ? `${f.tag}[type=${f.type}]` : f.tag;

const HEADER = [
  'a[href="#main"]', // skip link
  'a[href="/"]', // brand
  'a[href="/"]', // navigation: home
  'a[href="/consultations"]',
  'a[href="/proposals"]',
  'a[href="/competitions"]',
  'a[href="/library"]',
  'a[href="/implementation"]',
  'a[href="/organisations"]',
  'a[href="/api/docs"]',
  'a[href="/dev/outbox"]',
  'a[href="/signin"]',
  'a[href="/signup"]',
  'a[href="/lang/en?back=%2Fsignup"]', // language switch
];
const FORM = ["#f-email", "#f-password", "#f-displayName", "#f-city", "div[role=region]", "#f-consent", "button[type=submit]"];

const expectFocusVisible = (f: Focused, what: string) => {
  expect.soft(f.outlineStyle, `${what}: focus outline`).not.toBe("none");
  expect.soft(parseFloat(f.outlineWidth), `${what}: focus outline width`).toBeGreaterThanOrEqual(2);
  expect.soft(f.rect.width > 0 && f.rect.height > 0 && f.rect.x >= 0 && f.rect.y >= 0, `${what}: focused element on screen`).toBe(true);
};

describe("keyboard only", () => {
  it("sign-up page: Tab order, visible focus, Space ticks consent, Enter submits", async () => {
    const s = await openSession();
    const { page } = s;
    const email = uniqueEmail("e2e-kbd");
    const typed: Record<string, string> = { "#f-email": email, "#f-password": "keyboard-only-password", "#f-displayName": "Клавиатурный Житель", "#f-city": "Тюмень" };
    try {
      await page.goto("/signup");
      await checkPage(s, "signup");
      const order: string[] = [];
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press("Tab");
        const f = await activeElement(page);
        expect(f, "something has focus").not.toBeNull();
        const name = describeFocus(f!);
        order.push(name);
        expectFocusVisible(f!, name);
        if (name === "#f-consent") {
          const checked = () => page.locator("#f-consent").isChecked();
          expect(await checked()).toBe(false);
          await page.keyboard.press("Space");
          expect(await checked()).toBe(true);
          await page.keyboard.press("Space");
          expect(await checked()).toBe(false);
          await page.keyboard.press("Space");
          expect(await checked()).toBe(true);
        } else if (typed[name]) {
          await page.keyboard.type(typed[name]);
        }
        if (name === "button[type=submit]") break;
      }
      expect(order).toEqual([...HEADER, ...FORM]);
      expect((await activeElement(page))?.text).toBe("Зарегистрироваться");
      // Everything typed is still there (leaving each field re-rendered the form after its check).
      for (const [sel, value] of Object.entries(typed)) await expect(page.locator(sel).inputValue(), sel).resolves.toBe(value);

      await Promise.all([page.waitForResponse((r) => r.url().endsWith("/signup") && r.request().method() === "POST"), page.keyboard.press("Enter")]);
      await checkPage(s, "check your mail (after keyboard sign-up)");
      expect(await page.locator("h1").textContent()).toBe("Проверьте почту");
      expect(await page.locator("main").textContent()).toContain(email);
    } finally {
      await s.close();
    }
  });

  it("the skip link is shown when focused and moves focus to the main content", async () => {
    const s = await openSession();
    const { page } = s;
    try {
      await page.goto("/signup");
      await checkPage(s, "signup");
      await page.keyboard.press("Tab");
      const skip = await activeElement(page);
      expect(skip?.text).toBe("Перейти к содержимому");
      expect(skip!.rect.x).toBeGreaterThanOrEqual(0);
      expectFocusVisible(skip!, "skip link");
      await page.keyboard.press("Enter");
      expect((await activeElement(page))?.id).toBe("main");
      // The next Tab continues inside the main content: the first form field.
      await page.keyboard.press("Tab");
      expect((await activeElement(page))?.id).toBe("f-email");
    } finally {
      await s.close();
    }
  });

  it("a failed keyboard sign-up: Enter in a field submits, focus lands on the summary, its links reach the fields", async () => {
    const s = await openSession();
    const { page } = s;
    try {
      await page.goto("/signup");
      await checkPage(s, "signup");
      await page.locator("#f-email").focus();
      await page.keyboard.type(uniqueEmail("e2e-kbd-bad"));
      await page.keyboard.press("Tab");
      await page.keyboard.type("short");
      await page.keyboard.press("Tab");
      await page.keyboard.type("Ок");
      const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith("/signup") && r.request().method() === "POST"), page.keyboard.press("Enter")]);
      expect(res.status()).toBe(422);
      await checkPage(s, "signup with errors (keyboard)", { allowStatus: 422 });
      expect((await activeElement(page))?.id).toBe("error-summary");
      // Tab from the summary reaches its first link; Enter on it moves focus to the field.
      await page.keyboard.press("Tab");
      const link = await activeElement(page);
      expect(link?.href).toBe("#f-password");
      expectFocusVisible(link!, "summary link");
      await page.keyboard.press("Enter");
      const field = await activeElement(page);
      expect(field?.id).toBe("f-password");
      expectFocusVisible(field!, "password field");
    } finally {
      await s.close();
    }
  });
});
