import type { FieldIssue } from "../../http/problem";
import type { CriterionLevel, Stage } from "../schema";
import { STAGES } from "../schema";
import { checkStageTimes, STAGE_LIMITS, type StageTimes } from "../stages";
import { SETUP_LIMITS } from "./dto";

/**
 * The pure rules of a competition's setup: which combinations of settings are valid, what a
 * criterion's level lines mean, when a competition may be published, and what a stage change
 * passed through. No I/O: unit-tested in test/unit/competition-setup.test.ts.
 */

const F = "competitions.setup.field";

export const TIME_FIELDS = ["entryOpensAt", "entryClosesAt", "checkClosesAt", "evaluationClosesAt", "votingClosesAt"] as const satisfies readonly (keyof StageTimes)[];

/** The stage instants' problem (checkStageTimes names the first bad field), as a field issue. */
export function stageTimeIssues(t: StageTimes): FieldIssue[] {
  const r = checkStageTimes(t);
  if (r.ok) return [];
  if (r.reason === "order") return [{ field: r.field, code: `${F}.stageOrder` }];
  if (r.reason === "tooShort") return [{ field: r.field, code: `${F}.stageTooShort`, params: { min: STAGE_LIMITS.minStageMinutes } }];
  return [{ field: r.field, code: `${F}.stageTooLong`, params: { max: STAGE_LIMITS.maxTotalDays } }];
}

export interface SetupFacts extends StageTimes {
  juryWeight: number;
  publicWeight: number;
}

/**
 * Cross-field checks of a whole setup (after a patch is merged with what is stored): the instants
 * in order and long enough, the two weights adding up to 100, and — once published — entries
 * still to close in the future (a published competition nobody could ever enter makes no sense).
 */
export function setupIssues(s: SetupFacts, opts: { published: boolean; now: number }): FieldIssue[] {
  const issues = stageTimeIssues(s);
  if (s.juryWeight + s.publicWeight !== 100) issues.push({ field: "publicWeight", code: `${F}.weightsSum`, params: { sum: s.juryWeight + s.publicWeight } });
  if (opts.published && s.entryClosesAt <= opts.now && !issues.some((i) => i.field === "entryClosesAt")) issues.push({ field: "entryClosesAt", code: `${F}.entryClosedPast` });
  return issues;
}

/**
 * The cross-field checks that can be made on raw input whose other fields are invalid, so a form
 * shows every problem at once: the instants when all five are readable, the weights when both are
 * whole numbers. (Whether a published competition's entries close in the future needs the stored
 * status; the service checks that.)
 */
export function rawSetupIssues(raw: Record<string, unknown>): FieldIssue[] {
  const times = TIME_FIELDS.map((k) => (typeof raw[k] === "string" ? Date.parse(raw[k] as string) : NaN));
  const issues = times.every(Number.isFinite) ? stageTimeIssues(Object.fromEntries(TIME_FIELDS.map((k, i) => [k, times[i]])) as unknown as StageTimes) : [];
  const { juryWeight: j, publicWeight: p } = raw;
  if (Number.isInteger(j) && Number.isInteger(p) && (j as number) + (p as number) !== 100) issues.push({ field: "publicWeight", code: `${F}.weightsSum`, params: { sum: (j as number) + (p as number) } });
  return issues;
}

export interface CriterionScale {
  scaleMin: number;
  scaleMax: number;
  levels: CriterionLevel[];
  commentBelow: number | null;
}

/** A criterion's scale, its level descriptions and its comment threshold agree with each other. */
export function criterionIssues(c: CriterionScale): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (c.scaleMax <= c.scaleMin) {
    issues.push({ field: "scaleMax", code: `${F}.scaleOrder` });
    return issues;
  }
  const seen = new Set<number>();
  for (const l of c.levels) {
    if (l.score < c.scaleMin || l.score > c.scaleMax) {
      issues.push({ field: "levels", code: `${F}.levelOutside`, params: { score: l.score, min: c.scaleMin, max: c.scaleMax } });
      break;
    }
    if (seen.has(l.score)) {
      issues.push({ field: "levels", code: `${F}.levelRepeated`, params: { score: l.score } });
      break;
    }
    seen.add(l.score);
  }
  if (c.commentBelow !== null && (c.commentBelow < c.scaleMin || c.commentBelow > c.scaleMax)) issues.push({ field: "commentBelow", code: `${F}.commentBelowOutside`, params: { min: c.scaleMin, max: c.scaleMax } });
  return issues;
}

/** Levels sorted by score, as they are stored and shown. */
export const sortLevels = (levels: CriterionLevel[]) => [...levels].sort((a, b) => a.score - b.score);

const LEVEL_LINE = /^\s*(-?\d{1,4})\s*(?:[—–:=.)-]|-{2})\s*(.*?)\s*$/;

export type LevelsParse = { ok: true; levels: CriterionLevel[] } | { ok: false; issue: FieldIssue };

/**
 * The level descriptions as an organiser types them in a textarea: one per line, «балл — текст»
 * (a dash, an en or em dash, a colon or «=» between them); blank lines are skipped. The score's
 * range against the scale is checked by `criterionIssues`, which knows the scale.
 */
export function levelsFromLines(text: string, field = "levels"): LevelsParse {
  const levels: CriterionLevel[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    const m = LEVEL_LINE.exec(lines[i]);
    if (!m || m[2] === "") return { ok: false, issue: { field, code: `${F}.levelLine`, params: { line: i + 1 } } };
    if ([...m[2]].length > SETUP_LIMITS.levelText) return { ok: false, issue: { field, code: `${F}.levelTextTooLong`, params: { line: i + 1, max: SETUP_LIMITS.levelText } } };
    levels.push({ score: Number(m[1]), text: m[2] });
    if (levels.length > SETUP_LIMITS.levels) return { ok: false, issue: { field, code: `${F}.tooManyLevels`, params: { max: SETUP_LIMITS.levels } } };
  }
  return { ok: true, levels };
}

/** The inverse of `levelsFromLines`, for the edit form. */
export const levelsToLines = (levels: CriterionLevel[]) => sortLevels(levels).map((l) => `${l.score} — ${l.text}`).join("\n");

export interface PublishFacts extends SetupFacts {
  nominations: number;
  criteria: number;
}

/**
 * Why a draft may not be published yet (empty: it may). Each reason names the field or the part of
 * the setup to fix, so the page lists them as links and the API as `errors`.
 */
export function publishBlockers(p: PublishFacts, now: number): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (p.nominations < 1) out.push({ field: "nominations", code: `${F}.needNomination` });
  if (p.criteria < 1) out.push({ field: "criteria", code: `${F}.needCriterion` });
  out.push(...setupIssues(p, { published: true, now }));
  return out;
}

/** Each criterion's share of the expert's total, in percent (weights are relative to their sum). */
export function criterionShares(weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (sum > 0 ? Math.round((w * 1000) / sum) / 10 : 0));
}

/**
 * The stages a competition entered in moving from `from` to `to`, in order (the cron may have
 * missed a stage: each one's side effects still run). Moving back (dates edited while announced)
 * enters only `to`.
 */
export function stagesEntered(from: Stage, to: Stage): Stage[] {
  const a = STAGES.indexOf(from);
  const b = STAGES.indexOf(to);
  if (a === b) return [];
  return b > a ? STAGES.slice(a + 1, b + 1) : [to];
}
