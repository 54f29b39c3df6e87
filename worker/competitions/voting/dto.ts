import { z } from "@hono/zod-openapi";
import { RECEIPT_PATTERN } from "./receipt-code";

/** Explicit limits of the voting part. */
export const VOTING_LIMITS = {
  /** Entries per page of a ballot. */
  ballotPage: 50,
  /** The organiser's reason for annulling a vote (the voter reads it on their receipt). */
  reasonMax: 1000,
};

/** Ids are UUIDs (or the seeds' short slugs): letters, digits and dashes. */
export const VotingId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "field.invalidFormat");

export const CastInput = z
  .object({ entryId: z.string({ message: "field.required" }).pipe(VotingId).openapi({ description: "An admitted entry of this competition; the vote goes to its nomination" }) })
  .openapi("VoteCastInput");

export const AnnulInput = z
  .object({
    nominationId: z.string({ message: "field.required" }).pipe(VotingId),
    voterId: z.string({ message: "field.required" }).pipe(VotingId),
    reason: z
      .string({ message: "field.required" })
      .transform((s) => s.trim())
      .pipe(z.string().min(1, "field.required").max(VOTING_LIMITS.reasonMax, "field.tooLong"))
      .openapi({ description: `Why (1–${VOTING_LIMITS.reasonMax}); the voter reads it when checking the receipt` }),
  })
  .openapi("VoteAnnulInput");
export type AnnulValues = z.output<typeof AnnulInput>;

export const VoteView = z
  .object({
    nominationId: z.string(),
    entryId: z.string(),
    entryTitle: z.string(),
    status: z.enum(["counted", "annulled"]),
    castAt: z.number().int().openapi({ description: "The first vote in the nomination (epoch ms)" }),
    changedAt: z.number().int().openapi({ description: "When the vote was last cast or changed to this entry (epoch ms)" }),
  })
  .openapi("Vote");

export const CastView = VoteView.extend({
  outcome: z.enum(["cast", "changed", "unchanged"]).openapi({ description: "cast: the first vote in the nomination; changed: the vote moved to this entry; unchanged: it already was for this entry" }),
  receipt: z.string().regex(RECEIPT_PATTERN).openapi({ description: "The receipt code of the vote in force: check it at GET /votes/receipts/{code}", example: "7KQ2-M9XD-0F3H-RT5C" }),
}).openapi("VoteCast");

export const ReceiptView = z
  .object({
    receipt: z.string(),
    status: z.enum(["counted", "replaced", "annulled"]),
    competitionId: z.string(),
    competitionTitle: z.string(),
    nominationId: z.string(),
    nominationTitle: z.string(),
    entryId: z.string(),
    entryTitle: z.string(),
    at: z.number().int().openapi({ description: "When this vote was cast (epoch ms)" }),
    replacedAt: z.number().int().nullable(),
    annulledAt: z.number().int().nullable(),
    reason: z.string().nullable().openapi({ description: "The organiser's reason for an annulment" }),
  })
  .openapi("VoteReceipt");

export const ReportQuery = z.object({
  nomination: VotingId.optional(),
  before: z.coerce.number().int().min(0).max(1e9).optional().openapi({ description: "The per-hour table ends before this hour (hours since the epoch): the `older` of the previous page" }),
});

export const ReportView = z
  .object({
    nominationId: z.string(),
    counted: z.number().int().openapi({ description: "Counted votes in the nomination" }),
    hours: z.array(z.object({ hour: z.number().int().openapi({ description: "Hours since the epoch (UTC)" }), votes: z.number().int(), fresh: z.number().int(), burst: z.boolean() })),
    older: z.number().int().nullable(),
    networks: z.array(z.object({ network: z.string(), voters: z.number().int(), votes: z.number().int(), lastAt: z.number().int() })),
    thresholds: z.object({ newAccountHours: z.number().int(), burstMinNew: z.number().int(), burstShare: z.number(), networkMinVoters: z.number().int() }),
  })
  .openapi("VotesReport");

export const ListQuery = z.object({
  nomination: VotingId,
  hour: z.coerce.number().int().min(0).max(1e9).optional(),
  fresh: z.enum(["1", "0"]).optional(),
  network: z.string().regex(/^[0-9a-f]{16}$/, "field.invalidFormat").optional(),
  after: z.string().max(100).optional(),
});

export const LoggedVoteView = z
  .object({
    at: z.number().int(),
    event: z.enum(["cast", "change"]),
    voterId: z.string(),
    voterName: z.string(),
    accountAgeHours: z.number().openapi({ description: "Hours between the account's creation and this vote" }),
    entryId: z.string(),
    entryTitle: z.string(),
    current: z.enum(["counted", "replaced", "annulled"]).openapi({ description: "What became of this vote" }),
    annullable: z.boolean().openapi({ description: "The voter's vote in the nomination is counted now and may be annulled" }),
  })
  .openapi("LoggedVote");
