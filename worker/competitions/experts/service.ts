import type { Ctx } from "../../accounts/service";
import type { SessionUser } from "../../accounts/session-user";
import { auditRecordWhere } from "../../audit";
import { runBatch, type Statement } from "../../db/client";
import { conflict, forbidden, invalidField, notFound } from "../../http/problem";
import { dispatchNotes, noteStatementsWhere } from "../../notifications";
import { competitionAccess, type CompetitionAccess } from "../access";
import { competitionById, competitionFacts, type CompetitionRow } from "../data";
import { assign, addExpertToEntry, type AssignEntry, type AssignExpert, type ExistingAssignment, type Shortfall } from "./assignment";
import {
  accountByEmail,
  addedNow,
  admittedEntries,
  assignmentsOf,
  assignmentStates,
  ASSIGN_STAGES,
  conflictsOf,
  deleteExpertRow,
  EXPERT_STAGES,
  expertMemberships,
  expertsOf,
  expertWithName,
  flagAssignmentNow,
  hasSubmitted,
  inStages,
  insertAssignments,
  insertExpert,
  insertFlagAssignment,
  grantExpertRole,
  recountExperts,
  removableCondition,
  removeExpertStatements,
  runNoteId,
  runNotesStatement,
  writtenAt,
} from "./data";
import { EXPERTS_LIMITS, type AddExpertValues, type FlaggedValues } from "./dto";

/**
 * The organiser's side of the experts: who they are (add, remove), the assignment run and an added
 * expert on a flagged entry. Every use case asks `competitionAccess` (and `expertsWindow` below),
 * then writes its change, its counters and its audit record in one batch whose statements carry the
 * stage guard themselves (./data.ts).
 *
 * Windows (chosen for this part):
 *   - the jury (add, remove): from publication until the evaluation stage ends — an organiser may
 *     name experts as soon as the competition is announced, and replace one who drops out during
 *     the evaluation; after it nothing about the jury changes;
 *   - running the assignment and adding an expert to a flagged entry: the check and evaluation
 *     stages (access.runEvaluation) — entries are admitted during the check, so a run then and a
 *     run after late admissions both make sense; scoring itself is the evaluation stage.
 */

const P = "competitions.experts.problem";

/** What the organiser may do with the jury now (see the windows above). */
export function expertsWindow(a: CompetitionAccess) {
  const open = a.published && EXPERT_STAGES.includes(a.stage);
  return {
    /** Add and remove experts. */
    changeJury: a.manage && open,
    /** Run the assignment, add an expert to a flagged entry. */
    assign: a.runEvaluation,
    /** An expert declares (or changes) their conflicts and confirms their city. */
    declare: a.isExpert && open,
  };
}

export const closedProblem = (what: "jury" | "assign" | "declare") => conflict(`${P}.${what}Closed`);

/** The competition for its organiser: 404 when the viewer may not read it, 403 when they do not run it. */
function organiserAccess(row: { competition: CompetitionRow } | undefined, actor: SessionUser | null, now: number) {
  if (!row) throw notFound();
  const access = competitionAccess(competitionFacts(row.competition), actor, now);
  if (!access.read) throw notFound();
  if (!access.manage) throw forbidden();
  return access;
}

const guardId = (id: string) => {
  if (id.length > 64) throw notFound();
};

// ——— The jury ———

export interface ExpertItem {
  userId: string;
  displayName: string;
  email: string;
  city: string;
  declaredAt: number | null;
  assigned: number;
  draft: number;
  submitted: number;
  removable: boolean;
}

type ExpertRow = Awaited<ReturnType<typeof expertsOf>>[number];
type StateRow = Awaited<ReturnType<typeof assignmentStates>>[number];

/** The experts with their progress (assigned / draft / submitted, counted from the rows by state). */
export function expertItems(rows: ExpertRow[], states: StateRow[], canRemove: boolean): ExpertItem[] {
  const by = new Map<string, { assigned: number; draft: number; submitted: number }>();
  for (const s of states) {
    const x = by.get(s.expertId) ?? { assigned: 0, draft: 0, submitted: 0 };
    x.assigned += s.n;
    if (s.status === "draft") x.draft += s.n;
    if (s.status === "submitted") x.submitted += s.n;
    by.set(s.expertId, x);
  }
  return rows.map((r) => {
    const p = by.get(r.userId) ?? { assigned: 0, draft: 0, submitted: 0 };
    return { userId: r.userId, displayName: r.displayName, email: r.email, city: r.city, declaredAt: r.declaredAt, ...p, removable: canRemove && p.submitted === 0 };
  });
}

