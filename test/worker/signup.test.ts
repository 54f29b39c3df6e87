import { describe, expect, it } from "vitest";
import { Browser } from "./client";
import { CYRILLIC, count, counts, expectProblem, row } from "./fixtures";

/** Tables a sign-up writes to; a refused sign-up must leave every one of them as it was. */
const WRITTEN = ["users", "consents", "audit_log", "email_tokens", "sessions", "dev_outbox"];

let ipSeq = 0;
/** Each visitor has its own address, so the sign-up rate limit (5 an hour per address) stays out of the way. */
const visitor = (lang: "ru" | "en" = "ru") => new Browser(lang, `192.0.2.${++ipSeq}`);

const valid = (over: Record<string, unknown> = {}) => ({
  email: `resident-${crypto.randomUUID().slice(0, 8)}@example.ru`,
  password: "ten-chars!",
  displayName: "Анна Петрова",
  city: "Новосибирск",
  consent: true,
  consentVersion: "2026-11-01",
  ...over,
});

const without = (key: string) => {
  const v: Record<string, unknown> = valid();
  delete v[key];
  return v;
};

describe("POST /api/accounts/signup refuses invalid input and writes nothing", () => {
  it.each([
    { name: "an e-mail without @", body: valid({ email: "resident.example.ru" }), field: "email", code: "field.email" },
    { name: "an empty e-mail", body: valid({ email: "" }), field: "email", code: "field.required" },
    { name: "no e-mail at all", body: without("email"), field: "email", code: "field.required" },
    { name: "a 9-character password", body: valid({ password: "123456789" }), field: "password", code: "field.passwordShort", mentions: "10" },
    { name: "a 129-character password", body: valid({ password: "п".repeat(129) }), field: "password", code: "field.passwordLong", mentions: "128" },
    { name: "no consent", body: without("consent"), field: "consent", code: "field.consentRequired" },
    { name: "consent refused", body: valid({ consent: false }), field: "consent", code: "field.consentRequired" },
    { name: "an outdated consent version", body: valid({ consentVersion: "2025-01-01" }), field: "consentVersion", code: "field.consentOutdated" },
    { name: "no consent version", body: without("consentVersion"), field: "consentVersion", code: "field.consentOutdated" },
    { name: "a one-letter display name", body: valid({ displayName: " А " }), field: "displayName", code: "field.tooShort", mentions: "2" },
    { name: "a city of the wrong type", body: valid({ city: 42 }), field: "city", code: "field.invalid" },
  ])("$name → 422 with a Russian reason for `$field`", async ({ body, field, code, mentions }) => {
    const before = await counts(...WRITTEN);
    const res = await visitor().api("/accounts/signup", { json: body });
    const problem = await expectProblem(res, 422);
    expect(problem.errors).toHaveLength(1);
    const [error] = problem.errors!;
    expect(error.field).toBe(field);
    expect(error.code).toBe(code);
    expect(error.reason).toMatch(CYRILLIC);
    expect(error.reason).not.toMatch(/\{\w+\}/);
    if (mentions) expect(error.reason).toContain(mentions);
    expect(await counts(...WRITTEN)).toEqual(before);
  });

  it("answers in English when the browser asks for English", async () => {
    const before = await counts(...WRITTEN);
    const res = await visitor("en").api("/accounts/signup", { json: valid({ email: "nope", password: "short", consent: false }) });
    const problem = await expectProblem(res, 422);
    expect(problem.title).toBe("Some fields are not valid");
    expect(problem.errors!.map((e) => e.field).sort()).toEqual(["consent", "email", "password"]);
    for (const e of problem.errors!) {
      expect(e.reason).not.toMatch(CYRILLIC);
      expect(e.reason.length).toBeGreaterThan(5);
    }
    expect(problem.errors!.find((e) => e.field === "password")!.reason).toContain("10");
    expect(await counts(...WRITTEN)).toEqual(before);
  });

  it("a body that is not JSON → 400 problem, nothing written", async () => {
    const before = await counts(...WRITTEN);
    const res = await visitor().api("/accounts/signup", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } });
    await expectProblem(res, 400);
    expect(await counts(...WRITTEN)).toEqual(before);
  });
});

