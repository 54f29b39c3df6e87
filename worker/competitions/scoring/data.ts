import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { users } from "../../accounts/schema";
import type { Db } from "../../db/client";
import { assignments, competitions, criteria, entries, experts, nominations, scores } from "../schema";
import { stageCondition } from "../stages";

/**
 * The scoring part's queries (unexecuted, for one batch per request). Columns whose names repeat
 * across the joined tables are selected under aliases (D1 batch rows are keyed by column name).
 */

// The competition is known by id (pages: /competitions/:id/…) or only through the entry (the API:
// /entries/{id}/…); a subquery on the entry's primary key keeps the latter to one round trip too.
export type CompetitionRef = string | SQL;
export const refOf = (competitionId: string | null, entryId: string): CompetitionRef => competitionId ?? sql`(SELECT competition_id FROM competition_entries WHERE id = ${entryId})`;

export const competitionRow = (db: Db, ref: CompetitionRef) => db.select().from(competitions).where(eq(competitions.id, ref as string));
export const criteriaRows = (db: Db, ref: CompetitionRef) => db.select().from(criteria).where(eq(criteria.competitionId, ref as string)).orderBy(asc(criteria.position));
export const expertRow = (db: Db, ref: CompetitionRef, userId: string) =>
  db.select({ userId: experts.userId }).from(experts).where(and(eq(experts.competitionId, ref as string), eq(experts.userId, userId)));
/** The entry with its nomination's title (aliased: both tables have a title). */
export const entryRow = (db: Db, entryId: string) =>
  db
    .select({
      id: entries.id,
      competitionId: entries.competitionId,
      kind: entries.kind,
      proposalId: entries.proposalId,
      city: entries.city,
      title: entries.title,
      problem: entries.problem,
      actions: entries.actions,
      results: entries.results,
      period: entries.period,
      budget: entries.budget,
      status: entries.status,
      hiddenAt: entries.hiddenAt,
      juryExperts: entries.juryExperts,
      juryScore: entries.juryScore,
      jurySpread: entries.jurySpread,
      flagged: entries.flagged,
      nominationTitle: sql<string>`${nominations.title}`.as("nomination_title"),
    })
    .from(entries)
    .innerJoin(nominations, eq(nominations.id, entries.nominationId))
    .where(eq(entries.id, entryId));

/** What a write needs of the entry: its competition and whether it is still in it. */
export const entryFactsOf = (db: Db, entryId: string) =>
  db.select({ id: entries.id, competitionId: entries.competitionId, status: entries.status, hiddenAt: entries.hiddenAt }).from(entries).where(eq(entries.id, entryId));

/** The totals of the entry's submitted sheets (what the jury facts are computed from). */
export const submittedTotalsOf = (db: Db, entryId: string) =>
  db
    .select({ expertId: assignments.expertId, total: assignments.total })
    .from(assignments)
    .where(and(eq(assignments.entryId, entryId), eq(assignments.status, "submitted")));

/** The assignment's place in the expert's list: state (assigned < draft < submitted: to do first) then the order it was given. */
export type ReviewKey = { status: "assigned" | "draft" | "submitted"; seq: number };

// The assignment's rowid: the table has a composite primary key, so it keeps a rowid, and every index
// ends with it. The expert's index (competition_id, expert_id, status) is therefore already in
// (status, rowid) order: the list needs no sort and pages by that key.
const seq = sql<number>`${assignments}.rowid`;

/** One page of an expert's assigned entries, with the entry's title, city and nomination. */
export function reviewListPage(db: Db, competitionId: string, expertId: string, opts: { after?: ReviewKey; limit: number }) {
  const after = opts.after ? sql`(${assignments.status}, ${seq}) > (${opts.after.status}, ${opts.after.seq})` : undefined;
  return db
    .select({
      seq: seq.as("seq"),
      entryId: assignments.entryId,
      // Both tables have a `status`: each under its own name.
      reviewStatus: sql<ReviewKey["status"]>`${assignments.status}`.as("review_status"),
      total: assignments.total,
      submittedAt: assignments.submittedAt,
      title: entries.title,
      city: entries.city,
      kind: entries.kind,
      entryStatus: sql<string>`${entries.status}`.as("entry_status"),
      hiddenAt: entries.hiddenAt,
      nominationTitle: sql<string>`${nominations.title}`.as("nomination_title"),
    })
    .from(assignments)
    .innerJoin(entries, eq(entries.id, assignments.entryId))
    .innerJoin(nominations, eq(nominations.id, entries.nominationId))
    .where(and(eq(assignments.competitionId, competitionId), eq(assignments.expertId, expertId), after))
    .orderBy(asc(assignments.status), asc(seq))
    .limit(opts.limit);
}

