import type { Ctx } from "../../accounts/service";
import type { SessionUser } from "../../accounts/session-user";
import { decodeNumberIdCursor, encodeKeyCursor } from "../../http/cursor";
import { forbidden, notFound } from "../../http/problem";
import { competitionAccess } from "../access";
import { competitionById, competitionFacts, nominationsOf } from "../data";
import { eligibleExperts, type ExistingAssignment } from "./assignment";
import { assignmentStates, belowMinimum, conflictsOf, expertMemberships, expertsOf, flaggedAssignments, flaggedProgress, progressPage } from "./data";
import { EXPERTS_LIMITS } from "./dto";
import { assignmentInputs, expertItems, expertsWindow } from "./service";

/**
 * The organiser's evaluation page: progress per expert (assigned / draft / submitted) and per entry
 * (experts assigned and submitted, the jury score so far, the spread, the flag), the flagged entries
 * first with the experts who could be added to each, and the entries below the minimum (none yet,
 * or an expert declared a conflict and lost the assignment). ONE round trip: every list is a query
 * of one batch; the entries list is paginated by key (order of entering).
 */

const encodeProgressKey = (e: { createdAt: number; entryId: string }) => encodeKeyCursor([e.createdAt, e.entryId]);
export const decodeProgressKey = (cursor: string | undefined | null) => decodeNumberIdCursor(cursor, 200);

export interface EntryProgress {
  entryId: string;
  title: string;
  nomination: string;
  city: string;
  assigned: number;
  submitted: number;
  juryScore: number | null;
  jurySpread: number | null;
  flagged: boolean;
}

export async function loadEvaluation(ctx: Ctx, actor: SessionUser | null, id: string, after: [number, string] | undefined, now = Date.now()) {
  if (id.length > 64) throw notFound();
  const db = ctx.db;
  const L = EXPERTS_LIMITS;
  const [[row], noms, expertRows, states, flagged, short, page, memberRows, conflictRows, onFlagged] = await db.batch([
    competitionById(db, id),
    nominationsOf(db, id),
    expertsOf(db, id),
    assignmentStates(db, id),
    flaggedProgress(db, id, L.evaluationAttention),
    belowMinimum(db, id, L.evaluationAttention),
    progressPage(db, id, after, L.evaluationPage + 1),
    expertMemberships(db, id),
    conflictsOf(db, id),
    flaggedAssignments(db, id),
  ]);
  if (!row) throw notFound();
  const access = competitionAccess(competitionFacts(row.competition), actor, now);
  if (!access.read) throw notFound();
  if (!access.manage) throw forbidden();
  const c = row.competition;

  const nominationTitle = new Map(noms.map((n) => [n.id, n.title]));
  type Row = (typeof page)[number];
  const progress = (r: Row): EntryProgress => ({
    entryId: r.entryId,
    title: r.title,
    nomination: nominationTitle.get(r.nominationId) ?? "",
    city: r.city,
    assigned: r.assigned,
    submitted: r.submitted,
    juryScore: r.juryScore,
    jurySpread: r.jurySpread,
    flagged: r.flagged,
  });
  const inputs = assignmentInputs({ experts: expertRows, memberships: memberRows, entries: flagged.map((f) => ({ ...f, id: f.entryId })) });
  const declared = inputs.all.filter((x) => x.declared);
  const names = new Map(expertRows.map((x) => [x.userId, x.displayName]));
  const items = page.slice(0, L.evaluationPage);
  const last = items[items.length - 1];
  return {
    competition: c,
    access,
    canAssign: expertsWindow(access).assign,
    experts: expertItems(expertRows, states, false),
    flagged: flagged.map((r, i) => ({
      ...progress(r),
      eligible: eligibleExperts(inputs.entries[i], declared, conflictRows, onFlagged as ExistingAssignment[]).map((x) => ({ userId: x.id, displayName: names.get(x.id) ?? "" })),
    })),
    belowMinimum: short.map(progress),
    entries: items.map(progress),
    next: page.length > L.evaluationPage && last ? encodeProgressKey(last) : null,
    totalEntries: noms.reduce((s, n) => s + n.entryCount, 0),
  };
}
