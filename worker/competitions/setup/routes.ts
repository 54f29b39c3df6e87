import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../http/context";
import { ctxOf } from "../../http/ctx";
import { apiRouter, json, jsonBody, problems, security } from "../../http/openapi";
import { requireUser } from "../../http/session";
import { STAGES } from "../schema";
import { decodeKey, encodeKey } from "./cursor";
import { CompetitionInput, CompetitionList, CompetitionPatch, CompetitionView, CriterionInput, CriterionPatch, CriterionView, MoveInput, NominationInput, NominationPatch, NominationView, SETUP_LIMITS } from "./dto";
import { EndStageInput, endStageNow } from "./end-stage";
import * as setup from "./service";
import { toCard, toCriterion, toNomination, toView } from "./view";

const tags = ["competitions"];
const idParam = z.string().max(SETUP_LIMITS.id);
const Id = z.object({ id: idParam });
const NominationId = z.object({ id: idParam, nominationId: idParam });
const CriterionId = z.object({ id: idParam, criterionId: idParam });
const Ok = z.object({ ok: z.literal(true) });
const Created = z.object({ id: z.string() });
const editErrors = { 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422] };
const ListQuery = z.object({
  stage: z.enum(STAGES, { message: "field.invalidChoice" }).optional(),
  organiser: z.string().max(SETUP_LIMITS.id).optional(),
  after: z.string().max(600).optional(),
});

const organiserName = (c: Context<AppEnv>, o: { nameRu: string; nameEn: string }) => (c.get("locale") === "en" ? o.nameEn : o.nameRu);

