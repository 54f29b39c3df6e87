import { describe, expect, it } from "vitest";
import * as data from "../../worker/competitions/results/data";
import { db, expectIndexed, plan } from "./query-plan";

/**
 * The results part's queries, checked with SQLite's EXPLAIN QUERY PLAN on the SQL drizzle really
 * sends: computing reads a competition's entries by index and writes guarded by the competition's
 * primary key; the pages read each nomination's ranking in place order from competition_results_rank
 * without sorting; the stale check, the review list and the publication's fan-out walk indexes.
 */
const C = "competition";
const NOW = 1_800_000_000_000;
const has = (details: string[], text: string) => expect(details.join(" | ")).toContain(text);
/** The `SELECT 1` the single-value reads select from is a constant row, not a table. */
const constantRow = (d: string) => /^SCAN \(subquery-\d+\)$/.test(d) || d === "SCAN CONSTANT ROW";

describe("results query plans", () => {
  it("computing: the entries of a competition by competition_entries_competition; the writes find the competition by primary key", async () => {
    const inputs = await plan(data.rankingInputs(db, C));
    expectIndexed(inputs);
    has(inputs, "competition_entries_competition (competition_id=? AND status=?)");
    const del = await plan(data.deleteResults(db, C, NOW));
    expectIndexed(del);
    has(del, "competition_results_competition (competition_id=?)");
    has(del, "SEARCH c USING INDEX sqlite_autoindex_competitions_1 (id=?)");
    const ins = await plan(data.insertResults(db, C, [], NOW));
    expectIndexed(ins);
    expectIndexed(await plan(data.markComputed(db, C, NOW)));
    expectIndexed(await plan(data.computedAt(db, C)));
  });

  it("the overview: nominations in order with their counts on the rank index, the first places of each without sorting", async () => {
    const noms = await plan(data.nominationsWithCounts(db, C));
    expectIndexed(noms, { sorted: true });
    has(noms, "competition_nominations_order (competition_id=?)");
    has(noms, "SEARCH r USING COVERING INDEX");
    const top = await plan(data.topRows(db, C, 50));
    expectIndexed(top, { sorted: true });
    has(top, "competition_results_rank (nomination_id=? AND rank<?)");
    const all = await plan(data.allRows(db, C));
    expectIndexed(all, { sorted: true });
    has(all, "competition_results_rank (nomination_id=?)");
  });

  it("one nomination's ranking, first page and deeper, by key on competition_results_rank", async () => {
    for (const after of [undefined, { rank: 3, id: "x" }]) {
      const p = await plan(data.nominationRows(db, "n", after, 101));
      expectIndexed(p, { sorted: true });
      has(p, "competition_results_rank");
      has(p, "SEARCH competition_entries USING INDEX sqlite_autoindex_competition_entries_1 (id=?)");
    }
  });

  it("the stale check and the review list walk the competition's results and entries by index", async () => {
    const stale = await plan(data.staleCheck(db, C));
    expectIndexed(stale, { allowScan: constantRow });
    has(stale, "competition_results_competition (competition_id=?)");
    has(stale, "competition_entries_competition (competition_id=? AND status=?)");
    const review = await plan(data.reviewRows(db, C));
    expectIndexed(review);
    has(review, "competition_results_competition (competition_id=?)");
  });

  it("publishing: the guarded mark by primary key, the notifications' fan-out and the winners by index", async () => {
    expectIndexed(await plan(data.publishStatement(db, C, NOW - 1, NOW)));
    const notes = await plan(data.resultNotesStatement(db, C, "Конкурс", NOW));
    expectIndexed(notes);
    has(notes, "competition_results_competition (competition_id=?)");
    expectIndexed(await plan(data.rankedEntryIds(db, C)));
    const winners = await plan(data.winnersForLibrary(db, C));
    expectIndexed(winners);
    has(winners, "competition_results_competition (competition_id=?)");
  });
});
