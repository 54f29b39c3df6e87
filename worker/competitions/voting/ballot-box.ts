import { and, desc, eq, sql } from "drizzle-orm";
import { auditRecordWhere } from "../../audit";
import type { Db } from "../../db/client";
import { entries, nominations, voteLog, votes } from "../schema";
import { stageCondition } from "../stages";

/**
 * THE ballot box: every vote of a competition passes through this interface, and nothing else in the
 * code base writes competition_votes, competition_vote_log or the vote counters (entries.vote_count,
 * nominations.vote_count). Callers decide who may vote with competitionAccess; the box makes the
 * count exact by itself — its writes re-check the stage, the entry and the voter, so a cast that
 * passed the page's check a millisecond before the stage closed is still refused.
 *
 * Moving to Durable Objects (design.md, «Scale»): one object per nomination (idFromName(nominationId))
 * would hold that nomination's votes (primary key voter) and vote log in its SQLite storage and run
 * `cast` and `annul` as one transactionSync, with the same statements as below; it needs the
 * stage instants and the set of open entries, which D1 would push to it when they change (the
 * competition's dates are frozen once entries open; an entry hidden during voting is one message).
 * What stays in D1: competitions, nominations and entries with their counters — the tallies — which
 * the object would bring up to date in batched increments from an alarm (every second or so, so a
 * national vote costs D1 one write per nomination per second, not one per vote), and a copy of the
 * log rows forwarded the same way, from which the anomaly report (voting/data.ts) and `receipt`
 * keep reading. `votesOf` would ask the nominations' objects (a competition has a handful). The
 * interface below does not change; only `d1BallotBox` gets a sibling.
 */
export interface BallotBox {
  /** Cast a vote for an entry, or change the vote in the entry's nomination to it. */
  cast(r: CastRequest): Promise<CastOutcome>;
  /** The voter's votes in a competition (one per nomination at most), receipts left out. */
  votesOf(competitionId: string, voterId: string): Promise<MyVote[]>;
  /** What became of the vote a receipt was given for (null: no such receipt). */
  receipt(code: string): Promise<ReceiptState | null>;
  /** The organiser annuls a voter's counted vote in a nomination (false: there was none to annul). */
  annul(r: AnnulRequest): Promise<boolean>;
  /** Counted votes of a nomination: the total and each entry's (admitted entries, most votes first). */
  tally(nominationId: string): Promise<Tally>;
  /** Rewrites a nomination's counters from the vote rows (they should never differ; a repair tool). */
  recount(nominationId: string): Promise<void>;
}

export interface CastRequest {
  competitionId: string;
  entryId: string;
  voterId: string;
  /** A new receipt code (receipt-code.ts); kept only if this cast changes something. */
  receipt: string;
  /** The voter's hashed network (network.ts), "" when unknown. */
  network: string;
  now: number;
}

export interface VoteState {
  nominationId: string;
  entryId: string;
  status: "counted" | "annulled";
  receipt: string;
  castAt: number;
  changedAt: number;
}

export type CastOutcome =
  /** A first vote in the nomination, a changed vote, or the same entry again (nothing written). */
  | { kind: "cast" | "changed" | "unchanged"; vote: VoteState }
  /** The voter's vote in this nomination was annulled: no new vote there. */
  | { kind: "annulled"; vote: VoteState }
  /** The write's own checks refused it at `now`: the stage is not voting, the entry takes no votes, or the voter may not vote. */
  | { kind: "refused"; because: "stage" | "entry" | "voter" };

export type MyVote = Omit<VoteState, "receipt">;

export interface ReceiptState {
  competitionId: string;
  nominationId: string;
  /** The entry this receipt's vote was for. */
  entryId: string;
  /** When that vote was cast (or changed to this entry). */
  at: number;
  /** counted: the vote in force; replaced: a later vote of the same person replaced it; annulled: the organiser annulled it. */
  status: "counted" | "replaced" | "annulled";
  replacedAt: number | null;
  annulledAt: number | null;
  reason: string | null;
}

export interface AnnulRequest {
  competitionId: string;
  organiserId: string;
  nominationId: string;
  voterId: string;
  actorId: string;
  reason: string;
  now: number;
}

export interface Tally {
  total: number;
  entries: { entryId: string; votes: number }[];
}

/** The voting stage of competition alias `c` at `now`, as an SQL condition (stages.ts: the one rule). */
const votingAt = (alias: string, now: number) => stageCondition("voting", alias, now);

