import { z } from "@hono/zod-openapi";
import { ASSIGNMENT_STATUSES } from "../schema";
import { SCORING_LIMITS, type Sheet } from "./rules";

/** Ids are UUIDs (or the seeds' short slugs): letters, digits and dashes, nothing a path could smuggle. */
export const ScoringId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "field.invalidFormat");

const tooMany = { message: "competitions.scoring.field.tooManyCriteria" };

/**
 * A score sheet: a score and a comment per criterion id. What each must be (integers on the scale,
 * comments required below a threshold, at most 2000 characters) is checked by rules.ts against the
 * competition's criteria, field by field (`scores.<criterionId>`, `comments.<criterionId>`).
 */
export const SheetInput = z
  .object({
    scores: z
      .record(ScoringId, z.number({ message: "competitions.scoring.field.notANumber" }).nullable())
      .default({})
      .refine((o) => Object.keys(o).length <= SCORING_LIMITS.criteriaMax, tooMany)
      .openapi({ description: "criterion id → integer score on the criterion's scale (null or absent: not scored yet — only in a draft)", example: { "criterion-1": 7 } }),
    comments: z
      .record(ScoringId, z.string({ message: "field.invalid" }).max(SCORING_LIMITS.commentMax * 2, "field.tooLong").nullable())
      .default({})
      .refine((o) => Object.keys(o).length <= SCORING_LIMITS.criteriaMax, tooMany)
      .openapi({ description: `criterion id → the justification (at most ${SCORING_LIMITS.commentMax} characters; required when the score is below the criterion's commentBelow)` }),
  })
  .openapi("ScoreSheetInput");

export const toSheet = (v: z.output<typeof SheetInput>): Sheet => ({ scores: v.scores, comments: v.comments });

/**
 * A page form's fields as a sheet: `score.<criterionId>` (a radio group or a select; absent or ""
 * when not chosen) and `comment.<criterionId>`. A value that is not a whole number stays NaN, so the
 * rules answer "out of scale" for that field instead of dropping it.
 */
export function sheetFromForm(v: Record<string, string>): Sheet {
  const sheet: Sheet = { scores: {}, comments: {} };
  for (const [k, raw] of Object.entries(v)) {
    if (k.startsWith("score.")) {
      const id = k.slice(6);
      const s = raw.trim();
      sheet.scores[id] = s === "" ? null : /^-?\d{1,9}$/.test(s) ? Number(s) : Number.NaN;
    } else if (k.startsWith("comment.")) sheet.comments[k.slice(8)] = raw;
  }
  return sheet;
}

const Score = z.object({ criterionId: z.string(), score: z.number().int(), comment: z.string() }).openapi("CriterionScore");

export const SavedSheetView = z
  .object({
    entryId: z.string(),
    competitionId: z.string(),
    status: z.enum(ASSIGNMENT_STATUSES),
    total: z.number().nullable().openapi({ description: "The weighted total on 0–100 (6 decimals), once submitted" }),
    submittedAt: z.string().nullable(),
  })
  .openapi("SavedScoreSheet");

export const ScoresView = z
  .object({
    entryId: z.string(),
    competitionId: z.string(),
    mine: z
      .object({ status: z.enum(ASSIGNMENT_STATUSES), total: z.number().nullable(), submittedAt: z.string().nullable(), scores: z.array(Score) })
      .nullable()
      .openapi({ description: "Your own sheet (draft or submitted); null unless you are an expert assigned to the entry" }),
    sheets: z
      .array(
        z.object({
          number: z.number().int().openapi({ description: "1, 2, 3 … in the order the sheets were submitted" }),
          name: z.string().nullable().openapi({ description: "The expert's name: for the organiser only (null for experts)" }),
          mine: z.boolean(),
          total: z.number().nullable(),
          submittedAt: z.string().nullable(),
          scores: z.array(Score),
        }),
      )
      .nullable()
      .openapi({ description: "Every submitted sheet: for the organiser at any time, for an assigned expert once the evaluation stage has ended; null otherwise" }),
    jury: z
      .object({ experts: z.number().int(), score: z.number().nullable(), spread: z.number().nullable(), flagged: z.boolean() })
      .nullable()
      .openapi({ description: "The entry's jury facts, shown with the sheets" }),
    canScore: z.boolean(),
  })
  .openapi("EntryScores");
