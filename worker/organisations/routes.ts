import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf } from "../http/ctx";
import { apiRouter, json, jsonBody, problems, security } from "../http/openapi";
import { requireUser } from "../http/session";
import { listOrganisers } from "../organisers/data";
import { decodeCursor, encodeCursor } from "./cursor";
import { listOrganisations } from "./data";
import { MembershipDecisionInput, OrganisationInput, OrganisationPatch, OrganisationView, PublicMember } from "./dto";
import * as orgs from "./service";

const tags = ["organisations"];
const Organiser = z.object({ id: z.string(), slug: z.string(), nameRu: z.string(), nameEn: z.string(), shortName: z.string() }).openapi("Organiser");
export const PAGE_MAX = 100;

/** Organisers, organisations and their memberships. */
export const organisationsApi = apiRouter()
  .openapi(
    createRoute({ method: "get", path: "/organisers", tags, summary: "All organisers on the portal", responses: { 200: json(z.object({ items: z.array(Organiser) })) } }),
    async (c) => {
      const rows = await listOrganisers(c.get("db"));
      return c.json({ items: rows.map(({ createdAt: _c, ...o }) => o) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/organisations",
      tags,
      summary: "Organisations by name, paginated by key: pass `next` from the previous page as `after`",
      request: { query: z.object({ after: z.string().max(600).optional(), limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(20) }) },
      responses: { 200: json(z.object({ items: z.array(OrganisationView), next: z.string().nullable() })), 422: problems[422] },
    }),
    async (c) => {
      const { after, limit } = c.req.valid("query");
      const rows = await listOrganisations(c.get("db"), { after: decodeCursor(after), limit: limit + 1 });
      const items = rows.slice(0, limit);
      const next = rows.length > limit ? encodeCursor(items[items.length - 1]) : null;
      return c.json({ items, next }, 200);
    },
  )
  .openapi(
    createRoute({ method: "post", path: "/organisations", tags, security, summary: "Add an organisation (the creator's membership awaits a moderator)", request: { body: jsonBody(OrganisationInput) }, responses: { 201: json(z.object({ id: z.string() })), 401: problems[401], 403: problems[403], 422: problems[422] } }),
    async (c) => {
      const r = await orgs.createOrganisation(ctxOf(c), requireUser(c), c.req.valid("json"));
      return c.json(r, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/organisations/{id}",
      tags,
      summary: "An organisation with the members who chose to be shown",
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: { 200: json(OrganisationView.extend({ members: z.array(PublicMember) })), 404: problems[404] },
    }),
    async (c) => {
      const r = await orgs.showOrganisation(ctxOf(c), c.req.valid("param").id, c.get("user"));
      return c.json({ ...r.org, members: r.members }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/organisations/{id}",
      tags,
      security,
      summary: "Edit an organisation (its confirmed members, the organiser's admins)",
      request: { params: z.object({ id: z.string().max(64) }), body: jsonBody(OrganisationPatch) },
      responses: { 200: json(z.object({ ok: z.literal(true) })), 401: problems[401], 403: problems[403], 404: problems[404], 422: problems[422] },
    }),
    async (c) => {
      await orgs.editOrganisation(ctxOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("json"));
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/organisations/{id}/membership",
      tags,
      security,
      summary: "Ask to become a member; a moderator of the organiser decides",
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: { 202: json(z.object({ ok: z.literal(true) }), "Requested"), 401: problems[401], 403: problems[403], 404: problems[404] },
    }),
    async (c) => {
      await orgs.requestMembership(ctxOf(c), requireUser(c), c.req.valid("param").id);
      return c.json({ ok: true as const }, 202);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/organisations/{id}/members/{userId}",
      tags,
      security,
      summary: "Confirm or reject a membership request (moderators and admins of the organiser; a reason is required to reject)",
      request: { params: z.object({ id: z.string().max(64), userId: z.string().max(64) }), body: jsonBody(MembershipDecisionInput) },
      responses: { 200: json(z.object({ ok: z.literal(true) })), 401: problems[401], 403: problems[403], 404: problems[404], 422: problems[422] },
    }),
    async (c) => {
      const { id, userId } = c.req.valid("param");
      await orgs.decideMembership(ctxOf(c), requireUser(c), id, userId, c.req.valid("json"));
      return c.json({ ok: true as const }, 200);
    },
  );