/** A voter the ballot box accepts at `now`: a confirmed address, not blocked, not deleted (competitionAccess asks the same). */
const voterAllowed = (alias: string, now: number) =>
  sql.raw(`${alias}.email_confirmed_at IS NOT NULL AND ${alias}.deleted_at IS NULL AND (${alias}.blocked_until IS NULL OR ${alias}.blocked_until <= `).append(sql`${now})`);

/** An entry open to votes: admitted, not hidden, of this competition. */
const entryOpen = (alias: string, competitionId: string) => sql.raw(`${alias}.status = 'admitted' AND ${alias}.hidden_at IS NULL AND ${alias}.competition_id = `).append(sql`${competitionId}`);

/** The annulment window: the organiser examines votes during voting and until results are published (competitionAccess.examineVotes). */
const examinable = (alias: string, now: number) =>
  sql.raw(`${alias}.status = 'published' AND ${alias}.results_published_at IS NULL AND ${alias}.evaluation_closes_at <= `).append(sql`${now}`);

const asVote = (r: { nominationId: string | null; entryId: string | null; status: string | null; receipt: string | null; castAt: number | null; changedAt: number | null }): VoteState | null =>
  r.nominationId && r.entryId && r.receipt && r.castAt !== null && r.changedAt !== null
    ? { nominationId: r.nominationId, entryId: r.entryId, status: r.status === "annulled" ? "annulled" : "counted", receipt: r.receipt, castAt: r.castAt, changedAt: r.changedAt }
    : null;

/**
 * The statements of a cast, in batch order (see `cast` below for why this order). Exported for the
 * query-plan tests only: nothing but d1BallotBox runs them.
 */
export function castStatements(db: Db, r: CastRequest, logId: string) {
  const { competitionId, entryId, voterId, now } = r;
  const fromLog = (column: string) => sql.raw(`(SELECT ${column} FROM competition_vote_log WHERE id = `).append(sql`${logId})`);
  return [
    db.insert(voteLog).select(
      // Columns in table order: id, competition_id, nomination_id, voter_id, event, entry_id,
      // previous_entry_id, receipt, network, account_created_at, actor_id, reason, at.
      sql`SELECT ${logId}, e.competition_id, e.nomination_id, u.id, CASE WHEN v.voter_id IS NULL THEN 'cast' ELSE 'change' END, e.id,
            v.entry_id, ${r.receipt}, ${r.network}, u.created_at, NULL, NULL, ${now}
          FROM competition_entries e
          JOIN competitions c ON c.id = e.competition_id
          JOIN users u ON u.id = ${voterId}
          LEFT JOIN competition_votes v ON v.nomination_id = e.nomination_id AND v.voter_id = u.id
          WHERE e.id = ${entryId} AND ${entryOpen("e", competitionId)} AND ${votingAt("c", now)} AND ${voterAllowed("u", now)}
            AND (v.voter_id IS NULL OR (v.status = 'counted' AND v.entry_id <> e.id))`,
    ),
    db
      .update(entries)
      .set({ voteCount: sql`${entries.voteCount} - 1` })
      .where(sql`${entries.id} = ${fromLog("previous_entry_id")}`),
    db
      .update(entries)
      .set({ voteCount: sql`${entries.voteCount} + 1` })
      .where(sql`${entries.id} = ${fromLog("entry_id")}`),
    db
      .update(nominations)
      .set({ voteCount: sql`${nominations.voteCount} + 1` })
      .where(sql`${nominations.id} = (SELECT nomination_id FROM competition_vote_log WHERE id = ${logId} AND event = 'cast')`),
    db
      .insert(votes)
      .select(sql`SELECT nomination_id, voter_id, competition_id, entry_id, 'counted', receipt, at, at FROM competition_vote_log WHERE id = ${logId}`)
      .onConflictDoUpdate({
        target: [votes.nominationId, votes.voterId],
        set: { entryId: sql`excluded.entry_id`, receipt: sql`excluded.receipt`, changedAt: sql`excluded.changed_at` },
        setWhere: sql`${votes.status} = 'counted' AND ${votes.entryId} <> excluded.entry_id`,
      }),
    db
      .select({
        nominationId: votes.nominationId,
        entryId: votes.entryId,
        status: votes.status,
        receipt: votes.receipt,
        castAt: votes.castAt,
        changedAt: votes.changedAt,
        event: sql<string | null>`(SELECT event FROM competition_vote_log WHERE id = ${logId})`.as("logged_event"),
        stageOpen: sql<number>`(${votingAt("c", now)})`.as("stage_open"),
        entryOpen: sql<number>`EXISTS (SELECT 1 FROM competition_entries e WHERE e.id = ${entryId} AND ${entryOpen("e", competitionId)})`.as("entry_open"),
        voterOk: sql<number>`EXISTS (SELECT 1 FROM users u WHERE u.id = ${voterId} AND ${voterAllowed("u", now)})`.as("voter_ok"),
      })
      .from(sql`competitions c`)
      .leftJoin(votes, and(eq(votes.voterId, voterId), sql`${votes.nominationId} = (SELECT nomination_id FROM competition_entries WHERE id = ${entryId} AND competition_id = ${competitionId})`))
      .where(sql`c.id = ${competitionId}`),
  ] as const;
}

