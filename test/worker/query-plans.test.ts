import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { sessions, users } from "../../worker/accounts/schema";
import { describe, expect, it } from "vitest";
import { findUserByEmail, loadSessionUser } from "../../worker/accounts/data";
import { listAudit } from "../../worker/audit/data";
import { db, expectIndexed, plan, rowidWalk } from "./query-plan";
import { grantsOfUsersIn, listGrants } from "../../worker/roles/data";
import { listOrganisations, membershipOf, membershipsOfUser, pendingMemberships, publicMembers } from "../../worker/organisations/data";
import { listOrganisers } from "../../worker/organisers/data";
import * as proposalData from "../../worker/proposals/data";
import { objectHistory } from "../../worker/audit/data";
import { listNotifications, mailCopies, markAllRead, markRead, prefsOf, unreadCountSql } from "../../worker/notifications/data";
import * as moderationData from "../../worker/moderation/data";
import * as commentData from "../../worker/comments/data";
import { proposalCommentTarget } from "../../worker/proposals/comment-target";
import { proposalExportQueries, draftsOf } from "../../worker/proposals/personal-data";
import { commentExportQueries } from "../../worker/comments/personal-data";
import { reportExportQuery } from "../../worker/moderation/personal-data";
import { uploadExportQuery } from "../../worker/attachments/personal-data";

/**
 * Every query a page or API route runs must be answered through an index: no full-table SCAN and
 * no temporary B-tree for ORDER BY on lists. Checked with SQLite's own EXPLAIN QUERY PLAN on the
 * SQL drizzle really sends, against the real migrated schema.
 */
