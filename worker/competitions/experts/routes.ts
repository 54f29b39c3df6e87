import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf } from "../../http/ctx";
import { apiRouter, json, jsonBody, problems, security } from "../../http/openapi";
import { requireUser } from "../../http/session";
import { declare } from "./declaration";
import { AddExpertInput, DeclarationInput, EvaluationQuery, EvaluationView, ExpertView, FlaggedInput, RunView } from "./dto";
import { decodeProgressKey, loadEvaluation } from "./evaluation";
import { addExpert, addToFlagged, listExperts, removeExpert, runAssignment } from "./service";

const tags = ["competitions"];
const Id = z.object({ id: z.string().max(64) });
const ExpertPath = z.object({ id: z.string().max(64), userId: z.string().max(64) });

/**
 * API of the competitions' experts part: the jury (organiser), the assignment run, a further expert
 * on a flagged entry, the evaluation progress (organiser) and the expert's declaration of conflicts.
 */
export const expertsApi = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/competitions/{id}/experts",
      tags,
      security,
      summary: "The competition's experts with their progress (the organiser's admins only)",
      request: { params: Id },
      responses: {
        200: json(z.object({ experts: z.array(ExpertView), canChange: z.boolean(), canAssign: z.boolean(), minExperts: z.number().int() })),
        401: problems[401],
        403: problems[403],
        404: problems[404],
      },
    }),
    async (c) => {
      const r = await listExperts(ctxOf(c), requireUser(c), c.req.valid("param").id);
      return c.json({ experts: r.experts, canChange: r.window.changeJury, canAssign: r.window.assign, minExperts: r.competition.minExperts }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/competitions/{id}/experts",
      tags,
      security,
      summary:
        "Make an existing confirmed account an expert of the competition (the row and the role 'expert' scoped to it). `city` defaults to the profile's. From publication until the expert evaluation ends",
      request: { params: Id, body: jsonBody(AddExpertInput) },
      responses: {
        201: json(z.object({ userId: z.string(), displayName: z.string(), city: z.string() })),
        401: problems[401],
        403: problems[403],
        404: problems[404],
        409: problems[409],
        422: problems[422],
      },
    }),
    async (c) => c.json(await addExpert(ctxOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/competitions/{id}/experts/{userId}",
      tags,
      security,
      summary: "Remove an expert who has submitted no score: their unsubmitted assignments, draft scores, declared conflicts and role grant go too (409 when they have submitted scores)",
      request: { params: ExpertPath },
      responses: { 200: json(z.object({ userId: z.string(), removedAssignments: z.number().int() })), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409] },
    }),
    async (c) => {
      const p = c.req.valid("param");
      return c.json(await removeExpert(ctxOf(c), requireUser(c), p.id, p.userId), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/competitions/{id}/assignments",
      tags,
      security,
      summary:
        "Run the assignment (during the check and evaluation stages): every admitted entry is topped up to the minimum with declared experts without a conflict, the load spread evenly; existing assignments are never changed. Reports entries short of experts",
      request: { params: Id },
      responses: { 200: json(RunView), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409] },
    }),
    async (c) => c.json(await runAssignment(ctxOf(c), requireUser(c), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/competitions/{id}/assignments/flagged",
      tags,
      security,
      summary: "Add a further expert (declared, not on the entry, without a conflict) to a flagged entry (reason 'flag'); the expert is notified",
      request: { params: Id, body: jsonBody(FlaggedInput) },
      responses: { 201: json(z.object({ entryId: z.string(), expertId: z.string() })), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422] },
    }),
    async (c) => c.json(await addToFlagged(ctxOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/competitions/{id}/evaluation",
      tags,
      security,
      summary:
        "Evaluation progress for the organiser: per expert (assigned, draft, submitted) and per entry (experts, submitted, jury score, spread, flag); flagged entries with the experts who could be added, entries below the minimum; entries paginated by key (pass `next` as `after`)",
      request: { params: Id, query: EvaluationQuery },
      responses: { 200: json(EvaluationView), 401: problems[401], 403: problems[403], 404: problems[404], 422: problems[422] },
    }),
    async (c) => {
      const r = await loadEvaluation(ctxOf(c), requireUser(c), c.req.valid("param").id, decodeProgressKey(c.req.valid("query").after));
      return c.json(
        {
          minExperts: r.competition.minExperts,
          spreadThreshold: r.competition.spreadThreshold,
          canAssign: r.canAssign,
          experts: r.experts.map(({ removable: _r, ...x }) => x),
          flagged: r.flagged,
          belowMinimum: r.belowMinimum,
          entries: r.entries,
          next: r.next,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/competitions/{id}/conflicts",
      tags,
      security,
      summary:
        "The expert's declaration (an expert of this competition, until the evaluation ends): their city and the admitted entries they have a conflict with (an empty list: no conflicts). Replaces the previous one; a new conflict withdraws the expert's unsubmitted assignment of that entry",
      request: { params: Id, body: jsonBody(DeclarationInput) },
      responses: {
        200: json(z.object({ declaredAt: z.number().int(), conflicts: z.number().int(), removedAssignments: z.array(z.string()) })),
        401: problems[401],
        403: problems[403],
        404: problems[404],
        409: problems[409],
        422: problems[422],
      },
    }),
    async (c) => c.json(await declare(ctxOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );
