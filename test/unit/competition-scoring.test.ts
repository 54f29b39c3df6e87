import { describe, expect, it } from "vitest";
import { commentRequired, expertTotal, juryFacts, reviewState, roundHalfAway, SCORING_LIMITS, sheetIssues, sheetRows, type CriterionRule } from "../../worker/competitions/scoring/rules";

// The sample criteria of the fixtures: 0–10 (comment below 3), 0–10, and a scale that does not start at 0.
const C: CriterionRule[] = [
  { id: "a", weight: 40, scaleMin: 0, scaleMax: 10, commentBelow: 3 },
  { id: "b", weight: 35, scaleMin: 0, scaleMax: 10, commentBelow: null },
  { id: "c", weight: 25, scaleMin: 1, scaleMax: 5, commentBelow: null },
];
const issues = (scores: Record<string, number | null>, comments: Record<string, string> = {}, mode: "draft" | "submit" = "submit") =>
  sheetIssues(C, { scores, comments }, mode).map((i) => `${i.field}:${i.code}`);

describe("a score sheet", () => {
  it("a complete sheet within the scales is valid", () => {
    expect(issues({ a: 7, b: 5, c: 3 })).toEqual([]);
    expect(issues({ a: 10, b: 0, c: 1 })).toEqual([]);
  });

  it("submitting needs every criterion scored, field by field", () => {
    expect(issues({ a: 7 })).toEqual(["scores.b:competitions.scoring.field.scoreRequired", "scores.c:competitions.scoring.field.scoreRequired"]);
    expect(issues({ a: 7, b: null, c: 3 })).toEqual(["scores.b:competitions.scoring.field.scoreRequired"]);
  });

  it("a draft may be partial, but what it holds must be valid", () => {
    expect(issues({}, {}, "draft")).toEqual([]);
    expect(issues({ a: 7 }, {}, "draft")).toEqual([]);
    expect(issues({ a: 11 }, {}, "draft")).toEqual(["scores.a:competitions.scoring.field.outOfScale"]);
    // A low score in a draft does not need its comment yet.
    expect(issues({ a: 1 }, {}, "draft")).toEqual([]);
    // A comment with no score would be lost: the score is asked for.
    expect(issues({}, { b: "Хорошие результаты" }, "draft")).toEqual(["scores.b:competitions.scoring.field.scoreForComment"]);
  });

  it("scores are integers on the criterion's own scale (including one that starts at 1)", () => {
    expect(issues({ a: -1, b: 10.5, c: 0 })).toEqual([
      "scores.a:competitions.scoring.field.outOfScale",
      "scores.b:competitions.scoring.field.outOfScale",
      "scores.c:competitions.scoring.field.outOfScale",
    ]);
    expect(issues({ a: 0, b: 0, c: 6 })).toEqual(["comments.a:competitions.scoring.field.commentRequired", "scores.c:competitions.scoring.field.outOfScale"]);
    expect(issues({ a: Number.NaN, b: 3, c: 3 })).toEqual(["scores.a:competitions.scoring.field.outOfScale"]);
    const [p] = sheetIssues(C, { scores: { a: 5, b: 5, c: 9 }, comments: {} }, "submit");
    expect(p.params).toEqual({ min: 1, max: 5 });
  });

  it("a score below the criterion's threshold needs a comment (blank is none); at the threshold it does not", () => {
    expect(issues({ a: 2, b: 5, c: 3 })).toEqual(["comments.a:competitions.scoring.field.commentRequired"]);
    expect(issues({ a: 2, b: 5, c: 3 }, { a: "   \n " })).toEqual(["comments.a:competitions.scoring.field.commentRequired"]);
    expect(issues({ a: 2, b: 5, c: 3 }, { a: "Польза для жителей не показана" })).toEqual([]);
    expect(issues({ a: 3, b: 5, c: 3 })).toEqual([]);
    // A criterion without a threshold never needs one.
    expect(issues({ a: 5, b: 0, c: 3 })).toEqual([]);
    expect(commentRequired(C[0], 2)).toBe(true);
    expect(commentRequired(C[0], 3)).toBe(false);
    expect(commentRequired(C[1], 0)).toBe(false);
  });

  it("comments are at most 2000 characters (after trimming)", () => {
    expect(issues({ a: 5, b: 5, c: 3 }, { b: "я".repeat(SCORING_LIMITS.commentMax) })).toEqual([]);
    expect(issues({ a: 5, b: 5, c: 3 }, { b: `  ${"я".repeat(SCORING_LIMITS.commentMax)}  ` })).toEqual([]);
    expect(issues({ a: 5, b: 5, c: 3 }, { b: "я".repeat(SCORING_LIMITS.commentMax + 1) })).toEqual(["comments.b:field.tooLong"]);
    expect(issues({ a: 1 }, { a: "я".repeat(SCORING_LIMITS.commentMax + 1) }, "draft")).toEqual(["comments.a:field.tooLong"]);
  });

  it("criteria of another competition are refused", () => {
    expect(issues({ a: 5, b: 5, c: 3, zzz: 4 })).toEqual(["scores.zzz:competitions.scoring.field.unknownCriterion"]);
    expect(issues({ a: 5, b: 5, c: 3 }, { yyy: "?" })).toEqual(["comments.yyy:competitions.scoring.field.unknownCriterion"]);
  });

  it("rows to store: scored criteria in order, comments trimmed", () => {
    expect(sheetRows(C, { scores: { c: 2, a: 1 }, comments: { a: "  мало  ", b: "" } })).toEqual([
      { criterionId: "a", score: 1, comment: "мало" },
      { criterionId: "c", score: 2, comment: "" },
    ]);
  });
});

