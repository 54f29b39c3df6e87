import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256 } from "../../worker/accounts/tokens";
import worker from "../../worker/index";
import { Browser } from "./client";
import { PASSWORD, count, counts, createUser, db, expectProblem, mailedLink, row, signedIn } from "./fixtures";

let ipSeq = 0;
const visitor = (lang: "ru" | "en" = "ru") => new Browser(lang, `203.0.113.${++ipSeq}`);

async function signIn(b: Browser, email: string, password = PASSWORD) {
  return b.api("/accounts/signin", { json: { email, password } });
}

const me = (b: Browser) => b.api("/me");

describe("signing in", () => {
  it("sets an HttpOnly, Secure, SameSite session cookie whose token is stored only as a hash", async () => {
    const user = await createUser();
    const b = visitor();
    const res = await signIn(b, user.email.toUpperCase());
    expect(res.status).toBe(200);
    const profile = (await res.json()) as Record<string, unknown>;
    expect(profile).toMatchObject({ id: user.id, email: user.email, emailConfirmed: true, roles: [] });
    expect(JSON.stringify(profile)).not.toContain("pbkdf2");

    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("sid="))!;
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).toMatch(/;\s*Max-Age=\d+/i);

    const token = b.cookies.get("sid")!;
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(await count("sessions", "token_hash = ?", token)).toBe(0);
    expect(await count("sessions", "token_hash = ? AND user_id = ?", await sha256(token), user.id)).toBe(1);

    const meRes = await me(b);
    expect(meRes.status).toBe(200);
    expect(((await meRes.json()) as { id: string }).id).toBe(user.id);
  });

  it("a wrong password and an unknown address get the same 401, and no session", async () => {
    const user = await createUser();
    const before = await count("sessions");
    const wrong = await expectProblem(await signIn(visitor(), user.email, "not-the-password"), 401);
    const unknown = await expectProblem(await signIn(visitor(), "nobody@example.ru"), 401);
    expect(wrong.title).toBe(unknown.title);
    expect(wrong.title).toBe("Неверный адрес электронной почты или пароль");
    expect(await count("sessions")).toBe(before);
  });

  it("a blocked account cannot sign in until the block ends, and no session is made", async () => {
    const user = await createUser();
    await db.prepare("UPDATE users SET blocked_until = ? WHERE id = ?").bind(Date.now() + 3600_000, user.id).run();
    const before = await count("sessions");
    const p = await expectProblem(await signIn(visitor(), user.email), 403);
    expect(p.type).toMatch(/blocked$/);
    expect(await count("sessions")).toBe(before);
    await db.prepare("UPDATE users SET blocked_until = ? WHERE id = ?").bind(Date.now() - 1000, user.id).run();
    expect((await signIn(visitor(), user.email)).status).toBe(200);
  });

  it("the sign-in form redirects to a local `next` only", async () => {
    const user = await createUser();
    const b = visitor();
    const ok = await b.fetch("/signin?next=/organisations", { form: { email: user.email, password: PASSWORD } });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/organisations");
    expect(b.cookies.has("sid")).toBe(true);

    const evil = await visitor().fetch(`/signin?next=${encodeURIComponent("//evil.example/")}`, { form: { email: user.email, password: PASSWORD } });
    expect(evil.status).toBe(303);
    expect(evil.headers.get("location")).toBe("/me");

    const bad = await visitor().fetch("/signin", { form: { email: user.email, password: "wrong-password" } });
    expect(bad.status).toBe(401);
    const html = await bad.text();
    expect(html).toContain("Неверный адрес электронной почты или пароль");
    expect(html).not.toContain("wrong-password");
  });
});

describe("sign-in rate limit (RATE_LIMIT_SIGNIN = 10 per e-mail per window)", () => {
  it("the 11th attempt for one e-mail is refused with 429 and Retry-After, even with the right password and from another address", async () => {
    const user = await createUser();
    for (let i = 1; i <= 10; i++) {
      const res = await signIn(visitor(), i % 2 ? user.email : user.email.toUpperCase(), `wrong-password-${i}`);
      expect(res.status, `attempt ${i}`).toBe(401);
    }
    const sessions = await count("sessions", "user_id = ?", user.id);
    const res = await signIn(visitor(), user.email);
    const problem = await expectProblem(res, 429);
    expect(problem.title).toBe("Слишком много попыток. Повторите позже.");
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(await count("sessions", "user_id = ?", user.id)).toBe(sessions);

    // Another person's sign-in is not affected.
    const other = await createUser();
    expect((await signIn(visitor(), other.email)).status).toBe(200);
  });

  it("the form shows the limit with the time to wait", async () => {
    const user = await createUser();
    const b = visitor();
    for (let i = 0; i < 10; i++) await signIn(visitor(), user.email, "wrong-password");
    const res = await b.fetch("/signin", { form: { email: user.email, password: PASSWORD } });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await res.text()).toMatch(/Слишком много попыток\. Повторите позже\. Повторите через \d+ с\./);
  });
});

