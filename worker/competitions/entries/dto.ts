import { z } from "@hono/zod-openapi";
import { ENTRANT_KINDS, ENTRY_KINDS, ENTRY_STATUSES } from "../schema";
import { ENTRY_LIMITS } from "./rules";

const text = (max: number) => z.string({ message: "field.invalid" }).trim().max(max, "field.tooLong");
const id = (message: "field.invalidChoice" | "competitions.entries.field.chooseNomination") => z.string({ message }).trim().min(1, message).max(ENTRY_LIMITS.id, message);

/** The fields a practice must have; a proposal brings its own (copied from it). */
export const PRACTICE_REQUIRED = ["city", "title", "problem", "actions", "results"] as const;

/**
 * An entry as the entrant sends it. One flat shape for both kinds (the form has the same fields),
 * so each error is reported on its own field: a practice needs its texts, a proposal its id; the
 * contact is needed for both (the organiser reaches the team through it).
 */
export const EntryInput = z
  .object({
    nominationId: id("competitions.entries.field.chooseNomination"),
    /** On behalf of this organisation (the entrant is its confirmed member); absent or null: in one's own name. */
    organisationId: z.string({ message: "field.invalidChoice" }).max(ENTRY_LIMITS.id, "field.invalidChoice").nullable().optional(),
    kind: z.enum(ENTRY_KINDS, { message: "field.invalidChoice" }),
    proposalId: z.string({ message: "field.invalidChoice" }).max(ENTRY_LIMITS.id, "field.invalidChoice").nullable().optional(),
    city: text(ENTRY_LIMITS.city).optional(),
    title: text(ENTRY_LIMITS.title).optional(),
    problem: text(ENTRY_LIMITS.text).optional(),
    actions: text(ENTRY_LIMITS.text).optional(),
    results: text(ENTRY_LIMITS.text).optional(),
    period: text(ENTRY_LIMITS.period).optional(),
    /** Whole roubles, 0 … 10^12. */
    budget: z
      .number({ message: "competitions.entries.field.wholeNumber" })
      .int("competitions.entries.field.wholeNumber")
      .min(0, "competitions.entries.field.tooSmall")
      .max(ENTRY_LIMITS.budget, "competitions.entries.field.tooLarge")
      .nullable()
      .optional(),
    contact: text(ENTRY_LIMITS.contact).min(1, "field.required"),
  })
  .superRefine(
    (v, ctx) => {
      // Runs even when other fields failed (`when` below), so one answer lists every error. A field
      // of the wrong type already has its issue; only an absent or blank one is "required" here.
      if (typeof v !== "object" || v === null) return;
      const blank = (x: unknown) => x === undefined || (typeof x === "string" && x.trim() === "");
      if (v.kind === "practice") {
        for (const k of PRACTICE_REQUIRED) if (blank(v[k])) ctx.addIssue({ code: "custom", path: [k], message: "field.required" });
      } else if (v.kind === "proposal" && (blank(v.proposalId) || v.proposalId === null)) {
        ctx.addIssue({ code: "custom", path: ["proposalId"], message: "competitions.entries.field.chooseProposal" });
      }
    },
    { when: () => true },
  )
  .openapi("EntryInput");
export type EntryInputValues = z.output<typeof EntryInput>;

/**
 * An HTML form's string fields as the API's shape: empty → absent, the budget with spaces
 * ("1 500 000") accepted; what cannot be read as a number stays a string so that validation
 * reports it on its field.
 */
export function fromForm(values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const str = (k: string) => (values[k] ?? "").trim();
  for (const k of ["nominationId", "kind", "city", "title", "problem", "actions", "results", "period", "contact"]) if (k in values) out[k] = values[k];
  for (const k of ["organisationId", "proposalId"]) if (k in values) out[k] = str(k) || null;
  if ("budget" in values) {
    const s = str("budget").replace(/[\s\u00a0\u202f]/g, "");
    out.budget = s === "" ? null : /^-?\d+$/.test(s) ? Number(s) : s;
  }
  return out;
}

export const EntryCard = z
  .object({
    id: z.string(),
    nominationId: z.string(),
    kind: z.enum(ENTRY_KINDS),
    title: z.string(),
    city: z.string(),
    organisationId: z.string().nullable(),
    organisationName: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("CompetitionEntryCard");

export const EntryListQuery = z.object({
  nomination: z.string().max(ENTRY_LIMITS.id).optional(),
  after: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(ENTRY_LIMITS.page),
});

export const EntryView = z
  .object({
    id: z.string(),
    competitionId: z.string(),
    competitionTitle: z.string(),
    nominationId: z.string(),
    nominationTitle: z.string(),
    kind: z.enum(ENTRY_KINDS),
    proposalId: z.string().nullable(),
    entrantKind: z.enum(ENTRANT_KINDS),
    organisationId: z.string().nullable(),
    organisationName: z.string().nullable(),
    city: z.string(),
    title: z.string(),
    problem: z.string(),
    actions: z.string(),
    results: z.string(),
    period: z.string(),
    budget: z.number().int().nullable(),
    /** Only to the entrant and the organiser's staff (personal data); null to everyone else. */
    contact: z.string().nullable(),
    status: z.enum(ENTRY_STATUSES),
    hidden: z.boolean(),
    /** The moderator's reason: only to the entrant and the organiser's staff. */
    reason: z.string().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    withdrawnAt: z.string().nullable(),
    /** After the results are published: this entry's row of them, when it has one. */
    result: z
      .object({ rank: z.number().int(), winner: z.boolean(), juryScore: z.number().nullable(), votes: z.number().int(), total: z.number() })
      .nullable(),
    canWithdraw: z.boolean(),
  })
  .openapi("CompetitionEntry");

export const MyEntryCard = z
  .object({
    id: z.string(),
    competitionId: z.string(),
    competitionTitle: z.string(),
    nominationTitle: z.string(),
    kind: z.enum(ENTRY_KINDS),
    title: z.string(),
    status: z.enum(ENTRY_STATUSES),
    hidden: z.boolean(),
    reason: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("MyCompetitionEntry");
