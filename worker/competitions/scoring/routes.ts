import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf } from "../../http/ctx";
import { apiRouter, json, jsonBody, problems, security } from "../../http/openapi";
import { enforce, limitsFor } from "../../http/rate-limit";
import { requireUser } from "../../http/session";
import { SavedSheetView, ScoresView, ScoringId, SheetInput, toSheet } from "./dto";
import * as scoring from "./service";

const tags = ["competitions"];
const Id = z.object({ id: ScoringId });
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const savedJson = (s: scoring.SavedSheet): z.infer<typeof SavedSheetView> => ({ ...s, submittedAt: iso(s.submittedAt) });

/**
 * Expert scoring of one entry: read the sheets you may read, save a draft, submit (final). Writes
 * only by an expert assigned to the entry, during the evaluation stage (checked by the write itself).
 */
export const scoringApi = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/entries/{id}/scores",
      tags,
      security,
      summary:
        "Scores of an entry: your own sheet if you are an expert assigned to it; every submitted sheet (numbered, unnamed) once the evaluation stage has ended; for the organiser every submitted sheet with the experts' names at any time. 404 for anyone else.",
      request: { params: Id },
      responses: { 200: json(ScoresView), 401: problems[401], 404: problems[404], 422: problems[422] },
    }),
    async (c) => {
      const r = await scoring.scoresForViewer(ctxOf(c), requireUser(c), c.req.valid("param").id);
      return c.json(
        {
          entryId: r.entryId,
          competitionId: r.competitionId,
          mine: r.mine ? { ...r.mine, submittedAt: iso(r.mine.submittedAt) } : null,
          sheets: r.sheets ? r.sheets.map((s) => ({ ...s, submittedAt: iso(s.submittedAt) })) : null,
          jury: r.jury,
          canScore: r.canScore,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/entries/{id}/scores",
      tags,
      security,
      summary:
        "Save your score sheet of an assigned entry as a draft (it replaces the saved one; criteria may be left unscored). Only during the evaluation stage (409 otherwise, with the dates) and before you submit (409 after). 422 lists each bad field as scores.<criterionId> / comments.<criterionId>.",
      request: { params: Id, body: jsonBody(SheetInput) },
      responses: { 200: json(SavedSheetView), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422], 429: problems[429] },
    }),
    async (c) => {
      const user = requireUser(c);
      await enforce(c, limitsFor(c).comment, user.id);
      return c.json(savedJson(await scoring.saveSheet(ctxOf(c), user, null, c.req.valid("param").id, toSheet(c.req.valid("json")), "draft")), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/entries/{id}/scores/submit",
      tags,
      security,
      summary:
        "Submit your score sheet of an assigned entry: every criterion scored, comments where the criterion requires one. Submitted scores are final (a second submit or save is 409). Computes your weighted total and the entry's jury score, spread and flag in the same write.",
      request: { params: Id, body: jsonBody(SheetInput) },
      responses: { 200: json(SavedSheetView), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422], 429: problems[429] },
    }),
    async (c) => {
      const user = requireUser(c);
      await enforce(c, limitsFor(c).comment, user.id);
      return c.json(savedJson(await scoring.saveSheet(ctxOf(c), user, null, c.req.valid("param").id, toSheet(c.req.valid("json")), "submit")), 200);
    },
  );
