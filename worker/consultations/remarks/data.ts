import { and, asc, eq, ne, sql, type SQL } from "drizzle-orm";
import { alias, type SQLiteSelect } from "drizzle-orm/sqlite-core";
import { users } from "../../accounts/schema";
import type { Db } from "../../db/client";
import { organisations } from "../../organisations/schema";
import { consultationClauses, consultations, consultationVersions, remarks, remarkSupports, type RemarkStatus } from "../schema";
import type { RemarkKey } from "./cursor";

/**
 * The remarks' queries. They return unexecuted statements, so a page puts all its reads into one
 * `db.batch([...])` (one D1 round trip) and a change puts its row, its counters and its audit record
 * into one batch of writes.
 */

const author = alias(users, "remark_author");
const org = alias(organisations, "remark_org");
const mySupport = alias(remarkSupports, "my_support");

/**
 * A remark as lists show it. The author's name is selected only for remarks not left anonymously —
 * for an anonymous one it never leaves the database, so no page, JSON or log can carry it. Joined
 * columns get their own names (a D1 batch returns rows keyed by column name).
 */
const listed = {
  id: remarks.id,
  consultationId: remarks.consultationId,
  versionId: remarks.versionId,
  clauseId: remarks.clauseId,
  clausePosition: remarks.clausePosition,
  organiserId: remarks.organiserId,
  authorId: remarks.authorId,
  organisationId: remarks.organisationId,
  shownAs: remarks.shownAs,
  kind: remarks.kind,
  body: remarks.body,
  proposedText: remarks.proposedText,
  status: remarks.status,
  supportCount: remarks.supportCount,
  replyCount: remarks.replyCount,
  createdAt: remarks.createdAt,
  disposition: remarks.disposition,
  dispositionReason: remarks.dispositionReason,
  authorName: sql<string | null>`CASE WHEN ${remarks.shownAs} = 'anonymous' THEN NULL ELSE ${author.displayName} END`.as("remark_author_name"),
  authorDeletedAt: sql<number | null>`CASE WHEN ${remarks.shownAs} = 'anonymous' THEN NULL ELSE ${author.deletedAt} END`.as("remark_author_deleted_at"),
  organisationName: sql<string | null>`${org.name}`.as("remark_organisation_name"),
  supportedByMe: sql<number>`${mySupport.userId} IS NOT NULL`.as("supported_by_me"),
};
export type ListedRemark = Awaited<ReturnType<typeof listedRemark>>[number];

/** The joins behind `listed`: the author and the organisation (primary keys) and the viewer's own support (primary key). */
function withListedJoins<T extends SQLiteSelect>(q: T, viewerId: string | null) {
  return q
    .innerJoin(author, eq(author.id, remarks.authorId))
    .leftJoin(org, and(eq(org.id, remarks.organisationId), eq(remarks.shownAs, "organisation")))
    .leftJoin(mySupport, and(eq(mySupport.remarkId, remarks.id), eq(mySupport.userId, viewerId ?? "")));
}

const listedWhere = (db: Db, where: SQL | undefined, viewerId: string | null) => withListedJoins(db.select(listed).from(remarks).$dynamic(), viewerId).where(where);

const after = (k: RemarkKey | undefined) => (k ? sql`(${remarks.createdAt}, ${remarks.id}) > (${k.createdAt}, ${k.id})` : undefined);

/**
 * One page of a clause's visible remarks, oldest first, by key: a range of the index remarks_clause
 * (clause_id, status, created_at, id) read in its own order — no sort step however many remarks the
 * clause has — each row joined by primary key to its author, organisation and the viewer's support.
 */
export const clauseRemarksPage = (db: Db, clauseId: string, opts: { after?: RemarkKey; limit: number; viewerId: string | null }) =>
  listedWhere(db, and(eq(remarks.clauseId, clauseId), eq(remarks.status, "visible"), after(opts.after)), opts.viewerId)
    .orderBy(asc(remarks.createdAt), asc(remarks.id))
    .limit(opts.limit);

/**
 * One page of the remarks on a version as a whole (clause_position -1), oldest first, by key: a range
 * of remarks_version_order (version_id, clause_position, created_at, id); the status is checked on
 * the rows read (hidden and deleted remarks are few).
 */
