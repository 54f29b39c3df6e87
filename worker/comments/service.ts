import { sql } from "drizzle-orm";
import type { Ctx } from "../accounts/service";
import type { SessionUser } from "../accounts/session-user";
import { auditRecordWhere } from "../audit";
import type { Statement } from "../db/client";
import { runBatch } from "../db/client";
import { conflict, forbidden, invalidField, notFound, Problem } from "../http/problem";
import { dispatchNotes, noteStatements, type Note } from "../notifications/index";
import type { NotificationKind } from "../notifications/schema";
import { can } from "../roles/rules";
import { adapterFor } from "./adapters";
import {
  commentById,
  deleteStatement,
  deleteVoteStatement,
  editStatement,
  insertCommentStatement,
  listedComment,
  replyCountStatement,
  upsertVoteStatement,
  voteCountStatement,
  voteStateOf,
} from "./data";
import { EDIT_WINDOW_MS, excerpt, isBlocked, placeReply, withinEditWindow, type Vote } from "./rules";
import type { CommentTarget } from "./schema";
import type { CommentTargetAdapter, CommentTargetInfo } from "./targets";

/**
 * Comment use cases. Each checks everything first (the target readable and open, the person allowed,
 * the comment in the right state) and then writes in one batch: the comment change, the counters it
 * moves (recomputed from rows, so exact under concurrency), and its notification or audit record.
 *
 * Audited: the author's deletion (a status change). Not audited: posting, editing and votes — the
 * rows themselves record who and when, and the audit log stays a log of decisions.
 */

export interface Target {
  adapter: CommentTargetAdapter;
  info: CommentTargetInfo;
}

/** The target, if it exists and `viewer` may read it; otherwise 404 (no hint that it exists). */
export async function readableTarget(ctx: Ctx, type: CommentTarget, id: string, viewer: SessionUser | null): Promise<Target> {
  const adapter = adapterFor(type);
  if (!adapter) throw notFound();
  const info = await adapter.load(ctx.db, id, viewer);
  if (!info || !info.readable) throw notFound();
  return { adapter, info };
}

const blockedProblem = (until: number) => new Problem(403, "blocked", "problem.blocked", [], { blockedUntil: new Date(until).toISOString() });

/** Why this person may not take part now, or null: blocked, e-mail not confirmed. */
export function participationRefusal(actor: SessionUser | null, now = Date.now()): "signIn" | "confirm" | "blocked" | null {
  if (!actor) return "signIn";
  if (isBlocked(actor.blockedUntil, now)) return "blocked";
  if (!can(actor, "comment.write")) return "confirm";
  return null;
}

function assertParticipation(actor: SessionUser, target: CommentTargetInfo, now: number) {
  const refusal = participationRefusal(actor, now);
  if (refusal === "blocked") throw blockedProblem(actor.blockedUntil!);
  if (refusal) throw forbidden();
  if (!target.open) throw conflict("comments.problem.closed");
}

/** Whether the viewer reads hidden comments' text: the organiser's moderators. */
export const readsHidden = (viewer: SessionUser | null, target: CommentTargetInfo) => can(viewer, "moderation.decide", { organiserId: target.organiserId });

/** Which notification the target's author gets for a new comment (targets without one notify nobody). */
const TARGET_OWNER_NOTE: Partial<Record<CommentTarget, NotificationKind>> = { proposal: "proposal_comment", remark: "remark_reply" };

export const commentUrl = (target: CommentTargetInfo, commentId: string) => `${target.url}#comment-${commentId}`;

export async function postComment(
  ctx: Ctx,
  actor: SessionUser,
  input: { targetType: CommentTarget; targetId: string; parentId?: string | null; body: string },
) {
  const now = Date.now();
  const [target, parent] = await Promise.all([
    readableTarget(ctx, input.targetType, input.targetId, actor),
    input.parentId ? listedComment(ctx.db, input.parentId).then((r) => r[0]) : Promise.resolve(undefined),
  ]);
  assertParticipation(actor, target.info, now);
  if (input.parentId && (!parent || parent.targetType !== input.targetType || parent.targetId !== input.targetId)) {
    throw invalidField("parentId", "comments.field.noSuchComment");
  }
  if (parent && parent.status !== "visible") throw conflict("comments.problem.parentGone");

  const id = crypto.randomUUID();
  const place = parent ? placeReply(parent) : { parentId: null, rootId: id };
  const notes: Note[] =
    parent && parent.authorId !== actor.id && parent.authorDeletedAt === null
      ? [
          {
            userId: parent.authorId,
            kind: "comment_reply",
            params: { title: target.info.title, name: actor.displayName, excerpt: excerpt(input.body) },
            url: commentUrl(target.info, id),
          },
        ]
      : [];
  // The author of what is discussed hears of new comments on it, unless they wrote it themselves
  // or already hear of it as the answered comment's author.
  const ownerKind = TARGET_OWNER_NOTE[input.targetType];
  if (ownerKind && target.info.authorId !== actor.id && !notes.some((n) => n.userId === target.info.authorId)) {
    notes.push({ userId: target.info.authorId, kind: ownerKind, params: { title: target.info.title, name: actor.displayName, excerpt: excerpt(input.body) }, url: commentUrl(target.info, id) });
  }
  const prepared = noteStatements(ctx.db, notes, now);
  const statements: Statement[] = [
    insertCommentStatement(ctx.db, {
      id,
      targetType: input.targetType,
      targetId: input.targetId,
      organiserId: target.info.organiserId,
      parentId: place.parentId,
      rootId: place.rootId,
      authorId: actor.id,
      body: input.body,
      createdAt: now,
    }),
    ...(parent ? [replyCountStatement(ctx.db, place.rootId)] : []),
    target.adapter.counterStatement(ctx.db, input.targetId),
    ...prepared.statements,
  ];
  await runBatch(ctx.db, statements);
  await dispatchNotes(ctx, prepared);
  return { id, url: commentUrl(target.info, id) };
}

