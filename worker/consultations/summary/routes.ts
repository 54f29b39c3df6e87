import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf } from "../../http/ctx";
import { apiRouter, json, jsonBody, problems, security } from "../../http/openapi";
import { requireUser } from "../../http/session";
import { decodeRemarkKey, encodeRemarkKey } from "./cursor";
import { BulkDispositionInput, DispositionInput, DispositionResult, PublishInput, PublishResult, SummaryQuery, SummaryView } from "./dto";
import * as summary from "./service";

const tags = ["consultations"];
const Id = z.object({ id: z.string().max(64) });

/** The «сводка предложений»: dispositions (one remark, or many at once), publication, the summary itself. */
export const summaryApi = apiRouter()
  .openapi(
    createRoute({
      method: "put",
      path: "/remarks/{id}/disposition",
      tags,
      security,
      summary:
        "Record (or change) the disposition of a remark: the organiser's admins only, after the comment window has closed and before the version's summary is published; a reason is required unless `accepted`",
      request: { params: Id, body: jsonBody(DispositionInput) },
      responses: { 200: json(DispositionResult), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422] },
    }),
    async (c) => {
      const r = await summary.recordDispositions(ctxOf(c), requireUser(c), [c.req.valid("param").id], c.req.valid("json"));
      return c.json({ ids: r.ids, disposition: r.disposition, reason: r.reason, left: r.left }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/consultations/{id}/dispositions",
      tags,
      security,
      summary: "One disposition and reason for several remarks of one version of the consultation at once (at most 100), in one batch",
      request: { params: Id, body: jsonBody(BulkDispositionInput) },
      responses: { 200: json(DispositionResult), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422] },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const r = await summary.recordDispositions(ctxOf(c), requireUser(c), body.remarkIds, body, { consultationId: c.req.valid("param").id });
      return c.json({ ids: r.ids, disposition: r.disposition, reason: r.reason, left: r.left }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/consultations/{id}/summary/publish",
      tags,
      security,
      summary:
        "Publish the summary of a version (default: the current one). 409 while any visible remark lacks a disposition (`missing` gives the count) and when it is already published; every remark's author is notified",
      request: { params: Id, body: { required: false, content: { "application/json": { schema: PublishInput } } } },
      responses: { 200: json(PublishResult), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422] },
    }),
    async (c) => {
      const body = c.req.valid("json") as { version?: number } | undefined;
      return c.json(await summary.publishSummary(ctxOf(c), requireUser(c), c.req.valid("param").id, body?.version), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/consultations/{id}/summary",
      tags,
      summary:
        "The published summary of a version (default: the newest published one; the organiser's admins also get an unpublished version as a preview), in document order, filtered by clause, kind, disposition; paginated by key (`next` → `after`)",
      request: { params: Id, query: SummaryQuery },
      responses: { 200: json(SummaryView), 404: problems[404], 422: problems[422] },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const id = c.req.valid("param").id;
      const r = await summary.loadSummary(ctxOf(c), c.get("user"), id, { version: q.version, filter: { clause: q.clause || undefined, kind: q.kind, disposition: q.disposition }, after: decodeRemarkKey(q.after), limit: q.limit });
      return c.json(
        {
          consultation: { id: r.consultation.id, title: r.consultation.title },
          version: { number: r.version.number, summaryPublishedAt: r.version.summaryPublishedAt },
          preview: r.preview,
          progress: { total: r.progress.total, done: r.progress.done, left: r.progress.left },
          counts: r.counts,
          hidden: r.hidden,
          items: r.items.map(({ clause, ...i }) => ({ ...i, clause: clause ? { id: clause.id, number: clause.number } : null })),
          next: r.next ? encodeRemarkKey(r.next) : null,
        },
        200,
      );
    },
  );
