import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { notifications } from "../../notifications/schema";
import { competitions, entries, nominations, results } from "../schema";
import { stageCondition } from "../stages";
import type { RankedEntry } from "./ranking";

/**
 * Unexecuted statements of the results part; service.ts puts them into batches (one round trip for a
 * page, one for computing, one for publishing).
 */

/** What the ranking needs of each entry: admitted, not hidden, with its jury facts and counted votes. */
export const rankingInputs = (db: Db, competitionId: string) =>
  db
    .select({ id: entries.id, nominationId: entries.nominationId, juryScore: entries.juryScore, juryExperts: entries.juryExperts, votes: entries.voteCount, createdAt: entries.createdAt })
    .from(entries)
    .where(and(eq(entries.competitionId, competitionId), eq(entries.status, "admitted"), isNull(entries.hiddenAt)));

/** The results stage at `now`, on the competitions row aliased `alias` (see stages.ts). */
const stageGuard = (alias: string, now: number) => stageCondition("results", alias, now);

/**
 * True while the competition may (re)compute its results: published, voting closed, results not yet
 * published. Written INTO every write of a computation, so a publication or a change of dates that
 * slips in between the read and the write leaves the stored results untouched.
 */
export const computableGuard = (competitionId: string, now: number) =>
  sql`EXISTS (SELECT 1 FROM competitions c WHERE c.id = ${competitionId} AND ${stageGuard("c", now)} AND c.results_published_at IS NULL)`;

export const deleteResults = (db: Db, competitionId: string, now: number) => db.delete(results).where(and(eq(results.competitionId, competitionId), computableGuard(competitionId, now)));

/** Rows per INSERT of computed results: each chunk is ONE JSON parameter (≤ ~80 KB), not a parameter per value. */
export const INSERT_CHUNK = 500;

export interface ComputedRow extends RankedEntry {
  nominationId: string;
}

/**
 * Inserts computed rows from one JSON array parameter (json_each), guarded like the delete: five bound
 * parameters however many rows, instead of thirteen per row (seven rows per statement under D1's
 * 100-parameter limit, 72 statements for 500 entries).
 */
export function insertResults(db: Db, competitionId: string, rows: ComputedRow[], now: number) {
  const json = JSON.stringify(rows.map((r) => [r.nominationId, r.id, r.juryScore, r.juryExperts, r.votes, r.juryPart, r.publicPart, r.total, r.rank, r.winner ? 1 : 0, r.decidedBy]));
  // Columns in table order: nomination_id, entry_id, competition_id, jury_score, jury_experts, votes,
  // jury_part, public_part, total, rank, winner, decided_by, computed_at.
  return db.insert(results).select(
    sql`SELECT value ->> 0, value ->> 1, ${competitionId}, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10, ${now}
      FROM json_each(${json}) WHERE ${computableGuard(competitionId, now)}`,
  );
}

/** Marks the computation (guarded the same way); the service reads `results_computed_at` back to learn whether it happened. */
export const markComputed = (db: Db, competitionId: string, now: number) =>
  db
    .update(competitions)
    .set({ resultsComputedAt: now })
    .where(and(eq(competitions.id, competitionId), isNull(competitions.resultsPublishedAt), stageGuard("competitions", now)));

export const computedAt = (db: Db, competitionId: string) => db.select({ at: competitions.resultsComputedAt, publishedAt: competitions.resultsPublishedAt }).from(competitions).where(eq(competitions.id, competitionId));

/**
 * Whether the stored results no longer match the entries (a vote annulled, a score added, an entry
 * hidden or restored since the computation): then they must be recomputed before they are published.
 */
const staleCondition = (competitionId: string) => sql`(
  EXISTS (SELECT 1 FROM competition_results r JOIN competition_entries e ON e.id = r.entry_id
    WHERE r.competition_id = ${competitionId}
      AND (e.status <> 'admitted' OR e.hidden_at IS NOT NULL OR e.nomination_id <> r.nomination_id OR e.vote_count <> r.votes
        OR e.jury_experts <> r.jury_experts OR e.jury_score IS NOT r.jury_score))
  OR EXISTS (SELECT 1 FROM competition_entries e WHERE e.competition_id = ${competitionId} AND e.status = 'admitted' AND e.hidden_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM competition_results r WHERE r.nomination_id = e.nomination_id AND r.entry_id = e.id)))`;

