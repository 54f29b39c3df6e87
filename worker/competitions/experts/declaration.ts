import type { Ctx } from "../../accounts/service";
import type { SessionUser } from "../../accounts/session-user";
import { auditRecordWhere } from "../../audit";
import { runBatch } from "../../db/client";
import { forbidden, invalid, notFound, type FieldIssue } from "../../http/problem";
import { competitionAccess } from "../access";
import { competitionById, competitionFacts, expertRowOf, nominationsOf } from "../data";
import { conflictOf, declaredSet, type ConflictKind } from "./assignment";
import { admittedEntries, assignmentsOfExpert, confirmedMembershipsOf, conflictsOf, declarationStatements, declareStatement, EXPERT_STAGES, inStages, recountExperts } from "./data";
import { EXPERTS_LIMITS, type DeclarationValues } from "./dto";
import { closedProblem, expertsWindow } from "./service";

/**
 * The expert's declaration of conflicts of interest: they confirm their city and tick the admitted
 * entries they have a conflict with (a reason each, optional), or declare that they have none. Only
 * then are they given entries. The declaration can change until the evaluation stage ends; a conflict
 * on an entry already assigned to them and not yet submitted takes that assignment away (with its
 * draft scores) in the same batch — the entry may fall below the minimum, which the organiser's
 * evaluation page shows. A conflict on an entry they have already submitted a score for is refused:
 * a submitted score is final, and the organiser has to be told another way.
 */

export interface DeclarationEntry {
  id: string;
  title: string;
  nominationId: string;
  city: string;
  /** An automatic conflict (own entry, organisation, city), or null. */
  automatic: Exclude<ConflictKind, "declared"> | null;
  declared: boolean;
  reason: string;
  /** The expert's assignment state on this entry, or null. */
  assignment: "assigned" | "draft" | "submitted" | null;
}

/** The declaration page's data (one round trip): 404 unless readable, 403 unless the viewer is an expert of this competition. */
export async function loadDeclaration(ctx: Ctx, viewer: SessionUser, id: string, now = Date.now()) {
  if (id.length > 64) throw notFound();
  const db = ctx.db;
  const [[row], [expert], noms, entryRows, declared, mine, orgs] = await db.batch([
    competitionById(db, id),
    expertRowOf(db, id, viewer.id),
    nominationsOf(db, id),
    admittedEntries(db, id, EXPERTS_LIMITS.declarationEntries + 1),
    conflictsOf(db, id, viewer.id),
    assignmentsOfExpert(db, id, viewer.id),
    confirmedMembershipsOf(db, viewer.id),
  ]);
  if (!row) throw notFound();
  const access = competitionAccess(competitionFacts(row.competition), viewer, now, expert !== undefined);
  if (!access.read) throw notFound();
  if (!access.isExpert || !expert) throw forbidden();
  const reasons = new Map(declared.map((d) => [d.entryId, d.reason]));
  const states = new Map(mine.map((a) => [a.entryId, a.status]));
  const me = { id: viewer.id, city: expert.city, organisationIds: orgs.map((o) => o.organisationId) };
  const none = declaredSet([]);
  const entries: DeclarationEntry[] = entryRows.slice(0, EXPERTS_LIMITS.declarationEntries).map((e) => ({
    id: e.id,
    title: e.title,
    nominationId: e.nominationId,
    city: e.city,
    automatic: conflictOf(e, me, none) as DeclarationEntry["automatic"],
    declared: reasons.has(e.id),
    reason: reasons.get(e.id) ?? "",
    assignment: states.get(e.id) ?? null,
  }));
  return {
    competition: row.competition,
    access,
    canDeclare: expertsWindow(access).declare,
    expert,
    nominations: noms,
    entries,
    more: entryRows.length > EXPERTS_LIMITS.declarationEntries,
  };
}

/**
 * Writes the declaration: the city, declared_at, the set of conflicts (replacing the previous one),
 * the removal of newly conflicting unsubmitted assignments and the expert's counters, and the audit
 * record — one batch under the stage guard. Returns the entries whose assignment was taken away.
 */
export async function declare(ctx: Ctx, viewer: SessionUser, id: string, input: DeclarationValues, now = Date.now()) {
  if (id.length > 64) throw notFound();
  const db = ctx.db;
  const [[row], [expert], entryRows, mine] = await db.batch([competitionById(db, id), expertRowOf(db, id, viewer.id), admittedEntries(db, id), assignmentsOfExpert(db, id, viewer.id)]);
  if (!row) throw notFound();
  const access = competitionAccess(competitionFacts(row.competition), viewer, now, expert !== undefined);
  if (!access.read) throw notFound();
  if (!access.isExpert || !expert) throw forbidden();
  if (!expertsWindow(access).declare) throw closedProblem("declare");

  const admitted = new Set(entryRows.map((e) => e.id));
  const submitted = new Set(mine.filter((a) => a.status === "submitted").map((a) => a.entryId));
  const issues: FieldIssue[] = [];
  const list = new Map<string, string>();
  input.conflicts.forEach((c, i) => {
    if (!admitted.has(c.entryId)) issues.push({ field: `conflicts.${i}.entryId`, code: "competitions.experts.field.unknownEntry" });
    else if (submitted.has(c.entryId)) issues.push({ field: `conflicts.${i}.entryId`, code: "competitions.experts.field.alreadyScored" });
    else list.set(c.entryId, c.reason ?? "");
  });
  if (issues.length) throw invalid(issues);

  const conflictsList = [...list].map(([entryId, reason]) => ({ entryId, reason }));
  const c = row.competition;
  const [declaredRows, , , , removed] = await runBatch(db, [
    declareStatement(db, { competitionId: id, userId: viewer.id, city: input.city, now }),
    ...declarationStatements(db, { competitionId: id, userId: viewer.id, list: conflictsList, now }),
    recountExperts(db, id, viewer.id),
    auditRecordWhere(
      db,
      {
        actorId: viewer.id,
        action: "competition.conflicts.declare",
        objectType: "competition",
        objectId: id,
        organiserId: c.organiserId,
        details: { city: input.city, conflicts: conflictsList.map((x) => x.entryId) },
      },
      inStages(id, EXPERT_STAGES, now),
      now,
    ),
  ]) as [unknown[], unknown, unknown, unknown, { entryId: string }[]];
  if (declaredRows.length === 0) throw closedProblem("declare");
  return { declaredAt: now, conflicts: conflictsList.length, removedAssignments: removed.map((r) => r.entryId) };
}
