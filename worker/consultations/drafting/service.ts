import { eq, sql } from "drizzle-orm";
import type { Ctx } from "../../accounts/service";
import type { SessionUser } from "../../accounts/session-user";
import { auditRecord } from "../../audit";
import { runBatch, type Statement } from "../../db/client";
import { conflict, forbidden, invalid, invalidField, notFound } from "../../http/problem";
import { getOrganiser } from "../../organisers/data";
import { can } from "../../roles/rules";
import type { MessageKey } from "../../../web/i18n";
import { consultationAccess } from "../access";
import type { DraftClause, VersionClause } from "../clause-types";
import { consultationById, draftVersionOf, type ClauseRow, type ConsultationRow, type VersionRow } from "../data";
import { eventStatement } from "../events";
import { consultations, consultationVersions, remarks } from "../schema";
import { matchLineage } from "../versions/lineage";
import {
  changesBetween,
  deleteClause,
  insertAfter,
  mergeWithPrevious,
  moveClause,
  noChanges,
  renumber,
  splitClause,
  updateClause,
  type EditorClause,
  type SplitAt,
  type TreeResult,
} from "./clause-tree";
import {
  clauseFacts,
  deleteAllClauses,
  draftClausesOf,
  draftGuard,
  insertClauses,
  isStaleDraft,
  linkableRemarksOnClauses,
  linkableWholeDocument,
  linksOfDraft,
  publishedClausesOf,
  recountClauses,
  remarksByIds,
  replaceLinks,
  touchConsultation,
  writeChanges,
} from "./data";
import type { ConsultationInputValues, ConsultationPatchValues } from "./dto";
import { draftFromText } from "./from-text";
import { windowIssues } from "./window-rules";

/**
 * The organiser's side of a consultation: create it from a text, correct the draft version's
 * clauses, publish it, start the next version, and say which remarks a clause took into account.
 * Every use case checks `consultationAccess(...).manage` and writes its change with its audit
 * record in one batch.
 */

export const consultationUrl = (id: string) => `/consultations/${encodeURIComponent(id)}`;

const problem = (key: MessageKey) => conflict(key);
export const noDraftProblem = () => problem("consultations.drafting.problem.noDraft");

/** Runs a batch guarded against a concurrent change of the draft; a lost race becomes 409, nothing written. */
async function guarded(ctx: Ctx, statements: Statement[]) {
  try {
    return await runBatch(ctx.db, statements);
  } catch (e) {
    if (isStaleDraft(e)) throw problem("consultations.drafting.problem.stale");
    throw e;
  }
}

const toEditor = (r: ClauseRow): EditorClause => ({ id: r.id, kind: r.kind, number: r.number, depth: r.depth, text: r.text, addressees: r.addressees, lineage: r.lineage });
const toVersionClause = (r: ClauseRow): VersionClause => ({ ...toEditor(r), position: r.position });
const fresh = (c: DraftClause): EditorClause => {
  const id = crypto.randomUUID();
  return { ...c, id, lineage: id };
};

function managerOnly(c: ConsultationRow, actor: SessionUser | null, now: number) {
  const access = consultationAccess(c, actor, now);
  // Those who may not even see it (a draft, for anyone but its managers) learn nothing of it.
  if (!access.manage) throw access.read ? forbidden() : notFound();
  return access;
}

const notAdopted = (c: ConsultationRow) => {
  if (c.status === "adopted") throw problem("consultations.drafting.problem.adopted");
};

function parsedOrProblem(text: string, field: string) {
  const r = draftFromText(text);
  if (!r.ok) throw invalidField(field, r.code, r.params);
  return r.clauses;
}

function checkWindow(w: { opensAt: number; closesAt: number }) {
  const issues = windowIssues(w);
  if (issues.length) throw invalid(issues);
}

// ---- creating and editing the consultation ---------------------------------------------------

/** The organisers a person may create consultations for (organiser admin there). */
export const managedOrganiserIds = (actor: SessionUser | null) => (actor ? [...new Set(actor.roles.filter((r) => r.role === "organiser_admin" && r.organiserId).map((r) => r.organiserId as string))] : []);

