import { and, asc, desc, eq, gt, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { clauseColumns, consultationById, inVersionNumbered } from "../data";
import { consultationClauses, consultations, consultationVersions, type ConsultationStatus } from "../schema";
import type { ListKey } from "./cursor";

/** Unexecuted reads of the reading part; pages and routes put them into one batch. */

export const LIST_STATES = ["open", "upcoming", "closed", "adopted"] as const;
export type ListState = (typeof LIST_STATES)[number];

const cardView = {
  id: consultations.id,
  organiserId: consultations.organiserId,
  title: consultations.title,
  adoptingBody: consultations.adoptingBody,
  status: consultations.status,
  opensAt: consultations.opensAt,
  closesAt: consultations.closesAt,
  currentVersion: consultations.currentVersion,
  remarkCount: consultations.remarkCount,
  publishedAt: consultations.publishedAt,
};
export type CardRow = { [K in keyof typeof cardView]: (typeof consultations.$inferSelect)[K] };

/**
 * The state filter as conditions on the row: the status, and for a published consultation its
 * comment window against `now` (open iff opens_at <= now < closes_at, as ./window.ts decides).
 * Every state is one status, so each list is one walk of an index that starts with the status
 * (consultations_list, or consultations_organiser after the organiser) in (published_at, id)
 * order; the window is checked on the rows walked. The window is not indexed on purpose: the
 * order is by publication, and a window's state follows its publication closely (the newest
 * are upcoming or open, older ones closed), so the walk to fill a page stays short.
 */
export function stateCondition(state: ListState, now: number): { status: ConsultationStatus; window?: SQL } {
  switch (state) {
    case "adopted":
      return { status: "adopted" };
    case "upcoming":
      return { status: "published", window: gt(consultations.opensAt, now) };
    case "open":
      return { status: "published", window: and(lte(consultations.opensAt, now), gt(consultations.closesAt, now)) };
    case "closed":
      return { status: "published", window: lte(consultations.closesAt, now) };
  }
}

export interface ListFilter {
  organiserId?: string;
  state?: ListState;
  after?: ListKey;
  limit: number;
  now: number;
}

/**
 * Public consultations (published and adopted), newest published first, by key (published_at, id),
 * never OFFSET. Without a state the two statuses are two ordered index walks merged by SQLite
 * (UNION ALL with ORDER BY is a merge of ordered inputs): `status IN (...)` would make it sort.
 */
export function listPublic(db: Db, f: ListFilter) {
  const arm = (status: ConsultationStatus, window?: SQL) =>
    db
      .select(cardView)
      .from(consultations)
      .where(
        and(
          f.organiserId !== undefined ? eq(consultations.organiserId, f.organiserId) : undefined,
          eq(consultations.status, status),
          window,
          f.after ? sql`(${consultations.publishedAt}, ${consultations.id}) < (${f.after.publishedAt}, ${f.after.id})` : undefined,
        ),
      );
  if (f.state) {
    const s = stateCondition(f.state, f.now);
    return arm(s.status, s.window).orderBy(desc(consultations.publishedAt), desc(consultations.id)).limit(f.limit);
  }
  return arm("published").unionAll(arm("adopted")).orderBy(desc(consultations.publishedAt), desc(consultations.id)).limit(f.limit);
}

/** How many drafts the list shows an organiser's admins (a working list, not an archive). */
export const DRAFTS_SHOWN = 50;

/**
 * Draft consultations of the given organisers, last changed first. A bounded list (drafts of the
 * organisers one administers, at most DRAFTS_SHOWN) found through consultations_organiser and
 * sorted in memory by SQLite.
 */
export const draftsOf = (db: Db, organiserIds: string[]) =>
  db
    .select({ ...cardView, updatedAt: consultations.updatedAt })
    .from(consultations)
    .where(and(inArray(consultations.organiserId, organiserIds.length ? organiserIds : [""]), eq(consultations.status, "draft")))
    .orderBy(desc(consultations.updatedAt), desc(consultations.id))
    .limit(DRAFTS_SHOWN);

/** A version's facts for the page and the switcher (never the source text, which can be long). */
export const versionView = {
  id: consultationVersions.id,
  number: consultationVersions.number,
  status: consultationVersions.status,
  note: consultationVersions.note,
  clauseCount: consultationVersions.clauseCount,
  remarkCount: consultationVersions.remarkCount,
  publishedAt: consultationVersions.publishedAt,
  summaryPublishedAt: consultationVersions.summaryPublishedAt,
  adoptedOn: consultationVersions.adoptedOn,
  adoptedBy: consultationVersions.adoptedBy,
  adoptedAt: consultationVersions.adoptedAt,
};
export type VersionFacts = { [K in keyof typeof versionView]: (typeof consultationVersions.$inferSelect)[K] };

export const versionsBrief = (db: Db, consultationId: string) =>
  db.select(versionView).from(consultationVersions).where(eq(consultationVersions.consultationId, consultationId)).orderBy(asc(consultationVersions.number));

const clauseView = { ...clauseColumns, remarkCount: consultationClauses.remarkCount };
export type ClauseFacts = { [K in keyof typeof clauseView]: (typeof consultationClauses.$inferSelect)[K] };

/**
 * The number a request without `?version=` reads: the newest published version, or version 1
 * while nothing is published (the draft its organiser's admins are preparing).
 */
export const defaultVersionNumber = (currentVersion: number) => (currentVersion > 0 ? currentVersion : 1);

/**
 * The clauses of version `number` (null: the default one, decided inside the query from the
 * consultation's current_version), so the consultation, its versions and the clauses come back
 * in one batch without knowing the version's id first. Counts are the clauses' remark_count.
 */
export function clausesOfNumber(db: Db, consultationId: string, number: number | null) {
  const n = number ?? sql`(SELECT CASE WHEN current_version > 0 THEN current_version ELSE 1 END FROM consultations WHERE id = ${consultationId})`;
  return db.select(clauseView).from(consultationClauses).where(inVersionNumbered(consultationId, n)).orderBy(asc(consultationClauses.position));
}

/** The document page's one round trip: the consultation (with its organiser), its versions, the clauses read. */
export const documentStatements = (db: Db, consultationId: string, number: number | null) =>
  [consultationById(db, consultationId), versionsBrief(db, consultationId), clausesOfNumber(db, consultationId, number)] as const;
