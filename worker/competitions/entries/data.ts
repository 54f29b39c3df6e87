import { and, asc, desc, eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { users } from "../../accounts/schema";
import type { Db } from "../../db/client";
import { organisations } from "../../organisations/schema";
import { competitions, entries, experts, nominations, results, type Stage } from "../schema";
import { stageSql } from "../stages";
import { ENTRY_LIMITS } from "./rules";

/**
 * Unexecuted statements of the entries part; service.ts and moderation.ts put them into batches.
 * Joined selects alias every column whose name another joined table shares (id, title, status,
 * created_at, city …): D1 batch rows are keyed by column name.
 */

/**
 * `stageSql` (the one stage rule as SQL, with `?` for the instant) as a drizzle fragment binding
 * `now` at each `?`. The column names come from stages.ts, never from input.
 */
export function inStage(stage: Stage, alias: string, now: number): SQL {
  const parts = stageSql(stage, alias).split("?");
  return sql.join(parts.map((p, i) => (i === 0 ? sql.raw(p) : sql`${now}${sql.raw(p)}`)));
}

/** The competition of an entry in one of the moderation stages (entry, check) at `now`. */
const moderationOpen = (competitionId: SQLWrapper | string, now: number) =>
  sql`EXISTS (SELECT 1 FROM competitions AS c WHERE c.id = ${competitionId} AND (${inStage("entry", "c", now)} OR ${inStage("check", "c", now)}))`;

/** Live entries of a participant in a nomination (the entry limit), by index competition_entries_participant. */
const liveCount = (nominationId: string, participant: string) =>
  sql`(SELECT count(*) FROM competition_entries AS le WHERE le.nomination_id = ${nominationId} AND le.participant = ${participant} AND le.status IN ('submitted', 'admitted'))`;
const allCount = (nominationId: string, participant: string) =>
  sql`(SELECT count(*) FROM competition_entries AS ae WHERE ae.nomination_id = ${nominationId} AND ae.participant = ${participant})`;

export interface NewEntry {
  id: string;
  competitionId: string;
  nominationId: string;
  organiserId: string;
  kind: "proposal" | "practice";
  proposalId: string | null;
  submittedBy: string;
  organisationId: string | null;
  participant: string;
  city: string;
  title: string;
  problem: string;
  actions: string;
  results: string;
  period: string;
  budget: number | null;
  contact: string;
  createdAt: number;
}

/**
 * The entry, written only if — when the batch runs — the competition is in the entry stage, the
 * nomination is the competition's, the participant has fewer live entries there than the
 * competition's limit (and fewer than ENTRY_LIMITS.triesPerNomination in all), the organisation's
 * membership is still confirmed and the proposal still published and visible. The checks sit in the
 * `status` value: when any fails it is NULL and the NOT NULL constraint aborts the WHOLE batch (the
 * queue item and the audit record with it), so ten concurrent entries against a limit of one write
 * exactly one, and nothing half-written stays behind. (Membership and the proposal's state are read
 * in SQL from their modules' tables: a guard inside the write cannot call their functions.)
 */
export function insertEntryGuarded(db: Db, e: NewEntry) {
  const now = e.createdAt;
  const conds: SQL[] = [
    sql`EXISTS (SELECT 1 FROM competitions AS c WHERE c.id = ${e.competitionId} AND ${inStage("entry", "c", now)} AND ${liveCount(e.nominationId, e.participant)} < c.entry_limit)`,
    sql`EXISTS (SELECT 1 FROM competition_nominations AS n WHERE n.id = ${e.nominationId} AND n.competition_id = ${e.competitionId})`,
    sql`${allCount(e.nominationId, e.participant)} < ${ENTRY_LIMITS.triesPerNomination}`,
  ];
  if (e.organisationId) conds.push(sql`EXISTS (SELECT 1 FROM organisation_members AS m WHERE m.organisation_id = ${e.organisationId} AND m.user_id = ${e.submittedBy} AND m.status = 'confirmed')`);
  if (e.proposalId) conds.push(sql`EXISTS (SELECT 1 FROM proposals AS p WHERE p.id = ${e.proposalId} AND p.status = 'published' AND p.hidden_at IS NULL)`);
  // Columns in table order (schema.ts): id … contact, status, hidden_at, reason, decided_at, decided_by,
  // vote_count, jury_experts, jury_score, jury_spread, flagged, created_at, updated_at, withdrawn_at.
  return db.insert(entries).select(
    sql`SELECT ${e.id}, ${e.competitionId}, ${e.nominationId}, ${e.organiserId}, ${e.kind}, ${e.proposalId}, ${e.submittedBy}, ${e.organisationId}, ${e.participant},
      ${e.city}, ${e.title}, ${e.problem}, ${e.actions}, ${e.results}, ${e.period}, ${e.budget}, ${e.contact},
      CASE WHEN ${sql.join(conds, sql` AND `)} THEN 'submitted' END,
      NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, 0, ${now}, ${now}, NULL`,
  );
}

/** The message D1 gives when a guarded statement of this file found its condition false. */
export const isUnwritten = (e: unknown) =>
  /NOT NULL constraint failed: competition_entries\.status/.test(String((e as Error)?.message ?? e) + String((e as { cause?: Error })?.cause?.message ?? ""));

/** Counts that explain a refused entry (read after the guarded insert refused it). */
export const participantCounts = (db: Db, nominationId: string, participant: string) =>
  db
    .select({ live: sql<number>`${liveCount(nominationId, participant)}`, all: sql<number>`${allCount(nominationId, participant)}` })
    .from(nominations)
    .where(eq(nominations.id, nominationId));

/** A live entry of this proposal in the competition (the partial unique index's rows). */
export const liveEntryOfProposal = (db: Db, competitionId: string, proposalId: string) =>
  db
    .select({ id: entries.id })
    .from(entries)
    .where(and(eq(entries.competitionId, competitionId), eq(entries.proposalId, proposalId), sql`${entries.proposalId} IS NOT NULL AND ${entries.status} IN ('submitted', 'admitted')`));

export const nominationById = (db: Db, id: string) =>
  db.select({ id: nominations.id, competitionId: nominations.competitionId, title: nominations.title }).from(nominations).where(eq(nominations.id, id));

/**
 * nominations.entry_count recounted from the rows (admitted and not hidden), in the batch of every
 * change of an entry's state: exact whatever ran concurrently. A walk of competition_entries_nomination.
 */
export const recountNomination = (db: Db, nominationId: string | SQL) =>
  db
    .update(nominations)
    .set({ entryCount: sql`(SELECT count(*) FROM competition_entries AS x WHERE x.nomination_id = ${nominationId} AND x.status = 'admitted' AND x.hidden_at IS NULL)` })
    .where(sql`${nominations.id} = ${nominationId}`);

/** The same for the nomination of an entry known by id (the report flow's automatic hiding). */
export const recountNominationOfEntry = (db: Db, entryId: string) => recountNomination(db, sql`(SELECT nomination_id FROM competition_entries WHERE id = ${entryId})`);

/** What moderation and withdrawal need of an entry and its competition (aliased: one select, batch-safe). */
export const entryFacts = (db: Db, id: string) =>
  db
    .select({
      id: entries.id,
      competitionId: entries.competitionId,
      nominationId: entries.nominationId,
      organiserId: entries.organiserId,
      submittedBy: entries.submittedBy,
      title: entries.title,
      status: entries.status,
      hiddenAt: entries.hiddenAt,
      competitionTitle: sql<string>`${competitions.title}`.as("competition_title"),
      competitionStatus: sql<"draft" | "published">`${competitions.status}`.as("competition_status"),
      resultsPublishedAt: competitions.resultsPublishedAt,
      entryOpensAt: competitions.entryOpensAt,
      entryClosesAt: competitions.entryClosesAt,
      checkClosesAt: competitions.checkClosesAt,
      evaluationClosesAt: competitions.evaluationClosesAt,
      votingClosesAt: competitions.votingClosesAt,
    })
    .from(entries)
    .innerJoin(competitions, eq(competitions.id, entries.competitionId))
    .where(eq(entries.id, id));
export type EntryFactsRow = Awaited<ReturnType<typeof entryFacts>>[number];

/**
 * A moderator's decision, guarded: written only if the entry is still in the state (and hidden flag)
 * it was decided on AND the competition is still in a moderation stage when the batch runs;
 * otherwise the status becomes NULL and the batch aborts (the service then reads why).
 */
export function decisionStatement(
  db: Db,
  id: string,
  d: { from: string; wasHidden: boolean; to: string; hidden: boolean; reason: string | null; actorId: string; now: number; competitionId: string; statusChange: boolean; anyStage?: boolean },
) {
  const hiddenNow = d.wasHidden ? sql`${entries.hiddenAt} IS NOT NULL` : sql`${entries.hiddenAt} IS NULL`;
  // Admitting and rejecting belong to the check; hiding and restoring may happen in any stage of a published competition.
  const stageOk = d.anyStage ? sql`EXISTS (SELECT 1 FROM competitions AS c WHERE c.id = ${d.competitionId} AND c.status = 'published')` : moderationOpen(d.competitionId, d.now);
  return db
    .update(entries)
    .set({
      status: sql`CASE WHEN ${entries.status} = ${d.from} AND ${hiddenNow} AND ${stageOk} THEN ${d.to} END`,
      hiddenAt: d.hidden === d.wasHidden ? undefined : d.hidden ? d.now : null,
      // The reason the entrant reads: a refusal's or a hiding's; admission and restoring clear it.
      reason: d.reason,
      ...(d.statusChange ? { decidedAt: d.now, decidedBy: d.actorId } : {}),
      updatedAt: d.now,
    })
    .where(eq(entries.id, id));
}

/** The entrant withdraws: only a live entry of theirs, only while the entry stage lasts (guarded as above). */
export const withdrawStatement = (db: Db, id: string, userId: string, competitionId: string, now: number) =>
  db
    .update(entries)
    .set({
      status: sql`CASE WHEN ${entries.status} IN ('submitted', 'admitted') AND ${entries.submittedBy} = ${userId}
        AND EXISTS (SELECT 1 FROM competitions AS c WHERE c.id = ${competitionId} AND ${inStage("entry", "c", now)}) THEN 'withdrawn' END`,
      withdrawnAt: now,
      updatedAt: now,
    })
    .where(eq(entries.id, id));

/**
 * Hide an admitted entry when reports reach the organiser's threshold — only during the moderation
 * stages, when a moderator can also restore it. Later (evaluation, voting) reports still reach the
 * queue, but nobody's reports can take a rival off the ballot.
 */
export const hideWhen = (db: Db, id: string, condition: SQL, now: number) =>
  db
    .update(entries)
    .set({ hiddenAt: now, updatedAt: now })
    .where(and(eq(entries.id, id), eq(entries.status, "admitted"), sql`${entries.hiddenAt} IS NULL`, moderationOpen(entries.competitionId, now), condition));

/** Whether reports may hide the entry now (see hideWhen): the queue marks an auto-hide only then. */
export const autoHideAllowedSql = (id: string, now: number) =>
  sql`EXISTS (SELECT 1 FROM competition_entries AS ah WHERE ah.id = ${id} AND ${moderationOpen(sql`ah.competition_id`, now)})`;

// ——— Reading ———

export interface EntryKey {
  at: number;
  id: string;
}

/**
 * A nomination's admitted, visible entries in the order they were entered, from after the key —
 * a walk of competition_entries_nomination (nomination_id, status, created_at, id); the competition
 * condition keeps a nomination of another competition out.
 */
export function admittedPage(db: Db, f: { competitionId: string; nominationId: string | SQL; after?: EntryKey; limit: number }) {
  return db
    .select({
      id: entries.id,
      nominationId: entries.nominationId,
      kind: entries.kind,
      title: entries.title,
      city: sql<string>`${entries.city}`.as("entry_city"),
      organisationId: entries.organisationId,
      organisationName: sql<string | null>`${organisations.name}`.as("organisation_name"),
      createdAt: sql<number>`${entries.createdAt}`.as("entry_created_at"),
    })
    .from(entries)
    .leftJoin(organisations, eq(organisations.id, entries.organisationId))
    .where(
      and(
        sql`${entries.nominationId} = ${f.nominationId}`,
        eq(entries.status, "admitted"),
        sql`${entries.hiddenAt} IS NULL`,
        // Unary +: a filter, not an index choice — the walk is the nomination's, in its order.
        sql`+${entries.competitionId} = ${f.competitionId}`,
        f.after ? sql`(${entries.createdAt}, ${entries.id}) > (${f.after.at}, ${f.after.id})` : undefined,
      ),
    )
    .orderBy(asc(entries.createdAt), asc(entries.id))
    .limit(f.limit);
}

/** "My entries": everything the person entered, newest first, by key (created_at, id) on competition_entries_submitter. */
export function entriesOfSubmitter(db: Db, userId: string, f: { before?: EntryKey; limit: number }) {
  return db
    .select({
      id: entries.id,
      competitionId: entries.competitionId,
      competitionTitle: sql<string>`${competitions.title}`.as("competition_title"),
      nominationTitle: sql<string>`${nominations.title}`.as("nomination_title"),
      kind: entries.kind,
      title: entries.title,
      status: entries.status,
      hiddenAt: entries.hiddenAt,
      reason: entries.reason,
      createdAt: sql<number>`${entries.createdAt}`.as("entry_created_at"),
    })
    .from(entries)
    .innerJoin(competitions, eq(competitions.id, entries.competitionId))
    .innerJoin(nominations, eq(nominations.id, entries.nominationId))
    .where(and(eq(entries.submittedBy, userId), f.before ? sql`(${entries.createdAt}, ${entries.id}) < (${f.before.at}, ${f.before.id})` : undefined))
    .orderBy(desc(entries.createdAt), desc(entries.id))
    .limit(f.limit);
}

/** One entry with the names its page shows (nomination, organisation, the entrant); aliased for batches. */
export const entryWithNames = (db: Db, id: string) =>
  db
    .select({
      e: entries,
      nominationTitle: sql<string>`${nominations.title}`.as("nomination_title"),
      organisationName: sql<string | null>`${organisations.name}`.as("organisation_name"),
      organisationType: sql<string | null>`${organisations.type}`.as("organisation_type"),
      entrantName: users.displayName,
      entrantDeletedAt: users.deletedAt,
    })
    .from(entries)
    .innerJoin(nominations, eq(nominations.id, entries.nominationId))
    .leftJoin(organisations, eq(organisations.id, entries.organisationId))
    .leftJoin(users, eq(users.id, entries.submittedBy))
    .where(eq(entries.id, id));

const competitionOf = (entryId: string) => sql`(SELECT competition_id FROM competition_entries WHERE id = ${entryId})`;

/** The competition of an entry (the same shape as data.ts competitionById), for one batch with the entry. */
export const competitionOfEntry = (db: Db, entryId: string) => db.select().from(competitions).where(sql`${competitions.id} = ${competitionOf(entryId)}`);

/** The viewer's expert row for the entry's competition (empty when they are not its expert). */
export const expertOfEntry = (db: Db, entryId: string, userId: string) =>
  db.select({ userId: experts.userId }).from(experts).where(and(sql`${experts.competitionId} = ${competitionOf(entryId)}`, eq(experts.userId, userId)));

/** The entry's row of the computed results (the page shows it only once they are published). */
export const resultOfEntry = (db: Db, entryId: string) =>
  db
    .select({ rank: results.rank, winner: results.winner, juryScore: results.juryScore, votes: results.votes, total: results.total })
    .from(results)
    .where(and(sql`${results.nominationId} = (SELECT nomination_id FROM competition_entries WHERE id = ${entryId})`, eq(results.entryId, entryId)));
