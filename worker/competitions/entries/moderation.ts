import type { SQL } from "drizzle-orm";
import { formatDateTime, translate } from "../../../web/i18n";
import type { Ctx } from "../../accounts/service";
import type { SessionUser } from "../../accounts/session-user";
import { auditRecord } from "../../audit";
import type { Db, Statement } from "../../db/client";
import { runBatch } from "../../db/client";
import { conflict, forbidden, invalidField, notFound, Problem } from "../../http/problem";
import { closeItemStatement } from "../../moderation/index";
import { LIMITS } from "../../moderation/rules";
import type { ModeratedObject, ModerationAction, ModerationAdapter } from "../../moderation/targets";
import { dispatchNotes, noteStatements } from "../../notifications/index";
import { competitionAccess } from "../access";
import { competitionFacts, entryUrl } from "../data";
import { stageBounds } from "../stages";
import { autoHideAllowedSql, decisionStatement, entryFacts, hideWhen, isUnwritten, recountNomination, recountNominationOfEntry, type EntryFactsRow } from "./data";
import { entryActions, entryDecision } from "./rules";

const label = (title: string) => title.trim() || "—";

/** The competition's facts from the entry's row (the competition's status comes aliased: the entry has one too). */
const facts = (f: EntryFactsRow) => competitionFacts({ ...f, status: f.competitionStatus });

/** Published and in the entry or check stage: when moderators decide on entries (access.moderate without the role). */
const inModerationStages = (f: EntryFactsRow, now: number) => {
  const a = competitionAccess(facts(f), null, now);
  return a.published && (a.stage === "entry" || a.stage === "check");
};

/** 409 after the check stage (or before publication), with when it closed in Moscow time. */
function stageProblem(locale: Ctx["locale"], f: EntryFactsRow) {
  const { end } = stageBounds(facts(f), "check");
  return new Problem(409, "entry-moderation-closed", "competitions.entries.problem.moderationClosed", [], {
    checkClosesAt: new Date(end!).toISOString(),
    detail: translate(locale, "competitions.entries.problem.moderationClosed.detail", { closes: formatDateTime(locale, end!) }),
  });
}

/**
 * Competition entries in the one moderation queue: pre-moderated (the eligibility check) — entering
 * puts a "review" item in the organiser's queue; a moderator admits ("publish") or rejects (reason
 * required; the entrant reads it), and later hides (reason required) or restores an admitted entry.
 * Admitting and rejecting only during the entry and check stages: afterwards experts score the
 * admitted entries and the public votes on them, so the list must not move (409 with the stage's
 * end). Hiding and restoring stay possible in every stage: illegal content must be taken down whenever
 * it is found (a hidden entry leaves the results; restoring brings it back with its votes).
 *
 * A decision writes in ONE batch: the guarded status change (still in the state it was decided on
 * and still in a moderation stage when the batch runs), the nomination's entry_count recounted, the
 * audit record, the queue item's closing, the entrant's `entry_status` notification and the queue's
 * `extra` statements (reports settled, reporters notified).
 */
export const entryModeration: ModerationAdapter = {
  async load(db: Db, id: string): Promise<ModeratedObject | null> {
    const [f] = await entryFacts(db, id);
    if (!f) return null;
    const hidden = f.hiddenAt !== null;
    return {
      organiserId: f.organiserId,
      authorId: f.submittedBy,
      label: label(f.title),
      url: entryUrl(f.competitionId, f.id),
      state: f.status,
      hidden,
      public: f.competitionStatus === "published" && f.status === "admitted" && !hidden,
      actions: entryActions({ status: f.status, hidden }),
    };
  },

  async decide(ctx: Ctx, actor: SessionUser, id: string, action: ModerationAction, reason: string | null, extra: Statement[] = []) {
    const now = Date.now();
    const [f] = await entryFacts(ctx.db, id);
    if (!f) throw notFound();
    const access = competitionAccess(facts(f), actor, now);
    if (!access.isModerator) throw forbidden();
    if (f.submittedBy === actor.id) throw new Problem(403, "own-content", "moderation.problem.ownContent");
    const text = reason?.trim() || null;
    if (text && text.length > LIMITS.reason) throw invalidField("reason", "field.tooLong", { max: LIMITS.reason });
    // Hiding and restoring (illegal or abusive content) stay possible in every stage; admitting and
    // rejecting are the eligibility check and end with it.
    const anyStage = action === "hide" || action === "restore";
    if (!(anyStage ? access.published : access.moderate)) throw stageProblem(ctx.locale, f);
    const hidden = f.hiddenAt !== null;
    const r = entryDecision({ status: f.status, hidden }, action, text);
    if (!r.ok) {
      if (r.problem === "unknown-action") throw invalidField("action", "moderation.field.unknownAction");
      if (r.problem === "reason-required") throw invalidField("reason", "field.reasonRequired");
      throw conflict("competitions.entries.problem.wrongState");
    }
    // The entrant reads the reason of a refusal or a hiding; admitting and restoring clear it.
    const shownReason = action === "reject" || action === "hide" ? text : null;
    const notes = noteStatements(
      ctx.db,
      [{ userId: f.submittedBy, kind: "entry_status", params: { title: label(f.title), competition: f.competitionTitle, status: r.notice, reason: shownReason ?? "" }, url: entryUrl(f.competitionId, id) }],
      now,
    );
    try {
      await runBatch(ctx.db, [
        decisionStatement(ctx.db, id, { from: f.status, wasHidden: hidden, to: r.to, hidden: r.hidden, reason: shownReason, actorId: actor.id, now, competitionId: f.competitionId, statusChange: r.to !== f.status, anyStage }),
        recountNomination(ctx.db, f.nominationId),
        auditRecord(ctx.db, { actorId: actor.id, action: `entry.${action}`, objectType: "entry", objectId: id, organiserId: f.organiserId, reason: text, details: { from: f.status, to: r.to, hidden: r.hidden, competitionId: f.competitionId } }, now),
        // Whatever waited in the queue for this entry (the review, reports) is decided now.
        closeItemStatement(ctx.db, "entry", id, action, actor.id, now, text),
        ...notes.statements,
        ...extra,
      ]);
    } catch (e) {
      if (!isUnwritten(e)) throw e;
      // Another moderator was quicker, or the check stage closed between the read and the write.
      const [again] = await entryFacts(ctx.db, id);
      if (again && !anyStage && !inModerationStages(again, Date.now())) throw stageProblem(ctx.locale, again);
      throw conflict("competitions.entries.problem.wrongState");
    }
    await dispatchNotes(ctx, notes);
  },

  hideWhenStatement(db: Db, id: string, condition: SQL): Statement {
    return hideWhen(db, id, condition, Date.now());
  },

  autoHideAllowed(_db: Db, id: string): SQL {
    return autoHideAllowedSql(id, Date.now());
  },

  hideWhenFollowUps(db: Db, id: string): Statement[] {
    // The hidden entry leaves the nomination's count in the same batch (recounted: right whether or not it was hidden).
    return [recountNominationOfEntry(db, id)];
  },
};
