import { describe, expect, it } from "vitest";
import * as X from "../../worker/competitions/experts/data";
import { db, expectIndexed, plan } from "./query-plan";

/**
 * Every query of the experts part goes through an index: the reads of the jury page, the run, the
 * evaluation page and the declaration look rows up by the competition's indexes or by key; the
 * writes' guards (the stage, "no submitted score") and recounts too. Checked with SQLite's EXPLAIN
 * QUERY PLAN on the SQL drizzle really sends, against the migrated schema.
 */
const now = 1_800_000_000_000;

describe("query plans of the experts part", () => {
  it("the jury and the run's reads: by the competition's indexes", async () => {
    // A bounded list (≤ 200 experts) found by the primary key's prefix, then ordered by when they were added.
    const experts = expectIndexed(await plan(X.expertsOf(db, "c")));
    expect(experts).toMatch(/SEARCH competition_experts USING INDEX sqlite_autoindex_competition_experts_1 \(competition_id=\?\)/);
    expect(experts).toMatch(/SEARCH users USING INDEX sqlite_autoindex_users_1 \(id=\?\)/);
    expect(expectIndexed(await plan(X.assignmentStates(db, "c")), { sorted: true })).toMatch(/USING COVERING INDEX competition_assignments_expert \(competition_id=\?\)/);
    expect(expectIndexed(await plan(X.assignmentsOf(db, "c")))).toMatch(/competition_assignments USING (COVERING )?INDEX competition_assignments_(expert|competition) \(competition_id=\?\)/);
    // Admitted entries in the order of entering: the competition index, no sort.
    expect(expectIndexed(await plan(X.admittedEntries(db, "c")), { sorted: true })).toMatch(/competition_entries USING INDEX competition_entries_competition \(competition_id=\? AND status=\?\)/);
    const members = expectIndexed(await plan(X.expertMemberships(db, "c")));
    // Each expert's memberships by members_user — not every confirmed membership of the portal by status.
    expect(members).toMatch(/SEARCH organisation_members USING INDEX members_user \(user_id=\?\)/);
    expect(expectIndexed(await plan(X.conflictsOf(db, "c")))).toMatch(/competition_conflicts USING INDEX competition_conflicts_competition \(competition_id=\?\)/);
    expect(expectIndexed(await plan(X.conflictsOf(db, "c", "u")))).toMatch(/competition_conflicts_competition \(competition_id=\? AND expert_id=\?\)/);
    expectIndexed(await plan(X.assignmentsOfExpert(db, "c", "u")));
    expect(expectIndexed(await plan(X.confirmedMembershipsOf(db, "u")))).toMatch(/SEARCH organisation_members USING INDEX members_user \(user_id=\?\)/);
    expect(expectIndexed(await plan(X.accountByEmail(db, "a@example.ru")))).toMatch(/users_email_unique \(email=\?\)/);
    expectIndexed(await plan(X.expertWithName(db, "c", "u")));
    expectIndexed(await plan(X.hasSubmitted(db, "c", "u")));
    expectIndexed(await plan(X.writtenAt(db, "c", "u", now)));
  });

  it("the evaluation page: a page of entries by key in index order, each entry's counts by the assignments' primary key; flagged and short lists by index", async () => {
    for (const after of [undefined, [now, "e"] as [number, string]]) {
      const page = expectIndexed(await plan(X.progressPage(db, "c", after, 51)), { sorted: true });
      expect(page).toMatch(/competition_entries USING INDEX competition_entries_competition \(competition_id=\? AND status=\?/);
      expect(page).toMatch(/SEARCH a USING (COVERING )?INDEX sqlite_autoindex_competition_assignments_1 \(entry_id=\?\)/);
    }
    expect(expectIndexed(await plan(X.flaggedProgress(db, "c", 100)))).toMatch(/competition_entries USING INDEX competition_entries_(flagged|competition)/);
    expect(expectIndexed(await plan(X.belowMinimum(db, "c", 100)), { sorted: true })).toMatch(/competition_entries USING INDEX competition_entries_competition/);
    expectIndexed(await plan(X.flaggedAssignments(db, "c")));
  });

  it("the writes and their guards: by key", async () => {
    const p = { competitionId: "c", userId: "u", organiserId: "o", city: "", by: "a", now };
    expect(expectIndexed(await plan(X.insertExpert(db, p)))).toMatch(/SEARCH g (EXISTS )?USING INDEX sqlite_autoindex_competitions_1 \(id=\?\)/);
    expectIndexed(await plan(X.grantExpertRole(db, p)));
    for (const s of X.removeExpertStatements(db, "c", "u", now)) expectIndexed(await plan(s));
    expectIndexed(await plan(X.deleteExpertRow(db, "c", "u", now)));
    const pairs = Array.from({ length: 40 }, (_, i) => ({ entryId: `e${i}`, expertId: `x${i % 7}` }));
    const ins = X.insertAssignments(db, { competitionId: "c", pairs, reason: "initial", by: "a", now, stages: X.ASSIGN_STAGES });
    // The VALUES list is the statement's own rows, not a table.
    expectIndexed(await plan(ins), { allowScan: (d) => /^SCAN \d+-ROW VALUES CLAUSE$/.test(d) });
    // 40 pairs: 80 + 10 bound parameters, under D1's 100.
    expect(ins.toSQL().params.length).toBeLessThanOrEqual(100);
    expectIndexed(await plan(X.insertFlagAssignment(db, { competitionId: "c", entryId: "e", expertId: "u", by: "a", now })));
    expectIndexed(await plan(X.recountExperts(db, "c")));
    expectIndexed(await plan(X.recountExperts(db, "c", "u")));
    expect(expectIndexed(await plan(X.runNotesStatement(db, { competitionId: "c", title: "T", runId: "r", by: "a", now })))).toMatch(/USING INDEX competition_assignments_expert \(competition_id=\?\)/);
    expectIndexed(await plan(X.declareStatement(db, { competitionId: "c", userId: "u", city: "", now })));
    for (const s of X.declarationStatements(db, { competitionId: "c", userId: "u", list: [{ entryId: "e", reason: "" }], now })) expectIndexed(await plan(s));
  });
});
