import { eq } from "drizzle-orm";
import type { Ctx } from "../../accounts/service";
import { users } from "../../accounts/schema";
import type { SessionUser } from "../../accounts/session-user";
import { conflict, forbidden, invalidField, notFound, Problem } from "../../http/problem";
import { can } from "../../roles/rules";
import { blockedProblem, competitionAccess, isBlocked, type CompetitionAccess } from "../access";
import { competitionById, competitionFacts, nominationsOf, type CompetitionRow, type NominationRow } from "../data";
import { entries as entriesTable } from "../schema";
import { stageBounds } from "../stages";
import { hourTable, hourWindow, NEW_ACCOUNT_MS, VOTES_PAGE, BURST_MIN_NEW, BURST_SHARE, NETWORK_MIN_VOTERS, HOUR_MS } from "./anomalies";
import { d1BallotBox, type BallotBox, type CastOutcome, type MyVote } from "./ballot-box";
import { encodeLogCursor, type LogKey } from "./cursor";
import { crowdedNetworks, entryTitles, receiptTitles, votesBehind, votesPerHour, type VotesFilter } from "./data";
import type { AnnulValues } from "./dto";
import { newReceiptCode } from "./receipt-code";

/**
 * The voting part's use cases. Each asks competitionAccess (the one rule) before it acts; every vote
 * is written by the ballot box, whose own statements check the stage, the entry and the voter again
 * at the moment of the write.
 */

/** The ballot box of a request (one place to swap the implementation, see ballot-box.ts). */
export const ballotBoxOf = (ctx: Ctx): BallotBox => d1BallotBox(ctx.db);

export interface LoadedCompetition {
  row: CompetitionRow;
  organiserName: { ru: string; en: string };
  nominations: NominationRow[];
  access: CompetitionAccess;
}

const unconfirmedProblem = () => new Problem(403, "email-unconfirmed", "competitions.voting.problem.confirmEmail");

/** The problem for a closed ballot, with the voting dates (ISO 8601, like the other parts' stage problems) so a client can say when. */
export function closedProblem(row: CompetitionRow) {
  const b = stageBounds(row, "voting");
  return new Problem(409, "voting-closed", "competitions.voting.problem.closed", [], { votingOpensAt: new Date(b.start!).toISOString(), votingClosesAt: new Date(b.end!).toISOString() });
}

/** A competition the viewer may read, its nominations, and what the viewer may do (404 otherwise). */
async function loadCompetition(ctx: Ctx, id: string, viewer: SessionUser | null, now: number): Promise<LoadedCompetition> {
  const [[c], noms] = await ctx.db.batch([competitionById(ctx.db, id), nominationsOf(ctx.db, id)]);
  if (!c) throw notFound();
  // isExpert is left false: no voting rule depends on being an expert (experts vote like anyone).
  const access = competitionAccess(competitionFacts(c.competition), viewer, now);
  if (!access.read) throw notFound();
  return { row: c.competition, organiserName: { ru: c.organiserNameRu, en: c.organiserNameEn }, nominations: noms, access };
}

/** Why this person may not vote here now, as the problem a request gets (null: they may). */
export function refusalOf(l: LoadedCompetition, actor: SessionUser, now: number): Problem | null {
  if (isBlocked(actor, now)) return blockedProblem(actor);
  if (!can(actor, "vote.cast")) return unconfirmedProblem();
  if (l.access.stage !== "voting") return closedProblem(l.row);
  return l.access.vote ? null : forbidden();
}

export interface CastResult {
  competition: { id: string; title: string };
  nominations: NominationRow[];
  outcome: "cast" | "changed" | "unchanged";
  nominationId: string;
  nominationTitle: string;
  entryId: string;
  entryTitle: string;
  receipt: string;
  castAt: number;
  changedAt: number;
}

/**
 * Cast a vote for an entry, or change the vote in its nomination to it. Two round trips: the
 * competition and the entry (to answer with a precise problem), then the ballot box's one batch.
 * `network` is the voter's hashed network (network.ts).
 */
