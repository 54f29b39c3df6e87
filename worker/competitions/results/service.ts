import { eq } from "drizzle-orm";
import type { Ctx } from "../../accounts/service";
import { auditRecord, auditRecordWhere } from "../../audit";
import { runBatch, type Db, type Statement } from "../../db/client";
import { conflict, forbidden, notFound, Problem } from "../../http/problem";
import { practiceStatements } from "../../library";
import { dispatchNotes } from "../../notifications";
import type { Actor } from "../../roles/rules";
import { epochToMoscowLocal } from "../../consultations/window";
import { competitionAccess, type CompetitionAccess } from "../access";
import { competitionById, competitionFacts, entryUrl, nominationsOf, type CompetitionRow } from "../data";
import { competitions } from "../schema";
import { stageAt } from "../stages";
import * as data from "./data";
import { rankNomination, tieBreakOrder, type RankingSettings } from "./ranking";

/**
 * The results' use cases: compute (the organiser, or the cron when voting closes), publish (winners
 * into the library, every entrant told), and read (the organiser's review before publication, the
 * public ranking after).
 */

export const RESULTS_LIMITS = {
  /** Places of each nomination on the overview page (ties on the last one come along). */
  top: 50,
  /** Rows per page of one nomination's whole ranking. */
  page: 100,
  pageMax: 500,
} as const;

/** The ranking settings of a competition row. */
export const settingsOf = (c: CompetitionRow): RankingSettings => ({
  juryWeight: c.juryWeight,
  publicWeight: c.publicWeight,
  juryNormalisation: c.juryNormalisation,
  publicNormalisation: c.publicNormalisation,
  precision: c.precision,
  tieBreak: tieBreakOrder(c.tieBreak ?? []),
  winners: c.winners,
  minExperts: c.minExperts,
});

// ——— Computing ———

const readForCompute = (db: Db, competitionId: string) =>
  db.batch([db.select().from(competitions).where(eq(competitions.id, competitionId)), nominationsOf(db, competitionId), data.rankingInputs(db, competitionId)]);

type ComputeRead = Awaited<ReturnType<typeof readForCompute>>;

export type ComputeOutcome =
  | { ok: true; computedAt: number; nominations: number; entries: number; winners: number }
  | { ok: false; reason: "notFound" | "notResultsStage" | "published" | "changed" };

/**
 * Computes every nomination's ranking and REPLACES the competition's stored results in one batch:
 * the delete, the inserts (one JSON parameter per 500 rows), results_computed_at and the audit record,
 * each guarded in SQL by "published, voting closed, results not published" — so nothing is written if
 * the results were published (or the dates changed) after the read. Callable by the cron (no actor);
 * the organiser's route checks who first (`recompute`).
 */
export async function computeResults(db: Db, competitionId: string, now: number, actorId: string | null = null): Promise<ComputeOutcome> {
  return computeFrom(db, await readForCompute(db, competitionId), now, actorId);
}

async function computeFrom(db: Db, [[c], noms, inputs]: ComputeRead, now: number, actorId: string | null): Promise<ComputeOutcome> {
  if (!c) return { ok: false, reason: "notFound" };
  if (c.status !== "published" || stageAt(c, now) !== "results") return { ok: false, reason: "notResultsStage" };
  if (c.resultsPublishedAt !== null) return { ok: false, reason: "published" };
  const settings = settingsOf(c);
  const byNomination = new Map<string, typeof inputs>(noms.map((n) => [n.id, []]));
  for (const e of inputs) byNomination.get(e.nominationId)?.push(e);
  const rows: data.ComputedRow[] = [];
  for (const [nominationId, list] of byNomination) for (const r of rankNomination(list, settings)) rows.push({ ...r, nominationId });

  const statements: Statement[] = [data.deleteResults(db, c.id, now)];
  for (let i = 0; i < rows.length; i += data.INSERT_CHUNK) statements.push(data.insertResults(db, c.id, rows.slice(i, i + data.INSERT_CHUNK), now));
  const winners = rows.filter((r) => r.winner).length;
  statements.push(
    data.markComputed(db, c.id, now),
    auditRecordWhere(
      db,
      { actorId, action: "competition.results.compute", objectType: "competition", objectId: c.id, organiserId: c.organiserId, details: { entries: rows.length, nominations: noms.length, winners, by: actorId ? "organiser" : "cron" } },
      data.computableGuard(c.id, now),
      now,
    ),
    data.computedAt(db, c.id),
  );
  const out = await runBatch(db, statements);
  const [after] = out[out.length - 1] as { at: number | null }[];
  if (after?.at !== now) return { ok: false, reason: "changed" };
  return { ok: true, computedAt: now, nominations: noms.length, entries: rows.length, winners };
}

