import { beforeAll, describe, expect, it } from "vitest";
import type { ModerationAction } from "../../worker/moderation/targets";
import { proposalModeration } from "../../worker/proposals/moderation";
import { Problem } from "../../worker/http/problem";
import { sql } from "drizzle-orm";
import { makeDb } from "../../worker/db/client";
import { env } from "cloudflare:workers";
import { auditLog } from "../../worker/audit";
import { Browser } from "./client";
import { count, counts, createOrganiser, grantRole, newActor, row, rows } from "./fixtures";
import { complete, createProposal, ctx, insertPublished, sessionUser, type Actor } from "./proposals-helpers";

const ORG = "mod-org";
const OTHER = "mod-other";
let author: Actor;
let moderatorUser: Actor;
let otherModeratorUser: Actor;
let resident: Actor;

beforeAll(async () => {
  await createOrganiser(ORG);
  await createOrganiser(OTHER);
  author = await newActor({ displayName: "Автор" });
  moderatorUser = await newActor({ displayName: "Модератор Мэрии" });
  otherModeratorUser = await newActor({ displayName: "Чужой модератор" });
  resident = await newActor();
  await grantRole(moderatorUser.user.id, "moderator", ORG);
  await grantRole(otherModeratorUser.user.id, "moderator", OTHER);
});

const moderator = () => sessionUser(moderatorUser.user, [{ role: "moderator", organiserId: ORG }]);
const submitted = async () => createProposal(author, { ...complete(ORG), submit: true });
const state = (id: string) => row<{ status: string; hidden: number; published_at: number | null }>("SELECT status, hidden_at IS NOT NULL AS hidden, published_at FROM proposals WHERE id = ?", id);

async function refused(p: Promise<unknown>, status: number, field?: string) {
  const e = await p.then(
    () => null,
    (err) => err,
  );
  expect(e, "expected a Problem").toBeInstanceOf(Problem);
  expect((e as Problem).status).toBe(status);
  if (field) expect((e as Problem).fields.map((f) => f.field)).toEqual([field]);
  return e as Problem;
}

/** Brings a fresh proposal to a state through the real moves. */
async function inState(s: "submitted" | "published" | "hidden" | "returned" | "rejected" | "archived" | "draft" | "withdrawn") {
  if (s === "draft") return createProposal(author, complete(ORG));
  const id = await submitted();
  const d = (a: ModerationAction, r: string | null = "Причина") => proposalModeration.decide(ctx(), moderator(), id, a, r);
  if (s === "published" || s === "hidden" || s === "archived") await d("publish", null);
  if (s === "hidden") await d("hide");
  if (s === "archived") await d("archive", null);
  if (s === "returned") await d("return");
  if (s === "rejected") await d("reject");
  if (s === "withdrawn") await author.api(`/proposals/${id}/withdraw`, { json: {} });
  return id;
}