describe("an expert's weighted total (0–100)", () => {
  it("Σ wᵢ·(sᵢ − minᵢ)/(maxᵢ − minᵢ) / Σ wᵢ × 100, with a scale starting at 1", () => {
    // (40·0.7 + 35·0.5 + 25·(3−1)/4) / 100 × 100 = 28 + 17.5 + 12.5 = 58
    expect(expertTotal(C, { a: 7, b: 5, c: 3 })).toBe(58);
    expect(expertTotal(C, { a: 10, b: 10, c: 5 })).toBe(100);
    expect(expertTotal(C, { a: 0, b: 0, c: 1 })).toBe(0);
    // 40·0.9 + 35·0.6 + 25·1 = 36 + 21 + 25 = 82
    expect(expertTotal(C, { a: 9, b: 6, c: 5 })).toBe(82);
  });

  it("repeating decimals are rounded exactly to 6 places, halves away from zero", () => {
    const thirds: CriterionRule[] = [{ id: "x", weight: 1, scaleMin: 0, scaleMax: 3, commentBelow: null }];
    expect(expertTotal(thirds, { x: 1 })).toBe(33.333333);
    expect(expertTotal(thirds, { x: 2 })).toBe(66.666667);
    // 1/16 of 100 = 6.25 exactly; 1/7 → 14.285714…
    expect(expertTotal([{ id: "x", weight: 1, scaleMin: 0, scaleMax: 16, commentBelow: null }], { x: 1 })).toBe(6.25);
    expect(expertTotal([{ id: "x", weight: 3, scaleMin: 0, scaleMax: 7, commentBelow: null }], { x: 1 })).toBe(14.285714);
    // Weights that do not sum to 100: 1·(1/3) + 2·(2/3) over 3 → 5/9 → 55.555556
    const w: CriterionRule[] = [
      { id: "x", weight: 1, scaleMin: 0, scaleMax: 3, commentBelow: null },
      { id: "y", weight: 2, scaleMin: 0, scaleMax: 3, commentBelow: null },
    ];
    expect(expertTotal(w, { x: 1, y: 2 })).toBe(55.555556);
  });

  it("a one-point scale or a zero weight adds nothing; no weights at all gives no total; an unscored criterion is an error", () => {
    const odd: CriterionRule[] = [
      { id: "x", weight: 50, scaleMin: 5, scaleMax: 5, commentBelow: null },
      { id: "y", weight: 50, scaleMin: 0, scaleMax: 10, commentBelow: null },
      { id: "z", weight: 0, scaleMin: 0, scaleMax: 10, commentBelow: null },
    ];
    expect(expertTotal(odd, { x: 5, y: 10, z: 0 })).toBe(50);
    expect(expertTotal([], {})).toBeNull();
    expect(() => expertTotal(C, { a: 1, b: 2 })).toThrow(RangeError);
  });
});

