import { COMMENT_LIMITS } from "../../worker/comments/rules";
import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadSessionUser } from "../../worker/accounts/data";
import { sha256 } from "../../worker/accounts/tokens";
import { commentModeration } from "../../worker/comments/moderation";
import { makeDb } from "../../worker/db/client";
import type { Browser } from "./client";
import { createProposal, insertComment, setCreatedAt } from "./comment-fixtures";
import { CYRILLIC, count, counts, createOrganiser, createUser, db, expectProblem, fillRateLimit, grantRole, newActor, row, rows, signedIn, type TestUser } from "./fixtures";

type Actor = Browser & { user: TestUser };
const ORG = "org-comments";
let author: Actor; // writes the proposal
let alice: Actor;
let boris: Actor;
let moderator: Actor;
let proposal: string;

beforeAll(async () => {
  await createOrganiser(ORG);
  author = await newActor({ displayName: "Автор предложения" });
  moderator = await newActor({ displayName: "Модератор" });
  await grantRole(moderator.user.id, "moderator", ORG);
  proposal = await createProposal({ organiserId: ORG, authorId: author.user.id });
});

// Fresh commenters for every test: each account may post 10 comments a minute (the limit under test below).
beforeEach(async () => {
  alice = await newActor({ displayName: "Алиса" });
  boris = await newActor({ displayName: "Борис" });
});

