import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { clauseColumns, inVersionNumbered } from "../data";
import { consultationClauses, consultations, consultationVersions, remarkLinks, remarks } from "../schema";

/**
 * Reads of the compare page, as unexecuted queries for one batch with the consultation and its
 * versions. A version is named by its number; when the request gave none, the number is computed
 * inside the query from the consultation's current version, so the defaults need no extra round trip.
 */

/** A version number given by the request, or the newest published one (minus `back`). */
export const versionNumber = (consultationId: string, given: number | undefined, back = 0): number | SQL =>
  given ?? sql`((SELECT ${consultations.currentVersion} FROM ${consultations} WHERE ${consultations.id} = ${consultationId}) - ${back})`;

/** The clauses of version `number` in document order: the version by (consultation_id, number), then its clauses by (version_id, position). */
export const clausesOfNumber = (db: Db, consultationId: string, number: number | SQL) =>
  db
    .select({ ...clauseColumns, lineage: consultationClauses.lineage })
    .from(consultationClauses)
    .where(inVersionNumbered(consultationId, number))
    .orderBy(asc(consultationClauses.position));

/** Characters of a remark shown as its link text on the compare page. */
export const REMARK_EXCERPT = 120;

/**
 * Visible remarks the organiser marked as taken into account in a clause of version `number`
 * (remark_links), in clause order: the link text is the remark's beginning (its proposed
 * text when it has no explanation).
 */
export const takenRemarksOfNumber = (db: Db, consultationId: string, number: number | SQL) =>
  db
    .select({
      clauseId: remarkLinks.clauseId,
      remarkId: remarks.id,
      kind: remarks.kind,
      createdAt: remarks.createdAt,
      excerpt: sql<string>`substr(coalesce(nullif(${remarks.body}, ''), ${remarks.proposedText}, ''), 1, ${REMARK_EXCERPT})`,
    })
    .from(consultationVersions)
    .innerJoin(consultationClauses, eq(consultationClauses.versionId, consultationVersions.id))
    .innerJoin(remarkLinks, eq(remarkLinks.clauseId, consultationClauses.id))
    .innerJoin(remarks, eq(remarks.id, remarkLinks.remarkId))
    .where(and(eq(consultationVersions.consultationId, consultationId), eq(consultationVersions.number, number), eq(remarks.status, "visible")))
    // Clause order comes from the index; each clause's few remarks are put oldest first by the caller (no sort in SQL).
    .orderBy(asc(consultationClauses.position));