const PROBLEMS = {
  notYet: "competitions.results.problem.notYet",
  published: "competitions.results.problem.published",
  notComputed: "competitions.results.problem.notComputed",
  stale: "competitions.results.problem.stale",
  changed: "competitions.results.problem.changed",
} as const;

/** Why the organiser may not compute or publish now (who is checked before). */
function decideRefusal(c: CompetitionRow, access: CompetitionAccess) {
  if (access.decideResults) return null;
  return conflict(c.resultsPublishedAt !== null ? PROBLEMS.published : PROBLEMS.notYet);
}

function organiserCheck(c: CompetitionRow | undefined, actor: Actor, now: number) {
  if (!c) throw notFound();
  const access = competitionAccess(competitionFacts(c), actor, now);
  if (!access.read) throw notFound();
  // Who first (a resident learns nothing about the state), then the stage.
  if (!access.manage) throw forbidden();
  const refusal = decideRefusal(c, access);
  if (refusal) throw refusal;
  return access;
}

/** The organiser's «Пересчитать»: the results stage, before publication, the competition's organiser admins only. */
export async function recompute(ctx: Ctx, actor: Actor, competitionId: string, now = Date.now()) {
  const read = await readForCompute(ctx.db, competitionId);
  organiserCheck(read[0][0], actor, now);
  const r = await computeFrom(ctx.db, read, now, actor.id);
  if (r.ok) return r;
  if (r.reason === "notFound") throw notFound();
  throw conflict(r.reason === "published" ? PROBLEMS.published : r.reason === "notResultsStage" ? PROBLEMS.notYet : PROBLEMS.changed);
}

// ——— Publishing ———

/** The calendar year (Moscow) a competition's results belong to: the year its voting closed. */
const resultsYear = (votingClosesAt: number) => Number(epochToMoscowLocal(votingClosesAt).slice(0, 4));

/**
 * Publishes the computed results: refused before they are computed, when they no longer match the
 * entries (recompute first), and a second time. ONE batch: the guarded mark (see
 * data.publishStatement), the audit record, a notification to the entrant of every ranked entry
 * (one INSERT … SELECT), and each winner's practice with its search row in the library (idempotent:
 * practices_entry is unique and the search row follows the practice row). Then the e-mail copies.
 */
export async function publishResults(ctx: Ctx, actor: Actor, competitionId: string, now = Date.now()) {
  const db = ctx.db;
  const [[c], [stale], winners, counts] = await db.batch([
    db.select().from(competitions).where(eq(competitions.id, competitionId)),
    data.staleCheck(db, competitionId),
    data.winnersForLibrary(db, competitionId),
    data.nominationsWithCounts(db, competitionId),
  ]);
  organiserCheck(c, actor, now);
  if (c!.resultsComputedAt === null) throw conflict(PROBLEMS.notComputed);
  if (stale?.stale) throw conflict(PROBLEMS.stale);
  const comp = c!;
  const year = resultsYear(comp.votingClosesAt);
  const ranked = counts.reduce((s, n) => s + n.ranked, 0);
  const library = winners.flatMap((w) =>
    practiceStatements(db, {
      id: crypto.randomUUID(),
      organiserId: comp.organiserId,
      source: "entry",
      competitionId: comp.id,
      entryId: w.entryId,
      nomination: w.nominationTitle,
      place: w.rank,
      city: w.city,
      title: w.entryTitle,
      // The nomination is the theme the organiser gave the entry; entries carry no theme of their own.
      theme: w.nominationTitle,
      year,
      problem: w.problem,
      actions: w.actions,
      results: w.results,
      period: w.period,
      budget: w.budget,
      createdBy: actor.id,
      createdAt: now,
    }),
  );
  let out: unknown[];
  try {
    out = await runBatch(db, [
      data.publishStatement(db, comp.id, comp.resultsComputedAt!, now),
      auditRecord(db, { actorId: actor.id, action: "competition.results.publish", objectType: "competition", objectId: comp.id, organiserId: comp.organiserId, details: { entries: ranked, winners: winners.length, computedAt: comp.resultsComputedAt } }, now),
      data.resultNotesStatement(db, comp.id, comp.title, now),
      ...library,
      data.rankedEntryIds(db, comp.id),
    ]);
  } catch (e) {
    if (!data.isStalePublication(e)) throw e;
    // Lost to a publication at the same moment, or the results changed since the read: say which.
    const [now2] = await data.computedAt(db, comp.id);
    throw conflict(now2?.publishedAt != null ? PROBLEMS.published : PROBLEMS.changed);
  }
  const ids = (out[out.length - 1] as { id: string }[]).map((r) => data.resultNoteId(r.id));
  await dispatchNotes(ctx, { ids, statements: [] });
  return { resultsPublishedAt: now, notified: ids.length, winners: winners.length };
}

// ——— Reading ———

