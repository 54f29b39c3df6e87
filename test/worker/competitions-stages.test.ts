import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { makeDb } from "../../worker/db/client";
import { checkStageTimes, stageAt, stageCondition, stageSql, stageSqlParams } from "../../worker/competitions/stages";
import { STAGES } from "../../worker/competitions/schema";
import { createOrganiser, createUser, db } from "./fixtures";
import { HOUR, seedCompetition, setInstant, timesFor } from "./competition-fixtures";

// The stage rule, in TypeScript and in the SQL guards built from it, must agree at every edge.
describe("competition stages", () => {
  const t = { entryOpensAt: 1000, entryClosesAt: 2000, checkClosesAt: 3000, evaluationClosesAt: 4000, votingClosesAt: 5000 };

  it("each stage is [start, end): the closing instant belongs to the next stage", () => {
    expect([999, 1000, 1999, 2000, 2999, 3000, 3999, 4000, 4999, 5000, 9e12].map((n) => stageAt(t, n))).toEqual([
      "announced", "entry", "entry", "check", "check", "evaluation", "evaluation", "voting", "voting", "results", "results",
    ]);
  });

  it("timesFor puts a competition in the asked stage now", () => {
    const now = Date.now();
    for (const s of STAGES) expect(stageAt(timesFor(s, now), now)).toBe(s);
  });

  it("checks the instants: order, at least an hour each, at most two years in all", () => {
    const h = HOUR;
    const ok = { entryOpensAt: 0, entryClosesAt: h, checkClosesAt: 2 * h, evaluationClosesAt: 3 * h, votingClosesAt: 4 * h };
    expect(checkStageTimes(ok)).toEqual({ ok: true });
    expect(checkStageTimes({ ...ok, checkClosesAt: h })).toEqual({ ok: false, field: "checkClosesAt", reason: "order" });
    expect(checkStageTimes({ ...ok, checkClosesAt: 2 * h - 1 })).toEqual({ ok: false, field: "checkClosesAt", reason: "tooShort" });
    expect(checkStageTimes({ ...ok, votingClosesAt: 731 * 24 * h + 1 })).toEqual({ ok: false, field: "votingClosesAt", reason: "tooLong" });
  });

  it("the SQL guard agrees with stageAt at each edge, in the real database", async () => {
    const admin = await createUser();
    const organiserId = await createOrganiser();
    const c = await seedCompetition({ organiserId, createdBy: admin.id, stage: "entry" });
    const at = 1_800_000_000_000;
    const times = { entryOpensAt: at, entryClosesAt: at + HOUR, checkClosesAt: at + 2 * HOUR, evaluationClosesAt: at + 3 * HOUR, votingClosesAt: at + 4 * HOUR };
    await setInstant(c.id, "entry_opens_at", times.entryOpensAt);
    await setInstant(c.id, "entry_closes_at", times.entryClosesAt);
    await setInstant(c.id, "check_closes_at", times.checkClosesAt);
    await setInstant(c.id, "evaluation_closes_at", times.evaluationClosesAt);
    await setInstant(c.id, "voting_closes_at", times.votingClosesAt);
    const probes = [at - 1, at, at + HOUR - 1, at + HOUR, at + 3 * HOUR, at + 4 * HOUR - 1, at + 4 * HOUR];
    for (const now of probes) {
      for (const s of STAGES) {
        const r = await db
          .prepare(`SELECT count(*) AS n FROM competitions WHERE id = ? AND ${stageSql(s)}`)
          .bind(c.id, ...Array(stageSqlParams(s)).fill(now))
          .first<{ n: number }>();
        expect(r!.n === 1, `${s} at ${now - at}`).toBe(stageAt(times, now) === s);
      }
    }
  });

  it("stageCondition (the drizzle form of the guard) agrees with stageAt at each edge", async () => {
    const admin = await createUser();
    const organiserId = await createOrganiser();
    const c = await seedCompetition({ organiserId, createdBy: admin.id, stage: "evaluation" });
    const row = await db.prepare("SELECT entry_opens_at AS a, entry_closes_at AS b, check_closes_at AS c, evaluation_closes_at AS d, voting_closes_at AS e FROM competitions WHERE id = ?").bind(c.id).first<Record<string, number>>();
    const times = { entryOpensAt: row!.a, entryClosesAt: row!.b, checkClosesAt: row!.c, evaluationClosesAt: row!.d, votingClosesAt: row!.e };
    const d = makeDb(db);
    for (const now of [times.checkClosesAt - 1, times.checkClosesAt, times.evaluationClosesAt - 1, times.evaluationClosesAt]) {
      for (const s of STAGES) {
        const [r] = await d.all<{ n: number }>(sql`SELECT count(*) AS n FROM competitions AS k WHERE k.id = ${c.id} AND ${stageCondition(s, "k", now)}`);
        expect(r.n === 1, `${s} at ${now}`).toBe(stageAt(times, now) === s);
      }
    }
  });

  it("a draft competition is in no stage for the SQL guard", async () => {
    const admin = await createUser();
    const organiserId = await createOrganiser();
    const c = await seedCompetition({ organiserId, createdBy: admin.id, stage: "entry", status: "draft" });
    const r = await db.prepare(`SELECT count(*) AS n FROM competitions WHERE id = ? AND ${stageSql("entry")}`).bind(c.id, Date.now(), Date.now()).first<{ n: number }>();
    expect(r!.n).toBe(0);
  });
});
