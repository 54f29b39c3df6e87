import { z } from "@hono/zod-openapi";

/** Explicit limits of the library (the form, the API and the tests read them from here). */
export const LIMITS = {
  title: { min: 3, max: 200 },
  place: 100,
  theme: 100,
  longText: 5000,
  period: 100,
  budget: 1_000_000_000_000,
  firstYear: 1990,
  reason: { min: 3, max: 1000 },
  query: 200,
  filter: 200,
  id: 64,
  pageSize: 20,
  pageMax: 50,
} as const;

/** The latest year a practice may carry: next year (a practice planned and announced ahead). */
export const lastYear = (now = Date.now()) => new Date(now).getUTCFullYear() + 1;

/** Empty (or only spaces) is "required", not "too short": one reason per field. */
const required = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string({ message: "field.required" }).trim().min(min, "field.tooShort").max(max, "field.tooLong"));
const optional = (max: number) => z.string({ message: "field.invalid" }).trim().max(max, "field.tooLong").default("");

/** A practice an organiser adds by hand. */
export const PracticeInput = z
  .object({
    organiserId: z.string({ message: "field.unknownOrganiser" }).min(1, "field.unknownOrganiser").max(LIMITS.id, "field.unknownOrganiser"),
    title: required(LIMITS.title.min, LIMITS.title.max),
    city: required(2, LIMITS.place),
    country: optional(LIMITS.place),
    theme: optional(LIMITS.theme),
    // The upper bound moves with the calendar, so it is checked when parsing, not fixed in the schema.
    year: z
      .number({ message: "library.field.year" })
      .int("library.field.year")
      .min(LIMITS.firstYear, "library.field.year")
      .refine((y) => y <= lastYear(), { message: "library.field.year" }),
    problem: required(10, LIMITS.longText),
    actions: required(10, LIMITS.longText),
    results: required(10, LIMITS.longText),
    period: optional(LIMITS.period),
    budget: z.number({ message: "library.field.budget" }).int("library.field.budget").min(0, "library.field.budget").max(LIMITS.budget, "library.field.budget").nullable().default(null),
  })
  .openapi("PracticeInput");
export type PracticeInputValues = z.output<typeof PracticeInput>;

export const HideInput = z.object({ reason: required(LIMITS.reason.min, LIMITS.reason.max) }).openapi("PracticeHideInput");

/**
 * An HTML form's string fields as the API's shape: the year and the budget as numbers (spaces in
 * «1 500 000» accepted); what cannot be read as a number stays a string so that validation reports
 * it on its field.
 */
export function fromForm(values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ["organiserId", "title", "city", "country", "theme", "problem", "actions", "results", "period"]) if (k in values) out[k] = values[k];
  for (const k of ["year", "budget"]) {
    const s = (values[k] ?? "").replace(/[\s\u00a0\u202f]/g, "");
    out[k] = s === "" ? (k === "budget" ? null : undefined) : /^-?\d+$/.test(s) ? Number(s) : s;
  }
  return out;
}

/** The list's query: text, the four filters (exact values from the facet lists), the cursor. */
export const ListQuery = z.object({
  q: z.string().max(LIMITS.query, "field.tooLong").optional(),
  city: z.string().max(LIMITS.filter, "field.tooLong").optional(),
  theme: z.string().max(LIMITS.filter, "field.tooLong").optional(),
  nomination: z.string().max(LIMITS.filter, "field.tooLong").optional(),
  year: z.coerce.number().int().min(LIMITS.firstYear).max(9999).optional(),
  after: z.string().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageMax).default(LIMITS.pageSize),
});

const PracticeFields = {
  id: z.string(),
  organiserId: z.string(),
  source: z.enum(["entry", "manual"]),
  competitionId: z.string().nullable(),
  entryId: z.string().nullable(),
  nomination: z.string(),
  place: z.number().int().nullable(),
  city: z.string(),
  country: z.string(),
  title: z.string(),
  theme: z.string(),
  year: z.number().int(),
};

export const PracticeCard = z.object({ ...PracticeFields, snippet: z.string() }).openapi("PracticeCard");

export const PracticeView = z
  .object({
    ...PracticeFields,
    problem: z.string(),
    actions: z.string(),
    results: z.string(),
    period: z.string(),
    budget: z.number().int().nullable(),
    createdAt: z.number().int(),
    hiddenAt: z.number().int().nullable(),
  })
  .openapi("Practice");