/** The statements of an annulment, in batch order (exported for the query-plan tests only). */
export function annulStatements(db: Db, r: AnnulRequest, logId: string) {
  const { now } = r;
  const logged = sql`EXISTS (SELECT 1 FROM competition_vote_log WHERE id = ${logId})`;
  return [
    db.insert(voteLog).select(
      sql`SELECT ${logId}, v.competition_id, v.nomination_id, v.voter_id, 'annul', v.entry_id, NULL, NULL, '', u.created_at, ${r.actorId}, ${r.reason}, ${now}
          FROM competition_votes v
          JOIN competitions c ON c.id = v.competition_id
          JOIN users u ON u.id = v.voter_id
          WHERE v.nomination_id = ${r.nominationId} AND v.voter_id = ${r.voterId} AND v.competition_id = ${r.competitionId}
            AND v.status = 'counted' AND ${examinable("c", now)}`,
    ),
    db
      .update(entries)
      .set({ voteCount: sql`${entries.voteCount} - 1` })
      .where(sql`${entries.id} = (SELECT entry_id FROM competition_vote_log WHERE id = ${logId})`),
    db
      .update(nominations)
      .set({ voteCount: sql`${nominations.voteCount} - 1` })
      .where(sql`${nominations.id} = (SELECT nomination_id FROM competition_vote_log WHERE id = ${logId})`),
    db
      .update(votes)
      .set({ status: "annulled" })
      .where(and(eq(votes.nominationId, r.nominationId), eq(votes.voterId, r.voterId), eq(votes.status, "counted"), logged)),
    auditRecordWhere(
      db,
      { actorId: r.actorId, action: "vote.annul", objectType: "competition_vote", objectId: `${r.nominationId}:${r.voterId}`, organiserId: r.organiserId, reason: r.reason, details: { competitionId: r.competitionId } },
      logged,
      now,
    ),
    db.select({ id: voteLog.id }).from(voteLog).where(eq(voteLog.id, logId)),
  ] as const;
}

/** The reads of the box (exported for the query-plan tests only). */
export const votesOfQuery = (db: Db, competitionId: string, voterId: string) =>
  db
    .select({ nominationId: votes.nominationId, entryId: votes.entryId, status: votes.status, castAt: votes.castAt, changedAt: votes.changedAt })
    .from(votes)
    .where(and(eq(votes.voterId, voterId), eq(votes.competitionId, competitionId)));

export const receiptQuery = (db: Db, code: string) =>
  db
    .select({
      competitionId: voteLog.competitionId,
      nominationId: voteLog.nominationId,
      entryId: voteLog.entryId,
      at: voteLog.at,
      currentReceipt: votes.receipt,
      currentStatus: votes.status,
      // The first change by the same person in the same nomination after this receipt's vote.
      replacedAt: sql<number | null>`(SELECT min(x.at) FROM competition_vote_log x WHERE x.voter_id = ${voteLog.voterId} AND x.at >= ${voteLog.at}
        AND x.nomination_id = ${voteLog.nominationId} AND x.event = 'change' AND x.id <> ${voteLog.id})`.as("replaced_at"),
      annulledAt: sql<number | null>`(SELECT x.at FROM competition_vote_log x WHERE x.voter_id = ${voteLog.voterId} AND x.nomination_id = ${voteLog.nominationId}
        AND x.event = 'annul' ORDER BY x.at DESC LIMIT 1)`.as("annulled_at"),
      reason: sql<string | null>`(SELECT x.reason FROM competition_vote_log x WHERE x.voter_id = ${voteLog.voterId} AND x.nomination_id = ${voteLog.nominationId}
        AND x.event = 'annul' ORDER BY x.at DESC LIMIT 1)`.as("annul_reason"),
    })
    .from(voteLog)
    .leftJoin(votes, and(eq(votes.nominationId, voteLog.nominationId), eq(votes.voterId, voteLog.voterId)))
    .where(eq(voteLog.receipt, code));

export const tallyQueries = (db: Db, nominationId: string) =>
  [
    db.select({ total: nominations.voteCount }).from(nominations).where(eq(nominations.id, nominationId)),
    db
      .select({ entryId: entries.id, votes: entries.voteCount })
      .from(entries)
      .where(and(eq(entries.nominationId, nominationId), eq(entries.status, "admitted")))
      .orderBy(desc(entries.voteCount), desc(entries.id)),
  ] as const;