/** How many of the expert's entries are in each state (the index covers it). */
export const reviewCounts = (db: Db, competitionId: string, expertId: string) =>
  db
    .select({ status: assignments.status, n: sql<number>`count(*)`.as("n") })
    .from(assignments)
    .where(and(eq(assignments.competitionId, competitionId), eq(assignments.expertId, expertId)))
    .groupBy(assignments.status);

/** One expert's assignment of one entry (by primary key). */
export const assignmentOf = (db: Db, entryId: string, expertId: string) =>
  db.select().from(assignments).where(and(eq(assignments.entryId, entryId), eq(assignments.expertId, expertId)));

/** One expert's scores of one entry (a draft or a submitted sheet). */
export const scoresOf = (db: Db, entryId: string, expertId: string) =>
  db
    .select({ criterionId: scores.criterionId, score: scores.score, comment: scores.comment })
    .from(scores)
    .where(and(eq(scores.entryId, entryId), eq(scores.expertId, expertId)));

/**
 * The entry's submitted sheets with their experts' names, in the order they were submitted (the
 * numbering "Эксперт 1, 2, 3" follows it, and submitted sheets never change, so it is stable). A
 * handful of rows found by the primary key's entry_id prefix, sorted.
 */
export const submittedSheetsOf = (db: Db, entryId: string) =>
  db
    .select({ expertId: assignments.expertId, total: assignments.total, submittedAt: assignments.submittedAt, expertName: users.displayName })
    .from(assignments)
    .leftJoin(users, eq(users.id, assignments.expertId))
    .where(and(eq(assignments.entryId, entryId), eq(assignments.status, "submitted")))
    .orderBy(asc(assignments.submittedAt), asc(assignments.expertId));

/** The scores of the entry's submitted sheets (drafts of other experts are never read). */
export const submittedScoresOf = (db: Db, entryId: string) =>
  db
    .select({ expertId: scores.expertId, criterionId: scores.criterionId, score: scores.score, comment: scores.comment })
    .from(scores)
    .innerJoin(assignments, and(eq(assignments.entryId, scores.entryId), eq(assignments.expertId, scores.expertId)))
    .where(and(eq(scores.entryId, entryId), eq(assignments.status, "submitted")));

// ——— Writes ———

export interface SheetTarget {
  entryId: string;
  expertId: string;
  competitionId: string;
}

/**
 * The condition every write of a sheet carries, checked by the write itself when the batch runs:
 * the assignment exists and is not submitted (a submitted sheet is final), the person is still an
 * expert of the competition, the entry is still admitted and not hidden, and the competition is in
 * its evaluation stage at `now` (stageSql, so the edge is decided in SQL exactly as stageAt decides
 * it). For a submit, also: the entry has exactly `submitted` submitted sheets — the ones the jury
 * facts were computed from (see service.ts).
 */
export function sheetGuard(t: SheetTarget, now: number, submitted?: number): SQL {
  const base = sql`EXISTS (SELECT 1 FROM competition_assignments AS g
      JOIN competitions AS gc ON gc.id = g.competition_id
      JOIN competition_experts AS gx ON gx.competition_id = g.competition_id AND gx.user_id = g.expert_id
      JOIN competition_entries AS ge ON ge.id = g.entry_id
      WHERE g.entry_id = ${t.entryId} AND g.expert_id = ${t.expertId} AND g.competition_id = ${t.competitionId} AND g.status <> 'submitted'
        AND ge.status = 'admitted' AND ge.hidden_at IS NULL AND ${stageCondition("evaluation", "gc", now)})`;
  return submitted === undefined ? base : sql`${base} AND ${submittedCountIs(t.entryId, submitted)}`;
}

