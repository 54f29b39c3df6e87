import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf } from "../http/ctx";
import { apiRouter, json, jsonBody, problems, security } from "../http/openapi";
import { enforce, limitsFor } from "../http/rate-limit";
import { requireUser } from "../http/session";
import { moderationAdapters } from "./adapters";
import { decodeCursor, encodeCursor } from "./cursor";
import { BlockInput, DecisionInput, PublicDecisionView, QueueView, ReportInput, SettingsInput, SettingsView, TemplateInput } from "./dto";
import { listPublicDecisions } from "./public";
import * as moderation from "./service";

const tags = ["moderation"];
const Ok = z.object({ ok: z.literal(true) });
const iso = (ms: number) => new Date(ms).toISOString();

/** Reports, the moderation queue and its decisions, settings, and the public record of decisions. */
export const moderationApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/reports",
      tags,
      security,
      summary: "Report a proposal, a comment, a consultation remark or an admitted competition entry (one report per person per object; after the organiser's threshold of distinct reporters it is hidden until a moderator decides)",
      request: { body: jsonBody(ReportInput) },
      responses: { 201: json(z.object({ id: z.string() })), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422], 429: problems[429] },
    }),
    async (c) => {
      const user = requireUser(c);
      await enforce(c, limitsFor(c).report, user.id);
      const r = await moderation.report(ctxOf(c), moderationAdapters, user, c.req.valid("json"));
      return c.json({ id: r.id }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/moderation/queue",
      tags,
      security,
      summary: "Open items of an organiser's queue, oldest first (moderators and admins of that organiser); pass `next` as `after`",
      request: { query: z.object({ organiser: z.string().max(64).optional(), after: z.string().max(200).optional() }) },
      responses: { 200: json(QueueView), 401: problems[401], 403: problems[403] },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const r = await moderation.loadQueue(ctxOf(c), moderationAdapters, requireUser(c), { organiserId: q.organiser, after: decodeCursor(q.after) });
      return c.json(
        {
          organiserId: r.organiserId,
          organisers: r.organisers.map((o) => ({ id: o.id, nameRu: o.nameRu, nameEn: o.nameEn })),
          items: r.items.map((i) => ({ ...i, createdAt: iso(i.createdAt) })),
          next: r.next ? encodeCursor(r.next) : null,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/moderation/items/{id}/decision",
      tags,
      security,
      summary: "Decide on a queue item: publish, return, reject, hide, restore, archive, or dismiss the reports; not on your own content",
      request: { params: z.object({ id: z.string().max(64) }), body: jsonBody(DecisionInput) },
      responses: {
        200: json(z.object({ outcome: z.enum(["upheld", "dismissed"]), notified: z.number().int() })),
        401: problems[401],
        403: problems[403],
        404: problems[404],
        409: problems[409],
        422: problems[422],
      },
    }),
    async (c) => {
      const r = await moderation.decide(ctxOf(c), moderationAdapters, requireUser(c), c.req.valid("param").id, c.req.valid("json"));
      return c.json(r, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/moderation/block",
      tags,
      security,
      summary: "Block an author of content in your organiser's queue for 1–365 days (ends all their sessions)",
      request: { body: jsonBody(BlockInput) },
      responses: { 200: json(z.object({ blockedUntil: z.string() })), 401: problems[401], 403: problems[403], 422: problems[422] },
    }),
    async (c) => {
      const r = await moderation.blockAuthor(ctxOf(c), requireUser(c), c.req.valid("json"));
      return c.json({ blockedUntil: iso(r.until) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/moderation/settings/{organiserId}",
      tags,
      security,
      summary: "An organiser's moderation settings and reason templates (its admins)",
      request: { params: z.object({ organiserId: z.string().max(64) }) },
      responses: { 200: json(SettingsView), 401: problems[401], 403: problems[403], 404: problems[404] },
    }),
    async (c) => c.json(await moderation.getSettings(ctxOf(c), requireUser(c), c.req.valid("param").organiserId), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/moderation/settings/{organiserId}",
      tags,
      security,
      summary: "Set the report threshold (1–50 distinct reporters) and the reminder age (1–720 hours)",
      request: { params: z.object({ organiserId: z.string().max(64) }), body: jsonBody(SettingsInput) },
      responses: { 200: json(Ok), 401: problems[401], 403: problems[403], 404: problems[404], 422: problems[422] },
    }),
    async (c) => {
      await moderation.saveSettings(ctxOf(c), requireUser(c), c.req.valid("param").organiserId, c.req.valid("json"));
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/moderation/settings/{organiserId}/templates",
      tags,
      security,
      summary: "Add a reason template (at most 30 per organiser)",
      request: { params: z.object({ organiserId: z.string().max(64) }), body: jsonBody(TemplateInput) },
      responses: { 201: json(z.object({ id: z.string() })), 401: problems[401], 403: problems[403], 404: problems[404], 422: problems[422] },
    }),
    async (c) => c.json(await moderation.addTemplate(ctxOf(c), requireUser(c), c.req.valid("param").organiserId, c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/moderation/templates/{id}",
      tags,
      security,
      summary: "Remove a reason template",
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: { 200: json(Ok), 401: problems[401], 403: problems[403], 404: problems[404] },
    }),
    async (c) => {
      await moderation.removeTemplate(ctxOf(c), requireUser(c), c.req.valid("param").id);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/moderation/public",
      tags,
      summary: "Hidden and rejected items by date and reason, without their content (openness about moderation); pass `next` as `after`",
      request: { query: z.object({ organiser: z.string().max(64).optional(), after: z.string().max(200).optional() }) },
      responses: { 200: json(z.object({ items: z.array(PublicDecisionView), next: z.string().nullable() })) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const r = await listPublicDecisions(c.get("db"), { organiserId: q.organiser, after: decodeCursor(q.after) });
      return c.json({ items: r.items.map((i) => ({ ...i, decidedAt: iso(i.decidedAt) })), next: r.next ? encodeCursor(r.next) : null }, 200);
    },
  );