export async function castVote(ctx: Ctx, actor: SessionUser, competitionId: string, entryId: string, network: string, now = Date.now(), box = ballotBoxOf(ctx)): Promise<CastResult> {
  const [[c], noms, [entry]] = await ctx.db.batch([
    competitionById(ctx.db, competitionId),
    nominationsOf(ctx.db, competitionId),
    ctx.db.select({ id: entriesTable.id, competitionId: entriesTable.competitionId, nominationId: entriesTable.nominationId, title: entriesTable.title, status: entriesTable.status, hiddenAt: entriesTable.hiddenAt }).from(entriesTable).where(eq(entriesTable.id, entryId)),
  ]);
  if (!c) throw notFound();
  const l: LoadedCompetition = { row: c.competition, organiserName: { ru: c.organiserNameRu, en: c.organiserNameEn }, nominations: noms, access: competitionAccess(competitionFacts(c.competition), actor, now) };
  if (!l.access.read) throw notFound();
  const refusal = refusalOf(l, actor, now);
  if (refusal) throw refusal;
  if (!entry || entry.competitionId !== competitionId) throw invalidField("entryId", "competitions.voting.field.entryUnknown");
  if (entry.status !== "admitted" || entry.hiddenAt !== null) throw invalidField("entryId", "competitions.voting.field.entryNotOpen");
  const outcome = await box.cast({ competitionId, entryId, voterId: actor.id, receipt: newReceiptCode(), network, now });
  const vote = settled(outcome, l);
  const nomination = noms.find((n) => n.id === vote.nominationId);
  return {
    competition: { id: l.row.id, title: l.row.title },
    nominations: noms,
    outcome: outcome.kind as CastResult["outcome"],
    nominationId: vote.nominationId,
    nominationTitle: nomination?.title ?? "",
    entryId: vote.entryId,
    entryTitle: entry.title,
    receipt: vote.receipt,
    castAt: vote.castAt,
    changedAt: vote.changedAt,
  };
}

/** The vote a cast left in force, or the problem when the ballot box refused it. */
function settled(o: CastOutcome, l: LoadedCompetition) {
  switch (o.kind) {
    case "cast":
    case "changed":
    case "unchanged":
      return o.vote;
    case "annulled":
      throw conflict("competitions.voting.problem.annulled");
    case "refused":
      // The page's check passed a moment ago; the write at `now` saw otherwise (the edge of the stage,
      // the entry hidden or the account blocked in between).
      if (o.because === "stage") throw closedProblem(l.row);
      if (o.because === "voter") throw forbidden();
      throw invalidField("entryId", "competitions.voting.field.entryNotOpen");
  }
}

export interface MyVoteView extends MyVote {
  entryTitle: string;
}

/** The viewer's votes in a competition with the entries' titles (receipts are shown once, when cast). */
export async function myVotes(ctx: Ctx, actor: SessionUser, competitionId: string, now = Date.now(), box = ballotBoxOf(ctx)) {
  const [loaded, mine] = await Promise.all([loadCompetition(ctx, competitionId, actor, now), box.votesOf(competitionId, actor.id)]);
  return { loaded, votes: await withTitles(ctx, mine) };
}

async function withTitles(ctx: Ctx, mine: MyVote[]): Promise<MyVoteView[]> {
  if (!mine.length) return [];
  const titles = new Map((await entryTitles(ctx.db, mine.map((v) => v.entryId))).map((e) => [e.id, e.title]));
  return mine.map((v) => ({ ...v, entryTitle: titles.get(v.entryId) ?? "" }));
}

/** What a receipt says now, with the titles to show (null: no vote was ever given this receipt). */
export async function checkReceipt(ctx: Ctx, code: string, box = ballotBoxOf(ctx)) {
  const state = await box.receipt(code);
  if (!state) return null;
  const [t] = await receiptTitles(ctx.db, state.competitionId, state.nominationId, state.entryId);
  return { receipt: code, ...state, competitionTitle: t?.competitionTitle ?? "", nominationTitle: t?.nominationTitle ?? "", entryTitle: t?.entryTitle ?? "" };
}

/**
 * The report (and the list of votes behind it) is for the organiser's admins once voting has opened;
 * annulling, by competitionAccess.examineVotes, only until results are published. Reading after that
 * stays open to them: it is their own competition's record.
 */
function requireExaminer(l: LoadedCompetition) {
  if (!l.access.manage) throw forbidden();
  if (l.access.stage !== "voting" && l.access.stage !== "results") throw closedProblem(l.row);
}

const pickNomination = (l: LoadedCompetition, asked: string | undefined) => {
  const n = asked ? l.nominations.find((x) => x.id === asked) : l.nominations[0];
  if (!n) throw asked ? invalidField("nomination", "competitions.voting.field.nominationUnknown") : notFound();
  return n;
};

export const THRESHOLDS = { newAccountHours: NEW_ACCOUNT_MS / HOUR_MS, burstMinNew: BURST_MIN_NEW, burstShare: BURST_SHARE, networkMinVoters: NETWORK_MIN_VOTERS };

