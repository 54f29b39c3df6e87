import type { StageHook } from "../cron";
import { computeResults } from "./service";

/**
 * The cron's side effect of a competition entering the results stage: compute its results, so the
 * organiser finds them ready to review. Idempotent as a hook must be — a computation replaces the
 * previous one, and once the results are published nothing is written.
 */
export const computeOnResultsStage: StageHook = async (ctx, change) => {
  const r = await computeResults(ctx.db, change.competitionId, ctx.now);
  console.log(JSON.stringify({ cron: "competition results computed", competitionId: change.competitionId, ...r }));
};
