import { sql, type SQL } from "drizzle-orm";
import type { Ctx } from "../accounts/service";
import type { Db, Statement } from "../db/client";
import { notifications, type NotificationKind } from "./schema";

/**
 * The one way other modules notify a person. Two steps, so that a notification is never recorded for a
 * change that did not happen and a slow mail provider never slows a page:
 *   1. `noteStatements(db, notes)` — put the returned statements into the same `db.batch` as the change;
 *   2. after the batch succeeded, `dispatchNotes(ctx, prepared)` — queue the e-mail copies (a Queue
 *      consumer renders them in the recipient's language, checks their preferences and sends them).
 */
export interface Note {
  userId: string;
  kind: NotificationKind;
  /** Message parameters (title, state, reason …); rendered in the reader's language at read time. */
  params: Record<string, string | number>;
  /** Where the notification leads: a path on this portal. */
  url: string;
}

export interface PreparedNotes {
  ids: string[];
  statements: Statement[];
}

export function noteStatements(db: Db, notes: Note[], at = Date.now()): PreparedNotes {
  const ids: string[] = [];
  const statements: Statement[] = [];
  for (const n of notes) {
    const id = crypto.randomUUID();
    ids.push(id);
    statements.push(db.insert(notifications).values({ id, userId: n.userId, kind: n.kind, params: n.params, url: n.url, createdAt: at }));
  }
  return { ids, statements };
}

/**
 * Like noteStatements, but each note is written only if `condition` holds when its statement runs
 * (e.g. `changes() = 1` right after an INSERT … ON CONFLICT DO NOTHING: only a support that was really
 * added announces itself). A note not written is simply skipped by the e-mail consumer.
 */
export function noteStatementsWhere(db: Db, notes: Note[], condition: SQL, at = Date.now()): PreparedNotes {
  const ids: string[] = [];
  const statements: Statement[] = [];
  for (const n of notes) {
    const id = crypto.randomUUID();
    ids.push(id);
    // Columns in table order: id, user_id, kind, params, url, created_at, read_at.
    statements.push(db.insert(notifications).select(sql`SELECT ${id}, ${n.userId}, ${n.kind}, ${JSON.stringify(n.params)}, ${n.url}, ${at}, NULL WHERE ${condition}`));
  }
  return { ids, statements };
}

/** Messages per queue send (the Queues limit for sendBatch). */
const SEND_BATCH_MAX = 100;

/**
 * After the batch: hand the e-mail copies to MAIL_QUEUE — one message per note carrying only its id —
 * in every environment, so the local path (miniflare's queue and the worker's own consumer, see
 * worker/notifications/consumer.ts) is the production path. Whether a copy is mailed (account
 * deleted, e-mail switched off for that kind) is decided by the consumer when it runs. A failure to
 * queue is logged, not thrown: the change and its in-portal notification are already written.
 */
export async function dispatchNotes(ctx: Ctx, prepared: PreparedNotes): Promise<void> {
  try {
    for (let i = 0; i < prepared.ids.length; i += SEND_BATCH_MAX) {
      const chunk = prepared.ids.slice(i, i + SEND_BATCH_MAX);
      await ctx.env.MAIL_QUEUE.sendBatch(chunk.map((id) => ({ body: { type: "notification" as const, id } })));
    }
  } catch (e) {
    console.error("notification e-mail copies not queued", prepared.ids.length, e);
  }
}

export type { NoteParams } from "./messages";
export { renderNote } from "./messages";
export { deletionStatements as notificationDeletionStatements, exportQueries as notificationExportQueries } from "./data";
