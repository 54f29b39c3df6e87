import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listAttachmentsStatement } from "../../worker/attachments/data";
import { liveCompetitions } from "../../worker/competitions/cron";
import { competitionById, criteriaOf, expertRowOf, nominationsOf } from "../../worker/competitions/data";
import { criteria, nominations, STAGES } from "../../worker/competitions/schema";
import { draftsOf, insertCriterion, insertNomination, listPublished, setupGuard, swapPositions } from "../../worker/competitions/setup/data";
import { db, expectIndexed, plan } from "./query-plan";

/**
 * The setup part's hot queries — the list in every filter, the competition page's batch, the
 * setup writes and their guard, the stage cron — are answered through indexes, the lists without
 * sorting. EXPLAIN QUERY PLAN on the SQL drizzle really sends, against the migrated schema.
 */
const after = { publishedAt: Date.now(), id: "x" };

describe("competitions setup: query plans", () => {
  it("the public list, every stage and none, all organisers or one, first page and later: an ordered index walk", async () => {
    for (const stage of [undefined, ...STAGES])
      for (const organiserId of [undefined, "org"])
        for (const a of [undefined, after]) {
          const details = await plan(listPublished(db, { stage, organiserId, after: a, limit: 21 }));
          const all = expectIndexed(details, { sorted: true });
          expect(all).toMatch(organiserId ? /competitions_organiser/ : stage ? /competitions_stage/ : /competitions_list/);
        }
    expect(await listPublished(db, { stage: "entry", after, limit: 5 })).toEqual([]);
  });

  it("an organiser admin's drafts: through competitions_organiser (a bounded list sorted by change time)", async () => {
    const details = await plan(draftsOf(db, ["a", "b"]));
    expectIndexed(details, { allowSort: () => true });
    expect(details.join(" | ")).toMatch(/competitions_organiser/);
  });

  it("the competition page's batch: by key, nominations and criteria in order, the expert row, the rules' files", async () => {
    expectIndexed(await plan(competitionById(db, "c")));
    const n = await plan(nominationsOf(db, "c"));
    expectIndexed(n, { sorted: true });
    expect(n.join(" | ")).toMatch(/competition_nominations_order/);
    const k = await plan(criteriaOf(db, "c"));
    expectIndexed(k, { sorted: true });
    expect(k.join(" | ")).toMatch(/competition_criteria_order/);
    expectIndexed(await plan(expertRowOf(db, "c", "u")));
    expectIndexed(await plan(listAttachmentsStatement(db, "competition", "c")), { sorted: true });
  });

  it("setup writes: the next position, the guard's counts and positions, the swap", async () => {
    const ins = await plan(insertNomination(db, { id: "n", competitionId: "c", title: "t", description: "" }));
    expectIndexed(ins);
    expectIndexed(await plan(insertCriterion(db, { id: "k", competitionId: "c", name: "n", description: "", weight: 1, scaleMin: 0, scaleMax: 10, levels: [], commentBelow: null })));
    const guard = await plan(setupGuard(db, "c", Date.now(), sql`(SELECT count(*) FROM competition_nominations WHERE competition_id = ${"c"}) <= 20 AND (SELECT position FROM competition_nominations WHERE id = ${"n"}) = 1`));
    expectIndexed(guard);
    for (const s of swapPositions(db, nominations, { id: "a", position: 0 }, { id: "b", position: 1 })) expectIndexed(await plan(s));
    for (const s of swapPositions(db, criteria, { id: "a", position: 0 }, { id: "b", position: 1 })) expectIndexed(await plan(s));
  });

  it("the stage cron reads only live competitions, through competitions_stage", async () => {
    const details = await plan(liveCompetitions(db));
    const all = expectIndexed(details);
    expect(all).toMatch(/competitions_stage \(status=\? AND stage=\?\)/);
  });
});
