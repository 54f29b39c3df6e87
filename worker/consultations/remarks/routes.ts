import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf } from "../../http/ctx";
import { apiRouter, json, jsonBody, problems, security } from "../../http/openapi";
import { enforce, limitsFor } from "../../http/rate-limit";
import { requireUser } from "../../http/session";
import { ListQuery, RemarkId, RemarkInput, RemarkList, RemarkView } from "./dto";
import * as remarks from "./service";
import type { RemarkShown } from "./service";

const tags = ["consultations"];
const Id = z.object({ id: RemarkId });
const ClauseParams = z.object({ id: RemarkId, clauseId: RemarkId });
const Done = z.object({ id: z.string(), url: z.string() });
const Support = z.object({ supported: z.boolean(), supportCount: z.number().int() }).openapi("RemarkSupport");

/** A remark as JSON: instants as ISO 8601, the author as they chose to be shown (never the person behind an anonymous remark). */
export const remarkJson = (r: RemarkShown): z.infer<typeof RemarkView> => ({
  id: r.id,
  consultationId: r.consultationId,
  versionNumber: r.versionNumber,
  clauseId: r.clauseId,
  clauseNumber: r.clauseNumber,
  kind: r.kind,
  status: r.status,
  body: r.body,
  proposedText: r.proposedText,
  author: r.author
    ? {
        as: r.author.as,
        name: r.author.as === "anonymous" ? null : r.author.name,
        organisationId: r.author.as === "organisation" ? r.author.organisationId : null,
        deletedAccount: r.author.as === "name" && r.author.deletedAccount,
      }
    : null,
  supportCount: r.supportCount,
  replyCount: r.replyCount,
  createdAt: new Date(r.createdAt).toISOString(),
  disposition: r.disposition,
  dispositionReason: r.dispositionReason,
  supportedByMe: r.supportedByMe,
  mine: r.mine,
});

/**
 * Remarks on a consultation's clauses and on the document as a whole: leave one while the window is
 * open (the `comment` rate limit, 10 a minute), read them page by page, support them (the `support`
 * limit), delete one's own while the window is open. Replies go through /comments (target type
 * "remark"), reports through /reports (target type "remark").
 */
export const remarksApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/consultations/{id}/remarks",
      tags,
      security,
      summary:
        "Leave a remark on a clause of the current published version (`clauseId`) or on the document as a whole (no `clauseId`): comment, wording (the full new text of the clause), new_clause (to add after it) or objection. Only while the comment window is open: otherwise 409 with `detail` saying when it opens or closed (Moscow time). No editing afterwards.",
      request: { params: Id, body: jsonBody(RemarkInput) },
      responses: { 201: json(Done), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422], 429: problems[429] },
    }),
    async (c) => {
      const user = requireUser(c);
      await enforce(c, limitsFor(c).comment, user.id);
      return c.json(await remarks.createRemark(ctxOf(c), user, c.req.valid("param").id, c.req.valid("json")), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/consultations/{id}/remarks",
      tags,
      summary: "Visible remarks on the document as a whole (default: the current version; `version` for another), oldest first, 20 at a time; pass `next` as `after`",
      request: { params: Id, query: ListQuery },
      responses: { 200: json(RemarkList), 404: problems[404], 422: problems[422] },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const r = await remarks.documentPage(ctxOf(c), c.get("user"), c.req.valid("param").id, { version: q.version, after: q.after });
      return c.json({ items: r.items.map(remarkJson), next: r.next }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/consultations/{id}/clauses/{clauseId}/remarks",
      tags,
      summary: "Visible remarks on one clause, oldest first, 20 at a time; pass `next` as `after`",
      request: { params: ClauseParams, query: ListQuery.pick({ after: true }) },
      responses: { 200: json(RemarkList), 404: problems[404], 422: problems[422] },
    }),
    async (c) => {
      const p = c.req.valid("param");
      const r = await remarks.clausePage(ctxOf(c), c.get("user"), p.id, p.clauseId, { after: c.req.valid("query").after });
      return c.json({ items: r.items.map(remarkJson), next: r.next }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/remarks/{id}",
      tags,
      summary: "One remark (a hidden one only for its author and the organiser's moderators; a deleted one without its text)",
      request: { params: Id },
      responses: { 200: json(RemarkView), 404: problems[404], 422: problems[422] },
    }),
    async (c) => c.json(remarkJson((await remarks.showRemark(ctxOf(c), c.get("user"), c.req.valid("param").id)).remark), 200),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/remarks/{id}",
      tags,
      security,
      summary: "Delete your own remark while the window is open (its replies stay); 403 for anybody else's",
      request: { params: Id },
      responses: { 200: json(Done), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422] },
    }),
    async (c) => c.json(await remarks.deleteRemark(ctxOf(c), requireUser(c), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/remarks/{id}/support",
      tags,
      security,
      summary: "Support a remark (once per person, not your own, while the window is open; repeating changes nothing)",
      request: { params: Id },
      responses: { 200: json(Support), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422], 429: problems[429] },
    }),
    async (c) => {
      const user = requireUser(c);
      await enforce(c, limitsFor(c).support, user.id);
      return c.json(await remarks.setSupport(ctxOf(c), user, c.req.valid("param").id, true), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/remarks/{id}/support",
      tags,
      security,
      summary: "Take your support of a remark back (while the window is open)",
      request: { params: Id },
      responses: { 200: json(Support), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422], 429: problems[429] },
    }),
    async (c) => {
      const user = requireUser(c);
      await enforce(c, limitsFor(c).support, user.id);
      return c.json(await remarks.setSupport(ctxOf(c), user, c.req.valid("param").id, false), 200);
    },
  );
