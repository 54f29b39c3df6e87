import { z } from "@hono/zod-openapi";
import { ENTRANT_KINDS, JURY_NORMALISATIONS, PUBLIC_NORMALISATIONS, STAGES, TIE_BREAKS } from "../schema";

/**
 * Explicit limits of a competition's setup. Each is tested at its edge
 * (test/worker/competitions-setup.test.ts); the forms show them.
 */
export const SETUP_LIMITS = {
  title: 300,
  summary: 1000,
  /** The rules as text: 20 000 characters of Cyrillic stay well inside the 64 KB request limit. */
  rulesText: 20_000,
  entryLimit: { min: 1, max: 20 },
  minExperts: { min: 1, max: 10 },
  spreadThreshold: { min: 0, max: 100 },
  precision: { min: 0, max: 4 },
  winners: { min: 1, max: 10 },
  weight: { min: 0, max: 100 },
  nominations: 20,
  nominationTitle: 200,
  nominationDescription: 2000,
  criteria: 20,
  criterionName: 200,
  criterionDescription: 2000,
  criterionWeight: { min: 1, max: 100 },
  /** Scale ends: whole numbers 0–100 with min < max (so max − min ≤ 100). */
  scale: { min: 0, max: 100 },
  levelText: 300,
  /** One description per score at most: a 0–100 scale has 101 scores. */
  levels: 101,
  id: 64,
  pageSize: 20,
} as const;

const F = "competitions.setup.field";
const text = (max: number) => z.string({ message: "field.invalid" }).trim().max(max, "field.tooLong");
const required = (max: number) => text(max).min(1, "field.required");
/** A whole number in [min, max]; every way of missing it names the same range. */
const int = (r: { min: number; max: number }) =>
  z
    .number({ message: `${F}.number` })
    .int(`${F}.whole`)
    .min(r.min, `${F}.atLeast`)
    .max(r.max, `${F}.atMost`);
/** An instant with its offset, as the API takes stage dates («2026-11-22T10:00:00+03:00»). */
const instant = z.iso.datetime({ offset: true, message: `${F}.instant` }).transform((s) => Date.parse(s));

export const Eligibility = z
  .array(z.enum(ENTRANT_KINDS, { message: "field.invalidChoice" }), { message: `${F}.eligibility` })
  .min(1, `${F}.eligibility`)
  .max(ENTRANT_KINDS.length, `${F}.eligibility`)
  .refine((a) => new Set(a).size === a.length, { message: `${F}.eligibility` });

/** The tie-break order: every key of TIE_BREAKS once, most important first; a repeat is named where it occurs. */
export const TieBreakOrder = z
  .array(z.enum(TIE_BREAKS, { message: "field.invalidChoice" }), { message: `${F}.tieBreak` })
  .length(TIE_BREAKS.length, `${F}.tieBreak`)
  .superRefine((a, ctx) => {
    a.forEach((k, i) => {
      if (a.indexOf(k) < i) ctx.addIssue({ code: "custom", path: [i], message: `${F}.tieBreakRepeated` });
    });
  });

/** Everything of a competition's setup that has a default (see schema.ts). */
const settings = {
  summary: text(SETUP_LIMITS.summary),
  rulesText: text(SETUP_LIMITS.rulesText),
  eligibility: Eligibility,
  entryLimit: int(SETUP_LIMITS.entryLimit),
  minExperts: int(SETUP_LIMITS.minExperts),
  spreadThreshold: z
    .number({ message: `${F}.number` })
    .min(SETUP_LIMITS.spreadThreshold.min, `${F}.atLeast`)
    .max(SETUP_LIMITS.spreadThreshold.max, `${F}.atMost`)
    .refine((n) => Number.isInteger(n * 10), { message: `${F}.oneDecimal` }),
  precision: int(SETUP_LIMITS.precision),
  juryWeight: int(SETUP_LIMITS.weight),
  publicWeight: int(SETUP_LIMITS.weight),
  juryNormalisation: z.enum(JURY_NORMALISATIONS, { message: "field.invalidChoice" }),
  publicNormalisation: z.enum(PUBLIC_NORMALISATIONS, { message: "field.invalidChoice" }),
  tieBreak: TieBreakOrder,
  winners: int(SETUP_LIMITS.winners),
};

const times = {
  entryOpensAt: instant,
  entryClosesAt: instant,
  checkClosesAt: instant,
  evaluationClosesAt: instant,
  votingClosesAt: instant,
};

/** A new competition: the organiser, the title and the five instants; every other setting may be left to its default. */
export const CompetitionInput = z
  .object({
    organiserId: z.string({ message: "field.unknownOrganiser" }).min(1, "field.unknownOrganiser").max(SETUP_LIMITS.id, "field.unknownOrganiser"),
    title: required(SETUP_LIMITS.title),
    ...times,
  })
  .extend(z.object(settings).partial().shape)
  .openapi("CompetitionInput");
