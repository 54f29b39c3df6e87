import { sql } from "drizzle-orm";
import type { Ctx } from "../accounts/service";
import type { SessionUser } from "../accounts/session-user";
import { auditRecord } from "../audit";
import { objectHistory } from "../audit/data";
import type { Statement } from "../db/client";
import { runBatch } from "../db/client";
import { conflict, forbidden, invalid, invalidField, notFound, Problem } from "../http/problem";
import { closeItemStatement, openItemStatement } from "../moderation/index";
import { dispatchNotes, noteStatementsWhere } from "../notifications/index";
import { getOrganisation, membershipOf } from "../organisations/data";
import { getOrganiser, listOrganisers } from "../organisers/data";
import { listAttachmentsStatement } from "../attachments/data";
import { toAttachmentView } from "../attachments/view";
import { can } from "../roles/rules";
import { proposalAccess } from "./access";
import { contentOf, contradictions, missingForSubmission, type ProposalContent } from "./completeness";
import type { ListKey } from "./cursor";
import {
  addSupport,
  getProposal,
  getProposalFacts,
  insertProposal,
  isStaleState,
  listByAuthor,
  listPublic,
  recountSupports,
  removeSupport,
  supportCountOf,
  supportOf,
  themeRowsOf,
  themeRowsOfProposal,
  transitionStatement,
  updateEditable,
  type ListFilter,
} from "./data";
import type { ProposalInputValues, ProposalPatchValues } from "./dto";
import { transition, type ProposalAction } from "./lifecycle";
import type { ProposalStatus } from "./schema";
import { themesOf } from "./themes";

export const proposalUrl = (id: string) => `/proposals/${encodeURIComponent(id)}`;

const isBlocked = (u: SessionUser, now = Date.now()) => typeof u.blockedUntil === "number" && u.blockedUntil > now;
const blockedProblem = (u: SessionUser) => new Problem(403, "blocked", "problem.blocked", [], { blockedUntil: u.blockedUntil });

const EMPTY: ProposalContent = {
  title: "",
  summary: "",
  problem: "",
  goal: "",
  tasks: [],
  expectedResults: "",
  city: "",
  district: "",
  tos: "",
  theme: null,
  beneficiaries: null,
  budgetRequested: null,
  cofinancing: null,
  startDate: null,
  endDate: null,
  team: "",
};


/** Only the keys actually sent (a patch leaves the others as they are). */
const sent = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * Checks what needs the database — the theme is the organiser's, the organisation is one the author
 * is a confirmed member of — in one round trip. A proposal "on behalf of" an organisation may go to
 * any organiser; the organisation's name is shown on it.
 */
async function checkReferences(ctx: Ctx, actor: SessionUser, organiserId: string, theme: string | null | undefined, organisationId: string | null | undefined) {
  const [[organiser], themeRows, [organisation], membership] = await ctx.db.batch([
    getOrganiser(ctx.db, organiserId),
    themeRowsOf(ctx.db, organiserId),
    getOrganisation(ctx.db, organisationId ?? ""),
    membershipOf(ctx.db, organisationId ?? "", actor.id),
  ]);
  if (!organiser) throw invalidField("organiserId", "field.unknownOrganiser");
  if (theme && !themesOf(themeRows).some((t) => t.slug === theme)) throw invalidField("theme", "field.invalidChoice");
  if (organisationId) {
    if (!organisation) throw invalidField("organisationId", "field.invalidChoice");
    if (membership[0]?.status !== "confirmed") throw new Problem(403, "not-member", "proposals.problem.notMember");
  }
}

function validateContent(content: ProposalContent, submit: boolean) {
  const issues = [...contradictions(content), ...(submit ? missingForSubmission(content) : [])];
  if (issues.length) throw invalid(issues);
}

/** Runs a batch that contains a guarded state change; a lost race becomes 409, nothing written. */
async function guarded(ctx: Ctx, statements: Statement[]) {
  try {
    return await runBatch(ctx.db, statements);
  } catch (e) {
    if (isStaleState(e)) throw conflict("proposals.problem.wrongState");
    throw e;
  }
}

