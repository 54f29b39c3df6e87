import { z } from "@hono/zod-openapi";
import { LIMITS as ACCOUNT_LIMITS } from "../../accounts/dto";

/** Explicit limits of the experts part (each one tested). */
export const EXPERTS_LIMITS = {
  /** Experts of one competition: a jury of 50 with room to spare; bounds the list and the assignment's reads. */
  expertsPerCompetition: 200,
  emailMax: ACCOUNT_LIMITS.emailMax,
  cityMax: ACCOUNT_LIMITS.cityMax,
  /** Conflicts one expert declares (the whole declaration is sent at once). */
  conflictsPerExpert: 300,
  conflictReasonMax: 300,
  /**
   * Entries listed on the expert's declaration page (every admitted entry, one form): a reason field
   * per entry costs ≈ 50 bytes of the 64 KB form body, so 1,000 entries still fit.
   */
  declarationEntries: 1000,
  /** Assignment rows per INSERT: 2 parameters each plus 10 fixed stay under D1's 100 bound parameters. */
  pairsPerStatement: 40,
  /** Rows per page of the evaluation page's entry list. */
  evaluationPage: 50,
  /** Flagged entries and entries below the minimum shown at the top of the evaluation page. */
  evaluationAttention: 100,
} as const;
const L = EXPERTS_LIMITS;

const id = z.string({ message: "field.required" }).trim().min(1, "field.required").max(64, "field.invalid");
const city = z.string({ message: "field.required" }).trim().max(L.cityMax, "field.tooLong");

export const AddExpertInput = z
  .object({
    email: z
      .string({ message: "field.required" })
      .trim()
      .min(1, "field.required")
      .max(L.emailMax, "field.tooLong")
      .pipe(z.email({ message: "field.email" }))
      .transform((s) => s.toLowerCase()),
    /** The expert's city for conflicts of interest; omitted or empty: the city of their profile. */
    city: city.optional(),
  })
  .openapi("AddExpertInput");
export type AddExpertValues = z.infer<typeof AddExpertInput>;

export const FlaggedInput = z.object({ entryId: id, expertId: id }).openapi("AddExpertToFlaggedEntry");
export type FlaggedValues = z.infer<typeof FlaggedInput>;

export const DeclarationInput = z
  .object({
    /** The expert's city as they confirm it (empty: no city, which conflicts with nothing). */
    city,
    /** Entries the expert has a conflict of interest with; an empty list declares "no conflicts". */
    conflicts: z
      .array(z.object({ entryId: id, reason: z.string().trim().max(L.conflictReasonMax, "field.tooLong").optional() }))
      .max(L.conflictsPerExpert, "competitions.experts.field.tooManyConflicts"),
  })
  .openapi("ConflictDeclaration");
export type DeclarationValues = z.infer<typeof DeclarationInput>;

export const EvaluationQuery = z.object({ after: z.string().max(200).optional() });

export const ExpertView = z
  .object({
    userId: z.string(),
    displayName: z.string(),
    email: z.string(),
    city: z.string(),
    declaredAt: z.number().int().nullable(),
    assigned: z.number().int(),
    draft: z.number().int(),
    submitted: z.number().int(),
    /** May the organiser remove this expert now (no submitted score, the window open). */
    removable: z.boolean(),
  })
  .openapi("CompetitionExpert");

const Pair = z.object({ entryId: z.string(), expertId: z.string() });
const Shortfall = z.object({ entryId: z.string(), title: z.string(), have: z.number().int(), needed: z.number().int(), reason: z.literal("notEnoughExperts") });

export const RunView = z
  .object({
    assigned: z.array(Pair),
    perExpert: z.array(z.object({ expertId: z.string(), displayName: z.string(), added: z.number().int(), load: z.number().int() })),
    short: z.array(Shortfall),
    /** Experts left out because they have not declared their conflicts yet. */
    undeclared: z.number().int(),
  })
  .openapi("AssignmentRun");

const EntryProgress = z.object({
  entryId: z.string(),
  title: z.string(),
  nomination: z.string(),
  city: z.string(),
  assigned: z.number().int(),
  submitted: z.number().int(),
  juryScore: z.number().nullable(),
  jurySpread: z.number().nullable(),
  flagged: z.boolean(),
});

export const EvaluationView = z
  .object({
    minExperts: z.number().int(),
    spreadThreshold: z.number(),
    canAssign: z.boolean(),
    experts: z.array(ExpertView.omit({ removable: true })),
    flagged: z.array(EntryProgress.extend({ eligible: z.array(z.object({ userId: z.string(), displayName: z.string() })) })),
    belowMinimum: z.array(EntryProgress),
    entries: z.array(EntryProgress),
    next: z.string().nullable(),
  })
  .openapi("EvaluationProgress");