interface Posted {
  id: string;
  url: string;
}
async function post(b: Browser, body: string, opts: { parentId?: string; proposalId?: string } = {}): Promise<Posted> {
  const res = await b.api("/comments", { json: { targetType: "proposal", targetId: opts.proposalId ?? proposal, parentId: opts.parentId, body } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Posted;
}
const list = async (b: Browser, proposalId = proposal, after?: string) => {
  const res = await b.api(`/comments?targetType=proposal&targetId=${proposalId}${after ? `&after=${after}` : ""}`);
  expect(res.status).toBe(200);
  return (await res.json()) as any;
};
const commentCount = async (id = proposal) => (await row<{ comment_count: number }>("SELECT comment_count FROM proposals WHERE id = ?", id))!.comment_count;
const recount = (id = proposal) => count("comments", "target_type = 'proposal' AND target_id = ? AND status <> 'deleted'", id);

describe("posting and replying", () => {
  it("a top-level comment: stored as written (trimmed, line breaks kept), counted, listed", async () => {
    const p = await createProposal({ organiserId: ORG, authorId: author.user.id });
    const r = await post(alice, "  Поддерживаю.\nНужны ещё урны.  ", { proposalId: p });
    expect(r.url).toBe(`/proposals/${p}#comment-${r.id}`);
    expect(await row("SELECT body, status, parent_id, root_id, organiser_id, author_id FROM comments WHERE id = ?", r.id)).toEqual({
      body: "Поддерживаю.\nНужны ещё урны.",
      status: "visible",
      parent_id: null,
      root_id: r.id,
      organiser_id: ORG,
      author_id: alice.user.id,
    });
    expect(await commentCount(p)).toBe(1);
    const d = await list(boris, p);
    expect(d.count).toBe(1);
    expect(d.items).toHaveLength(1);
    expect(d.items[0]).toMatchObject({ id: r.id, body: "Поддерживаю.\nНужны ещё урны.", author: { id: alice.user.id, name: "Алиса" }, replies: [], canVote: true, canReply: true, canDelete: false, editableUntil: null });
  });

  it("a reply notifies the parent's author (not yourself); a reply to a reply hangs under the same root and says whom it answers", async () => {
    const p = await createProposal({ organiserId: ORG, authorId: author.user.id, title: "Детская площадка во дворе" });
    const root = await post(alice, "Где именно?", { proposalId: p });
    const before = await count("notifications", "user_id = ?", alice.user.id);
    const a = await post(boris, "У дома 5, см. https://maps.example.ru/x", { proposalId: p, parentId: root.id });
    const notes = await rows<{ kind: string; params: string; url: string }>("SELECT kind, params, url FROM notifications WHERE user_id = ? ORDER BY created_at DESC", alice.user.id);
    expect(notes.length).toBe(before + 1);
    expect(notes[0].kind).toBe("comment_reply");
    expect(JSON.parse(notes[0].params)).toEqual({ title: "Детская площадка во дворе", name: "Борис", excerpt: "У дома 5, см. https://maps.example.ru/x" });
    expect(notes[0].url).toBe(`/proposals/${p}#comment-${a.id}`);

    // Alice answers Boris: Boris is notified; Boris answering himself notifies nobody.
    const b = await post(alice, "Спасибо!", { proposalId: p, parentId: a.id });
    expect(await count("notifications", "user_id = ? AND kind = 'comment_reply'", boris.user.id)).toBe(1);
    const beforeSelf = await count("notifications", "user_id = ?", boris.user.id);
    await post(boris, "Дополню сам себя", { proposalId: p, parentId: a.id });
    expect(await count("notifications", "user_id = ?", boris.user.id)).toBe(beforeSelf);
    // The proposal's author hears of every one of these comments (kind proposal_comment), once each.
    expect(await count("notifications", "user_id = ? AND kind = 'proposal_comment' AND url LIKE ?", author.user.id, `/proposals/${p}#%`)).toBe(4);

    expect(await row("SELECT parent_id, root_id FROM comments WHERE id = ?", b.id)).toEqual({ parent_id: a.id, root_id: root.id });
    expect((await row<{ reply_count: number }>("SELECT reply_count FROM comments WHERE id = ?", root.id))!.reply_count).toBe(3);
    const d = await list(author, p);
    expect(d.items).toHaveLength(1);
    const replies = d.items[0].replies;
    expect(replies.map((r: any) => r.id)).toEqual([a.id, b.id, expect.any(String)]);
    expect(replies[0].inReplyTo).toBeNull(); // answers the thread's first comment
    expect(replies[1].inReplyTo).toEqual({ id: a.id, name: "Борис", deletedAccount: false });
    expect(d.count).toBe(4);
    expect(await commentCount(p)).toBe(4);
  });

  it("a reply to a comment of another proposal → 422 on parentId; to a deleted comment → 409; nothing written", async () => {
    const other = await createProposal({ organiserId: ORG, authorId: author.user.id });
    const foreign = await post(alice, "В другом обсуждении", { proposalId: other });
    const before = await counts("comments", "notifications");
    const p1 = await expectProblem(await boris.api("/comments", { json: { targetType: "proposal", targetId: proposal, parentId: foreign.id, body: "Ответ" } }), 422);
    expect(p1.errors!.map((e) => e.field)).toEqual(["parentId"]);
    const gone = await post(alice, "Удалю", { proposalId: other });
    expect((await alice.api(`/comments/${gone.id}`, { method: "DELETE" })).status).toBe(200);
    const after1 = await counts("comments", "notifications");
    await expectProblem(await boris.api("/comments", { json: { targetType: "proposal", targetId: other, parentId: gone.id, body: "Ответ" } }), 409);
    expect(await counts("comments", "notifications")).toEqual(after1);
    // Only the «Удалю» comment told the proposal's author; the refused replies wrote nothing.
    expect(after1.notifications).toBe(before.notifications + 1);
  });
});

describe("the proposal's author hears of comments", () => {
  it("a comment by someone else notifies the author once; the author's own comment and a reply to the author's comment (comment_reply instead) do not add a proposal_comment", async () => {
    const p = await createProposal({ organiserId: ORG, authorId: author.user.id, title: "Сквер у школы" });
    const c = await post(alice, "Отличная идея", { proposalId: p });
    const notes = await rows<{ kind: string; params: string; url: string }>("SELECT kind, params, url FROM notifications WHERE user_id = ? AND kind = 'proposal_comment'", author.user.id);
    const mine = notes.filter((n) => JSON.parse(n.params).title === "Сквер у школы");
    expect(mine).toEqual([{ kind: "proposal_comment", params: JSON.stringify({ title: "Сквер у школы", name: "Алиса", excerpt: "Отличная идея" }), url: `/proposals/${p}#comment-${c.id}` }]);
    const before = await count("notifications", "user_id = ?", author.user.id);
    const own = await post(author, "Спасибо, Алиса", { proposalId: p, parentId: c.id });
    expect(await count("notifications", "user_id = ?", author.user.id)).toBe(before);
    await post(boris, "Автору: а смета есть?", { proposalId: p, parentId: own.id });
    expect(await count("notifications", "user_id = ?", author.user.id)).toBe(before + 1);
    expect(await count("notifications", "user_id = ? AND kind = 'comment_reply'", author.user.id)).toBeGreaterThanOrEqual(1);
  });
});

describe("limits and validation", () => {
  it.each([
    { name: "empty", body: "", code: "field.required" },
    { name: "only spaces and newlines", body: "  \n\r\n\t ", code: "field.required" },
    { name: "4001 characters", body: "ж".repeat(4001), code: "field.tooLong" },
  ])("$name → 422 with field body in Russian, nothing written", async ({ body, code }) => {
    const before = await counts("comments", "notifications");
    const p = await expectProblem(await alice.api("/comments", { json: { targetType: "proposal", targetId: proposal, body } }), 422);
    expect(p.errors).toEqual([{ field: "body", code, reason: expect.stringMatching(CYRILLIC) }]);
    expect(await counts("comments", "notifications")).toEqual(before);
  });

  it("exactly 4000 characters after trimming is accepted", async () => {
    const r = await post(boris, `  ${"ж".repeat(4000)}  `);
    expect((await row<{ n: number }>("SELECT length(body) AS n FROM comments WHERE id = ?", r.id))!.n).toBe(4000);
  });

  it("English readers get English reasons", async () => {
    const en = await newActor({ locale: "en" });
    const p = await expectProblem(await en.api("/comments", { json: { targetType: "proposal", targetId: proposal, body: "" } }), 422);
    expect(p.errors![0].reason).not.toMatch(CYRILLIC);
  });

  it("unknown target type or proposal → 422 / 404", async () => {
    await expectProblem(await alice.api("/comments", { json: { targetType: "poll", targetId: proposal, body: "x" } }), 422);
    await expectProblem(await alice.api("/comments", { json: { targetType: "proposal", targetId: "no-such", body: "x" } }), 404);
    await expectProblem(await alice.api("/comments?targetType=proposal&targetId=no-such"), 404);
  });
});

describe("where comments are accepted", () => {
  it("a draft: others get 404 (reading and posting); its author may read but not comment (409)", async () => {
    const draft = await createProposal({ organiserId: ORG, authorId: author.user.id, status: "draft" });
    await expectProblem(await alice.api(`/comments?targetType=proposal&targetId=${draft}`), 404);
    await expectProblem(await alice.api("/comments", { json: { targetType: "proposal", targetId: draft, body: "Привет" } }), 404);
    const d = await list(author, draft);
    expect(d).toMatchObject({ canPost: false, refusal: "closed", items: [] });
    await expectProblem(await author.api("/comments", { json: { targetType: "proposal", targetId: draft, body: "Привет" } }), 409);
    expect(await count("comments", "target_id = ?", draft)).toBe(0);
  });

  it("a hidden proposal: 404 to others, closed to its moderator; an archived one: readable, closed", async () => {
    const hidden = await createProposal({ organiserId: ORG, authorId: author.user.id, hidden: true });
    await expectProblem(await alice.api("/comments", { json: { targetType: "proposal", targetId: hidden, body: "x" } }), 404);
    expect((await list(moderator, hidden)).refusal).toBe("closed");
    const archived = await createProposal({ organiserId: ORG, authorId: author.user.id, status: "archived" });
    expect((await list(alice, archived)).refusal).toBe("closed");
    await expectProblem(await alice.api("/comments", { json: { targetType: "proposal", targetId: archived, body: "x" } }), 409);
  });

  it("anonymous readers read; posting needs a session (401); an unconfirmed account → 403; a blocked one → 403 for posts and votes", async () => {
    const { Browser } = await import("./client");
    const anon = new Browser();
    const d = await list(anon as Actor);
    expect(d.refusal).toBe("signIn");
    await expectProblem(await anon.api("/comments", { json: { targetType: "proposal", targetId: proposal, body: "x" } }), 401);
    const unconfirmed = await signedIn(await createUser({ confirmed: false }));
    expect((await list(unconfirmed as Actor)).refusal).toBe("confirm");
    await expectProblem(await unconfirmed.api("/comments", { json: { targetType: "proposal", targetId: proposal, body: "x" } }), 403);

    const target = await post(alice, "Оцените меня");
    const blocked = await newActor();
    await db.prepare("UPDATE users SET blocked_until = ? WHERE id = ?").bind(Date.now() + 86400_000, blocked.user.id).run();
    expect((await list(blocked)).refusal).toBe("blocked");
    const before = await counts("comments", "comment_votes");
    const p = await expectProblem(await blocked.api("/comments", { json: { targetType: "proposal", targetId: proposal, body: "x" } }), 403);
    expect(p.type).toMatch(/blocked$/);
    await expectProblem(await blocked.api(`/comments/${target.id}/vote`, { method: "PUT", json: { value: 1 } }), 403);
    expect(await counts("comments", "comment_votes")).toEqual(before);
    // A block in the past no longer counts.
    await db.prepare("UPDATE users SET blocked_until = ? WHERE id = ?").bind(Date.now() - 1000, blocked.user.id).run();
    await post(blocked, "Снова могу");
  });
});

describe("editing (15 minutes) and deleting (by the author)", () => {
  it("the author edits within the window; the list shows the new text, marked edited", async () => {
    const r = await post(alice, "Опечтка");
    const res = await alice.api(`/comments/${r.id}`, { method: "PATCH", json: { body: "Опечатка исправлена" } });
    expect(res.status).toBe(200);
    const c = await row<{ body: string; edited_at: number | null }>("SELECT body, edited_at FROM comments WHERE id = ?", r.id);
    expect(c!.body).toBe("Опечатка исправлена");
    expect(c!.edited_at).toBeGreaterThan(0);
  });

  it("after 15 minutes → 409 and the text stays; just before → allowed", async () => {
    const r = await post(alice, "Старый текст");
    await setCreatedAt(r.id, Date.now() - 15 * 60_000 - 1);
    await expectProblem(await alice.api(`/comments/${r.id}`, { method: "PATCH", json: { body: "Новый" } }), 409);
    expect((await row<{ body: string }>("SELECT body FROM comments WHERE id = ?", r.id))!.body).toBe("Старый текст");
    await setCreatedAt(r.id, Date.now() - 14 * 60_000);
    expect((await alice.api(`/comments/${r.id}`, { method: "PATCH", json: { body: "Новый" } })).status).toBe(200);
  });

  it("another person's comment: edit and delete → 403, nothing changes", async () => {
    const r = await post(alice, "Моё");
    await expectProblem(await boris.api(`/comments/${r.id}`, { method: "PATCH", json: { body: "Чужое" } }), 403);
    await expectProblem(await boris.api(`/comments/${r.id}`, { method: "DELETE" }), 403);
    await expectProblem(await moderator.api(`/comments/${r.id}`, { method: "DELETE" }), 403);
    expect(await row("SELECT body, status FROM comments WHERE id = ?", r.id)).toEqual({ body: "Моё", status: "visible" });
  });

  it("deletion keeps the row and the replies, clears the text, shows «комментарий удалён», is audited and uncounted", async () => {
    const p = await createProposal({ organiserId: ORG, authorId: author.user.id });
    const root = await post(alice, "Уйду", { proposalId: p });
    const reply = await post(boris, "Останусь", { proposalId: p, parentId: root.id });
    expect(await commentCount(p)).toBe(2);
    expect((await alice.api(`/comments/${root.id}`, { method: "DELETE" })).status).toBe(200);
    expect(await row("SELECT body, status FROM comments WHERE id = ?", root.id)).toEqual({ body: "", status: "deleted" });
    expect(await commentCount(p)).toBe(1);
    expect(await commentCount(p)).toBe(await recount(p));
    expect(await count("audit_log", "action = 'comment.delete' AND object_id = ? AND actor_id = ?", root.id, alice.user.id)).toBe(1);
    const d = await list(boris, p);
    expect(d.items[0]).toMatchObject({ id: root.id, status: "deleted", body: null, author: null, canReply: false, canVote: false });
    expect(d.items[0].replies.map((r: any) => r.id)).toEqual([reply.id]);
    // Twice: nothing more happens.
    expect((await alice.api(`/comments/${root.id}`, { method: "DELETE" })).status).toBe(200);
    expect(await count("audit_log", "action = 'comment.delete' AND object_id = ?", root.id)).toBe(1);
    // No edits and no votes on a deleted comment.
    await expectProblem(await alice.api(`/comments/${root.id}`, { method: "PATCH", json: { body: "Вернусь" } }), 409);
    await expectProblem(await boris.api(`/comments/${root.id}/vote`, { method: "PUT", json: { value: 1 } }), 409);
    // The HTML thread shows the placeholder.
    const html = await (await boris.fetch(`/comments/${root.id}`)).text();
    expect(html).toContain("Комментарий удалён");
    expect(html).toContain("Останусь");
  });
});

describe("votes", () => {
  it("once per person; a second vote replaces the first; taking it back; own comment → 403", async () => {
    const r = await post(alice, "Голосуйте");
    const vote = async (b: Browser, value: 1 | -1 | null) => {
      const res = value === null ? await b.api(`/comments/${r.id}/vote`, { method: "DELETE" }) : await b.api(`/comments/${r.id}/vote`, { method: "PUT", json: { value } });
      expect(res.status).toBe(200);
      return res.json();
    };
    expect(await vote(boris, 1)).toEqual({ id: r.id, up: 1, down: 0, myVote: 1 });
    expect(await vote(boris, 1)).toEqual({ id: r.id, up: 1, down: 0, myVote: 1 });
    expect(await vote(author, 1)).toEqual({ id: r.id, up: 2, down: 0, myVote: 1 });
    expect(await vote(boris, -1)).toEqual({ id: r.id, up: 1, down: 1, myVote: -1 });
    expect(await vote(boris, null)).toEqual({ id: r.id, up: 1, down: 0, myVote: 0 });
    await expectProblem(await alice.api(`/comments/${r.id}/vote`, { method: "PUT", json: { value: 1 } }), 403);
    await expectProblem(await boris.api(`/comments/${r.id}/vote`, { method: "PUT", json: { value: 2 } }), 422);
    const d = await list(author);
    expect(d.items.find((i: any) => i.id === r.id)).toMatchObject({ up: 1, down: 0, myVote: 1 });
  });

  it("many identical votes at the same moment count once; mixed concurrent votes stay exact", async () => {
    const r = await post(alice, "Под нагрузкой");
    const voter = await newActor();
    const results = await Promise.all(Array.from({ length: 20 }, () => voter.api(`/comments/${r.id}/vote`, { method: "PUT", json: { value: 1 } })));
    expect(results.map((x) => x.status).every((s) => s === 200)).toBe(true);
    expect(await count("comment_votes", "comment_id = ?", r.id)).toBe(1);
    expect(await row("SELECT up_count, down_count FROM comments WHERE id = ?", r.id)).toEqual({ up_count: 1, down_count: 0 });

    const crowd = await Promise.all(Array.from({ length: 8 }, () => newActor()));
    await Promise.all(crowd.flatMap((b, i) => [b.api(`/comments/${r.id}/vote`, { method: "PUT", json: { value: i % 2 ? 1 : -1 } }), b.api(`/comments/${r.id}/vote`, { method: "PUT", json: { value: i % 2 ? 1 : -1 } })]));
    const c = await row<{ up_count: number; down_count: number }>("SELECT up_count, down_count FROM comments WHERE id = ?", r.id);
    expect(c).toEqual({ up_count: await count("comment_votes", "comment_id = ? AND value = 1", r.id), down_count: await count("comment_votes", "comment_id = ? AND value = -1", r.id) });
    expect(c).toEqual({ up_count: 5, down_count: 4 });
  });
});

describe("reading a long discussion", () => {
  it("pages of 20 top-level comments, oldest first, without gaps or duplicates (also with equal timestamps)", async () => {
    const p = await createProposal({ organiserId: ORG, authorId: author.user.id });
    const t0 = Date.now() - 3600_000;
    const ids: string[] = [];
    // 45 comments; every three share a millisecond, so the order falls back to the id.
    for (let i = 0; i < 45; i++) ids.push(await insertComment({ proposalId: p, organiserId: ORG, authorId: alice.user.id, body: `Комментарий ${i}`, createdAt: t0 + Math.floor(i / 3) }));
    const expected = (await rows<{ id: string }>("SELECT id FROM comments WHERE target_id = ? ORDER BY created_at, id", p)).map((r) => r.id);
    const seen: string[] = [];
    let after: string | undefined;
    const sizes: number[] = [];
    do {
      const d = await list(boris, p, after);
      sizes.push(d.items.length);
      seen.push(...d.items.map((i: any) => i.id));
      after = d.next ?? undefined;
    } while (after);
    expect(sizes).toEqual([20, 20, 5]);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(45);
  });

  it("a thread shows its first replies (COMMENT_LIMITS.repliesShown) and links to its own page for the rest, which pages by key", async () => {
    const shown = COMMENT_LIMITS.repliesShown;
    const p = await createProposal({ organiserId: ORG, authorId: author.user.id });
    const root = await insertComment({ proposalId: p, organiserId: ORG, authorId: alice.user.id, createdAt: Date.now() - 10_000 });
    for (let i = 0; i < shown + 5; i++) await insertComment({ proposalId: p, organiserId: ORG, authorId: boris.user.id, parentId: root, rootId: root, body: `Ответ ${i}`, createdAt: Date.now() - 5000 + i });
    await db.prepare("UPDATE comments SET reply_count = ? WHERE id = ?").bind(shown + 5, root).run();
    const d = await list(alice, p);
    expect(d.items[0].replies).toHaveLength(shown);
    expect(d.items[0].moreRepliesHref).toMatch(new RegExp(`^/comments/${root}\\?after=`));
    const page2 = await alice.fetch(d.items[0].moreRepliesHref);
    expect(page2.status).toBe(200);
    const html = await page2.text();
    for (let i = shown; i < shown + 5; i++) expect(html).toContain(`Ответ ${i}<`);
    expect(html).not.toContain(`Ответ ${shown - 1}<`);
  });

  it("deleted accounts show as «удалённый пользователь» on the page", async () => {
    const p = await createProposal({ organiserId: ORG, authorId: author.user.id });
    const gone = await createUser({ displayName: "Бывший житель" });
    const c = await insertComment({ proposalId: p, organiserId: ORG, authorId: gone.id, body: "Я был здесь" });
    await db.prepare("UPDATE users SET deleted_at = ?, display_name = 'Удалённый пользователь' WHERE id = ?").bind(Date.now(), gone.id).run();
    const d = await list(alice, p);
    expect(d.items[0].author).toEqual({ id: gone.id, name: "", deletedAccount: true });
    const html = await (await alice.fetch(`/comments/${c}`)).text();
    expect(html).toContain("удалённый пользователь");
  });
});

describe("user text is never HTML", () => {
  const payloads = [`<script>alert("xss")</script>`, `<img src=x onerror=alert(1)>`, `"><svg onload=alert(1)>`, `javascript:alert(1)`, `https://a.ru/"onmouseover="alert(1)`];

  it("stored as written, returned as JSON text, escaped on the page; only http(s) links become <a>", async () => {
    const p = await createProposal({ organiserId: ORG, authorId: author.user.id, title: `<b>Заголовок</b>` });
    const r = await post(alice, payloads.join("\n"), { proposalId: p });
    const d = await list(boris, p);
    expect(d.items[0].body).toBe(payloads.join("\n"));
    const res = await boris.fetch(`/comments/${r.id}`);
    const html = await res.text();
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<svg onload");
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toContain("<b>Заголовок</b>");
    expect(html).toContain("&lt;script>alert(");
    expect(html).toContain(`<a href="https://a.ru/" rel="nofollow ugc noopener">https://a.ru/</a>`);
  });
});

describe("rate limit", () => {
  it("the 11th comment within a minute → 429 with Retry-After, not written", async () => {
    const b = await newActor();
    // Nine already counted in this minute's window; the tenth still goes through.
    await fillRateLimit(`comment:${b.user.id}`, 60, 9);
    await post(b, "Десятое");
    const before = await count("comments", "author_id = ?", b.user.id);
    const res = await b.api("/comments", { json: { targetType: "proposal", targetId: proposal, body: "Одиннадцатое" } });
    await expectProblem(res, 429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await count("comments", "author_id = ?", b.user.id)).toBe(before);
  });
});

describe("moderation of comments", () => {
  const ctx = () => ({ db: makeDb((env as any).DB), env: env as any, origin: "https://uchastie.test", locale: "ru" as const });
  const sessionUser = async (b: Actor) => {
    const token = b.cookies.get("sid")!;
    return (await loadSessionUser(makeDb((env as any).DB), await sha256(token), Date.now()))!;
  };

  it("hide needs a reason; hidden text shows only to its author and moderators; restore brings it back; both audited", async () => {
    const p = await createProposal({ organiserId: ORG, authorId: author.user.id });
    const r = await post(alice, "Спорный текст", { proposalId: p });
    const mod = await sessionUser(moderator);
    const loaded = await commentModeration.load(ctx().db, r.id);
    expect(loaded).toMatchObject({ organiserId: ORG, authorId: alice.user.id, label: "Спорный текст", url: `/proposals/${p}#comment-${r.id}`, state: "visible", hidden: false, public: true, actions: ["hide"] });
    await expect(commentModeration.decide(ctx(), mod, r.id, "hide", "  ")).rejects.toMatchObject({ status: 422 });
    await expect(commentModeration.decide(ctx(), await sessionUser(alice), r.id, "hide", "сам")).rejects.toMatchObject({ status: 403 });
    await commentModeration.decide(ctx(), mod, r.id, "hide", "Оскорбление");
    expect(await count("audit_log", "action = 'comment.hide' AND object_id = ? AND reason = 'Оскорбление'", r.id)).toBe(1);
    expect(await commentCount(p)).toBe(1); // hidden comments still count (they stand in the thread)
    await expect(commentModeration.decide(ctx(), mod, r.id, "hide", "ещё раз")).rejects.toMatchObject({ status: 409 });

    expect((await list(boris, p)).items[0]).toMatchObject({ status: "hidden", body: null, canVote: false, canReply: false });
    expect((await list(alice, p)).items[0]).toMatchObject({ status: "hidden", body: "Спорный текст", canDelete: true });
    expect((await list(moderator, p)).items[0]).toMatchObject({ status: "hidden", body: "Спорный текст" });
    expect(await (await boris.fetch(`/comments/${r.id}`)).text()).toContain("Комментарий скрыт модератором");
    expect(await (await boris.fetch(`/comments/${r.id}`)).text()).not.toContain("Спорный текст");
    await expectProblem(await boris.api("/comments", { json: { targetType: "proposal", targetId: p, parentId: r.id, body: "ответ" } }), 409);

    await commentModeration.decide(ctx(), mod, r.id, "restore", null);
    expect((await list(boris, p)).items[0]).toMatchObject({ status: "visible", body: "Спорный текст" });
    expect(await count("audit_log", "action = 'comment.restore' AND object_id = ?", r.id)).toBe(1);
  });

  it("hideWhenStatement hides only a visible comment and only when the condition holds", async () => {
    const { sql } = await import("drizzle-orm");
    const r = await post(alice, "Порог жалоб");
    const d = ctx().db;
    await d.batch([commentModeration.hideWhenStatement(d, r.id, sql`1 = 0`)]);
    expect((await row<{ status: string }>("SELECT status FROM comments WHERE id = ?", r.id))!.status).toBe("visible");
    await d.batch([commentModeration.hideWhenStatement(d, r.id, sql`1 = 1`)]);
    expect((await row<{ status: string }>("SELECT status FROM comments WHERE id = ?", r.id))!.status).toBe("hidden");
  });
});

describe("pages without JavaScript", () => {
  it("post, reply, vote, edit and delete through forms, each coming back to the comment on the proposal page", async () => {
    const p = await createProposal({ organiserId: ORG, authorId: author.user.id });
    let res = await alice.fetch("/comments", { form: { targetType: "proposal", targetId: p, body: "Из формы" } });
    expect(res.status).toBe(303);
    const loc = res.headers.get("location")!;
    expect(loc).toMatch(new RegExp(`^/proposals/${p}#comment-`));
    const id = loc.split("#comment-")[1];

    res = await boris.fetch("/comments", { form: { targetType: "proposal", targetId: p, parentId: id, body: "Ответ из формы" } });
    expect(res.status).toBe(303);
    res = await boris.fetch(`/comments/${id}/vote`, { form: { value: "1" } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/proposals/${p}#comment-${id}`);
    expect((await row<{ up_count: number }>("SELECT up_count FROM comments WHERE id = ?", id))!.up_count).toBe(1);
    res = await boris.fetch(`/comments/${id}/vote`, { form: { value: "0" } });
    expect((await row<{ up_count: number }>("SELECT up_count FROM comments WHERE id = ?", id))!.up_count).toBe(0);

    const form = await alice.fetch(`/comments/${id}/edit`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("Из формы</textarea>");
    expect((await boris.fetch(`/comments/${id}/edit`)).status).toBe(403);
    res = await alice.fetch(`/comments/${id}/edit`, { form: { body: "Исправлено" } });
    expect(res.status).toBe(303);
    expect((await row<{ body: string }>("SELECT body FROM comments WHERE id = ?", id))!.body).toBe("Исправлено");

    res = await boris.fetch(`/comments/${id}/delete`, { form: {} });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(`href="/proposals/${p}#comment-${id}"`);
    res = await alice.fetch(`/comments/${id}/delete`, { form: {} });
    expect(res.status).toBe(303);
    expect((await row<{ status: string }>("SELECT status FROM comments WHERE id = ?", id))!.status).toBe("deleted");
  });

  it("a refused comment comes back as the form with the reason (ru/en) and the text kept", async () => {
    const before = await count("comments");
    let res = await alice.fetch("/comments", { form: { targetType: "proposal", targetId: proposal, body: "   " } });
    expect(res.status).toBe(422);
    let html = await res.text();
    expect(html).toContain("Заполните это поле");
    expect(html).toContain(`href="/proposals/${proposal}#comments"`);
    const en = await newActor({ locale: "en" });
    res = await en.fetch("/comments", { form: { targetType: "proposal", targetId: proposal, body: `<b>${"x".repeat(4001)}</b>` } });
    expect(res.status).toBe(422);
    html = await res.text();
    expect(html).toMatch(/Too long/i);
    expect(html).toContain("&lt;b>xxx");
    expect(await count("comments")).toBe(before);
  });

  it("an edit after the window shows the reason and the way back", async () => {
    const r = await post(alice, "Давно");
    await setCreatedAt(r.id, Date.now() - 3600_000);
    const res = await alice.fetch(`/comments/${r.id}/edit`);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("15 минут");
  });
});

describe("on the proposal page and in the API description", () => {
  it("the proposal page shows the discussion in section#comments, with the comment at its anchor", async () => {
    const p = await createProposal({ organiserId: ORG, authorId: author.user.id });
    const r = await post(alice, "Виден на странице предложения", { proposalId: p });
    const res = await boris.fetch(`/proposals/${p}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<section[^>]*id="comments"/);
    expect(html).toContain(`id="comment-${r.id}"`);
    expect(html).toContain("Виден на странице предложения");
    expect(html).toContain("Обсуждение (1)");
  });

  it("every comment route is in /api/openapi.json", async () => {
    const doc = (await (await alice.fetch("/api/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths["/api/comments"] ?? doc.paths["/comments"]).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/api/comments/{id}"] ?? doc.paths["/comments/{id}"]).sort()).toEqual(["delete", "patch"]);
    expect(Object.keys(doc.paths["/api/comments/{id}/vote"] ?? doc.paths["/comments/{id}/vote"]).sort()).toEqual(["delete", "put"]);
  });
});
