import { z } from "@hono/zod-openapi";
import { PROPOSAL_STATUSES } from "./schema";

/** Explicit limits of every field (the form, the API and the tests read them from here). */
export const LIMITS = {
  title: 200,
  summary: 500,
  longText: 5000,
  tasks: 20,
  task: 500,
  place: 100,
  team: 3000,
  beneficiaries: 10_000_000,
  money: 1_000_000_000,
  reason: 1000,
  id: 64,
} as const;

const text = (max: number) => z.string({ message: "field.invalid" }).trim().max(max, "field.tooLong");
const whole = (max: number) =>
  z
    .number({ message: "proposals.field.wholeNumber" })
    .int("proposals.field.wholeNumber")
    .min(0, "proposals.field.tooSmall")
    .max(max, "proposals.field.tooLarge")
    .nullable();

/** A calendar date YYYY-MM-DD that exists (no 31 February). */
export const isCalendarDate = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= "2000-01-01" && s <= "2100-12-31";
};
const date = z.string({ message: "proposals.field.date" }).refine(isCalendarDate, { message: "proposals.field.date" }).nullable();

/**
 * Every field of a proposal as the author writes it. Built without defaults, so the same object
 * serves a patch (`.partial()`, where a default would blank untouched fields) and a new draft.
 */
const proposalFields = {
  organisationId: z.string().max(LIMITS.id, "field.invalidChoice").nullable(),
  title: text(LIMITS.title),
  summary: text(LIMITS.summary),
  problem: text(LIMITS.longText),
  goal: text(LIMITS.longText),
  tasks: z
    .array(text(LIMITS.task), { message: "field.invalid" })
    .max(LIMITS.tasks, "proposals.field.tooManyTasks")
    // Empty lines of the textarea are not tasks.
    .transform((a) => a.filter((t) => t.length > 0)),
  expectedResults: text(LIMITS.longText),
  city: text(LIMITS.place),
  district: text(LIMITS.place),
  tos: text(LIMITS.place),
  theme: z.string().max(LIMITS.id, "field.invalidChoice").nullable(),
  beneficiaries: whole(LIMITS.beneficiaries),
  budgetRequested: whole(LIMITS.money),
  cofinancing: whole(LIMITS.money),
  startDate: date,
  endDate: date,
  team: text(LIMITS.team),
};

export const ProposalPatch = z.object(proposalFields).partial().openapi("ProposalPatch");
export type ProposalPatchValues = z.output<typeof ProposalPatch>;

/** A new proposal: only the organiser is required (a draft may be incomplete, even untitled). */
export const ProposalInput = ProposalPatch.extend({
  organiserId: z.string({ message: "field.unknownOrganiser" }).min(1, "field.unknownOrganiser").max(LIMITS.id, "field.unknownOrganiser"),
  /** Submit for moderation right away (the completeness check applies). */
  submit: z.boolean().optional(),
}).openapi("ProposalInput");
export type ProposalInputValues = z.output<typeof ProposalInput>;

export const ReasonInput = z.object({ reason: z.string().trim().max(LIMITS.reason, "field.tooLong").optional() }).openapi("ReasonInput");

export const SORTS = ["new", "supported", "discussed"] as const;
export type ProposalSort = (typeof SORTS)[number];
export const LIST_STATUSES = ["published", "archived"] as const;

export const ListQuery = z.object({
  organiser: z.string().max(LIMITS.id).optional(),
  theme: z.string().max(LIMITS.id).optional(),
  city: z.string().trim().max(LIMITS.place).optional(),
  status: z.enum(LIST_STATUSES).default("published"),
  sort: z.enum(SORTS).default("new"),
  after: z.string().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ProposalCard = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    organiserId: z.string(),
    organisationId: z.string().nullable(),
    organisationName: z.string().nullable(),
    theme: z.string().nullable(),
    city: z.string(),
    status: z.enum(PROPOSAL_STATUSES),
    supportCount: z.number().int(),
    commentCount: z.number().int(),
    publishedAt: z.number().int().nullable(),
  })
  .openapi("ProposalCard");

export const HistoryEntry = z
  .object({ at: z.number().int(), action: z.string(), actorName: z.string().nullable(), reason: z.string().nullable() })
  .openapi("ProposalHistoryEntry");

export const ProposalView = z
  .object({
    id: z.string(),
    organiserId: z.string(),
    authorId: z.string(),
    authorName: z.string().nullable(),
    organisationId: z.string().nullable(),
    organisationName: z.string().nullable(),
    status: z.enum(PROPOSAL_STATUSES),
    hidden: z.boolean(),
    title: z.string(),
    summary: z.string(),
    problem: z.string(),
    goal: z.string(),
    tasks: z.array(z.string()),
    expectedResults: z.string(),
    city: z.string(),
    district: z.string(),
    tos: z.string(),
    theme: z.string().nullable(),
    beneficiaries: z.number().int().nullable(),
    budgetRequested: z.number().int().nullable(),
    cofinancing: z.number().int().nullable(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    team: z.string(),
    supportCount: z.number().int(),
    commentCount: z.number().int(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
    submittedAt: z.number().int().nullable(),
    publishedAt: z.number().int().nullable(),
    supportedByMe: z.boolean(),
    /** The author's and the organiser's moderators' view only: the moves with their reasons. */
    history: z.array(HistoryEntry).nullable(),
  })
  .openapi("Proposal");

/**
 * An HTML form's string fields as the API's shape: empty → absent value, tasks one per line,
 * numbers with spaces ("1 500 000") accepted. What cannot be read as a number stays a string so
 * that validation reports it on its field.
 */
export function fromForm(values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const str = (k: string) => (values[k] ?? "").trim();
  for (const k of ["title", "summary", "problem", "goal", "expectedResults", "city", "district", "tos", "team"]) if (k in values) out[k] = values[k];
  if ("tasks" in values) out.tasks = values.tasks.split(/\r?\n/).map((t) => t.trim()).filter(Boolean);
  for (const k of ["organisationId", "theme", "startDate", "endDate"]) if (k in values) out[k] = str(k) || null;
  for (const k of ["beneficiaries", "budgetRequested", "cofinancing"])
    if (k in values) {
      const s = str(k).replace(/[\s\u00a0\u202f]/g, "");
      out[k] = s === "" ? null : /^-?\d+$/.test(s) ? Number(s) : s;
    }
  if ("organiserId" in values) out.organiserId = values.organiserId;
  return out;
}