describe("rounding halves away from zero, decimal-safe", () => {
  it("reads the decimal a double stands for: 2.675 → 2.68, 1.005 → 1.01 (Math.round and toFixed give 2.67 and 1.00)", () => {
    expect((2.675).toFixed(2)).toBe("2.67"); // the trap this rule avoids
    expect(roundHalfAway(2.675, 2)).toBe(2.68);
    expect(roundHalfAway(1.005, 2)).toBe(1.01);
    expect(roundHalfAway(8.345, 2)).toBe(8.35);
    expect(roundHalfAway(1.45, 1)).toBe(1.5);
    expect(roundHalfAway(0.1 + 0.2, 1)).toBe(0.3);
    expect(roundHalfAway(57.99999999999999, 2)).toBe(58);
    expect(roundHalfAway(2.674999, 2)).toBe(2.67);
  });

  it("halves away from zero on both sides, and whole places", () => {
    expect(roundHalfAway(0.5, 0)).toBe(1);
    expect(roundHalfAway(2.5, 0)).toBe(3);
    expect(roundHalfAway(-2.5, 0)).toBe(-3);
    expect(roundHalfAway(-2.675, 2)).toBe(-2.68);
    expect(roundHalfAway(-0.004, 2)).toBe(0);
    expect(roundHalfAway(0, 3)).toBe(0);
    expect(roundHalfAway(99.995, 2)).toBe(100);
    expect(roundHalfAway(12.3456, 4)).toBe(12.3456);
    expect(roundHalfAway(1e-9, 2)).toBe(0);
    expect(roundHalfAway(123456.5, 0)).toBe(123457);
    expect(() => roundHalfAway(Number.NaN, 2)).toThrow(RangeError);
    expect(() => roundHalfAway(1, -1)).toThrow(RangeError);
  });
});

describe("the jury facts of an entry", () => {
  const s = { precision: 2, spreadThreshold: 20 };

  it("no experts: no score, no spread, not flagged", () => {
    expect(juryFacts([], s)).toEqual({ experts: 0, score: null, spread: null, flagged: false });
  });

  it("one expert: the score is that total, spread 0, never flagged", () => {
    expect(juryFacts([58], s)).toEqual({ experts: 1, score: 58, spread: 0, flagged: false });
    expect(juryFacts([100], { precision: 2, spreadThreshold: 0 })).toEqual({ experts: 1, score: 100, spread: 0, flagged: false });
  });

  it("all equal: the score is the common total, spread 0", () => {
    expect(juryFacts([70, 70, 70], s)).toEqual({ experts: 3, score: 70, spread: 0, flagged: false });
  });

  it("the mean is rounded to the competition's precision, halves away from zero, exactly (2.675 → 2.68)", () => {
    expect(juryFacts([2.67, 2.68], s).score).toBe(2.68);
    expect(juryFacts([1.005, 1.005], s).score).toBe(1.01);
    expect(juryFacts([33.333333, 66.666667, 50], s).score).toBe(50);
    expect(juryFacts([58, 82, 41], s).score).toBe(60.33);
    expect(juryFacts([58, 82, 41], { precision: 0, spreadThreshold: 20 }).score).toBe(60);
    expect(juryFacts([58, 82, 41], { precision: 1, spreadThreshold: 20 }).score).toBe(60.3);
    expect(juryFacts([10, 11], { precision: 0, spreadThreshold: 20 }).score).toBe(11);
  });

  it("flagged iff at least two totals and the spread (at the shown precision) is above the threshold", () => {
    expect(juryFacts([58, 82, 41], s)).toEqual({ experts: 3, score: 60.33, spread: 41, flagged: true });
    expect(juryFacts([50, 70], s)).toMatchObject({ spread: 20, flagged: false });
    expect(juryFacts([50, 70.01], s)).toMatchObject({ spread: 20.01, flagged: true });
    // 20.004 reads as 20.00 at precision 2, so it does not flag against 20.
    expect(juryFacts([50, 70.004], s)).toMatchObject({ spread: 20, flagged: false });
    expect(juryFacts([50, 70.005], s)).toMatchObject({ spread: 20.01, flagged: true });
    // Floating-point noise does not decide the flag: 70.1 − 50.1 is 19.999999999999993 in doubles.
    expect(juryFacts([50.1, 70.1], s)).toMatchObject({ spread: 20, flagged: false });
    expect(juryFacts([0, 100], { precision: 2, spreadThreshold: 100 }).flagged).toBe(false);
  });
});

describe("the state of an expert's work on an entry", () => {
  it("assigned is to do; draft and submitted as they are", () => {
    expect(["assigned", "draft", "submitted"].map((x) => reviewState(x as "assigned"))).toEqual(["todo", "draft", "submitted"]);
  });
});
