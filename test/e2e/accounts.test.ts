// The account life cycle in a real browser, in Russian and in English: sign up, confirm the address
// from the development outbox, sign in, sign out — and a failed sign-up with its error summary.
// Every page on the way is checked with axe-core and for console errors (harness.checkPage).
import { afterAll, describe, expect, it } from "vitest";
import { checkPage, disconnectBrowser, openSession, uniqueEmail, type Session } from "./harness.ts";

afterAll(() => disconnectBrowser());

const PASSWORD = "correct-horse-battery";

const LANGS = {
  ru: {
    nav: "Основная навигация",
    signUp: "Зарегистрироваться",
    signIn: "Войти",
    signOut: "Выйти",
    outbox: "Почта (разработка)",
    homeTitle: "Участвуйте в жизни своего города",
    email: "Адрес электронной почты",
    password: "Пароль",
    displayName: "Имя, которое увидят другие",
    city: "Город (необязательно)",
    consent: "Я даю согласие на обработку моих персональных данных",
    consentLegend: "Согласие на обработку персональных данных",
    checkMail: "Проверьте почту",
    confirmTitle: "Подтверждение адреса",
    confirmed: "Адрес подтверждён. Теперь вы можете войти.",
    profile: "Профиль",
    signedOut: "Вы вышли из учётной записи.",
    summary: "Исправьте ошибки в форме:",
    passwordShort: "Пароль слишком короткий: нужно не меньше 10 символов",
    consentRequired: "Без согласия на обработку персональных данных регистрация невозможна",
    name: "Тестовый Житель",
    cityValue: "Новосибирск",
  },
  en: {
    nav: "Main navigation",
    signUp: "Sign up",
    signIn: "Sign in",
    signOut: "Sign out",
    outbox: "Mail (development)",
    homeTitle: "Take part in the life of your city",
    email: "E-mail address",
    password: "Password",
    displayName: "Name shown to others",
    city: "City (optional)",
    consent: "I consent to the processing of my personal data",
    consentLegend: "Consent to personal data processing",
    checkMail: "Check your mail",
    confirmTitle: "Address confirmation",
    confirmed: "Your address is confirmed. You can sign in now.",
    profile: "Profile",
    signedOut: "You have signed out.",
    summary: "Please correct the errors in the form:",
    passwordShort: "The password is too short: at least 10 characters",
    consentRequired: "You cannot sign up without consenting to personal data processing",
    name: "Test Resident",
    cityValue: "Novosibirsk",
  },
} as const;
type Lang = keyof typeof LANGS;

const nav = (s: Session, lang: Lang) => s.page.getByRole("navigation", { name: LANGS[lang].nav });
const h1 = (s: Session) => s.page.locator("h1").textContent();
const htmlLang = (s: Session) => s.page.evaluate(() => document.documentElement.lang);

/** Opens the home page; for English, switches language with the header link, as a person would. */
async function start(s: Session, lang: Lang) {
  await s.page.goto("/");
  await checkPage(s, "home (ru)");
  expect(await htmlLang(s)).toBe("ru");
  if (lang === "en") {
    await Promise.all([s.page.waitForURL((u) => u.pathname === "/"), s.page.getByRole("link", { name: "English" }).click()]);
    await checkPage(s, "home (en)");
    expect(await htmlLang(s)).toBe("en");
    expect(await h1(s)).toBe(LANGS.en.homeTitle);
    await expect(s.page.getByRole("link", { name: "Русский" }).count()).resolves.toBe(1);
  }
}

