import { eq } from "drizzle-orm";
import type { Db, Statement } from "../../db/client";
import { voteLog, votes } from "../schema";

/**
 * 152-ФЗ for public votes. The export gives the person their votes (what they chose, the receipt in
 * force, when) and every cast, change and annulment of theirs in the log — not the network hash,
 * which identifies nothing to them and would only help someone guess it.
 *
 * On account deletion the votes STAY counted: a vote cast by a person who then leaves was a valid vote
 * (like a ballot in a box), and once the users row is a tombstone nothing ties it to the person. What
 * could still point at them goes: the network hash of every log row (written only through the ballot
 * box otherwise; this is the one other writer, and it only clears).
 */
export const voteExportQueries = (db: Db, userId: string) =>
  [
    db
      .select({ competitionId: votes.competitionId, nominationId: votes.nominationId, entryId: votes.entryId, status: votes.status, receipt: votes.receipt, castAt: votes.castAt, changedAt: votes.changedAt })
      .from(votes)
      .where(eq(votes.voterId, userId)),
    db
      .select({ event: voteLog.event, competitionId: voteLog.competitionId, nominationId: voteLog.nominationId, entryId: voteLog.entryId, previousEntryId: voteLog.previousEntryId, receipt: voteLog.receipt, reason: voteLog.reason, at: voteLog.at })
      .from(voteLog)
      .where(eq(voteLog.voterId, userId))
      .orderBy(voteLog.at),
  ] as const;

export const voteDeletionStatements = (db: Db, userId: string): Statement[] => [db.update(voteLog).set({ network: "" }).where(eq(voteLog.voterId, userId))];
