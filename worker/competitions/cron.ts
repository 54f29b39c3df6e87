import { and, eq, inArray } from "drizzle-orm";
import { runBatch, type Db } from "../db/client";
import type { Env } from "../env";
import { competitions, STAGES, type Stage } from "./schema";
import { stagesEntered } from "./setup/rules";
import { computeOnResultsStage } from "./results/stage-hook";
import { expireUncheckedOnEvaluation } from "./entries/stage-hook";
import { stageAt } from "./stages";

/**
 * Stages open and close by themselves: every minute the cron compares each live competition's
 * cached `stage` with the stage its instants give now, moves it, and runs the side effects of
 * the stages it entered. Actions never rely on the cached stage (they compute it at the write),
 * so a minute's lag only delays lists and side effects, never lets anything in or out.
 */

export interface StageChange {
  competitionId: string;
  organiserId: string;
  from: Stage;
  to: Stage;
  /** Every stage entered, in order (more than one when the cron missed a run). */
  entered: Stage[];
  at: number;
}

/** Stages whose competitions may still move on: everything but the last one. */
const LIVE: Stage[] = STAGES.filter((s) => s !== "results");

/**
 * The published competitions still moving through their stages (not yet in `results`), found
 * through competitions_stage (status, stage): finished competitions, which accumulate for ever,
 * are never read.
 */
export const liveCompetitions = (db: Db) =>
  db
    .select({
      id: competitions.id,
      organiserId: competitions.organiserId,
      stage: competitions.stage,
      entryOpensAt: competitions.entryOpensAt,
      entryClosesAt: competitions.entryClosesAt,
      checkClosesAt: competitions.checkClosesAt,
      evaluationClosesAt: competitions.evaluationClosesAt,
      votingClosesAt: competitions.votingClosesAt,
    })
    .from(competitions)
    .where(and(eq(competitions.status, "published"), inArray(competitions.stage, LIVE)));

/**
 * Moves every live competition whose cached stage is not the stage of `now`, each with a guarded
 * update (`WHERE id = ? AND stage = <old>`): of two cron runs at once only one moves a
 * competition, and only the changes really written are returned.
 */
export async function advanceStages(db: Db, now: number): Promise<StageChange[]> {
  const live = await liveCompetitions(db);
  const due = live.map((c) => ({ c, to: stageAt(c, now) })).filter((x) => x.to !== x.c.stage);
  if (!due.length) return [];
  const results = (await runBatch(
    db,
    due.map(({ c, to }) =>
      db
        .update(competitions)
        .set({ stage: to })
        .where(and(eq(competitions.id, c.id), eq(competitions.stage, c.stage), eq(competitions.status, "published")))
        .returning({ id: competitions.id }),
    ),
  )) as { id: string }[][];
  return due.filter((_, i) => results[i].length > 0).map(({ c, to }) => ({ competitionId: c.id, organiserId: c.organiserId, from: c.stage, to, entered: stagesEntered(c.stage, to), at: now }));
}

export interface StageHookContext {
  db: Db;
  env: Env;
  now: number;
}

/** A side effect of a competition entering a stage. It must be idempotent: a failed run may be repeated by hand. */
export type StageHook = (ctx: StageHookContext, change: StageChange) => Promise<void>;

/**
 * THE place where other parts hang side effects of stage changes, by the stage entered: e.g. the
 * results part adds a hook to `results` that computes the results. Hooks run in the order listed.
 */
export const STAGE_HOOKS: Record<Stage, StageHook[]> = {
  announced: [],
  entry: [],
  check: [],
  evaluation: [expireUncheckedOnEvaluation],
  voting: [],
  results: [computeOnResultsStage],
};

/**
 * Runs the hooks of every stage each change entered, in order. A failing hook is logged and the
 * others still run (one competition's trouble must not hold up another's stage).
 */
export async function onStageChanged(ctx: StageHookContext, changes: StageChange[], hooks: Record<Stage, StageHook[]> = STAGE_HOOKS) {
  const failures: { competitionId: string; stage: Stage; error: string }[] = [];
  for (const change of changes) {
    for (const stage of change.entered) {
      for (const hook of hooks[stage]) {
        try {
          await hook(ctx, change);
        } catch (e) {
          failures.push({ competitionId: change.competitionId, stage, error: String((e as Error)?.message ?? e) });
          console.error(JSON.stringify({ cron: "stage hook failed", competitionId: change.competitionId, stage, error: String(e) }));
        }
      }
    }
  }
  return { failures };
}

/** The every-minute trigger in wrangler.toml (worker/index.ts dispatches on it): a stage's list position and side effects lag its instant by a minute at most. */
export const COMPETITION_CRON = "* * * * *";

/** The every-minute cron: move stages, then their side effects. */
export async function tickCompetitions(db: Db, env: Env, now = Date.now()) {
  const changes = await advanceStages(db, now);
  if (changes.length) console.log(JSON.stringify({ cron: "competition stages", changes: changes.map((c) => ({ id: c.competitionId, from: c.from, to: c.to })) }));
  const { failures } = await onStageChanged({ db, env, now }, changes);
  return { changes, failures };
}