export const documentRemarksPage = (db: Db, versionId: string | SQL, opts: { after?: RemarkKey; limit: number; viewerId: string | null }) =>
  listedWhere(db, and(eq(remarks.versionId, versionId), eq(remarks.clausePosition, -1), eq(remarks.status, "visible"), after(opts.after)), opts.viewerId)
    .orderBy(asc(remarks.clausePosition), asc(remarks.createdAt), asc(remarks.id))
    .limit(opts.limit);

/** Remarks on a version as a whole that are not deleted (the clauses have their own counters): the same index range. */
export const documentRemarkCount = (db: Db, versionId: string | SQL) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(remarks)
    .where(and(eq(remarks.versionId, versionId), eq(remarks.clausePosition, -1), ne(remarks.status, "deleted")));

/** One remark with the list's columns. */
export const listedRemark = (db: Db, id: string, viewerId: string | null = null) => listedWhere(db, eq(remarks.id, id), viewerId);

/**
 * What every decision about one remark needs, in one statement: the remark, its consultation (window,
 * status, current version), its version (number, status, summary) and its clause (number, text).
 */
export const remarkFacts = (db: Db, id: string) =>
  db
    .select({
      id: remarks.id,
      consultationId: remarks.consultationId,
      versionId: remarks.versionId,
      clauseId: remarks.clauseId,
      organiserId: remarks.organiserId,
      authorId: remarks.authorId,
      kind: remarks.kind,
      body: remarks.body,
      proposedText: remarks.proposedText,
      status: remarks.status,
      replyCount: remarks.replyCount,
      // Joined columns under their own names (in a D1 batch rows are keyed by name: "status" thrice here).
      title: sql<string>`${consultations.title}`.as("rc_title"),
      consultationStatus: sql<"draft" | "published" | "adopted">`${consultations.status}`.as("rc_status"),
      opensAt: sql<number>`${consultations.opensAt}`.as("rc_opens_at"),
      closesAt: sql<number>`${consultations.closesAt}`.as("rc_closes_at"),
      currentVersion: sql<number>`${consultations.currentVersion}`.as("rc_current_version"),
      versionNumber: sql<number>`${consultationVersions.number}`.as("rv_number"),
      versionStatus: sql<"draft" | "published">`${consultationVersions.status}`.as("rv_status"),
      summaryPublishedAt: sql<number | null>`${consultationVersions.summaryPublishedAt}`.as("rv_summary_published_at"),
      clauseNumber: sql<string | null>`${consultationClauses.number}`.as("remark_clause_number"),
      clauseText: sql<string | null>`${consultationClauses.text}`.as("remark_clause_text"),
    })
    .from(remarks)
    .innerJoin(consultations, eq(consultations.id, remarks.consultationId))
    .innerJoin(consultationVersions, eq(consultationVersions.id, remarks.versionId))
    .leftJoin(consultationClauses, eq(consultationClauses.id, remarks.clauseId))
    .where(eq(remarks.id, id));
export type RemarkFacts = Awaited<ReturnType<typeof remarkFacts>>[number];

/**
 * One clause with what the remarks need of its version. The version's columns get their own names:
 * a D1 batch returns rows keyed by column name, so a plain join of the two tables (both have id,
 * number, status, remark_count …) would let the version's values overwrite the clause's.
 */
export const clauseForRemarks = (db: Db, clauseId: string) =>
  db
    .select({
      id: consultationClauses.id,
      consultationId: consultationClauses.consultationId,
      versionId: consultationClauses.versionId,
      position: consultationClauses.position,
      kind: consultationClauses.kind,
      number: consultationClauses.number,
      text: consultationClauses.text,
      addressees: consultationClauses.addressees,
      remarkCount: consultationClauses.remarkCount,
      versionNumber: sql<number>`${consultationVersions.number}`.as("cv_number"),
      versionStatus: sql<"draft" | "published">`${consultationVersions.status}`.as("cv_status"),
      summaryPublishedAt: sql<number | null>`${consultationVersions.summaryPublishedAt}`.as("cv_summary_published_at"),
    })
    .from(consultationClauses)
    .innerJoin(consultationVersions, eq(consultationVersions.id, consultationClauses.versionId))
    .where(eq(consultationClauses.id, clauseId));
