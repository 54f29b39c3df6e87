import { sql } from "drizzle-orm";
import { formatDateTime, translate } from "../../../web/i18n";
import type { Ctx } from "../../accounts/service";
import type { SessionUser } from "../../accounts/session-user";
import { listAttachmentsStatement, toAttachmentView } from "../../attachments";
import { auditRecordWhere } from "../../audit";
import { decodeKeyCursor, encodeKeyCursor } from "../../http/cursor";
import { forbidden, invalid, notFound, Problem } from "../../http/problem";
import { blockedProblem, competitionAccess, isBlocked, type CompetitionAccess } from "../access";
import { competitionFacts, type CompetitionRow, type CriterionRow } from "../data";
import type { AssignmentStatus } from "../schema";
import { stageBounds } from "../stages";
import {
  assignmentOf,
  competitionRow,
  criteriaRows,
  entryFactsOf,
  entryRow,
  expertRow,
  refOf,
  submittedTotalsOf,
  markDraft,
  markSubmitted,
  recountSubmitted,
  replaceScores,
  reviewCounts,
  reviewListPage,
  scoresOf,
  sheetGuard,
  sheetState,
  submittedScoresOf,
  submittedSheetsOf,
  writeJuryFacts,
  type ReviewKey,
  type SheetTarget,
} from "./data";
import { expertTotal, juryFacts, reviewState, SCORING_LIMITS, sheetIssues, sheetRows, type CriterionRule, type JuryFacts, type ReviewState, type Sheet, type SheetMode } from "./rules";

/**
 * Expert scoring: an expert's list of assigned entries, one entry with the scoring form, saving a
 * draft and submitting (final). Who may see whose scores is decided here, in one place
 * (`visibleSheets`): an expert sees their own sheet; other experts' submitted sheets only after the
 * evaluation stage has ended (`access.seeAllScores`), numbered, without names; the organiser sees
 * every submitted sheet with the experts' names at any time but never writes one.
 */

const ruleOf = (c: CriterionRow): CriterionRule => ({ id: c.id, weight: c.weight, scaleMin: c.scaleMin, scaleMax: c.scaleMax, commentBelow: c.commentBelow });


export interface ScoreView {
  criterionId: string;
  score: number;
  comment: string;
}

/** A submitted sheet as shown: numbered in submission order; the name only for the organiser. */
export interface SheetView {
  number: number;
  name: string | null;
  mine: boolean;
  total: number | null;
  submittedAt: number | null;
  scores: ScoreView[];
}

export interface MySheet {
  status: AssignmentStatus;
  total: number | null;
  submittedAt: number | null;
  scores: ScoreView[];
}

/**
 * Whose submitted sheets this viewer may read: all of them, named, for the organiser (manage); all
 * of them, numbered and unnamed, for an assigned expert once the evaluation stage has ended; none
 * otherwise (null). Experts read each other as «Эксперт 1, 2, 3»: the scores are public within the
 * jury after the stage, but names would invite pressure on and arguments with a colleague who
 * scored low; the organiser, who answers for the jury, knows who is who.
 */
function visibleSheets(
  access: Pick<CompetitionAccess, "manage" | "seeAllScores">,
  assigned: boolean,
  viewerId: string,
  sheets: { expertId: string; expertName: string | null; total: number | null; submittedAt: number | null }[],
  scoreRows: { expertId: string; criterionId: string; score: number; comment: string }[],
): SheetView[] | null {
  const named = access.manage;
  if (!named && !(assigned && access.seeAllScores)) return null;
  return sheets.map((s, i) => ({
    number: i + 1,
    name: named ? (s.expertName ?? "") : null,
    mine: s.expertId === viewerId,
    total: s.total,
    submittedAt: s.submittedAt,
    scores: scoreRows.filter((r) => r.expertId === s.expertId).map((r) => ({ criterionId: r.criterionId, score: r.score, comment: r.comment })),
  }));
}

