import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, expectIndexed, plan } from "./query-plan";
import { consultationById, versionByNumber } from "../../worker/consultations/data";
import * as R from "../../worker/consultations/remarks/data";
import { remarkCommentTarget } from "../../worker/consultations/remarks/comment-target";
import { remarkDeletionStatements, remarkExportQueries } from "../../worker/consultations/remarks/personal-data";
import { membershipsOfUser } from "../../worker/organisations/data";
import { HOUR, seedConsultation } from "./consultation-fixtures";
import { createOrganiser, db as d1, newActor } from "./fixtures";

/**
 * Every query of the remarks part goes through an index: the clause page (the hot one — a clause may
 * carry 20,000 remarks) walks remarks_clause in its own order with no sort step; the writes' guards,
 * recounts and the personal-data statements look rows up by key. Checked with SQLite's EXPLAIN QUERY
 * PLAN on the SQL drizzle really sends, against the migrated schema.
 */
const key = { createdAt: 5, id: "x" };

describe("query plans of the remarks", () => {
  it("the clause page: consultation, clause with its version, a page of remarks by key on remarks_clause (no sort), the viewer's organisations", async () => {
    for (const after of [undefined, key]) {
      const page = await plan(R.clauseRemarksPage(db, "cl", { after, limit: 21, viewerId: "u" }));
      expectIndexed(page, { sorted: true });
      expect(page.join(" | ")).toMatch(/SEARCH remarks USING INDEX remarks_clause \(clause_id=\? AND status=\?/);
      // Author, organisation and the viewer's support: one primary-key lookup per row.
      expect(page.join(" | ")).toMatch(/SEARCH remark_author USING INDEX sqlite_autoindex_users_1 \(id=\?\)|SEARCH remark_author USING INTEGER PRIMARY KEY|SEARCH remark_author USING INDEX/);
      expect(page.join(" | ")).toMatch(/SEARCH my_support USING (COVERING )?INDEX sqlite_autoindex_remark_supports_1 \(remark_id=\? AND user_id=\?\)/);
    }
    expectIndexed(await plan(consultationById(db, "c")));
    expectIndexed(await plan(R.clauseForRemarks(db, "cl")));
    expectIndexed(await plan(membershipsOfUser(db, "u")));
  });

  it("the whole-document page: the version by number, a page by key on remarks_version_order, the count on the same range", async () => {
    const versionId = sql`(SELECT id FROM consultation_versions WHERE consultation_id = ${"c"} AND number = (SELECT current_version FROM consultations WHERE id = ${"c"}))`;
    for (const after of [undefined, key]) {
      const page = await plan(R.documentRemarksPage(db, versionId, { after, limit: 21, viewerId: "u" }));
      expectIndexed(page, { sorted: true });
      expect(page.join(" | ")).toMatch(/SEARCH remarks USING INDEX remarks_version_order \(version_id=\? AND clause_position=\?/);
    }
    expectIndexed(await plan(R.documentRemarkCount(db, versionId)));
    expectIndexed(await plan(R.currentVersionOf(db, "c")));
    expectIndexed(await plan(versionByNumber(db, "c", 2)));
  });

  it("one remark: its list columns and its facts by primary key", async () => {
    expectIndexed(await plan(R.listedRemark(db, "r", "u")));
    expectIndexed(await plan(R.remarkFacts(db, "r")));
  });

  it("the writes: guarded insert, deletion and supports, the recounts (clause, version, consultation, supports, replies), moderation", async () => {
    const now = Date.now();
    const f = { id: "r", authorId: "u", consultationId: "c", versionId: "v" };
    expectIndexed(
      await plan(
        R.insertRemarkGuarded(db, { id: "r", consultationId: "c", versionId: "v", clauseId: "cl", clausePosition: 1, organiserId: "o", authorId: "u", organisationId: null, shownAs: "name", kind: "comment", body: "b", proposedText: null, createdAt: now }),
      ),
    );
    for (const s of R.counterStatements(db, { consultationId: "c", versionId: "v", clauseId: "cl" })) expectIndexed(await plan(s));
    expectIndexed(await plan(R.deleteRemarkGuarded(db, f, now)));
    const g = { remarkId: "r", userId: "u", consultationId: "c", versionId: "v" };
    expectIndexed(await plan(R.addSupportGuarded(db, g, now)));
    expectIndexed(await plan(R.removeSupportGuarded(db, g, now)));
    expectIndexed(await plan(R.recountSupports(db, "r")));
    expectIndexed(await plan(R.supportStateOf(db, "r", "u")));
    expectIndexed(await plan(R.recountReplies(db, "r")));
    expectIndexed(await plan(R.moderateStatement(db, "r", "visible", "hidden")));
    expectIndexed(await plan(R.hideWhenStatement(db, "r", sql`1`)));
    expectIndexed(await plan(remarkCommentTarget.counterStatement(db, "r") as never));
  });

  it("personal data: the export by author and supporter, the deletion's recount and delete", async () => {
    for (const q of remarkExportQueries(db, "u")) expectIndexed(await plan(q));
    for (const s of remarkDeletionStatements(db, "u")) expectIndexed(await plan(s as never));
  });
});

describe("a clause with 20,000 remarks", () => {
  it("its first and a deep page come back with 20 remarks each, oldest first, quickly", async () => {
    await createOrganiser("remarks-bench");
    const admin = await newActor();
    const reader = await newActor();
    const c = await seedConsultation({ organiserId: "remarks-bench", createdBy: admin.user.id, opensAt: Date.now() - HOUR, closesAt: Date.now() + HOUR });
    const clauseId = c.versions[0].clauseIds[1];
    const t0 = Date.UTC(2026, 10, 22, 7, 0);
    // 20,000 rows in one statement (a recursive counter), then the counters as the module keeps them.
    await d1
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
         INSERT INTO remarks (id, consultation_id, version_id, clause_id, clause_position, organiser_id, author_id, shown_as, kind, body, status, created_at)
         SELECT printf('bench-%05d', i), ?, ?, ?, 1, 'remarks-bench', ?, 'name', 'comment', 'Замечание ' || i, CASE WHEN i % 100 = 0 THEN 'hidden' ELSE 'visible' END, ? + i FROM n`,
      )
      .bind(c.id, c.versions[0].id, clauseId, admin.user.id, t0)
      .run();
    await d1.prepare("UPDATE consultation_clauses SET remark_count = (SELECT count(*) FROM remarks WHERE clause_id = ? AND status <> 'deleted') WHERE id = ?").bind(clauseId, clauseId).run();
    const started = Date.now();
    const res = await reader.fetch(`/consultations/${c.id}/clauses/${clauseId}`);
    const first = Date.now() - started;
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Замечания (20");
    expect(html).toContain("Замечание 1<");
    expect(html).toContain("Замечание 20<");
    expect(html).not.toContain("Замечание 21<");
    // Deep in the list: the cursor of remark 15,000 (a key, not an offset).
    const cursor = btoa(JSON.stringify([t0 + 15000, "bench-15000"])).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    const deep = (await (await reader.api(`/consultations/${c.id}/clauses/${clauseId}/remarks?after=${cursor}`)).json()) as { items: { id: string }[]; next: string };
    expect(deep.items).toHaveLength(20);
    expect(deep.items[0].id).toBe("bench-15001");
    expect(deep.items.map((i) => i.id)).not.toContain("bench-15100");
    expect(deep.next).not.toBeNull();
    // Generous for a shared 2-core machine; a sort or a scan of 20,000 joined rows would show.
    expect(first).toBeLessThan(2000);
  });
});
