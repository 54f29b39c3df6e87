import { describe, expect, it } from "vitest";
import * as data from "../../worker/consultations/summary/data";
import { db, expectIndexed, plan } from "./query-plan";

/**
 * The summary part's queries, checked with SQLite's EXPLAIN QUERY PLAN on the SQL drizzle really
 * sends: every page of the summary (whole, by clause, by kind, by disposition, the organiser's
 * «без решения»), the counts, the export's chunk boundaries and the writes' lookups walk an index;
 * the lists need no sort.
 */

/** The scan of a subquery's own rows (the export's numbered keys) is allowed — the subquery itself is checked. */
const coroutines = (d: string) => /^SCAN (numbered|\(subquery-\d+\))$/.test(d);
/** A sort of the few versions of ONE consultation found by index is allowed. */
const tinySort = (d: string) => d === "USE TEMP B-TREE FOR ORDER BY";
const uses = (details: string[], index: string) => expect(details.some((d) => d.includes(`SEARCH remarks USING INDEX ${index}`) || d.includes(`SEARCH remarks USING COVERING INDEX ${index}`)), details.join(" | ")).toBe(true);

describe("summary query plans", () => {
  const ref = data.versionNumbered("c", 1);
  const key = { pos: 3, at: 1_790_000_000_000, id: "x" };

  it("the summary in document order walks remarks_version_order, first page and deeper, without sorting", async () => {
    for (const after of [undefined, key]) {
      const p = await plan(data.summaryRows(db, ref, {}, after, 51));
      expectIndexed(p, { sorted: true });
      uses(p, "remarks_version_order");
    }
    // The row's extras are looked up by primary key: clause, author, organisation, remark_links.
    const p = await plan(data.summaryRows(db, ref, {}, key, 51));
    expect(p.join(" | ")).toMatch(/SEARCH rl USING COVERING INDEX sqlite_autoindex_remark_links_1 \(remark_id=\?\)/);
  });

  it("each filter is served by its index: kind, disposition (and «без решения»), one clause, the whole document", async () => {
    const cases: [data.SummaryFilter, string][] = [
      [{ kind: "wording" }, "remarks_version_kind"],
      [{ disposition: "partly" }, "remarks_version_disposition"],
      [{ disposition: "none" }, "remarks_version_disposition"],
      [{ clause: "some-clause" }, "remarks_version_order"],
      [{ clause: "document" }, "remarks_version_order"],
    ];
    for (const [f, index] of cases) {
      for (const after of [undefined, key]) {
        const p = await plan(data.summaryRows(db, ref, f, after, 51));
        expectIndexed(p, { sorted: true });
        uses(p, index);
      }
    }
    // Deeper pages of one clause continue from (created_at, id) inside it.
    const deep = await plan(data.summaryRows(db, ref, { clause: "some-clause" }, key, 51));
    expect(deep.join(" | ")).toMatch(/remarks_version_order \(version_id=\? AND clause_position=\? AND \(created_at,id\)>\(\?,\?\)\)/);
  });

  it("the version references: by number, the current one, the summary's default (a sort of one consultation's few versions)", async () => {
    expectIndexed(await plan(data.versionAt(db, data.versionNumbered("c", 2))));
    expectIndexed(await plan(data.versionAt(db, data.currentVersionRef("c"))));
    expectIndexed(await plan(data.versionAt(db, data.defaultSummaryVersionRef("c"))), { sorted: true, allowSort: tinySort });
    const p = await plan(data.summaryRows(db, data.defaultSummaryVersionRef("c"), {}, undefined, 51));
    expectIndexed(p, { sorted: true, allowSort: tinySort });
    uses(p, "remarks_version_order");
  });

  it("counts per disposition use the covering remarks_version_status; clause options the clause order index", async () => {
    const counts = await plan(data.dispositionCounts(db, ref));
    expectIndexed(counts);
    expect(counts.join(" | ")).toMatch(/SEARCH remarks USING COVERING INDEX remarks_version_status/);
    expectIndexed(await plan(data.clausesWithRemarks(db, ref)), { sorted: true });
  });

  it("the export's chunk boundaries walk the same indexes (numbered in index order)", async () => {
    for (const f of [{}, { kind: "comment" as const }, { disposition: "accepted" as const }, { clause: "document" }]) {
      const p = await plan(data.chunkBoundaries(db, ref, f, 1000));
      expectIndexed(p, { allowScan: coroutines, sorted: true });
    }
  });

  it("the writes' lookups: remarks by primary key from the JSON list; the guarded publication and its notifications by version", async () => {
    expectIndexed(await plan(data.remarkFacts(db, ["a", "b", "c"])));
    expectIndexed(await plan(data.notifiedRemarkIds(db, "v")));
    const dispose = await plan(data.disposeStatement(db, ["a", "b"], { disposition: "rejected", reason: "x" }, "u", 1));
    expectIndexed(dispose);
    expect(dispose.join(" | ")).toMatch(/SEARCH remarks USING (COVERING )?INDEX sqlite_autoindex_remarks_1 \(id=\?\)/);
    const publish = await plan(data.publishSummaryStatement(db, "v", 1));
    expectIndexed(publish);
    expect(publish.join(" | ")).toMatch(/remarks_version_status \(version_id=\? AND status=\? AND disposition=\?\)/);
    const notes = await plan(data.dispositionNotesStatement(db, "v", "t", 1));
    expectIndexed(notes);
    expect(notes.join(" | ")).toMatch(/SEARCH r USING INDEX remarks_version_(status|order)/);
  });
});
