import type { MessageKey } from "../../../web/i18n";

/**
 * The rules of expert scoring, pure (no I/O): what a score sheet must hold, an expert's weighted
 * total, and the jury facts of an entry (score, spread, flag). The routes, the pages and the
 * recomputation in the submit batch all use these, so they never disagree.
 */

export const SCORING_LIMITS = {
  /** A justification of one criterion's score. */
  commentMax: 2000,
  /** Criteria in one sheet (far above any real competition; bounds the input). */
  criteriaMax: 50,
  /** Assigned entries per page of the expert's list. */
  pageSize: 20,
  /** Decimal places an expert's total is kept with (stored and used by all later arithmetic). */
  totalDecimals: 6,
  /** Radio buttons up to this many scale levels; a wider scale is a select (0–100 as radios is unusable). */
  radioLevelsMax: 11,
} as const;

/** What the rules need of a criterion. */
export interface CriterionRule {
  id: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
  /** A score below this needs a comment (null: never). */
  commentBelow: number | null;
}

/** A score sheet as typed: a score (or nothing yet) and a comment per criterion id. */
export interface Sheet {
  scores: Record<string, number | null | undefined>;
  comments: Record<string, string | null | undefined>;
}

export type SheetMode = "draft" | "submit";

export interface SheetIssue {
  field: string;
  code: MessageKey;
  params?: Record<string, string | number>;
}

const has = (o: Record<string, unknown>, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Field-level problems of a sheet (`scores.<criterionId>`, `comments.<criterionId>`), in the
 * criteria's order. For a submit every criterion needs a score and every score below a criterion's
 * `commentBelow` a comment; a draft may be partial (scores missing, comments not yet written), but
 * what it holds must already be valid: integers on the scale, comments within the limit, and a
 * comment only with a score (a score row carries its comment, and a comment on nothing would be
 * silently lost). Criteria not of this competition are refused, so nothing is stored against them.
 */
export function sheetIssues(criteria: readonly CriterionRule[], sheet: Sheet, mode: SheetMode): SheetIssue[] {
  const issues: SheetIssue[] = [];
  const known = new Set(criteria.map((c) => c.id));
  for (const id of [...Object.keys(sheet.scores), ...Object.keys(sheet.comments)]) {
    if (!known.has(id) && !issues.some((i) => i.field.endsWith(`.${id}`))) {
      issues.push({ field: `${has(sheet.scores, id) ? "scores" : "comments"}.${id}`, code: "competitions.scoring.field.unknownCriterion" });
    }
  }
  for (const c of criteria) {
    const raw = sheet.scores[c.id];
    const score = raw === undefined || raw === null ? null : raw;
    const comment = (sheet.comments[c.id] ?? "").trim();
    const sf = `scores.${c.id}`;
    const cf = `comments.${c.id}`;
    let scoreOk = false;
    if (score === null) {
      if (mode === "submit") issues.push({ field: sf, code: "competitions.scoring.field.scoreRequired" });
      else if (comment) issues.push({ field: sf, code: "competitions.scoring.field.scoreForComment" });
    } else if (typeof score !== "number" || !Number.isInteger(score) || score < c.scaleMin || score > c.scaleMax) {
      issues.push({ field: sf, code: "competitions.scoring.field.outOfScale", params: { min: c.scaleMin, max: c.scaleMax } });
    } else scoreOk = true;
    if (comment.length > SCORING_LIMITS.commentMax) {
      issues.push({ field: cf, code: "field.tooLong", params: { max: SCORING_LIMITS.commentMax } });
    } else if (mode === "submit" && scoreOk && commentRequired(c, score!) && !comment) {
      issues.push({ field: cf, code: "competitions.scoring.field.commentRequired", params: { below: c.commentBelow! } });
    }
  }
  return issues;
}

/** Whether this score of this criterion needs a written justification. */
export const commentRequired = (c: Pick<CriterionRule, "commentBelow">, score: number) => c.commentBelow !== null && score < c.commentBelow;

/** The sheet as rows to store: criteria with a score, in the criteria's order, comments trimmed. Call after `sheetIssues` found nothing. */
export function sheetRows(criteria: readonly CriterionRule[], sheet: Sheet): { criterionId: string; score: number; comment: string }[] {
  return criteria.flatMap((c) => {
    const s = sheet.scores[c.id];
    return typeof s === "number" ? [{ criterionId: c.id, score: s, comment: (sheet.comments[c.id] ?? "").trim() }] : [];
  });
}

// ——— Exact arithmetic ———
//
// Totals and jury scores are shown to people and decide flags and rankings, so they must not depend
// on binary floating point (57.99999999999999, or 2.675 stored as 2.67499999999999982236431605997495353221893310546875
// and rounded down). An expert's total is a ratio of integers and is rounded exactly with BigInt;
// totals are then carried as integers of 10⁻⁶ (they have 6 decimals), so the mean and the spread are
// ratios of integers too.

const TEN = (n: number) => 10n ** BigInt(n);
const MICRO = TEN(SCORING_LIMITS.totalDecimals);

/** num/den rounded to an integer, halves away from zero. den > 0. */
function divRound(num: bigint, den: bigint): bigint {
  const neg = num < 0n;
  const a = neg ? -num : num;
  const q = (a * 2n + den) / (den * 2n);
  return neg ? -q : q;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));