/** The anomaly report of one nomination: votes per hour (a page of REPORT_HOURS hours), bursts from new accounts, crowded networks. */
export async function votesReport(ctx: Ctx, actor: SessionUser, competitionId: string, q: { nomination?: string; before?: number }, now = Date.now()) {
  const l = await loadCompetition(ctx, competitionId, actor, now);
  requireExaminer(l);
  const n = pickNomination(l, q.nomination);
  const b = stageBounds(l.row, "voting");
  const w = hourWindow({ opensAt: b.start!, closesAt: b.end! }, now, q.before ?? null);
  const [hours, networks] = await ctx.db.batch([votesPerHour(ctx.db, n.id, w.from, w.to), crowdedNetworks(ctx.db, n.id)]);
  return { loaded: l, nomination: n, counted: n.voteCount, hours: hourTable(hours, w.from, w.to), older: w.older, networks, thresholds: THRESHOLDS };
}

export interface LoggedVote {
  at: number;
  event: "cast" | "change";
  voterId: string;
  voterName: string;
  accountAgeHours: number;
  entryId: string;
  entryTitle: string;
  current: "counted" | "replaced" | "annulled";
  annullable: boolean;
}

/** The votes behind a row of the report (an hour, its new accounts, or a network), oldest first, paginated by key. */
export async function listVotes(ctx: Ctx, actor: SessionUser, competitionId: string, nominationId: string, filter: VotesFilter, after: LogKey | undefined, now = Date.now()) {
  const l = await loadCompetition(ctx, competitionId, actor, now);
  requireExaminer(l);
  const n = pickNomination(l, nominationId);
  const rows = await votesBehind(ctx.db, n.id, filter, after, VOTES_PAGE + 1);
  const page = rows.slice(0, VOTES_PAGE);
  const last = page[page.length - 1];
  const items: LoggedVote[] = page.map((r) => ({
    at: r.at,
    event: r.event === "change" ? "change" : "cast",
    voterId: r.voterId,
    voterName: r.voterName,
    accountAgeHours: Math.max(0, Math.floor(((r.at - r.accountCreatedAt) / HOUR_MS) * 10) / 10),
    entryId: r.entryId,
    entryTitle: r.entryTitle,
    current: r.currentReceipt !== r.logReceipt ? "replaced" : r.currentStatus === "annulled" ? "annulled" : "counted",
    annullable: l.access.examineVotes && r.currentStatus === "counted",
  }));
  return { loaded: l, nomination: n, items, next: rows.length > VOTES_PAGE && last ? encodeLogCursor({ at: last.at, seq: last.seq }) : null };
}

/** The organiser annuls a voter's counted vote in a nomination, with a reason the voter reads on the receipt. */
export async function annulVote(ctx: Ctx, actor: SessionUser, competitionId: string, input: AnnulValues, now = Date.now(), box = ballotBoxOf(ctx)) {
  const l = await loadCompetition(ctx, competitionId, actor, now);
  if (!l.access.manage) throw forbidden();
  if (!l.access.examineVotes) throw conflict("competitions.voting.problem.annulClosed");
  pickNomination(l, input.nominationId);
  const done = await box.annul({ competitionId, organiserId: l.row.organiserId, nominationId: input.nominationId, voterId: input.voterId, actorId: actor.id, reason: input.reason, now });
  if (!done) throw conflict("competitions.voting.problem.nothingToAnnul");
}

/** The vote the annulment page is about: a counted vote of `voterId` in the nomination, with the voter and the entry. */
export async function annulTarget(ctx: Ctx, actor: SessionUser, competitionId: string, nominationId: string, voterId: string, now = Date.now(), box = ballotBoxOf(ctx)) {
  const [l, mine, [voter]] = await Promise.all([
    loadCompetition(ctx, competitionId, actor, now),
    box.votesOf(competitionId, voterId),
    ctx.db.select({ id: users.id, name: users.displayName, accountCreatedAt: users.createdAt }).from(users).where(eq(users.id, voterId)),
  ]);
  if (!l.access.manage) throw forbidden();
  if (!l.access.examineVotes) throw conflict("competitions.voting.problem.annulClosed");
  if (!nominationId) throw invalidField("nomination", "field.required");
  const nomination = pickNomination(l, nominationId);
  const vote = mine.find((v) => v.nominationId === nomination.id && v.status === "counted");
  if (!vote || !voter) throw conflict("competitions.voting.problem.nothingToAnnul");
  const [entry] = await entryTitles(ctx.db, [vote.entryId]);
  return { loaded: l, nomination, voter, vote, entryTitle: entry?.title ?? "" };
}
