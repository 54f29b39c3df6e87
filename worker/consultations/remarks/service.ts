import { sql } from "drizzle-orm";
import { formatDateTime, translate, type MessageKey } from "../../../web/i18n";
import type { Ctx } from "../../accounts/service";
import type { SessionUser } from "../../accounts/session-user";
import { auditRecordWhere } from "../../audit";
import { objectHistory } from "../../audit/data";
import { runBatch } from "../../db/client";
import { forbidden, invalid, invalidField, notFound, Problem } from "../../http/problem";
import { getOrganisation, membershipOf, membershipsOfUser } from "../../organisations/data";
import { can } from "../../roles/rules";
import { consultationAccess } from "../access";
import { consultationById, versionByNumber, type ConsultationRow, type VersionRow } from "../data";
import { windowState } from "../window";
import { decodeRemarkCursor, encodeRemarkCursor, type RemarkKey } from "./cursor";
import {
  addSupportGuarded,
  clauseForRemarks,
  clauseRemarksPage,
  counterStatements,
  currentVersionOf,
  deleteRemarkGuarded,
  documentRemarkCount,
  documentRemarksPage,
  insertRemarkGuarded,
  listedRemark,
  recountSupports,
  remarkExists,
  remarkFacts,
  removeSupportGuarded,
  supportStateOf,
  type ListedRemark,
  type RemarkFacts,
} from "./data";
import type { RemarkInputValues } from "./dto";
import { remarkUrl } from "./urls";
import { REMARK_LIMITS, remarkIssues, remarkReadable, remarkRefusal, shownAuthor, type RemarkRefusal, type ShownAuthor } from "./rules";


const isBlocked = (u: SessionUser, now: number) => typeof u.blockedUntil === "number" && u.blockedUntil > now;
const blockedProblem = (u: SessionUser) => new Problem(403, "blocked", "problem.blocked", [], { blockedUntil: new Date(u.blockedUntil!).toISOString() });

type WindowFacts = { status: ConsultationRow["status"]; opensAt: number; closesAt: number; currentVersion: number };

/**
 * Why a remark (or a support, a deletion) is refused, as a problem a person can act on: the title
 * names the reason, `detail` says when the window opens or closed in Moscow time, and the instants
 * travel as ISO 8601 for programs.
 */
export function refusalProblem(locale: Ctx["locale"], refusal: RemarkRefusal, c: WindowFacts, version?: { number: number } | null): Problem {
  const when = (ms: number) => formatDateTime(locale, ms);
  const extra = { opensAt: new Date(c.opensAt).toISOString(), closesAt: new Date(c.closesAt).toISOString() };
  const detail = (key: MessageKey, params: Record<string, string | number>) => translate(locale, key, params);
  switch (refusal) {
    case "upcoming":
      return new Problem(409, "window-upcoming", "consultations.remarks.problem.upcoming", [], { ...extra, detail: detail("consultations.remarks.problem.upcoming.detail", { opens: when(c.opensAt), closes: when(c.closesAt) }) });
    case "closed":
      return new Problem(409, "window-closed", "consultations.remarks.problem.closed", [], { ...extra, detail: detail("consultations.remarks.problem.closed.detail", { opens: when(c.opensAt), closes: when(c.closesAt) }) });
    case "adopted":
      return new Problem(409, "adopted", "consultations.remarks.problem.adopted", [], { ...extra, detail: detail("consultations.remarks.problem.adopted.detail", {}) });
    case "notPublished":
      return new Problem(409, "not-published", "consultations.remarks.problem.notPublished", [], { detail: detail("consultations.remarks.problem.notPublished.detail", {}) });
    case "draftVersion":
      return new Problem(409, "draft-version", "consultations.remarks.problem.draftVersion", [], {
        currentVersion: c.currentVersion,
        detail: detail("consultations.remarks.problem.draftVersion.detail", { current: c.currentVersion }),
      });
    case "supersededVersion":
      return new Problem(409, "superseded-version", "consultations.remarks.problem.supersededVersion", [], {
        currentVersion: c.currentVersion,
        detail: detail("consultations.remarks.problem.supersededVersion.detail", { n: version?.number ?? 0, current: c.currentVersion }),
      });
  }
}