/** The jury page's data: the competition, its experts with progress, what the organiser may do now. One round trip. */
export async function listExperts(ctx: Ctx, actor: SessionUser | null, id: string, now = Date.now()) {
  guardId(id);
  const [[row], rows, states] = await ctx.db.batch([competitionById(ctx.db, id), expertsOf(ctx.db, id), assignmentStates(ctx.db, id)]);
  const access = organiserAccess(row, actor, now);
  const window = expertsWindow(access);
  return { competition: row!.competition, access, window, experts: expertItems(rows, states, window.changeJury) };
}

/**
 * Makes an existing confirmed account an expert of the competition: the row (city from the profile
 * unless given) and the role grant 'expert' scoped to the competition, with the audit record — one
 * batch, written only while the jury may change.
 */
export async function addExpert(ctx: Ctx, actor: SessionUser, id: string, input: AddExpertValues, now = Date.now()) {
  guardId(id);
  const db = ctx.db;
  const [[row], [account], rows] = await db.batch([competitionById(db, id), accountByEmail(db, input.email), expertsOf(db, id)]);
  const access = organiserAccess(row, actor, now);
  if (!expertsWindow(access).changeJury) throw closedProblem("jury");
  if (!account) throw invalidField("email", "competitions.experts.field.unknownAccount");
  if (account.emailConfirmedAt === null) throw invalidField("email", "competitions.experts.field.unconfirmedAccount");
  if (rows.some((r) => r.userId === account.id)) throw invalidField("email", "competitions.experts.field.alreadyExpert");
  if (rows.length >= EXPERTS_LIMITS.expertsPerCompetition) throw invalidField("email", "competitions.experts.field.tooManyExperts", { max: EXPERTS_LIMITS.expertsPerCompetition });
  const c = row!.competition;
  const city = input.city ? input.city : (account.city ?? "").trim().slice(0, EXPERTS_LIMITS.cityMax);
  const p = { competitionId: id, organiserId: c.organiserId, userId: account.id, city, by: actor.id, now };
  const results = await db.batch([
    insertExpert(db, p),
    grantExpertRole(db, p),
    auditRecordWhere(db, { actorId: actor.id, action: "competition.expert.add", objectType: "competition", objectId: id, organiserId: c.organiserId, details: { userId: account.id, city } }, addedNow(p), now),
    expertWithName(db, id, account.id),
  ]);
  const [added] = results[3];
  if (!added) throw closedProblem("jury");
  if (added.addedAt !== now || added.addedBy !== actor.id) throw invalidField("email", "competitions.experts.field.alreadyExpert");
  return { userId: account.id, displayName: account.displayName, city };
}

/**
 * Removes an expert who has submitted no score: their draft scores, unsubmitted assignments,
 * declared conflicts and role grant go with the row; counters of the entries' experts are not kept
 * on entries (they are counted), the removed expert's counters go with their row. Entries may drop
 * below the minimum: the evaluation page shows them, a new run tops them up.
 */
export async function removeExpert(ctx: Ctx, actor: SessionUser, id: string, userId: string, now = Date.now()) {
  guardId(id);
  const db = ctx.db;
  const [[row], [expert], [submitted]] = await db.batch([competitionById(db, id), expertWithName(db, id, userId), hasSubmitted(db, id, userId)]);
  const access = organiserAccess(row, actor, now);
  if (!expert) throw notFound();
  if (!expertsWindow(access).changeJury) throw closedProblem("jury");
  if ((submitted?.n ?? 0) > 0) throw conflict(`${P}.hasSubmitted`);
  const c = row!.competition;
  const [, removedAssignments, , , , gone] = await db.batch([
    ...removeExpertStatements(db, id, userId, now),
    auditRecordWhere(
      db,
      { actorId: actor.id, action: "competition.expert.remove", objectType: "competition", objectId: id, organiserId: c.organiserId, details: { userId } },
      removableCondition(id, userId, now),
      now,
    ),
    deleteExpertRow(db, id, userId, now),
  ]);
  if (gone.length === 0) {
    // The guard refused: a score was submitted in between, or the stage moved on.
    const [again] = await hasSubmitted(db, id, userId);
    throw (again?.n ?? 0) > 0 ? conflict(`${P}.hasSubmitted`) : closedProblem("jury");
  }
  return { userId, removedAssignments: removedAssignments.length };
}

