import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { makeDb } from "../../worker/db/client";
import { sendStaleReminders } from "../../worker/moderation/reminders";
import { Browser } from "./client";
import { CYRILLIC, PASSWORD, count, counts, createOrganiser, createUser, expectProblem, grantRole, newActor, row, rows, signedIn } from "./fixtures";
import { insertComment, insertProposal, insertReviewItem } from "./moderation-fixtures";

type Actor = Browser & { user: { id: string; email: string; displayName: string } };

const ORG = "mod-omsk";
const OTHER = "mod-tomsk";
let author: Actor;
let moderator: Actor;
let otherModerator: Actor;
let orgAdmin: Actor;
let residents: Actor[];

beforeAll(async () => {
  await createOrganiser(ORG);
  await createOrganiser(OTHER);
  author = await newActor({ displayName: "Автор предложения" });
  moderator = await newActor({ displayName: "Модератор Омска" });
  otherModerator = await newActor({ displayName: "Модератор Томска" });
  orgAdmin = await newActor({ displayName: "Администратор организатора" });
  await grantRole(moderator.user.id, "moderator", ORG);
  await grantRole(otherModerator.user.id, "moderator", OTHER);
  await grantRole(orgAdmin.user.id, "organiser_admin", ORG);
  residents = await Promise.all(Array.from({ length: 6 }, (_, n) => newActor({ displayName: `Житель ${n}` })));
});

const report = (b: Browser, targetId: string, over: Record<string, unknown> = {}) =>
  b.api("/reports", { json: { targetType: "proposal", targetId, reason: "spam", details: "", ...over } });
const hiddenAt = async (id: string) => (await row<{ hidden_at: number | null }>("SELECT hidden_at FROM proposals WHERE id = ?", id))!.hidden_at;
const openItem = (targetId: string) =>
  row<{ id: string; kind: string; report_count: number; auto_hidden_at: number | null }>("SELECT id, kind, report_count, auto_hidden_at FROM moderation_items WHERE target_id = ? AND status = 'open'", targetId);
const publishedProposal = (title?: string) => insertProposal({ organiserId: ORG, authorId: author.user.id, title });