/** Why this person cannot take part (leave, support, delete) whatever the window: 403 problems. */
function assertParticipant(actor: SessionUser, now: number) {
  if (!can(actor, "remark.write")) throw new Problem(403, "email-unconfirmed", "consultations.remarks.problem.confirmEmail");
  if (isBlocked(actor, now)) throw blockedProblem(actor);
}

/**
 * Leave a remark. Checks, in order: the consultation (and clause) readable to this person, the person
 * allowed (e-mail confirmed, not blocked), the consultation taking remarks now on that clause's
 * version, the content (rules.ts), the organisation spoken for. Then ONE batch: the remark — whose
 * INSERT repeats the window and version conditions, so a remark cannot slip in after the close —
 * its audit record (only if the row was written), the three counters and a read-back.
 */
export async function createRemark(ctx: Ctx, actor: SessionUser, consultationId: string, input: RemarkInputValues, now = Date.now()) {
  const { db } = ctx;
  const clauseId = input.clauseId ?? null;
  const organisationId = input.organisationId ?? null;
  const [[c], clauseRows, [version], [organisation], membership] = await db.batch([
    consultationById(db, consultationId),
    clauseForRemarks(db, clauseId ?? ""),
    currentVersionOf(db, consultationId),
    getOrganisation(db, organisationId ?? ""),
    membershipOf(db, organisationId ?? "", actor.id),
  ]);
  if (!c) throw notFound();
  const cons = c.consultation;
  const clause = clauseId ? clauseRows[0] : undefined;
  if (clauseId && (!clause || clause.consultationId !== consultationId)) throw notFound();
  // The version the remark goes to: the clause's, or for the whole document the current one.
  const target = clause ? { id: clause.versionId, number: clause.versionNumber, status: clause.versionStatus } : version ? { id: version.id, number: version.number, status: version.status } : undefined;
  const access = consultationAccess(cons, actor, now, target ? { number: target.number, status: target.status } : undefined);
  if (!access.read) throw notFound();
  assertParticipant(actor, now);
  const refusal = remarkRefusal(cons, access.window, target ? { number: target.number, status: target.status } : null);
  if (refusal || !target) throw refusalProblem(ctx.locale, refusal ?? "notPublished", cons, target);

  const draft = { kind: input.kind, body: input.body, proposedText: input.proposedText, shownAs: input.shownAs, organisationId };
  const issues = remarkIssues(draft, clause ? clause.text : null);
  if (issues.length) throw invalid(issues);
  if (organisationId) {
    if (!organisation) throw invalidField("organisationId", "field.invalidChoice");
    if (membership[0]?.status !== "confirmed") throw new Problem(403, "not-member", "consultations.remarks.problem.notMember", [{ field: "organisationId", code: "consultations.remarks.problem.notMember" }]);
  }

  const id = crypto.randomUUID();
  const proposing = input.kind === "wording" || input.kind === "new_clause";
  const results = await runBatch(db, [
    insertRemarkGuarded(db, {
      id,
      consultationId,
      versionId: target.id,
      clauseId: clause ? clause.id : null,
      clausePosition: clause ? clause.position : -1,
      organiserId: cons.organiserId,
      authorId: actor.id,
      organisationId,
      shownAs: input.shownAs,
      kind: input.kind,
      body: input.body,
      proposedText: proposing ? input.proposedText : null,
      createdAt: now,
    }),
    auditRecordWhere(
      db,
      { actorId: actor.id, action: "remark.create", objectType: "remark", objectId: id, organiserId: cons.organiserId, details: { consultationId, clauseId, kind: input.kind, shownAs: input.shownAs } },
      sql`EXISTS (SELECT 1 FROM remarks WHERE id = ${id})`,
      now,
    ),
    ...counterStatements(db, { consultationId, versionId: target.id, clauseId: clause ? clause.id : null }),
    remarkExists(db, id),
  ]);
  const written = results[results.length - 1] as unknown[];
  if (written.length === 0) {
    // The window closed, moved, or a new version came out between the check and the write.
    const [again] = await consultationById(db, consultationId);
    const cc = again?.consultation ?? cons;
    const why = remarkRefusal(cc, windowState(cc, now), { number: target.number, status: target.status });
    throw refusalProblem(ctx.locale, why ?? "closed", cc, target);
  }
  return { id, url: remarkUrl(consultationId, id) };
}

