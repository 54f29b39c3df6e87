import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf } from "../../http/ctx";
import { apiRouter, json, jsonBody, problems, security } from "../../http/openapi";
import { requireUser } from "../../http/session";
import { decodeEntryKey, encodeEntryKey } from "./cursor";
import { EntryCard, EntryInput, EntryListQuery, EntryView, MyEntryCard } from "./dto";
import { ENTRY_LIMITS } from "./rules";
import * as entries from "./service";

const tags = ["competitions"];
const Id = z.object({ id: z.string().max(64) });
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** An entry as the API shows it (the service has already withheld the contact and the reason from those who may not read them). */
export function viewOf(r: entries.ShownEntry): z.infer<typeof EntryView> {
  const e = r.entry;
  return {
    id: e.id,
    competitionId: e.competitionId,
    competitionTitle: r.competition.title,
    nominationId: e.nominationId,
    nominationTitle: e.nominationTitle,
    kind: e.kind,
    proposalId: e.proposalId,
    entrantKind: e.entrantKind,
    organisationId: e.organisationId,
    organisationName: e.organisationName,
    city: e.city,
    title: e.title,
    problem: e.problem,
    actions: e.actions,
    results: e.results,
    period: e.period,
    budget: e.budget,
    contact: e.contact,
    status: e.status,
    hidden: e.hidden,
    reason: e.reason,
    createdAt: iso(e.createdAt)!,
    decidedAt: iso(e.decidedAt),
    withdrawnAt: iso(e.withdrawnAt),
    result: r.result ? { rank: r.result.rank, winner: r.result.winner, juryScore: r.result.juryScore, votes: r.result.votes, total: r.result.total } : null,
    canWithdraw: r.entryAccess.withdraw,
  };
}

/** Entering a competition, the admitted entries of a nomination, an entry, withdrawing it, my entries. */
export const entriesApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/competitions/{id}/entries",
      tags,
      security,
      summary:
        "Enter the competition during its entry stage: a published proposal of yours (kind proposal) or a city practice (kind practice), in your own name or for an organisation you are a confirmed member of, into one nomination; goes to the moderation queue",
      request: { params: Id, body: jsonBody(EntryInput) },
      responses: {
        201: json(z.object({ id: z.string(), status: z.literal("submitted"), url: z.string() })),
        401: problems[401],
        403: problems[403],
        404: problems[404],
        409: problems[409],
        422: problems[422],
      },
    }),
    async (c) => {
      const r = await entries.enterCompetition(ctxOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("json"));
      return c.json({ id: r.id, status: "submitted" as const, url: r.url }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/competitions/{id}/entries",
      tags,
      summary: "Admitted entries of one nomination (the first when none is given), in the order they were entered; pass `next` as `after`",
      request: { params: Id, query: EntryListQuery },
      responses: {
        200: json(z.object({ nominationId: z.string().nullable(), nominations: z.array(z.object({ id: z.string(), title: z.string(), entryCount: z.number().int() })), items: z.array(EntryCard), next: z.string().nullable() })),
        404: problems[404],
        422: problems[422],
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const r = await entries.listAdmitted(ctxOf(c), c.get("user"), c.req.valid("param").id, { nominationId: q.nomination || undefined, after: decodeEntryKey(q.after), limit: q.limit });
      return c.json(
        {
          nominationId: r.nomination?.id ?? null,
          nominations: r.nominations.map((n) => ({ id: n.id, title: n.title, entryCount: n.entryCount })),
          items: r.items.map((i) => ({ ...i, createdAt: iso(i.createdAt)! })),
          next: r.next ? encodeEntryKey(r.next) : null,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/entries/{id}",
      tags,
      summary: "A competition entry (admitted ones to everyone; others to their entrant and the organiser's staff). The contact and the moderator's reason only to the entrant and staff; the result once published",
      request: { params: Id },
      responses: { 200: json(EntryView), 404: problems[404] },
    }),
    async (c) => c.json(viewOf(await entries.showEntry(ctxOf(c), c.get("user"), c.req.valid("param").id)), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/entries/{id}/withdraw",
      tags,
      security,
      summary: "The entrant withdraws the entry (only before the entry stage ends)",
      request: { params: Id },
      responses: { 200: json(z.object({ ok: z.literal(true) })), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409] },
    }),
    async (c) => {
      await entries.withdrawEntry(ctxOf(c), requireUser(c), c.req.valid("param").id);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/me/entries",
      tags,
      security,
      summary: "My competition entries in every state with the moderator's reason, newest first; pass `next` as `after`",
      request: { query: z.object({ after: z.string().max(300).optional(), limit: z.coerce.number().int().min(1).max(100).default(ENTRY_LIMITS.page) }) },
      responses: { 200: json(z.object({ items: z.array(MyEntryCard), next: z.string().nullable() })), 401: problems[401] },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const r = await entries.myEntries(ctxOf(c), requireUser(c), { before: decodeEntryKey(q.after), limit: q.limit });
      return c.json(
        {
          items: r.items.map(({ hiddenAt, createdAt, ...rest }) => ({ ...rest, hidden: hiddenAt !== null, createdAt: iso(createdAt)! })),
          next: r.next ? encodeEntryKey(r.next) : null,
        },
        200,
      );
    },
  );
