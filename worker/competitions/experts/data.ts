import { and, asc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { users } from "../../accounts/data";
import type { Db } from "../../db/client";
import { notifications } from "../../notifications/schema";
import { memberships } from "../../organisations/data";
import { roleGrants } from "../../roles/schema";
import { assignments, conflicts, entries, experts, scores, type Stage } from "../schema";
import { stageCondition } from "../stages";
import type { Pair } from "./assignment";

/**
 * The experts part's queries and statements (unexecuted: callers batch them). Writes carry their
 * own guards — the stage at `now`, computed in SQL from the competition's instants — so that a
 * write at the closing instant is refused by the write itself; every statement of one batch carries
 * the same guard with the same `now`, so within the batch (one transaction) they all hold or none.
 * Columns whose names repeat across joined tables are aliased (D1 batch rows are keyed by name).
 */

/** Setting up experts and declaring conflicts: from publication until the evaluation stage ends. */
export const EXPERT_STAGES: readonly Stage[] = ["announced", "entry", "check", "evaluation"];
/** Running the assignment, adding an expert to a flagged entry: the check and evaluation stages (access.runEvaluation). */
export const ASSIGN_STAGES: readonly Stage[] = ["check", "evaluation"];

/** True iff the competition is published and in one of `stages` at `now` (one SQL boolean). */
export const inStages = (competitionId: string, stages: readonly Stage[], now: number): SQL =>
  sql`EXISTS (SELECT 1 FROM competitions g WHERE g.id = ${competitionId} AND (${sql.join(
    stages.map((s) => stageCondition(s, "g", now)),
    sql` OR `,
  )}))`;

// ——— Reads ———

/** The competition's experts with their names and e-mail, in the order they were added (a bounded list, sorted). */
export const expertsOf = (db: Db, competitionId: string) =>
  db
    .select({
      userId: experts.userId,
      city: experts.city,
      declaredAt: experts.declaredAt,
      addedAt: experts.addedAt,
      assignedCount: experts.assignedCount,
      submittedCount: experts.submittedCount,
      displayName: users.displayName,
      email: users.email,
    })
    .from(experts)
    .innerJoin(users, eq(users.id, experts.userId))
    .where(eq(experts.competitionId, competitionId))
    .orderBy(asc(experts.addedAt), asc(experts.userId));

/** Assignments per expert and state (the expert index covers it). */
export const assignmentStates = (db: Db, competitionId: string) =>
  db
    .select({ expertId: assignments.expertId, status: assignments.status, n: sql<number>`count(*)`.as("n") })
    .from(assignments)
    .where(eq(assignments.competitionId, competitionId))
    .groupBy(assignments.expertId, assignments.status);

/** Every assignment of the competition (what the assignment keeps and counts). */
export const assignmentsOf = (db: Db, competitionId: string) =>
  db.select({ entryId: assignments.entryId, expertId: assignments.expertId, status: assignments.status }).from(assignments).where(eq(assignments.competitionId, competitionId));

/** Admitted, visible entries: what experts are assigned to and declare conflicts on. */
export const admittedEntries = (db: Db, competitionId: string, limit?: number) => {
  const q = db
    .select({
      id: entries.id,
      nominationId: entries.nominationId,
      title: entries.title,
      city: entries.city,
      organisationId: entries.organisationId,
      submittedBy: entries.submittedBy,
      flagged: entries.flagged,
    })
    .from(entries)
    .where(and(eq(entries.competitionId, competitionId), eq(entries.status, "admitted"), isNull(entries.hiddenAt)))
    .orderBy(asc(entries.createdAt), asc(entries.id));
  return limit === undefined ? q : q.limit(limit);
};

/**
 * Confirmed memberships of the competition's experts (organisation conflicts). Written as IN (the
 * experts) and the status is kept out of index choice, so SQLite looks each expert up by members_user;
 * otherwise it walked every confirmed membership of the portal by members_status_age.
 */
export const expertMemberships = (db: Db, competitionId: string) =>
  db
    .select({ userId: memberships.userId, organisationId: memberships.organisationId })
    .from(memberships)
    // `+status`: the status is checked on the rows found, never used to pick an index.
    .where(and(sql`${memberships.userId} IN (SELECT user_id FROM competition_experts WHERE competition_id = ${competitionId})`, sql`+${memberships.status} = 'confirmed'`));

/** One person's confirmed memberships (the expert's own declaration page), by members_user (see above for `+status`). */
export const confirmedMembershipsOf = (db: Db, userId: string) =>
  db.select({ organisationId: memberships.organisationId }).from(memberships).where(and(eq(memberships.userId, userId), sql`+${memberships.status} = 'confirmed'`));

/** Declared conflicts of the competition (all experts), or of one expert. */
export const conflictsOf = (db: Db, competitionId: string, expertId?: string) =>
  db
    .select({ expertId: conflicts.expertId, entryId: conflicts.entryId, reason: conflicts.reason })
    .from(conflicts)
    .where(and(eq(conflicts.competitionId, competitionId), expertId === undefined ? undefined : eq(conflicts.expertId, expertId)));

/** One expert's assignments in the competition (the declaration page marks those already scored). */
export const assignmentsOfExpert = (db: Db, competitionId: string, expertId: string) =>
  db
    .select({ entryId: assignments.entryId, expertId: assignments.expertId, status: assignments.status })
    .from(assignments)
    .where(and(eq(assignments.competitionId, competitionId), eq(assignments.expertId, expertId)));

/** An account that can be made an expert: by e-mail, not deleted. */
export const accountByEmail = (db: Db, email: string) =>
  db
    .select({ id: users.id, displayName: users.displayName, city: users.city, emailConfirmedAt: users.emailConfirmedAt })
    .from(users)
    .where(and(eq(users.email, email.toLowerCase()), isNull(users.deletedAt)));

/** One expert row (with the name) by competition and user. */
export const expertWithName = (db: Db, competitionId: string, userId: string) =>
  db
    .select({ userId: experts.userId, city: experts.city, declaredAt: experts.declaredAt, addedAt: experts.addedAt, addedBy: experts.addedBy, displayName: users.displayName })
    .from(experts)
    .innerJoin(users, eq(users.id, experts.userId))
    .where(and(eq(experts.competitionId, competitionId), eq(experts.userId, userId)));

/** Whether the expert has a submitted score in the competition (then they cannot be removed). */
export const hasSubmitted = (db: Db, competitionId: string, expertId: string) =>
  db
    .select({ n: sql<number>`count(*)`.as("n") })
    .from(assignments)
    .where(and(eq(assignments.competitionId, competitionId), eq(assignments.expertId, expertId), eq(assignments.status, "submitted")));

/** Assignments made at `now` by `by` in this competition, per expert: what a run really wrote (read in the same batch). */
export const writtenAt = (db: Db, competitionId: string, by: string, now: number) =>
  db
    .select({ expertId: assignments.expertId, n: sql<number>`count(*)`.as("n") })
    .from(assignments)
    .where(and(eq(assignments.competitionId, competitionId), eq(assignments.assignedAt, now), eq(assignments.assignedBy, by)))
    .groupBy(assignments.expertId);

// ——— The evaluation page ———

/** Experts on an entry, and how many of them submitted (by the primary key's entry_id prefix). */
const assignedOn = sql<number>`(SELECT count(*) FROM competition_assignments a WHERE a.entry_id = ${entries.id})`;
const submittedOn = sql<number>`(SELECT count(*) FROM competition_assignments a WHERE a.entry_id = ${entries.id} AND a.status = 'submitted')`;

const progressColumns = {
  entryId: sql<string>`${entries.id}`.as("entry_id"),
  title: entries.title,
  nominationId: entries.nominationId,
  city: entries.city,
  organisationId: entries.organisationId,
  submittedBy: entries.submittedBy,
  createdAt: entries.createdAt,
  juryScore: entries.juryScore,
  jurySpread: entries.jurySpread,
  flagged: entries.flagged,
  assigned: assignedOn.as("assigned"),
  submitted: submittedOn.as("submitted"),
};

const visibleAdmitted = (competitionId: string) => and(eq(entries.competitionId, competitionId), eq(entries.status, "admitted"), isNull(entries.hiddenAt));

/** One page of admitted entries (order of entering) with their experts' progress, by key. */
export const progressPage = (db: Db, competitionId: string, after: [number, string] | undefined, limit: number) =>
  db
    .select(progressColumns)
    .from(entries)
    .where(and(visibleAdmitted(competitionId), after ? sql`(${entries.createdAt}, ${entries.id}) > (${after[0]}, ${after[1]})` : undefined))
    .orderBy(asc(entries.createdAt), asc(entries.id))
    .limit(limit);

/** Flagged entries (spread above the threshold), first on the page (the flagged index). */
export const flaggedProgress = (db: Db, competitionId: string, limit: number) =>
  db
    .select(progressColumns)
    .from(entries)
    .where(and(eq(entries.competitionId, competitionId), eq(entries.flagged, true), eq(entries.status, "admitted"), isNull(entries.hiddenAt)))
    .orderBy(asc(entries.createdAt), asc(entries.id))
    .limit(limit);

/** Admitted entries with fewer experts than the competition's minimum (none yet, or a conflict took one away). */
export const belowMinimum = (db: Db, competitionId: string, limit: number) =>
  db
    .select(progressColumns)
    .from(entries)
    .where(and(visibleAdmitted(competitionId), sql`${assignedOn} < (SELECT min_experts FROM competitions WHERE id = ${competitionId})`))
    .orderBy(asc(entries.createdAt), asc(entries.id))
    .limit(limit);

/** Assignments of the flagged entries (who is already on them). */
export const flaggedAssignments = (db: Db, competitionId: string) =>
  db
    .select({ entryId: assignments.entryId, expertId: assignments.expertId, status: assignments.status })
    .from(assignments)
    .where(
      and(
        eq(assignments.competitionId, competitionId),
        sql`${assignments.entryId} IN (SELECT id FROM competition_entries WHERE competition_id = ${competitionId} AND flagged = 1)`,
      ),
    );

// ——— Writes ———

/** Adds the expert (city given), if the window is open; ignored when already an expert. */
export const insertExpert = (db: Db, p: { competitionId: string; userId: string; city: string; by: string; now: number }) =>
  db
    .insert(experts)
    .select(
      // Columns in table order: competition_id, user_id, city, added_by, added_at, declared_at, assigned_count, submitted_count.
      sql`SELECT ${p.competitionId}, ${p.userId}, ${p.city}, ${p.by}, ${p.now}, NULL, 0, 0 WHERE ${inStages(p.competitionId, EXPERT_STAGES, p.now)}`,
    )
    .onConflictDoNothing();

/** True iff the statement above added the row (this actor, this instant). */
export const addedNow = (p: { competitionId: string; userId: string; by: string; now: number }) =>
  sql`EXISTS (SELECT 1 FROM competition_experts WHERE competition_id = ${p.competitionId} AND user_id = ${p.userId} AND added_at = ${p.now} AND added_by = ${p.by})`;

/** The role grant 'expert' scoped to the competition, written only with a row just added (kept if one exists). */
export const grantExpertRole = (db: Db, p: { competitionId: string; organiserId: string; userId: string; by: string; now: number }) =>
  db
    .insert(roleGrants)
    .select(
      // Columns in table order: id, user_id, role, scope, organiser_id, competition_id, granted_by, granted_at.
      sql`SELECT ${crypto.randomUUID()}, ${p.userId}, 'expert', ${p.competitionId}, ${p.organiserId}, ${p.competitionId}, ${p.by}, ${p.now} WHERE ${addedNow(p)}`,
    )
    .onConflictDoNothing();

/** The expert's row can go: the window is open and they have no submitted score. */
export const removableCondition = (competitionId: string, userId: string, now: number) =>
  sql`${inStages(competitionId, EXPERT_STAGES, now)} AND NOT EXISTS (SELECT 1 FROM competition_assignments s WHERE s.competition_id = ${competitionId} AND s.expert_id = ${userId} AND s.status = 'submitted')`;

/**
 * Removing an expert: their draft scores, their (unsubmitted) assignments, their declared
 * conflicts, the role grant, then the row itself (returned, so the caller knows it went) — each
 * under the same guard; the expert's counters go with the row.
 */
export function removeExpertStatements(db: Db, competitionId: string, userId: string, now: number) {
  const g = removableCondition(competitionId, userId, now);
  return [
    db
      .delete(scores)
      .where(and(eq(scores.expertId, userId), sql`${scores.entryId} IN (SELECT entry_id FROM competition_assignments WHERE competition_id = ${competitionId} AND expert_id = ${userId})`, g)),
    db
      .delete(assignments)
      .where(and(eq(assignments.competitionId, competitionId), eq(assignments.expertId, userId), g))
      .returning({ entryId: assignments.entryId }),
    db.delete(conflicts).where(and(eq(conflicts.competitionId, competitionId), eq(conflicts.expertId, userId), g)),
    db.delete(roleGrants).where(and(eq(roleGrants.userId, userId), eq(roleGrants.role, "expert"), eq(roleGrants.scope, competitionId), g)),
  ] as const;
}

export const deleteExpertRow = (db: Db, competitionId: string, userId: string, now: number) =>
  db
    .delete(experts)
    .where(and(eq(experts.competitionId, competitionId), eq(experts.userId, userId), removableCondition(competitionId, userId, now)))
    .returning({ userId: experts.userId });

/**
 * New assignments, up to EXPERTS_LIMITS.pairsPerStatement rows per statement (2 parameters a row, 10
 * fixed), each row written only while the stage guard holds; a pair that exists already (a run racing
 * another) is skipped by the primary key.
 */
export const insertAssignments = (db: Db, p: { competitionId: string; pairs: Pair[]; reason: "initial" | "rerun" | "flag"; by: string; now: number; stages: readonly Stage[] }) =>
  db
    .insert(assignments)
    .select(
      // Columns in table order: entry_id, expert_id, competition_id, reason, status, total, assigned_at, assigned_by, updated_at, submitted_at.
      sql`SELECT v.column1, v.column2, ${p.competitionId}, ${p.reason}, 'assigned', NULL, ${p.now}, ${p.by}, ${p.now}, NULL
        FROM (VALUES ${sql.join(
          p.pairs.map((x) => sql`(${x.entryId}, ${x.expertId})`),
          sql`, `,
        )}) v WHERE ${inStages(p.competitionId, p.stages, p.now)}`,
    )
    .onConflictDoNothing();

/** One added expert on a flagged entry: still flagged and admitted, the expert declared and without a conflict on it now. */
export const insertFlagAssignment = (db: Db, p: { competitionId: string; entryId: string; expertId: string; by: string; now: number }) =>
  db
    .insert(assignments)
    .select(
      sql`SELECT ${p.entryId}, ${p.expertId}, ${p.competitionId}, 'flag', 'assigned', NULL, ${p.now}, ${p.by}, ${p.now}, NULL
        WHERE ${inStages(p.competitionId, ASSIGN_STAGES, p.now)}
          AND EXISTS (SELECT 1 FROM competition_entries WHERE id = ${p.entryId} AND competition_id = ${p.competitionId} AND flagged = 1 AND status = 'admitted' AND hidden_at IS NULL)
          AND EXISTS (SELECT 1 FROM competition_experts WHERE competition_id = ${p.competitionId} AND user_id = ${p.expertId} AND declared_at IS NOT NULL)
          AND NOT EXISTS (SELECT 1 FROM competition_conflicts WHERE expert_id = ${p.expertId} AND entry_id = ${p.entryId})`,
    )
    .onConflictDoNothing();

/** The flag assignment above, if it was written by this request. */
export const flagAssignmentNow = (p: { entryId: string; expertId: string; by: string; now: number }) =>
  sql`EXISTS (SELECT 1 FROM competition_assignments WHERE entry_id = ${p.entryId} AND expert_id = ${p.expertId} AND assigned_at = ${p.now} AND assigned_by = ${p.by} AND reason = 'flag')`;

/** Experts' counters recounted from the rows (all experts of the competition, or one). */
export const recountExperts = (db: Db, competitionId: string, userId?: string) =>
  db
    .update(experts)
    .set({
      assignedCount: sql`(SELECT count(*) FROM competition_assignments a WHERE a.competition_id = ${competitionId} AND a.expert_id = competition_experts.user_id)`,
      submittedCount: sql`(SELECT count(*) FROM competition_assignments a WHERE a.competition_id = ${competitionId} AND a.expert_id = competition_experts.user_id AND a.status = 'submitted')`,
    })
    .where(and(eq(experts.competitionId, competitionId), userId === undefined ? undefined : eq(experts.userId, userId)));

/** The id of the notification of one run to one expert (derived, so the e-mail copies can be queued from expert ids). */
export const runNoteId = (runId: string, expertId: string) => `ea-${runId}-${expertId}`;

/**
 * One `expert_assignment` notification per expert who got entries in this run ({title, count} from
 * the rows really written), by ONE INSERT … SELECT whatever the number of experts.
 */
export const runNotesStatement = (db: Db, p: { competitionId: string; title: string; runId: string; by: string; now: number }) =>
  db.insert(notifications).select(
    // Columns in table order: id, user_id, kind, params, url, created_at, read_at.
    sql`SELECT 'ea-' || ${p.runId} || '-' || a.expert_id, a.expert_id, 'expert_assignment', json_object('title', ${p.title}, 'count', count(*)),
        ${`/competitions/${p.competitionId}/review`}, ${p.now}, NULL
      FROM competition_assignments a WHERE a.competition_id = ${p.competitionId} AND a.assigned_at = ${p.now} AND a.assigned_by = ${p.by}
      GROUP BY a.expert_id`,
  );

// ——— The expert's declaration ———

/** The expert confirms their city and declares (sets declared_at), while the window is open. */
export const declareStatement = (db: Db, p: { competitionId: string; userId: string; city: string; now: number }) =>
  db
    .update(experts)
    .set({ city: p.city, declaredAt: p.now })
    .where(and(eq(experts.competitionId, p.competitionId), eq(experts.userId, p.userId), inStages(p.competitionId, EXPERT_STAGES, p.now)))
    .returning({ declaredAt: experts.declaredAt });

/**
 * The rest of a declaration: conflicts no longer declared go, the declared ones are written (a reason
 * changed in place), and for newly conflicting entries the expert's unsubmitted assignment goes with
 * its draft scores. The list travels as one JSON parameter (json_each), however long it is.
 */
export function declarationStatements(db: Db, p: { competitionId: string; userId: string; list: { entryId: string; reason: string }[]; now: number }) {
  const g = inStages(p.competitionId, EXPERT_STAGES, p.now);
  const listJson = JSON.stringify(p.list);
  const ids = JSON.stringify(p.list.map((c) => c.entryId));
  return [
    db.delete(conflicts).where(and(eq(conflicts.competitionId, p.competitionId), eq(conflicts.expertId, p.userId), sql`${conflicts.entryId} NOT IN (SELECT value FROM json_each(${ids}))`, g)),
    db
      .insert(conflicts)
      .select(
        // Columns in table order: competition_id, expert_id, entry_id, reason, declared_at.
        sql`SELECT ${p.competitionId}, ${p.userId}, json_extract(j.value, '$.entryId'), json_extract(j.value, '$.reason'), ${p.now} FROM json_each(${listJson}) j WHERE ${g}`,
      )
      .onConflictDoUpdate({ target: [conflicts.expertId, conflicts.entryId], set: { reason: sql`excluded.reason` } }),
    db
      .delete(scores)
      .where(
        and(
          eq(scores.expertId, p.userId),
          sql`${scores.entryId} IN (SELECT value FROM json_each(${ids}))`,
          sql`${scores.entryId} IN (SELECT entry_id FROM competition_assignments WHERE competition_id = ${p.competitionId} AND expert_id = ${p.userId} AND status <> 'submitted')`,
          g,
        ),
      ),
    db
      .delete(assignments)
      .where(and(eq(assignments.competitionId, p.competitionId), eq(assignments.expertId, p.userId), sql`${assignments.status} <> 'submitted'`, sql`${assignments.entryId} IN (SELECT value FROM json_each(${ids}))`, g))
      .returning({ entryId: assignments.entryId }),
  ] as const;
}