/** A ratio num/den as a number with `places` decimals, halves away from zero. */
function ratioToPlaces(num: bigint, den: bigint, places: number): number {
  const scaled = divRound(num * TEN(places), den);
  return Number(`${scaled}e-${places}`);
}

/**
 * `value` rounded to `places` decimals, halves away from zero (2.675 → 2.68, −2.5 → −3), as a person
 * rounds the decimal they read: the value is first read as the decimal of 15 significant digits it
 * stands for (the most a double keeps exactly), which drops binary noise such as 2.67499999999999982
 * or 57.99999999999999, then rounded in decimal.
 */
export function roundHalfAway(value: number, places: number): number {
  if (!Number.isFinite(value)) throw new RangeError("not a finite number");
  if (!Number.isInteger(places) || places < 0 || places > 12) throw new RangeError("places must be an integer 0–12");
  if (value === 0) return 0;
  const [mantissa, exp] = Math.abs(value).toExponential(14).split("e");
  const digits = BigInt(mantissa.replace(".", "")); // 15 digits: value = digits × 10^(exp − 14)
  const shift = Number(exp) - 14 + places; // value × 10^places = digits × 10^shift
  const scaled = shift >= 0 ? digits * TEN(shift) : divRound(digits, TEN(-shift));
  const r = Number(`${scaled}e-${places}`);
  return value < 0 && r !== 0 ? -r : r;
}

/**
 * An expert's weighted total on 0–100: Σ wᵢ·(sᵢ − minᵢ)/(maxᵢ − minᵢ) / Σ wᵢ × 100, exactly, rounded
 * to 6 decimals (halves away from zero). Every criterion must be scored (a submitted sheet). A
 * criterion with a one-point scale (min = max) or zero weight adds nothing. Null when the weights sum
 * to zero (no criteria): there is nothing to score against.
 */
export function expertTotal(criteria: readonly CriterionRule[], scores: Record<string, number>): number | null {
  // Σ wᵢ·(sᵢ − minᵢ)/rᵢ as one fraction over the product of the distinct ranges.
  let num = 0n;
  let den = 1n;
  let weights = 0n;
  for (const c of criteria) {
    const w = BigInt(c.weight);
    weights += w;
    const range = BigInt(c.scaleMax - c.scaleMin);
    if (range <= 0n || w === 0n) continue;
    const s = scores[c.id];
    if (typeof s !== "number" || !Number.isInteger(s)) throw new RangeError(`criterion ${c.id} is not scored`);
    // num/den + w·(s − min)/range
    num = num * range + w * BigInt(s - c.scaleMin) * den;
    den = den * range;
    const g = gcd(num, den);
    if (g > 1n) {
      num /= g;
      den /= g;
    }
  }
  if (weights <= 0n) return null;
  return ratioToPlaces(num * 100n, den * weights, SCORING_LIMITS.totalDecimals);
}

/** A total (6 decimals) as an exact integer of 10⁻⁶. */
const micro = (total: number) => BigInt(Math.round(total * Number(MICRO)));

export interface JuryFacts {
  /** Submitted sheets counted. */
  experts: number;
  /** Mean of the totals to `precision` decimals (halves away from zero); null without a submitted sheet. */
  score: number | null;
  /** Highest minus lowest total, to `precision` decimals (as shown, and as compared with the threshold); null without a sheet. */
  spread: number | null;
  /** At least two totals and a spread above the threshold: the entry needs a further expert. */
  flagged: boolean;
}

/**
 * The jury facts of an entry from its submitted experts' totals. The spread is rounded to the
 * competition's precision BEFORE it is compared, so that the flag agrees with the spread a person
 * reads: a spread shown as 20.00 never flags against a threshold of 20.
 */
export function juryFacts(totals: readonly number[], settings: { precision: number; spreadThreshold: number }): JuryFacts {
  const n = totals.length;
  if (n === 0) return { experts: 0, score: null, spread: null, flagged: false };
  const m = totals.map(micro);
  const sum = m.reduce((a, b) => a + b, 0n);
  const max = m.reduce((a, b) => (b > a ? b : a));
  const min = m.reduce((a, b) => (b < a ? b : a));
  const score = ratioToPlaces(sum, BigInt(n) * MICRO, settings.precision);
  const spread = ratioToPlaces(max - min, MICRO, settings.precision);
  return { experts: n, score, spread, flagged: n >= 2 && spread > settings.spreadThreshold };
}

/** The state of an expert's work on an entry, as the list shows it. */
export type ReviewState = "todo" | "draft" | "submitted";
export const reviewState = (status: "assigned" | "draft" | "submitted"): ReviewState => (status === "assigned" ? "todo" : status);
