import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf } from "../../http/ctx";
import { apiRouter, json, jsonBody, problems, security } from "../../http/openapi";
import { requireUser } from "../../http/session";
import { COMMITMENT_STATUSES, type CommitmentStatus } from "../schema";
import { adopt } from "./adoption";
import { decodeKey, encodeKey } from "./cursor";
import { AdoptInput, CommitmentPatch, CommitmentView, ConsultationCommitmentsQuery, CountsView, ListQuery, NoteInput, NoteView } from "./dto";
import { addNote, consultationCommitments, deleteCommitment, portalList, updateCommitment, type NoteRow } from "./service";

const tags = ["consultations"];
const Id = z.object({ id: z.string().max(64) });

const Adopted = z
  .object({ version: z.number().int(), adoptedOn: z.string(), adoptedBy: z.string(), commitments: z.number().int() })
  .openapi("Adoption");
const AddresseeCount = z.object({ addressee: z.string(), count: z.number().int() }).openapi("AddresseeCount");

interface ItemLike {
  id: string;
  consultationId: string;
  consultationTitle: string;
  clauseId: string;
  clauseNumber: string;
  clauseText: string;
  clausePosition: number;
  addressee: string;
  responsible: string;
  dueOn: string | null;
  status: CommitmentStatus;
  statusChangedAt: number;
  overdue: boolean;
}

const noteView = (n: NoteRow): z.infer<typeof NoteView> => ({ id: n.id, notedOn: n.notedOn, body: n.body, status: n.status, createdAt: n.createdAt });

export const commitmentView = (c: ItemLike, latest: NoteRow | null): z.infer<typeof CommitmentView> => ({
  id: c.id,
  consultationId: c.consultationId,
  consultationTitle: c.consultationTitle,
  clauseId: c.clauseId,
  clauseNumber: c.clauseNumber,
  clauseText: c.clauseText,
  clausePosition: c.clausePosition,
  addressee: c.addressee,
  responsible: c.responsible,
  dueOn: c.dueOn,
  status: c.status,
  statusChangedAt: c.statusChangedAt,
  overdue: c.overdue,
  latestNote: latest ? noteView(latest) : null,
});

/** Adoption of a consultation and tracking of its commitments; public lists of commitments. */
export const implementationApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/consultations/{id}/adopt",
      tags,
      security,
      summary:
        "Mark a published version adopted (the organiser's admins, once, after the comment window, with no draft version pending). every clause of the version that names an addressee becomes a commitment per addressee (a lead-in «…:» gives way to its sub-clauses), except the (clause, addressee) rows listed in `exclude`",
      request: { params: Id, body: jsonBody(AdoptInput) },
      responses: { 201: json(Adopted), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422] },
    }),
    async (c) => c.json(await adopt(ctxOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/consultations/{id}/commitments",
      tags,
      summary: "A consultation's commitments in clause order with all their notes, counts per status and the addressees (filter by `addressee`, exact)",
      request: { params: Id, query: ConsultationCommitmentsQuery },
      responses: {
        200: json(
          z.object({
            adopted: z.object({ version: z.number().int(), adoptedOn: z.string().nullable(), adoptedBy: z.string().nullable() }).nullable(),
            counts: CountsView,
            addressees: z.array(AddresseeCount),
            items: z.array(CommitmentView.extend({ notes: z.array(NoteView) })),
          }),
        ),
        404: problems[404],
        422: problems[422],
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const r = await consultationCommitments(ctxOf(c), c.get("user"), c.req.valid("param").id, q.addressee || undefined);
      return c.json(
        {
          adopted: r.adopted ? { version: r.adopted.number, adoptedOn: r.adopted.adoptedOn, adoptedBy: r.adopted.adoptedBy } : null,
          counts: r.counts,
          addressees: r.addressees,
          items: r.items.map((i) => ({ ...commitmentView(i, i.notes[0] ?? null), notes: i.notes.map(noteView) })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/commitments",
      tags,
      summary:
        "Commitments of every adopted document, soonest due first and undated last, paginated by key (pass `next` as `after`); filters `addressee` (exact), `status`, `overdue=1`. `latestNote.body` is an excerpt (400 characters)",
      request: { query: ListQuery },
      responses: { 200: json(z.object({ items: z.array(CommitmentView), next: z.string().nullable(), counts: CountsView, addressees: z.array(AddresseeCount) })), 422: problems[422] },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const r = await portalList(ctxOf(c), { addressee: q.addressee || undefined, status: q.status, overdue: q.overdue === "1" || q.overdue === "true" }, decodeKey(q.after), q.limit);
      const last = r.items[r.items.length - 1];
      return c.json(
        {
          items: r.items.map((i) => commitmentView(i, i.latestNote)),
          next: r.more && last ? encodeKey({ dueOn: last.dueOn, id: last.id }) : null,
          counts: r.counts,
          addressees: r.addressees,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/commitments/{id}",
      tags,
      security,
      summary: "Edit a commitment: addressee, responsible organisation, due date (null clears it), status (any status may follow any other; a change is announced in the feed)",
      request: { params: Id, body: jsonBody(CommitmentPatch) },
      responses: { 200: json(z.object({ changed: z.boolean() })), 401: problems[401], 403: problems[403], 404: problems[404], 422: problems[422] },
    }),
    async (c) => c.json(await updateCommitment(ctxOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/commitments/{id}/notes",
      tags,
      security,
      summary: `A dated progress note (from the adoption to today in Moscow), optionally changing the status (${COMMITMENT_STATUSES.join(", ")})`,
      request: { params: Id, body: jsonBody(NoteInput) },
      responses: { 201: json(z.object({ id: z.string(), statusChanged: z.boolean() })), 401: problems[401], 403: problems[403], 404: problems[404], 422: problems[422] },
    }),
    async (c) => c.json(await addNote(ctxOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/commitments/{id}",
      tags,
      security,
      summary: "Remove a row that is not really a commitment, with its notes (audited)",
      request: { params: Id },
      responses: { 200: json(z.object({ ok: z.literal(true) })), 401: problems[401], 403: problems[403], 404: problems[404] },
    }),
    async (c) => {
      await deleteCommitment(ctxOf(c), requireUser(c), c.req.valid("param").id);
      return c.json({ ok: true as const }, 200);
    },
  );
