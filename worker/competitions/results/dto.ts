import { z } from "@hono/zod-openapi";
import { JURY_NORMALISATIONS, PUBLIC_NORMALISATIONS, TIE_BREAKS } from "../schema";
import { RESULTS_LIMITS } from "./service";

/** The results part's API shapes. */

export const ResultsQuery = z.object({
  nomination: z.string().max(64).optional().openapi({ description: "One nomination's whole ranking, paginated (`next` → `after`); without it, the first places of every nomination" }),
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(RESULTS_LIMITS.pageMax).default(RESULTS_LIMITS.page),
});

export const ResultRowView = z
  .object({
    entryId: z.string(),
    nominationId: z.string(),
    rank: z.number().int().openapi({ description: "1 = best; entries tied after every tie-break share a place (1, 1, 3)" }),
    winner: z.boolean(),
    decidedBy: z.enum(TIE_BREAKS).nullable().openapi({ description: "The tie-break that put this entry below the one above it on equal totals; null when the total decided" }),
    juryScore: z.number().nullable().openapi({ description: "Mean of the experts' totals (0–100); null: no expert scored the entry" }),
    juryExperts: z.number().int(),
    votes: z.number().int(),
    juryPart: z.number(),
    publicPart: z.number(),
    total: z.number(),
    title: z.string().nullable().openapi({ description: "null: the entry was hidden by a moderator after the computation (its place stays)" }),
    city: z.string(),
    flagged: z.boolean(),
    fewerExperts: z.boolean(),
    url: z.string().nullable(),
  })
  .openapi("CompetitionResultRow");

export const ResultsView = z
  .object({
    competition: z.object({ id: z.string(), title: z.string() }),
    published: z.boolean().openapi({ description: "false: the organiser's preview before publication (nobody else gets one)" }),
    resultsComputedAt: z.number().int().nullable(),
    resultsPublishedAt: z.number().int().nullable(),
    stale: z.boolean().openapi({ description: "Preview only: the entries changed after the computation; recompute before publishing" }),
    method: z.object({
      juryWeight: z.number().int(),
      publicWeight: z.number().int(),
      juryNormalisation: z.enum(JURY_NORMALISATIONS),
      publicNormalisation: z.enum(PUBLIC_NORMALISATIONS),
      precision: z.number().int(),
      tieBreak: z.array(z.enum(TIE_BREAKS)),
      winners: z.number().int(),
      minExperts: z.number().int(),
    }),
    nominations: z.array(z.object({ id: z.string(), title: z.string(), ranked: z.number().int(), items: z.array(ResultRowView), more: z.boolean() })),
    next: z.string().nullable(),
  })
  .openapi("CompetitionResults");

export const ComputeResult = z
  .object({ computedAt: z.number().int(), nominations: z.number().int(), entries: z.number().int(), winners: z.number().int() })
  .openapi("CompetitionResultsComputed");

export const PublishResultsResult = z.object({ resultsPublishedAt: z.number().int(), notified: z.number().int(), winners: z.number().int() }).openapi("CompetitionResultsPublished");