/**
 * A new consultation in status draft with version 1 parsed from the text; `textField` names the
 * field a parsing problem is reported on (the page's file input when the text came from a file).
 */
export async function createConsultation(ctx: Ctx, actor: SessionUser, input: ConsultationInputValues, opts: { textField?: string } = {}) {
  if (!can(actor, "consultation.manage", { organiserId: input.organiserId })) throw forbidden();
  checkWindow(input);
  const clauses = parsedOrProblem(input.text, opts.textField ?? "text").map(fresh);
  const [organiser] = await getOrganiser(ctx.db, input.organiserId);
  if (!organiser) throw invalidField("organiserId", "field.unknownOrganiser");
  const id = crypto.randomUUID();
  const versionId = crypto.randomUUID();
  const now = Date.now();
  await runBatch(ctx.db, [
    ctx.db.insert(consultations).values({
      id,
      organiserId: input.organiserId,
      title: input.title,
      adoptingBody: input.adoptingBody,
      description: input.description,
      status: "draft",
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    }),
    ctx.db.insert(consultationVersions).values({ id: versionId, consultationId: id, number: 1, status: "draft", sourceText: input.text, clauseCount: clauses.length, createdBy: actor.id, createdAt: now }),
    ...insertClauses(ctx.db, versionId, id, clauses.map((clause, position) => ({ clause, position }))),
    auditRecord(ctx.db, { actorId: actor.id, action: "consultation.create", objectType: "consultation", objectId: id, organiserId: input.organiserId, details: { clauses: clauses.length } }, now),
  ]);
  return { id, versionId, clauseCount: clauses.length };
}

/** The consultation with its draft (if any) and that draft's clauses, for its managers: one round trip. */
async function loadManaged(ctx: Ctx, actor: SessionUser | null, id: string, clauseId?: string) {
  const db = ctx.db;
  const [[row], drafts, clauseRows, [named]] = await db.batch([consultationById(db, id), draftVersionOf(db, id), draftClausesOf(db, id), clauseFacts(db, clauseId ?? "")]);
  if (!row) throw notFound();
  const c = row.consultation;
  const now = Date.now();
  const access = managerOnly(c, actor, now);
  return { row, c, access, draft: drafts[0] as VersionRow | undefined, clauses: clauseRows.map((r) => r.clause), named, now };
}

export async function updateConsultation(ctx: Ctx, actor: SessionUser, id: string, patch: ConsultationPatchValues) {
  const { c, now } = await loadManaged(ctx, actor, id);
  notAdopted(c);
  const changes = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && v !== (c as Record<string, unknown>)[k])) as ConsultationPatchValues;
  if ("opensAt" in changes || "closesAt" in changes) checkWindow({ opensAt: changes.opensAt ?? c.opensAt, closesAt: changes.closesAt ?? c.closesAt });
  if (!Object.keys(changes).length) return;
  await guarded(ctx, [
    // Guarded on the status: adopting at the same moment makes this a conflict, not an edit of an adopted document.
    ctx.db
      .update(consultations)
      .set({ ...changes, updatedAt: now, status: sql`CASE WHEN ${consultations.status} <> 'adopted' THEN ${consultations.status} END` })
      .where(eq(consultations.id, id)),
    auditRecord(ctx.db, { actorId: actor.id, action: "consultation.update", objectType: "consultation", objectId: id, organiserId: c.organiserId, details: { fields: Object.keys(changes) } }, now),
  ]);
}

// ---- the draft version's clauses --------------------------------------------------------------

export type DraftOp =
  | { op: "update"; clauseId: string; patch: Partial<DraftClause> }
  | { op: "merge"; clauseId: string }
  | { op: "split"; clauseId: string; at: SplitAt }
  | { op: "delete"; clauseId: string }
  | { op: "insert"; after: string | null; clause: DraftClause }
  | { op: "move"; clauseId: string; direction: "up" | "down" }
  | { op: "renumber" };

