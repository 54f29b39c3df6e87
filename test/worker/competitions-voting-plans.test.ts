import { describe, expect, it } from "vitest";
import { annulStatements, castStatements, receiptQuery, recountStatements, tallyQueries, votesOfQuery } from "../../worker/competitions/voting/ballot-box";
import { ballotEntries, crowdedNetworks, entryTitles, nominationOf, receiptTitles, votesBehind, votesPerHour } from "../../worker/competitions/voting/data";
import { db, expectIndexed, plan } from "./query-plan";

/**
 * Every query of the voting part goes through an index. The hot ones: the ballot box's cast (each
 * statement a primary-key lookup: a national vote is this batch a million times), the ballot page
 * (competition_entries_nomination in its own order, no sort), and the report, whose hour buckets are
 * range scans of competition_vote_log_hour and whose networks walk competition_vote_log_network.
 */
const now = Date.now();

describe("query plans of the voting part", () => {
  it("the cast batch: every statement by primary key or index", async () => {
    const stmts = castStatements(db, { competitionId: "c", entryId: "e", voterId: "u", receipt: "R", network: "n", now }, "L");
    const all: string[] = [];
    for (const s of stmts) all.push(expectIndexed(await plan(s)));
    // The guard reads the entry, competition, voter and vote row by key; the counters find their rows by key.
    expect(all[0]).toMatch(/SEARCH e USING INDEX sqlite_autoindex_competition_entries_1 \(id=\?\)/);
    expect(all[0]).toMatch(/SEARCH v USING INDEX sqlite_autoindex_competition_votes_1 \(nomination_id=\? AND voter_id=\?\)/);
    for (const i of [1, 2]) expect(all[i]).toMatch(/SEARCH competition_entries USING INDEX sqlite_autoindex_competition_entries_1 \(id=\?\)/);
    expect(all[3]).toMatch(/SEARCH competition_nominations USING INDEX sqlite_autoindex_competition_nominations_1 \(id=\?\)/);
    expect(all[4]).toMatch(/SEARCH competition_vote_log USING INDEX sqlite_autoindex_competition_vote_log_1 \(id=\?\)/);
  });

  it("the annulment batch, the voter's votes, a receipt, the tally and the recount", async () => {
    for (const s of annulStatements(db, { competitionId: "c", organiserId: "o", nominationId: "n", voterId: "u", actorId: "a", reason: "r", now }, "L")) expectIndexed(await plan(s));
    expect(expectIndexed(await plan(votesOfQuery(db, "c", "u")))).toMatch(/competition_votes_voter \(voter_id=\?\)/);
    const receipt = expectIndexed(await plan(receiptQuery(db, "7KQ2-M9XD-0F3H-RT5C")));
    expect(receipt).toMatch(/competition_vote_log_receipt \(receipt=\?\)/);
    expect(receipt).toMatch(/competition_vote_log_voter \(voter_id=\?/);
    const [total, entries] = tallyQueries(db, "n");
    expectIndexed(await plan(total));
    expect(expectIndexed(await plan(entries), { sorted: true })).toMatch(/competition_entries_votes \(nomination_id=\? AND status=\?\)/);
    for (const s of recountStatements(db, "n")) expectIndexed(await plan(s));
  });

  it("the ballot: a page of a nomination's entries by key on competition_entries_nomination, no sort", async () => {
    for (const nomination of [nominationOf("c", "n"), nominationOf("c", undefined)]) {
      for (const after of [undefined, { at: 5, id: "x" }]) {
        const p = expectIndexed(await plan(ballotEntries(db, nomination, after, 51)), { sorted: true, allowSort: (d) => /competition_nominations_order|TEMP B-TREE FOR ORDER BY/.test(d) && !/competition_entries/.test(d) });
        expect(p).toMatch(/SEARCH competition_entries USING INDEX competition_entries_nomination \(nomination_id=\? AND status=\?/);
      }
    }
    expectIndexed(await plan(entryTitles(db, ["a", "b"])));
    expectIndexed(await plan(receiptTitles(db, "c", "n", "e")));
  });

  it("the report: the hour buckets and the votes behind an hour are range scans of competition_vote_log_hour", async () => {
    const hours = expectIndexed(await plan(votesPerHour(db, "n", 498000, 498048)));
    expect(hours).toMatch(/SEARCH competition_vote_log USING INDEX competition_vote_log_hour \(nomination_id=\? AND at>\? AND at<\?\)/);
    for (const filter of [{ hour: 498001, fresh: false }, { hour: 498001, fresh: true }]) {
      for (const after of [undefined, { at: 5, seq: 7 }]) {
        const p = expectIndexed(await plan(votesBehind(db, "n", filter, after, 51)), { sorted: true });
        expect(p).toMatch(/SEARCH competition_vote_log USING INDEX competition_vote_log_hour \(nomination_id=\? AND at>\? AND at<\?\)/);
      }
    }
  });

  it("the report: crowded networks and the votes behind a network walk competition_vote_log_network", async () => {
    expect(expectIndexed(await plan(crowdedNetworks(db, "n")))).toMatch(/competition_vote_log_network \(nomination_id=\? AND network>\?\)/);
    for (const after of [undefined, { at: 5, seq: 7 }]) {
      const p = expectIndexed(await plan(votesBehind(db, "n", { network: "0123456789abcdef" }, after, 51)), { sorted: true });
      expect(p).toMatch(/competition_vote_log_network \(nomination_id=\? AND network=\?/);
    }
  });
});
