import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, ne, sql, type SQL } from "drizzle-orm";
import type { Db, Statement } from "../../db/client";
import { inVersionNumbered } from "../data";
import { commitmentNotes, commitments, consultationClauses, consultationEvents, consultations, consultationVersions, type CommitmentStatus, type ConsultationStatus } from "../schema";
import { OPEN_STATUSES } from "./commitments";
import type { PortalKey } from "./cursor";
import { IMPLEMENTATION_LIMITS } from "./dto";

/**
 * Queries of the implementation part. Reads return unexecuted queries, so each page puts all of
 * its reads into one `db.batch` (one D1 round trip); writes return statements for the batch of the
 * change. Every read is answered by an index (test/worker/consultations-implementation-plans.test.ts).
 */

/** The clauses of a version given by number, or of the newest published one (null): one round trip with the consultation. */
export const clausesOfVersionNumber = (db: Db, consultationId: string, number: number | null) =>
  db
    .select()
    .from(consultationClauses)
    .where(inVersionNumbered(consultationId, number ?? sql`(SELECT current_version FROM consultations WHERE id = ${consultationId})`))
    .orderBy(asc(consultationClauses.position));

/** The adopted version of a consultation (at most one). */
export const adoptedVersionOf = (db: Db, consultationId: string) =>
  db
    .select()
    .from(consultationVersions)
    .where(and(eq(consultationVersions.consultationId, consultationId), isNotNull(consultationVersions.adoptedAt)));

/** The newest note of the commitment in the current row, as JSON (portal-wide list: an excerpt of the body). */
const latestNoteJson = sql<string | null>`(SELECT json_object('id', n.id, 'notedOn', n.noted_on, 'body', substr(n.body, 1, 400), 'status', n.status, 'createdAt', n.created_at)
  FROM commitment_notes n WHERE n.commitment_id = ${commitments.id} ORDER BY n.noted_on DESC, n.created_at DESC LIMIT 1)`.as("latest_note");

const rowColumns = {
  id: commitments.id,
  consultationId: commitments.consultationId,
  organiserId: commitments.organiserId,
  versionId: commitments.versionId,
  clauseId: commitments.clauseId,
  clausePosition: commitments.clausePosition,
  addressee: commitments.addressee,
  responsible: commitments.responsible,
  dueOn: commitments.dueOn,
  status: commitments.status,
  statusChangedAt: commitments.statusChangedAt,
  clauseNumber: consultationClauses.number,
  clauseText: consultationClauses.text,
};

/** One consultation's commitments in document order (optionally one addressee's), with their clauses. */
export const commitmentsOfConsultation = (db: Db, consultationId: string, addressee?: string) =>
  db
    .select(rowColumns)
    .from(commitments)
    .innerJoin(consultationClauses, eq(consultationClauses.id, commitments.clauseId))
    .where(and(eq(commitments.consultationId, consultationId), addressee === undefined ? undefined : eq(commitments.addressee, addressee)))
    .orderBy(asc(commitments.clausePosition), asc(commitments.id));

/**
 * Every note of one consultation's commitments (optionally one addressee's): a walk of
 * commitments_consultation, then of each commitment's commitment_notes_commitment. No ORDER BY:
 * SQLite would add a sort (it cannot prove the walk's order across the join), so the service
 * groups the notes by commitment and orders each group (at most 50 notes) itself.
 */
export const notesOfConsultation = (db: Db, consultationId: string, addressee?: string) =>
  db
    .select({ commitmentId: commitmentNotes.commitmentId, id: commitmentNotes.id, notedOn: commitmentNotes.notedOn, body: commitmentNotes.body, status: commitmentNotes.status, createdAt: commitmentNotes.createdAt })
    .from(commitments)
    .innerJoin(commitmentNotes, eq(commitmentNotes.commitmentId, commitments.id))
    // The unary + keeps SQLite on the consultation's index: by addressee it would walk that body's commitments in every consultation.
    .where(and(eq(commitments.consultationId, consultationId), addressee === undefined ? undefined : eq(sql`+${commitments.addressee}`, addressee)));

/**
 * One commitment with everything its checks and its page need: the clause, the consultation, the
 * adoption. Columns whose names repeat across the joined tables (id, status, organiser_id, number)
 * are aliased: inside a D1 batch rows come back keyed by column name, and a repeated name would
 * overwrite another column's value.
 */
