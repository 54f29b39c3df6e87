import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditRecordWhere } from "../../worker/audit";
import * as S from "../../worker/competitions/scoring/data";
import { listAttachmentsStatement } from "../../worker/attachments";
import { db, expectIndexed, plan } from "./query-plan";

/**
 * Every query of the scoring part goes through an index: the expert's list walks
 * competition_assignments_expert in its own (status, rowid) order with no sort step, the entry page
 * reads by primary keys, and the writes' guards, recounts and read-backs look rows up by key.
 * Checked with SQLite's EXPLAIN QUERY PLAN on the SQL drizzle really sends, against the migrated schema.
 */
const now = 1_800_000_000_000;
const t = { entryId: "e", expertId: "u", competitionId: "c" };

describe("query plans of expert scoring", () => {
  it("the expert's list: a page by key on competition_assignments_expert in (status, rowid) order, no sort; the counts from the same index", async () => {
    for (const after of [undefined, { status: "draft" as const, seq: 12 }]) {
      const page = await plan(S.reviewListPage(db, "c", "u", { after, limit: 21 }));
      const all = expectIndexed(page, { sorted: true });
      expect(all).toMatch(/SEARCH competition_assignments USING INDEX competition_assignments_expert \(competition_id=\? AND expert_id=\?/);
      expect(all).toMatch(/SEARCH competition_entries USING INDEX sqlite_autoindex_competition_entries_1 \(id=\?\)/);
      expect(all).toMatch(/SEARCH competition_nominations USING INDEX sqlite_autoindex_competition_nominations_1 \(id=\?\)/);
    }
    const counts = expectIndexed(await plan(S.reviewCounts(db, "c", "u")), { sorted: true });
    expect(counts).toMatch(/USING COVERING INDEX competition_assignments_expert/);
  });

  it("the entry page: the competition (by id or through the entry), criteria, expert row, entry, assignment, scores, submitted sheets and files, by key", async () => {
    for (const ref of ["c", S.refOf(null, "e")]) {
      expectIndexed(await plan(S.competitionRow(db, ref)));
      expectIndexed(await plan(S.criteriaRows(db, ref)), { sorted: true });
      expectIndexed(await plan(S.expertRow(db, ref, "u")));
    }
    expectIndexed(await plan(S.entryRow(db, "e")));
    expectIndexed(await plan(S.entryFactsOf(db, "e")));
    expect(expectIndexed(await plan(S.assignmentOf(db, "e", "u")))).toMatch(/sqlite_autoindex_competition_assignments_1 \(entry_id=\? AND expert_id=\?\)/);
    expect(expectIndexed(await plan(S.scoresOf(db, "e", "u")))).toMatch(/sqlite_autoindex_competition_scores_1 \(entry_id=\? AND expert_id=\?\)/);
    // A handful of rows (the entry's experts, 3–5) found by the primary key's prefix, then ordered by submission.
    expect(expectIndexed(await plan(S.submittedSheetsOf(db, "e")))).toMatch(/competition_assignments USING INDEX sqlite_autoindex_competition_assignments_1 \(entry_id=\?\)/);
    expectIndexed(await plan(S.submittedTotalsOf(db, "e")));
    expect(expectIndexed(await plan(S.submittedScoresOf(db, "e")))).toMatch(/competition_scores USING INDEX sqlite_autoindex_competition_scores_1 \(entry_id=\?\)/);
    expectIndexed(await plan(listAttachmentsStatement(db, "entry", "e")));
  });

  it("the writes: the guarded sheet replacement and assignment updates, the recount, the jury facts, the audit record, the read-back", async () => {
    for (const [guard, counted] of [
      [S.sheetGuard(t, now), false],
      [S.sheetGuard(t, now, 2), true],
    ] as const) {
      const [del, ins] = S.replaceScores(db, t, [{ criterionId: "k", score: 5, comment: "" }], now, guard);
      const d = expectIndexed(await plan(del));
      expect(d).toMatch(/SEARCH competition_scores USING (COVERING )?INDEX sqlite_autoindex_competition_scores_1 \(entry_id=\? AND expert_id=\?\)/);
      // The guard's joins are all by key.
      expect(d).toMatch(/SEARCH g USING INDEX sqlite_autoindex_competition_assignments_1 \(entry_id=\? AND expert_id=\?\)/);
      expect(d).toMatch(/SEARCH gc USING INDEX sqlite_autoindex_competitions_1 \(id=\?\)/);
      expect(d).toMatch(/SEARCH gx USING (COVERING )?INDEX sqlite_autoindex_competition_experts_1 \(competition_id=\? AND user_id=\?\)/);
      expect(d).toMatch(/SEARCH ge USING INDEX sqlite_autoindex_competition_entries_1 \(id=\?\)/);
      expectIndexed(await plan(ins));
      // The submit's count of submitted sheets: the primary key's entry_id prefix.
      if (counted) expect(d).toMatch(/SEARCH competition_assignments USING INDEX sqlite_autoindex_competition_assignments_1 \(entry_id=\?\)/);
      expectIndexed(await plan(S.markDraft(db, t, now, guard)));
      expectIndexed(await plan(S.markSubmitted(db, t, 58, now, guard)));
    }
    expect(expectIndexed(await plan(S.recountSubmitted(db, "c", "u")))).toMatch(/competition_assignments USING COVERING INDEX competition_assignments_expert \(competition_id=\? AND expert_id=\? AND status=\?\)/);
    expectIndexed(await plan(S.writeJuryFacts(db, { entryId: "e", expertId: "u", total: 58, count: 1, experts: 1, score: 58, spread: 0, flagged: false })));
    expectIndexed(await plan(S.sheetState(db, "e", "u")));
    expectIndexed(await plan(auditRecordWhere(db, { actorId: "u", action: "competition.scores.submit", objectType: "competition_assignment", objectId: "e:u" }, sql`changes() = 1`, now)));
  });
});
