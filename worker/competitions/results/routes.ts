import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf } from "../../http/ctx";
import { apiRouter, json, problems, security } from "../../http/openapi";
import { requireUser } from "../../http/session";
import { decodeRankKey, encodeRankKey } from "./cursor";
import { ComputeResult, PublishResultsResult, ResultsQuery, ResultsView } from "./dto";
import * as service from "./service";

const tags = ["competitions"];
const Id = z.object({ id: z.string().max(64) });

/** API of the competitions' results part (see ../routes.ts): compute, read, publish. */
export const resultsApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/competitions/{id}/results/compute",
      tags,
      security,
      summary:
        "Compute (or recompute) every nomination's ranking from the admitted entries' jury scores and counted votes, replacing the stored results: the competition's organiser admins only, after voting has closed and before publication (409 otherwise)",
      request: { params: Id },
      responses: { 200: json(ComputeResult), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409] },
    }),
    async (c) => {
      const r = await service.recompute(ctxOf(c), requireUser(c), c.req.valid("param").id);
      return c.json({ computedAt: r.computedAt, nominations: r.nominations, entries: r.entries, winners: r.winners }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/competitions/{id}/results",
      tags,
      summary:
        "The published results: per nomination the ranking with each part of the score, winners and tie-breaks, and the method's settings. Before publication only the organiser's admins get a preview; anyone else 404 (`results-not-published`)",
      request: { params: Id, query: ResultsQuery },
      responses: { 200: json(ResultsView), 404: problems[404], 422: problems[422] },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const r = await service.loadResults(ctxOf(c), c.get("user"), c.req.valid("param").id, { nomination: q.nomination || undefined, after: q.nomination ? decodeRankKey(q.after) : undefined, limit: q.limit });
      const comp = r.competition;
      return c.json(
        {
          competition: { id: comp.id, title: comp.title },
          published: r.published,
          resultsComputedAt: comp.resultsComputedAt,
          resultsPublishedAt: comp.resultsPublishedAt,
          stale: r.stale,
          method: { ...r.settings, tieBreak: [...r.settings.tieBreak], minExperts: comp.minExperts },
          nominations: r.nominations.map((n) => ({ ...n, items: n.items.map((i) => ({ ...i, decidedBy: i.decidedBy as "jury" | "public" | "earlier" | null })) })),
          next: r.next ? encodeRankKey(r.next) : null,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/competitions/{id}/results/publish",
      tags,
      security,
      summary:
        "Publish the computed results (once): every ranked entry's entrant is notified and the winners enter the library of practices. 409 before they are computed, when the entries changed since (recompute first), and when already published",
      request: { params: Id },
      responses: { 200: json(PublishResultsResult), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409] },
    }),
    async (c) => c.json(await service.publishResults(ctxOf(c), requireUser(c), c.req.valid("param").id), 200),
  );
