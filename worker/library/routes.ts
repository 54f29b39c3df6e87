import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf } from "../http/ctx";
import { apiRouter, json, jsonBody, problems, security } from "../http/openapi";
import { requireUser } from "../http/session";
import { decodeBrowseKey, decodeSearchKey, encodeBrowseKey, encodeSearchKey } from "./cursor";
import { HideInput, ListQuery, PracticeCard, PracticeInput, PracticeView, LIMITS } from "./dto";
import { snippet } from "./highlight";
import { addPractice, hidePractice, listPractices, showPractice } from "./service";

const tags = ["library"];
const Id = z.object({ id: z.string().max(LIMITS.id) });
const text = (pieces: { text: string }[]) => pieces.map((p) => p.text).join("");

/** API of the library of city practices (mounted under /api). */
export const libraryApi = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/practices",
      tags,
      summary:
        "Practices: full text in any word form (`q`) and exact filters (city, theme, year, nomination); newest year first, or best match first with `q`; paginated by key — pass `next` as `after`",
      request: { query: ListQuery },
      responses: { 200: json(z.object({ items: z.array(PracticeCard), next: z.string().nullable() })), 422: problems[422] },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const r = await listPractices(
        ctxOf(c),
        { q: q.q?.trim() || undefined, city: q.city || undefined, theme: q.theme || undefined, year: q.year, nomination: q.nomination || undefined, afterBrowse: decodeBrowseKey(q.after), afterSearch: decodeSearchKey(q.after), limit: q.limit },
        false,
      );
      const items = r.items.map(({ problem, actions, results, ...card }) => ({ ...card, snippet: text(snippet([problem, actions, results], r.terms)) }));
      const next = r.next ? (r.next.kind === "search" ? encodeSearchKey(r.next.key) : encodeBrowseKey(r.next.key)) : null;
      return c.json({ items, next }, 200);
    },
  )
  .openapi(
    createRoute({ method: "get", path: "/practices/{id}", tags, summary: "A practice (a hidden one only for its organiser's admins)", request: { params: Id }, responses: { 200: json(PracticeView), 404: problems[404] } }),
    async (c) => {
      const r = await showPractice(ctxOf(c), c.get("user"), c.req.valid("param").id);
      const { createdBy: _by, ...practice } = r.practice;
      return c.json(practice, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/practices",
      tags,
      security,
      summary: "Add a practice by hand (the organiser's admins)",
      request: { body: jsonBody(PracticeInput) },
      responses: { 201: json(z.object({ id: z.string() })), 401: problems[401], 403: problems[403], 422: problems[422] },
    }),
    async (c) => c.json(await addPractice(ctxOf(c), requireUser(c), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/practices/{id}/hide",
      tags,
      security,
      summary: "Hide a practice from the library and search, with a reason kept in the audit log (the organiser's admins)",
      request: { params: Id, body: jsonBody(HideInput) },
      responses: { 200: json(z.object({ ok: z.literal(true) })), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422] },
    }),
    async (c) => {
      await hidePractice(ctxOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("json").reason);
      return c.json({ ok: true as const }, 200);
    },
  );
