import { and, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { users } from "../accounts/schema";
import type { Db } from "../db/client";
import { NOTIFICATION_KINDS, notificationPrefs, notifications, type NotificationKind } from "./schema";

/** Unread counts are shown up to this many ("99+"), so a count never walks more index entries. */
export const UNREAD_CAP = 99;

/** A person's notifications, newest first, by key (created_at, id) on the notifications_user index. */
export function listNotifications(db: Db, userId: string, opts: { after?: { createdAt: number; id: string }; limit: number }) {
  const after = opts.after;
  return db
    .select({ id: notifications.id, kind: notifications.kind, params: notifications.params, url: notifications.url, createdAt: notifications.createdAt, readAt: notifications.readAt })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        after ? or(lt(notifications.createdAt, after.createdAt), and(eq(notifications.createdAt, after.createdAt), lt(notifications.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit);
}

/**
 * The unread count as an SQL scalar, for the per-request session lookup (no extra round trip):
 * it walks the notifications_unread index and stops after UNREAD_CAP + 1 entries. For a query whose
 * FROM has `users`; the outer column is written qualified on purpose (an unqualified "id" would
 * resolve to notifications.id inside the subquery).
 */
export const unreadCountSql = () =>
  sql<number>`(SELECT count(*) FROM (SELECT 1 FROM notifications AS n WHERE n.user_id = "users"."id" AND n.read_at IS NULL LIMIT ${UNREAD_CAP + 1}))`.mapWith(Number);

/** Marks all of a person's unread notifications read. */
export const markAllRead = (db: Db, userId: string, at: number) =>
  db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });

/**
 * Marks the given notifications read — only if every one of them is the person's: otherwise nothing
 * changes (one statement, so no other request can slip in between the check and the change).
 * Returns the ids it touched (all of them, or none).
 */
export const markRead = (db: Db, userId: string, ids: string[], at: number) =>
  db
    .update(notifications)
    .set({ readAt: sql`COALESCE(${notifications.readAt}, ${at})` })
    .where(
      and(
        eq(notifications.userId, userId),
        inArray(notifications.id, ids),
        sql`(SELECT count(*) FROM notifications WHERE user_id = ${userId} AND id IN ${ids}) = ${ids.length}`,
      ),
    )
    .returning({ id: notifications.id, url: notifications.url });

export const prefsOf = (db: Db, userId: string) =>
  db.select({ kind: notificationPrefs.kind, email: notificationPrefs.email }).from(notificationPrefs).where(eq(notificationPrefs.userId, userId));

export const upsertPref = (db: Db, userId: string, kind: NotificationKind, email: boolean) =>
  db.insert(notificationPrefs).values({ userId, kind, email }).onConflictDoUpdate({ target: [notificationPrefs.userId, notificationPrefs.kind], set: { email } });

/** Every kind with its e-mail switch (no row means on). */
export function prefsByKind(rows: { kind: NotificationKind; email: boolean }[]): { kind: NotificationKind; email: boolean }[] {
  const off = new Map(rows.map((r) => [r.kind, r.email]));
  return NOTIFICATION_KINDS.map((kind) => ({ kind, email: off.get(kind) ?? true }));
}

/**
 * For the queue consumer: each notification with its recipient and their e-mail switch for that
 * kind, in one query (primary keys of notifications, users and notification_prefs).
 */
export const mailCopies = (db: Db, ids: string[]) =>
  db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      params: notifications.params,
      url: notifications.url,
      email: users.email,
      locale: users.locale,
      confirmedAt: users.emailConfirmedAt,
      deletedAt: users.deletedAt,
      wantsEmail: sql<number>`COALESCE(${notificationPrefs.email}, 1)`.mapWith(Number),
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .leftJoin(notificationPrefs, and(eq(notificationPrefs.userId, notifications.userId), eq(notificationPrefs.kind, notifications.kind)))
    .where(inArray(notifications.id, ids));

/** 152-ФЗ: what an account deletion removes (the account row stays as a tombstone, so no cascade fires). */
export const deletionStatements = (db: Db, userId: string) =>
  [db.delete(notifications).where(eq(notifications.userId, userId)), db.delete(notificationPrefs).where(eq(notificationPrefs.userId, userId))] as const;

export const exportQueries = (db: Db, userId: string) =>
  [
    db
      .select({ id: notifications.id, kind: notifications.kind, params: notifications.params, url: notifications.url, createdAt: notifications.createdAt, readAt: notifications.readAt })
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.createdAt), desc(notifications.id)),
    prefsOf(db, userId),
  ] as const;

export { notifications, notificationPrefs };