/** The draft of a consultation the actor manages, refusing what cannot be edited (409) with the reason. */
async function loadDraft(ctx: Ctx, actor: SessionUser, id: string, clauseId?: string) {
  const loaded = await loadManaged(ctx, actor, id, clauseId);
  notAdopted(loaded.c);
  const { draft, named } = loaded;
  // A clause of this consultation outside the draft belongs to a published version, which never changes.
  if (clauseId !== undefined && named && named.consultationId === id && named.versionStatus === "published") throw problem("consultations.drafting.problem.frozen");
  if (!draft) throw problem("consultations.drafting.problem.noDraft");
  if (clauseId !== undefined && (!named || named.versionId !== draft.id)) throw notFound();
  return { ...loaded, draft };
}

function applyOp(list: EditorClause[], op: DraftOp): { result: TreeResult; touched: string | null } {
  switch (op.op) {
    case "update":
      return { result: updateClause(list, op.clauseId, op.patch), touched: op.clauseId };
    case "merge": {
      const i = list.findIndex((c) => c.id === op.clauseId);
      return { result: mergeWithPrevious(list, op.clauseId), touched: i > 0 ? list[i - 1].id : null };
    }
    case "split": {
      const second = crypto.randomUUID();
      return { result: splitClause(list, op.clauseId, op.at, { id: second, lineage: second }), touched: second };
    }
    case "delete":
      return { result: deleteClause(list, op.clauseId), touched: null };
    case "insert": {
      const clause = fresh(op.clause);
      return { result: insertAfter(list, op.after, clause), touched: clause.id };
    }
    case "move":
      return { result: moveClause(list, op.clauseId, op.direction), touched: op.clauseId };
    case "renumber":
      return { result: { ok: true, clauses: renumber(list) }, touched: null };
  }
}

/**
 * One correction of the draft (a pure operation of ./clause-tree.ts), written as the rows that
 * changed, the clause counter and the audit record in one batch, guarded against a concurrent
 * change. Returns the clause to show afterwards (and its new position).
 */
export async function editDraft(ctx: Ctx, actor: SessionUser, id: string, op: DraftOp) {
  const { c, draft, clauses, now } = await loadDraft(ctx, actor, id, "clauseId" in op ? op.clauseId : undefined);
  const before = clauses.map(toEditor);
  const { result, touched } = applyOp(before, op);
  if (!result.ok) {
    if (result.error === "notFound") throw op.op === "insert" ? invalidField("after", "consultations.drafting.field.notFound") : notFound();
    throw invalidField(result.field, `consultations.drafting.field.${result.error}` as MessageKey, result.error === "tooManyClauses" ? { max: 2000 } : undefined);
  }
  const after = result.clauses;
  const position = touched ? after.findIndex((x) => x.id === touched) : -1;
  const changes = changesBetween(before, after);
  if (noChanges(changes)) return { clauseId: touched, position };
  const merged = op.op === "merge" && touched ? { from: op.clauseId, to: touched } : undefined;
  await guarded(ctx, [
    draftGuard(ctx.db, draft.id, { count: before.length, moved: changes.moved }),
    ...writeChanges(ctx.db, draft.id, id, changes, merged),
    recountClauses(ctx.db, draft.id),
    touchConsultation(ctx.db, id, now),
    auditRecord(
      ctx.db,
      {
        actorId: actor.id,
        action: `consultation.draft.${op.op}`,
        objectType: "consultation",
        objectId: id,
        organiserId: c.organiserId,
        details: { version: draft.number, ...("clauseId" in op ? { clauseId: op.clauseId } : {}), ...(touched && touched !== ("clauseId" in op ? op.clauseId : null) ? { resultClauseId: touched } : {}), changed: changes.edited.length + changes.inserted.length + changes.deleted.length + changes.moved.length },
      },
      now,
    ),
  ]);
  return { clauseId: touched, position };
}

