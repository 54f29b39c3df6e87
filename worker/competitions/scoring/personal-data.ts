import { and, eq, ne, sql } from "drizzle-orm";
import type { Db, Statement } from "../../db/client";
import { assignments, conflicts, experts, scores } from "../schema";

/**
 * 152-ФЗ for experts: the export gives an expert the competitions they judged (with the city they
 * declared), their conflicts of interest, their sheets (state, total) and every score with its comment.
 *
 * On account deletion submitted sheets STAY (they make jury scores, perhaps published; the tombstone no
 * longer names anyone); unsubmitted drafts and assignments go like other unpublished work (the entry
 * then shows as short of experts on the evaluation page), the declared city is cleared, and the expert
 * counts as undeclared so no assignment run gives them entries again. The role grant goes with all
 * the person's grants.
 */
export const expertExportQueries = (db: Db, userId: string) =>
  [
    db.select({ competitionId: experts.competitionId, city: experts.city, addedAt: experts.addedAt, declaredAt: experts.declaredAt }).from(experts).where(eq(experts.userId, userId)),
    db.select({ competitionId: conflicts.competitionId, entryId: conflicts.entryId, reason: conflicts.reason, declaredAt: conflicts.declaredAt }).from(conflicts).where(eq(conflicts.expertId, userId)),
    db
      .select({ competitionId: assignments.competitionId, entryId: assignments.entryId, status: assignments.status, total: assignments.total, assignedAt: assignments.assignedAt, submittedAt: assignments.submittedAt })
      .from(assignments)
      .where(eq(assignments.expertId, userId)),
    db.select({ entryId: scores.entryId, criterionId: scores.criterionId, score: scores.score, comment: scores.comment, updatedAt: scores.updatedAt }).from(scores).where(eq(scores.expertId, userId)),
  ] as const;

export function expertDeletionStatements(db: Db, userId: string): Statement[] {
  return [
    // Scores of sheets never submitted (a submitted sheet's scores stay with it).
    db
      .delete(scores)
      .where(
        and(
          eq(scores.expertId, userId),
          sql`NOT EXISTS (SELECT 1 FROM competition_assignments AS a WHERE a.entry_id = ${scores.entryId} AND a.expert_id = ${scores.expertId} AND a.status = 'submitted')`,
        ),
      ),
    db.delete(assignments).where(and(eq(assignments.expertId, userId), ne(assignments.status, "submitted"))),
    // Undeclared, the row is never given entries again (assignment takes declared experts only).
    db
      .update(experts)
      .set({
        city: "",
        declaredAt: null,
        assignedCount: sql`(SELECT count(*) FROM competition_assignments AS a WHERE a.competition_id = ${experts.competitionId} AND a.expert_id = ${experts.userId})`,
      })
      .where(eq(experts.userId, userId)),
  ];
}
