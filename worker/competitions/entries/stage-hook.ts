import { and, eq, inArray, sql } from "drizzle-orm";
import type { Ctx } from "../../accounts/service";
import { auditRecordWhere } from "../../audit";
import { runBatch } from "../../db/client";
import { closeItemStatement } from "../../moderation/index";
import { dispatchNotes, noteStatements } from "../../notifications/index";
import type { StageHook } from "../cron";
import { competitions, entries } from "../schema";
import { entryUrl } from "../data";

/** The reason an unchecked entry's entrant reads (stored like a moderator's, in the portal's first language). */
export const UNCHECKED_REASON = "Заявка не была рассмотрена до окончания этапа проверки и не участвует в экспертной оценке.";
/** Entries per batch: the IN list and each entry's statements stay far below D1's limits. */
const CHUNK = 50;

/**
 * The cron's side effect of a competition entering the evaluation stage: entries nobody decided on
 * during the check are not admitted — they become «не допущена» with a reason, their queue items
 * close (so no item waits for ever with decisions the stage no longer allows), each with an audit
 * record and the entrant's `entry_status` notification. After the check stage nobody can decide on
 * or withdraw an entry, so these rows no longer move; the statements are guarded on 'submitted'
 * anyway, and a repeated run finds nothing to do (idempotent, as a hook must be).
 */
export const expireUncheckedOnEvaluation: StageHook = async (ctx, change) => {
  const { db, now } = ctx;
  const [rows, [c]] = await db.batch([
    db
      .select({ id: entries.id, organiserId: entries.organiserId, submittedBy: entries.submittedBy, title: entries.title })
      .from(entries)
      .where(and(eq(entries.competitionId, change.competitionId), eq(entries.status, "submitted"))),
    db.select({ title: competitions.title }).from(competitions).where(eq(competitions.id, change.competitionId)),
  ]);
  if (!rows.length || !c) return;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const notes = noteStatements(
      db,
      chunk.map((e) => ({ userId: e.submittedBy, kind: "entry_status" as const, params: { title: e.title, competition: c.title, status: "rejected", reason: UNCHECKED_REASON }, url: entryUrl(change.competitionId, e.id) })),
      now,
    );
    await runBatch(db, [
      ...chunk.flatMap((e) => [
        auditRecordWhere(
          db,
          { actorId: null, action: "entry.expire", objectType: "entry", objectId: e.id, organiserId: e.organiserId, reason: UNCHECKED_REASON, details: { competitionId: change.competitionId } },
          sql`EXISTS (SELECT 1 FROM competition_entries WHERE id = ${e.id} AND status = 'submitted')`,
          now,
        ),
        closeItemStatement(db, "entry", e.id, "expired", null, now),
      ]),
      db
        .update(entries)
        .set({ status: "rejected", reason: UNCHECKED_REASON, decidedAt: now, updatedAt: now })
        .where(and(inArray(entries.id, chunk.map((e) => e.id)), eq(entries.status, "submitted"))),
      ...notes.statements,
    ]);
    await dispatchNotes({ db, env: ctx.env, origin: "", locale: "ru" } as Ctx, notes);
  }
  console.log(JSON.stringify({ cron: "unchecked competition entries not admitted", competitionId: change.competitionId, count: rows.length }));
};