/** The setup of competitions: list, read, create, edit, publish; nominations and criteria. */
export const setupApi = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/competitions",
      tags,
      summary: "Published competitions, newest first, paginated by key (`next` → `after`); filters by stage (kept by the cron within a minute) and organiser. `drafts`: the viewer's organisers' drafts (empty for everyone else)",
      request: { query: ListQuery },
      responses: { 200: json(CompetitionList.extend({ drafts: z.array(CompetitionList.shape.items.element) })), 422: problems[422] },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const now = Date.now();
      const r = await setup.listCompetitions(ctxOf(c), c.get("user"), { stage: q.stage, organiserId: q.organiser || undefined, after: decodeKey(q.after), limit: SETUP_LIMITS.pageSize });
      const names = new Map(r.organisers.map((o) => [o.id, organiserName(c, o)]));
      const key = r.more ? setup.nextKey(r.items) : null;
      return c.json(
        {
          items: r.items.map((x) => toCard(x, names.get(x.organiserId) ?? "", now)),
          next: key ? encodeKey(key) : null,
          drafts: r.drafts.map((x) => toCard(x, names.get(x.organiserId) ?? "", now)),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/competitions",
      tags,
      security,
      summary: "Create a competition (a draft) for an organiser the caller administers. Stage instants are ISO 8601 with offset; other settings default as in the schema",
      request: { body: jsonBody(CompetitionInput) },
      responses: { 201: json(Created), 401: problems[401], 403: problems[403], 422: problems[422] },
    }),
    async (c) => c.json(await setup.createCompetition(ctxOf(c), requireUser(c), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/competitions/{id}",
      tags,
      summary: "A competition with its setup, nominations (with admitted entries) and criteria. Drafts: their organiser's admins only (404 for others)",
      request: { params: Id },
      responses: { 200: json(CompetitionView), 404: problems[404] },
    }),
    async (c) => {
      const r = await setup.readCompetition(ctxOf(c), c.get("user"), c.req.valid("param").id);
      return c.json(toView(r, organiserName(c, r.organiser)), 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/competitions/{id}",
      tags,
      security,
      summary: "Change the setup (any fields) while it may change: a draft, or published before entries open (409 after)",
      request: { params: Id, body: jsonBody(CompetitionPatch) },
      responses: { 200: json(z.object({ changed: z.array(z.string()) })), ...editErrors },
    }),
    async (c) => c.json(await setup.updateCompetition(ctxOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/competitions/{id}/publish",
      tags,
      security,
      summary: "Publish a draft: refused (409, `errors` lists why) without a nomination, a criterion, valid instants, weights adding up to 100, or with entries already closed",
      request: { params: Id },
      responses: { 200: json(z.object({ id: z.string(), stage: z.enum(STAGES), publishedAt: z.number().int() })), ...editErrors },
    }),
    async (c) => c.json(await setup.publishCompetition(ctxOf(c), requireUser(c), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/competitions/{id}/stage/end",
      tags,
      security,
      summary: "End the current stage of a published competition now (in the announced stage: open entries now). `stage` must be the stage running now (409 otherwise: the write itself checks it); the next stage's side effects run as the cron runs them. Audited with the optional reason",
      request: { params: Id, body: jsonBody(EndStageInput) },
      responses: { 200: json(z.object({ id: z.string(), ended: z.enum(STAGES), stage: z.enum(STAGES), at: z.number().int(), hookFailures: z.number().int() })), ...editErrors },
    }),
    async (c) => {
      const b = c.req.valid("json");
      return c.json(await endStageNow(ctxOf(c), requireUser(c), c.req.valid("param").id, b.stage, b.reason || null), 200);
    },
  )
  // ---- nominations
  .openapi(
    createRoute({
      method: "get",
      path: "/competitions/{id}/nominations",
      tags,
      summary: "The nominations in order, with their admitted entries",
      request: { params: Id },
      responses: { 200: json(z.object({ items: z.array(NominationView) })), 404: problems[404] },
    }),
    async (c) => {
      const r = await setup.readCompetition(ctxOf(c), c.get("user"), c.req.valid("param").id);
      return c.json({ items: r.nominations.map(toNomination) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/competitions/{id}/nominations",
      tags,
      security,
      summary: `Add a nomination at the end (at most ${SETUP_LIMITS.nominations})`,
      request: { params: Id, body: jsonBody(NominationInput) },
      responses: { 201: json(Created), ...editErrors },
    }),
    async (c) => c.json(await setup.addNomination(ctxOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/competitions/{id}/nominations/{nominationId}",
      tags,
      security,
      summary: "Change a nomination's title or description",
      request: { params: NominationId, body: jsonBody(NominationPatch) },
      responses: { 200: json(Ok), ...editErrors },
    }),
    async (c) => {
      const p = c.req.valid("param");
      await setup.updateNomination(ctxOf(c), requireUser(c), p.id, p.nominationId, c.req.valid("json"));
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/competitions/{id}/nominations/{nominationId}",
      tags,
      security,
      summary: "Delete a nomination (a published competition keeps at least one)",
      request: { params: NominationId },
      responses: { 200: json(Ok), ...editErrors },
    }),
    async (c) => {
      const p = c.req.valid("param");
      await setup.deleteNomination(ctxOf(c), requireUser(c), p.id, p.nominationId);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/competitions/{id}/nominations/{nominationId}/move",
      tags,
      security,
      summary: "Move a nomination one place up or down",
      request: { params: NominationId, body: jsonBody(MoveInput) },
      responses: { 200: json(Ok), ...editErrors },
    }),
    async (c) => {
      const p = c.req.valid("param");
      await setup.moveNomination(ctxOf(c), requireUser(c), p.id, p.nominationId, c.req.valid("json").direction);
      return c.json({ ok: true as const }, 200);
    },
  )
  // ---- criteria
  .openapi(
    createRoute({
      method: "get",
      path: "/competitions/{id}/criteria",
      tags,
      summary: "The criteria in order: weight, scale, level descriptions, the score below which a comment is required",
      request: { params: Id },
      responses: { 200: json(z.object({ items: z.array(CriterionView) })), 404: problems[404] },
    }),
    async (c) => {
      const r = await setup.readCompetition(ctxOf(c), c.get("user"), c.req.valid("param").id);
      return c.json({ items: r.criteria.map(toCriterion) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/competitions/{id}/criteria",
      tags,
      security,
      summary: `Add a criterion at the end (at most ${SETUP_LIMITS.criteria}); scale ends 0–100, min < max; level scores within the scale`,
      request: { params: Id, body: jsonBody(CriterionInput) },
      responses: { 201: json(Created), ...editErrors },
    }),
    async (c) => c.json(await setup.addCriterion(ctxOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/competitions/{id}/criteria/{criterionId}",
      tags,
      security,
      summary: "Change a criterion (scale, levels and comment threshold are checked together as stored)",
      request: { params: CriterionId, body: jsonBody(CriterionPatch) },
      responses: { 200: json(Ok), ...editErrors },
    }),
    async (c) => {
      const p = c.req.valid("param");
      await setup.updateCriterion(ctxOf(c), requireUser(c), p.id, p.criterionId, c.req.valid("json"));
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/competitions/{id}/criteria/{criterionId}",
      tags,
      security,
      summary: "Delete a criterion (a published competition keeps at least one)",
      request: { params: CriterionId },
      responses: { 200: json(Ok), ...editErrors },
    }),
    async (c) => {
      const p = c.req.valid("param");
      await setup.deleteCriterion(ctxOf(c), requireUser(c), p.id, p.criterionId);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/competitions/{id}/criteria/{criterionId}/move",
      tags,
      security,
      summary: "Move a criterion one place up or down",
      request: { params: CriterionId, body: jsonBody(MoveInput) },
      responses: { 200: json(Ok), ...editErrors },
    }),
    async (c) => {
      const p = c.req.valid("param");
      await setup.moveCriterion(ctxOf(c), requireUser(c), p.id, p.criterionId, c.req.valid("json").direction);
      return c.json({ ok: true as const }, 200);
    },
  );