export const commitmentContext = (db: Db, id: string) =>
  db
    .select({
      ...rowColumns,
      consultationTitle: sql<string>`${consultations.title}`.as("consultation_title"),
      consultationStatus: sql<ConsultationStatus>`${consultations.status}`.as("consultation_status"),
      opensAt: consultations.opensAt,
      closesAt: consultations.closesAt,
      currentVersion: consultations.currentVersion,
      adoptedOn: consultationVersions.adoptedOn,
      versionNumber: sql<number>`${consultationVersions.number}`.as("version_number"),
      noteCount: sql<number>`(SELECT count(*) FROM commitment_notes WHERE commitment_id = ${commitments.id})`.as("note_count"),
    })
    .from(commitments)
    .innerJoin(consultationClauses, eq(consultationClauses.id, commitments.clauseId))
    .innerJoin(consultations, eq(consultations.id, commitments.consultationId))
    .innerJoin(consultationVersions, eq(consultationVersions.id, commitments.versionId))
    .where(eq(commitments.id, id));

/** Another commitment of the same clause with this addressee (one per (clause, addressee)); walks the consultation's index. */
export const twinCommitment = (db: Db, c: { consultationId: string; clauseId: string; id: string }, addressee: string) =>
  db
    .select({ id: commitments.id })
    .from(commitments)
    .where(and(eq(commitments.consultationId, c.consultationId), eq(commitments.clauseId, c.clauseId), eq(commitments.addressee, addressee), ne(commitments.id, c.id)));

/** One commitment's notes, newest first. */
export const notesOf = (db: Db, commitmentId: string) =>
  db
    .select({ id: commitmentNotes.id, notedOn: commitmentNotes.notedOn, body: commitmentNotes.body, status: commitmentNotes.status, createdAt: commitmentNotes.createdAt })
    .from(commitmentNotes)
    .where(eq(commitmentNotes.commitmentId, commitmentId))
    .orderBy(desc(commitmentNotes.notedOn), desc(commitmentNotes.createdAt));

export interface PortalFilter {
  addressee?: string;
  status?: CommitmentStatus;
  /** Moscow's today (YYYY-MM-DD) when only overdue ones are wanted. */
  overdueBefore?: string;
}

/**
 * The portal-wide list, soonest due first and the undated last, by key. SQLite sorts NULL first,
 * so the list is read in two index walks — dated rows by (due_on, id), then undated rows by id —
 * each a range of commitments_due / commitments_addressee / commitments_status with no sort. Both
 * go into the page's one batch; the page takes dated rows first and tops up with undated ones.
 */
export function portalCommitments(db: Db, f: PortalFilter, after: PortalKey | undefined, limit: number) {
  const common: SQL[] = [];
  if (f.addressee !== undefined) common.push(eq(commitments.addressee, f.addressee));
  if (f.status) common.push(eq(commitments.status, f.status));
  const select = () =>
    db
      .select({ ...rowColumns, consultationTitle: consultations.title, latestNote: latestNoteJson })
      .from(commitments)
      .innerJoin(consultationClauses, eq(consultationClauses.id, commitments.clauseId))
      .innerJoin(consultations, eq(consultations.id, commitments.consultationId));
  const query = (conds: SQL[], order: SQL[], n: number) =>
    select()
      .where(and(...conds))
      .orderBy(...order)
      .limit(n);
  const out: { dated: ReturnType<typeof query> | null; undated: ReturnType<typeof query> | null } = { dated: null, undated: null };
  if (!after || after.dueOn !== null) {
    const conds = [...common, isNotNull(commitments.dueOn)];
    if (f.overdueBefore) {
      conds.push(lt(commitments.dueOn, f.overdueBefore));
      // The index on due_on does the walk; status is only checked on the rows it yields.
      if (!f.status) conds.push(inArray(sql`+${commitments.status}`, [...OPEN_STATUSES]));
    }
    if (after) conds.push(sql`(${commitments.dueOn}, ${commitments.id}) > (${after.dueOn}, ${after.id})`);
    out.dated = query(conds, [asc(commitments.dueOn), asc(commitments.id)], limit);
  }
  // Nothing without a due date is overdue.
  if (!f.overdueBefore) {
    const conds = [...common, isNull(commitments.dueOn)];
    if (after && after.dueOn === null) conds.push(gt(commitments.id, after.id));
    out.undated = query(conds, [asc(commitments.id)], limit);
  }
  return out;
}

