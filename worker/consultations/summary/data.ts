import { and, asc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { users } from "../../accounts/schema";
import type { Db, Statement } from "../../db/client";
import { notifications } from "../../notifications/schema";
import { organisations } from "../../organisations/schema";
import { consultationClauses, consultations, consultationVersions, remarks, type Disposition, type RemarkKind } from "../schema";
import type { RemarkKey } from "./cursor";

/**
 * Unexecuted statements of the summary part; service.ts puts them into batches. A page's reads name
 * their version by an SQL expression (`VersionRef`) rather than an id, so the version, its rows and
 * its counts come back from ONE batch even when the page was asked for "the default version".
 */
export type VersionRef = SQL;

/** The version numbered `n` of a consultation (index consultation_versions_number). */
export const versionNumbered = (consultationId: string, n: number): VersionRef =>
  sql`(SELECT id FROM consultation_versions WHERE consultation_id = ${consultationId} AND number = ${n})`;

/** The consultation's current (newest published) version. */
export const currentVersionRef = (consultationId: string): VersionRef =>
  sql`(SELECT id FROM consultation_versions WHERE consultation_id = ${consultationId} AND number = (SELECT current_version FROM consultations WHERE id = ${consultationId}))`;

/**
 * The summary's default version: the newest one whose summary is published, else the newest
 * published version. The same rule as `defaultSummaryVersion` in ./dispositions.ts (a handful of
 * versions per consultation: the sort is of a few rows found by the consultation_versions_number index).
 */
export const defaultSummaryVersionRef = (consultationId: string): VersionRef =>
  sql`(SELECT id FROM consultation_versions WHERE consultation_id = ${consultationId} AND status = 'published' ORDER BY summary_published_at IS NULL, number DESC LIMIT 1)`;

/** The version a reference points at. */
export const versionAt = (db: Db, ref: VersionRef) => db.select().from(consultationVersions).where(sql`${consultationVersions.id} = ${ref}`);

export interface SummaryFilter {
  /** A clause id, or "document" for remarks on the document as a whole. */
  clause?: string;
  kind?: RemarkKind;
  /** "none": still without a disposition (the organiser's work page). */
  disposition?: Disposition | "none";
}

/**
 * How the author is shown, decided inside the query so that the real name of an author who chose
 * to stay anonymous never leaves the database (not into page JSON, not into the CSV): the name for
 * «от своего имени» (NULL once the account is deleted), the organisation's name for «от имени
 * организации», NULL for «без указания имени».
 */
const authorName = sql<string | null>`CASE
  WHEN ${remarks.shownAs} = 'anonymous' THEN NULL
  WHEN ${remarks.shownAs} = 'organisation' AND ${organisations.name} IS NOT NULL THEN ${organisations.name}
  WHEN ${users.deletedAt} IS NULL THEN ${users.displayName}
  ELSE NULL END`;

/**
 * Clauses of published later versions that took the remark into account («учтено в п. 3 редакции
 * 2»), as a JSON array of [clauseId, number, version]; a draft's links stay the organiser's own
 * until that version is published. remark_links' primary key starts with remark_id.
 */
const linksJson = sql<string>`(SELECT json_group_array(json_array(lc.id, lc.number, lv.number)) FROM remark_links rl
  JOIN consultation_clauses lc ON lc.id = rl.clause_id
  JOIN consultation_versions lv ON lv.id = lc.version_id
  WHERE rl.remark_id = ${remarks.id} AND lv.status = 'published')`;

const rowView = {
  id: remarks.id,
  clauseId: remarks.clauseId,
  clausePosition: remarks.clausePosition,
  // Aliased: D1 returns rows as arrays keyed by column name, and two columns called "kind" (or
  // "number") would collapse into one and shift every value after them.
  clauseNumber: sql<string | null>`${consultationClauses.number}`.as("clause_number"),
  clauseKind: sql<string | null>`${consultationClauses.kind}`.as("clause_kind"),
  shownAs: remarks.shownAs,
  authorName: authorName.as("author_name"),
  kind: remarks.kind,
  body: remarks.body,
  proposedText: remarks.proposedText,
  supportCount: remarks.supportCount,
  replyCount: remarks.replyCount,
  createdAt: remarks.createdAt,
  disposition: remarks.disposition,
  reason: remarks.dispositionReason,
  disposedAt: remarks.disposedAt,
  links: linksJson.as("links"),
};

function filterConds(ref: VersionRef, f: SummaryFilter): SQL[] {
  const conds: SQL[] = [sql`${remarks.versionId} = ${ref}`, eq(remarks.status, "visible")];
  if (f.clause === "document") conds.push(eq(remarks.clausePosition, -1));
  else if (f.clause) {
    // The clause's position as well as its id: the walk stays on remarks_version_order in document
    // order (equal version and position, then created_at, id) with no sort.
    conds.push(eq(remarks.clauseId, f.clause), sql`${remarks.clausePosition} = (SELECT position FROM consultation_clauses WHERE id = ${f.clause})`);
  }
  if (f.kind) conds.push(eq(remarks.kind, f.kind));
  if (f.disposition === "none") conds.push(isNull(remarks.disposition));
  else if (f.disposition) conds.push(eq(remarks.disposition, f.disposition));
  return conds;
}

/** After the key `k` in document order; within one clause (position fixed) the walk continues from (created_at, id). */
const afterKey = (k: RemarkKey | undefined, f: SummaryFilter) =>
  !k
    ? undefined
    : f.clause
      ? sql`(${remarks.createdAt}, ${remarks.id}) > (${k.at}, ${k.id})`
      : sql`(${remarks.clausePosition}, ${remarks.createdAt}, ${remarks.id}) > (${k.pos}, ${k.at}, ${k.id})`;

/**
 * Visible remarks of a version in document order — (clause_position, created_at, id), the key of
 * remarks_version_order / _kind / _disposition — after `after`, at most `limit`. Never OFFSET.
 */
export const summaryRows = (db: Db, ref: VersionRef, f: SummaryFilter, after: RemarkKey | undefined, limit: number) =>
  db
    .select(rowView)
    .from(remarks)
    .leftJoin(consultationClauses, eq(consultationClauses.id, remarks.clauseId))
    .leftJoin(users, eq(users.id, remarks.authorId))
    .leftJoin(organisations, eq(organisations.id, remarks.organisationId))
    .where(and(...filterConds(ref, f), afterKey(after, f)))
    .orderBy(asc(remarks.clausePosition), asc(remarks.createdAt), asc(remarks.id))
    .limit(limit);

export type SummaryRow = Awaited<ReturnType<typeof summaryRows>>[number];

/**
 * Every `every`-th key of the filtered list in document order: the boundaries of the export's
 * chunks, so that all chunks can then be read in one batch (a walk of the order index). Unordered:
 * the caller sorts the few keys (an ORDER BY here would cost a temporary B-tree in the plan).
 */
export function chunkBoundaries(db: Db, ref: VersionRef, f: SummaryFilter, every: number) {
  const numbered = db
    .select({
      pos: remarks.clausePosition,
      at: remarks.createdAt,
      id: remarks.id,
      rn: sql<number>`row_number() OVER (ORDER BY ${remarks.clausePosition}, ${remarks.createdAt}, ${remarks.id})`.as("rn"),
    })
    .from(remarks)
    .where(and(...filterConds(ref, f)))
    .as("numbered");
  return db
    .select({ pos: numbered.pos, at: numbered.at, id: numbered.id, rn: numbered.rn })
    .from(numbered)
    .where(sql`${numbered.rn} % ${every} = 0`);
}

/**
 * Remarks of a version by status and disposition (index remarks_version_status): visible ones give
 * the progress and the counts at the top of the summary, hidden ones the «скрыто модератором» line.
 */
export const dispositionCounts = (db: Db, ref: VersionRef) =>
  db
    .select({ status: remarks.status, disposition: remarks.disposition, n: sql<number>`count(*)` })
    .from(remarks)
    .where(and(sql`${remarks.versionId} = ${ref}`, sql`${remarks.status} IN ('visible', 'hidden')`))
    .groupBy(remarks.status, remarks.disposition);

/** The clauses of a version that have remarks (the clause filter's options), in document order. */
export const clausesWithRemarks = (db: Db, ref: VersionRef) =>
  db
    .select({ id: consultationClauses.id, number: consultationClauses.number, kind: consultationClauses.kind, text: consultationClauses.text, remarkCount: consultationClauses.remarkCount })
    .from(consultationClauses)
    .where(and(sql`${consultationClauses.versionId} = ${ref}`, sql`${consultationClauses.remarkCount} > 0`))
    .orderBy(asc(consultationClauses.position));

/** The facts about some remarks (with their version and consultation) that decide whether the organiser may dispose of them; ids as one JSON parameter. */
export const remarkFacts = (db: Db, ids: string[]) =>
  db
    .select({
      id: remarks.id,
      consultationId: remarks.consultationId,
      status: remarks.status,
      disposition: remarks.disposition,
      reason: remarks.dispositionReason,
      authorId: remarks.authorId,
      versionId: remarks.versionId,
      versionNumber: consultationVersions.number,
      versionStatus: consultationVersions.status,
      summaryPublishedAt: consultationVersions.summaryPublishedAt,
      organiserId: consultations.organiserId,
      consultationStatus: consultations.status,
      opensAt: consultations.opensAt,
      closesAt: consultations.closesAt,
      currentVersion: consultations.currentVersion,
    })
    .from(remarks)
    .innerJoin(consultationVersions, eq(consultationVersions.id, remarks.versionId))
    .innerJoin(consultations, eq(consultations.id, remarks.consultationId))
    .where(sql`${remarks.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);

/** The message D1 gives when a guarded statement below found things changed under it. */
export const isStaleDisposition = (e: unknown) => /NOT NULL constraint failed: remarks\.status/.test(messageOf(e));
export const isStalePublication = (e: unknown) => /NOT NULL constraint failed: consultation_versions\.remark_count/.test(messageOf(e));
const messageOf = (e: unknown) => String((e as Error)?.message ?? e) + String((e as { cause?: Error })?.cause?.message ?? "");

/**
 * Records one disposition on the given remarks (ids as one JSON parameter, so a bulk decision of
 * 100 remarks is one statement with five parameters). Guarded: if any of them is no longer visible
 * or its version's summary was published meanwhile, `status` would become NULL and the NOT NULL
 * constraint aborts the whole batch, its audit records included; the service reports 409.
 */
export const disposeStatement = (db: Db, ids: string[], d: { disposition: Disposition; reason: string | null }, actorId: string, now: number) =>
  db
    .update(remarks)
    .set({
      disposition: d.disposition,
      dispositionReason: d.reason,
      disposedAt: now,
      disposedBy: actorId,
      status: sql`CASE WHEN ${remarks.status} = 'visible' AND (SELECT summary_published_at FROM consultation_versions WHERE id = ${remarks.versionId}) IS NULL THEN ${remarks.status} END`,
    })
    .where(sql`${remarks.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);

/**
 * Marks the summary published — guarded the same way (through remark_count, a NOT NULL column no
 * trigger watches): if it was published meanwhile or a visible remark is still without a
 * disposition (a moderator restored one), the batch aborts and nothing is announced.
 */
export const publishSummaryStatement = (db: Db, versionId: string, now: number) =>
  db
    .update(consultationVersions)
    .set({
      summaryPublishedAt: now,
      remarkCount: sql`CASE WHEN ${consultationVersions.summaryPublishedAt} IS NULL
        AND NOT EXISTS (SELECT 1 FROM remarks WHERE version_id = ${versionId} AND status = 'visible' AND disposition IS NULL)
        THEN ${consultationVersions.remarkCount} END`,
    })
    .where(eq(consultationVersions.id, versionId));

/** The id of the notification telling a remark's author its disposition: one per remark, ever. */
export const dispositionNoteId = (remarkId: string) => `rd-${remarkId}`;

/**
 * One notification per visible remark of the version (kind remark_disposition, params {title,
 * disposition, reason}), written by ONE INSERT … SELECT with four parameters however many remarks
 * there are (20,000 rows of parameters would be 200 statements). Ids are derived from the remark
 * (`dispositionNoteId`), so the e-mail copies can be queued from the remark ids alone.
 */
export const dispositionNotesStatement = (db: Db, versionId: string, title: string, now: number) =>
  db.insert(notifications).select(
    sql`SELECT 'rd-' || r.id, r.author_id, 'remark_disposition',
      json_object('title', ${title}, 'disposition', r.disposition, 'reason', coalesce(r.disposition_reason, '')),
      '/consultations/' || r.consultation_id || '/remarks/' || r.id, ${now}, NULL
      FROM remarks r WHERE r.version_id = ${versionId} AND r.status = 'visible'`,
  );

/** The remarks the notifications above went to (read in the same batch, after them). */
export const notifiedRemarkIds = (db: Db, versionId: string) =>
  db.select({ id: remarks.id }).from(remarks).where(and(eq(remarks.versionId, versionId), eq(remarks.status, "visible")));

/** The consultation's facts the summary routes need (status, window, organiser, title). */
export const consultationFacts = (db: Db, id: string) =>
  db
    .select({
      id: consultations.id,
      organiserId: consultations.organiserId,
      title: consultations.title,
      status: consultations.status,
      opensAt: consultations.opensAt,
      closesAt: consultations.closesAt,
      currentVersion: consultations.currentVersion,
      adoptingBody: consultations.adoptingBody,
    })
    .from(consultations)
    .where(eq(consultations.id, id));

export type { Statement };
