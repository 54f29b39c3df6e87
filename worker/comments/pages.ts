import type { Context } from "hono";
import { Hono } from "hono";
import { emptyForm } from "../../web/page-data";
import type { AppEnv } from "../http/context";
import { ctxOf } from "../http/ctx";
import { handleForm } from "../http/form-page";
import { Problem, notFound } from "../http/problem";
import { enforce, limitsFor } from "../http/rate-limit";
import { formFields, formStateFrom, render } from "../http/render";
import { parse } from "../http/validate";
import { adapterFor } from "./adapters";
import { commentById } from "./data";
import { loadThread } from "./discussion";
import { CommentInput, CommentPatch } from "./dto";
import { COMMENT_LIMITS, editableUntil, withinEditWindow } from "./rules";
import { COMMENT_TARGETS, type CommentTarget } from "./schema";
import * as service from "./service";

/**
 * The comment pages, for browsers without JavaScript. Every form posts here and comes back to the
 * target's page at the comment (`#comment-<id>`, post/redirect/get). When the server refuses:
 *   - a new comment or reply, or an edit → the same form again (comments/form, comments/edit) with
 *     the reason in the person's language, their text kept, and a link back to the discussion;
 *   - a vote or a deletion → a short message page with the reason and a link back to the comment.
 */
export const commentsPages = new Hono<AppEnv>();

type C = Context<AppEnv>;

/** The comment's place on its target's page, for the way back after an error (readable targets only). */
async function placeOf(c: C, id: string): Promise<string> {
  const db = c.get("db");
  const [comment] = await commentById(db, id);
  const adapter = comment && adapterFor(comment.targetType);
  const info = adapter ? await adapter.load(db, comment.targetId, c.get("user")) : null;
  return info?.readable ? `${info.url}#comment-${id}` : "/";
}

async function refused(c: C, e: Problem, back: string) {
  const res = await render(
    c,
    "message",
    { titleKey: "comments.error.title", textKey: e.titleKey, tone: "bad", link: { href: back, labelKey: "comments.back" } },
    { title: c.get("t")("comments.error.title"), status: e.status },
  );
  if (e.status === 429 && typeof e.extra.retryAfter === "number") res.headers.set("retry-after", String(e.extra.retryAfter));
  return res;
}

/** Runs a vote or a deletion; a refusal becomes the message page. */
async function act(c: C, id: string, run: () => Promise<{ url: string }>) {
  try {
    const r = await run();
    return c.redirect(r.url, 303);
  } catch (e) {
    if (e instanceof Problem && e.status < 500 && e.status !== 404 && e.code !== "csrf") return refused(c, e, await placeOf(c, id));
    throw e;
  }
}

const signIn = (c: C, next = "/") => c.redirect(`/signin?next=${encodeURIComponent(next)}`, 303);

commentsPages.post("/comments", async (c) => {
  const user = c.get("user");
  const values = await formFields(c);
  const targetType = (COMMENT_TARGETS as readonly string[]).includes(values.targetType ?? "") ? (values.targetType as CommentTarget) : null;
  const target = targetType && values.targetId ? await adapterFor(targetType)?.load(c.get("db"), values.targetId, user) : null;
  if (!targetType || !target || !target.readable) throw notFound();
  if (!user) return signIn(c, target.url);
  const back = values.parentId ? `${target.url}#comment-${values.parentId}` : `${target.url}#comments`;
  return handleForm(
    c,
    values,
    async () => {
      const input = parse(CommentInput, values);
      await enforce(c, limitsFor(c).comment, user.id);
      const r = await service.postComment(ctxOf(c), user, input);
      return c.redirect(r.url, 303);
    },
    (form, status) =>
      render(
        c,
        "comments/form",
        { target: { type: targetType, id: values.targetId }, parentId: values.parentId || null, backHref: back, bodyMax: COMMENT_LIMITS.bodyMax, form: { ...form, values: { body: values.body ?? "" } } },
        { title: c.get("t")("comments.form.title"), status },
      ),
  );
});

commentsPages.get("/comments/:id", async (c) => {
  const r = await loadThread(ctxOf(c), c.get("user"), c.req.param("id"), { after: c.req.query("after") });
  if ("redirect" in r) return c.redirect(r.redirect!, 302);
  return render(c, "comments/thread", { thread: r.thread, target: r.target, isFirstPage: r.isFirstPage, bodyMax: r.bodyMax }, { title: c.get("t")("comments.thread.title", { title: r.target.title }) });
});

/** The edit form: only the author, only a visible comment, only within the window; otherwise the reason. */
async function editPage(c: C, id: string, form = emptyForm<{ body: string }>(), status = 200) {
  const user = c.get("user");
  if (!user) return signIn(c, `/comments/${id}/edit`);
  const [comment] = await commentById(c.get("db"), id);
  if (!comment) throw notFound();
  const back = await placeOf(c, id);
  if (back === "/") throw notFound();
  const why =
    comment.authorId !== user.id
      ? new Problem(403, "forbidden", "problem.forbidden")
      : comment.status !== "visible"
        ? new Problem(409, "conflict", "comments.problem.notEditable")
        : !withinEditWindow(comment.createdAt, Date.now())
          ? new Problem(409, "conflict", "comments.problem.editWindow")
          : null;
  if (why) return refused(c, why, back);
  return render(
    c,
    "comments/edit",
    { id, editableUntil: editableUntil(comment.createdAt), backHref: back, bodyMax: COMMENT_LIMITS.bodyMax, form: form.values.body === undefined ? { ...form, values: { body: comment.body } } : form },
    { title: c.get("t")("comments.edit.title"), status },
  );
}

commentsPages.get("/comments/:id/edit", (c) => editPage(c, c.req.param("id")));

commentsPages.post("/comments/:id/edit", async (c) => {
  const user = c.get("user");
  const id = c.req.param("id");
  if (!user) return signIn(c, `/comments/${id}/edit`);
  const values = await formFields(c);
  try {
    const { body } = parse(CommentPatch, values);
    await enforce(c, limitsFor(c).comment, user.id);
    const r = await service.editComment(ctxOf(c), user, id, body);
    return c.redirect(r.url, 303);
  } catch (e) {
    if (!(e instanceof Problem) || e.status >= 500 || e.status === 404) throw e;
    // Invalid text or a rate limit: the form again with the text kept. Anything else (the window
    // closed meanwhile, not yours): the reason and the way back.
    if (e.status === 422 || e.status === 429) {
      const res = await editPage(c, id, { ...formStateFrom(c, e, { body: values.body ?? "" }) }, e.status);
      if (e.status === 429 && typeof e.extra.retryAfter === "number") res.headers.set("retry-after", String(e.extra.retryAfter));
      return res;
    }
    return refused(c, e, await placeOf(c, id));
  }
});

commentsPages.post("/comments/:id/delete", async (c) => {
  const user = c.get("user");
  const id = c.req.param("id");
  if (!user) return signIn(c);
  return act(c, id, () => service.deleteComment(ctxOf(c), user, id));
});

/** value 1 (up), -1 (down) or 0 (take the vote back: the pressed button sends 0). */
commentsPages.post("/comments/:id/vote", async (c) => {
  const user = c.get("user");
  const id = c.req.param("id");
  if (!user) return signIn(c);
  const { value } = await formFields(c);
  return act(c, id, async () => {
    const v = value === "1" ? 1 : value === "-1" ? -1 : value === "0" ? null : undefined;
    if (v === undefined) throw new Problem(422, "validation", "problem.validation");
    await enforce(c, limitsFor(c).vote, user.id);
    return service.voteComment(ctxOf(c), user, id, v);
  });
});