// ——— The assignment ———

/** The inputs of the pure assignment from the rows (experts: only those who have declared). */
export function assignmentInputs(rows: {
  experts: { userId: string; city: string; declaredAt: number | null }[];
  memberships: { userId: string; organisationId: string }[];
  entries: { id: string; organisationId: string | null; city: string; submittedBy: string }[];
}) {
  const orgs = new Map<string, string[]>();
  for (const m of rows.memberships) (orgs.get(m.userId) ?? orgs.set(m.userId, []).get(m.userId)!).push(m.organisationId);
  const toExpert = (x: { userId: string; city: string }): AssignExpert => ({ id: x.userId, city: x.city, organisationIds: orgs.get(x.userId) ?? [] });
  const entries: AssignEntry[] = rows.entries.map((e) => ({ id: e.id, organisationId: e.organisationId, city: e.city, submittedBy: e.submittedBy }));
  return {
    entries,
    declared: rows.experts.filter((x) => x.declaredAt !== null).map(toExpert),
    all: rows.experts.map((x) => ({ ...toExpert(x), declared: x.declaredAt !== null })),
  };
}

export interface RunResult {
  assigned: { entryId: string; expertId: string }[];
  perExpert: { expertId: string; displayName: string; added: number; load: number }[];
  short: (Shortfall & { title: string })[];
  undeclared: number;
}

/**
 * «Распределить заявки»: tops every admitted entry up to the minimum with experts who have declared
 * their conflicts (./assignment.ts), never touching what exists. One read batch, then one write
 * batch: the new assignments (≤ 40 rows a statement), every expert's counters recounted, one
 * notification per expert who got entries (counted from the rows written), the audit record — all
 * guarded by the stage, so a run at the instant the evaluation closes writes nothing (409).
 */
export async function runAssignment(ctx: Ctx, actor: SessionUser, id: string, now = Date.now()): Promise<RunResult> {
  guardId(id);
  const db = ctx.db;
  const [[row], expertRows, entryRows, memberRows, conflictRows, existing] = await db.batch([
    competitionById(db, id),
    expertsOf(db, id),
    admittedEntries(db, id),
    expertMemberships(db, id),
    conflictsOf(db, id),
    assignmentsOf(db, id),
  ]);
  const access = organiserAccess(row, actor, now);
  if (!expertsWindow(access).assign) throw closedProblem("assign");
  const c = row!.competition;
  const inputs = assignmentInputs({ experts: expertRows, memberships: memberRows, entries: entryRows });
  const plan = assign({ entries: inputs.entries, experts: inputs.declared, conflicts: conflictRows, existing: existing as ExistingAssignment[], min: c.minExperts });
  const names = new Map(expertRows.map((x) => [x.userId, x.displayName]));
  const titles = new Map(entryRows.map((e) => [e.id, e.title]));
  const undeclared = expertRows.length - inputs.declared.length;
  const short = plan.short.map((s) => ({ ...s, title: titles.get(s.entryId) ?? "" }));
  if (plan.pairs.length === 0) return { assigned: [], perExpert: [], short, undeclared };

  const runId = crypto.randomUUID();
  const reason = existing.length === 0 ? "initial" : "rerun";
  const statements: Statement[] = [];
  for (let i = 0; i < plan.pairs.length; i += EXPERTS_LIMITS.pairsPerStatement) {
    statements.push(insertAssignments(db, { competitionId: id, pairs: plan.pairs.slice(i, i + EXPERTS_LIMITS.pairsPerStatement), reason, by: actor.id, now, stages: ASSIGN_STAGES }));
  }
  statements.push(
    recountExperts(db, id),
    runNotesStatement(db, { competitionId: id, title: c.title, runId, by: actor.id, now }),
    auditRecordWhere(
      db,
      {
        actorId: actor.id,
        action: "competition.assignment.run",
        objectType: "competition",
        objectId: id,
        organiserId: c.organiserId,
        details: { reason, pairs: plan.pairs.length, experts: plan.added.size, short: plan.short.length, undeclared },
      },
      inStages(id, ASSIGN_STAGES, now),
      now,
    ),
    writtenAt(db, id, actor.id, now),
  );
  const results = await runBatch(db, statements);
  const perExpertRows = results[results.length - 1] as { expertId: string; n: number }[];
  if (perExpertRows.length === 0) throw closedProblem("assign");
  await dispatchNotes(ctx, { ids: perExpertRows.map((r) => runNoteId(runId, r.expertId)), statements: [] });
  return {
    assigned: plan.pairs,
    perExpert: perExpertRows
      .map((r) => ({ expertId: r.expertId, displayName: names.get(r.expertId) ?? "", added: r.n, load: plan.load.get(r.expertId) ?? r.n }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, "ru")),
    short,
    undeclared,
  };
}

