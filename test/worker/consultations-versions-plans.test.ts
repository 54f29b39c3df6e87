import { describe, expect, it } from "vitest";
import { db, expectIndexed, plan } from "./query-plan";
import { clausesOfNumber, takenRemarksOfNumber, versionNumber } from "../../worker/consultations/versions/data";

/**
 * The compare page's batch is answered through indexes, without sorting: each version by
 * (consultation_id, number), its clauses by (version_id, position), the remarks taken into account
 * through remark_links' clause index and the remarks' primary key — with the version number given
 * and with the default computed from the consultation's current version inside the query.
 */
describe("consultations versions: query plans", () => {
  for (const [name, number] of [
    ["a given number", versionNumber("c", 2)],
    ["the current version", versionNumber("c", undefined)],
    ["the one before the current", versionNumber("c", undefined, 1)],
  ] as const) {
    it(`a version's clauses, ${name}: the version by number, its clauses in position order`, async () => {
      const details = await plan(clausesOfNumber(db, "c", number));
      expectIndexed(details, { sorted: true });
      expect(details.join(" | ")).toMatch(/consultation_versions_number/);
      expect(details.join(" | ")).toMatch(/consultation_clauses_order/);
    });

    it(`remarks taken into account in a version, ${name}: through remark_links' clause index`, async () => {
      const details = await plan(takenRemarksOfNumber(db, "c", number));
      expectIndexed(details, { sorted: true });
      expect(details.join(" | ")).toMatch(/consultation_versions_number/);
      expect(details.join(" | ")).toMatch(/remark_links_clause|sqlite_autoindex_remark_links/);
    });
  }

  it("the queries run (the default number computed in SQL)", async () => {
    expect(await clausesOfNumber(db, "none", versionNumber("none", undefined))).toEqual([]);
    expect(await takenRemarksOfNumber(db, "none", versionNumber("none", undefined, 1))).toEqual([]);
  });
});