/** A remark and what decisions about it need; 404 unless this viewer may read it. */
async function loadReadable(ctx: Ctx, viewer: SessionUser | null, id: string) {
  const [f] = await remarkFacts(ctx.db, id);
  if (!f) throw notFound();
  const access = accessOf(f, viewer, Date.now());
  if (!access.read || !remarkReadable(f.status, { isAuthor: viewer?.id === f.authorId, isModerator: access.isModerator })) throw notFound();
  return { f, access };
}

const accessOf = (f: RemarkFacts, viewer: SessionUser | null, now: number) =>
  consultationAccess(
    { organiserId: f.organiserId, status: f.consultationStatus, opensAt: f.opensAt, closesAt: f.closesAt, currentVersion: f.currentVersion },
    viewer,
    now,
    { number: f.versionNumber, status: f.versionStatus },
  );

const windowFacts = (f: RemarkFacts): WindowFacts => ({ status: f.consultationStatus, opensAt: f.opensAt, closesAt: f.closesAt, currentVersion: f.currentVersion });

/**
 * The author takes their remark back, only while the window is open (afterwards the organiser is
 * deciding on it): status deleted, texts cleared, replies kept, counters recounted, audited — one
 * batch, guarded by the window. Nobody else may (403); deleting twice changes nothing. No editing:
 * what others supported and answered stays what they read.
 */
export async function deleteRemark(ctx: Ctx, actor: SessionUser, id: string, now = Date.now()) {
  const { f } = await loadReadable(ctx, actor, id);
  if (f.authorId !== actor.id) throw forbidden();
  if (f.status === "deleted") return { id, url: remarkUrl(f.consultationId, id) };
  const refusal = remarkRefusal({ status: f.consultationStatus, currentVersion: f.currentVersion }, windowState(f, now), { number: f.versionNumber, status: f.versionStatus });
  if (refusal) throw refusalProblem(ctx.locale, refusal, windowFacts(f), { number: f.versionNumber });
  const { db } = ctx;
  const [deleted] = await db.batch([
    deleteRemarkGuarded(db, { id, authorId: actor.id, consultationId: f.consultationId, versionId: f.versionId }, now),
    auditRecordWhere(
      db,
      { actorId: actor.id, action: "remark.delete", objectType: "remark", objectId: id, organiserId: f.organiserId, details: { consultationId: f.consultationId, clauseId: f.clauseId } },
      sql`changes() = 1`,
      now,
    ),
    ...counterStatements(db, { consultationId: f.consultationId, versionId: f.versionId, clauseId: f.clauseId }),
  ]);
  if (deleted.length === 0) {
    const [again] = await remarkFacts(db, id);
    if (again?.status === "deleted") return { id, url: remarkUrl(f.consultationId, id) };
    throw refusalProblem(ctx.locale, "closed", again ? windowFacts(again) : windowFacts(f));
  }
  return { id, url: remarkUrl(f.consultationId, id) };
}

/**
 * Support (on) or take back (off): once per person (the primary key), not one's own remark, only on a
 * visible remark while the window is open. "Write if allowed, recount from the rows, read back" in one
 * batch, so the counter is exact however many requests race.
 */
export async function setSupport(ctx: Ctx, actor: SessionUser, id: string, on: boolean, now = Date.now()) {
  const { f } = await loadReadable(ctx, actor, id);
  if (!can(actor, "remark.support")) throw new Problem(403, "email-unconfirmed", "consultations.remarks.problem.confirmEmail");
  if (isBlocked(actor, now)) throw blockedProblem(actor);
  if (f.authorId === actor.id) throw new Problem(403, "own-remark", "consultations.remarks.problem.ownSupport");
  const refusal = remarkRefusal({ status: f.consultationStatus, currentVersion: f.currentVersion }, windowState(f, now), { number: f.versionNumber, status: f.versionStatus });
  if (refusal) throw refusalProblem(ctx.locale, refusal, windowFacts(f), { number: f.versionNumber });
  if (f.status !== "visible") throw new Problem(409, "conflict", "consultations.remarks.problem.notSupportable");
  const { db } = ctx;
  const g = { remarkId: id, userId: actor.id, consultationId: f.consultationId, versionId: f.versionId };
  const [, , [state]] = await db.batch([on ? addSupportGuarded(db, g, now) : removeSupportGuarded(db, g, now), recountSupports(db, id), supportStateOf(db, id, actor.id)]);
  const supported = !!state?.mine;
  // The guard refused (the window closed or the remark was hidden in between): say why.
  if (supported !== on) {
    const [again] = await remarkFacts(db, id);
    const why = again && remarkRefusal({ status: again.consultationStatus, currentVersion: again.currentVersion }, windowState(again, now), { number: again.versionNumber, status: again.versionStatus });
    if (why) throw refusalProblem(ctx.locale, why, windowFacts(again!), { number: again!.versionNumber });
    throw new Problem(409, "conflict", "consultations.remarks.problem.notSupportable");
  }
  return { supported, supportCount: state?.supportCount ?? 0 };
}

