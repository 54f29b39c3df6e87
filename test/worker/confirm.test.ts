import { describe, expect, it } from "vitest";
import { Browser } from "./client";
import { count, db, expectProblem, mailedLink, row } from "./fixtures";

let ipSeq = 0;
const visitor = () => new Browser("ru", `198.51.100.${++ipSeq}`);
const PASSWORD = "подтверди-меня";

async function signUp(email: string) {
  const b = visitor();
  const res = await b.api("/accounts/signup", { json: { email, password: PASSWORD, displayName: "Мария", consent: true, consentVersion: "2026-11-01" } });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  return { b, id };
}

const confirmedAt = async (id: string) => (await row<{ email_confirmed_at: number | null }>("SELECT email_confirmed_at FROM users WHERE id = ?", id))!.email_confirmed_at;
const path = (url: string) => url.replace(/^https?:\/\/[^/]+/, "");

describe("the confirmation link", () => {
  it("works once: the address is confirmed and the confirmation is audited", async () => {
    const { b, id } = await signUp("once@example.ru");
    const link = await mailedLink("once@example.ru", "confirm");
    expect(await confirmedAt(id)).toBeNull();

    const res = await b.fetch(path(link.url));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Адрес подтверждён");
    expect(await confirmedAt(id)).toEqual(expect.any(Number));
    expect(await count("email_tokens", "user_id = ? AND purpose = 'confirm' AND used_at IS NOT NULL", id)).toBe(1);
    const audit = await row<Record<string, unknown>>("SELECT * FROM audit_log WHERE action = 'account.confirm_email'");
    expect(audit).toMatchObject({ actor_id: null, object_type: "email_token", organiser_id: null, reason: null, details: null });
    expect(audit!.at).toBeGreaterThan(Date.now() - 60_000);
    expect(await count("audit_log", "action = 'account.confirm_email'")).toBe(1);
  });

  it("is refused when used again (page 400 and API 400), and nothing more is recorded", async () => {
    const { b, id } = await signUp("twice@example.ru");
    const link = await mailedLink("twice@example.ru", "confirm");
    expect((await b.fetch(path(link.url))).status).toBe(200);
    const firstConfirmation = await confirmedAt(id);
    const audits = await count("audit_log", "action = 'account.confirm_email'");

    const again = await visitor().fetch(path(link.url));
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("Ссылка недействительна");

    const api = await visitor().api("/accounts/confirm", { json: { token: link.token } });
    const problem = await expectProblem(api, 400);
    expect(problem.errors).toEqual([{ field: "token", code: "problem.badToken", reason: expect.any(String) }]);

    expect(await confirmedAt(id)).toBe(firstConfirmation);
    expect(await count("audit_log", "action = 'account.confirm_email'")).toBe(audits);
  });

  it("is refused after it expires, and the address stays unconfirmed", async () => {
    const { id } = await signUp("late@example.ru");
    const link = await mailedLink("late@example.ru", "confirm");
    await db.prepare("UPDATE email_tokens SET expires_at = ? WHERE user_id = ? AND purpose = 'confirm'").bind(Date.now() - 1, id).run();

    const res = await visitor().fetch(path(link.url));
    expect(res.status).toBe(400);
    await expectProblem(await visitor().api("/accounts/confirm", { json: { token: link.token } }), 400);
    expect(await confirmedAt(id)).toBeNull();
    expect(await count("email_tokens", "user_id = ? AND used_at IS NOT NULL", id)).toBe(0);
  });

  it("an unknown token, or a token of another purpose, is refused", async () => {
    await expectProblem(await visitor().api("/accounts/confirm", { json: { token: "x".repeat(43) } }), 400);
    expect((await visitor().fetch("/confirm")).status).toBe(400);

    // A password-reset token cannot confirm an address.
    const { id } = await signUp("purpose@example.ru");
    await visitor().api("/accounts/password/forgot", { json: { email: "purpose@example.ru" } });
    const reset = await mailedLink("purpose@example.ru", "password/reset");
    await expectProblem(await visitor().api("/accounts/confirm", { json: { token: reset.token } }), 400);
    expect(await confirmedAt(id)).toBeNull();
  });
});

describe("the confirmation link clicked twice at the same moment", () => {
  it("confirms once and is audited once", async () => {
    const { id } = await signUp("double-click@example.ru");
    const link = await mailedLink("double-click@example.ru", "confirm");
    const browsers = [visitor(), visitor(), visitor()];
    await Promise.all(browsers.map((b) => b.csrfToken()));
    const results = await Promise.all(browsers.map((b) => b.api("/accounts/confirm", { json: { token: link.token } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400]);
    expect(await confirmedAt(id)).toEqual(expect.any(Number));
    expect(await count("audit_log", "action = 'account.confirm_email' AND object_id = ?", (await row<{ token_hash: string }>("SELECT token_hash FROM email_tokens WHERE user_id = ?", id))!.token_hash.slice(0, 16))).toBe(1);
  });
});

describe("signing in before confirming", () => {
  it("is refused with 403, mails a fresh link, and that link then lets the person in", async () => {
    const { b, id } = await signUp("eager@example.ru");
    const first = await mailedLink("eager@example.ru", "confirm");
    const mails = await count("dev_outbox", "to_address = 'eager@example.ru'");

    const res = await b.api("/accounts/signin", { json: { email: "eager@example.ru", password: PASSWORD } });
    const problem = await expectProblem(res, 403);
    expect(problem.title).toBe("Адрес электронной почты не подтверждён");
    expect(res.headers.getSetCookie().some((c) => c.startsWith("sid="))).toBe(false);
    expect(await count("sessions", "user_id = ?", id)).toBe(0);

    expect(await count("dev_outbox", "to_address = 'eager@example.ru'")).toBe(mails + 1);
    const fresh = await mailedLink("eager@example.ru", "confirm");
    expect(fresh.token).not.toBe(first.token);

    expect((await b.fetch(path(fresh.url))).status).toBe(200);
    const signin = await b.api("/accounts/signin", { json: { email: "eager@example.ru", password: PASSWORD } });
    expect(signin.status).toBe(200);
    expect(((await signin.json()) as { emailConfirmed: boolean }).emailConfirmed).toBe(true);
  });

  it("with a wrong password is 401 and mails nothing", async () => {
    await signUp("quiet@example.ru");
    const mails = await count("dev_outbox", "to_address = 'quiet@example.ru'");
    await expectProblem(await visitor().api("/accounts/signin", { json: { email: "quiet@example.ru", password: "not-the-password" } }), 401);
    expect(await count("dev_outbox", "to_address = 'quiet@example.ru'")).toBe(mails);
  });
});
