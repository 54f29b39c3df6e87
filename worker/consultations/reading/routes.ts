import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../http/context";
import { ctxOf } from "../../http/ctx";
import { apiRouter, json, problems } from "../../http/openapi";
import { windowState } from "../window";
import { decodeKey, encodeKey } from "./cursor";
import type { CardRow } from "./data";
import { ConsultationCard, ConsultationDocument, ListQuery } from "./dto";
import { listConsultations, nextKey, parseVersionNumber, readDocument, type DocumentRead } from "./service";

const tags = ["consultations"];
const Id = z.object({ id: z.string().max(64) });
const VersionParams = z.object({
  id: z.string().max(64),
  number: z.string().max(12).openapi({ description: "The version's number: 1, 2, 3 …", example: "1" }),
});

const cardOf = (r: CardRow, now: number): z.infer<typeof ConsultationCard> => ({
  id: r.id,
  organiserId: r.organiserId,
  title: r.title,
  adoptingBody: r.adoptingBody,
  status: r.status,
  opensAt: r.opensAt,
  closesAt: r.closesAt,
  window: windowState(r, now),
  currentVersion: r.currentVersion,
  remarkCount: r.remarkCount,
  publishedAt: r.publishedAt,
});

const versionOf = (v: DocumentRead["versions"][number]) => ({
  number: v.number,
  status: v.status,
  note: v.note,
  clauseCount: v.clauseCount,
  remarkCount: v.remarkCount,
  publishedAt: v.publishedAt,
  summaryPublishedAt: v.summaryPublishedAt,
  adoptedOn: v.adoptedOn,
  adoptedBy: v.adoptedBy,
});

function documentOf(c: Context<AppEnv>, r: DocumentRead, now: number): z.infer<typeof ConsultationDocument> {
  const x = r.consultation;
  return {
    consultation: {
      ...cardOf(x, now),
      description: x.description,
      organiserName: c.get("locale") === "en" ? r.organiser.nameEn : r.organiser.nameRu,
      acceptsRemarks: r.access.acceptsRemarks,
    },
    versions: r.versions.map(versionOf),
    version: r.version ? versionOf(r.version) : null,
    clauses: r.clauses,
  };
}

/** The public reading of consultations: the list and a document, version by version. */
export const readingApi = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/consultations",
      tags,
      summary: "Published and adopted consultations, newest published first, paginated by key: pass `next` as `after`. `state` follows the comment window now (open, upcoming, closed) or the adoption",
      request: { query: ListQuery },
      responses: { 200: json(z.object({ items: z.array(ConsultationCard), next: z.string().nullable() })), 422: problems[422] },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const now = Date.now();
      const r = await listConsultations(ctxOf(c), c.get("user"), { organiserId: q.organiser || undefined, state: q.state, after: decodeKey(q.after), limit: q.limit, withDrafts: false }, now);
      const key = r.more ? nextKey(r.items) : null;
      return c.json({ items: r.items.map((x) => cardOf(x, now)), next: key ? encodeKey(key) : null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/consultations/{id}",
      tags,
      summary: "A consultation with its newest published version's clauses and remark counts (a draft consultation only for its organiser's admins)",
      request: { params: Id },
      responses: { 200: json(ConsultationDocument), 404: problems[404], 422: problems[422] },
    }),
    async (c) => {
      const now = Date.now();
      return c.json(documentOf(c, await readDocument(ctxOf(c), c.get("user"), c.req.valid("param").id, null, now), now), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/consultations/{id}/versions/{number}",
      tags,
      summary: "One version of a consultation's document (a draft version only for the organiser's admins); a number that is not a whole number from 1 is a 422, a version that does not exist a 404",
      request: { params: VersionParams },
      responses: { 200: json(ConsultationDocument), 404: problems[404], 422: problems[422] },
    }),
    async (c) => {
      const p = c.req.valid("param");
      const number = parseVersionNumber(p.number, "number");
      const now = Date.now();
      return c.json(documentOf(c, await readDocument(ctxOf(c), c.get("user"), p.id, number, now), now), 200);
    },
  );
