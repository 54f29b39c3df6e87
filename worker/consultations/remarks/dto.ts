import { z } from "@hono/zod-openapi";
import { DISPOSITIONS, REMARK_KINDS, REMARK_SHOWN_AS, REMARK_STATUSES } from "../schema";
import { normaliseText, REMARK_LIMITS } from "./rules";

/** Ids are UUIDs (or the seeds' short slugs): letters, digits and dashes, nothing a path could smuggle. */
export const RemarkId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "field.invalidFormat");
const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

/** A text field: trimmed, line breaks kept; "" when absent. The length rules live in ./rules.ts. */
const text = (max: number) =>
  z
    .string({ message: "field.invalid" })
    .nullish()
    .transform((v) => normaliseText(v))
    .pipe(z.string().max(max, "field.tooLong"));

export const RemarkInput = z
  .object({
    clauseId: z.preprocess(blankToNull, RemarkId.nullable().optional()).openapi({ description: "The clause of the current published version; null or absent: the document as a whole" }),
    // A radio group left unchecked sends nothing: "required", not "invalid choice".
    kind: z.enum(REMARK_KINDS, { error: (issue) => (issue.input === undefined ? "field.required" : "field.invalidChoice") }),
    body: text(REMARK_LIMITS.bodyMax).openapi({ description: `comment, objection: the remark (1–${REMARK_LIMITS.bodyMax}); wording, new_clause: an optional explanation` }),
    proposedText: text(REMARK_LIMITS.proposedTextMax).openapi({ description: `wording: the full new text of the clause; new_clause: the clause to add after it (1–${REMARK_LIMITS.proposedTextMax})` }),
    shownAs: z.enum(REMARK_SHOWN_AS, { message: "field.invalidChoice" }).default("name"),
    organisationId: z.preprocess(blankToNull, RemarkId.nullable().optional()).openapi({ description: "Required exactly when shownAs is organisation: an organisation you are a confirmed member of" }),
  })
  .openapi("RemarkInput");
export type RemarkInputValues = z.output<typeof RemarkInput>;

const ShownAuthorView = z
  .object({
    as: z.enum(REMARK_SHOWN_AS),
    name: z.string().nullable().openapi({ description: "The person's or the organisation's name; null for anonymous remarks and deleted accounts" }),
    organisationId: z.string().nullable(),
    deletedAccount: z.boolean(),
  })
  .openapi("RemarkAuthor");

export const RemarkView = z
  .object({
    id: z.string(),
    consultationId: z.string(),
    versionNumber: z.number().int(),
    clauseId: z.string().nullable(),
    clauseNumber: z.string().nullable(),
    kind: z.enum(REMARK_KINDS),
    status: z.enum(REMARK_STATUSES),
    body: z.string().nullable().openapi({ description: "null for a deleted remark" }),
    proposedText: z.string().nullable(),
    author: ShownAuthorView.nullable().openapi({ description: "null for a deleted remark" }),
    supportCount: z.number().int(),
    replyCount: z.number().int(),
    createdAt: z.string(),
    disposition: z.enum(DISPOSITIONS).nullable(),
    dispositionReason: z.string().nullable().openapi({ description: "Shown once the summary of the version is published" }),
    supportedByMe: z.boolean(),
    mine: z.boolean(),
  })
  .openapi("Remark");

export const RemarkList = z.object({ items: z.array(RemarkView), next: z.string().nullable() }).openapi("RemarkList");

export const ListQuery = z.object({
  after: z.string().max(200).optional(),
  version: z.coerce.number().int().min(1).max(10_000).optional().openapi({ description: "Whole-document remarks of this version (default: the current one)" }),
});

/** A page form's fields as the API input (unchecked radio groups send nothing). */
export function fromForm(v: Record<string, string>) {
  const shownAs = v.shownAs || "name";
  return {
    clauseId: v.clauseId || null,
    kind: v.kind,
    body: v.body ?? "",
    proposedText: v.proposedText ?? "",
    shownAs,
    // The organisation picker is sent whatever is chosen; it counts only for "on behalf of an organisation".
    organisationId: shownAs === "organisation" ? v.organisationId || null : null,
  };
}