// ——— Reading ———

/** A remark as the API and the pages show it. Texts of deleted remarks are gone; an anonymous author has no name. */
export interface RemarkShown {
  id: string;
  consultationId: string;
  versionNumber: number;
  clauseId: string | null;
  clauseNumber: string | null;
  kind: ListedRemark["kind"];
  status: ListedRemark["status"];
  body: string | null;
  proposedText: string | null;
  author: ShownAuthor | null;
  supportCount: number;
  replyCount: number;
  createdAt: number;
  disposition: ListedRemark["disposition"];
  /** Only once the summary of the remark's version is published. */
  dispositionReason: string | null;
  supportedByMe: boolean;
  mine: boolean;
}

export function shownRemark(r: ListedRemark, ctx: { versionNumber: number; clauseNumber: string | null; summaryPublished: boolean; viewerId: string | null }): RemarkShown {
  const deleted = r.status === "deleted";
  return {
    id: r.id,
    consultationId: r.consultationId,
    versionNumber: ctx.versionNumber,
    clauseId: r.clauseId,
    clauseNumber: ctx.clauseNumber,
    kind: r.kind,
    status: r.status,
    body: deleted ? null : r.body,
    proposedText: deleted ? null : r.proposedText,
    author: deleted ? null : shownAuthor(r),
    supportCount: r.supportCount,
    replyCount: r.replyCount,
    createdAt: r.createdAt,
    disposition: r.disposition,
    dispositionReason: ctx.summaryPublished ? r.dispositionReason : null,
    supportedByMe: !!r.supportedByMe,
    mine: ctx.viewerId !== null && r.authorId === ctx.viewerId,
  };
}

/** The organisations this person may speak for (confirmed memberships), for the form. */
const confirmedOrganisations = (rows: Awaited<ReturnType<typeof membershipsOfUser>>) =>
  rows.filter((m) => m.status === "confirmed").map((m) => ({ id: m.organisationId, name: m.organisationName }));

/** What a page needs to say whether this viewer may leave a remark here, and if not, why. */
function participation(cons: ConsultationRow, version: Pick<VersionRow, "number" | "status"> | null, viewer: SessionUser | null, now: number) {
  const access = consultationAccess(cons, viewer, now, version ?? undefined);
  const refusal = remarkRefusal(cons, access.window, version);
  const person: "signIn" | "confirm" | "blocked" | null = !viewer ? "signIn" : isBlocked(viewer, now) ? "blocked" : !can(viewer, "remark.write") ? "confirm" : null;
  return { access, refusal, person, canRemark: refusal === null && person === null && access.remark };
}

/** One page of a remark list read with one row more than `size` (so a next page is known without counting), as shown. */
function pageOf<R extends RemarkKey, S>(page: R[], size: number, after: RemarkKey | undefined, show: (r: R) => S) {
  const items = page.slice(0, size);
  const last = items[items.length - 1];
  return { items: items.map(show), next: page.length > size && last ? encodeRemarkCursor(last) : null, isFirstPage: !after };
}

/**
 * A clause's page (and its API list): the consultation, the clause with its version, one page of its
 * visible remarks with their authors and the viewer's supports, and the organisations the viewer may
 * speak for — ONE batch, one D1 round trip.
 */
