import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, expectIndexed, plan } from "./query-plan";
import * as E from "../../worker/competitions/entries/data";
import { entryDeletionStatements, entryExportQuery, submittedEntriesOf } from "../../worker/competitions/entries/personal-data";
import { competitionById, nominationsOf } from "../../worker/competitions/data";

/**
 * Every query of the entries part goes through an index: a nomination's public list walks
 * competition_entries_nomination in its own order (no sort step), «Мои заявки» walks
 * competition_entries_submitter, the entry limit counts on competition_entries_participant, and the
 * guarded writes, recounts and personal-data statements look rows up by key. Checked with SQLite's
 * EXPLAIN QUERY PLAN on the SQL drizzle really sends, against the migrated schema.
 */
const key = { at: 5, id: "x" };

describe("query plans of the entries", () => {
  it("a nomination's admitted entries: a walk of competition_entries_nomination by key, no sort (given or the first nomination)", async () => {
    const first = sql`(SELECT id FROM competition_nominations WHERE competition_id = ${"c"} ORDER BY position LIMIT 1)`;
    for (const nominationId of ["n", first]) {
      for (const after of [undefined, key]) {
        const page = expectIndexed(await plan(E.admittedPage(db, { competitionId: "c", nominationId, after, limit: 21 })), { sorted: true });
        expect(page).toMatch(/SEARCH competition_entries USING INDEX competition_entries_nomination \(nomination_id=\? AND status=\?/);
      }
    }
    expectIndexed(await plan(competitionById(db, "c")));
    expectIndexed(await plan(nominationsOf(db, "c")), { sorted: true });
  });

  it("«Мои заявки»: a walk of competition_entries_submitter, newest first; competition and nomination by key", async () => {
    for (const before of [undefined, key]) {
      const page = expectIndexed(await plan(E.entriesOfSubmitter(db, "u", { before, limit: 21 })), {
        sorted: true,
        // Rows with the same created_at (the index's last column) are put in id order among themselves.
        allowSort: (d) => /^USE TEMP B-TREE FOR (RIGHT PART|LAST TERM) OF ORDER BY$/.test(d),
      });
      expect(page).toMatch(/SEARCH competition_entries USING INDEX competition_entries_submitter \(submitted_by=\?/);
    }
  });

  it("an entry's page: the entry with its names, its competition, the viewer's expert row and its result row, all by key", async () => {
    expectIndexed(await plan(E.entryWithNames(db, "e")));
    expectIndexed(await plan(E.competitionOfEntry(db, "e")));
    expectIndexed(await plan(E.expertOfEntry(db, "e", "u")));
    expect(expectIndexed(await plan(E.resultOfEntry(db, "e")))).toMatch(/competition_results/);
    expectIndexed(await plan(E.entryFacts(db, "e")));
    expectIndexed(await plan(E.nominationById(db, "n")));
  });

  /**
   * A new parent row makes SQLite plan a probe of every child table for rows that were waiting for it
   * (deferred foreign keys); it runs only while such violations are outstanding, never in a normal
   * insert. The vote log's entry_id has no index of its own (the voting part's table), hence a SCAN.
   */
  const fkProbe = (d: string) => d === "SCAN competition_vote_log";

  it("entering: the limit's counts on competition_entries_participant, the proposal's live entry on its partial unique index, the guarded insert", async () => {
    expect(expectIndexed(await plan(E.participantCounts(db, "n", "u:x")))).toMatch(/competition_entries_participant/);
    expect(expectIndexed(await plan(E.liveEntryOfProposal(db, "c", "p")))).toMatch(/competition_entries_proposal/);
    for (const organisationId of [null, "o"]) {
      const p = expectIndexed(
        await plan(
          E.insertEntryGuarded(db, {
            id: "e",
            competitionId: "c",
            nominationId: "n",
            organiserId: "o",
            kind: "proposal",
            proposalId: "p",
            submittedBy: "u",
            organisationId,
            participant: "u:x",
            city: "",
            title: "t",
            problem: "",
            actions: "",
            results: "",
            period: "",
            budget: null,
            contact: "",
            createdAt: 1,
          }),
        ),
        { allowScan: fkProbe },
      );
      expect(p).toMatch(/competition_entries_participant/);
    }
  });

  it("the writes of moderation and withdrawal, the recounts and the automatic hiding: by key", async () => {
    const now = Date.now();
    expectIndexed(await plan(E.decisionStatement(db, "e", { from: "submitted", wasHidden: false, to: "admitted", hidden: false, reason: null, actorId: "m", now, competitionId: "c", statusChange: true })));
    expectIndexed(await plan(E.withdrawStatement(db, "e", "u", "c", now)));
    expect(expectIndexed(await plan(E.recountNomination(db, "n")))).toMatch(/competition_entries_(nomination|votes) \(nomination_id=\? AND status=\?\)/);
    expectIndexed(await plan(E.recountNominationOfEntry(db, "e")));
    expectIndexed(await plan(E.hideWhen(db, "e", sql`1 = 1`, now)));
  });

  it("personal data: the export, the entries waiting for the check and the deletion's statements by competition_entries_submitter", async () => {
    expect(expectIndexed(await plan(entryExportQuery(db, "u")), { sorted: true })).toMatch(/competition_entries_submitter/);
    expect(expectIndexed(await plan(submittedEntriesOf(db, "u")))).toMatch(/competition_entries_submitter/);
    for (const s of entryDeletionStatements(db, "u", [{ id: "e", organiserId: "o", competitionId: "c" }], Date.now())) expectIndexed(await plan(s as unknown as Parameters<typeof plan>[0]));
  });
});