/** Lineages for a text that replaces or follows a published version: matched against it (../versions/lineage.ts). */
function withLineage(parsed: DraftClause[], previous: ClauseRow[]): EditorClause[] {
  if (!previous.length) return parsed.map(fresh);
  const lineages = matchLineage(previous.map(toVersionClause), parsed);
  const known = new Set(previous.map((p) => p.lineage));
  // A clause that is new in this version starts its own lineage: its id is the lineage (the schema's rule).
  return parsed.map((c, i) => ({ ...c, id: known.has(lineages[i]) ? crypto.randomUUID() : lineages[i], lineage: lineages[i] }));
}

/** The draft's clauses replaced by a new text, parsed (every edit and link of the draft goes). */
export async function replaceDraftText(ctx: Ctx, actor: SessionUser, id: string, text: string, opts: { textField?: string } = {}) {
  const parsed = parsedOrProblem(text, opts.textField ?? "text");
  const { c, draft, clauses, now } = await loadDraft(ctx, actor, id);
  const previous = draft.number > 1 ? await publishedClausesOf(ctx.db, id, draft.number - 1) : [];
  const next = withLineage(parsed, previous.map((r) => r.clause));
  await guarded(ctx, [
    draftGuard(ctx.db, draft.id, { count: clauses.length, moved: [] }),
    deleteAllClauses(ctx.db, draft.id),
    ...insertClauses(ctx.db, draft.id, id, next.map((clause, position) => ({ clause, position }))),
    ctx.db.update(consultationVersions).set({ sourceText: text }).where(eq(consultationVersions.id, draft.id)),
    recountClauses(ctx.db, draft.id),
    touchConsultation(ctx.db, id, now),
    auditRecord(ctx.db, { actorId: actor.id, action: "consultation.draft.replace", objectType: "consultation", objectId: id, organiserId: c.organiserId, details: { version: draft.number, clauses: next.length, discarded: clauses.length } }, now),
  ]);
  return { clauseCount: next.length };
}

// ---- publishing --------------------------------------------------------------------------------

/**
 * The draft version becomes published (its clauses were written while it was a draft; the
 * triggers freeze them from now on), the consultation's current version and status follow, with
 * the audit record and the feed's entry — one batch. Guarded in SQL: of two publishes at once the
 * second finds the version published (the trigger refuses the update) and gets 409.
 */
export async function publishDraft(ctx: Ctx, actor: SessionUser, id: string, note: string) {
  const { c, draft, clauses, now } = await loadDraft(ctx, actor, id);
  if (clauses.length === 0) throw problem("consultations.drafting.problem.emptyDraft");
  checkWindow(c);
  const first = draft.number === 1;
  const db = ctx.db;
  await guarded(ctx, [
    db
      .update(consultationVersions)
      .set({
        status: sql`CASE WHEN ${consultationVersions.status} = 'draft' AND (SELECT count(*) FROM consultation_clauses WHERE version_id = ${draft.id}) > 0 THEN 'published' END`,
        note,
        publishedAt: now,
        clauseCount: sql`(SELECT count(*) FROM consultation_clauses WHERE version_id = ${draft.id})`,
      })
      .where(eq(consultationVersions.id, draft.id)),
    db
      .update(consultations)
      .set({
        currentVersion: draft.number,
        status: sql`CASE WHEN ${consultations.status} <> 'adopted' AND ${consultations.currentVersion} = ${draft.number - 1} THEN 'published' END`,
        publishedAt: sql`coalesce(${consultations.publishedAt}, ${now})`,
        updatedAt: now,
      })
      .where(eq(consultations.id, id)),
    auditRecord(db, { actorId: actor.id, action: "consultation.publish", objectType: "consultation", objectId: id, organiserId: c.organiserId, details: { version: draft.number, clauses: clauses.length } }, now),
    eventStatement(
      db,
      first
        ? { consultationId: id, organiserId: c.organiserId, kind: "published", params: { title: c.title }, url: consultationUrl(id) }
        : { consultationId: id, organiserId: c.organiserId, kind: "version", params: { title: c.title, version: draft.number }, url: `${consultationUrl(id)}?version=${draft.number}` },
      now,
    ),
  ]);
  return { version: draft.number };
}