/**
 * Everything about one entry's review for this viewer, in one round trip: the competition, its
 * criteria, the viewer's expert row and assignment and sheet, the entry with its nomination and
 * files, and the submitted sheets (kept only where `visibleSheets` allows). 404 unless the viewer is
 * an expert assigned to the entry, or the organiser.
 */
export async function reviewEntry(ctx: Ctx, viewer: SessionUser, competitionId: string | null, entryId: string, now = Date.now()) {
  const { db } = ctx;
  const ref = refOf(competitionId, entryId);
  const [[c], crit, expertRows, [entry], [assignment], myScores, sheets, sheetScores, files] = await db.batch([
    competitionRow(db, ref),
    criteriaRows(db, ref),
    expertRow(db, ref, viewer.id),
    entryRow(db, entryId),
    assignmentOf(db, entryId, viewer.id),
    scoresOf(db, entryId, viewer.id),
    submittedSheetsOf(db, entryId),
    submittedScoresOf(db, entryId),
    listAttachmentsStatement(db, "entry", entryId),
  ]);
  if (!c || !entry || entry.competitionId !== c.id) throw notFound();
  const access = competitionAccess(competitionFacts(c), viewer, now, expertRows.length > 0);
  const assigned = access.isExpert && assignment !== undefined && assignment.competitionId === c.id;
  if (!access.read || !(assigned || access.manage)) throw notFound();
  const visible = visibleSheets(access, assigned, viewer.id, sheets, sheetScores);
  const jury: JuryFacts | null = visible ? { experts: entry.juryExperts, score: entry.juryScore, spread: entry.jurySpread, flagged: entry.flagged } : null;
  const mine: MySheet | null = assigned ? { status: assignment!.status, total: assignment!.total, submittedAt: assignment!.submittedAt, scores: myScores } : null;
  const live = entry.status === "admitted" && entry.hiddenAt === null;
  return {
    competition: c,
    criteria: crit,
    entry,
    files: files.map(toAttachmentView),
    access,
    assigned,
    mine,
    sheets: visible,
    jury,
    /** The form is offered: an assigned expert, in the evaluation stage, not blocked, the sheet not yet submitted, the entry still in the competition. */
    canScore: assigned && access.score && mine!.status !== "submitted" && live,
  };
}

// ——— The expert's list ———

const REVIEW_CURSOR_MAX = 120;
const STATUSES: readonly AssignmentStatus[] = ["assigned", "draft", "submitted"];
const encodeReviewKey = (k: ReviewKey) => encodeKeyCursor([k.status, k.seq]);
function decodeReviewKey(cursor: string | null | undefined): ReviewKey | undefined {
  const [status, seq] = decodeKeyCursor(cursor, REVIEW_CURSOR_MAX) ?? [];
  return STATUSES.includes(status as AssignmentStatus) && Number.isSafeInteger(seq) ? { status: status as AssignmentStatus, seq: seq as number } : undefined;
}

export interface ReviewItem {
  entryId: string;
  title: string;
  city: string;
  nominationTitle: string;
  state: ReviewState;
  total: number | null;
  submittedAt: number | null;
  /** Withdrawn, rejected or hidden since it was assigned: nothing to score any more. */
  gone: boolean;
}

/**
 * The expert's assigned entries: to do first, then drafts, then submitted, each in the order given;
 * 20 a page by key. 404 when the competition is unknown or not readable; 403 for anyone who is not
 * its expert (the organiser follows progress on the evaluation page).
 */
