import { z } from "@hono/zod-openapi";
import { CLAUSE_KINDS } from "../schema";
import { DRAFT_LIMITS } from "./clause-tree";
import { IMPORT_LIMITS } from "../parser/import";

/** Explicit limits of a consultation's own fields (clauses: DRAFT_LIMITS; the pasted text: IMPORT_LIMITS). */
export const CONSULTATION_LIMITS = {
  title: 300,
  adoptingBody: 300,
  description: 5000,
  note: 2000,
  /** Remarks one clause may say it took into account. */
  links: 500,
  id: 64,
} as const;

const F = "consultations.drafting.field";
const text = (max: number) => z.string({ message: "field.invalid" }).trim().max(max, "field.tooLong");
const required = (max: number) => text(max).min(1, "field.required");
/** An instant with its offset, as the API takes the window («2026-11-22T10:00:00+03:00»). */
const instant = z.iso.datetime({ offset: true, message: `${F}.instant` }).transform((s) => Date.parse(s));
/** The pasted document: anything from one line to IMPORT_LIMITS.textChars characters. */
const documentText = z.string({ message: "field.required" }).max(IMPORT_LIMITS.textChars, "field.tooLong").refine((s) => s.trim().length > 0, { message: "field.required" });

export const ConsultationInput = z
  .object({
    organiserId: z.string({ message: "field.unknownOrganiser" }).min(1, "field.unknownOrganiser").max(CONSULTATION_LIMITS.id, "field.unknownOrganiser"),
    title: required(CONSULTATION_LIMITS.title),
    adoptingBody: text(CONSULTATION_LIMITS.adoptingBody).default(""),
    description: text(CONSULTATION_LIMITS.description).default(""),
    opensAt: instant,
    closesAt: instant,
    /** The draft's text, split into clauses by the parser; the organiser corrects them afterwards. */
    text: documentText,
  })
  .openapi("ConsultationInput");
export type ConsultationInputValues = z.output<typeof ConsultationInput>;

export const ConsultationPatch = z
  .object({
    title: required(CONSULTATION_LIMITS.title),
    adoptingBody: text(CONSULTATION_LIMITS.adoptingBody),
    description: text(CONSULTATION_LIMITS.description),
    opensAt: instant,
    closesAt: instant,
  })
  .partial()
  .openapi("ConsultationPatch");
export type ConsultationPatchValues = z.output<typeof ConsultationPatch>;

const addressee = z.string({ message: "field.invalid" }).max(DRAFT_LIMITS.addressee, `${F}.addresseeTooLong`);
const clauseFields = {
  number: z.string({ message: "field.invalid" }).trim().max(DRAFT_LIMITS.number, "field.tooLong"),
  kind: z.enum(CLAUSE_KINDS, { message: "field.invalidChoice" }),
  depth: z.number({ message: `${F}.depth` }).int(`${F}.depth`).min(0, `${F}.depth`).max(DRAFT_LIMITS.depth, `${F}.depth`),
  text: z.string({ message: "field.required" }).max(DRAFT_LIMITS.text, "field.tooLong").refine((s) => s.trim().length > 0, { message: "field.required" }),
  addressees: z.array(addressee, { message: "field.invalid" }).max(DRAFT_LIMITS.addressees, `${F}.tooManyAddressees`),
};

export const ClauseInput = z.object({ ...clauseFields, number: clauseFields.number.default(""), addressees: clauseFields.addressees.default([]) }).openapi("DraftClauseInput");
export const ClausePatch = z.object(clauseFields).partial().openapi("DraftClausePatch");
export type ClausePatchValues = z.output<typeof ClausePatch>;

export const InsertInput = z
  .object({
    /** The clause the new one follows; null puts it first. */
    after: z.string().max(CONSULTATION_LIMITS.id).nullable(),
    clause: ClauseInput,
  })
  .openapi("DraftClauseInsert");

export const SplitInput = z
  .object({
    /** Split before this paragraph (non-blank line) of the clause's text, counting from 0 (so at least 1). */
    paragraph: z.number({ message: `${F}.splitPoint` }).int(`${F}.splitPoint`).min(1, `${F}.splitPoint`).max(DRAFT_LIMITS.text, `${F}.splitPoint`).optional(),
    /** Or split where this text first occurs (the second clause starts with it). */
    marker: z.string({ message: "field.invalid" }).trim().min(1, `${F}.splitPoint`).max(DRAFT_LIMITS.marker, "field.tooLong").optional(),
  })
  .refine((v) => (v.paragraph === undefined) !== (v.marker === undefined), { message: `${F}.splitEither`, path: ["paragraph"] })
  .openapi("DraftClauseSplit");

export const MoveInput = z.object({ direction: z.enum(["up", "down"], { message: "field.invalidChoice" }) }).openapi("DraftClauseMove");

export const TextInput = z.object({ text: documentText }).openapi("DraftText");

export const PublishInput = z.object({ note: text(CONSULTATION_LIMITS.note).default("") }).openapi("DraftPublish");

export const NextVersionInput = z
  .object({
    /** current: a copy of the newest published version's clauses; text: a pasted text, parsed. */
    from: z.enum(["current", "text"], { message: "field.invalidChoice" }),
    text: documentText.optional(),
  })
  .refine((v) => v.from === "current" || v.text !== undefined, { message: "field.required", path: ["text"] })
  .openapi("NextVersionInput");

export const RemarkLinksInput = z
  .object({ remarkIds: z.array(z.string().max(CONSULTATION_LIMITS.id, "field.invalid"), { message: "field.invalid" }).max(CONSULTATION_LIMITS.links, `${F}.tooManyLinks`) })
  .openapi("DraftRemarkLinks");

export const DraftClauseView = z
  .object({
    id: z.string(),
    position: z.number().int(),
    number: z.string(),
    kind: z.enum(CLAUSE_KINDS),
    depth: z.number().int(),
    text: z.string(),
    addressees: z.array(z.string()),
    lineage: z.string(),
    /** Remarks of the previous version linked to this clause («учтено в этом пункте»). */
    linkedRemarkIds: z.array(z.string()),
  })
  .openapi("DraftClause");

export const DraftView = z
  .object({
    consultationId: z.string(),
    versionId: z.string(),
    number: z.number().int(),
    clauseCount: z.number().int(),
    clauses: z.array(DraftClauseView),
  })
  .openapi("Draft");

/** An HTML form's addressees textarea: one per line. */
export const addresseesFromLines = (s: string | undefined) => (s ?? "").split(/\r?\n/).map((a) => a.trim()).filter(Boolean);

/** An HTML form's number field as a number when it looks like one (otherwise left for validation to name). */
export const intOrRaw = (s: string | undefined) => (s !== undefined && /^\s*-?\d+\s*$/.test(s) ? Number(s) : s);