/**
 * The stale check as a read. Only while the results are unpublished: the constant condition is
 * evaluated once before any row is read, so a published competition's page pays nothing for it.
 */
export const staleCheck = (db: Db, competitionId: string) =>
  db.select({ stale: sql<number>`${unpublished(competitionId)} AND ${staleCondition(competitionId)}`.mapWith(Number) }).from(sql`(SELECT 1)`);

const unpublished = (competitionId: string) => sql`(SELECT results_published_at FROM competitions WHERE id = ${competitionId}) IS NULL`;

// ——— Reading results ———

/** The columns a results row shows (entries' title and city under their own names: see data.ts on batch joins). */
const rowColumns = {
  nominationId: results.nominationId,
  entryId: results.entryId,
  rank: results.rank,
  winner: results.winner,
  decidedBy: results.decidedBy,
  juryScore: results.juryScore,
  juryExperts: results.juryExperts,
  votes: results.votes,
  juryPart: results.juryPart,
  publicPart: results.publicPart,
  total: results.total,
  entryTitle: sql<string>`${entries.title}`.as("entry_title"),
  entryCity: sql<string>`${entries.city}`.as("entry_city"),
  flagged: sql<number>`${entries.flagged}`.mapWith(Number).as("entry_flagged"),
  entryHiddenAt: sql<number | null>`${entries.hiddenAt}`.as("entry_hidden_at"),
};

export type ResultRow = {
  nominationId: string;
  entryId: string;
  rank: number;
  winner: boolean;
  decidedBy: string | null;
  juryScore: number | null;
  juryExperts: number;
  votes: number;
  juryPart: number;
  publicPart: number;
  total: number;
  entryTitle: string;
  entryCity: string;
  flagged: number;
  entryHiddenAt: number | null;
};

/** Nominations in order with how many results each has (counted on the rank index). */
export const nominationsWithCounts = (db: Db, competitionId: string) =>
  db
    .select({
      id: nominations.id,
      title: nominations.title,
      position: nominations.position,
      ranked: sql<number>`(SELECT count(*) FROM competition_results r WHERE r.nomination_id = ${nominations.id})`.mapWith(Number).as("ranked"),
    })
    .from(nominations)
    .where(eq(nominations.competitionId, competitionId))
    .orderBy(asc(nominations.position));

/**
 * The first places of every nomination (rank ≤ `top`; ties on the last place come along), in
 * nomination order then place: the nominations' order index, then each nomination's rank index.
 */
export const topRows = (db: Db, competitionId: string, top: number) =>
  db
    .select(rowColumns)
    .from(nominations)
    .innerJoin(results, and(eq(results.nominationId, nominations.id), sql`${results.rank} <= ${top}`))
    .innerJoin(entries, eq(entries.id, results.entryId))
    .where(eq(nominations.competitionId, competitionId))
    .orderBy(asc(nominations.position), asc(results.rank), asc(results.entryId));

export interface RankKey {
  rank: number;
  id: string;
}

/** One page of one nomination's ranking, by key (place, entry id) on the rank index. */
export const nominationRows = (db: Db, nominationId: string, after: RankKey | undefined, limit: number) =>
  db
    .select(rowColumns)
    .from(results)
    .innerJoin(entries, eq(entries.id, results.entryId))
    .where(and(eq(results.nominationId, nominationId), after ? or(gt(results.rank, after.rank), and(eq(results.rank, after.rank), gt(results.entryId, after.id))) : undefined))
    .orderBy(asc(results.rank), asc(results.entryId))
    .limit(limit);

