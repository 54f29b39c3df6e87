import { createRoute, z } from "@hono/zod-openapi";
import { clientIp } from "../../http/client-info";
import { ctxOf } from "../../http/ctx";
import { apiRouter, json, jsonBody, problems, security } from "../../http/openapi";
import { invalidField, Problem } from "../../http/problem";
import { enforce, limitsFor } from "../../http/rate-limit";
import { requireUser } from "../../http/session";
import { decodeLogCursor } from "./cursor";
import type { VotesFilter } from "./data";
import { AnnulInput, CastInput, CastView, ListQuery, LoggedVoteView, ReceiptView, ReportQuery, ReportView, VoteView, VotingId } from "./dto";
import { networkHash } from "./network";
import { normaliseReceipt } from "./receipt-code";
import { annulVote, castVote, checkReceipt, listVotes, myVotes, votesReport } from "./service";

const tags = ["competitions"];
const Id = z.object({ id: VotingId });
const Ok = z.object({ ok: z.literal(true) });

/** API of the competitions' voting part (see ../routes.ts). Every vote goes through the ballot box (ballot-box.ts). */
export const votingApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/competitions/{id}/votes",
      tags,
      security,
      summary:
        "Vote for an admitted entry during the voting stage (a confirmed e-mail needed): one vote per nomination; voting for another entry of the same nomination changes the vote, voting for the same one changes nothing. Answers with the receipt code of the vote in force",
      request: { params: Id, body: jsonBody(CastInput) },
      responses: { 200: json(CastView), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422], 429: problems[429] },
    }),
    async (c) => {
      const user = requireUser(c);
      await enforce(c, limitsFor(c).ballot, user.id);
      const r = await castVote(ctxOf(c), user, c.req.valid("param").id, c.req.valid("json").entryId, await networkHash(clientIp(c), c.env.VOTE_NETWORK_SALT));
      return c.json({ outcome: r.outcome, nominationId: r.nominationId, entryId: r.entryId, entryTitle: r.entryTitle, status: "counted" as const, receipt: r.receipt, castAt: r.castAt, changedAt: r.changedAt }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/competitions/{id}/votes/mine",
      tags,
      security,
      summary: "My votes in a competition, one per nomination at most (receipt codes are given once, when voting)",
      request: { params: Id },
      responses: { 200: json(z.object({ items: z.array(VoteView) })), 401: problems[401], 404: problems[404] },
    }),
    async (c) => {
      const r = await myVotes(ctxOf(c), requireUser(c), c.req.valid("param").id);
      return c.json({ items: r.votes.map((v) => ({ nominationId: v.nominationId, entryId: v.entryId, entryTitle: v.entryTitle, status: v.status, castAt: v.castAt, changedAt: v.changedAt })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/votes/receipts/{id}",
      tags,
      summary: "Check a receipt code (anyone; case, spaces and dashes do not matter): is its vote counted as cast, replaced by a later vote, or annulled by the organiser? Rate-limited per address",
      request: { params: z.object({ id: z.string().max(64).openapi({ description: "The receipt code", example: "7KQ2-M9XD-0F3H-RT5C" }) }) },
      responses: { 200: json(ReceiptView), 404: problems[404], 422: problems[422], 429: problems[429] },
    }),
    async (c) => {
      const code = normaliseReceipt(c.req.valid("param").id);
      if (!code) throw invalidField("id", "competitions.voting.field.receipt");
      await enforce(c, limitsFor(c).receipt, clientIp(c));
      const r = await checkReceipt(ctxOf(c), code);
      if (!r) throw new Problem(404, "receipt-unknown", "competitions.voting.problem.receiptUnknown");
      return c.json(r, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/competitions/{id}/votes/report",
      tags,
      security,
      summary:
        "The anomaly report of a nomination (the organiser's admins, from the voting stage on): votes per hour with those of accounts less than a day old and bursts marked (48 hours a page, `older` for the next), networks many accounts voted from",
      request: { params: Id, query: ReportQuery },
      responses: { 200: json(ReportView), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422] },
    }),
    async (c) => {
      const r = await votesReport(ctxOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("query"));
      return c.json({ nominationId: r.nomination.id, counted: r.counted, hours: r.hours, older: r.older, networks: r.networks, thresholds: r.thresholds }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/competitions/{id}/votes/list",
      tags,
      security,
      summary: "The votes behind a figure of the report (the organiser's admins): of one hour (`fresh=1`: new accounts only) or of one network, oldest first, paginated by key",
      request: { params: Id, query: ListQuery },
      responses: { 200: json(z.object({ items: z.array(LoggedVoteView), next: z.string().nullable() })), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422] },
    }),
    async (c) => {
      const q = c.req.valid("query");
      if (q.hour === undefined && !q.network) throw invalidField("hour", "field.required");
      const filter: VotesFilter = q.network ? { network: q.network } : { hour: q.hour!, fresh: q.fresh === "1" };
      const r = await listVotes(ctxOf(c), requireUser(c), c.req.valid("param").id, q.nomination, filter, decodeLogCursor(q.after));
      return c.json({ items: r.items, next: r.next }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/competitions/{id}/votes/annul",
      tags,
      security,
      summary: "Annul a voter's counted vote in a nomination with a reason (the organiser's admins, during voting and until results are published); the voter's receipt then reports it",
      request: { params: Id, body: jsonBody(AnnulInput) },
      responses: { 200: json(Ok), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422] },
    }),
    async (c) => {
      await annulVote(ctxOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("json"));
      return c.json({ ok: true as const }, 200);
    },
  );