describe("a successful sign-up", () => {
  it("stores the account with a lower-cased e-mail, the consent version and time, and a 100 000-iteration hash", async () => {
    const started = Date.now();
    const b = visitor();
    const res = await b.api("/accounts/signup", { json: valid({ email: "  Anna.Petrova@Example.RU ", city: "  Новосибирск  " }) });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; email: string };
    expect(body.email).toBe("anna.petrova@example.ru");

    const user = await row<Record<string, any>>("SELECT * FROM users WHERE id = ?", body.id);
    expect(user).toMatchObject({ email: "anna.petrova@example.ru", display_name: "Анна Петрова", city: "Новосибирск", locale: "ru", email_confirmed_at: null, deleted_at: null });
    expect(user!.password_hash).toMatch(/^pbkdf2-sha256\$100000\$[^$]+\$[^$]+$/);
    expect(user!.password_hash).not.toContain("ten-chars!");

    const consent = await row<{ version: string; accepted_at: number }>("SELECT version, accepted_at FROM consents WHERE user_id = ?", body.id);
    expect(consent!.version).toBe("2026-11-01");
    expect(consent!.accepted_at).toBeGreaterThanOrEqual(started);
    expect(consent!.accepted_at).toBeLessThanOrEqual(Date.now());

    expect(await count("audit_log", "action = 'account.signup' AND object_id = ?", body.id)).toBe(1);
    expect(await count("email_tokens", "user_id = ? AND purpose = 'confirm' AND used_at IS NULL", body.id)).toBe(1);
    const mail = await row<{ text: string; subject: string }>("SELECT subject, text FROM dev_outbox WHERE to_address = ?", "anna.petrova@example.ru");
    expect(mail!.subject).toMatch(CYRILLIC);
    expect(mail!.text).toMatch(/https:\/\/uchastie\.test\/confirm\?token=[\w-]{20,}/);
  });

  it("accepts a password of exactly 128 characters and an English profile language", async () => {
    const b = visitor("en");
    const res = await b.api("/accounts/signup", { json: valid({ password: "p".repeat(128) }) });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect((await row<{ locale: string }>("SELECT locale FROM users WHERE id = ?", id))!.locale).toBe("en");
  });

  it("a second sign-up with the same e-mail in other letter case → 409 on `email`, nothing written", async () => {
    const first = await visitor().api("/accounts/signup", { json: valid({ email: "resident@example.ru" }) });
    expect(first.status).toBe(201);
    const before = await counts(...WRITTEN);

    const res = await visitor().api("/accounts/signup", { json: valid({ email: "Resident@Example.ru", displayName: "Другой человек" }) });
    const problem = await expectProblem(res, 409);
    expect(problem.errors).toEqual([{ field: "email", code: "field.emailTaken", reason: expect.stringMatching(CYRILLIC) }]);
    expect(await counts(...WRITTEN)).toEqual(before);
    expect(await count("users", "email = 'resident@example.ru'")).toBe(1);
  });
});

describe("the sign-up form (no JavaScript)", () => {
  it("re-renders with 422, inline errors, the entered values escaped and the password not echoed", async () => {
    const b = visitor();
    await b.fetch("/signup");
    const before = await counts(...WRITTEN);
    const res = await b.fetch("/signup", {
      form: { email: "not-an-email", password: "secret-password-1", displayName: `<script>alert(1)</script>"><img src=x onerror=alert(1)>`, city: "", consentVersion: "2026-11-01" },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="ru">');
    // The inline errors, in Russian, tied to their fields.
    expect(html).toMatch(/<p class="field__error" id="f-email-error">Введите адрес электронной почты в формате name@example\.ru<\/p>/);
    expect(html).toContain('id="f-consent-error"');
    expect(html).toContain("Без согласия на обработку персональных данных регистрация невозможна");
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('id="error-summary"');
    // What the person typed comes back, escaped; the password does not.
    expect(html).toContain('value="&lt;script>alert(1)&lt;/script>&quot;>&lt;img src=x onerror=alert(1)>"');
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("secret-password-1");
    expect(await counts(...WRITTEN)).toEqual(before);
  });

  it("mistakes in the form do not use up the sign-up limit (5 an hour per address), as in the API", async () => {
    const b = visitor();
    for (let i = 0; i < 6; i++) {
      const res = await b.fetch("/signup", { form: { email: "typo@example", password: "short", displayName: "Опечатка", consentVersion: "2026-11-01" } });
      expect(res.status, `attempt ${i + 1}`).toBe(422);
    }
    const ok = await b.fetch("/signup", { form: { email: "typo@example.ru", password: "теперь-верно-1", displayName: "Опечатка", consent: "on", consentVersion: "2026-11-01" } });
    expect(ok.status).toBe(200);
    expect(await count("users", "email = 'typo@example.ru'")).toBe(1);
  });

  it("a valid form signs up and shows the «check your mail» page", async () => {
    const b = visitor();
    const email = `form-${crypto.randomUUID().slice(0, 6)}@example.ru`;
    const res = await b.fetch("/signup", { form: { email, password: "form-password-1", displayName: "Иван", city: "", consent: "on", consentVersion: "2026-11-01" } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Проверьте почту");
    expect(html).toContain(email);
    expect(await count("users", "email = ?", email)).toBe(1);
  });
});