/** Loads a comment and its target for a change by `actor`; 404 if either is unreadable to them. */
async function commentAndTarget(ctx: Ctx, actor: SessionUser, id: string) {
  const [comment] = await commentById(ctx.db, id);
  if (!comment) throw notFound();
  const adapter = adapterFor(comment.targetType);
  const info = adapter ? await adapter.load(ctx.db, comment.targetId, actor) : null;
  if (!adapter || !info) throw notFound();
  return { comment, target: { adapter, info } };
}

export async function editComment(ctx: Ctx, actor: SessionUser, id: string, body: string) {
  const now = Date.now();
  const { comment, target } = await commentAndTarget(ctx, actor, id);
  if (!target.info.readable) throw notFound();
  if (comment.authorId !== actor.id) throw forbidden();
  if (comment.status !== "visible") throw conflict("comments.problem.notEditable");
  if (!withinEditWindow(comment.createdAt, now)) throw conflict("comments.problem.editWindow");
  assertParticipation(actor, target.info, now);
  const [updated] = await ctx.db.batch([editStatement(ctx.db, id, actor.id, body, now, now - EDIT_WINDOW_MS)]);
  // Deleted, hidden or past the window between the check and the write.
  if (updated.length === 0) throw conflict("comments.problem.editWindow");
  return { id, url: commentUrl(target.info, id) };
}

/**
 * The author deletes their comment: the row stays (so replies keep their place) with its text
 * cleared; the thread shows «комментарий удалён». Allowed whatever the target's state — taking
 * one's words back does not depend on the discussion being open. Deleting twice changes nothing.
 */
export async function deleteComment(ctx: Ctx, actor: SessionUser, id: string) {
  const { comment, target } = await commentAndTarget(ctx, actor, id);
  if (comment.authorId !== actor.id) throw target.info.readable ? forbidden() : notFound();
  const url = commentUrl(target.info, id);
  if (comment.status === "deleted") return { id, url };
  const now = Date.now();
  await ctx.db.batch([
    deleteStatement(ctx.db, id, actor.id, now),
    // Recorded only if the statement just before really changed the row (a concurrent delete may have won).
    auditRecordWhere(
      ctx.db,
      { actorId: actor.id, action: "comment.delete", objectType: "comment", objectId: id, organiserId: comment.organiserId, details: { targetType: comment.targetType, targetId: comment.targetId } },
      sql`changes() = 1`,
      now,
    ),
    target.adapter.counterStatement(ctx.db, comment.targetId),
  ]);
  return { id, url };
}

/** Up (1), down (-1) or taken back (null). One vote per person; the counters are recounted in the same batch. */
export async function voteComment(ctx: Ctx, actor: SessionUser, id: string, value: Vote | null) {
  const now = Date.now();
  const { comment, target } = await commentAndTarget(ctx, actor, id);
  if (!target.info.readable) throw notFound();
  assertParticipation(actor, target.info, now);
  if (comment.status !== "visible") throw conflict("comments.problem.notVotable");
  if (comment.authorId === actor.id) throw new Problem(403, "forbidden", "comments.problem.ownVote");
  const [, , [state]] = await ctx.db.batch([
    value === null ? deleteVoteStatement(ctx.db, id, actor.id) : upsertVoteStatement(ctx.db, id, actor.id, value, now),
    voteCountStatement(ctx.db, id),
    voteStateOf(ctx.db, id, actor.id),
  ]);
  return { id, up: state.up, down: state.down, myVote: (state.mine ?? 0) as Vote | 0, url: commentUrl(target.info, id) };
}