export type ClauseForRemarks = Awaited<ReturnType<typeof clauseForRemarks>>[number];

/** The newest published version of a consultation (the one remarks go to), by the (consultation_id, number) unique index. */
export const currentVersionOf = (db: Db, consultationId: string) =>
  db
    .select()
    .from(consultationVersions)
    .where(and(eq(consultationVersions.consultationId, consultationId), sql`${consultationVersions.number} = (SELECT current_version FROM consultations WHERE id = ${consultationId})`));

/**
 * The SQL condition "this consultation takes remarks at `now` on version `versionId`": published (not
 * adopted), the window containing `now` (open from opens_at exactly until just before closes_at) and
 * the version its current published one. Written into the statements themselves, so a remark or a
 * support cannot slip in between the service's check and the write when the window closes, the
 * organiser moves it, or a new version is published in the meantime.
 */
const acceptsAt = (consultationId: SQL | string, versionId: SQL | string, now: number) => sql`EXISTS (
  SELECT 1 FROM consultations AS wc INNER JOIN consultation_versions AS wv ON wv.consultation_id = wc.id
  WHERE wc.id = ${consultationId} AND wv.id = ${versionId} AND wc.status = 'published'
    AND wc.opens_at <= ${now} AND ${now} < wc.closes_at
    AND wv.status = 'published' AND wv.number = wc.current_version)`;

export interface NewRemark {
  id: string;
  consultationId: string;
  versionId: string;
  clauseId: string | null;
  clausePosition: number;
  organiserId: string;
  authorId: string;
  organisationId: string | null;
  shownAs: "name" | "organisation" | "anonymous";
  kind: "comment" | "wording" | "new_clause" | "objection";
  body: string;
  proposedText: string | null;
  createdAt: number;
}

/**
 * The remark, written only if the consultation takes remarks at its `createdAt` on its version and the
 * clause (when there is one) belongs to that version — INSERT … SELECT … WHERE, so nothing is written
 * otherwise and the caller finds no row. Columns in table order (drizzle lists them all).
 */
export function insertRemarkGuarded(db: Db, r: NewRemark) {
  const clauseOk = r.clauseId === null ? sql`1` : sql`EXISTS (SELECT 1 FROM consultation_clauses WHERE id = ${r.clauseId} AND version_id = ${r.versionId})`;
  return db.insert(remarks).select(
    sql`SELECT ${r.id}, ${r.consultationId}, ${r.versionId}, ${r.clauseId}, ${r.clausePosition}, ${r.organiserId}, ${r.authorId}, ${r.organisationId}, ${r.shownAs}, ${r.kind}, ${r.body}, ${r.proposedText}, 'visible', 0, 0, ${r.createdAt}, NULL, NULL, NULL, NULL
      WHERE ${acceptsAt(r.consultationId, r.versionId, r.createdAt)} AND ${clauseOk}`,
  );
}

export const remarkExists = (db: Db, id: string) => db.select({ id: remarks.id }).from(remarks).where(eq(remarks.id, id));

/**
 * The three remark counters, recounted: the clause's and the version's from the rows (remarks not
 * deleted — hidden ones still count, like comments), the consultation's as the sum of its versions'
 * (just recounted in the same batch; the remarks table has no index by consultation alone).
 */
export function counterStatements(db: Db, at: { consultationId: string; versionId: string; clauseId: string | null }) {
  return [
    ...(at.clauseId
      ? [
          db
            .update(consultationClauses)
            .set({ remarkCount: sql`(SELECT count(*) FROM remarks WHERE clause_id = ${at.clauseId} AND status <> 'deleted')` })
            .where(eq(consultationClauses.id, at.clauseId)),
        ]
      : []),
    db
      .update(consultationVersions)
      .set({ remarkCount: sql`(SELECT count(*) FROM remarks WHERE version_id = ${at.versionId} AND status <> 'deleted')` })
      .where(eq(consultationVersions.id, at.versionId)),
    db
      .update(consultations)
      .set({ remarkCount: sql`(SELECT coalesce(sum(remark_count), 0) FROM consultation_versions WHERE consultation_id = ${at.consultationId})` })
      .where(eq(consultations.id, at.consultationId)),
  ] as const;
}

