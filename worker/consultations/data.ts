import { and, asc, eq } from "drizzle-orm";
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

/** The clauses of a version in document order (uses the (version_id, position) unique index). */
export const clausesOf = (db: Db, versionId: string) =>
  db.select().from(consultationClauses).where(eq(consultationClauses.versionId, versionId)).orderBy(asc(consultationClauses.position));