const submittedCountIs = (entryId: string, n: number) => sql`(SELECT count(*) FROM competition_assignments WHERE entry_id = ${entryId} AND status = 'submitted') = ${n}`;

/** The expert's sheet replaced by `rows` (delete, then insert from a JSON list), both under the guard. */
export function replaceScores(db: Db, t: SheetTarget, rows: { criterionId: string; score: number; comment: string }[], now: number, guard: SQL) {
  const list = JSON.stringify(rows.map((r) => ({ c: r.criterionId, s: r.score, m: r.comment })));
  return [
    db.delete(scores).where(and(eq(scores.entryId, t.entryId), eq(scores.expertId, t.expertId), guard)),
    // Columns in table order: entry_id, expert_id, criterion_id, score, comment, updated_at.
    db.insert(scores).select(
      sql`SELECT ${t.entryId}, ${t.expertId}, json_extract(j.value, '$.c'), json_extract(j.value, '$.s'), json_extract(j.value, '$.m'), ${now} FROM json_each(${list}) AS j WHERE ${guard}`,
    ),
  ] as const;
}

/** A draft: the assignment marked 'draft' (from assigned or draft), under the guard. */
export const markDraft = (db: Db, t: SheetTarget, now: number, guard: SQL) =>
  db
    .update(assignments)
    .set({ status: "draft", updatedAt: now })
    .where(and(eq(assignments.entryId, t.entryId), eq(assignments.expertId, t.expertId), guard))
    .returning({ entryId: assignments.entryId });

/** The submit: status 'submitted', the total and the instant, under the guard (with the count). */
export const markSubmitted = (db: Db, t: SheetTarget, total: number, now: number, guard: SQL) =>
  db
    .update(assignments)
    .set({ status: "submitted", total, submittedAt: now, updatedAt: now })
    .where(and(eq(assignments.entryId, t.entryId), eq(assignments.expertId, t.expertId), guard))
    .returning({ entryId: assignments.entryId });

/** The expert's submitted counter, recounted from the rows (exact whatever raced; the expert index covers it). */
export const recountSubmitted = (db: Db, competitionId: string, expertId: string) =>
  db
    .update(experts)
    .set({ submittedCount: sql`(SELECT count(*) FROM competition_assignments WHERE competition_id = ${competitionId} AND expert_id = ${expertId} AND status = 'submitted')` })
    .where(and(eq(experts.competitionId, competitionId), eq(experts.userId, expertId)));

/**
 * The entry's jury facts, computed in TypeScript from the submitted totals read before the batch
 * plus this expert's, written only if that is still the whole set: exactly `count` submitted sheets
 * and this expert's among them with this total. Submitted sheets never change or go away, so the
 * count names the set; when the condition fails nothing is written (and the submit itself, guarded
 * on the same count, was not written either).
 */
export const writeJuryFacts = (
  db: Db,
  f: { entryId: string; expertId: string; total: number; count: number; experts: number; score: number | null; spread: number | null; flagged: boolean },
) =>
  db
    .update(entries)
    .set({ juryExperts: f.experts, juryScore: f.score, jurySpread: f.spread, flagged: f.flagged })
    .where(
      and(
        eq(entries.id, f.entryId),
        submittedCountIs(f.entryId, f.count),
        sql`EXISTS (SELECT 1 FROM competition_assignments WHERE entry_id = ${f.entryId} AND expert_id = ${f.expertId} AND status = 'submitted' AND total = ${f.total})`,
      ),
    );

/** What a write left: the assignment and the entry's facts (read back in the batch). */
export const sheetState = (db: Db, entryId: string, expertId: string) =>
  db
    .select({
      reviewStatus: assignments.status,
      total: assignments.total,
      submittedAt: assignments.submittedAt,
      juryExperts: entries.juryExperts,
      juryScore: entries.juryScore,
      jurySpread: entries.jurySpread,
      flagged: entries.flagged,
    })
    .from(assignments)
    .innerJoin(entries, eq(entries.id, assignments.entryId))
    .where(and(eq(assignments.entryId, entryId), eq(assignments.expertId, expertId)));