/**
 * The author's deletion while the window is open: the row stays (its replies keep their place, the
 * page says «замечание удалено автором») with its texts cleared. Guarded like the insert.
 */
export const deleteRemarkGuarded = (db: Db, f: { id: string; authorId: string; consultationId: string; versionId: string }, now: number) =>
  db
    .update(remarks)
    .set({ status: "deleted", body: "", proposedText: null })
    .where(and(eq(remarks.id, f.id), eq(remarks.authorId, f.authorId), ne(remarks.status, "deleted"), acceptsAt(f.consultationId, f.versionId, now)))
    .returning({ id: remarks.id });

/** A support, only on a visible remark of somebody else while its consultation takes remarks; a repeat is ignored (primary key). */
export const addSupportGuarded = (db: Db, f: { remarkId: string; userId: string; consultationId: string; versionId: string }, now: number) =>
  db
    .insert(remarkSupports)
    .select(
      sql`SELECT ${f.remarkId}, ${f.userId}, ${now}
        WHERE EXISTS (SELECT 1 FROM remarks WHERE id = ${f.remarkId} AND status = 'visible' AND author_id <> ${f.userId}) AND ${acceptsAt(f.consultationId, f.versionId, now)}`,
    )
    .onConflictDoNothing();

export const removeSupportGuarded = (db: Db, f: { remarkId: string; userId: string; consultationId: string; versionId: string }, now: number) =>
  db.delete(remarkSupports).where(and(eq(remarkSupports.remarkId, f.remarkId), eq(remarkSupports.userId, f.userId), acceptsAt(f.consultationId, f.versionId, now)));

/** A remark's support counter, recounted from its rows (exact however many requests race). */
export const recountSupports = (db: Db, remarkId: string) =>
  db
    .update(remarks)
    .set({ supportCount: sql`(SELECT count(*) FROM remark_supports WHERE remark_id = ${remarkId})` })
    .where(eq(remarks.id, remarkId));

/** After a support change: the counter and whether this person supports it now. */
export const supportStateOf = (db: Db, remarkId: string, userId: string) =>
  db
    .select({ supportCount: remarks.supportCount, mine: sql<number>`${mySupport.userId} IS NOT NULL`.as("mine") })
    .from(remarks)
    .leftJoin(mySupport, and(eq(mySupport.remarkId, remarks.id), eq(mySupport.userId, userId)))
    .where(eq(remarks.id, remarkId));

/** The reply counter: comments on the remark that are not deleted (hidden ones count, as everywhere in the discussion). */
export const recountReplies = (db: Db, remarkId: string) =>
  db
    .update(remarks)
    .set({ replyCount: sql`(SELECT count(*) FROM comments WHERE target_type = 'remark' AND target_id = ${remarkId} AND status <> 'deleted')` })
    .where(eq(remarks.id, remarkId));

/**
 * A moderator's hide or restore, guarded: when the remark is not in `from` any more (another moderator
 * decided first, the author deleted it) the status becomes NULL, the NOT NULL constraint fails and the
 * whole batch — audit record, queue item, the queue's follow-ups — is rolled back.
 */
export const moderateStatement = (db: Db, id: string, from: RemarkStatus, to: RemarkStatus) =>
  db
    .update(remarks)
    .set({ status: sql`CASE WHEN ${remarks.status} = ${from} THEN ${to} ELSE NULL END` })
    .where(eq(remarks.id, id));

export const isStaleRemarkState = (e: unknown) =>
  /NOT NULL constraint failed: remarks\.status/.test(String((e as Error)?.message ?? e) + String((e as { cause?: Error })?.cause?.message ?? ""));

/** Reports over the threshold: hidden if visible and `condition` holds when the batch runs. */
export const hideWhenStatement = (db: Db, id: string, condition: SQL) =>
  db
    .update(remarks)
    .set({ status: "hidden" })
    .where(and(eq(remarks.id, id), eq(remarks.status, "visible"), condition));

export { remarks, remarkSupports };