describe("sessions", () => {
  it("an expired session is not accepted", async () => {
    const user = await createUser();
    const b = await signedIn(user);
    expect((await me(b)).status).toBe(200);
    await db.prepare("UPDATE sessions SET expires_at = ? WHERE token_hash = ?").bind(Date.now() - 1, await sha256(b.cookies.get("sid")!)).run();
    await expectProblem(await me(b), 401);
  });

  it("a made-up or oversized cookie is just «not signed in»", async () => {
    for (const sid of ["made-up-token", "x".repeat(5000)]) {
      const b = new Browser();
      b.cookies.set("sid", sid);
      await expectProblem(await me(b), 401);
      expect((await b.fetch("/")).status).toBe(200);
    }
  });
});

describe("signing out", () => {
  it("ends this session: the row is deleted, the cookie cleared, the API answers 401", async () => {
    const user = await createUser();
    const b = await signedIn(user);
    const other = await signedIn(user);
    expect((await me(b)).status).toBe(200);
    const token = b.cookies.get("sid")!;

    const res = await b.api("/accounts/signout", { method: "POST" });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().find((c) => c.startsWith("sid="))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect(await count("sessions", "token_hash = ?", await sha256(token))).toBe(0);
    await expectProblem(await me(b), 401);

    // The stolen cookie does not come back to life.
    const replay = new Browser();
    replay.cookies.set("sid", token);
    await expectProblem(await me(replay), 401);
    // Other devices stay signed in.
    expect((await me(other)).status).toBe(200);
  });

  it("everywhere: every session of the person ends, other people's stay, and it is audited", async () => {
    const user = await createUser();
    const [phone, laptop, tablet] = await Promise.all([signedIn(user), signedIn(user), signedIn(user)]);
    const someoneElse = await signedIn(await createUser());

    const res = await laptop.api("/accounts/signout-all", { method: "POST" });
    expect(res.status).toBe(200);
    expect(await count("sessions", "user_id = ?", user.id)).toBe(0);
    for (const b of [phone, laptop, tablet]) await expectProblem(await me(b), 401);
    expect((await me(someoneElse)).status).toBe(200);
    expect(await count("audit_log", "action = 'account.signout_all' AND actor_id = ?", user.id)).toBe(1);
  });

  it("everywhere needs a session: 401 without one", async () => {
    await expectProblem(await visitor().api("/accounts/signout-all", { method: "POST" }), 401);
  });
});