export const recountStatements = (db: Db, nominationId: string) =>
  [
    db
      .update(entries)
      .set({ voteCount: sql`(SELECT count(*) FROM competition_votes v WHERE v.entry_id = ${entries.id} AND v.status = 'counted')` })
      .where(eq(entries.nominationId, nominationId)),
    db
      .update(nominations)
      .set({ voteCount: sql`(SELECT count(*) FROM competition_votes v WHERE v.nomination_id = ${nominationId} AND v.status = 'counted')` })
      .where(eq(nominations.id, nominationId)),
  ] as const;

type CastBack = { nominationId: string | null; entryId: string | null; status: string | null; receipt: string | null; castAt: number | null; changedAt: number | null; event: string | null; stageOpen: number; entryOpen: number; voterOk: number };

/** The ballot box on D1: each cast or annulment is ONE db.batch, which D1 runs as one transaction. */
export function d1BallotBox(db: Db): BallotBox {
  return {
    /**
     * One batch, in this order (each statement sees the ones before it, none sees another request's
     * half-done batch):
     *  1. the log row L, inserted only if the cast changes something: the stage is voting, the entry
     *     is open, the voter may vote, and the voter has no vote in the nomination yet or a counted
     *     one for another entry (not the same entry — a repeat; not an annulled vote — final). Its
     *     event ('cast' or 'change') and previous_entry_id are read from the vote row as it is BEFORE
     *     this batch touches it. From here on, "L exists" is the one fact every statement goes by,
     *     so the guards are evaluated exactly once and the counters cannot disagree with each other.
     *  2. the previous entry −1 (only a change has previous_entry_id),
     *  3. the new entry +1 (L exists),
     *  4. the nomination +1 (only a first cast: a change moves a vote within the nomination),
     *  5. the vote row: inserted, or on the primary key (nomination, voter) updated to the new entry
     *     and receipt — itself guarded (still counted, another entry) so that even on its own it
     *     cannot revive an annulled vote or rewrite a receipt,
     *  6. the read-back: the vote row now, what L says, and which guard refused if none passed.
     * 1,000 identical casts racing each other: the first batch writes L and the row; every later one
     * finds the row pointing at the entry already, writes no L, and moves no counter.
     */
    async cast(r) {
      const results = await db.batch(castStatements(db, r, crypto.randomUUID()));
      const [back] = results[5] as CastBack[];
      if (!back) return { kind: "refused", because: "stage" };
      const vote = asVote(back);
      if (back.event === "cast" && vote) return { kind: "cast", vote };
      if (back.event === "change" && vote) return { kind: "changed", vote };
      // Nothing written: say why, in the order a person can act on (an annulled vote is final even after the stage).
      if (vote?.status === "annulled") return { kind: "annulled", vote };
      if (!back.stageOpen) return { kind: "refused", because: "stage" };
      if (!back.voterOk) return { kind: "refused", because: "voter" };
      if (!back.entryOpen) return { kind: "refused", because: "entry" };
      if (vote && vote.entryId === r.entryId) return { kind: "unchanged", vote };
      return { kind: "refused", because: "entry" };
    },

    votesOf: async (competitionId, voterId) => votesOfQuery(db, competitionId, voterId),

    async receipt(code) {
      const [row] = await receiptQuery(db, code);
      if (!row) return null;
      // The vote row holds the receipt in force: if it is another one, this receipt's vote was replaced.
      const current = row.currentReceipt === code;
      const status = !current ? "replaced" : row.currentStatus === "annulled" ? "annulled" : "counted";
      return {
        competitionId: row.competitionId,
        nominationId: row.nominationId,
        entryId: row.entryId,
        at: row.at,
        status,
        replacedAt: status === "replaced" ? row.replacedAt : null,
        annulledAt: status === "annulled" ? row.annulledAt : null,
        reason: status === "annulled" ? row.reason : null,
      };
    },

    /**
     * Like `cast`: the 'annul' log row L is written only if the vote is counted and the competition
     * is in its examination window at `now`; the counters, the row and the audit record follow L.
     */
    async annul(r) {
      const results = await db.batch(annulStatements(db, r, crypto.randomUUID()));
      return (results[5] as unknown[]).length === 1;
    },

    async tally(nominationId) {
      const [[n], rows] = await db.batch(tallyQueries(db, nominationId));
      return { total: n?.total ?? 0, entries: rows };
    },

    async recount(nominationId) {
      await db.batch(recountStatements(db, nominationId));
    },
  };
}
