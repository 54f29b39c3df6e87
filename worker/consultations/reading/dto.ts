import { z } from "@hono/zod-openapi";
import { CLAUSE_KINDS, CONSULTATION_STATUSES, VERSION_STATUSES } from "../schema";
import { LIST_STATES } from "./data";

/** Explicit limits of the reading part's input. */
export const LIMITS = { pageSize: 20, maxPageSize: 100, id: 64, cursor: 600 } as const;

export const ListQuery = z.object({
  organiser: z.string().max(LIMITS.id).optional(),
  state: z.enum(LIST_STATES).optional(),
  after: z.string().max(LIMITS.cursor).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.maxPageSize).default(LIMITS.pageSize),
});

const windowState = z.enum(["upcoming", "open", "closed"]);

export const ConsultationCard = z
  .object({
    id: z.string(),
    organiserId: z.string(),
    title: z.string(),
    adoptingBody: z.string(),
    status: z.enum(CONSULTATION_STATUSES),
    opensAt: z.number().int().openapi({ description: "Comment window opens, epoch ms UTC" }),
    closesAt: z.number().int().openapi({ description: "Comment window closes (exclusive), epoch ms UTC" }),
    window: windowState,
    currentVersion: z.number().int(),
    remarkCount: z.number().int(),
    publishedAt: z.number().int().nullable(),
  })
  .openapi("ConsultationCard");

export const ConsultationVersion = z
  .object({
    number: z.number().int(),
    status: z.enum(VERSION_STATUSES),
    note: z.string(),
    clauseCount: z.number().int(),
    remarkCount: z.number().int(),
    publishedAt: z.number().int().nullable(),
    summaryPublishedAt: z.number().int().nullable(),
    adoptedOn: z.string().nullable().openapi({ description: "Set on the adopted version: YYYY-MM-DD" }),
    adoptedBy: z.string().nullable(),
  })
  .openapi("ConsultationVersion");

/** A clause as the API shows it, on the document page and in a comparison (which adds its lineage). */
export const clauseFields = {
  id: z.string(),
  position: z.number().int(),
  depth: z.number().int(),
  kind: z.enum(CLAUSE_KINDS),
  number: z.string(),
  text: z.string(),
  addressees: z.array(z.string()),
};

export const Clause = z
  .object({ ...clauseFields, remarkCount: z.number().int() })
  .openapi("ConsultationClause");

export const ConsultationDocument = z
  .object({
    consultation: ConsultationCard.extend({
      description: z.string(),
      organiserName: z.string(),
      acceptsRemarks: z.boolean(),
    }),
    versions: z.array(ConsultationVersion).openapi({ description: "Oldest first; draft versions only for the organiser's admins" }),
    version: ConsultationVersion.nullable(),
    clauses: z.array(Clause).openapi({ description: "The version's clauses in document order; `depth` makes the tree" }),
  })
  .openapi("ConsultationDocument");
