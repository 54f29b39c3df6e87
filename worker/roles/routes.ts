import { createRoute, z } from "@hono/zod-openapi";
import { listAudit } from "../audit/data";
import { ctxOf } from "../http/ctx";
import { apiRouter, json, jsonBody, problems, security } from "../http/openapi";
import { forbidden } from "../http/problem";
import { requireUser } from "../http/session";
import { listGrants } from "./data";
import { can, hasRole, organisersWhere } from "./rules";
import { ROLES } from "./schema";
import * as roles from "./service";

const tags = ["admin"];

export const GrantInput = z
  .object({
    email: z.string().trim().max(254, "field.tooLong").pipe(z.email({ message: "field.email" })),
    role: z.enum(ROLES, { message: "field.invalidChoice" }),
    organiserId: z.string().max(64).optional(),
    competitionId: z.string().max(64).optional(),
  })
  .openapi("GrantInput");

const Grant = z.object({ id: z.string(), userId: z.string(), role: z.enum(ROLES), scope: z.string(), organiserId: z.string().nullable(), competitionId: z.string().nullable(), grantedAt: z.number() }).openapi("RoleGrant");
const AuditEntry = z.object({ id: z.number(), at: z.number(), actorId: z.string().nullable(), action: z.string(), objectType: z.string(), objectId: z.string(), organiserId: z.string().nullable(), reason: z.string().nullable() }).openapi("AuditEntry");

/** What part of the portal an actor administers: everything, or some organisers. */
export function adminScope(user: Parameters<typeof hasRole>[0]): string[] | "all" {
  return hasRole(user, "platform_admin") ? "all" : organisersWhere(user, ["organiser_admin", "moderator"]);
}

export const rolesApi = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/admin/roles",
      tags,
      security,
      summary: "Role grants the caller administers, newest first (next page: `before` = grantedAt and `beforeId` = id of the last row)",
      request: { query: z.object({ before: z.coerce.number().int().optional(), beforeId: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(100).default(50) }) },
      responses: { 200: json(z.object({ items: z.array(Grant) })), 401: problems[401], 403: problems[403] },
    }),
    async (c) => {
      const user = requireUser(c);
      if (!can(user, "admin.enter", { anyOrganiser: true })) throw forbidden();
      const scope = adminScope(user);
      const { before, beforeId, limit } = c.req.valid("query");
      const items = await listGrants(c.get("db"), { organiserIds: scope === "all" ? undefined : scope, before, beforeId, limit });
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({ method: "post", path: "/admin/roles", tags, security, summary: "Grant a role (recorded in the audit log)", request: { body: jsonBody(GrantInput) }, responses: { 201: json(z.object({ id: z.string(), userId: z.string() })), 401: problems[401], 403: problems[403], 409: problems[409], 422: problems[422] } }),
    async (c) => {
      const r = await roles.grantRole(ctxOf(c), requireUser(c), c.req.valid("json"));
      return c.json(r, 201);
    },
  )
  .openapi(
    createRoute({ method: "delete", path: "/admin/roles/{id}", tags, security, summary: "Revoke a role grant (recorded in the audit log)", request: { params: z.object({ id: z.string().max(64) }) }, responses: { 200: json(z.object({ ok: z.literal(true) })), 401: problems[401], 403: problems[403], 404: problems[404] } }),
    async (c) => {
      await roles.revokeRole(ctxOf(c), requireUser(c), c.req.valid("param").id);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/admin/audit",
      tags,
      security,
      summary: "The audit log of the organisers the caller administers, newest first (`before` = id of the last row)",
      request: { query: z.object({ before: z.coerce.number().int().optional(), limit: z.coerce.number().int().min(1).max(100).default(50) }) },
      responses: { 200: json(z.object({ items: z.array(AuditEntry) })), 401: problems[401], 403: problems[403] },
    }),
    async (c) => {
      const user = requireUser(c);
      if (!can(user, "audit.view", { anyOrganiser: true })) throw forbidden();
      const { before, limit } = c.req.valid("query");
      const rows = await listAudit(c.get("db"), { organiserIds: adminScope(user), beforeId: before, limit });
      return c.json({ items: rows.map(({ details: _d, ...r }) => r) }, 200);
    },
  );
