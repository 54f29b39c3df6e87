import type { SQL } from "drizzle-orm";
import type { Ctx } from "../../accounts/service";
import type { SessionUser } from "../../accounts/session-user";
import { auditRecord } from "../../audit";
import type { Db, Statement } from "../../db/client";
import { runBatch } from "../../db/client";
import { notFound } from "../../http/problem";
import { hideOrRestore } from "../../moderation/hide-restore";
import { closeItemStatement } from "../../moderation/index";
import type { ModeratedObject, ModerationAction, ModerationAdapter } from "../../moderation/targets";
import type { RemarkStatus } from "../schema";
import { counterStatements, hideWhenStatement, isStaleRemarkState, moderateStatement, remarkFacts } from "./data";
import { excerpt } from "./rules";
import { remarkUrl } from "./urls";

/** What a moderator can do to a remark in each state: hide a visible one, restore a hidden one. */
export const remarkActions = (status: RemarkStatus): ModerationAction[] => (status === "visible" ? ["hide"] : status === "hidden" ? ["restore"] : []);

/**
 * Remarks in the one moderation queue, post-moderated like comments: they are public at once;
 * reports bring them to the organiser's queue (the threshold hides them automatically until a
 * decision); a moderator hides (reason required) or restores. A decision writes, in one batch: the
 * guarded status change, the remark counters (recounted; hide and restore do not move them, since
 * they count remarks that are not deleted, but recounting keeps them right whatever the definition
 * becomes), the audit record with the reason, the queue item's closing and the queue's `extra`
 * statements (the reports' outcome, the reporters' notifications). As with comments, no notification
 * kind fits the author of a hidden remark; they see the moderator's reason on the remark's page.
 */
export const remarkModeration: ModerationAdapter = {
  async load(db: Db, id: string): Promise<ModeratedObject | null> {
    const [f] = await remarkFacts(db, id);
    if (!f) return null;
    return {
      organiserId: f.organiserId,
      authorId: f.authorId,
      label: excerpt(f.body || f.proposedText || "") || "—",
      url: remarkUrl(f.consultationId, f.id),
      state: f.status,
      hidden: f.status === "hidden",
      // Public: a visible remark on a published consultation (everyone reads published versions).
      public: f.status === "visible" && f.consultationStatus !== "draft" && f.versionStatus === "published",
      actions: remarkActions(f.status),
    };
  },

  async decide(ctx: Ctx, actor: SessionUser, id: string, action: ModerationAction, reason: string | null, extra: Statement[] = []) {
    const [f] = await remarkFacts(ctx.db, id);
    if (!f) throw notFound();
    const { text, from, to, stale } = hideOrRestore(actor, f, action, reason, {
      hide: "consultations.remarks.moderation.hideNeedsVisible",
      restore: "consultations.remarks.moderation.restoreNeedsHidden",
    });
    const now = Date.now();
    try {
      await runBatch(ctx.db, [
        moderateStatement(ctx.db, id, from, to),
        ...counterStatements(ctx.db, { consultationId: f.consultationId, versionId: f.versionId, clauseId: f.clauseId }),
        auditRecord(ctx.db, { actorId: actor.id, action: `remark.${action}`, objectType: "remark", objectId: id, organiserId: f.organiserId, reason: text, details: { consultationId: f.consultationId, clauseId: f.clauseId } }, now),
        closeItemStatement(ctx.db, "remark", id, action, actor.id, now, text),
        ...extra,
      ]);
    } catch (e) {
      if (isStaleRemarkState(e)) throw stale();
      throw e;
    }
  },

  hideWhenStatement(db: Db, id: string, condition: SQL): Statement {
    return hideWhenStatement(db, id, condition);
  },
};