export interface ResultItem {
  entryId: string;
  nominationId: string;
  rank: number;
  winner: boolean;
  decidedBy: string | null;
  juryScore: number | null;
  juryExperts: number;
  votes: number;
  juryPart: number;
  publicPart: number;
  total: number;
  /** Null when a moderator hid the entry after the results were computed (its place stays, its text does not). */
  title: string | null;
  city: string;
  flagged: boolean;
  fewerExperts: boolean;
  url: string | null;
}

const itemOf = (competitionId: string, minExperts: number) => (r: data.ResultRow): ResultItem => ({
  entryId: r.entryId,
  nominationId: r.nominationId,
  rank: r.rank,
  winner: !!r.winner,
  decidedBy: r.decidedBy,
  juryScore: r.juryScore,
  juryExperts: r.juryExperts,
  votes: r.votes,
  juryPart: r.juryPart,
  publicPart: r.publicPart,
  total: r.total,
  title: r.entryHiddenAt === null ? r.entryTitle : null,
  city: r.entryCity,
  flagged: !!r.flagged,
  fewerExperts: r.juryExperts < minExperts,
  url: r.entryHiddenAt === null ? entryUrl(competitionId, r.entryId) : null,
});

/** Before publication, to everyone but the organiser's admins: «итоги ещё не опубликованы» (404, no numbers). */
export const notYetPublished = (c: { id: string; title: string }) => new Problem(404, "results-not-published", "competitions.results.problem.notPublished", [], { competition: { id: c.id, title: c.title } });

export interface ResultsQuery {
  /** One nomination's whole ranking, paginated; otherwise the first places of every nomination. */
  nomination?: string;
  after?: data.RankKey;
  limit: number;
}

/**
 * The results page in ONE batch: the competition, nominations with their counts, the rows (first
 * places of every nomination, or a page of one), and — read only while unpublished — whether the
 * stored results are stale and the entries to review (flagged, too few experts).
 */
export async function loadResults(ctx: Ctx, viewer: Actor | null, competitionId: string, q: ResultsQuery, now = Date.now()) {
  const db = ctx.db;
  const [[row], noms, rows, [stale], review] = await db.batch([
    competitionById(db, competitionId),
    data.nominationsWithCounts(db, competitionId),
    q.nomination ? data.nominationRows(db, q.nomination, q.after, q.limit + 1) : data.topRows(db, competitionId, RESULTS_LIMITS.top),
    data.staleCheck(db, competitionId),
    data.reviewRows(db, competitionId),
  ]);
  if (!row) throw notFound();
  const c = row.competition;
  const access = competitionAccess(competitionFacts(c), viewer, now);
  if (!access.read) throw notFound();
  const published = access.resultsPublic;
  if (!published && !access.manage) throw notYetPublished(c);
  const selected = q.nomination ? noms.find((n) => n.id === q.nomination) : undefined;
  if (q.nomination && !selected) throw notFound();
  const item = itemOf(c.id, c.minExperts);
  const shown = q.nomination ? rows.slice(0, q.limit) : rows;
  const last = shown[shown.length - 1];
  const nominations = (selected ? [selected] : noms).map((n) => {
    const own = shown.filter((r) => r.nominationId === n.id).map(item);
    return { id: n.id, title: n.title, ranked: n.ranked, items: own, more: !selected && n.ranked > own.length };
  });
  return {
    competition: c,
    organiser: { nameRu: row.organiserNameRu, nameEn: row.organiserNameEn },
    access,
    published,
    settings: settingsOf(c),
    computed: c.resultsComputedAt !== null,
    stale: !published && c.resultsComputedAt !== null && !!stale?.stale,
    nominations,
    selected: selected?.id ?? null,
    next: selected && rows.length > q.limit && last ? { rank: last.rank, id: last.entryId } : null,
    review: published ? [] : review.slice(0, data.REVIEW_LIMIT).map(item),
    reviewMore: !published && review.length > data.REVIEW_LIMIT,
  };
}

export type LoadedResults = Awaited<ReturnType<typeof loadResults>>;

/** Every row, for the CSV (published results only — the organiser's preview is the page). */
export async function loadAllResults(ctx: Ctx, viewer: Actor | null, competitionId: string, now = Date.now()) {
  const db = ctx.db;
  const [[row], noms, rows] = await db.batch([competitionById(db, competitionId), nominationsOf(db, competitionId), data.allRows(db, competitionId)]);
  if (!row) throw notFound();
  const c = row.competition;
  const access = competitionAccess(competitionFacts(c), viewer, now);
  if (!access.read) throw notFound();
  if (!access.resultsPublic) throw notYetPublished(c);
  const titles = new Map(noms.map((n) => [n.id, n.title]));
  const item = itemOf(c.id, c.minExperts);
  return { competition: c, settings: settingsOf(c), rows: rows.map((r) => ({ ...item(r), nomination: titles.get(r.nominationId) ?? "" })) };
}