export type CompetitionInputValues = z.output<typeof CompetitionInput>;

export const CompetitionPatch = z
  .object({ title: required(SETUP_LIMITS.title), ...times, ...settings })
  .partial()
  .openapi("CompetitionPatch");
export type CompetitionPatchValues = z.output<typeof CompetitionPatch>;

export const NominationInput = z
  .object({ title: required(SETUP_LIMITS.nominationTitle), description: text(SETUP_LIMITS.nominationDescription).default("") })
  .openapi("NominationInput");
export const NominationPatch = z
  .object({ title: required(SETUP_LIMITS.nominationTitle), description: text(SETUP_LIMITS.nominationDescription) })
  .partial()
  .openapi("NominationPatch");
export type NominationPatchValues = z.output<typeof NominationPatch>;

export const Level = z.object({
  score: int(SETUP_LIMITS.scale),
  text: required(SETUP_LIMITS.levelText),
});

const criterionFields = {
  name: required(SETUP_LIMITS.criterionName),
  description: text(SETUP_LIMITS.criterionDescription),
  weight: int(SETUP_LIMITS.criterionWeight),
  scaleMin: int(SETUP_LIMITS.scale),
  scaleMax: int(SETUP_LIMITS.scale),
  levels: z.array(Level, { message: "field.invalid" }).max(SETUP_LIMITS.levels, `${F}.tooManyLevels`),
  /** A score below this needs a comment; null: never. */
  commentBelow: int(SETUP_LIMITS.scale).nullable(),
};

export const CriterionInput = z
  .object({
    ...criterionFields,
    description: criterionFields.description.default(""),
    scaleMin: criterionFields.scaleMin.default(0),
    scaleMax: criterionFields.scaleMax.default(10),
    levels: criterionFields.levels.default([]),
    commentBelow: criterionFields.commentBelow.default(null),
  })
  .openapi("CriterionInput");
export type CriterionInputValues = z.output<typeof CriterionInput>;
export const CriterionPatch = z.object(criterionFields).partial().openapi("CriterionPatch");
export type CriterionPatchValues = z.output<typeof CriterionPatch>;

export const MoveInput = z.object({ direction: z.enum(["up", "down"], { message: "field.invalidChoice" }) }).openapi("SetupMove");

// ---- views ------------------------------------------------------------------------------------

export const NominationView = z
  .object({ id: z.string(), title: z.string(), description: z.string(), position: z.number().int(), entryCount: z.number().int() })
  .openapi("Nomination");

export const CriterionView = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    weight: z.number().int(),
    scaleMin: z.number().int(),
    scaleMax: z.number().int(),
    levels: z.array(z.object({ score: z.number().int(), text: z.string() })),
    commentBelow: z.number().int().nullable(),
    position: z.number().int(),
  })
  .openapi("Criterion");

const epoch = z.number().int().openapi({ description: "Epoch milliseconds (UTC)" });

export const CompetitionCard = z
  .object({
    id: z.string(),
    organiserId: z.string(),
    organiserName: z.string(),
    title: z.string(),
    summary: z.string(),
    status: z.enum(["draft", "published"]),
    /** The stage now, from the instants (not the cron's cached copy). */
    stage: z.enum(STAGES),
    entryOpensAt: epoch,
    entryClosesAt: epoch,
    checkClosesAt: epoch,
    evaluationClosesAt: epoch,
    votingClosesAt: epoch,
    publishedAt: epoch.nullable(),
    resultsPublishedAt: epoch.nullable(),
  })
  .openapi("CompetitionCard");

export const CompetitionList = z.object({ items: z.array(CompetitionCard), next: z.string().nullable() }).openapi("CompetitionList");

export const CompetitionView = CompetitionCard.extend({
  rulesText: z.string(),
  eligibility: z.array(z.enum(ENTRANT_KINDS)),
  entryLimit: z.number().int(),
  minExperts: z.number().int(),
  spreadThreshold: z.number(),
  precision: z.number().int(),
  juryWeight: z.number().int(),
  publicWeight: z.number().int(),
  juryNormalisation: z.enum(JURY_NORMALISATIONS),
  publicNormalisation: z.enum(PUBLIC_NORMALISATIONS),
  tieBreak: z.array(z.enum(TIE_BREAKS)),
  winners: z.number().int(),
  nominations: z.array(NominationView),
  criteria: z.array(CriterionView),
  /** Whether the viewer may change the setup now (the organiser's admins, before entries open). */
  editable: z.boolean(),
}).openapi("Competition");

// ---- HTML form helpers ------------------------------------------------------------------------

/** An HTML form's number field as a number when it looks like one (otherwise left for validation to name). */
export const numOrRaw = (s: string | undefined) => (s !== undefined && /^\s*-?\d+([.,]\d+)?\s*$/.test(s) ? Number(s.replace(",", ".")) : s);