describe("query plans", () => {
  it("session lookup: sessions, users and role grants by key", async () => {
    const [a, b] = [
      db.select().from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(and(eq(sessions.tokenHash, "x"), gt(sessions.expiresAt, 0))),
      grantsOfUsersIn(db, sql`(SELECT user_id FROM sessions WHERE token_hash = ${"x"})`),
    ];
    expectIndexed(await plan(a));
    expectIndexed(await plan(b));
    // and the real loader still works on an empty database
    expect(await loadSessionUser(db, "nope", Date.now())).toBeNull();
  });

  it("sign-in looks the e-mail up by index", async () => {
    const q = db.select().from(users).where(and(eq(users.email, "a@b.ru"), isNull(users.deletedAt)));
    expectIndexed(await plan(q));
    expect(await findUserByEmail(db, "a@b.ru")).toBeUndefined();
  });

  it("organisation list pages by (name, id) without sorting", async () => {
    expectIndexed(await plan(listOrganisations(db, { limit: 21 })), { sorted: true });
    expectIndexed(await plan(listOrganisations(db, { after: { name: "М", id: "x" }, limit: 21 })), { sorted: true });
  });

  it("organisers, memberships and public members use their indexes", async () => {
    expectIndexed(await plan(listOrganisers(db)), { sorted: true });
    expectIndexed(await plan(membershipOf(db, "o", "u")));
    expectIndexed(await plan(membershipsOfUser(db, "u")));
    expectIndexed(await plan(publicMembers(db, "o")));
  });

  it("admin lists: pending requests oldest first, grants newest first, audit newest first", async () => {
    expectIndexed(await plan(pendingMemberships(db, "all")), { sorted: true });
    expectIndexed(await plan(pendingMemberships(db, ["org-a", "org-b"])));
    expectIndexed(await plan(listGrants(db, { limit: 50 })), { sorted: true });
    expectIndexed(await plan(listGrants(db, { organiserIds: ["org-a"], limit: 50 })));
    expectIndexed(await plan(listAudit(db, { organiserIds: "all", limit: 50 })), { sorted: true, allowScan: rowidWalk("audit_log") });
    expectIndexed(await plan(listAudit(db, { organiserIds: "all", beforeId: 100, limit: 50 })), { sorted: true });
    expectIndexed(await plan(listAudit(db, { organiserIds: ["org-a"], limit: 50 })));
  });

  it("moderation: the queue page, its reports, the openness page, the block check, thresholds", async () => {
    const m = moderationData;
    expectIndexed(await plan(m.openItems(db, "org", undefined, 21)), { sorted: true });
    expectIndexed(await plan(m.openItems(db, "org", { at: 1, id: "x" }, 21)), { sorted: true });
    expectIndexed(await plan(m.reasonCountsForPage(db, "org", { at: 1, id: "x" }, 21)));
    // The window over one page's reports ranks rows already found through the index; its own
    // scans are of that small intermediate result, not of a table.
    const details = await plan(m.detailsForPage(db, "org", undefined, 21));
    expect(details.some((d) => d.startsWith("SEARCH reports USING INDEX reports_one_per_reporter"))).toBe(true);
    expectIndexed(details.filter((d) => !/^SCAN (\(subquery-\d+\)|ranked)$/.test(d)));
    expectIndexed(await plan(m.openReportsOf(db, "proposal", "p")));
    expectIndexed(await plan(m.publicDecisions(db, { limit: 21 })), { sorted: true });
    expectIndexed(await plan(m.publicDecisions(db, { organiserId: "org", before: { at: 5, id: "x" }, limit: 21 })), { sorted: true });
    expectIndexed(await plan(m.isAuthorInQueue(db, "org", "u")));
    expectIndexed(await plan(m.templatesOf(db, "org")), { sorted: true });
    expectIndexed(await plan(m.refreshReportCount(db, "proposal", "p")));
    expectIndexed(await plan(m.markAutoHidden(db, "org", "proposal", "p", 1)));
    expectIndexed(await plan(m.settleReports(db, "proposal", "p", "upheld", 1)));
    expectIndexed(await plan(m.staleQueues(db, Date.now())), { allowScan: rowidWalk("organisers") });
    expectIndexed(await plan(m.queueWorkers(db, ["org-a", "org-b"])));
  });

  it("notifications: the list by key newest first, the unread count, marking read, the consumer's read", async () => {
    expectIndexed(await plan(listNotifications(db, "u", { limit: 21 })), { sorted: true });
    expectIndexed(await plan(listNotifications(db, "u", { after: { createdAt: 1, id: "x" }, limit: 21 })), { sorted: true });
    const unread = await plan(db.select({ n: unreadCountSql() }).from(users).where(eq(users.id, "u")));
    // The capped count walks at most 100 index entries into a co-routine and counts those (the bare
    // "SCAN (subquery-1)" is that walk over at most 100 rows, not a table scan).
    expectIndexed(unread.filter((d) => !d.startsWith("SCAN (subquery-")));
    expect(unread.join(" | ")).toMatch(/SEARCH n USING COVERING INDEX notifications_unread \(user_id=\? AND read_at=\?\)/);
    expectIndexed(await plan(markAllRead(db, "u", 1)));
    expectIndexed(await plan(markRead(db, "u", ["a", "b"], 1)));
    expectIndexed(await plan(prefsOf(db, "u")));
    expectIndexed(await plan(mailCopies(db, ["a", "b"])));
  });

  it("proposals: every list variant walks one index in order; the page, supports and my proposals by key", async () => {
    const P = proposalData;
    const after = { v: 5, id: "x" };
    for (const sort of ["new", "supported", "discussed"] as const)
      for (const status of ["published", "archived"] as const) {
        // No filter and the organiser filter (the portal's main lists): a walk of the sort's index from the cursor, no sorting
        // (with an organiser filter SQLite walks (status, sort value, id) and skips other organisers' rows).
        expectIndexed(await plan(P.listPublic(db, { status, sort, limit: 21 })), { sorted: true });
        expectIndexed(await plan(P.listPublic(db, { status, sort, after, limit: 21 })), { sorted: true });
        expectIndexed(await plan(P.listPublic(db, { organiserId: "o", status, sort, limit: 21 })), { sorted: true });
        expectIndexed(await plan(P.listPublic(db, { organiserId: "o", status, sort, after, limit: 21 })), { sorted: true });
        // Theme and city (narrower sets): through their index; newest first without sorting.
        for (const f of [{ theme: "ecology" }, { city: "Новосибирск" }, { organiserId: "o", theme: "ecology", city: "Бердск" }]) {
          expectIndexed(await plan(P.listPublic(db, { ...f, status, sort, after, limit: 21 })), { sorted: sort === "new" && !("organiserId" in f) });
        }
      }
    expectIndexed(await plan(P.listByAuthor(db, "u", { limit: 21 })));
    expectIndexed(await plan(P.listByAuthor(db, "u", { after, limit: 21 })));
    expectIndexed(await plan(P.getProposal(db, "p")));
    expectIndexed(await plan(P.getProposalFacts(db, "p")));
    expectIndexed(await plan(P.themeRowsOfProposal(db, "p")));
    expectIndexed(await plan(P.themeRowsOf(db, "o")));
    expectIndexed(await plan(P.allThemeRows(db)), { sorted: true });
    expectIndexed(await plan(P.supportOf(db, "p", "u")));
    expectIndexed(await plan(P.recountSupports(db, "p")));
    expectIndexed(await plan(P.addSupport(db, "p", "u", 1)));
    expectIndexed(await plan(P.removeSupport(db, "p", "u")));
    expectIndexed(await plan(objectHistory(db, "proposal", "p")), { sorted: true });
  });

  it("attachments: an owner's files in upload order, one by id, the per-owner count", async () => {
    const A = await import("../../worker/attachments/data");
    expectIndexed(await plan(A.listAttachmentsStatement(db, "proposal", "p")), { sorted: true });
    expectIndexed(await plan(A.getAttachment(db, "a")));
    expectIndexed(await plan(A.countAttachments(db, "proposal", "p")));
    expectIndexed(await plan(A.deleteAttachmentStatement(db, "a")));
  });

  it("discussion: top-level pages and each thread's replies by key without sorting; votes, counters and moderation by key", async () => {
    const target = { type: "proposal" as const, id: "p" };
    const after = { createdAt: 1, id: "c" };
    expectIndexed(await plan(commentData.topLevelPage(db, target, { limit: 21, viewerId: "u" })), { sorted: true });
    expectIndexed(await plan(commentData.topLevelPage(db, target, { after, limit: 21, viewerId: null })), { sorted: true });
    // The replies of a page's threads are ranked on comments_root (covering); "SCAN ranked" and
    // "SCAN (subquery-N)" walk that derived, ranked list, not a table. The final sort is of at most
    // 20 threads × 50 replies.
    const derived = (details: string[]) => details.filter((d) => !/^SCAN (ranked|\(subquery-\d+\))$/.test(d));
    for (const q of [commentData.repliesOfPage(db, target, { pageSize: 20, perThread: 50, viewerId: "u" }), commentData.repliesOfPage(db, target, { after, pageSize: 20, perThread: 50, viewerId: null })]) {
      const details = await plan(q);
      expect(details.join(" | ")).toMatch(/SEARCH comments USING COVERING INDEX comments_root/);
      expectIndexed(derived(details));
    }
    expectIndexed(await plan(commentData.repliesPage(db, "r", { after, limit: 51, viewerId: "u" })), { sorted: true });
    expectIndexed(await plan(commentData.listedComment(db, "c", "u")));
    expectIndexed(await plan(commentData.commentById(db, "c")));
    expectIndexed(await plan(commentData.voteStateOf(db, "c", "u")));
    expectIndexed(await plan(commentData.replyCountStatement(db, "r")));
    expectIndexed(await plan(commentData.voteCountStatement(db, "c")));
    expectIndexed(await plan(commentData.upsertVoteStatement(db, "c", "u", 1, 1)));
    expectIndexed(await plan(commentData.deleteVoteStatement(db, "c", "u")));
    expectIndexed(await plan(commentData.editStatement(db, "c", "u", "x", 1, 0)));
    expectIndexed(await plan(commentData.deleteStatement(db, "c", "u", 1)));
    expectIndexed(await plan(commentData.moderateStatement(db, "c", "visible", "hidden")));
    expectIndexed(await plan(commentData.hideWhenStatement(db, "c", sql`1 = 1`)));
    expectIndexed(await plan(proposalCommentTarget.counterStatement(db, "p") as any));
  });

  it("personal data: the export's and the deletion's reads go by the person's id through an index; the comment recount is covered", async () => {
    for (const q of [...proposalExportQueries(db, "u"), ...commentExportQueries(db, "u"), reportExportQuery(db, "u"), uploadExportQuery(db, "u"), draftsOf(db, "u")]) expectIndexed(await plan(q));
    const recount = await plan(proposalCommentTarget.counterStatement(db, "p") as never);
    expect(recount.join(" | ")).toMatch(/COVERING INDEX comments_target_status/);
  });
});