describe("moderation decisions through the adapter", () => {
  it("publish: state, first publication time, audit, queue item closed and the author notified — together", async () => {
    const id = await submitted();
    await proposalModeration.decide(ctx(), moderator(), id, "publish", null);
    const s = await state(id);
    expect(s).toMatchObject({ status: "published", hidden: 0 });
    expect(s!.published_at).toBeGreaterThan(0);
    expect(await row("SELECT actor_id, organiser_id FROM audit_log WHERE object_id = ? AND action = 'proposal.publish'", id)).toEqual({ actor_id: moderatorUser.user.id, organiser_id: ORG });
    expect(await row("SELECT status, decision, closed_by FROM moderation_items WHERE target_id = ?", id)).toEqual({ status: "closed", decision: "publish", closed_by: moderatorUser.user.id });
    const notes = await rows<{ kind: string; params: string; url: string }>("SELECT kind, params, url FROM notifications WHERE user_id = ? AND url = ?", author.user.id, `/proposals/${id}`);
    expect(notes.length).toBe(1);
    expect(notes[0].kind).toBe("proposal_status");
    expect(JSON.parse(notes[0].params)).toEqual({ title: complete(ORG).title, status: "published", reason: "" });
    // Now public: anyone reads it, with its Open Graph tags and the discussion section.
    expect((await new Browser().api(`/proposals/${id}`)).status).toBe(200);
    const html = await (await new Browser().fetch(`/proposals/${id}`)).text();
    expect(html).toContain(`<meta property="og:title" content="${complete(ORG).title} — Участие">`);
    expect(html).toContain(`<meta property="og:description" content="${complete(ORG).summary}">`);
    expect(html).toContain('<section id="comments"');
    expect(html).toContain("Войдите, чтобы поддержать предложение");
  });

  it("return needs a reason (422 on «reason»); with it the author sees the reason in the history and can fix and resubmit", async () => {
    const id = await submitted();
    const before = await counts("audit_log", "notifications");
    await refused(proposalModeration.decide(ctx(), moderator(), id, "return", "  "), 422, "reason");
    expect(await counts("audit_log", "notifications")).toEqual(before);
    await proposalModeration.decide(ctx(), moderator(), id, "return", "Уточните смету: нет расчёта стоимости светильников");
    expect((await state(id))!.status).toBe("returned");
    const html = await (await author.fetch(`/proposals/${id}`)).text();
    expect(html).toContain("Возвращено на доработку");
    expect(html).toContain("Уточните смету: нет расчёта стоимости светильников");
    expect(html).toContain("Модератор Мэрии");
    // Others do not see the history (nor, here, the proposal at all).
    expect((await resident.fetch(`/proposals/${id}`)).status).toBe(404);
    expect((await author.api(`/proposals/${id}`, { method: "PATCH", json: { budgetRequested: 1_200_000 } })).status).toBe(200);
    expect((await author.api(`/proposals/${id}/submit`, { method: "POST" })).status).toBe(200);
    expect((await state(id))!.status).toBe("submitted");
    expect(await count("moderation_items", "target_id = ? AND status = 'open'", id)).toBe(1);
    expect(await count("moderation_items", "target_id = ?", id)).toBe(2);
    const history = (await (await author.api(`/proposals/${id}`)).json()) as { history: { action: string; reason: string | null }[] };
    expect(history.history.map((h) => h.action)).toEqual(["proposal.create", "proposal.submit", "proposal.return", "proposal.update", "proposal.submit"]);
  });

  it("reject needs a reason; hide needs a reason and restore brings it back; archive", async () => {
    const r = await submitted();
    await refused(proposalModeration.decide(ctx(), moderator(), r, "reject", null), 422, "reason");
    await proposalModeration.decide(ctx(), moderator(), r, "reject", "Не соответствует теме конкурса");
    expect((await state(r))!.status).toBe("rejected");

    const h = await inState("published");
    await refused(proposalModeration.decide(ctx(), moderator(), h, "hide", ""), 422, "reason");
    await proposalModeration.decide(ctx(), moderator(), h, "hide", "Персональные данные в тексте");
    expect(await state(h)).toMatchObject({ status: "published", hidden: 1 });
    expect((await new Browser().api(`/proposals/${h}`)).status).toBe(404);
    expect((await author.api(`/proposals/${h}`)).status).toBe(200);
    await proposalModeration.decide(ctx(), moderator(), h, "restore", null);
    expect(await state(h)).toMatchObject({ status: "published", hidden: 0 });
    const params = (await rows<{ params: string }>("SELECT params FROM notifications WHERE url = ? ORDER BY created_at, rowid", `/proposals/${h}`)).map((n) => JSON.parse(n.params).status);
    expect(params).toEqual(["published", "hidden", "published"]);

    await proposalModeration.decide(ctx(), moderator(), h, "archive", null);
    expect((await state(h))!.status).toBe("archived");
  });

  const MATRIX: { action: ModerationAction; allowedFrom: string[] }[] = [
    { action: "publish", allowedFrom: ["submitted"] },
    { action: "return", allowedFrom: ["submitted"] },
    { action: "reject", allowedFrom: ["submitted"] },
    { action: "hide", allowedFrom: ["published"] },
    { action: "restore", allowedFrom: ["hidden"] },
    // Archiving a hidden proposal is allowed (the lifecycle looks only at the state); it stays hidden.
    { action: "archive", allowedFrom: ["published", "hidden"] },
  ];
  const STATES = ["draft", "submitted", "returned", "published", "hidden", "rejected", "archived", "withdrawn"] as const;
  for (const { action, allowedFrom } of MATRIX)
    it(`${action}: refused with 409 from every other state, nothing written`, async () => {
      for (const s of STATES) {
        if (allowedFrom.includes(s)) continue;
        const id = await inState(s);
        const before = await counts("audit_log", "notifications");
        const p = await refused(proposalModeration.decide(ctx(), moderator(), id, action, "Причина"), 409);
        expect(p.code, `${action} from ${s}`).toBe("conflict");
        expect(await counts("audit_log", "notifications")).toEqual(before);
      }
    });

  it("who: a resident, another organiser's moderator → 403; a moderator on their own proposal → 403 own-content; unknown → 404", async () => {
    const id = await submitted();
    await refused(proposalModeration.decide(ctx(), sessionUser(resident.user), id, "publish", null), 403);
    await refused(proposalModeration.decide(ctx(), sessionUser(otherModeratorUser.user, [{ role: "moderator", organiserId: OTHER }]), id, "publish", null), 403);
    const own = await createProposal(moderatorUser, { ...complete(ORG), submit: true });
    const p = await refused(proposalModeration.decide(ctx(), moderator(), own, "publish", null), 403);
    expect(p.code).toBe("own-content");
    expect(p.titleKey).toBe("proposals.problem.ownContent");
    expect((await state(own))!.status).toBe("submitted");
    await refused(proposalModeration.decide(ctx(), moderator(), "no-such-proposal", "publish", null), 404);
    // The author cannot use moderator moves on the API either (there is no such route; their own PATCH on a submitted one is 409).
    expect((await state(id))!.status).toBe("submitted");
  });

  it("two moderators decide at the same moment: exactly one decision is written, the other gets 409", async () => {
    const second = await newActor();
    await grantRole(second.user.id, "moderator", ORG);
    for (let round = 0; round < 3; round++) {
      const id = await submitted();
      const results = await Promise.allSettled([
        proposalModeration.decide(ctx(), moderator(), id, "publish", null),
        proposalModeration.decide(ctx(), sessionUser(second.user, [{ role: "moderator", organiserId: ORG }]), id, "reject", "Дубликат"),
      ]);
      expect(results.filter((r) => r.status === "fulfilled").length).toBe(1);
      const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect((failed.reason as Problem).status).toBe(409);
      expect(await count("audit_log", "object_id = ? AND action IN ('proposal.publish', 'proposal.reject')", id)).toBe(1);
      expect(await count("notifications", "url = ?", `/proposals/${id}`)).toBe(1);
    }
  });

  it("load() shows what the queue needs; extra statements go into the same batch", async () => {
    const id = await submitted();
    const db = makeDb((env as any).DB);
    expect(await proposalModeration.load(db, id)).toEqual({
      organiserId: ORG,
      authorId: author.user.id,
      label: complete(ORG).title,
      url: `/proposals/${id}`,
      state: "submitted",
      hidden: false,
      public: false,
      actions: ["publish", "return", "reject"],
    });
    expect(await proposalModeration.load(db, "nope")).toBeNull();
    const marker = `extra-${id}`;
    await proposalModeration.decide(ctx(), moderator(), id, "publish", null, [db.insert(auditLog).values({ at: 1, action: marker, objectType: "test", objectId: id })]);
    expect(await count("audit_log", "action = ?", marker)).toBe(1);
  });

  it("hideWhenStatement hides a published proposal only when the condition holds", async () => {
    const db = makeDb((env as any).DB);
    const id = await insertPublished({ organiserId: ORG, authorId: author.user.id });
    await db.batch([proposalModeration.hideWhenStatement(db, id, sql`1 = 0`)]);
    expect((await state(id))!.hidden).toBe(0);
    await db.batch([proposalModeration.hideWhenStatement(db, id, sql`1 = 1`)]);
    expect((await state(id))!.hidden).toBe(1);
    const draft = await createProposal(author, { organiserId: ORG });
    await db.batch([proposalModeration.hideWhenStatement(db, draft, sql`1 = 1`)]);
    expect((await state(draft))!.hidden).toBe(0);
  });
});
