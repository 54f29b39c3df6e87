import { and, eq, sql } from "drizzle-orm";
import { auditRecordWhere } from "../../audit";
import type { Db, Statement } from "../../db/client";
import { closeItemStatement } from "../../moderation/index";
import { entries } from "../schema";

/** 152-ФЗ export: the person's competition entries in full (every state, the contact and the moderator's reason included). */
export const entryExportQuery = (db: Db, userId: string) =>
  db
    .select({
      id: entries.id,
      competitionId: entries.competitionId,
      nominationId: entries.nominationId,
      kind: entries.kind,
      proposalId: entries.proposalId,
      organisationId: entries.organisationId,
      city: entries.city,
      title: entries.title,
      problem: entries.problem,
      actions: entries.actions,
      results: entries.results,
      period: entries.period,
      budget: entries.budget,
      contact: entries.contact,
      status: entries.status,
      hiddenAt: entries.hiddenAt,
      reason: entries.reason,
      createdAt: entries.createdAt,
      decidedAt: entries.decidedAt,
      withdrawnAt: entries.withdrawnAt,
    })
    .from(entries)
    .where(eq(entries.submittedBy, userId))
    .orderBy(entries.createdAt);

/** The person's entries still waiting for the check (read before the deletion's batch, like drafts). */
export const submittedEntriesOf = (db: Db, userId: string) =>
  db
    .select({ id: entries.id, organiserId: entries.organiserId, competitionId: entries.competitionId })
    .from(entries)
    .where(and(eq(entries.submittedBy, userId), eq(entries.status, "submitted")));

/**
 * Account deletion, following the proposals' approach (what never left the person goes; what was
 * published stays under «удалённый пользователь»): entries still waiting for the check are withdrawn —
 * each with its queue item closed and an audit record — and the contact (personal data) is cleared on
 * EVERY entry of the person. Admitted entries stay in their competition: experts may have scored
 * them and people voted for them; a winner stays in the results and the library. Submitted entries
 * do not count in entry_count, so no counter moves. The withdrawal is guarded by the state: an entry
 * admitted between the read and the batch stays admitted (and its item was closed by that decision).
 */
export function entryDeletionStatements(db: Db, userId: string, submitted: { id: string; organiserId: string; competitionId: string }[], now: number): Statement[] {
  return [
    ...submitted.flatMap((e) => [
      closeItemStatement(db, "entry", e.id, "withdrawn", userId, now),
      // Before the update below, and only for an entry still waiting: the log never claims a withdrawal that did not happen.
      auditRecordWhere(
        db,
        { actorId: userId, action: "entry.withdraw", objectType: "entry", objectId: e.id, organiserId: e.organiserId, details: { from: "submitted", competitionId: e.competitionId, accountDeleted: true } },
        sql`EXISTS (SELECT 1 FROM competition_entries WHERE id = ${e.id} AND status = 'submitted')`,
        now,
      ),
    ]),
    db
      .update(entries)
      .set({
        status: sql`CASE WHEN ${entries.status} = 'submitted' THEN 'withdrawn' ELSE ${entries.status} END`,
        withdrawnAt: sql`CASE WHEN ${entries.status} = 'submitted' THEN ${now} ELSE ${entries.withdrawnAt} END`,
        contact: "",
        updatedAt: now,
      })
      .where(eq(entries.submittedBy, userId)),
  ];
}