export async function reviewList(ctx: Ctx, viewer: SessionUser, competitionId: string, opts: { after?: string | null } = {}, now = Date.now()) {
  const { db } = ctx;
  const after = decodeReviewKey(opts.after);
  const size = SCORING_LIMITS.pageSize;
  const [[c], expertRows, page, counted] = await db.batch([
    competitionRow(db, competitionId),
    expertRow(db, competitionId, viewer.id),
    reviewListPage(db, competitionId, viewer.id, { after, limit: size + 1 }),
    reviewCounts(db, competitionId, viewer.id),
  ]);
  if (!c) throw notFound();
  const access = competitionAccess(competitionFacts(c), viewer, now, expertRows.length > 0);
  if (!access.read) throw notFound();
  if (!access.isExpert) throw forbidden();
  const rows = page.slice(0, size);
  const last = rows[rows.length - 1];
  const counts = { todo: 0, draft: 0, submitted: 0 } as Record<ReviewState, number>;
  for (const r of counted) counts[reviewState(r.status)] += r.n;
  return {
    competition: c,
    access,
    counts,
    items: rows.map(
      (r): ReviewItem => ({
        entryId: r.entryId,
        title: r.title,
        city: r.city,
        nominationTitle: r.nominationTitle,
        state: reviewState(r.reviewStatus),
        total: r.total,
        submittedAt: r.submittedAt,
        gone: r.entryStatus !== "admitted" || r.hiddenAt !== null,
      }),
    ),
    next: page.length > size && last ? encodeReviewKey({ status: last.reviewStatus, seq: last.seq }) : null,
    isFirstPage: !after,
  };
}

// ——— Writing a sheet ———

/** Why the stage refuses a write: when the evaluation opens or closed, in Moscow time (and ISO 8601 for programs). */
function stageProblem(locale: Ctx["locale"], c: CompetitionRow, now: number) {
  const { start, end } = stageBounds(competitionFacts(c), "evaluation");
  const upcoming = c.status !== "published" || now < start!;
  const params = { opens: formatDateTime(locale, start!), closes: formatDateTime(locale, end!) };
  return new Problem(409, upcoming ? "evaluation-upcoming" : "evaluation-closed", upcoming ? "competitions.scoring.problem.upcoming" : "competitions.scoring.problem.closed", [], {
    opensAt: new Date(start!).toISOString(),
    closesAt: new Date(end!).toISOString(),
    detail: translate(locale, "competitions.scoring.problem.stage.detail", params),
  });
}

const alreadySubmitted = () => new Problem(409, "already-submitted", "competitions.scoring.problem.submitted");
const entryGone = () => new Problem(409, "entry-gone", "competitions.scoring.problem.entryGone");
const organiserReadOnly = () => new Problem(403, "read-only", "competitions.scoring.problem.readOnly");

/** How many times a submit is tried again when another expert's submit of the same entry came in between its read and its write. */
const SUBMIT_ATTEMPTS = 5;

export interface SavedSheet {
  entryId: string;
  competitionId: string;
  status: AssignmentStatus;
  total: number | null;
  submittedAt: number | null;
}

/**
 * Save a draft (`mode` "draft": the sheet replaces the saved one, partial allowed) or submit
 * (`mode` "submit": complete, final). Checks, in order: the entry and competition exist and the
 * viewer is an expert assigned to it (else 404; the organiser gets 403 — they read, never write),
 * not blocked, the sheet not yet submitted (409), the evaluation stage (409 with the dates), the
 * entry still in the competition (409), the sheet itself (422, field by field). Then ONE batch:
 * the scores replaced, the assignment marked — each under `sheetGuard`, so a write at the closing
 * instant or after a concurrent submit changes nothing — the audit record if the assignment changed,
 * and for a submit the expert's counter and the entry's jury facts.
 *
 * Jury facts are computed in TypeScript (rules.ts `juryFacts`: exact decimal arithmetic, halves away
 * from zero) from the submitted totals read before the batch plus this one; SQLite's AVG and ROUND
 * work in binary floating point and cannot promise that rule. So the submit is guarded on the entry
 * still having exactly the submitted sheets that were read: if another expert's submit came in
 * between, nothing is written and the submit is read and tried again.
 */