/** Submission's statements: the state, its audit record and the moderation queue's new item. */
function submitStatements(ctx: Ctx, p: { id: string; organiserId: string; authorId: string; title: string; status: ProposalStatus }, actorId: string, now: number): Statement[] {
  return [
    transitionStatement(ctx.db, p.id, { from: p.status, wasHidden: false, to: "submitted", hidden: false, now, submitted: true }),
    auditRecord(ctx.db, { actorId, action: "proposal.submit", objectType: "proposal", objectId: p.id, organiserId: p.organiserId, details: { from: p.status, to: "submitted" } }, now),
    openItemStatement(ctx.db, { organiserId: p.organiserId, targetType: "proposal", targetId: p.id, kind: "review", authorId: p.authorId, label: p.title }, now),
  ];
}

export async function createProposal(ctx: Ctx, actor: SessionUser, input: ProposalInputValues) {
  if (!can(actor, "proposal.create")) throw forbidden();
  if (isBlocked(actor)) throw blockedProblem(actor);
  const { organiserId, submit, organisationId, ...fields } = input;
  const content = { ...EMPTY, ...sent(fields) } as ProposalContent;
  validateContent(content, !!submit);
  await checkReferences(ctx, actor, organiserId, content.theme, organisationId);
  const id = crypto.randomUUID();
  const now = Date.now();
  const row = { id, organiserId, authorId: actor.id, organisationId: organisationId ?? null, status: "draft" as const, ...content, createdAt: now, updatedAt: now };
  await ctx.db.batch([
    insertProposal(ctx.db, row),
    auditRecord(ctx.db, { actorId: actor.id, action: "proposal.create", objectType: "proposal", objectId: id, organiserId }, now),
    ...(submit ? submitStatements(ctx, row, actor.id, now) : []),
  ] as [Statement, ...Statement[]]);
  return { id, status: submit ? ("submitted" as const) : ("draft" as const) };
}

/** Loads a proposal for one of its author's actions: 404 to those who may not see it, 403 to other readers. */
async function loadForAuthor(ctx: Ctx, actor: SessionUser, id: string) {
  const [row] = await getProposal(ctx.db, id);
  if (!row) throw notFound();
  const p = row.p;
  const access = proposalAccess({ organiserId: p.organiserId, authorId: p.authorId, status: p.status, hidden: p.hiddenAt !== null }, actor);
  if (!access.read) throw notFound();
  if (!access.isAuthor) throw forbidden();
  if (isBlocked(actor)) throw blockedProblem(actor);
  return { p, access };
}

export async function updateProposal(ctx: Ctx, actor: SessionUser, id: string, patch: ProposalPatchValues, opts: { submit?: boolean } = {}) {
  const { p, access } = await loadForAuthor(ctx, actor, id);
  if (!access.edit) throw conflict("proposals.problem.notEditable");
  const changes = sent(patch);
  const content = { ...contentOf(p as ProposalContent), ...sent({ ...changes, organisationId: undefined }) } as ProposalContent;
  validateContent(content, !!opts.submit);
  if (opts.submit && !transition({ status: p.status, hidden: false }, "submit", "author").ok) throw conflict("proposals.problem.wrongState");
  const organisationChanged = "organisationId" in changes && changes.organisationId !== p.organisationId;
  await checkReferences(ctx, actor, p.organiserId, "theme" in changes ? content.theme : null, organisationChanged ? changes.organisationId : null);
  const now = Date.now();
  const statements: Statement[] = [];
  if (Object.keys(changes).length) {
    statements.push(
      updateEditable(ctx.db, id, changes as Record<string, unknown>, now),
      auditRecord(ctx.db, { actorId: actor.id, action: "proposal.update", objectType: "proposal", objectId: id, organiserId: p.organiserId, details: { fields: Object.keys(changes) } }, now),
    );
  }
  if (opts.submit) statements.push(...submitStatements(ctx, { ...p, title: content.title }, actor.id, now));
  await guarded(ctx, statements);
}

export async function submitProposal(ctx: Ctx, actor: SessionUser, id: string) {
  return updateProposal(ctx, actor, id, {}, { submit: true });
}

/** The author takes the proposal back (from a draft up to published); its queue item closes. */
export async function withdrawProposal(ctx: Ctx, actor: SessionUser, id: string, reason: string | null) {
  const { p } = await loadForAuthor(ctx, actor, id);
  const hidden = p.hiddenAt !== null;
  const r = transition({ status: p.status, hidden }, "withdraw", "author");
  if (!r.ok) throw conflict("proposals.problem.wrongState");
  const now = Date.now();
  await guarded(ctx, [
    transitionStatement(ctx.db, id, { from: p.status, wasHidden: hidden, to: r.to, hidden, now }),
    auditRecord(ctx.db, { actorId: actor.id, action: "proposal.withdraw", objectType: "proposal", objectId: id, organiserId: p.organiserId, reason, details: { from: p.status, to: r.to } }, now),
    closeItemStatement(ctx.db, "proposal", id, "withdrawn", actor.id, now),
  ]);
}

