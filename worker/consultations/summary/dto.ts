import { z } from "@hono/zod-openapi";
import { DISPOSITIONS, REMARK_KINDS, REMARK_SHOWN_AS } from "../schema";
import { DISPOSITION_LIMITS } from "./dispositions";

/**
 * The summary part's API shapes. The reason's real limit (2,000 characters after trimming, and
 * required unless «учтено») is the pure rule in ./dispositions.ts; zod only bounds what is read.
 */
const reason = z
  .string()
  .max(DISPOSITION_LIMITS.reason * 4, "field.tooLong")
  .nullable()
  .optional()
  .openapi({ description: `Required unless the disposition is \`accepted\`; at most ${DISPOSITION_LIMITS.reason} characters after trimming` });

export const DispositionInput = z
  .object({
    disposition: z.enum(DISPOSITIONS, { message: "field.invalidChoice" }),
    reason,
  })
  .openapi("DispositionInput");

export const BulkDispositionInput = z
  .object({
    remarkIds: z
      .array(z.string().min(1).max(64), { message: "field.required" })
      .min(1, "consultations.summary.field.noneSelected")
      .max(DISPOSITION_LIMITS.bulk, "consultations.summary.field.tooMany"),
    disposition: z.enum(DISPOSITIONS, { message: "field.invalidChoice" }),
    reason,
  })
  .openapi("BulkDispositionInput");

export const PublishInput = z
  .object({ version: z.number().int().min(1).max(10_000).optional().openapi({ description: "Defaults to the current (newest published) version" }) })
  .openapi("SummaryPublishInput");

export const DISPOSITION_FILTERS = [...DISPOSITIONS, "none"] as const;

export const SummaryQuery = z.object({
  version: z.coerce.number().int().min(1).max(10_000).optional(),
  clause: z.string().max(64).optional().openapi({ description: "A clause id, or `document` for remarks on the document as a whole" }),
  kind: z.enum(REMARK_KINDS, { message: "field.invalidChoice" }).optional(),
  disposition: z.enum(DISPOSITION_FILTERS, { message: "field.invalidChoice" }).optional(),
  after: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(DISPOSITION_LIMITS.summaryPage),
});

const Counts = z.object({
  accepted: z.number().int(),
  partly: z.number().int(),
  rejected: z.number().int(),
  out_of_scope: z.number().int(),
  none: z.number().int(),
});

export const SummaryRowView = z
  .object({
    id: z.string(),
    clause: z.object({ id: z.string(), number: z.string() }).nullable().openapi({ description: "null: a remark on the document as a whole" }),
    author: z
      .object({ shownAs: z.enum(REMARK_SHOWN_AS), name: z.string().nullable() })
      .openapi({ description: "As the author chose to be shown; `name` is null for an anonymous author (never their real name) and for a deleted account" }),
    kind: z.enum(REMARK_KINDS),
    body: z.string(),
    proposedText: z.string().nullable(),
    supportCount: z.number().int(),
    disposition: z.enum(DISPOSITIONS).nullable(),
    reason: z.string().nullable(),
    takenInto: z.array(z.object({ clauseId: z.string(), number: z.string(), version: z.number().int() })),
    url: z.string(),
  })
  .openapi("SummaryRow");

export const SummaryView = z
  .object({
    consultation: z.object({ id: z.string(), title: z.string() }),
    version: z.object({ number: z.number().int(), summaryPublishedAt: z.number().int().nullable() }),
    preview: z.boolean().openapi({ description: "true: not published yet, shown to the organiser's admins only" }),
    progress: z.object({ total: z.number().int(), done: z.number().int(), left: z.number().int() }),
    counts: Counts,
    hidden: z.number().int().openapi({ description: "Remarks hidden by a moderator (not in the summary; see /moderation/public)" }),
    items: z.array(SummaryRowView),
    next: z.string().nullable(),
  })
  .openapi("Summary");

export const DispositionResult = z
  .object({ ids: z.array(z.string()), disposition: z.enum(DISPOSITIONS), reason: z.string().nullable(), left: z.number().int() })
  .openapi("DispositionResult");

export const PublishResult = z.object({ version: z.number().int(), summaryPublishedAt: z.number().int(), notified: z.number().int() }).openapi("SummaryPublishResult");
