import { and, asc, eq, gt, isNull, sql, type SQL } from "drizzle-orm";
import { users } from "../../accounts/schema";
import type { Db } from "../../db/client";
import { entries, nominations, voteLog, votes } from "../schema";
import { HOUR_MS, NEW_ACCOUNT_MS, NETWORKS_SHOWN, NETWORK_MIN_VOTERS } from "./anomalies";
import type { EntryKey } from "../entries/data";
import type { LogKey } from "./cursor";

/**
 * Reads of the voting pages and the anomaly report (unexecuted, to be batched with the competition's
 * own reads). They only READ the vote tables; every write goes through ballot-box.ts.
 */

/** The nomination a page is about: the one asked for if it is this competition's, else the first. */
export const nominationOf = (competitionId: string, asked: string | undefined): SQL =>
  asked
    ? sql`(SELECT id FROM competition_nominations WHERE id = ${asked} AND competition_id = ${competitionId})`
    : sql`(SELECT id FROM competition_nominations WHERE competition_id = ${competitionId} ORDER BY position LIMIT 1)`;

/**
 * A page of the ballot: the nomination's admitted, visible entries in the order they were entered
 * (competition_entries_nomination). `nomination` comes from `nominationOf`, which already keeps to the
 * competition (a competition_id condition here would lure SQLite onto the competition's index).
 * Vote counts are NOT read: see pages.ts on why the ballot hides them.
 */
export const ballotEntries = (db: Db, nomination: SQL, after: EntryKey | undefined, limit: number) =>
  db
    .select({ id: entries.id, title: entries.title, city: entries.city, kind: entries.kind, createdAt: entries.createdAt })
    .from(entries)
    .where(
      and(
        sql`${entries.nominationId} = ${nomination}`,
        eq(entries.status, "admitted"),
        isNull(entries.hiddenAt),
        after ? sql`(${entries.createdAt}, ${entries.id}) > (${after.at}, ${after.id})` : undefined,
      ),
    )
    .orderBy(asc(entries.createdAt), asc(entries.id))
    .limit(limit);

/** Titles of the entries a person voted for (a handful: one per nomination). */
export const entryTitles = (db: Db, ids: string[]) =>
  db
    .select({ id: entries.id, title: entries.title, nominationId: entries.nominationId })
    .from(entries)
    .where(sql`${entries.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);

/** What a receipt check shows besides the vote: the titles of the competition, nomination and entry. */
export const receiptTitles = (db: Db, competitionId: string, nominationId: string, entryId: string) =>
  db
    .select({ competitionTitle: sql<string>`c.title`.as("competition_title"), nominationTitle: nominations.title, entryTitle: sql<string>`e.title`.as("entry_title") })
    .from(nominations)
    .innerJoin(sql`competitions c`, sql`c.id = ${competitionId}`)
    .innerJoin(sql`competition_entries e`, sql`e.id = ${entryId}`)
    .where(eq(nominations.id, nominationId));

const castOrChange = sql`${voteLog.event} IN ('cast', 'change')`;

/**
 * Votes per hour of a nomination in [fromHour, toHour): a range scan of competition_vote_log_hour
 * (nomination_id, at). `fresh`: of them, cast by accounts less than a day old at the time.
 */
export const votesPerHour = (db: Db, nominationId: string, fromHour: number, toHour: number) =>
  db
    .select({
      // The constant is written into the SQL (not bound): a bound number may arrive as REAL and the
      // division would then not be an integer hour.
      hour: sql<number>`${voteLog.at} / ${sql.raw(String(HOUR_MS))}`.as("hour"),
      votes: sql<number>`count(*)`.as("votes"),
      fresh: sql<number>`coalesce(sum(${voteLog.at} - ${voteLog.accountCreatedAt} < ${NEW_ACCOUNT_MS}), 0)`.as("fresh"),
    })
    .from(voteLog)
    .where(and(eq(voteLog.nominationId, nominationId), sql`${voteLog.at} >= ${fromHour * HOUR_MS}`, sql`${voteLog.at} < ${toHour * HOUR_MS}`, castOrChange))
    .groupBy(sql`1`);

/**
 * Networks from which at least NETWORK_MIN_VOTERS different accounts voted in the nomination: the
 * index competition_vote_log_network (nomination_id, network, at) delivers the rows grouped by network.
 */
export const crowdedNetworks = (db: Db, nominationId: string) =>
  db
    .select({
      network: voteLog.network,
      voters: sql<number>`count(DISTINCT ${voteLog.voterId})`.as("voters"),
      votes: sql<number>`count(*)`.as("votes"),
      lastAt: sql<number>`max(${voteLog.at})`.as("last_at"),
    })
    .from(voteLog)
    .where(and(eq(voteLog.nominationId, nominationId), gt(voteLog.network, ""), castOrChange))
    .groupBy(voteLog.network)
    .having(sql`count(DISTINCT ${voteLog.voterId}) >= ${NETWORK_MIN_VOTERS}`)
    .orderBy(sql`voters DESC`, voteLog.network)
    .limit(NETWORKS_SHOWN);

/** Which votes the organiser opened: those of one hour (optionally only new accounts'), or of one network. */
export type VotesFilter = { hour: number; fresh: boolean } | { network: string };

/**
 * The votes (casts and changes) behind a row of the report, oldest first, with the voter's name and
 * account age, the entry, and the voter's vote in the nomination NOW (to offer annulling it).
 * The hour uses competition_vote_log_hour, the network competition_vote_log_network; both read in
 * (at, rowid) order, which is the index's own.
 */
export function votesBehind(db: Db, nominationId: string, filter: VotesFilter, after: LogKey | undefined, limit: number) {
  const conds: (SQL | undefined)[] = [eq(voteLog.nominationId, nominationId), castOrChange];
  if ("network" in filter) conds.push(eq(voteLog.network, filter.network));
  else {
    conds.push(sql`${voteLog.at} >= ${filter.hour * HOUR_MS}`, sql`${voteLog.at} < ${(filter.hour + 1) * HOUR_MS}`);
    if (filter.fresh) conds.push(sql`${voteLog.at} - ${voteLog.accountCreatedAt} < ${NEW_ACCOUNT_MS}`);
  }
  if (after) conds.push(sql`(${voteLog.at}, ${voteLog}.rowid) > (${after.at}, ${after.seq})`);
  return db
    .select({
      seq: sql<number>`${voteLog}.rowid`.as("seq"),
      at: voteLog.at,
      event: voteLog.event,
      voterId: voteLog.voterId,
      voterName: users.displayName,
      accountCreatedAt: voteLog.accountCreatedAt,
      network: voteLog.network,
      entryId: voteLog.entryId,
      entryTitle: entries.title,
      logReceipt: voteLog.receipt,
      currentReceipt: sql<string | null>`${votes.receipt}`.as("current_receipt"),
      currentStatus: sql<string | null>`${votes.status}`.as("current_status"),
      currentEntryId: sql<string | null>`${votes.entryId}`.as("current_entry_id"),
    })
    .from(voteLog)
    .innerJoin(users, eq(users.id, voteLog.voterId))
    .innerJoin(entries, eq(entries.id, voteLog.entryId))
    .leftJoin(votes, and(eq(votes.nominationId, voteLog.nominationId), eq(votes.voterId, voteLog.voterId)))
    .where(and(...conds))
    .orderBy(asc(voteLog.at), sql`${voteLog}.rowid`)
    .limit(limit);
}