for (const lang of ["ru", "en"] as const) {
  const L = LANGS[lang];
  describe(`accounts in ${lang === "ru" ? "Russian" : "English"}`, () => {
    it("sign up → confirm from the outbox → sign in → sign out", async () => {
      const s = await openSession();
      const { page } = s;
      const email = uniqueEmail(`e2e-${lang}`);
      try {
        await start(s, lang);

        await Promise.all([page.waitForURL("**/signup"), nav(s, lang).getByRole("link", { name: L.signUp, exact: true }).click()]);
        await checkPage(s, `signup (${lang})`);
        expect(await htmlLang(s)).toBe(lang);
        await page.getByLabel(L.email).fill(email);
        await page.getByLabel(L.password).fill(PASSWORD);
        await page.getByLabel(L.displayName).fill(L.name);
        await page.getByLabel(L.city).fill(L.cityValue);
        await expect(page.getByRole("group", { name: L.consentLegend }).count()).resolves.toBe(1);
        await page.getByRole("checkbox", { name: L.consent }).check();
        // Leaving a field runs the client-side check, which re-renders the form: what was typed stays.
        await expect(page.getByLabel(L.email).inputValue()).resolves.toBe(email);
        await expect(page.getByLabel(L.password).inputValue()).resolves.toBe(PASSWORD);
        await expect(page.getByLabel(L.displayName).inputValue()).resolves.toBe(L.name);
        await Promise.all([page.waitForResponse((r) => r.url().endsWith("/signup") && r.request().method() === "POST"), page.getByRole("button", { name: L.signUp }).click()]);
        await checkPage(s, `check your mail (${lang})`);
        expect(await h1(s)).toBe(L.checkMail);
        expect(await page.locator("main").textContent()).toContain(email);

        await Promise.all([page.waitForURL("**/dev/outbox"), nav(s, lang).getByRole("link", { name: L.outbox }).click()]);
        await checkPage(s, `outbox (${lang})`);
        const mail = page.locator("article", { has: page.locator(".mail-to", { hasText: email }) });
        await expect(mail.count()).resolves.toBe(1);
        await Promise.all([page.waitForURL(/\/confirm\?token=/), mail.locator("a[href*='/confirm?token=']").click()]);
        await checkPage(s, `confirm (${lang})`);
        expect(await h1(s)).toBe(L.confirmTitle);
        expect(await page.locator("main").textContent()).toContain(L.confirmed);

        await Promise.all([page.waitForURL("**/signin"), page.locator("main").getByRole("link", { name: L.signIn }).click()]);
        await checkPage(s, `signin (${lang})`);
        await page.getByLabel(L.email).fill(email);
        await page.getByLabel(L.password).fill(PASSWORD);
        await Promise.all([page.waitForURL("**/me"), page.locator("main").getByRole("button", { name: L.signIn }).click()]);
        await checkPage(s, `profile (${lang})`);
        expect(await h1(s)).toBe(L.profile);
        expect(await page.locator("main dd").first().textContent()).toBe(email);
        await expect(page.locator("#f-displayName").inputValue()).resolves.toBe(L.name);

        await Promise.all([page.waitForURL((u) => u.pathname === "/"), nav(s, lang).getByRole("button", { name: L.signOut }).click()]);
        await checkPage(s, `home after sign-out (${lang})`);
        expect(await htmlLang(s)).toBe(lang);
        expect(await page.getByRole("status").textContent()).toBe(L.signedOut);
        await expect(nav(s, lang).getByRole("link", { name: L.signIn, exact: true }).count()).resolves.toBe(1);
        await expect(nav(s, lang).getByRole("button", { name: L.signOut }).count()).resolves.toBe(0);
      } finally {
        await s.close();
      }
    });

    it("a failed sign-up shows the error summary (focused) and inline errors in the page's language", async () => {
      const s = await openSession();
      const { page } = s;
      try {
        await start(s, lang);
        await page.goto("/signup");
        await checkPage(s, `signup (${lang})`);
        const email = uniqueEmail(`e2e-bad-${lang}`);
        await page.getByLabel(L.email).fill(email);
        await page.getByLabel(L.password).fill("short");
        await page.getByLabel(L.displayName).fill(L.name);
        // No consent.
        const [res] = await Promise.all([
          page.waitForResponse((r) => r.url().endsWith("/signup") && r.request().method() === "POST"),
          page.getByRole("button", { name: L.signUp }).click(),
        ]);
        expect(res.status()).toBe(422);
        await checkPage(s, `signup with errors (${lang})`, { allowStatus: 422 });
        expect(await htmlLang(s)).toBe(lang);

        const summary = page.locator("#error-summary");
        await expect(summary.isVisible()).resolves.toBe(true);
        expect(await summary.getAttribute("role")).toBe("alert");
        expect(await summary.locator("h2").textContent()).toBe(L.summary);
        const items = await summary.locator("li a").allTextContents();
        expect(items).toEqual([`${L.password}: ${L.passwordShort}`, `${L.consentLegend}: ${L.consentRequired}`]);
        // Focus moved to the summary, so a screen reader announces it and Tab continues from there.
        expect(await page.evaluate(() => document.activeElement?.id)).toBe("error-summary");

        expect(await page.locator("#f-password-error").textContent()).toBe(L.passwordShort);
        expect(await page.locator("#f-consent-error").textContent()).toBe(L.consentRequired);
        for (const [field, error] of [["password", L.passwordShort], ["consent", L.consentRequired]] as const) {
          const input = page.locator(`#f-${field}`);
          expect(await input.getAttribute("aria-invalid"), field).toBe("true");
          // The error is part of the field's accessible description.
          expect(await input.evaluate((el) => (el.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent).join(" "))).toContain(error);
        }
        // What was typed is kept (except the password).
        await expect(page.getByLabel(L.email).inputValue()).resolves.toBe(email);
        await expect(page.locator("#f-displayName").inputValue()).resolves.toBe(L.name);
        await expect(page.getByLabel(L.password).inputValue()).resolves.toBe("");

        // A summary link takes the person to the field.
        await summary.getByRole("link", { name: L.consentLegend }).click();
        expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-consent");
      } finally {
        await s.close();
      }
    });
  });
}
