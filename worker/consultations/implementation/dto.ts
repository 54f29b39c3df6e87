import { z } from "@hono/zod-openapi";
import { COMMITMENT_STATUSES } from "../schema";
import { isCalendarDate } from "./commitments";

/** Explicit limits of the implementation part (each one tested). */
export const IMPLEMENTATION_LIMITS = {
  addresseeMax: 300,
  responsibleMax: 300,
  adoptedByMax: 300,
  noteMax: 5000,
  /** Dated notes per commitment: a note a month for four years, with room to spare; bounds the public page. */
  notesPerCommitment: 50,
  /** Commitments written by one adoption (a 300-clause resolution with three addressees a clause fits). */
  commitmentsPerAdoption: 1000,
  /** Rows per page of the portal-wide list. */
  page: 50,
  /** Addressees offered by the portal-wide filter (the most a select stays usable with). */
  addresseeOptions: 500,
  /** Entries in the Atom feed. */
  feedEntries: 50,
} as const;
const L = IMPLEMENTATION_LIMITS;

const date = z
  .string({ message: "consultations.implementation.field.date" })
  .refine(isCalendarDate, { message: "consultations.implementation.field.date" });
const status = z.enum(COMMITMENT_STATUSES, { message: "field.invalidChoice" });
const addressee = z.string({ message: "field.required" }).trim().min(1, "field.required").max(L.addresseeMax, "field.tooLong");

export const AdoptInput = z
  .object({
    version: z.number({ message: "consultations.implementation.field.version" }).int("consultations.implementation.field.version").min(1, "consultations.implementation.field.version").optional(),
    adoptedOn: date,
    adoptedBy: z.string().trim().max(L.adoptedByMax, "field.tooLong").optional(),
    /**
     * The candidate rows that are not commitments (see ./commitments.ts): every other candidate of the
     * version is tracked. Named this way round — as the page unticks rows — so the body stays small
     * (a list of 1,000 rows to keep would not fit the 64 KB request limit).
     */
    exclude: z
      .array(z.object({ clauseId: z.string({ message: "field.required" }).min(1, "field.required").max(64, "field.invalid"), addressee }))
      .max(L.commitmentsPerAdoption, "consultations.implementation.field.tooManyCommitments")
      .optional(),
  })
  .openapi("AdoptInput");
export type AdoptInputValues = z.infer<typeof AdoptInput>;

export const CommitmentPatch = z
  .object({
    addressee: addressee.optional(),
    responsible: z.string().trim().max(L.responsibleMax, "field.tooLong").optional(),
    /** null clears the due date. */
    dueOn: date.nullable().optional(),
    status: status.optional(),
  })
  .openapi("CommitmentPatch");
export type CommitmentPatchValues = z.infer<typeof CommitmentPatch>;

export const NoteInput = z
  .object({
    notedOn: date,
    body: z.string({ message: "field.required" }).trim().min(1, "field.required").max(L.noteMax, "field.tooLong"),
    /** Set to change the commitment's status with this note. */
    status: status.optional(),
  })
  .openapi("CommitmentNoteInput");
export type NoteInputValues = z.infer<typeof NoteInput>;

export const ListQuery = z.object({
  addressee: z.string().max(L.addresseeMax, "field.tooLong").optional(),
  status: status.optional(),
  overdue: z.enum(["1", "0", "true", "false"], { message: "field.invalidChoice" }).optional(),
  after: z.string().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(L.page),
});

export const ConsultationCommitmentsQuery = z.object({ addressee: z.string().max(L.addresseeMax, "field.tooLong").optional() });

export const NoteView = z
  .object({ id: z.string(), notedOn: z.string(), body: z.string(), status: z.enum(COMMITMENT_STATUSES).nullable(), createdAt: z.number().int() })
  .openapi("CommitmentNote");

export const CommitmentView = z
  .object({
    id: z.string(),
    consultationId: z.string(),
    consultationTitle: z.string(),
    clauseId: z.string(),
    clauseNumber: z.string(),
    clauseText: z.string(),
    clausePosition: z.number().int(),
    addressee: z.string(),
    responsible: z.string(),
    dueOn: z.string().nullable(),
    status: z.enum(COMMITMENT_STATUSES),
    statusChangedAt: z.number().int(),
    overdue: z.boolean(),
    latestNote: NoteView.nullable(),
  })
  .openapi("Commitment");

export const CountsView = z
  .object({ not_started: z.number().int(), in_progress: z.number().int(), done: z.number().int(), failed: z.number().int(), overdue: z.number().int() })
  .openapi("CommitmentCounts");