describe("password reset", () => {
  it("forgot → mailed link → new password: old sessions end, the old password stops working, the link works once", async () => {
    const user = await createUser();
    const [phone, laptop] = await Promise.all([signedIn(user), signedIn(user)]);

    const forgot = await visitor().api("/accounts/password/forgot", { json: { email: user.email.toUpperCase() } });
    expect(forgot.status).toBe(202);
    const link = await mailedLink(user.email, "password/reset");
    expect(link.url).toMatch(/^https:\/\/uchastie\.test\/password\/reset\?token=/);
    const stored = await row<{ expires_at: number; created_at: number }>("SELECT expires_at, created_at FROM email_tokens WHERE user_id = ? AND purpose = 'reset'", user.id);
    expect(stored!.expires_at - stored!.created_at).toBe(3600_000);

    // The reset page renders with the token in its form.
    const page = await visitor().fetch(link.url.replace("https://uchastie.test", ""));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`value="${link.token}"`);

    const b = visitor();
    const reset = await b.api("/accounts/password/reset", { json: { token: link.token, password: "новый-пароль-2026" } });
    expect(reset.status).toBe(200);
    expect(await count("sessions", "user_id = ?", user.id)).toBe(0);
    for (const old of [phone, laptop]) await expectProblem(await me(old), 401);
    expect(await count("audit_log", "action = 'account.reset_password'")).toBe(1);

    await expectProblem(await signIn(visitor(), user.email), 401);
    expect((await signIn(visitor(), user.email, "новый-пароль-2026")).status).toBe(200);

    const again = await visitor().api("/accounts/password/reset", { json: { token: link.token, password: "ещё-один-пароль" } });
    const problem = await expectProblem(again, 400);
    expect(problem.errors![0].field).toBe("token");
    expect((await signIn(visitor(), user.email, "новый-пароль-2026")).status).toBe(200);
    expect(await count("audit_log", "action = 'account.reset_password'")).toBe(1);
  });

  it("two resets with one link at the same moment: exactly one wins, and its password is the one that works", async () => {
    const user = await createUser();
    await visitor().api("/accounts/password/forgot", { json: { email: user.email } });
    const link = await mailedLink(user.email, "password/reset");
    const passwords = ["первый-пароль-1", "второй-пароль-2"];
    const browsers = passwords.map(() => visitor());
    await Promise.all(browsers.map((b) => b.csrfToken()));
    const results = await Promise.all(passwords.map((password, i) => browsers[i].api("/accounts/password/reset", { json: { token: link.token, password } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    const winner = passwords[results.findIndex((r) => r.status === 200)];
    const loser = passwords.find((p) => p !== winner)!;
    expect(await count("audit_log", "action = 'account.reset_password' AND object_id = ?", (await row<{ token_hash: string }>("SELECT token_hash FROM email_tokens WHERE user_id = ? AND purpose = 'reset'", user.id))!.token_hash.slice(0, 16))).toBe(1);
    await expectProblem(await signIn(visitor(), user.email, loser), 401);
    expect((await signIn(visitor(), user.email, winner)).status).toBe(200);
  });

  it("the same answer for an unknown address, and no mail", async () => {
    const mails = await count("dev_outbox");
    const res = await visitor().api("/accounts/password/forgot", { json: { email: "stranger@example.ru" } });
    expect(res.status).toBe(202);
    expect(await count("dev_outbox")).toBe(mails);
  });

  it("an expired reset link is refused and the password stays", async () => {
    const user = await createUser();
    await visitor().api("/accounts/password/forgot", { json: { email: user.email } });
    const link = await mailedLink(user.email, "password/reset");
    await db.prepare("UPDATE email_tokens SET expires_at = ? WHERE user_id = ? AND purpose = 'reset'").bind(Date.now() - 1, user.id).run();
    await expectProblem(await visitor().api("/accounts/password/reset", { json: { token: link.token, password: "новый-пароль-2026" } }), 400);
    expect((await signIn(visitor(), user.email)).status).toBe(200);
  });

  it("a too-short new password is refused before the token is spent", async () => {
    const user = await createUser();
    await visitor().api("/accounts/password/forgot", { json: { email: user.email } });
    const link = await mailedLink(user.email, "password/reset");
    const problem = await expectProblem(await visitor().api("/accounts/password/reset", { json: { token: link.token, password: "short" } }), 422);
    expect(problem.errors!.map((e) => e.field)).toEqual(["password"]);
    expect(await count("email_tokens", "user_id = ? AND purpose = 'reset' AND used_at IS NULL", user.id)).toBe(1);
  });

  it("the reset form signs the browser out and sends it to sign in", async () => {
    const user = await createUser();
    await visitor().api("/accounts/password/forgot", { json: { email: user.email } });
    const link = await mailedLink(user.email, "password/reset");
    const b = await signedIn(user);
    const res = await b.fetch("/password/reset", { form: { token: link.token, password: "форма-пароль-1" } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signin?done=reset.done");
    expect(b.cookies.has("sid")).toBe(false);
    expect((await signIn(visitor(), user.email, "форма-пароль-1")).status).toBe(200);
  });
});

describe("sign-up and reset rate limits (per address)", () => {
  it("the 6th sign-up from one address within the hour → 429 with Retry-After, nothing written (RATE_LIMIT_SIGNUP = 5)", async () => {
    const b = visitor();
    const body = (i: number) => ({ email: `limit-${i}@example.ru`, password: "долгий-пароль", displayName: "Лимит", consent: true, consentVersion: "2026-11-01" });
    for (let i = 1; i <= 5; i++) expect((await b.api("/accounts/signup", { json: body(i) })).status, `sign-up ${i}`).toBe(201);
    const before = await counts("users", "consents", "audit_log", "dev_outbox");
    const res = await b.api("/accounts/signup", { json: body(6) });
    await expectProblem(res, 429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers.get("retry-after"))).toBeLessThanOrEqual(3600);
    expect(await counts("users", "consents", "audit_log", "dev_outbox")).toEqual(before);
    // Another address may still sign up.
    expect((await visitor().api("/accounts/signup", { json: body(7) })).status).toBe(201);
  });

  it("the 6th reset request from one address → 429 and no sixth mail (RATE_LIMIT_RESET = 5)", async () => {
    const user = await createUser();
    const b = visitor();
    for (let i = 1; i <= 5; i++) expect((await b.api("/accounts/password/forgot", { json: { email: user.email } })).status).toBe(202);
    expect(await count("dev_outbox", "to_address = ?", user.email)).toBe(5);
    const res = await b.api("/accounts/password/forgot", { json: { email: user.email } });
    await expectProblem(res, 429);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await count("dev_outbox", "to_address = ?", user.email)).toBe(5);
  });
});

describe("rate-limit housekeeping", () => {
  it("the cron job drops windows older than a day and keeps the current ones", async () => {
    const nowS = Math.floor(Date.now() / 1000);
    await db.batch([
      db.prepare("INSERT INTO rate_limits (key, window_start, hits) VALUES ('signin:old@example.ru', ?, 10)").bind(nowS - 2 * 86400),
      db.prepare("INSERT INTO rate_limits (key, window_start, hits) VALUES ('signin:recent@example.ru', ?, 3)").bind(nowS - 600),
    ]);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "*/15 * * * *" }), env as any, ctx);
    await waitOnExecutionContext(ctx);
    expect(await count("rate_limits", "key = 'signin:old@example.ru'")).toBe(0);
    expect(await count("rate_limits", "key = 'signin:recent@example.ru'")).toBe(1);
  });
});
