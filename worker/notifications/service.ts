import type { Locale } from "../../web/i18n";
import type { Ctx } from "../accounts/service";
import type { SessionUser } from "../accounts/session-user";
import { auditRecord } from "../audit";
import { runBatch, type Db } from "../db/client";
import { invalidField, notFound } from "../http/problem";
import { decodeCursor, encodeCursor } from "./cursor";
import { listNotifications, markAllRead, markRead, prefsByKind, prefsOf, upsertPref } from "./data";
import { renderNote } from "./messages";
import { NOTIFICATION_KINDS, type NotificationKind } from "./schema";

export const LIMITS = {
  /** Notifications per page (the page; the API lets a client ask for up to `pageMax`). */
  page: 20,
  pageMax: 50,
  /** Ids in one "mark read" request (each is bound twice in its one statement; D1 allows 100 parameters). */
  markIds: 40,
};

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  params: Record<string, string | number>;
  /** A path on this portal. */
  url: string;
  headline: string;
  details: string[];
  createdAt: number;
  read: boolean;
}

/** Only paths on this portal are followed, whatever a module stored. */
export const safePath = (url: string) => (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\") ? url : "/me/notifications");

function views(rows: Awaited<ReturnType<typeof listNotifications>>, locale: Locale, limit: number) {
  const page = rows.slice(0, limit);
  const items: NotificationView[] = page.map((r) => ({
    id: r.id,
    kind: r.kind,
    params: r.params,
    url: safePath(r.url),
    ...renderNote(locale, r.kind, r.params),
    createdAt: r.createdAt,
    read: r.readAt !== null,
  }));
  const last = page[page.length - 1];
  return { items, next: rows.length > limit && last ? encodeCursor(last) : null };
}

export async function listOwn(db: Db, user: SessionUser, locale: Locale, opts: { after?: string; limit?: number }) {
  const limit = opts.limit ?? LIMITS.page;
  return views(await listNotifications(db, user.id, { after: decodeCursor(opts.after), limit: limit + 1 }), locale, limit);
}

/** The page: one page of notifications and the e-mail settings, in one round trip. */
export async function pageOf(db: Db, user: SessionUser, locale: Locale, after?: string) {
  const [rows, prefs] = await db.batch([listNotifications(db, user.id, { after: decodeCursor(after), limit: LIMITS.page + 1 }), prefsOf(db, user.id)]);
  return { ...views(rows, locale, LIMITS.page), prefs: prefsByKind(prefs) };
}

/** Marks the person's notifications read: the given ones (all must be theirs, else 404 and nothing changes) or all. */
export async function markOwnRead(ctx: Ctx, user: SessionUser, input: { ids?: string[]; all?: boolean }) {
  const now = Date.now();
  if (input.all && input.ids) throw invalidField("ids", "notifications.field.idsOrAll");
  if (input.all) return { updated: (await markAllRead(ctx.db, user.id, now)).length };
  const ids = [...new Set(input.ids ?? [])];
  if (ids.length === 0) throw invalidField("ids", "notifications.field.idsOrAll");
  if (ids.length > LIMITS.markIds) throw invalidField("ids", "notifications.field.tooMany", { max: LIMITS.markIds });
  const touched = await markRead(ctx.db, user.id, ids, now);
  if (touched.length === 0) throw notFound();
  return { updated: touched.length, urls: touched.map((r) => safePath(r.url)) };
}

export async function ownPrefs(db: Db, user: SessionUser) {
  return prefsByKind(await prefsOf(db, user.id));
}

/** Switches e-mail per kind; kinds not named keep their setting. Audited with the change, in one batch. */
export async function setOwnPrefs(ctx: Ctx, user: SessionUser, email: Record<string, boolean>) {
  const entries = Object.entries(email);
  const unknown = entries.find(([kind]) => !(NOTIFICATION_KINDS as readonly string[]).includes(kind));
  if (unknown) throw invalidField(`email.${unknown[0].slice(0, 40)}`, "notifications.field.unknownKind");
  if (entries.length === 0) return ownPrefs(ctx.db, user);
  // The changes, their audit record and the read-back in one round trip.
  const results = await runBatch(ctx.db, [
    ...entries.map(([kind, on]) => upsertPref(ctx.db, user.id, kind as NotificationKind, on)),
    auditRecord(ctx.db, { actorId: user.id, action: "notifications.update_prefs", objectType: "user", objectId: user.id, details: { email } }),
    prefsOf(ctx.db, user.id),
  ]);
  return prefsByKind(results[results.length - 1] as { kind: NotificationKind; email: boolean }[]);
}
