import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf } from "../../http/ctx";
import { apiRouter, json, jsonBody, problems, security } from "../../http/openapi";
import { requireUser } from "../../http/session";
import { ClausePatch, ConsultationInput, ConsultationPatch, DraftView, InsertInput, MoveInput, NextVersionInput, PublishInput, RemarkLinksInput, SplitInput, TextInput } from "./dto";
import * as drafting from "./service";

const tags = ["consultations"];
const Id = z.object({ id: z.string().max(64) });
const ClauseId = z.object({ id: z.string().max(64), clauseId: z.string().max(64) });
const Ok = z.object({ ok: z.literal(true) });
/** After a change of the draft: the clause to look at (the edited, inserted or split-off one) and where it now stands. */
const Edited = z.object({ clauseId: z.string().nullable(), position: z.number().int() }).openapi("DraftEdit");
const editErrors = { 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422] };

const draftView = (r: drafting.ShownDraft): z.infer<typeof DraftView> | null =>
  r.draft && {
    consultationId: r.consultation.id,
    versionId: r.draft.id,
    number: r.draft.number,
    clauseCount: r.clauses.length,
    clauses: r.clauses.map((c) => ({ id: c.id, position: c.position, number: c.number, kind: c.kind, depth: c.depth, text: c.text, addressees: c.addressees, lineage: c.lineage, linkedRemarkIds: r.linked.get(c.id) ?? [] })),
  };