/** Distinct addressees with their counts, read off the commitments_addressee index (no table, no sort). */
export const addresseeCounts = (db: Db) =>
  db
    .select({ addressee: commitments.addressee, count: sql<number>`count(*)` })
    .from(commitments)
    .groupBy(commitments.addressee)
    .orderBy(asc(commitments.addressee))
    .limit(IMPLEMENTATION_LIMITS.addresseeOptions);

/** Commitments per status over the portal (the commitments_status index, covering). */
export const statusCountsAll = (db: Db) => db.select({ status: commitments.status, count: sql<number>`count(*)` }).from(commitments).groupBy(commitments.status);

/** Overdue commitments over the portal: two ranges of commitments_status. */
export const overdueCountAll = (db: Db, today: string) =>
  db
    .select({ count: sql<number>`count(*)` })
    .from(commitments)
    .where(and(inArray(commitments.status, [...OPEN_STATUSES]), lt(commitments.dueOn, today)));

/** The Atom feed: the newest events (consultation_events_feed, walked backwards). */
export const feedEvents = (db: Db, limit: number) =>
  db.select().from(consultationEvents).orderBy(desc(consultationEvents.createdAt), desc(consultationEvents.id)).limit(limit);

// ---- writes ----

/**
 * The consultation becomes adopted — only if, when the batch runs, it is still published and has no
 * draft version. Otherwise the CASE yields NULL, the NOT NULL constraint aborts the whole batch
 * (the commitments and the audit record with it) and the service answers 409.
 */
export const adoptConsultationStatement = (db: Db, id: string, now: number) =>
  db
    .update(consultations)
    .set({
      status: sql`CASE WHEN ${consultations.status} = 'published' AND NOT EXISTS (SELECT 1 FROM consultation_versions WHERE consultation_id = ${id} AND status = 'draft') THEN 'adopted' END`,
      updatedAt: now,
    })
    .where(eq(consultations.id, id));

export const isStaleAdoption = (e: unknown) => /NOT NULL constraint failed: consultations\.status/.test(errorText(e));

export const adoptVersionStatement = (db: Db, versionId: string, v: { adoptedOn: string; adoptedBy: string; now: number }) =>
  db
    .update(consultationVersions)
    .set({ adoptedOn: v.adoptedOn, adoptedBy: v.adoptedBy, adoptedAt: v.now })
    .where(and(eq(consultationVersions.id, versionId), isNull(consultationVersions.adoptedAt)));

type CommitmentInsert = typeof commitments.$inferInsert;

/** Multi-row inserts of at most 7 rows (13 columns: 91 bound parameters, under D1's 100). */
export function insertCommitmentsStatements(db: Db, rows: CommitmentInsert[]): Statement[] {
  const out: Statement[] = [];
  for (let i = 0; i < rows.length; i += 7) out.push(db.insert(commitments).values(rows.slice(i, i + 7)));
  return out;
}

export const updateCommitmentStatement = (db: Db, id: string, set: Partial<CommitmentInsert>) => db.update(commitments).set(set).where(eq(commitments.id, id));

/**
 * A note, written only while the commitment has fewer than the limit of notes when the batch runs:
 * past it the body is NULL, the NOT NULL constraint aborts the batch (status change and audit record
 * with it), and the service answers 422 — exact even when two notes race for the last place.
 */
export const insertNoteStatement = (db: Db, n: { id: string; commitmentId: string; authorId: string; notedOn: string; body: string; status: CommitmentStatus | null; now: number }) =>
  db.insert(commitmentNotes).select(
    sql`SELECT ${n.id}, ${n.commitmentId}, ${n.authorId}, ${n.notedOn},
      CASE WHEN (SELECT count(*) FROM commitment_notes WHERE commitment_id = ${n.commitmentId}) < ${IMPLEMENTATION_LIMITS.notesPerCommitment} THEN ${n.body} END,
      ${n.status}, ${n.now}`,
  );

export const isNotesFull = (e: unknown) => /NOT NULL constraint failed: commitment_notes\.body/.test(errorText(e));

/** A row that was not really a commitment goes with its notes. */
export const deleteCommitmentStatements = (db: Db, id: string) =>
  [db.delete(commitmentNotes).where(eq(commitmentNotes.commitmentId, id)), db.delete(commitments).where(eq(commitments.id, id))] as const;

const errorText = (e: unknown) => String((e as Error)?.message ?? e) + String((e as { cause?: Error })?.cause?.message ?? "");