/** A proposal's page: the proposal, its organiser's themes, whether the viewer supports it and (author, moderators) its history — one round trip. */
export async function showProposal(ctx: Ctx, id: string, viewer: SessionUser | null) {
  const [[row], themeRows, mine, history, organisers, files] = await ctx.db.batch([
    getProposal(ctx.db, id),
    themeRowsOfProposal(ctx.db, id),
    supportOf(ctx.db, id, viewer?.id ?? ""),
    objectHistory(ctx.db, "proposal", id),
    listOrganisers(ctx.db),
    // Files are listed with the rest; shown only when the proposal itself may be read (below).
    listAttachmentsStatement(ctx.db, "proposal", id),
  ]);
  if (!row) throw notFound();
  const p = row.p;
  const access = proposalAccess({ organiserId: p.organiserId, authorId: p.authorId, status: p.status, hidden: p.hiddenAt !== null }, viewer);
  if (!access.read) throw notFound();
  const seesHistory = access.isAuthor || access.isModerator;
  return {
    proposal: {
      ...p,
      hidden: p.hiddenAt !== null,
      authorName: row.authorDeletedAt ? null : row.authorName,
      organisationName: row.organisationName,
    },
    themes: themesOf(themeRows),
    organiser: organisers.find((o) => o.id === p.organiserId) ?? null,
    attachments: files.map(toAttachmentView),
    supportedByMe: mine.length > 0,
    history: seesHistory ? history.map((h) => ({ at: h.at, action: h.action, actorName: h.actorName, reason: h.reason })) : null,
    access,
  };
}

export type ShownProposal = Awaited<ReturnType<typeof showProposal>>;

/**
 * Support (on) or take back (off). Written as "insert if absent, then recount from the rows" in
 * one batch, so the counter is exact however many requests race: a repeated support is ignored by
 * the primary key and the count is always the number of rows.
 */
export async function setSupport(ctx: Ctx, actor: SessionUser, id: string, on: boolean) {
  const [facts] = await getProposalFacts(ctx.db, id);
  if (!facts) throw notFound();
  const access = proposalAccess({ organiserId: facts.organiserId, authorId: facts.authorId, status: facts.status, hidden: facts.hiddenAt !== null }, actor);
  if (!access.read) throw notFound();
  if (isBlocked(actor)) throw blockedProblem(actor);
  if (!access.participate) throw on ? new Problem(403, "not-open", "proposals.problem.notOpen") : forbidden();
  const now = Date.now();
  // The author hears of a new support (not of their own, not of a repeat, not of a take-back):
  // the note is written only if the insert just before it added a row (`changes()` is per statement).
  const notes =
    on && actor.id !== facts.authorId
      ? noteStatementsWhere(ctx.db, [{ userId: facts.authorId, kind: "proposal_support", params: { title: facts.title, name: actor.displayName }, url: `/proposals/${id}` }], sql`changes() = 1`, now)
      : { ids: [], statements: [] };
  const results = await runBatch(ctx.db, [
    on ? addSupport(ctx.db, id, actor.id, now) : removeSupport(ctx.db, id, actor.id),
    ...notes.statements,
    recountSupports(ctx.db, id),
    supportCountOf(ctx.db, id),
    supportOf(ctx.db, id, actor.id),
  ]);
  const [count] = results[results.length - 2] as { n: number }[];
  const mine = results[results.length - 1] as unknown[];
  await dispatchNotes(ctx, notes);
  return { supported: mine.length > 0, supportCount: count?.n ?? 0 };
}

export async function listProposals(ctx: Ctx, f: ListFilter) {
  const rows = await listPublic(ctx.db, { ...f, limit: f.limit + 1 });
  return { items: rows.slice(0, f.limit), more: rows.length > f.limit };
}

export async function myProposals(ctx: Ctx, actor: SessionUser, opts: { after?: ListKey; limit: number }) {
  const rows = await listByAuthor(ctx.db, actor.id, { ...opts, limit: opts.limit + 1 });
  return { items: rows.slice(0, opts.limit), more: rows.length > opts.limit };
}

export type { ProposalAction };
