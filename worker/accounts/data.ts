import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { unreadCountSql } from "../notifications/data";
import { grantsOfUsersIn } from "../roles/data";
import { consents, emailTokens, sessions, users } from "./schema";
import type { SessionUser } from "./session-user";

/** Loads the session's person, their roles and unread count in one D1 round trip (a batch of two reads). */
export async function loadSessionUser(db: Db, tokenHash: string, now: number): Promise<SessionUser | null> {
  const [rows, grants] = await db.batch([
    db
      .select({
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        city: users.city,
        locale: users.locale,
        emailConfirmedAt: users.emailConfirmedAt,
        showMemberships: users.showMemberships,
        blockedUntil: users.blockedUntil,
        deletedAt: users.deletedAt,
        // The header's «Уведомления (3)» without another round trip: a bounded walk of notifications_unread.
        unread: unreadCountSql(),
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now))),
    grantsOfUsersIn(db, sql`(SELECT user_id FROM sessions WHERE token_hash = ${tokenHash})`),
  ]);
  const u = rows[0];
  if (!u || u.deletedAt) return null;
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    city: u.city,
    locale: u.locale === "en" ? "en" : "ru",
    emailConfirmed: u.emailConfirmedAt !== null,
    showMemberships: u.showMemberships,
    blockedUntil: u.blockedUntil,
    roles: grants.map(({ userId: _u, ...g }) => g),
    unreadNotifications: u.unread,
  };
}

export const findUserByEmail = (db: Db, email: string) =>
  db.select().from(users).where(and(eq(users.email, email.toLowerCase()), isNull(users.deletedAt))).get();

export const findUserById = (db: Db, id: string) => db.select().from(users).where(eq(users.id, id)).get();

export const insertSession = (db: Db, s: typeof sessions.$inferInsert) => db.insert(sessions).values(s);
export const deleteSession = (db: Db, tokenHash: string) => db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
export const deleteSessionsOfUser = (db: Db, userId: string) => db.delete(sessions).where(eq(sessions.userId, userId));
export const insertEmailToken = (db: Db, t: typeof emailTokens.$inferInsert) => db.insert(emailTokens).values(t);

/** Marks a one-time token used if it is unused, unexpired and of this purpose; RETURNING tells whether it was. */
export const consumeToken = (db: Db, tokenHash: string, purpose: "confirm" | "reset", now: number) =>
  db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.tokenHash, tokenHash), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now)))
    .returning({ userId: emailTokens.userId });

/**
 * SQL for "the user of this token, if it is still usable (unused, unexpired)". The statements that
 * act on a token go into one batch BEFORE `consumeToken`: a batch runs as one transaction, so of two
 * requests with the same token only the first finds it usable. (Matching `used_at = now` afterwards
 * was wrong: two requests in the same millisecond both matched, and the loser's writes went in too.)
 */
export const userOfUsableToken = (tokenHash: string, purpose: "confirm" | "reset", now: number) =>
  sql`(SELECT user_id FROM email_tokens WHERE token_hash = ${tokenHash} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > ${now})`;

export { consents, emailTokens, sessions, users };
