import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { organisers } from "../organisers/schema";
import { consultationClauses, consultations, consultationVersions } from "./schema";

/**
 * The reads every part of the consultations module starts from. They return unexecuted queries so
 * callers can put them in one `db.batch([...])` with their own reads (one D1 round trip per page).
 *
 * Beware joins in a batch: D1 returns batch rows keyed by column name, so two joined tables with a
 * column of the same name (id, number, status …) overwrite each other. Select such columns under
 * their own aliases (as ./remarks/data.ts and ./drafting/data.ts do).
 */

/** A consultation with its organiser's names. */
export const consultationById = (db: Db, id: string) =>
  db
    .select({ consultation: consultations, organiserNameRu: organisers.nameRu, organiserNameEn: organisers.nameEn, organiserShort: organisers.shortName })
    .from(consultations)
    .innerJoin(organisers, eq(organisers.id, consultations.organiserId))
    .where(eq(consultations.id, id));

export type ConsultationRow = typeof consultations.$inferSelect;
export type VersionRow = typeof consultationVersions.$inferSelect;
export type ClauseRow = typeof consultationClauses.$inferSelect;

/** One version by its number (1, 2 …). */
export const versionByNumber = (db: Db, consultationId: string, number: number) =>
  db
    .select()
    .from(consultationVersions)
    .where(and(eq(consultationVersions.consultationId, consultationId), eq(consultationVersions.number, number)));

/** The draft version being edited, if there is one. */
export const draftVersionOf = (db: Db, consultationId: string) =>
  db
    .select()
    .from(consultationVersions)
    .where(and(eq(consultationVersions.consultationId, consultationId), eq(consultationVersions.status, "draft")));

/** Every version, oldest first (the version switcher and the compare form). */
export const versionsOf = (db: Db, consultationId: string) =>
  db.select().from(consultationVersions).where(eq(consultationVersions.consultationId, consultationId)).orderBy(asc(consultationVersions.number));

/** A clause's columns as the pages show it (document order, tree depth, kind, number, text, addressees). */
export const clauseColumns = {
  id: consultationClauses.id,
  position: consultationClauses.position,
  depth: consultationClauses.depth,
  kind: consultationClauses.kind,
  number: consultationClauses.number,
  text: consultationClauses.text,
  addressees: consultationClauses.addressees,
};

/** The clauses of a version in document order (uses the (version_id, position) unique index). */
export const clausesOf = (db: Db, versionId: string) =>
  db.select().from(consultationClauses).where(eq(consultationClauses.versionId, versionId)).orderBy(asc(consultationClauses.position));

/**
 * The condition on consultation_clauses for the clauses of version `number` — a number, or an SQL
 * expression giving one, so a part's default is computed inside the query and no round trip is
 * spent learning the version first. The version is found by (consultation_id, number), its
 * clauses by (version_id, position) when ordered by position; no join, so nothing to alias in a batch.
 */
export const inVersionNumbered = (consultationId: string, number: number | SQL) =>
  eq(consultationClauses.versionId, sql`(SELECT id FROM consultation_versions WHERE consultation_id = ${consultationId} AND number = ${number})`);
