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

/** After the batch: hand the e-mail copies to the queue. (Implemented by the notifications work.) */
export async function dispatchNotes(ctx: Ctx, prepared: PreparedNotes): Promise<void> {
  void ctx;
  void prepared;
}