describe("reports", () => {
  it("need a session (401) and a confirmed account (403)", async () => {
    const id = await publishedProposal();
    await expectProblem(await report(new Browser(), id), 401);
    const unconfirmed = await signedIn(await createUser({ confirmed: false }));
    await expectProblem(await report(unconfirmed, id), 403);
    expect(await count("reports", "target_id = ?", id)).toBe(0);
  });

  it.each([
    { name: "«other» without details", over: { reason: "other" }, field: "details", code: "moderation.field.detailsRequired" },
    { name: "an unknown reason", over: { reason: "boring" }, field: "reason", code: "field.invalidChoice" },
    { name: "details over 1000 characters", over: { details: "я".repeat(1001) }, field: "details", code: "field.tooLong" },
    { name: "an unknown kind of object", over: { targetType: "competition" }, field: "targetType", code: "field.invalidChoice" },
  ])("$name → 422 on that field, nothing written", async ({ over, field, code }) => {
    const id = await publishedProposal();
    const before = await counts("reports", "moderation_items", "audit_log");
    const p = await expectProblem(await report(residents[0], id, over), 422);
    expect(p.errors!.map((e) => [e.field, e.code])).toEqual([[field, code]]);
    expect(p.errors![0].reason).toMatch(CYRILLIC);
    expect(await counts("reports", "moderation_items", "audit_log")).toEqual(before);
  });

  it("an object the reporter cannot see is 404, like one that does not exist", async () => {
    const draft = await insertProposal({ organiserId: ORG, authorId: author.user.id, status: "draft" });
    const hidden = await insertProposal({ organiserId: ORG, authorId: author.user.id, hidden: true });
    await expectProblem(await report(residents[0], draft), 404);
    await expectProblem(await report(residents[0], hidden), 404);
    await expectProblem(await report(residents[0], "no-such-proposal"), 404);
    await expectProblem(await report(residents[0], crypto.randomUUID(), { targetType: "comment" }), 404);
    expect(await count("reports", "target_id IN (?, ?)", draft, hidden)).toBe(0);
  });

  it("one's own object cannot be reported", async () => {
    const id = await publishedProposal();
    const p = await expectProblem(await report(author, id), 422);
    expect(p.errors![0].code).toBe("moderation.field.ownReport");
  });

  it("a report opens a queue item with its count and is audited; a second one by the same person is 409 and changes nothing", async () => {
    const id = await publishedProposal();
    const res = await report(residents[0], id, { reason: "other", details: "Реклама магазина в тексте" });
    expect(res.status).toBe(201);
    expect(await openItem(id)).toMatchObject({ kind: "reports", report_count: 1, auto_hidden_at: null });
    expect(await count("audit_log", "action = 'report.create' AND object_id = ? AND actor_id = ?", id, residents[0].user.id)).toBe(1);
    const before = await counts("reports", "moderation_items", "audit_log");
    const dup = await expectProblem(await report(residents[0], id, { reason: "insult" }), 409);
    expect(dup.title).toBe("Вы уже пожаловались на этот материал.");
    expect(await counts("reports", "moderation_items", "audit_log")).toEqual(before);
  });

  it("the object is hidden exactly when the third distinct person reports it, audited once", async () => {
    const id = await publishedProposal();
    for (const n of [0, 1]) expect((await report(residents[n], id)).status).toBe(201);
    expect(await hiddenAt(id)).toBeNull();
    expect((await openItem(id))!.report_count).toBe(2);
    expect((await report(residents[2], id)).status).toBe(201);
    expect(await hiddenAt(id)).not.toBeNull();
    expect((await openItem(id))!.auto_hidden_at).not.toBeNull();
    expect(await count("audit_log", "action = 'moderation.auto_hide' AND object_id = ?", id)).toBe(1);
    // Hidden now: a fourth person can no longer see it, so cannot report it either.
    await expectProblem(await report(residents[3], id), 404);
    expect((await openItem(id))!.report_count).toBe(3);
  });

  it("concurrent reports by distinct people: counted exactly, hidden once", async () => {
    const id = await publishedProposal();
    const results = await Promise.all(residents.slice(0, 5).map((r) => report(r, id)));
    // Whoever looked after it was hidden no longer sees it (404); everyone else's report counts.
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 404)).toBe(true);
    const accepted = statuses.filter((s) => s === 201).length;
    expect(accepted).toBeGreaterThanOrEqual(3);
    expect(await count("reports", "target_id = ?", id)).toBe(accepted);
    expect((await openItem(id))!.report_count).toBe(accepted);
    expect(await count("moderation_items", "target_id = ?", id)).toBe(1);
    expect(await hiddenAt(id)).not.toBeNull();
    expect(await count("audit_log", "action = 'moderation.auto_hide' AND object_id = ?", id)).toBe(1);
  });

  it("the same person reporting concurrently gets one report", async () => {
    const id = await publishedProposal();
    const results = await Promise.all(Array.from({ length: 4 }, () => report(residents[5], id)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect((await openItem(id))!.report_count).toBe(1);
  });

  it("a report on an object under review joins its review item", async () => {
    const id = await insertProposal({ organiserId: ORG, authorId: author.user.id, status: "submitted" });
    const item = await insertReviewItem({ organiserId: ORG, proposalId: id, authorId: author.user.id });
    // Only the author and the organiser's moderators can see a submitted proposal.
    await expectProblem(await report(residents[0], id), 404);
    expect((await report(orgAdmin, id, { reason: "off_topic" })).status).toBe(201);
    expect(await openItem(id)).toMatchObject({ id: item, kind: "review", report_count: 1 });
  });

  it("comments can be reported too", async () => {
    const p = await publishedProposal();
    const comment = await insertComment({ proposalId: p, organiserId: ORG, authorId: residents[4].user.id });
    expect((await report(residents[0], comment, { targetType: "comment", reason: "insult" })).status).toBe(201);
    expect(await row("SELECT target_type, kind, author_id FROM moderation_items WHERE target_id = ?", comment)).toEqual({ target_type: "comment", kind: "reports", author_id: residents[4].user.id });
  });

  it("the page: a radio group in a fieldset, a labelled textarea, a confirmation, and «Вы уже пожаловались» the second time", async () => {
    const id = await publishedProposal("Сквер <b>у реки</b>");
    const page = await residents[1].fetch(`/report?type=proposal&id=${id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<fieldset[^>]*>\s*<legend>Причина жалобы/);
    expect(html.match(/type="radio"/g)!.length).toBe(6);
    expect(html).toContain('<label for="f-details">');
    expect(html).toContain("Сквер &lt;b>у реки&lt;/b>");
    expect(html).not.toContain("<b>у реки");
    const bad = await residents[1].fetch("/report", { form: { targetType: "proposal", targetId: id, reason: "other", details: "" } });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("подробности обязательны");
    const ok = await residents[1].fetch("/report", { form: { targetType: "proposal", targetId: id, reason: "spam", details: "" } });
    expect(ok.status).toBe(201);
    expect(await ok.text()).toContain(`href="/proposals/${id}"`);
    const again = await residents[1].fetch("/report", { form: { targetType: "proposal", targetId: id, reason: "spam", details: "" } });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Вы уже пожаловались");
    // Without a session: to the sign-in page.
    const anon = await new Browser().fetch(`/report?type=proposal&id=${id}`);
    expect(anon.status).toBe(303);
  });
});

describe("the queue", () => {
  const QORG = "mod-queue-org";
  let queueModerator: Actor;
  beforeAll(async () => {
    await createOrganiser(QORG);
    queueModerator = await newActor();
    await grantRole(queueModerator.user.id, "moderator", QORG);
  });

  it("shows open items oldest first with reasons counted and details, paginated by key", async () => {
    const now = Date.now();
    const ids: string[] = [];
    for (let n = 0; n < 21; n++) {
      const p = await insertProposal({ organiserId: QORG, authorId: author.user.id, status: "submitted", createdAt: now - (30 - n) * 3600_000 });
      ids.push(await insertReviewItem({ organiserId: QORG, proposalId: p, authorId: author.user.id, createdAt: now - (30 - n) * 3600_000, label: `№${n}` }));
    }
    const first = (await (await queueModerator.api(`/moderation/queue?organiser=${QORG}`)).json()) as any;
    expect(first.items.map((i: any) => i.id)).toEqual(ids.slice(0, 20));
    expect(first.items[0]).toMatchObject({ kind: "review", targetType: "proposal", actions: ["publish", "return", "reject"], own: false });
    expect(first.items[0].ageMs).toBeGreaterThanOrEqual(30 * 3600_000);
    const second = (await (await queueModerator.api(`/moderation/queue?organiser=${QORG}&after=${first.next}`)).json()) as any;
    expect(second.items.map((i: any) => i.id)).toEqual([ids[20]]);
    expect(second.next).toBeNull();
  });

  it("reports' reasons are counted and their details listed", async () => {
    const id = await publishedProposal();
    await report(residents[0], id, { reason: "spam" });
    await report(residents[1], id, { reason: "spam", details: "Ссылка на магазин" });
    const q = (await (await moderator.api(`/moderation/queue?organiser=${ORG}`)).json()) as any;
    const item = q.items.find((i: any) => i.targetId === id);
    expect(item).toMatchObject({ kind: "reports", reportCount: 2, reasons: [{ reason: "spam", count: 2 }], details: ["Ссылка на магазин"] });
    expect(item.actions).toEqual(["archive", "hide", "dismiss"]);
  });

  it("nobody else sees it: a resident 403, another organiser's moderator 403", async () => {
    await expectProblem(await residents[0].api(`/moderation/queue?organiser=${ORG}`), 403);
    await expectProblem(await residents[0].api("/moderation/queue"), 403);
    await expectProblem(await otherModerator.api(`/moderation/queue?organiser=${ORG}`), 403);
    await expectProblem(await new Browser().api("/moderation/queue"), 401);
    // Without a choice, a moderator sees their own organiser's queue.
    const own = (await (await otherModerator.api("/moderation/queue")).json()) as any;
    expect(own.organiserId).toBe(OTHER);
    const page = await residents[0].fetch("/moderation");
    expect(page.status).toBe(403);
  });

  it("the page: ages in words, the item's label escaped, a decision form; the navigation link only for moderators", async () => {
    const id = await publishedProposal("<script>alert(1)</script> Фонари");
    await report(residents[0], id);
    const res = await moderator.fetch(`/moderation?organiser=${ORG}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("&lt;script>alert(1)&lt;/script> Фонари");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toMatch(/ждёт \d+ минут/);
    expect(html).toContain('href="/moderation"');
    expect(html).toContain("/moderation/items/");
    const residentHome = await (await residents[0].fetch("/")).text();
    expect(residentHome).not.toContain('href="/moderation"');
    expect(residentHome).toContain('href="/moderation/public"');
  });
});

describe("decisions", () => {
  it("not on one's own content: 403 with its own problem", async () => {
    const id = await insertProposal({ organiserId: ORG, authorId: moderator.user.id, status: "submitted" });
    const item = await insertReviewItem({ organiserId: ORG, proposalId: id, authorId: moderator.user.id });
    const p = await expectProblem(await moderator.api(`/moderation/items/${item}/decision`, { json: { action: "publish" } }), 403);
    expect(p.type).toMatch(/own-content$/);
    expect(p.title).toBe("Нельзя принимать решение по собственному материалу.");
  });

  it("not by another organiser's moderator or a resident", async () => {
    const id = await insertProposal({ organiserId: ORG, authorId: author.user.id, status: "submitted" });
    const item = await insertReviewItem({ organiserId: ORG, proposalId: id, authorId: author.user.id });
    await expectProblem(await otherModerator.api(`/moderation/items/${item}/decision`, { json: { action: "publish" } }), 403);
    await expectProblem(await residents[0].api(`/moderation/items/${item}/decision`, { json: { action: "publish" } }), 403);
    expect((await row<{ status: string }>("SELECT status FROM proposals WHERE id = ?", id))!.status).toBe("submitted");
  });

  it("hiding a reported proposal: reports upheld, each reporter notified, audited, the template's text as the reason; a second decision is 409", async () => {
    const id = await publishedProposal("Реклама под видом проекта");
    await report(residents[0], id);
    await report(residents[1], id, { reason: "other", details: "Это объявление" });
    const tpl = (await (await orgAdmin.api(`/moderation/settings/${ORG}/templates`, { json: { action: "hide", text: "Реклама" } })).json()) as { id: string };
    const item = (await openItem(id))!.id;
    const res = await moderator.api(`/moderation/items/${item}/decision`, { json: { action: "hide", templateId: tpl.id } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ outcome: "upheld", notified: 2 });
    expect(await hiddenAt(id)).not.toBeNull();
    expect(await rows("SELECT status FROM reports WHERE target_id = ?", id)).toEqual([{ status: "upheld" }, { status: "upheld" }]);
    expect(await row("SELECT status, decision, reason, closed_by FROM moderation_items WHERE id = ?", item)).toEqual({ status: "closed", decision: "hide", reason: "Реклама", closed_by: moderator.user.id });
    expect(await count("audit_log", "action = 'proposal.hide' AND object_id = ? AND actor_id = ? AND reason = 'Реклама'", id, moderator.user.id)).toBe(1);
    expect(await count("audit_log", "action = 'reports.upheld' AND object_id = ?", id)).toBe(1);
    const notes = await rows<{ user_id: string; params: string }>("SELECT user_id, params FROM notifications WHERE kind = 'report_decided' AND user_id IN (?, ?) AND params LIKE ?", residents[0].user.id, residents[1].user.id, "%Реклама под видом%");
    expect(notes.map((n) => n.user_id).sort()).toEqual([residents[0].user.id, residents[1].user.id].sort());
    expect(JSON.parse(notes[0].params)).toEqual({ label: "Реклама под видом проекта", decision: "hide" });
    await expectProblem(await moderator.api(`/moderation/items/${item}/decision`, { json: { action: "restore" } }), 409);
  });

  it("a template of another organiser is a field error", async () => {
    const tpl = (await (await orgAdmin.api(`/moderation/settings/${ORG}/templates`, { json: { action: "reject", text: "Не по теме конкурса" } })).json()) as { id: string };
    const p = await insertProposal({ organiserId: OTHER, authorId: author.user.id, status: "submitted" });
    const item = await insertReviewItem({ organiserId: OTHER, proposalId: p, authorId: author.user.id });
    const problem = await expectProblem(await otherModerator.api(`/moderation/items/${item}/decision`, { json: { action: "reject", templateId: tpl.id } }), 422);
    expect(problem.errors![0]).toMatchObject({ field: "templateId", code: "moderation.field.unknownTemplate" });
  });

  it("restoring a proposal hidden by reports dismisses them", async () => {
    const id = await publishedProposal();
    for (const n of [0, 1, 2]) await report(residents[n], id);
    expect(await hiddenAt(id)).not.toBeNull();
    const item = (await openItem(id))!.id;
    const res = await moderator.api(`/moderation/items/${item}/decision`, { json: { action: "restore" } });
    expect(await res.json()).toEqual({ outcome: "dismissed", notified: 3 });
    expect(await hiddenAt(id)).toBeNull();
    expect(await count("reports", "target_id = ? AND status = 'dismissed'", id)).toBe(3);
  });

  it("dismissing reports on a comment that stays up; not possible once it is hidden", async () => {
    const p = await publishedProposal();
    const comment = await insertComment({ proposalId: p, organiserId: ORG, authorId: residents[5].user.id });
    await report(residents[0], comment, { targetType: "comment" });
    const item = (await openItem(comment))!.id;
    const res = await moderator.fetch(`/moderation/items/${item}/decision`, { form: { action: "dismiss", templateId: "", reason: "Мнение, а не оскорбление" } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/moderation?organiser=${ORG}&done=moderation.queue.decided`);
    expect(await row("SELECT status, decision, reason FROM moderation_items WHERE id = ?", item)).toEqual({ status: "closed", decision: "dismiss", reason: "Мнение, а не оскорбление" });
    expect(await count("reports", "target_id = ? AND status = 'dismissed'", comment)).toBe(1);
    expect(await count("audit_log", "action = 'moderation.dismiss' AND object_id = ?", comment)).toBe(1);

    const hidden = await insertComment({ proposalId: p, organiserId: ORG, authorId: residents[5].user.id, status: "visible" });
    await orgAdmin.api(`/moderation/settings/${ORG}`, { method: "PUT", json: { reportThreshold: 1, staleAfterHours: 48 } });
    await report(residents[0], hidden, { targetType: "comment" });
    await orgAdmin.api(`/moderation/settings/${ORG}`, { method: "PUT", json: { reportThreshold: 3, staleAfterHours: 48 } });
    expect((await row<{ status: string }>("SELECT status FROM comments WHERE id = ?", hidden))!.status).toBe("hidden");
    const hiddenItem = (await openItem(hidden))!.id;
    await expectProblem(await moderator.api(`/moderation/items/${hiddenItem}/decision`, { json: { action: "dismiss" } }), 409);
  });

  it("a failed page form shows the queue again with the reason on the item", async () => {
    const id = await insertProposal({ organiserId: ORG, authorId: author.user.id, status: "submitted" });
    const item = await insertReviewItem({ organiserId: ORG, proposalId: id, authorId: author.user.id });
    const res = await moderator.fetch(`/moderation/items/${item}/decision`, { form: { action: "reject", templateId: "", reason: "" } });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain("Укажите причину");
  });
});

describe("blocking an author", () => {
  it("blocks for the given days, ends every session, audited; sign-in refused", async () => {
    const troll = await createUser({ displayName: "Нарушитель" });
    const trollBrowser = await signedIn(troll);
    const p = await publishedProposal();
    await insertComment({ proposalId: p, organiserId: ORG, authorId: troll.id });
    const comment = await insertComment({ proposalId: p, organiserId: ORG, authorId: troll.id, body: "Оскорбление" });
    await report(residents[0], comment, { targetType: "comment", reason: "insult" });
    const res = await moderator.api("/moderation/block", { json: { userId: troll.id, organiserId: ORG, days: 7, reason: "Оскорбления" } });
    expect(res.status).toBe(200);
    const until = (await row<{ blocked_until: number }>("SELECT blocked_until FROM users WHERE id = ?", troll.id))!.blocked_until;
    expect(until - Date.now()).toBeGreaterThan(6.9 * 86400_000);
    expect(await count("sessions", "user_id = ?", troll.id)).toBe(0);
    expect(await count("audit_log", "action = 'account.block' AND object_id = ? AND actor_id = ? AND reason = 'Оскорбления'", troll.id, moderator.user.id)).toBe(1);
    expect((await trollBrowser.api("/me")).status).toBe(401);
    await expectProblem(await new Browser().api("/accounts/signin", { json: { email: troll.email, password: PASSWORD } }), 403);
  });

  it("only authors in one's own organiser's queue, never oneself or a platform admin, 1..365 days", async () => {
    const stranger = await createUser();
    await expectProblem(await moderator.api("/moderation/block", { json: { userId: stranger.id, organiserId: ORG, days: 7 } }), 403);
    await expectProblem(await moderator.api("/moderation/block", { json: { userId: moderator.user.id, organiserId: ORG, days: 7 } }), 403);
    // Someone with content only in ORG's queue: the other organiser's moderator can block them neither for ORG nor for OTHER.
    const orgOnly = await createUser();
    await insertReviewItem({ organiserId: ORG, proposalId: await insertProposal({ organiserId: ORG, authorId: orgOnly.id, status: "submitted" }), authorId: orgOnly.id });
    await expectProblem(await otherModerator.api("/moderation/block", { json: { userId: orgOnly.id, organiserId: ORG, days: 7 } }), 403);
    const notInQueue = await expectProblem(await otherModerator.api("/moderation/block", { json: { userId: orgOnly.id, organiserId: OTHER, days: 7 } }), 403);
    expect(notInQueue.type).toMatch(/not-in-queue$/);
    const admin = await createUser();
    await grantRole(admin.id, "platform_admin");
    await insertReviewItem({ organiserId: ORG, proposalId: await insertProposal({ organiserId: ORG, authorId: admin.id, status: "submitted" }), authorId: admin.id });
    const p = await expectProblem(await moderator.api("/moderation/block", { json: { userId: admin.id, organiserId: ORG, days: 7 } }), 403);
    expect(p.type).toMatch(/block-admin$/);
    for (const days of [0, 366]) {
      const bad = await expectProblem(await moderator.api("/moderation/block", { json: { userId: author.user.id, organiserId: ORG, days } }), 422);
      expect(bad.errors![0].field).toBe("days");
    }
    expect(await row("SELECT blocked_until FROM users WHERE id = ?", stranger.id)).toEqual({ blocked_until: null });
    expect(await row("SELECT blocked_until FROM users WHERE id = ?", author.user.id)).toEqual({ blocked_until: null });
    expect(await row("SELECT blocked_until FROM users WHERE id = ?", orgOnly.id)).toEqual({ blocked_until: null });
  });
});

describe("settings", () => {
  it("only the organiser's admins; limits 1..50 and 1..720", async () => {
    await expectProblem(await moderator.api(`/moderation/settings/${ORG}`), 403);
    await expectProblem(await residents[0].api(`/moderation/settings/${ORG}`, { method: "PUT", json: { reportThreshold: 5, staleAfterHours: 24 } }), 403);
    await expectProblem(await orgAdmin.api(`/moderation/settings/${OTHER}`, { method: "PUT", json: { reportThreshold: 5, staleAfterHours: 24 } }), 403);
    const bad = await expectProblem(await orgAdmin.api(`/moderation/settings/${ORG}`, { method: "PUT", json: { reportThreshold: 51, staleAfterHours: 0 } }), 422);
    expect(bad.errors!.map((e) => e.field).sort()).toEqual(["reportThreshold", "staleAfterHours"]);
    expect((await orgAdmin.api(`/moderation/settings/${ORG}`, { method: "PUT", json: { reportThreshold: 3, staleAfterHours: 24 } })).status).toBe(200);
    expect(await (await orgAdmin.api(`/moderation/settings/${ORG}`)).json()).toMatchObject({ reportThreshold: 3, staleAfterHours: 24 });
    expect(await count("audit_log", "action = 'moderation.settings' AND object_id = ?", ORG)).toBeGreaterThan(0);
  });

  it("templates: added and removed by admins, at most 30 per organiser, from the page too", async () => {
    const TORG = "mod-templates";
    await createOrganiser(TORG);
    const admin = await newActor();
    await grantRole(admin.user.id, "organiser_admin", TORG);
    await expectProblem(await moderator.api(`/moderation/settings/${TORG}/templates`, { json: { action: "hide", text: "Реклама" } }), 403);
    for (let n = 0; n < 30; n++) expect((await admin.api(`/moderation/settings/${TORG}/templates`, { json: { action: "hide", text: `Причина ${n}` } })).status).toBe(201);
    const over = await expectProblem(await admin.api(`/moderation/settings/${TORG}/templates`, { json: { action: "hide", text: "Лишняя" } }), 422);
    expect(over.errors![0].reason).toContain("30");
    expect(await count("moderation_reason_templates", "organiser_id = ?", TORG)).toBe(30);
    const [first] = await rows<{ id: string }>("SELECT id FROM moderation_reason_templates WHERE organiser_id = ? LIMIT 1", TORG);
    await expectProblem(await moderator.api(`/moderation/templates/${first.id}`, { method: "DELETE" }), 403);
    const del = await admin.fetch(`/moderation/settings/templates/${first.id}/delete`, { form: {} });
    expect(del.status).toBe(303);
    expect(await count("moderation_reason_templates", "organiser_id = ?", TORG)).toBe(29);
    const page = await admin.fetch(`/moderation/settings?organiser=${TORG}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Причина 1");
    const form = await admin.fetch(`/moderation/settings?organiser=${TORG}`, { form: { reportThreshold: "0", staleAfterHours: "24" } });
    expect(form.status).toBe(422);
    expect(await (await moderator.fetch(`/moderation/settings?organiser=${TORG}`)).status).toBe(403);
  });

  it("a threshold of 1 hides on the first report", async () => {
    const SORG = "mod-strict";
    await createOrganiser(SORG);
    const admin = await newActor();
    await grantRole(admin.user.id, "organiser_admin", SORG);
    await admin.api(`/moderation/settings/${SORG}`, { method: "PUT", json: { reportThreshold: 1, staleAfterHours: 24 } });
    const id = await insertProposal({ organiserId: SORG, authorId: author.user.id });
    await report(residents[0], id);
    expect(await hiddenAt(id)).not.toBeNull();
  });
});

describe("the public openness page", () => {
  it("lists hidden and rejected items with date and reason, never their label or content", async () => {
    const POrg = "mod-public";
    await createOrganiser(POrg);
    const mod = await newActor();
    await grantRole(mod.user.id, "moderator", POrg);
    const id = await insertProposal({ organiserId: POrg, authorId: author.user.id, status: "submitted", title: "Секретный заголовок предложения" });
    const item = await insertReviewItem({ organiserId: POrg, proposalId: id, authorId: author.user.id, label: "Секретный заголовок предложения" });
    expect((await mod.api(`/moderation/items/${item}/decision`, { json: { action: "reject", reason: "Не соответствует теме <конкурса>" } })).status).toBe(200);
    const api = (await (await new Browser().api(`/moderation/public?organiser=${POrg}`)).json()) as any;
    expect(api.items).toHaveLength(1);
    expect(api.items[0]).toMatchObject({ organiserId: POrg, targetType: "proposal", decision: "reject", reason: "Не соответствует теме <конкурса>" });
    expect(JSON.stringify(api)).not.toContain("Секретный");
    const html = await (await new Browser().fetch(`/moderation/public?organiser=${POrg}`)).text();
    expect(html).toContain("Не соответствует теме &lt;конкурса>");
    expect(html).toContain("Отклонено");
    expect(html).not.toContain("Секретный");
  });
});

describe("reminders", () => {
  it("notify the queue's moderators once per period when items wait longer than the set age", async () => {
    const RORG = "mod-remind";
    await createOrganiser(RORG);
    const mod = await newActor();
    const admin = await newActor();
    await grantRole(mod.user.id, "moderator", RORG);
    await grantRole(admin.user.id, "organiser_admin", RORG);
    await admin.api(`/moderation/settings/${RORG}`, { method: "PUT", json: { reportThreshold: 3, staleAfterHours: 2 } });
    const now = Date.now();
    const p = await insertProposal({ organiserId: RORG, authorId: author.user.id, status: "submitted" });
    await insertReviewItem({ organiserId: RORG, proposalId: p, authorId: author.user.id, createdAt: now - 1 * 3600_000 });
    const ctx = { db: makeDb((env as any).DB), env: env as any, origin: "", locale: "ru" as const };
    expect(await sendStaleReminders(ctx, now)).not.toContain(RORG);
    const later = now + 2 * 3600_000;
    expect(await sendStaleReminders(ctx, later)).toContain(RORG);
    const notes = await rows<{ user_id: string; params: string; url: string }>("SELECT user_id, params, url FROM notifications WHERE kind = 'queue_stale' AND url = ?", `/moderation?organiser=${RORG}`);
    expect(notes.map((n) => n.user_id).sort()).toEqual([mod.user.id, admin.user.id].sort());
    expect(JSON.parse(notes[0].params)).toMatchObject({ count: 1 });
    expect(await sendStaleReminders(ctx, later + 3600_000)).not.toContain(RORG);
    expect(await count("notifications", "kind = 'queue_stale' AND url = ?", `/moderation?organiser=${RORG}`)).toBe(2);
    expect(await sendStaleReminders(ctx, later + 2 * 3600_000)).toContain(RORG);
    expect(await count("notifications", "kind = 'queue_stale' AND url = ?", `/moderation?organiser=${RORG}`)).toBe(4);
  });
});