export async function clausePage(ctx: Ctx, viewer: SessionUser | null, consultationId: string, clauseId: string, opts: { after?: string | null } = {}) {
  const { db } = ctx;
  const viewerId = viewer?.id ?? null;
  const after = decodeRemarkCursor(opts.after);
  const size = REMARK_LIMITS.pageSize;
  const [[c], [cv], page, memberships] = await db.batch([
    consultationById(db, consultationId),
    clauseForRemarks(db, clauseId),
    clauseRemarksPage(db, clauseId, { after, limit: size + 1, viewerId }),
    membershipsOfUser(db, viewerId ?? ""),
  ]);
  if (!c || !cv || cv.consultationId !== consultationId) throw notFound();
  const now = Date.now();
  const p = participation(c.consultation, { number: cv.versionNumber, status: cv.versionStatus }, viewer, now);
  if (!p.access.read) throw notFound();
  return {
    consultation: c.consultation,
    organiserName: { ru: c.organiserNameRu, en: c.organiserNameEn },
    clause: cv,
    ...pageOf(page, size, after, (r) => shownRemark(r, { versionNumber: cv.versionNumber, clauseNumber: cv.number, summaryPublished: cv.summaryPublishedAt !== null, viewerId })),
    organisations: confirmedOrganisations(memberships),
    ...p,
  };
}

/**
 * The remarks on the document as a whole of one version (`version`, default the current one): the
 * consultation, the version, one page of remarks and the viewer's organisations — one round trip.
 */
export async function documentPage(ctx: Ctx, viewer: SessionUser | null, consultationId: string, opts: { version?: number; after?: string | null } = {}) {
  const { db } = ctx;
  const viewerId = viewer?.id ?? null;
  const after = decodeRemarkCursor(opts.after);
  const size = REMARK_LIMITS.pageSize;
  const number = opts.version === undefined ? sql`(SELECT current_version FROM consultations WHERE id = ${consultationId})` : sql`${opts.version}`;
  const versionId = sql`(SELECT id FROM consultation_versions WHERE consultation_id = ${consultationId} AND number = ${number})`;
  const [[c], [version], page, [counted], memberships] = await db.batch([
    consultationById(db, consultationId),
    opts.version === undefined ? currentVersionOf(db, consultationId) : versionByNumber(db, consultationId, opts.version),
    documentRemarksPage(db, versionId, { after, limit: size + 1, viewerId }),
    documentRemarkCount(db, versionId),
    membershipsOfUser(db, viewerId ?? ""),
  ]);
  if (!c || !version) throw notFound();
  const now = Date.now();
  const p = participation(c.consultation, version, viewer, now);
  if (!p.access.read) throw notFound();
  return {
    consultation: c.consultation,
    organiserName: { ru: c.organiserNameRu, en: c.organiserNameEn },
    version: version as VersionRow,
    count: counted?.n ?? 0,
    ...pageOf(page, size, after, (r) => shownRemark(r, { versionNumber: version.number, clauseNumber: null, summaryPublished: version.summaryPublishedAt !== null, viewerId })),
    organisations: confirmedOrganisations(memberships),
    ...p,
  };
}

/**
 * One remark for its page and `GET /remarks/{id}`: the remark, the facts around it, and — for its
 * author and the organiser's moderators — the moderator's reason when it is hidden. One round trip.
 */
export async function showRemark(ctx: Ctx, viewer: SessionUser | null, id: string) {
  const { db } = ctx;
  const viewerId = viewer?.id ?? null;
  const [[r], [f], history] = await db.batch([listedRemark(db, id, viewerId), remarkFacts(db, id), objectHistory(db, "remark", id)]);
  if (!r || !f) throw notFound();
  const now = Date.now();
  const access = accessOf(f, viewer, now);
  const isAuthor = viewerId !== null && f.authorId === viewerId;
  if (!access.read || !remarkReadable(f.status, { isAuthor, isModerator: access.isModerator })) throw notFound();
  const refusal = remarkRefusal({ status: f.consultationStatus, currentVersion: f.currentVersion }, access.window, { number: f.versionNumber, status: f.versionStatus });
  const hide = [...history].reverse().find((h) => h.action === "remark.hide");
  return {
    remark: shownRemark(r, { versionNumber: f.versionNumber, clauseNumber: f.clauseNumber, summaryPublished: f.summaryPublishedAt !== null, viewerId }),
    facts: f,
    access,
    refusal,
    isAuthor,
    hiddenReason: f.status === "hidden" && hide ? hide.reason : null,
    canSupport: access.remark && refusal === null && !isAuthor && f.status === "visible",
    canDelete: isAuthor && f.status !== "deleted" && refusal === null,
  };
}

export type ClausePageData = Awaited<ReturnType<typeof clausePage>>;
export type DocumentPageData = Awaited<ReturnType<typeof documentPage>>;
export type ShownRemarkPage = Awaited<ReturnType<typeof showRemark>>;