// ——— A further expert on a flagged entry ———

const ADD_REFUSALS = {
  notFlagged: "competitions.experts.field.notFlagged",
  notDeclared: "competitions.experts.field.notDeclared",
  alreadyAssigned: "competitions.experts.field.alreadyAssigned",
  own: "competitions.experts.field.conflict.own",
  organisation: "competitions.experts.field.conflict.organisation",
  city: "competitions.experts.field.conflict.city",
  declared: "competitions.experts.field.conflict.declared",
} as const;

/**
 * Adds one expert to a flagged entry (reason 'flag'): an expert of the competition who has declared,
 * is not on the entry yet and has no conflict with it (addExpertToEntry). The insert re-checks the
 * stage, the flag and the declared conflicts itself; the expert is notified of the one entry.
 */
export async function addToFlagged(ctx: Ctx, actor: SessionUser, id: string, input: FlaggedValues, now = Date.now()) {
  guardId(id);
  const db = ctx.db;
  const [[row], expertRows, entryRows, memberRows, conflictRows, existing] = await db.batch([
    competitionById(db, id),
    expertsOf(db, id),
    admittedEntries(db, id),
    expertMemberships(db, id),
    conflictsOf(db, id),
    assignmentsOf(db, id),
  ]);
  const access = organiserAccess(row, actor, now);
  if (!expertsWindow(access).assign) throw closedProblem("assign");
  const entry = entryRows.find((e) => e.id === input.entryId);
  if (!entry) throw invalidField("entryId", "competitions.experts.field.unknownEntry");
  const inputs = assignmentInputs({ experts: expertRows, memberships: memberRows, entries: [entry] });
  const expert = inputs.all.find((x) => x.id === input.expertId);
  if (!expert) throw invalidField("expertId", "competitions.experts.field.unknownExpert");
  const verdict = addExpertToEntry({ ...inputs.entries[0], flagged: entry.flagged }, expert, conflictRows, existing as ExistingAssignment[]);
  if (!verdict.ok) throw invalidField(verdict.reason === "notFlagged" ? "entryId" : "expertId", ADD_REFUSALS[verdict.reason]);
  const c = row!.competition;
  const p = { competitionId: id, entryId: entry.id, expertId: expert.id, by: actor.id, now };
  const written = flagAssignmentNow(p);
  const notes = noteStatementsWhere(db, [{ userId: expert.id, kind: "expert_assignment", params: { title: c.title, count: 1 }, url: `/competitions/${id}/review` }], written, now);
  const results = await runBatch(db, [
    insertFlagAssignment(db, p),
    ...notes.statements,
    auditRecordWhere(
      db,
      { actorId: actor.id, action: "competition.assignment.flag", objectType: "competition_entry", objectId: entry.id, organiserId: c.organiserId, details: { competitionId: id, expertId: expert.id } },
      written,
      now,
    ),
    recountExperts(db, id, expert.id),
    writtenAt(db, id, actor.id, now),
  ]);
  const done = (results[results.length - 1] as { expertId: string }[]).some((r) => r.expertId === expert.id);
  if (!done) throw closedProblem("assign");
  await dispatchNotes(ctx, notes);
  return { entryId: entry.id, expertId: expert.id };
}