// ---- the next version --------------------------------------------------------------------------

/**
 * Draft version n+1, from a copy of the newest published version (same lineage) or from a text
 * (lineage matched against it). Only one draft at a time (a unique index makes that hold under
 * concurrency) and never after adoption.
 */
export async function startNextVersion(ctx: Ctx, actor: SessionUser, id: string, input: { from: "current" | "text"; text?: string }, opts: { textField?: string } = {}) {
  const parsed = input.from === "text" ? parsedOrProblem(input.text ?? "", opts.textField ?? "text") : null;
  const db = ctx.db;
  const [[row], drafts, current] = await db.batch([consultationById(db, id), draftVersionOf(db, id), publishedClausesOfCurrent(ctx, id)]);
  if (!row) throw notFound();
  const c = row.consultation;
  const now = Date.now();
  managerOnly(c, actor, now);
  notAdopted(c);
  if (c.status !== "published" || c.currentVersion === 0) throw problem("consultations.drafting.problem.notPublished");
  if (drafts.length) throw problem("consultations.drafting.problem.draftExists");
  const previous = current.map((r) => r.clause);
  const clauses: EditorClause[] = parsed ? withLineage(parsed, previous) : previous.map((r) => ({ ...toEditor(r), id: crypto.randomUUID() }));
  const versionId = crypto.randomUUID();
  const number = c.currentVersion + 1;
  await guarded(ctx, [
    db.insert(consultationVersions).values({ id: versionId, consultationId: id, number, status: "draft", sourceText: parsed ? (input.text ?? "") : "", clauseCount: clauses.length, createdBy: actor.id, createdAt: now }),
    ...insertClauses(db, versionId, id, clauses.map((clause, position) => ({ clause, position }))),
    touchConsultation(db, id, now),
    auditRecord(db, { actorId: actor.id, action: "consultation.version.create", objectType: "consultation", objectId: id, organiserId: c.organiserId, details: { version: number, from: input.from, clauses: clauses.length } }, now),
  ]);
  return { versionId, number, clauseCount: clauses.length };
}

/** The newest published version's clauses, found through the consultation's current_version. */
const publishedClausesOfCurrent = (ctx: Ctx, id: string) => publishedClausesOf(ctx.db, id, sql`(SELECT current_version FROM consultations WHERE id = ${id})`);

// ---- remarks taken into account --------------------------------------------------------------

/**
 * Which remarks of the previous version this draft clause took into account. Only remarks of this
 * consultation's previous published version, accepted or partly accepted and not deleted, may be
 * named (422 on `remarkIds` otherwise); the clause's links are replaced by the list.
 */
export async function setRemarkLinks(ctx: Ctx, actor: SessionUser, id: string, clauseId: string, remarkIds: string[]) {
  const ids = [...new Set(remarkIds)];
  const db = ctx.db;
  const [[row], drafts, [named], found] = await db.batch([consultationById(db, id), draftVersionOf(db, id), clauseFacts(db, clauseId), remarksByIds(db, ids)]);
  if (!row) throw notFound();
  const c = row.consultation;
  const now = Date.now();
  managerOnly(c, actor, now);
  notAdopted(c);
  if (named && named.consultationId === id && named.versionStatus === "published") throw problem("consultations.drafting.problem.frozen");
  const draft = drafts[0];
  if (!draft) throw problem("consultations.drafting.problem.noDraft");
  if (!named || named.versionId !== draft.id) throw notFound();
  const ok = new Set(found.filter((r) => r.consultationId === id && r.versionNumber === draft.number - 1 && r.status !== "deleted" && (r.disposition === "accepted" || r.disposition === "partly")).map((r) => r.id));
  if (ids.some((r) => !ok.has(r))) throw invalidField("remarkIds", "consultations.drafting.field.notLinkable");
  await guarded(ctx, [
    draftGuard(db, draft.id, null),
    ...replaceLinks(db, clauseId, ids),
    auditRecord(db, { actorId: actor.id, action: "consultation.draft.links", objectType: "consultation", objectId: id, organiserId: c.organiserId, details: { clauseId, remarks: ids.length } }, now),
  ]);
  return { remarkIds: ids };
}

