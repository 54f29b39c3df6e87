import { sql, type SQL } from "drizzle-orm";
import type { Stage } from "./schema";

/**
 * The stages of a competition, from its five instants (epoch ms UTC, typed and shown in Moscow time
 * with the helpers of consultations/window.ts). Each stage is a half-open interval [start, end): at
 * the instant a stage closes, the next one is open. This is THE rule: pages, routes, SQL guards
 * (see `stageSql`) and the cron all derive the stage from it, so an action at 23:59:59.999 and one at
 * 00:00:00.000 are decided the same way everywhere.
 */
export interface StageTimes {
  entryOpensAt: number;
  entryClosesAt: number;
  checkClosesAt: number;
  evaluationClosesAt: number;
  votingClosesAt: number;
}

export function stageAt(t: StageTimes, now: number): Stage {
  if (now < t.entryOpensAt) return "announced";
  if (now < t.entryClosesAt) return "entry";
  if (now < t.checkClosesAt) return "check";
  if (now < t.evaluationClosesAt) return "evaluation";
  if (now < t.votingClosesAt) return "voting";
  return "results";
}

/** When a stage opens and closes (null: open-ended). */
export function stageBounds(t: StageTimes, stage: Stage): { start: number | null; end: number | null } {
  switch (stage) {
    case "announced":
      return { start: null, end: t.entryOpensAt };
    case "entry":
      return { start: t.entryOpensAt, end: t.entryClosesAt };
    case "check":
      return { start: t.entryClosesAt, end: t.checkClosesAt };
    case "evaluation":
      return { start: t.checkClosesAt, end: t.evaluationClosesAt };
    case "voting":
      return { start: t.evaluationClosesAt, end: t.votingClosesAt };
    case "results":
      return { start: t.votingClosesAt, end: null };
  }
}

/** The SQL columns of each stage's interval, for guards written into a statement (see `stageSql`). */
const COLUMNS: Record<Stage, [string | null, string | null]> = {
  announced: [null, "entry_opens_at"],
  entry: ["entry_opens_at", "entry_closes_at"],
  check: ["entry_closes_at", "check_closes_at"],
  evaluation: ["check_closes_at", "evaluation_closes_at"],
  voting: ["evaluation_closes_at", "voting_closes_at"],
  results: ["voting_closes_at", null],
};

/**
 * A condition on the `competitions` row (aliased `alias`) true iff the competition is published and
 * in `stage` at `now`: put it into the WHERE of an INSERT … SELECT or UPDATE, so that the stage is
 * checked by the write itself and nothing slips in at the edge. Returns SQL text with `?` for `now`
 * (the caller binds it once per `?`, see `stageSqlParams`). Column names come from the table above,
 * never from input.
 */
export function stageSql(stage: Stage, alias = "competitions"): string {
  const [start, end] = COLUMNS[stage];
  const parts = [`${alias}.status = 'published'`];
  if (start) parts.push(`${alias}.${start} <= ?`);
  if (end) parts.push(`? < ${alias}.${end}`);
  return `(${parts.join(" AND ")})`;
}

/** How many times `now` is bound by `stageSql(stage)`. */
export const stageSqlParams = (stage: Stage) => COLUMNS[stage].filter(Boolean).length;

/** `stageSql` as a drizzle SQL fragment with `now` bound at each `?`, for guards built with drizzle. */
export function stageCondition(stage: Stage, alias: string, now: number): SQL {
  const parts = stageSql(stage, alias).split("?");
  return sql.join(parts.map((p, i) => (i === 0 ? sql.raw(p) : sql`${now}${sql.raw(p)}`)));
}

/** Limits on the instants an organiser may set (each stage at least an hour, the whole at most two years). */
export const STAGE_LIMITS = { minStageMinutes: 60, maxTotalDays: 731 };

/** Pure check of a set of instants: in order, each stage long enough, the whole not too long. Returns the first bad field. */
export function checkStageTimes(t: StageTimes): { ok: true } | { ok: false; field: keyof StageTimes; reason: "order" | "tooShort" | "tooLong" } {
  const order: (keyof StageTimes)[] = ["entryOpensAt", "entryClosesAt", "checkClosesAt", "evaluationClosesAt", "votingClosesAt"];
  const minMs = STAGE_LIMITS.minStageMinutes * 60_000;
  for (let i = 1; i < order.length; i++) {
    const prev = t[order[i - 1]];
    const cur = t[order[i]];
    if (cur <= prev) return { ok: false, field: order[i], reason: "order" };
    if (cur - prev < minMs) return { ok: false, field: order[i], reason: "tooShort" };
  }
  if (t.votingClosesAt - t.entryOpensAt > STAGE_LIMITS.maxTotalDays * 86_400_000) return { ok: false, field: "votingClosesAt", reason: "tooLong" };
  return { ok: true };
}
