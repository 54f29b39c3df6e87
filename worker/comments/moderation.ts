import type { SQL } from "drizzle-orm";
import type { Ctx } from "../accounts/service";
import type { SessionUser } from "../accounts/session-user";
import { auditRecord } from "../audit";
import type { Db, Statement } from "../db/client";
import { runBatch } from "../db/client";
import { notFound } from "../http/problem";
import { hideOrRestore } from "../moderation/hide-restore";
import { closeItemStatement } from "../moderation/index";
import type { ModeratedObject, ModerationAction, ModerationAdapter } from "../moderation/targets";
import { adapterFor } from "./adapters";
import { commentById, hideWhenStatement, isStaleCommentState, moderateStatement } from "./data";
import { COMMENT_LIMITS, excerpt } from "./rules";
import type { CommentStatus } from "./schema";

/** What a moderator can do to a comment in each state: hide a visible one, restore a hidden one. */
export const commentActions = (status: CommentStatus): ModerationAction[] => (status === "visible" ? ["hide"] : status === "hidden" ? ["restore"] : []);

/**
 * Comments in the one moderation queue. A decision writes, in one batch: the guarded status change,
 * the target's comment counter (recomputed; unchanged by hide/restore today, since the counter counts
 * comments that are not deleted, but recomputing keeps it right whatever the definition becomes),
 * the audit record with the reason, the queue item's closing, and the queue's `extra` statements.
 * The author of a hidden comment gets no notification in this version (no notification kind fits).
 */
export const commentModeration: ModerationAdapter = {
  async load(db: Db, id: string): Promise<ModeratedObject | null> {
    const [c] = await commentById(db, id);
    if (!c) return null;
    const adapter = adapterFor(c.targetType);
    // Anonymous view of the target: whether the comment is public (reports need something one can see).
    const target = adapter ? await adapter.load(db, c.targetId, null) : null;
    return {
      organiserId: c.organiserId,
      authorId: c.authorId,
      label: excerpt(c.body, COMMENT_LIMITS.label) || "—",
      url: target ? `${target.url}#comment-${c.id}` : `/comments/${c.id}`,
      state: c.status,
      hidden: c.status === "hidden",
      public: c.status === "visible" && !!target?.readable,
      actions: commentActions(c.status),
    };
  },

  async decide(ctx: Ctx, actor: SessionUser, id: string, action: ModerationAction, reason: string | null, extra: Statement[] = []) {
    const [c] = await commentById(ctx.db, id);
    if (!c) throw notFound();
    const { text, from, to, stale } = hideOrRestore(actor, c, action, reason, { hide: "comments.moderation.hideNeedsVisible", restore: "comments.moderation.restoreNeedsHidden" });
    const adapter = adapterFor(c.targetType);
    if (!adapter) throw notFound();
    const now = Date.now();
    try {
      await runBatch(ctx.db, [
        moderateStatement(ctx.db, id, from, to),
        adapter.counterStatement(ctx.db, c.targetId),
        auditRecord(ctx.db, { actorId: actor.id, action: `comment.${action}`, objectType: "comment", objectId: id, organiserId: c.organiserId, reason: text, details: { targetType: c.targetType, targetId: c.targetId } }, now),
        closeItemStatement(ctx.db, "comment", id, action, actor.id, now, text),
        ...extra,
      ]);
    } catch (e) {
      if (isStaleCommentState(e)) throw stale();
      throw e;
    }
  },

  hideWhenStatement(db: Db, id: string, condition: SQL): Statement {
    return hideWhenStatement(db, id, condition);
  },
};
