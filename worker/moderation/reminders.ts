import type { Ctx } from "../accounts/service";
import { runBatch } from "../db/client";
import { dispatchNotes, noteStatements } from "../notifications/index";
import { markReminded, queueWorkers, staleQueues } from "./data";
import { staleReminderDue } from "./rules";

/**
 * The cron's reminder: for each organiser whose queue has items waiting longer than its reminder
 * age, and that was not reminded within that period, notify everyone who works its queue and record
 * the reminder — one batch per organiser. Returns the organisers reminded (tests call it directly).
 */
export async function sendStaleReminders(ctx: Ctx, now = Date.now()): Promise<string[]> {
  const { db } = ctx;
  const queues = await staleQueues(db, now);
  const due = queues.filter((q) => q.staleCount > 0 && staleReminderDue({ oldestOpenAt: q.oldestOpenAt, staleAfterHours: q.staleAfterHours, lastReminderAt: q.lastReminderAt }, now));
  if (due.length === 0) return [];
  const workers = await queueWorkers(db, due.map((q) => q.organiserId));
  const reminded: string[] = [];
  for (const q of due) {
    const people = [...new Set(workers.filter((w) => w.organiserId === q.organiserId).map((w) => w.userId))];
    const notes = noteStatements(
      db,
      people.map((userId) => ({ userId, kind: "queue_stale" as const, params: { count: q.staleCount, organiser: q.nameRu }, url: `/moderation?organiser=${encodeURIComponent(q.organiserId)}` })),
      now,
    );
    await runBatch(db, [markReminded(db, q.organiserId, now, q.staleAfterHours * 3600_000), ...notes.statements]);
    await dispatchNotes(ctx, notes);
    reminded.push(q.organiserId);
  }
  return reminded;
}
