import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { EditorClause } from "../../worker/consultations/drafting/clause-tree";
import * as data from "../../worker/consultations/drafting/data";
import { consultationById, draftVersionOf } from "../../worker/consultations/data";
import { db, expectIndexed, plan } from "./query-plan";

/**
 * The drafting part's queries and writes, checked with SQLite's EXPLAIN QUERY PLAN on the SQL
 * drizzle really sends: the editor's reads, the remarks a clause may link, and every statement of
 * a draft edit (the guard, deletes, parking and placing moved clauses, field edits, inserts,
 * links) find their rows by an index — the JSON lists walk themselves, never a table.
 */

const clause = (id: string): EditorClause => ({ id, lineage: id, kind: "clause", number: "1", depth: 0, text: "Текст.", addressees: ["Мэрии"] });

describe("drafting query plans", () => {
  it("the editor's reads: the consultation, its draft and the draft's clauses in order, its links", async () => {
    expectIndexed(await plan(consultationById(db, "c")));
    expect(expectIndexed(await plan(draftVersionOf(db, "c")))).toMatch(/consultation_versions_one_draft|consultation_versions_number/);
    const clauses = expectIndexed(await plan(data.draftClausesOf(db, "c")), { sorted: true });
    expect(clauses).toMatch(/consultation_clauses_order/);
    expect(expectIndexed(await plan(data.publishedClausesOf(db, "c", 1)), { sorted: true })).toMatch(/consultation_versions_number/);
    expectIndexed(await plan(data.publishedClausesOf(db, "c", sql`(SELECT current_version FROM consultations WHERE id = ${"c"})`)), { sorted: true });
    expect(expectIndexed(await plan(data.linksOfDraft(db, "c")))).toMatch(/remark_links_clause/);
    expectIndexed(await plan(data.clauseFacts(db, "x")));
  });

  it("remarks a clause may link: by the clauses' lineage index, then each clause's remarks; the whole document's by version and position", async () => {
    const onClauses = expectIndexed(await plan(data.linkableRemarksOnClauses(db, "c", 1, ["a", "b"])));
    expect(onClauses).toMatch(/consultation_clauses_lineage/);
    expect(onClauses).toMatch(/remarks_clause/);
    const whole = expectIndexed(await plan(data.linkableWholeDocument(db, "c", 1)), { sorted: true });
    expect(whole).toMatch(/remarks_version_order/);
    expectIndexed(await plan(data.remarksByIds(db, ["r1", "r2"])));
  });

  it("every statement of a draft edit finds its rows by key", async () => {
    const changes = {
      deleted: ["d1", "d2"],
      inserted: [{ clause: clause("n1"), position: 3 }],
      moved: [{ id: "m1", from: 2, to: 1 }],
      edited: [{ id: "e1", fields: { text: "Новый текст.", number: "2" } }],
    };
    const statements = [
      data.draftGuard(db, "v", { count: 4, moved: [{ id: "m1", from: 2 }] }),
      data.draftGuard(db, "v", null),
      ...data.writeChanges(db, "v", "c", changes, { from: "d1", to: "e1" }),
      data.recountClauses(db, "v"),
      data.deleteAllClauses(db, "v"),
      ...data.replaceLinks(db, "k", ["r1"]),
    ];
    expect(statements.length).toBeGreaterThanOrEqual(10);
    for (const s of statements) expectIndexed(await plan(s as never));
    // Placing moved clauses and editing fields walk the JSON list and look each clause up by its primary key.
    const [, , park, place, edit] = data.writeChanges(db, "v", "c", changes, { from: "d1", to: "e1" }).slice(0);
    for (const s of [park, place, edit]) expect((await plan(s as never)).join(" | ")).toMatch(/sqlite_autoindex_consultation_clauses_1|PRIMARY KEY|consultation_clauses_order/);
  });
});
