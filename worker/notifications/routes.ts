import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf } from "../http/ctx";
import { apiRouter, json, jsonBody, problems, security } from "../http/openapi";
import { requireUser } from "../http/session";
import { NOTIFICATION_KINDS } from "./schema";
import { LIMITS, listOwn, markOwnRead, ownPrefs, setOwnPrefs } from "./service";

const tags = ["notifications"];

const NotificationView = z
  .object({
    id: z.string(),
    kind: z.enum(NOTIFICATION_KINDS),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    url: z.string().openapi({ description: "A path on this portal" }),
    headline: z.string().openapi({ description: "The notification in the reader's language (plain text)" }),
    details: z.array(z.string()),
    createdAt: z.string().openapi({ format: "date-time" }),
    read: z.boolean(),
  })
  .openapi("Notification");

const Prefs = z.object({ items: z.array(z.object({ kind: z.enum(NOTIFICATION_KINDS), email: z.boolean() })) }).openapi("NotificationPrefs");

const ReadInput = z
  .object({
    ids: z.array(z.string().max(64)).max(LIMITS.markIds).optional(),
    all: z.literal(true).optional(),
  })
  .openapi("NotificationReadInput");

const PrefsInput = z
  .object({
    email: z
      .record(z.string().max(64), z.boolean())
      .refine((r) => Object.keys(r).length <= 20, { message: "field.invalid" })
      .openapi({ description: `E-mail on (true) or off (false) per kind: ${NOTIFICATION_KINDS.join(", ")}. Kinds not named keep their setting.` }),
  })
  .openapi("NotificationPrefsInput");

/** The signed-in person's notifications and e-mail settings (only their own). */
export const notificationsApi = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/notifications",
      tags,
      security,
      summary: "My notifications, newest first, paginated by key: pass `next` as `after`",
      request: { query: z.object({ after: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(LIMITS.pageMax).default(LIMITS.page) }) },
      responses: { 200: json(z.object({ items: z.array(NotificationView), next: z.string().nullable(), unread: z.number().int() })), 401: problems[401], 422: problems[422] },
    }),
    async (c) => {
      const user = requireUser(c);
      const { after, limit } = c.req.valid("query");
      const r = await listOwn(c.get("db"), user, c.get("locale"), { after, limit });
      return c.json({ items: r.items.map((n) => ({ ...n, createdAt: new Date(n.createdAt).toISOString() })), next: r.next, unread: user.unreadNotifications }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/notifications/read",
      tags,
      security,
      summary: `Mark notifications read: \`ids\` (up to ${LIMITS.markIds}, all must be mine — otherwise 404 and nothing changes) or \`all: true\``,
      request: { body: jsonBody(ReadInput) },
      responses: { 200: json(z.object({ updated: z.number().int() })), 401: problems[401], 403: problems[403], 404: problems[404], 422: problems[422] },
    }),
    async (c) => {
      const r = await markOwnRead(ctxOf(c), requireUser(c), c.req.valid("json"));
      return c.json({ updated: r.updated }, 200);
    },
  )
  .openapi(
    createRoute({ method: "get", path: "/notifications/prefs", tags, security, summary: "My e-mail settings per kind (no setting means on)", responses: { 200: json(Prefs), 401: problems[401] } }),
    async (c) => c.json({ items: await ownPrefs(c.get("db"), requireUser(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/notifications/prefs",
      tags,
      security,
      summary: "Switch e-mail on or off per kind (an unknown kind is a 422 and changes nothing)",
      request: { body: jsonBody(PrefsInput) },
      responses: { 200: json(Prefs), 401: problems[401], 403: problems[403], 422: problems[422] },
    }),
    async (c) => c.json({ items: await setOwnPrefs(ctxOf(c), requireUser(c), c.req.valid("json").email) }, 200),
  );
