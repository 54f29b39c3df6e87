import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { hashPassword } from "../../worker/accounts/password";
import { sha256 } from "../../worker/accounts/tokens";
import { Browser } from "./client";

/**
 * Test actors written straight into D1, so that tests which are not about sign-up do not pay for
 * PBKDF2 (≈50 ms a hash) and do not run into the sign-up rate limit. Flows under test
 * (sign-up, confirmation, sign-in, reset) always go through the real routes instead.
 */
export const db = (env as any).DB as D1Database;
export const PASSWORD = "верный-пароль-42";

let passwordHash: Promise<string> | undefined;
const storedHash = () => (passwordHash ??= hashPassword(PASSWORD));

let seq = 0;
const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export interface TestUser {
  id: string;
  email: string;
  displayName: string;
}

export async function createUser(opts: { email?: string; displayName?: string; confirmed?: boolean; locale?: "ru" | "en"; showMemberships?: boolean; city?: string } = {}): Promise<TestUser> {
  const id = crypto.randomUUID();
  const email = (opts.email ?? `user-${unique()}@example.ru`).toLowerCase();
  const displayName = opts.displayName ?? `Житель ${unique()}`;
  const now = Date.now();
  await db.batch([
    db
      .prepare("INSERT INTO users (id, email, email_confirmed_at, password_hash, display_name, city, locale, show_memberships, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(id, email, opts.confirmed === false ? null : now, await storedHash(), displayName, opts.city ?? null, opts.locale ?? "ru", opts.showMemberships ? 1 : 0, now),
    db.prepare("INSERT INTO consents (user_id, version, accepted_at) VALUES (?, '2026-11-01', ?)").bind(id, now),
  ]);
  return { id, email, displayName };
}

/** A session row for `user` and a browser carrying its cookie (what a real sign-in produces). */
export async function signedIn(user: TestUser, lang: "ru" | "en" = "ru"): Promise<Browser & { user: TestUser }> {
  const token = `test-session-${crypto.randomUUID()}`;
  const now = Date.now();
  await db
    .prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at, user_agent) VALUES (?, ?, ?, ?, 'vitest')")
    .bind(await sha256(token), user.id, now, now + 86400_000)
    .run();
  const b = new Browser(lang, `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) as Browser & { user: TestUser };
  b.cookies.set("sid", token);
  b.user = user;
  return b;
}

export async function newActor(opts: Parameters<typeof createUser>[0] = {}) {
  return signedIn(await createUser(opts));
}

export async function createOrganiser(id = `org-${unique()}`) {
  await db
    .prepare("INSERT INTO organisers (id, slug, name_ru, name_en, short_name, created_at) VALUES (?, ?, ?, ?, ?, ?)")
    .bind(id, id, `Организатор ${id}`, `Organiser ${id}`, id.slice(0, 10), Date.now())
    .run();
  return id;
}

export async function grantRole(userId: string, role: "platform_admin" | "organiser_admin" | "moderator", organiserId?: string) {
  const id = crypto.randomUUID();
  await db
    .prepare("INSERT INTO role_grants (id, user_id, role, scope, organiser_id, competition_id, granted_by, granted_at) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?)")
    .bind(id, userId, role, organiserId ?? "", organiserId ?? null, Date.now())
    .run();
  return id;
}

export async function count(table: string, where = "1=1", ...params: unknown[]): Promise<number> {
  const row = await db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).bind(...params).first<{ n: number }>();
  return row!.n;
}

export const counts = async (...tables: string[]) => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(t)])));

export async function row<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T | null> {
  return db.prepare(sql).bind(...params).first<T>();
}

export async function rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
  return (await db.prepare(sql).bind(...params).all<T>()).results;
}

/** The newest link of the given kind mailed to `to` (the dev outbox is where test mail lands). */
export async function mailedLink(to: string, kind: "confirm" | "password/reset"): Promise<{ url: string; token: string }> {
  const mails = await rows<{ text: string }>("SELECT text FROM dev_outbox WHERE to_address = ? ORDER BY id DESC", to.toLowerCase());
  for (const m of mails) {
    const match = m.text.match(new RegExp(`https?://[^\\s]+/${kind}\\?token=([A-Za-z0-9_-]+)`));
    if (match) return { url: match[0], token: match[1] };
  }
  throw new Error(`no ${kind} link mailed to ${to}`);
}

/** Asserts an RFC 9457 body and returns it. */
export async function expectProblem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as { type: string; title: string; status: number; errors?: { field: string; code: string; reason: string }[] };
  expect(body.status).toBe(status);
  expect(typeof body.title).toBe("string");
  return body;
}

export const CYRILLIC = /[А-Яа-яЁё]/;

/**
 * Sets a rate-limit counter in the current fixed window, so a test can reach a limit without sending
 * every request before it. Near a window's end it first waits for the next window, so the requests
 * that follow are counted in the same window as the counter (otherwise the test would be flaky).
 */
export async function fillRateLimit(key: string, windowSeconds: number, hits: number) {
  const left = windowSeconds - ((Date.now() / 1000) % windowSeconds);
  if (left < 5) await new Promise((r) => setTimeout(r, left * 1000 + 50));
  const start = Math.floor(Date.now() / 1000 / windowSeconds) * windowSeconds;
  await db
    .prepare("INSERT INTO rate_limits (key, window_start, hits) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET window_start = excluded.window_start, hits = excluded.hits")
    .bind(key, start, hits)
    .run();
}
