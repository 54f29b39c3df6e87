import { and, asc, eq, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { Db, Statement } from "../../db/client";
import { inVersionNumbered } from "../data";
import { consultationClauses, consultations, consultationVersions, remarkLinks, remarks } from "../schema";
import type { DraftChanges, EditorClause } from "./clause-tree";

/**
 * The drafting part's statements. Lists of rows travel as ONE JSON parameter read with
 * `json_each` (D1 allows at most 100 bound parameters a statement; a 2,000-clause draft would
 * otherwise need hundreds of statements). Large lists are cut by size so no parameter grows past
 * what D1 takes (see JSON_CHUNK_BYTES).
 */

/** A JSON parameter stays under this many UTF-16 units (D1 refuses values over 2 MB). */
export const JSON_CHUNK_BYTES = 400_000;

/** Cuts rows into lists whose JSON stays under the size (a single huge row still goes alone). */
export function chunksBySize<T>(rows: readonly T[], max = JSON_CHUNK_BYTES): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let size = 2;
  for (const r of rows) {
    const s = JSON.stringify(r).length + 1;
    if (cur.length && size + s > max) {
      out.push(cur);
      cur = [];
      size = 2;
    }
    cur.push(r);
    size += s;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** The draft version's clauses in order, found through the consultation (one query, no version id needed). */
export const draftClausesOf = (db: Db, consultationId: string) =>
  db
    .select({ clause: consultationClauses })
    .from(consultationVersions)
    .innerJoin(consultationClauses, eq(consultationClauses.versionId, consultationVersions.id))
    .where(and(eq(consultationVersions.consultationId, consultationId), eq(consultationVersions.status, "draft")))
    .orderBy(asc(consultationClauses.position));

/** A version's clauses by its number (a number or an SQL expression giving one), in order. */
export const publishedClausesOf = (db: Db, consultationId: string, number: number | SQL) =>
  db.select({ clause: consultationClauses }).from(consultationClauses).where(inVersionNumbered(consultationId, number)).orderBy(asc(consultationClauses.position));

/**
 * A clause's consultation, version and the version's status. (A plain join of clause and version in
 * a batch: D1 returns a batch's rows keyed by column name, so the two tables' `id`, `number` and
 * `status` would overwrite each other; the columns here have distinct names.)
 */
export const clauseFacts = (db: Db, clauseId: string) =>
  db
    .select({ id: consultationClauses.id, versionId: consultationClauses.versionId, consultationId: consultationClauses.consultationId, versionStatus: consultationVersions.status })
    .from(consultationClauses)
    .innerJoin(consultationVersions, eq(consultationVersions.id, consultationClauses.versionId))
    .where(eq(consultationClauses.id, clauseId));

/** Rows for INSERT … SELECT FROM json_each, in the table's column order. */
function clauseRowsJson(rows: { clause: EditorClause; position: number }[]) {
  return JSON.stringify(rows.map(({ clause: c, position }) => ({ id: c.id, p: position, d: c.depth, k: c.kind, n: c.number, t: c.text, a: c.addressees, l: c.lineage })));
}

/** Inserts clauses into a draft version (the triggers refuse it for a published one). */
export function insertClauses(db: Db, versionId: string, consultationId: string, rows: { clause: EditorClause; position: number }[]): Statement[] {
  return chunksBySize(rows).map((chunk) =>
    db.insert(consultationClauses).select(
      // Columns in table order: id, version_id, consultation_id, position, depth, kind, number, text, addressees, lineage, remark_count.
      sql`SELECT json_extract(value, '$.id'), ${versionId}, ${consultationId}, json_extract(value, '$.p'), json_extract(value, '$.d'), json_extract(value, '$.k'), json_extract(value, '$.n'), json_extract(value, '$.t'), json_extract(value, '$.a'), json_extract(value, '$.l'), 0 FROM json_each(${clauseRowsJson(chunk)})`,
    ),
  );
}

/**
 * Aborts the whole batch (NOT NULL on the status; or the freezing trigger if it was published
 * meanwhile) unless the version is still a draft with as many clauses as were loaded and the
 * clauses about to move still sit where they were: two organisers editing the same draft at once
 * get a 409 instead of a scrambled order.
 */
export function draftGuard(db: Db, versionId: string, expected: { count: number; moved: { id: string; from: number }[] } | null) {
  const same = expected
    ? sql`AND (SELECT count(*) FROM consultation_clauses WHERE version_id = ${versionId}) = ${expected.count}
        AND NOT EXISTS (SELECT 1 FROM json_each(${JSON.stringify(expected.moved.map((m) => ({ id: m.id, p: m.from })))}) j
          LEFT JOIN consultation_clauses c ON c.id = json_extract(j.value, '$.id') AND c.version_id = ${versionId}
          WHERE c.id IS NULL OR c.position <> json_extract(j.value, '$.p'))`
    : sql``;
  return db
    .update(consultationVersions)
    .set({ status: sql`CASE WHEN ${consultationVersions.status} = 'draft' ${same} THEN ${consultationVersions.status} END` })
    .where(eq(consultationVersions.id, versionId));
}

/** The message D1 gives when a guard above (or the unique order of clauses, or the one-draft index) found the draft changed. */
export const isStaleDraft = (e: unknown) =>
  /NOT NULL constraint failed: consultation_versions\.status|NOT NULL constraint failed: consultations\.status|published version is immutable|UNIQUE constraint failed: consultation_clauses\.version_id|UNIQUE constraint failed: consultation_versions\./.test(
    String((e as Error)?.message ?? e) + String((e as { cause?: Error })?.cause?.message ?? ""),
  );

const idsJson = (ids: readonly string[]) => JSON.stringify(ids);

/**
 * The statements that write `changes` to a draft version, in an order that never breaks the unique
 * (version, position) index midway: deletes first, then moved clauses are parked at negative
 * positions, then everything takes its final place, then the new clauses come in.
 */
export function writeChanges(db: Db, versionId: string, consultationId: string, changes: DraftChanges, mergedInto?: { from: string; to: string }): Statement[] {
  const out: Statement[] = [];
  // A merged clause's links to remarks go with its text to the clause it joined (before the delete cascades them away).
  if (mergedInto)
    out.push(
      db
        .insert(remarkLinks)
        .select(sql`SELECT remark_id, ${mergedInto.to} FROM remark_links WHERE clause_id = ${mergedInto.from}`)
        .onConflictDoNothing(),
    );
  for (const chunk of chunksBySize(changes.deleted))
    out.push(db.delete(consultationClauses).where(and(eq(consultationClauses.versionId, versionId), inArray(consultationClauses.id, sql`(SELECT value FROM json_each(${idsJson(chunk)}))`))));
  for (const chunk of chunksBySize(changes.moved)) {
    out.push(
      db
        .update(consultationClauses)
        .set({ position: sql`-1 - ${consultationClauses.position}` })
        .where(and(eq(consultationClauses.versionId, versionId), inArray(consultationClauses.id, sql`(SELECT json_extract(value, '$.id') FROM json_each(${JSON.stringify(chunk)}))`))),
    );
  }
  // UPDATE … FROM json_each: SQLite walks the list and finds each clause by its primary key.
  for (const chunk of chunksBySize(changes.moved)) {
    out.push(
      db
        .update(consultationClauses)
        .set({ position: sql`json_extract(j.value, '$.to')` })
        .from(sql`json_each(${JSON.stringify(chunk)}) AS j`)
        .where(and(eq(consultationClauses.id, sql`json_extract(j.value, '$.id')`), eq(consultationClauses.versionId, versionId), lt(consultationClauses.position, 0))),
    );
  }
  for (const chunk of chunksBySize(changes.edited)) {
    const json = JSON.stringify(chunk.map((e) => ({ id: e.id, ...e.fields })));
    // Each field only where it was changed, so an edit of the text never writes back an old number.
    const field = (name: string, column: unknown) => sql`coalesce(json_extract(j.value, ${`$.${name}`}), ${column})`;
    out.push(
      db
        .update(consultationClauses)
        .set({
          number: field("number", consultationClauses.number),
          kind: field("kind", consultationClauses.kind) as never,
          depth: field("depth", consultationClauses.depth),
          text: field("text", consultationClauses.text),
          addressees: field("addressees", consultationClauses.addressees) as never,
        })
        .from(sql`json_each(${json}) AS j`)
        .where(and(eq(consultationClauses.id, sql`json_extract(j.value, '$.id')`), eq(consultationClauses.versionId, versionId))),
    );
  }
  out.push(...insertClauses(db, versionId, consultationId, changes.inserted));
  return out;
}

/** The version's clause counter, recounted from the rows in the same batch. */
export const recountClauses = (db: Db, versionId: string) =>
  db
    .update(consultationVersions)
    .set({ clauseCount: sql`(SELECT count(*) FROM consultation_clauses WHERE version_id = ${versionId})` })
    .where(eq(consultationVersions.id, versionId));

/** Every clause of a draft version goes (replacing the text); their remark links cascade with them. */
export const deleteAllClauses = (db: Db, versionId: string) => db.delete(consultationClauses).where(eq(consultationClauses.versionId, versionId));

export const touchConsultation = (db: Db, id: string, now: number) => db.update(consultations).set({ updatedAt: now }).where(eq(consultations.id, id));

/**
 * Remarks of published version `number` that a draft clause may say it took into account: accepted
 * or partly accepted, not deleted, on a clause of one of `lineages` (the service sorts them out by
 * clause: its own lineage, and new_clause remarks on the clause before it). One query through the
 * clauses' lineage index and the remarks' clause index.
 */
export const linkableRemarksOnClauses = (db: Db, consultationId: string, number: number, lineages: string[]) =>
  db
    .select({ remark: remarks, lineage: consultationClauses.lineage, clauseNumber: consultationClauses.number })
    .from(consultationClauses)
    .innerJoin(consultationVersions, and(eq(consultationVersions.id, consultationClauses.versionId), eq(consultationVersions.number, number)))
    .innerJoin(remarks, eq(remarks.clauseId, consultationClauses.id))
    .where(
      and(
        eq(consultationClauses.consultationId, consultationId),
        inArray(consultationClauses.lineage, sql`(SELECT value FROM json_each(${JSON.stringify(lineages)}))`),
        inArray(remarks.status, ["visible", "hidden"]),
        inArray(remarks.disposition, ["accepted", "partly"]),
      ),
    )
    .orderBy(asc(remarks.clausePosition), asc(remarks.createdAt), asc(remarks.id));

/** Accepted or partly accepted remarks on version `number` as a whole (clause_position -1 by the schema's rule). */
export const linkableWholeDocument = (db: Db, consultationId: string, number: number) =>
  db
    .select({ remark: remarks })
    .from(consultationVersions)
    .innerJoin(remarks, and(eq(remarks.versionId, consultationVersions.id), eq(remarks.clausePosition, -1)))
    .where(
      and(
        eq(consultationVersions.consultationId, consultationId),
        eq(consultationVersions.number, number),
        isNull(remarks.clauseId),
        inArray(remarks.status, ["visible", "hidden"]),
        inArray(remarks.disposition, ["accepted", "partly"]),
      ),
    )
    .orderBy(asc(remarks.createdAt), asc(remarks.id));

/** Every link of the draft version's clauses (the editor marks them). */
export const linksOfDraft = (db: Db, consultationId: string) =>
  db
    .select({ remarkId: remarkLinks.remarkId, clauseId: remarkLinks.clauseId })
    .from(consultationVersions)
    .innerJoin(consultationClauses, eq(consultationClauses.versionId, consultationVersions.id))
    .innerJoin(remarkLinks, eq(remarkLinks.clauseId, consultationClauses.id))
    .where(and(eq(consultationVersions.consultationId, consultationId), eq(consultationVersions.status, "draft")));

/** The remarks named, with the number of the version they were left on (to check a link may point to them). */
export const remarksByIds = (db: Db, ids: string[]) =>
  db
    .select({ id: remarks.id, consultationId: remarks.consultationId, versionNumber: consultationVersions.number, status: remarks.status, disposition: remarks.disposition })
    .from(remarks)
    .innerJoin(consultationVersions, eq(consultationVersions.id, remarks.versionId))
    .where(inArray(remarks.id, sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`));

/** One draft clause's links replaced by `remarkIds`. */
export function replaceLinks(db: Db, clauseId: string, remarkIds: string[]): Statement[] {
  return [
    db.delete(remarkLinks).where(eq(remarkLinks.clauseId, clauseId)),
    ...(remarkIds.length ? [db.insert(remarkLinks).select(sql`SELECT value, ${clauseId} FROM json_each(${JSON.stringify(remarkIds)}) WHERE true`).onConflictDoNothing()] : []),
  ];
}