export async function saveSheet(
  ctx: Ctx,
  actor: SessionUser,
  competitionId: string | null,
  entryId: string,
  sheet: Sheet,
  mode: SheetMode,
  now = Date.now(),
  /** `unconfirmed`: the page's box "submitted scores are final" was not ticked (reported with the sheet's own problems). */
  opts: { unconfirmed?: boolean } = {},
): Promise<SavedSheet> {
  const { db } = ctx;
  const ref = refOf(competitionId, entryId);
  for (let attempt = 0; attempt < SUBMIT_ATTEMPTS; attempt++) {
    const [[c], crit, expertRows, [entry], [assignment], submitted] = await db.batch([
      competitionRow(db, ref),
      criteriaRows(db, ref),
      expertRow(db, ref, actor.id),
      entryFactsOf(db, entryId),
      assignmentOf(db, entryId, actor.id),
      submittedTotalsOf(db, entryId),
    ]);
    if (!c || !entry || entry.competitionId !== c.id) throw notFound();
    const access = competitionAccess(competitionFacts(c), actor, now, expertRows.length > 0);
    const assigned = access.isExpert && assignment !== undefined && assignment.competitionId === c.id;
    if (!access.read) throw notFound();
    if (!assigned) throw access.manage ? organiserReadOnly() : notFound();
    if (isBlocked(actor, now)) throw blockedProblem(actor);
    if (assignment!.status === "submitted") throw alreadySubmitted();
    if (access.stage !== "evaluation") throw stageProblem(ctx.locale, c, now);
    if (entry.status !== "admitted" || entry.hiddenAt !== null) throw entryGone();
    const rules = crit.map(ruleOf);
    const issues = sheetIssues(rules, sheet, mode);
    if (opts.unconfirmed) issues.push({ field: "confirmFinal", code: "competitions.scoring.field.confirmFinal" });
    if (issues.length) throw invalid(issues);

    const t: SheetTarget = { entryId, expertId: actor.id, competitionId: c.id };
    const rows = sheetRows(rules, sheet);
    const audit = (action: string, details: Record<string, unknown>) =>
      auditRecordWhere(
        db,
        { actorId: actor.id, action, objectType: "competition_assignment", objectId: `${entryId}:${actor.id}`, organiserId: c.organiserId, details: { competitionId: c.id, entryId, ...details } },
        // Right after the assignment's UPDATE: written only if that changed the row.
        sql`changes() = 1`,
        now,
      );

    if (mode === "draft") {
      const guard = sheetGuard(t, now);
      const [, , marked] = await db.batch([...replaceScores(db, t, rows, now, guard), markDraft(db, t, now, guard), audit("competition.scores.draft", { scored: rows.length })]);
      if (marked.length === 1) return { entryId, competitionId: c.id, status: "draft", total: null, submittedAt: null };
      continue; // The stage closed, the sheet was submitted meanwhile…: the next read says which.
    }

    const total = expertTotal(rules, Object.fromEntries(rows.map((r) => [r.criterionId, r.score])));
    if (total === null) throw invalid([{ field: "scores", code: "competitions.scoring.field.noCriteria" }]);
    const facts = juryFacts([...submitted.map((s) => s.total ?? 0), total], { precision: c.precision, spreadThreshold: c.spreadThreshold });
    const guard = sheetGuard(t, now, submitted.length);
    const [, , marked, , , , [state]] = await db.batch([
      ...replaceScores(db, t, rows, now, guard),
      markSubmitted(db, t, total, now, guard),
      audit("competition.scores.submit", { total }),
      recountSubmitted(db, c.id, actor.id),
      writeJuryFacts(db, { entryId, expertId: actor.id, total, count: submitted.length + 1, ...facts }),
      sheetState(db, entryId, actor.id),
    ]);
    if (marked.length === 1) return { entryId, competitionId: c.id, status: "submitted", total: state?.total ?? total, submittedAt: state?.submittedAt ?? now };
    // Not written: submitted meanwhile (by another request of this expert), the stage closed, or
    // another expert's submit changed the set the facts were computed from — read again and see.
  }
  throw new Problem(409, "busy", "competitions.scoring.problem.busy");
}

// ——— Reading scores (the API) ———

/** The viewer's own sheet and whatever other sheets they may read, for `GET /entries/{id}/scores`. */
export async function scoresForViewer(ctx: Ctx, viewer: SessionUser, entryId: string, now = Date.now()) {
  const r = await reviewEntry(ctx, viewer, null, entryId, now);
  return { entryId, competitionId: r.competition.id, mine: r.mine, sheets: r.sheets, jury: r.jury, canScore: r.canScore };
}
