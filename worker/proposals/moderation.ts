import type { SQL } from "drizzle-orm";
import type { Ctx } from "../accounts/service";
import type { SessionUser } from "../accounts/session-user";
import { auditRecord } from "../audit";
import type { Db, Statement } from "../db/client";
import { runBatch } from "../db/client";
import { conflict, forbidden, invalidField, notFound, Problem } from "../http/problem";
import { closeItemStatement } from "../moderation/index";
import { MODERATION_ACTIONS, type ModeratedObject, type ModerationAction, type ModerationAdapter } from "../moderation/targets";
import { dispatchNotes, noteStatements } from "../notifications/index";
import { can } from "../roles/rules";
import { getProposalFacts, hideWhen, isStaleState, transitionStatement } from "./data";
import { LIMITS } from "./dto";
import { availableActions, transition } from "./lifecycle";
import { proposalUrl } from "./service";

const label = (title: string) => title.trim() || "—";

/**
 * How the one moderation queue decides on proposals. The state machine (lifecycle.ts) says what
 * is allowed; here the decision, its audit record, the queue item's closing and the author's
 * notification are written in ONE batch — guarded, so that when two moderators decide the same
 * proposal at the same moment only the first decision is written (the second gets 409).
 */
export const proposalModeration: ModerationAdapter = {
  async load(db: Db, id: string): Promise<ModeratedObject | null> {
    const [p] = await getProposalFacts(db, id);
    if (!p) return null;
    const hidden = p.hiddenAt !== null;
    return {
      organiserId: p.organiserId,
      authorId: p.authorId,
      label: label(p.title),
      url: proposalUrl(p.id),
      state: p.status,
      hidden,
      public: (p.status === "published" || p.status === "archived") && !hidden,
      actions: availableActions({ status: p.status, hidden }, "moderator").filter((a): a is ModerationAction => (MODERATION_ACTIONS as readonly string[]).includes(a)),
    };
  },

  async decide(ctx: Ctx, actor: SessionUser, id: string, action: ModerationAction, reason: string | null, extra: Statement[] = []) {
    const [p] = await getProposalFacts(ctx.db, id);
    if (!p) throw notFound();
    if (!can(actor, "moderation.decide", { organiserId: p.organiserId })) throw forbidden();
    const text = reason?.trim() || null;
    if (text && text.length > LIMITS.reason) throw invalidField("reason", "field.tooLong", { max: LIMITS.reason });
    const hidden = p.hiddenAt !== null;
    const r = transition({ status: p.status, hidden }, action, "moderator", { reason: text, isOwn: p.authorId === actor.id });
    if (!r.ok) {
      if (r.problem === "own-content") throw new Problem(403, "own-content", "proposals.problem.ownContent");
      if (r.problem === "reason-required") throw invalidField("reason", "field.reasonRequired");
      if (r.problem === "wrong-role") throw forbidden();
      throw conflict("proposals.problem.wrongState");
    }
    const now = Date.now();
    const status = action === "hide" ? "hidden" : r.to;
    const notes = noteStatements(ctx.db, [{ userId: p.authorId, kind: "proposal_status", params: { title: label(p.title), status, reason: text ?? "" }, url: proposalUrl(id) }], now);
    try {
      await runBatch(ctx.db, [
        transitionStatement(ctx.db, id, { from: p.status, wasHidden: hidden, to: r.to, hidden: r.hidden, now, published: action === "publish" }),
        auditRecord(ctx.db, { actorId: actor.id, action: `proposal.${action}`, objectType: "proposal", objectId: id, organiserId: p.organiserId, reason: text, details: { from: p.status, to: r.to, hidden: r.hidden } }, now),
        // Whatever was waiting in the queue for this proposal (a review, reports) is decided now.
        closeItemStatement(ctx.db, "proposal", id, action, actor.id, now, text),
        ...notes.statements,
        ...extra,
      ]);
    } catch (e) {
      if (isStaleState(e)) throw conflict("proposals.problem.wrongState");
      throw e;
    }
    await dispatchNotes(ctx, notes);
  },

  hideWhenStatement(db: Db, id: string, condition: SQL): Statement {
    return hideWhen(db, id, condition, Date.now());
  },
};
