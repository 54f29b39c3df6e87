import { z } from "@hono/zod-openapi";
import { and, eq, sql } from "drizzle-orm";
import type { Ctx } from "../../accounts/service";
import type { SessionUser } from "../../accounts/session-user";
import { auditRecordWhere } from "../../audit";
import { conflict, forbidden, notFound } from "../../http/problem";
import { competitionAccess } from "../access";
import { onStageChanged, type StageChange } from "../cron";
import { competitionById, competitionFacts } from "../data";
import { competitions, STAGES, type Stage } from "../schema";
import { stageCondition } from "../stages";
import { SETUP_LIMITS } from "./dto";
import { stagesEntered } from "./rules";

/**
 * Ending the current stage of a published competition now («Завершить приём заявок досрочно»):
 * its setup is frozen once entries open, yet a real organiser must be able to close a stage early
 * (or open entries early). The stage's closing instant — for the announced stage, the opening of
 * entries — becomes `now`, in ONE guarded write: the UPDATE carries `stageSql(stage)`, so it moves
 * the competition only if it is still in that stage at `now` (two clicks, or the cron, cannot end
 * two stages). The audit record is written on the same condition in the same batch. Then the
 * cron's stage hooks run exactly as the cron runs them (e.g. the results are computed when voting
 * ends), so the organiser does not wait for the next minute.
 */

/** The stages an organiser may end early, and the instant that ends each (the results stage never ends). */
export const STAGE_CLOSING: Partial<Record<Stage, "entryOpensAt" | "entryClosesAt" | "checkClosesAt" | "evaluationClosesAt" | "votingClosesAt">> = {
  announced: "entryOpensAt",
  entry: "entryClosesAt",
  check: "checkClosesAt",
  evaluation: "evaluationClosesAt",
  voting: "votingClosesAt",
};

export const endableStage = (stage: Stage) => STAGE_CLOSING[stage] !== undefined;
export const stageAfter = (stage: Stage): Stage => STAGES[Math.min(STAGES.indexOf(stage) + 1, STAGES.length - 1)];

export const END_STAGE_LIMITS = { reason: 500 };

/** The form and the API body: the stage the organiser saw (so a stale page cannot end the next one) and an optional reason for the log. */
export const EndStageInput = z
  .object({
    stage: z.enum(STAGES, { message: "field.invalidChoice" }),
    reason: z.string({ message: "field.invalid" }).trim().max(END_STAGE_LIMITS.reason, "field.tooLong").optional(),
  })
  .openapi("EndStageInput");

const P = "competitions.setup.problem";

/**
 * Ends `stage` of competition `id` now. `stage` is the stage the organiser saw on the page: if the
 * competition has moved on meanwhile (the cron, another click), nothing is written and it is a 409.
 * Only `competition.manage` of its organiser (403 for anyone else who may read it).
 */
export async function endStageNow(ctx: Ctx, actor: SessionUser, id: string, stage: Stage, reason: string | null, now = Date.now()) {
  if (id.length > SETUP_LIMITS.id) throw notFound();
  const db = ctx.db;
  const [row] = await competitionById(db, id);
  if (!row) throw notFound();
  const c = row.competition;
  const access = competitionAccess(competitionFacts(c), actor, now);
  if (!access.manage) throw access.read ? forbidden() : notFound();
  if (!access.published) throw conflict(`${P}.notPublished`);
  const column = STAGE_CLOSING[stage];
  if (!column) throw conflict(`${P}.stageNotEndable`);
  if (access.stage !== stage) throw conflict(`${P}.stageMoved`);
  const next = stageAfter(stage);
  const inStage = stageCondition(stage, "competitions", now);
  const [, updated] = await db.batch([
    // The record first, on the same condition as the update: both or neither.
    auditRecordWhere(
      db,
      { actorId: actor.id, action: "competition.stage.end", objectType: "competition", objectId: id, organiserId: c.organiserId, reason: reason || null, details: { stage, next, [column]: now, was: c[column] } },
      sql`EXISTS (SELECT 1 FROM competitions WHERE competitions.id = ${id} AND ${inStage})`,
      now,
    ),
    db
      .update(competitions)
      .set({ ...({ [column]: now } as Partial<typeof competitions.$inferInsert>), stage: next, updatedAt: now })
      .where(and(eq(competitions.id, id), inStage))
      .returning({ id: competitions.id }),
  ]);
  if (updated.length === 0) throw conflict(`${P}.stageMoved`);
  // The side effects of every stage entered since the cached stage (the cron may have lagged), as the cron runs them.
  const change: StageChange = { competitionId: id, organiserId: c.organiserId, from: c.stage, to: next, entered: stagesEntered(c.stage, next), at: now };
  const { failures } = await onStageChanged({ db, env: ctx.env, now }, [change]);
  return { id, ended: stage, stage: next, at: now, hookFailures: failures.length };
}
