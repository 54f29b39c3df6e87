import { z } from "@hono/zod-openapi";
import { REPORT_REASONS } from "./schema";
import { LIMITS, TEMPLATE_ACTIONS } from "./rules";
import { MODERATION_ACTIONS } from "./targets";

/** Blank form fields mean "not given". */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const ReportInput = z
  .object({
    targetType: z.enum(["proposal", "comment", "remark", "entry"], { message: "field.invalidChoice" }),
    targetId: z.string({ message: "field.required" }).min(1, "field.required").max(64, "field.tooLong"),
    reason: z.enum(REPORT_REASONS, { message: "field.invalidChoice" }),
    details: z.string().trim().max(LIMITS.reportDetails, "field.tooLong").default(""),
  })
  .refine((v) => v.reason !== "other" || v.details.length > 0, { message: "moderation.field.detailsRequired", path: ["details"] })
  .openapi("ReportInput");

export const QUEUE_ACTIONS = [...MODERATION_ACTIONS, "dismiss"] as const;

export const DecisionInput = z
  .object({
    action: z.enum(QUEUE_ACTIONS, { message: "field.invalidChoice" }),
    /** Free text; when empty, the template's text is used. */
    reason: z.preprocess(blankToUndefined, z.string().trim().max(LIMITS.reason, "field.tooLong").optional()),
    templateId: z.preprocess(blankToUndefined, z.string().max(64).optional()),
  })
  .openapi("DecisionInput");

export const BlockInput = z
  .object({
    userId: z.string({ message: "field.required" }).min(1, "field.required").max(64),
    organiserId: z.string({ message: "field.required" }).min(1, "field.required").max(64),
    days: z.coerce.number({ message: "moderation.field.number" }).int("moderation.field.number").min(LIMITS.blockDays.min, "moderation.field.tooSmall").max(LIMITS.blockDays.max, "moderation.field.tooBig"),
    reason: z.preprocess(blankToUndefined, z.string().trim().max(LIMITS.reason, "field.tooLong").optional()),
    templateId: z.preprocess(blankToUndefined, z.string().max(64).optional()),
  })
  .openapi("BlockInput");

export const SettingsInput = z
  .object({
    reportThreshold: z.coerce.number({ message: "moderation.field.number" }).int("moderation.field.number").min(LIMITS.threshold.min, "moderation.field.tooSmall").max(LIMITS.threshold.max, "moderation.field.tooBig"),
    staleAfterHours: z.coerce
      .number({ message: "moderation.field.number" })
      .int("moderation.field.number")
      .min(LIMITS.staleAfterHours.min, "moderation.field.tooSmall")
      .max(LIMITS.staleAfterHours.max, "moderation.field.tooBig"),
  })
  .openapi("ModerationSettingsInput");

export const TemplateInput = z
  .object({
    action: z.enum(TEMPLATE_ACTIONS, { message: "field.invalidChoice" }),
    text: z.string({ message: "field.required" }).trim().min(3, "field.tooShort").max(LIMITS.templateText, "field.tooLong"),
  })
  .openapi("ReasonTemplateInput");

export const TemplateView = z.object({ id: z.string(), action: z.enum(TEMPLATE_ACTIONS), text: z.string() }).openapi("ReasonTemplate");

export const SettingsView = z
  .object({ organiserId: z.string(), reportThreshold: z.number().int(), staleAfterHours: z.number().int(), templates: z.array(TemplateView) })
  .openapi("ModerationSettings");

export const QueueItemView = z
  .object({
    id: z.string(),
    kind: z.enum(["review", "reports"]),
    targetType: z.string(),
    targetId: z.string(),
    label: z.string(),
    url: z.string().nullable(),
    authorId: z.string().nullable(),
    createdAt: z.string(),
    ageMs: z.number().int(),
    hidden: z.boolean(),
    reportCount: z.number().int(),
    reasons: z.array(z.object({ reason: z.enum(REPORT_REASONS), count: z.number().int() })),
    details: z.array(z.string()),
    actions: z.array(z.enum(QUEUE_ACTIONS)),
    own: z.boolean(),
  })
  .openapi("ModerationQueueItem");

export const QueueView = z
  .object({
    organiserId: z.string(),
    organisers: z.array(z.object({ id: z.string(), nameRu: z.string(), nameEn: z.string() })),
    items: z.array(QueueItemView),
    next: z.string().nullable(),
  })
  .openapi("ModerationQueue");

export const PublicDecisionView = z
  .object({
    id: z.string(),
    organiserId: z.string(),
    targetType: z.string(),
    decision: z.enum(["hide", "reject"]),
    reason: z.string().nullable(),
    decidedAt: z.string(),
  })
  .openapi("PublicModerationDecision");
