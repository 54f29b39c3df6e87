import { contentOf } from "./completeness";
import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf } from "../http/ctx";
import { apiRouter, json, jsonBody, problems, security } from "../http/openapi";
import { enforce, limitsFor } from "../http/rate-limit";
import { requireUser } from "../http/session";
import { decodeKey, encodeKey } from "./cursor";
import { sortValue, themeRowsOf } from "./data";
import { ListQuery, ProposalCard, ProposalInput, ProposalPatch, ProposalView, ReasonInput } from "./dto";
import * as proposals from "./service";
import { themesOf } from "./themes";
import { getOrganiser } from "../organisers/data";
import { notFound } from "../http/problem";

const tags = ["proposals"];
const Id = z.object({ id: z.string().max(64) });
const Ok = z.object({ ok: z.literal(true) });
const Support = z.object({ supported: z.boolean(), supportCount: z.number().int() }).openapi("ProposalSupport");
const Theme = z.object({ slug: z.string(), nameRu: z.string(), nameEn: z.string() }).openapi("Theme");

export const viewOf = (r: proposals.ShownProposal): z.infer<typeof ProposalView> => {
  const p = r.proposal;
  return {
    id: p.id,
    organiserId: p.organiserId,
    authorId: p.authorId,
    authorName: p.authorName,
    organisationId: p.organisationId,
    organisationName: p.organisationName,
    status: p.status,
    hidden: p.hidden,
    ...contentOf(p),
    supportCount: p.supportCount,
    commentCount: p.commentCount,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    submittedAt: p.submittedAt,
    publishedAt: p.publishedAt,
    supportedByMe: r.supportedByMe,
    history: r.history,
  };
};

/** Social project proposals: the public list, the author's drafts and moves, supports. */
export const proposalsApi = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/proposals",
      tags,
      summary: "Published (or archived) proposals with filters and sort, paginated by key: pass `next` as `after`",
      request: { query: ListQuery },
      responses: { 200: json(z.object({ items: z.array(ProposalCard), next: z.string().nullable() })), 422: problems[422] },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const r = await proposals.listProposals(ctxOf(c), { organiserId: q.organiser, theme: q.theme, city: q.city || undefined, status: q.status, sort: q.sort, after: decodeKey(q.after), limit: q.limit });
      const last = r.items[r.items.length - 1];
      return c.json({ items: r.items, next: r.more && last ? encodeKey({ v: sortValue(last, q.sort), id: last.id }) : null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/proposals",
      tags,
      security,
      summary: "Start a proposal (a draft may be incomplete); with `submit: true` it goes to moderation at once and must be complete",
      request: { body: jsonBody(ProposalInput) },
      responses: { 201: json(z.object({ id: z.string(), status: z.enum(["draft", "submitted"]) })), 401: problems[401], 403: problems[403], 422: problems[422] },
    }),
    async (c) => c.json(await proposals.createProposal(ctxOf(c), requireUser(c), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/proposals/{id}",
      tags,
      summary: "A proposal (drafts and hidden ones only for their author and the organiser's moderators; they also get the history)",
      request: { params: Id },
      responses: { 200: json(ProposalView), 404: problems[404] },
    }),
    async (c) => c.json(viewOf(await proposals.showProposal(ctxOf(c), c.req.valid("param").id, c.get("user"))), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/proposals/{id}",
      tags,
      security,
      summary: "Edit a draft or a proposal returned for changes (its author only)",
      request: { params: Id, body: jsonBody(ProposalPatch) },
      responses: { 200: json(Ok), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422] },
    }),
    async (c) => {
      await proposals.updateProposal(ctxOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("json"));
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/proposals/{id}/submit",
      tags,
      security,
      summary: "Send to moderation; 422 lists every field still missing",
      request: { params: Id },
      responses: { 200: json(Ok), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422] },
    }),
    async (c) => {
      await proposals.submitProposal(ctxOf(c), requireUser(c), c.req.valid("param").id);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/proposals/{id}/withdraw",
      tags,
      security,
      summary: "The author withdraws the proposal (reason optional)",
      request: { params: Id, body: { required: false, content: { "application/json": { schema: ReasonInput } } } },
      responses: { 200: json(Ok), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422] },
    }),
    async (c) => {
      const body = c.req.valid("json") as { reason?: string } | undefined;
      await proposals.withdrawProposal(ctxOf(c), requireUser(c), c.req.valid("param").id, body?.reason?.trim() || null);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/proposals/{id}/support",
      tags,
      security,
      summary: "Support a published proposal (once per person; repeating changes nothing)",
      request: { params: Id },
      responses: { 200: json(Support), 401: problems[401], 403: problems[403], 404: problems[404], 429: problems[429] },
    }),
    async (c) => {
      const user = requireUser(c);
      await enforce(c, limitsFor(c).support, user.id);
      return c.json(await proposals.setSupport(ctxOf(c), user, c.req.valid("param").id, true), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/proposals/{id}/support",
      tags,
      security,
      summary: "Take one's support back",
      request: { params: Id },
      responses: { 200: json(Support), 401: problems[401], 403: problems[403], 404: problems[404], 429: problems[429] },
    }),
    async (c) => {
      const user = requireUser(c);
      await enforce(c, limitsFor(c).support, user.id);
      return c.json(await proposals.setSupport(ctxOf(c), user, c.req.valid("param").id, false), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/themes",
      tags,
      summary: "An organiser's list of proposal themes (the default list when it keeps none)",
      request: { query: z.object({ organiser: z.string().min(1).max(64) }) },
      responses: { 200: json(z.object({ items: z.array(Theme) })), 404: problems[404], 422: problems[422] },
    }),
    async (c) => {
      const db = c.get("db");
      const id = c.req.valid("query").organiser;
      const [[organiser], rows] = await db.batch([getOrganiser(db, id), themeRowsOf(db, id)]);
      if (!organiser) throw notFound();
      return c.json({ items: themesOf(rows) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/me/proposals",
      tags,
      security,
      summary: "My proposals in every state, last changed first, paginated by key",
      request: { query: z.object({ after: z.string().max(600).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }) },
      responses: {
        200: json(z.object({ items: z.array(ProposalCard.extend({ updatedAt: z.number().int(), hidden: z.boolean() })), next: z.string().nullable() })),
        401: problems[401],
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const r = await proposals.myProposals(ctxOf(c), requireUser(c), { after: decodeKey(q.after), limit: q.limit });
      const last = r.items[r.items.length - 1];
      const items = r.items.map(({ hiddenAt, ...rest }) => ({ ...rest, hidden: hiddenAt !== null }));
      return c.json({ items, next: r.more && last ? encodeKey({ v: last.updatedAt, id: last.id }) : null }, 200);
    },
  );
