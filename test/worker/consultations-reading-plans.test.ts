import { describe, expect, it } from "vitest";
import { db, expectIndexed, plan } from "./query-plan";
import { clausesOfNumber, documentStatements, draftsOf, LIST_STATES, listPublic } from "../../worker/consultations/reading/data";
import { openNowStatement } from "../../worker/consultations/reading/service";

/**
 * The reading part's hot queries (the public list in each state, the document page's batch, the
 * home page's open consultations) are answered through indexes, the lists without sorting. Checked
 * with SQLite's EXPLAIN QUERY PLAN on the SQL drizzle really sends, against the migrated schema.
 */
const now = Date.now();
const after = { publishedAt: now, id: "x" };

describe("consultations reading: query plans", () => {
  it("the public list, every state and none, all organisers or one, first page and later: an ordered index walk", async () => {
    for (const state of [undefined, ...LIST_STATES])
      for (const organiserId of [undefined, "org"])
        for (const a of [undefined, after]) {
          const details = await plan(listPublic(db, { state, organiserId, after: a, limit: 21, now }));
          expectIndexed(details, { sorted: true });
          expect(details.join(" | ")).toMatch(organiserId ? /consultations_organiser/ : /consultations_list/);
          // Without a state: two walks merged, never `status IN (…)` with a sort.
          if (!state) expect(details.join(" | ")).toMatch(/MERGE \(UNION ALL\)/);
        }
  });

  it("the list really merges in order (SQLite accepts the compound ORDER BY drizzle writes)", async () => {
    expect(await listPublic(db, { limit: 5, now })).toEqual([]);
    expect(await listPublic(db, { organiserId: "org", after, limit: 5, now })).toEqual([]);
  });

  it("an organiser admin's drafts: through consultations_organiser", async () => {
    const details = await plan(draftsOf(db, ["a", "b"]));
    expectIndexed(details);
    expect(details.join(" | ")).toMatch(/consultations_organiser/);
  });

  it("the document page's batch: consultation by key, versions by (consultation, number), clauses by (version, position) in order", async () => {
    for (const n of [null, 2]) {
      const [consultation, versions, clauses] = documentStatements(db, "c", n);
      expectIndexed(await plan(consultation));
      const v = await plan(versions);
      expectIndexed(v, { sorted: true });
      expect(v.join(" | ")).toMatch(/consultation_versions_number/);
      const cl = await plan(clauses);
      expectIndexed(cl, { sorted: true });
      expect(cl.join(" | ")).toMatch(/consultation_clauses_order/);
    }
    expect(await clausesOfNumber(db, "nope", null)).toEqual([]);
  });

  it("the home page's open consultations", async () => {
    const details = await plan(openNowStatement(db, now));
    expectIndexed(details, { sorted: true });
  });
});
