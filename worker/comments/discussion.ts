import type { Ctx } from "../accounts/service";
import type { SessionUser } from "../accounts/session-user";
import type { CommentView, DiscussionProps, ParticipationRefusal, ThreadView } from "../../web/pages/comments/props";
import { notFound } from "../http/problem";
import { adapterFor } from "./adapters";
import { decodeCommentCursor, encodeCommentCursor } from "./cursor";
import { listedComment, repliesOfPage, repliesPage, topLevelPage, type ListedComment } from "./data";
import { COMMENT_LIMITS, answersAReply, editableUntil, withinEditWindow } from "./rules";
import { participationRefusal, readsHidden } from "./service";
import type { CommentTarget } from "./schema";
import type { CommentTargetInfo } from "./targets";

/**
 * What a viewer sees of one comment. The rules of visibility live here, in one place:
 * - deleted: no author, no text (the thread shows «комментарий удалён»; replies stay under it);
 * - hidden by moderation: the text only to its author and the organiser's moderators (with a note),
 *   to everyone else «комментарий скрыт модератором»;
 * - an author whose account was deleted shows as «удалённый пользователь».
 */
export function viewOf(row: ListedComment, viewer: SessionUser | null, opts: { now: number; canTakePart: boolean; moderator: boolean }): CommentView {
  const mine = viewer !== null && row.authorId === viewer.id;
  const deleted = row.status === "deleted";
  const showBody = row.status === "visible" || (row.status === "hidden" && (mine || opts.moderator));
  const accountGone = row.authorDeletedAt !== null;
  const visible = row.status === "visible";
  return {
    id: row.id,
    parentId: row.parentId,
    rootId: row.rootId ?? row.id,
    status: row.status,
    author: deleted ? null : { id: row.authorId, name: accountGone ? "" : row.authorName, deletedAccount: accountGone },
    inReplyTo:
      answersAReply(row) && row.parentId
        ? {
            id: row.parentId,
            name: row.parentStatus === "deleted" ? null : row.parentAuthorDeletedAt !== null ? "" : (row.parentAuthorName ?? null),
            deletedAccount: row.parentStatus !== "deleted" && row.parentAuthorDeletedAt !== null,
          }
        : null,
    body: showBody ? row.body : null,
    createdAt: row.createdAt,
    editedAt: deleted ? null : row.editedAt,
    up: deleted ? 0 : row.upCount,
    down: deleted ? 0 : row.downCount,
    myVote: row.myVote === 1 ? 1 : row.myVote === -1 ? -1 : 0,
    editableUntil: mine && visible && opts.canTakePart && withinEditWindow(row.createdAt, opts.now) ? editableUntil(row.createdAt) : null,
    canDelete: mine && !deleted,
    canVote: visible && !mine && opts.canTakePart,
    canReply: visible && opts.canTakePart,
    canReport: visible && viewer !== null && !mine,
  };
}

function refusalOf(viewer: SessionUser | null, target: CommentTargetInfo, now: number): ParticipationRefusal | null {
  // A closed discussion is closed for everyone; otherwise what this person lacks.
  return target.open ? participationRefusal(viewer, now) : "closed";
}

/**
 * One page of a target's discussion for this viewer: 20 top-level comments oldest first (the order of
 * reading a conversation), each with its first few replies (COMMENT_LIMITS.repliesShown). The page and all its threads' replies are
 * two statements in ONE batch (one D1 round trip), run in parallel with the target's own lookup.
 */
export async function loadDiscussion(
  ctx: Ctx,
  viewer: SessionUser | null,
  target: { type: CommentTarget; id: string },
  opts: { after?: string | null } = {},
): Promise<DiscussionProps> {
  const adapter = adapterFor(target.type);
  if (!adapter) throw notFound();
  const { db } = ctx;
  const after = decodeCommentCursor(opts.after);
  const viewerId = viewer?.id ?? null;
  const size = COMMENT_LIMITS.pageSize;
  const shown = COMMENT_LIMITS.repliesShown;
  const [info, [page, replies]] = await Promise.all([
    adapter.load(db, target.id, viewer),
    db.batch([topLevelPage(db, target, { after, limit: size + 1, viewerId }), repliesOfPage(db, target, { after, pageSize: size, perThread: shown, viewerId })]),
  ]);
  if (!info || !info.readable) throw notFound();
  const now = Date.now();
  const refusal = refusalOf(viewer, info, now);
  const opts2 = { now, canTakePart: refusal === null, moderator: readsHidden(viewer, info) };
  const roots = page.slice(0, size);
  const byRoot = new Map<string, ListedComment[]>();
  for (const r of replies) byRoot.set(r.rootId!, [...(byRoot.get(r.rootId!) ?? []), r]);
  const items: ThreadView[] = roots.map((root) => {
    const rs = byRoot.get(root.id) ?? [];
    return {
      ...viewOf(root, viewer, opts2),
      replies: rs.map((r) => viewOf(r, viewer, opts2)),
      replyCount: root.replyCount,
      moreRepliesHref: root.replyCount > rs.length ? `/comments/${encodeURIComponent(root.id)}?after=${encodeCommentCursor(rs[rs.length - 1])}` : null,
    };
  });
  const last = roots[roots.length - 1];
  const next = page.length > size && last ? encodeCommentCursor(last) : null;
  return {
    target: { type: target.type, id: target.id, title: info.title, url: info.url },
    count: info.commentCount,
    items,
    next,
    nextHref: next ? `${info.url}?comments_after=${next}#comments` : null,
    firstHref: after ? `${info.url}#comments` : null,
    canPost: refusal === null,
    refusal,
    signInHref: `/signin?next=${encodeURIComponent(info.url)}`,
    bodyMax: COMMENT_LIMITS.bodyMax,
  };
}

/** How many replies the thread page shows at a time. */
export const THREAD_PAGE = 50;

/** A thread on its own page (`/comments/:id`): its first comment and its replies by key, 50 at a time. */
export async function loadThread(ctx: Ctx, viewer: SessionUser | null, rootId: string, opts: { after?: string | null } = {}) {
  const { db } = ctx;
  const viewerId = viewer?.id ?? null;
  const after = decodeCommentCursor(opts.after);
  const [[root], replies] = await db.batch([listedComment(db, rootId, viewerId), repliesPage(db, rootId, { after, limit: THREAD_PAGE + 1, viewerId })]);
  if (!root) throw notFound();
  // A reply's address leads to its thread.
  if (root.parentId !== null) return { redirect: `/comments/${encodeURIComponent(root.rootId ?? root.id)}#comment-${root.id}` } as const;
  const adapter = adapterFor(root.targetType);
  const info = adapter ? await adapter.load(db, root.targetId, viewer) : null;
  if (!info || !info.readable) throw notFound();
  const now = Date.now();
  const refusal = refusalOf(viewer, info, now);
  const o = { now, canTakePart: refusal === null, moderator: readsHidden(viewer, info) };
  const shown = replies.slice(0, THREAD_PAGE);
  const thread: ThreadView = {
    ...viewOf(root, viewer, o),
    replies: shown.map((r) => viewOf(r, viewer, o)),
    replyCount: root.replyCount,
    moreRepliesHref: replies.length > THREAD_PAGE ? `/comments/${encodeURIComponent(root.id)}?after=${encodeCommentCursor(shown[shown.length - 1])}` : null,
  };
  return {
    thread,
    target: { type: root.targetType, id: root.targetId, title: info.title, url: info.url },
    isFirstPage: !after,
    canPost: refusal === null,
    bodyMax: COMMENT_LIMITS.bodyMax,
  } as const;
}
