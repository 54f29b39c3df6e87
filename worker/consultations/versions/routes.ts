import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf } from "../../http/ctx";
import { apiRouter, json, problems } from "../../http/openapi";
import { notFound } from "../../http/problem";
import { ComparisonView, CompareQuery } from "./dto";
import { compareVersions } from "./service";

const tags = ["consultations"];

/** API of the consultations' versions part (see ../routes.ts). */
export const versionsApi = apiRouter().openapi(
  createRoute({
    method: "get",
    path: "/consultations/{id}/compare",
    tags,
    summary: "Compare two versions clause by clause: changed (with word-level changes), added, removed, moved",
    description: "Any two published versions; a draft version only for the organiser's administrators. Without `to` the newest published version, without `from` the one before `to`.",
    request: { params: z.object({ id: z.string().max(64) }), query: CompareQuery },
    responses: { 200: json(ComparisonView), 404: problems[404], 422: problems[422] },
  }),
  async (c) => {
    const r = await compareVersions(ctxOf(c), c.get("user"), c.req.valid("param").id, c.req.valid("query"));
    if (!r.result) throw r.problem ?? notFound();
    const { diff, from, to, takenRemarks } = r.result;
    return c.json(
      {
        consultation: r.consultation,
        from,
        to,
        counts: diff.counts,
        entries: diff.entries.map((e) => ({ ...e, takenRemarks: (e.after && takenRemarks.get(e.after.id)) ?? [] })),
      },
      200,
    );
  },
);