/** The organiser's side of consultations: create, edit, correct the draft, publish, start the next version, link remarks. */
export const draftingApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/consultations",
      tags,
      security,
      summary: "Create a consultation (status draft) with version 1 parsed from the text; the organiser's admins only. The window is two ISO 8601 instants with offset",
      request: { body: jsonBody(ConsultationInput) },
      responses: { 201: json(z.object({ id: z.string(), versionId: z.string(), clauseCount: z.number().int() })), 401: problems[401], 403: problems[403], 422: problems[422] },
    }),
    async (c) => c.json(await drafting.createConsultation(ctxOf(c), requireUser(c), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/consultations/{id}",
      tags,
      security,
      summary: "Change the title, adopting body, description or window (until adopted)",
      request: { params: Id, body: jsonBody(ConsultationPatch) },
      responses: { 200: json(Ok), ...editErrors },
    }),
    async (c) => {
      await drafting.updateConsultation(ctxOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("json"));
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/consultations/{id}/draft",
      tags,
      security,
      summary: "The draft version's clauses in order with the remarks each is linked to (the organiser's admins only)",
      request: { params: Id },
      responses: { 200: json(DraftView), ...editErrors },
    }),
    async (c) => {
      const view = draftView(await drafting.showDraft(ctxOf(c), requireUser(c), c.req.valid("param").id));
      if (!view) throw drafting.noDraftProblem();
      return c.json(view, 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/consultations/{id}/draft/text",
      tags,
      security,
      summary: "Replace the draft's clauses with a new text, parsed (every edit and remark link of the draft is discarded)",
      request: { params: Id, body: jsonBody(TextInput) },
      responses: { 200: json(z.object({ clauseCount: z.number().int() })), ...editErrors },
    }),
    async (c) => c.json(await drafting.replaceDraftText(ctxOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("json").text), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/consultations/{id}/draft/clauses",
      tags,
      security,
      summary: "Insert a new clause after another (`after: null`: at the beginning)",
      request: { params: Id, body: jsonBody(InsertInput) },
      responses: { 201: json(Edited), ...editErrors },
    }),
    async (c) => {
      const body = c.req.valid("json");
      return c.json(await drafting.editDraft(ctxOf(c), requireUser(c), c.req.valid("param").id, { op: "insert", after: body.after, clause: body.clause }), 201);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/consultations/{id}/draft/clauses/{clauseId}",
      tags,
      security,
      summary: "Change a draft clause's number, kind, depth, text or addressees",
      request: { params: ClauseId, body: jsonBody(ClausePatch) },
      responses: { 200: json(Edited), ...editErrors },
    }),
    async (c) => {
      const { id, clauseId } = c.req.valid("param");
      return c.json(await drafting.editDraft(ctxOf(c), requireUser(c), id, { op: "update", clauseId, patch: c.req.valid("json") }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/consultations/{id}/draft/clauses/{clauseId}",
      tags,
      security,
      summary: "Delete a draft clause",
      request: { params: ClauseId },
      responses: { 200: json(Edited), ...editErrors },
    }),
    async (c) => {
      const { id, clauseId } = c.req.valid("param");
      return c.json(await drafting.editDraft(ctxOf(c), requireUser(c), id, { op: "delete", clauseId }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/consultations/{id}/draft/clauses/{clauseId}/merge",
      tags,
      security,
      summary: "Merge a draft clause into the one before it (text joined, addressees united)",
      request: { params: ClauseId },
      responses: { 200: json(Edited), ...editErrors },
    }),
    async (c) => {
      const { id, clauseId } = c.req.valid("param");
      return c.json(await drafting.editDraft(ctxOf(c), requireUser(c), id, { op: "merge", clauseId }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/consultations/{id}/draft/clauses/{clauseId}/split",
      tags,
      security,
      summary: "Split a draft clause before one of its paragraphs or at a text; the second part is a new clause",
      request: { params: ClauseId, body: jsonBody(SplitInput) },
      responses: { 200: json(Edited), ...editErrors },
    }),
    async (c) => {
      const { id, clauseId } = c.req.valid("param");
      const body = c.req.valid("json");
      const at = body.paragraph !== undefined ? { paragraph: body.paragraph } : { marker: body.marker ?? "" };
      return c.json(await drafting.editDraft(ctxOf(c), requireUser(c), id, { op: "split", clauseId, at }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/consultations/{id}/draft/clauses/{clauseId}/move",
      tags,
      security,
      summary: "Move a draft clause one place up or down",
      request: { params: ClauseId, body: jsonBody(MoveInput) },
      responses: { 200: json(Edited), ...editErrors },
    }),
    async (c) => {
      const { id, clauseId } = c.req.valid("param");
      return c.json(await drafting.editDraft(ctxOf(c), requireUser(c), id, { op: "move", clauseId, direction: c.req.valid("json").direction }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/consultations/{id}/draft/renumber",
      tags,
      security,
      summary: "Renumber every clause of the draft from its depth and order (numbering restarts after each heading)",
      request: { params: Id },
      responses: { 200: json(Edited), ...editErrors },
    }),
    async (c) => c.json(await drafting.editDraft(ctxOf(c), requireUser(c), c.req.valid("param").id, { op: "renumber" }), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/consultations/{id}/draft/clauses/{clauseId}/remarks",
      tags,
      security,
      summary: "The remarks of the previous version (accepted or partly) this draft clause took into account; replaces the clause's list",
      request: { params: ClauseId, body: jsonBody(RemarkLinksInput) },
      responses: { 200: json(z.object({ remarkIds: z.array(z.string()) })), ...editErrors },
    }),
    async (c) => {
      const { id, clauseId } = c.req.valid("param");
      return c.json(await drafting.setRemarkLinks(ctxOf(c), requireUser(c), id, clauseId, c.req.valid("json").remarkIds), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/consultations/{id}/draft/publish",
      tags,
      security,
      summary: "Publish the draft version (at least one clause); it never changes afterwards. Of two publishes at once one wins, the other gets 409",
      request: { params: Id, body: jsonBody(PublishInput) },
      responses: { 200: json(z.object({ version: z.number().int() })), ...editErrors },
    }),
    async (c) => c.json(await drafting.publishDraft(ctxOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("json").note), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/consultations/{id}/versions",
      tags,
      security,
      summary: "Start the draft of the next version from the current one (`from: current`) or from a pasted text (`from: text`); one draft at a time, never after adoption",
      request: { params: Id, body: jsonBody(NextVersionInput) },
      responses: { 201: json(z.object({ versionId: z.string(), number: z.number().int(), clauseCount: z.number().int() })), ...editErrors },
    }),
    async (c) => c.json(await drafting.startNextVersion(ctxOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("json")), 201),
  );

