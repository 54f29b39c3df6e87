import { env } from "cloudflare:workers";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSessionUser } from "../../worker/accounts/data";
import { sha256 } from "../../worker/accounts/tokens";
import { loadDiscussion } from "../../worker/comments/index";
import { makeDb } from "../../worker/db/client";
import { translator } from "../../web/i18n";
import { Discussion } from "../../web/pages/comments/Discussion";
import type { DiscussionProps } from "../../web/pages/comments/props";
import { PageContext } from "../../web/ui/context";
import type { Browser } from "./client";
import { createProposal, insertComment } from "./comment-fixtures";
import { createOrganiser, newActor, type TestUser } from "./fixtures";

/**
 * The Discussion component as the proposal page renders it: `loadDiscussion` (the contract the
 * proposals module uses) on a real D1, rendered with preact-render-to-string.
 */
type Actor = Browser & { user: TestUser };
const ORG = "org-discussion";
const db = makeDb((env as any).DB);
const ctx = { db, env: env as any, origin: "https://uchastie.test", locale: "ru" as const };
let author: Actor;
let alice: Actor;
let boris: Actor;

beforeAll(async () => {
  await createOrganiser(ORG);
  author = await newActor({ displayName: "Автор" });
  alice = await newActor({ displayName: "Алиса" });
  boris = await newActor({ displayName: "Борис" });
});

const viewerOf = async (b: Actor | null) => (b ? loadSessionUser(db, await sha256(b.cookies.get("sid")!), Date.now()) : null);
const html = (props: DiscussionProps, locale: "ru" | "en" = "ru") =>
  renderToString(h(PageContext.Provider, { value: { t: translator(locale), locale, csrf: "tok", path: props.target.url, user: null, dev: false } }, h(Discussion, props)));
const post = async (b: Browser, targetId: string, body: string, parentId?: string) => {
  const res = await b.api("/comments", { json: { targetType: "proposal", targetId, parentId, body } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
};

describe("loadDiscussion + <Discussion>", () => {
  it("threads, replies under their own root, «в ответ на», votes pressed, edit within the window, report, forms", async () => {
    const p = await createProposal({ organiserId: ORG, authorId: author.user.id });
    const t1 = await post(alice, p, "Первая ветка: https://nsk.ru/plan.");
    const t2 = await post(boris, p, "Вторая ветка");
    const r1 = await post(boris, p, "Ответ в первой", t1);
    const r2 = await post(author, p, "Ответ во второй", t2);
    const r3 = await post(alice, p, "Ответ на ответ", r1);
    expect((await boris.api(`/comments/${t1}/vote`, { method: "PUT", json: { value: 1 } })).status).toBe(200);

    const props = await loadDiscussion(ctx, await viewerOf(boris), { type: "proposal", id: p }, {});
    expect(props.items.map((t) => [t.id, t.replies.map((r) => r.id)])).toEqual([
      [t1, [r1, r3]],
      [t2, [r2]],
    ]);
    expect(props.count).toBe(5);
    const out = html(props);
    expect(out).toContain(`<h2 id="comments-heading">Обсуждение (5)</h2>`);
    expect(out).toMatch(/<label for="f-body">Ваш комментарий<\/label><p class="field__hint" id="f-body-hint">Обычный текст до 4000 символов/);
    expect(out).toMatch(/<textarea id="f-body" name="body" rows="4" maxlength="4000" required aria-describedby="f-body-hint">/);
    expect(out).toContain(`<input type="hidden" name="_csrf" value="tok"/>`);
    expect(out).toMatch(new RegExp(`<ol class="comments" aria-labelledby="comments-heading"><li><article class="comment comment--visible" id="comment-${t1}">`));
    expect(out).toMatch(new RegExp(`<ol class="comments comments--replies"><li><article class="comment comment--visible" id="comment-${r1}">`));
    expect(out).toContain(`<a href="#comment-${r1}">в ответ на Борис</a>`);
    expect(out).toContain(`<a href="https://nsk.ru/plan" rel="nofollow ugc noopener">https://nsk.ru/plan</a>.`);
    // Boris's vote on Alice's comment is pressed; pressing again takes it back (value 0).
    expect(out).toMatch(new RegExp(`action="/comments/${t1}/vote"[^]*?<button type="submit" class="vote" name="value" value="0" aria-pressed="true">За: 1</button>`));
    expect(out).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[^"]+Z">/);
    // His own comment: edit (within 15 minutes) and delete, no vote buttons, no report link.
    const own = out.slice(out.indexOf(`id="comment-${t2}"`), out.indexOf(`id="comment-${r2}"`));
    expect(own).toContain(`href="/comments/${t2}/edit"`);
    expect(own).toContain(`action="/comments/${t2}/delete"`);
    expect(own).not.toContain(`/comments/${t2}/vote`);
    expect(own).not.toContain("/report?");
    expect(out).toContain(`href="/report?type=comment&amp;id=${t1}"`);
    // The reply form: in <details>, labelled, posting the parent.
    expect(out).toMatch(new RegExp(`<details class="comment__reply"><summary>Ответить</summary><form action="/comments"[^>]*>[^]*?name="parentId" value="${t1}"[^]*?<label for="reply-${t1}">Ответ для Алиса</label>`));
  });

  it("anonymous: no forms, the sign-in invitation; English texts", async () => {
    const p = await createProposal({ organiserId: ORG, authorId: author.user.id });
    await post(alice, p, "Текст");
    const props = await loadDiscussion(ctx, null, { type: "proposal", id: p }, {});
    expect(props).toMatchObject({ canPost: false, refusal: "signIn" });
    const out = html(props, "en");
    expect(out).toContain("Discussion (1)");
    expect(out).toContain(`<a href="/signin?next=%2Fproposals%2F${p}">Sign in</a>`);
    expect(out).not.toContain("<form");
    expect(out).toContain("Agree: 0");
  });

  it("«Показать ещё» after 20 threads leads to ?comments_after=…#comments, and the next page continues without overlap", async () => {
    const p = await createProposal({ organiserId: ORG, authorId: author.user.id });
    for (let i = 0; i < 23; i++) await insertComment({ proposalId: p, organiserId: ORG, authorId: alice.user.id, body: `№${i}`, createdAt: Date.now() - 100_000 + i });
    const first = await loadDiscussion(ctx, null, { type: "proposal", id: p }, {});
    expect(first.items).toHaveLength(20);
    expect(first.nextHref).toMatch(new RegExp(`^/proposals/${p}\\?comments_after=[A-Za-z0-9_-]+#comments$`));
    expect(html(first)).toContain(`rel="next">Показать ещё</a>`);
    const cursor = new URL(first.nextHref!, "https://x").searchParams.get("comments_after");
    const second = await loadDiscussion(ctx, null, { type: "proposal", id: p }, { after: cursor });
    expect(second.items.map((i) => i.body)).toEqual(["№20", "№21", "№22"]);
    expect(second.nextHref).toBeNull();
    expect(second.firstHref).toBe(`/proposals/${p}#comments`);
    // A made-up cursor is the first page, not an error.
    expect((await loadDiscussion(ctx, null, { type: "proposal", id: p }, { after: "%%%" })).items).toHaveLength(20);
  });
});