// ---- reading the draft (the editor page and the API) ------------------------------------------

export interface LinkableRemark {
  id: string;
  kind: (typeof remarks.$inferSelect)["kind"];
  body: string;
  proposedText: string | null;
  disposition: "accepted" | "partly";
  /** The clause of the previous version it was left on ("" for the document as a whole). */
  clauseNumber: string | null;
  lineage: string | null;
}

/**
 * The draft with its clauses, each clause's links, and (for `window` of clauses) the remarks of the
 * previous version it may link: those on its own lineage, new_clause remarks on the clause before
 * it, and the whole document's. Two round trips: the draft, then the remarks for its lineages.
 */
export async function showDraft(ctx: Ctx, actor: SessionUser | null, id: string, window?: { from: number; size: number }) {
  const db = ctx.db;
  const [[row], drafts, clauseRows, links] = await db.batch([consultationById(db, id), draftVersionOf(db, id), draftClausesOf(db, id), linksOfDraft(db, id)]);
  if (!row) throw notFound();
  const c = row.consultation;
  const now = Date.now();
  const access = managerOnly(c, actor, now);
  const draft = drafts[0] as VersionRow | undefined;
  const clauses = clauseRows.map((r) => r.clause);
  const linked = new Map<string, string[]>();
  for (const l of links) linked.set(l.clauseId, [...(linked.get(l.clauseId) ?? []), l.remarkId]);
  const from = window ? Math.max(0, Math.min(window.from, Math.max(0, clauses.length - 1))) : 0;
  const shown = window ? clauses.slice(from, from + window.size) : clauses;
  let candidates = new Map<string, LinkableRemark[]>();
  if (draft && draft.number > 1 && shown.length) {
    // The clause before the first one shown also counts: its new_clause remarks belong to the first.
    const lineages = [...new Set([...(from > 0 ? [clauses[from - 1].lineage] : []), ...shown.map((x) => x.lineage)])];
    const [onClauses, whole] = await db.batch([linkableRemarksOnClauses(db, id, draft.number - 1, lineages), linkableWholeDocument(db, id, draft.number - 1)]);
    candidates = candidatesFor(clauses, from, shown.length, onClauses, whole);
  }
  return { row, consultation: c, access, draft: draft ?? null, clauses, from, shown, linked, candidates };
}

export type ShownDraft = Awaited<ReturnType<typeof showDraft>>;

type RemarkRow = typeof remarks.$inferSelect;

const linkable = (r: RemarkRow, clauseNumber: string | null, lineage: string | null): LinkableRemark => ({
  id: r.id,
  kind: r.kind,
  body: r.body,
  proposedText: r.proposedText,
  disposition: r.disposition as "accepted" | "partly",
  clauseNumber,
  lineage,
});

/** Per shown draft clause: remarks on its lineage, new_clause remarks on the clause before it, then the whole document's. */
function candidatesFor(clauses: ClauseRow[], from: number, size: number, onClauses: { remark: RemarkRow; lineage: string; clauseNumber: string }[], whole: { remark: RemarkRow }[]) {
  const byLineage = new Map<string, LinkableRemark[]>();
  for (const r of onClauses) byLineage.set(r.lineage, [...(byLineage.get(r.lineage) ?? []), linkable(r.remark, r.clauseNumber, r.lineage)]);
  const wholeDoc = whole.map((w) => linkable(w.remark, null, null));
  const out = new Map<string, LinkableRemark[]>();
  for (let i = from; i < from + size && i < clauses.length; i++) {
    const own = byLineage.get(clauses[i].lineage) ?? [];
    const before = i > 0 ? (byLineage.get(clauses[i - 1].lineage) ?? []).filter((r) => r.kind === "new_clause") : [];
    const list = [...own, ...before.filter((b) => !own.some((o) => o.id === b.id)), ...wholeDoc];
    if (list.length) out.set(clauses[i].id, list);
  }
  return out;
}