/** Every row of the competition (the CSV), in nomination order then place. */
export const allRows = (db: Db, competitionId: string) =>
  db
    .select(rowColumns)
    .from(nominations)
    .innerJoin(results, eq(results.nominationId, nominations.id))
    .innerJoin(entries, eq(entries.id, results.entryId))
    .where(eq(nominations.competitionId, competitionId))
    .orderBy(asc(nominations.position), asc(results.rank), asc(results.entryId));

/**
 * Entries the organiser should look at before publishing: flagged for spread, or scored by fewer
 * experts than the competition's minimum. Read only while unpublished (see `staleCheck`).
 */
export const REVIEW_LIMIT = 200;
export const reviewRows = (db: Db, competitionId: string) =>
  db
    .select(rowColumns)
    .from(results)
    .innerJoin(entries, eq(entries.id, results.entryId))
    .where(
      and(
        eq(results.competitionId, competitionId),
        unpublished(competitionId),
        or(eq(entries.flagged, true), sql`${results.juryExperts} < (SELECT min_experts FROM competitions WHERE id = ${competitionId})`),
      ),
    )
    .limit(REVIEW_LIMIT + 1);

// ——— Publishing ———

/**
 * Marks the results published — guarded through updated_at, a NOT NULL column: if they were published
 * meanwhile, recomputed since the organiser's read, the stage changed, or the stored results went
 * stale, updated_at would become NULL and the constraint aborts the whole batch (audit, notifications
 * and library rows included); the service reports 409.
 */
export const publishStatement = (db: Db, competitionId: string, readComputedAt: number, now: number) =>
  db
    .update(competitions)
    .set({
      resultsPublishedAt: now,
      updatedAt: sql`CASE WHEN ${competitions.resultsPublishedAt} IS NULL AND ${competitions.resultsComputedAt} = ${readComputedAt}
        AND ${stageGuard("competitions", now)} AND NOT ${staleCondition(competitionId)} THEN ${now} END`,
    })
    .where(eq(competitions.id, competitionId));

export const isStalePublication = (e: unknown) => /NOT NULL constraint failed: competitions\.updated_at/.test(messageOf(e));
const messageOf = (e: unknown) => String((e as Error)?.message ?? e) + String((e as { cause?: Error })?.cause?.message ?? "");

/** The id of the notification telling an entrant their entry's result: one per entry, ever. */
export const resultNoteId = (entryId: string) => `cr-${entryId}`;

/**
 * One notification per ranked entry to its entrant (kind competition_result, params {title,
 * competition, nomination, rank, winner}), by ONE INSERT … SELECT with a handful of parameters however
 * many entries there are.
 */
export const resultNotesStatement = (db: Db, competitionId: string, competitionTitle: string, now: number) =>
  db.insert(notifications).select(
    sql`SELECT 'cr-' || r.entry_id, e.submitted_by, 'competition_result',
      json_object('title', e.title, 'competition', ${competitionTitle}, 'nomination', n.title, 'rank', r.rank, 'winner', r.winner),
      '/competitions/' || r.competition_id || '/results?nomination=' || r.nomination_id, ${now}, NULL
      FROM competition_results r JOIN competition_entries e ON e.id = r.entry_id JOIN competition_nominations n ON n.id = r.nomination_id
      WHERE r.competition_id = ${competitionId}`,
  );

export const rankedEntryIds = (db: Db, competitionId: string) => db.select({ id: results.entryId }).from(results).where(eq(results.competitionId, competitionId));

/** The winners with what the library copies of them. */
export const winnersForLibrary = (db: Db, competitionId: string) =>
  db
    .select({
      entryId: results.entryId,
      rank: results.rank,
      nominationTitle: sql<string>`${nominations.title}`.as("nomination_title"),
      city: entries.city,
      entryTitle: sql<string>`${entries.title}`.as("entry_title"),
      problem: entries.problem,
      actions: entries.actions,
      results: entries.results,
      period: entries.period,
      budget: entries.budget,
    })
    .from(results)
    .innerJoin(entries, eq(entries.id, results.entryId))
    .innerJoin(nominations, eq(nominations.id, results.nominationId))
    .where(and(eq(results.competitionId, competitionId), eq(results.winner, true)));
