import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import type { CompetitionFacts } from "./access";
import { organisers } from "../organisers/schema";
import { competitions, criteria, experts, nominations } from "./schema";

/**
 * The reads every part of the competitions module starts from. They return unexecuted queries so
 * callers can put them in one `db.batch([...])` with their own reads (one D1 round trip per page).
 *
 * Beware joins in a batch: D1 returns batch rows keyed by column name, so two joined tables with a
 * column of the same name (id, title, status, position …) overwrite each other. Select such columns
 * under their own aliases.
 */

export type CompetitionRow = typeof competitions.$inferSelect;
export type NominationRow = typeof nominations.$inferSelect;
export type CriterionRow = typeof criteria.$inferSelect;
export type ExpertRow = typeof experts.$inferSelect;

/** A competition with its organiser's names. */
export const competitionById = (db: Db, id: string) =>
  db
    .select({ competition: competitions, organiserNameRu: organisers.nameRu, organiserNameEn: organisers.nameEn, organiserShort: organisers.shortName })
    .from(competitions)
    .innerJoin(organisers, eq(organisers.id, competitions.organiserId))
    .where(eq(competitions.id, id));

/** Nominations in the organiser's order. */
export const nominationsOf = (db: Db, competitionId: string) =>
  db.select().from(nominations).where(eq(nominations.competitionId, competitionId)).orderBy(asc(nominations.position));

/** Criteria in the organiser's order. */
export const criteriaOf = (db: Db, competitionId: string) =>
  db.select().from(criteria).where(eq(criteria.competitionId, competitionId)).orderBy(asc(criteria.position));

/** The viewer's expert row for the competition (empty when they are not its expert). */
export const expertRowOf = (db: Db, competitionId: string, userId: string) =>
  db.select().from(experts).where(and(eq(experts.competitionId, competitionId), eq(experts.userId, userId)));

/** The facts `competitionAccess` needs, picked from a row (or from a join that selected these columns). */
export const competitionFacts = (c: Pick<CompetitionRow, keyof CompetitionFacts>): CompetitionFacts => ({
  organiserId: c.organiserId,
  status: c.status,
  resultsPublishedAt: c.resultsPublishedAt,
  entryOpensAt: c.entryOpensAt,
  entryClosesAt: c.entryClosesAt,
  checkClosesAt: c.checkClosesAt,
  evaluationClosesAt: c.evaluationClosesAt,
  votingClosesAt: c.votingClosesAt,
});

export const competitionUrl = (id: string) => `/competitions/${id}`;
export const entryUrl = (competitionId: string, entryId: string) => `/competitions/${competitionId}/entries/${entryId}`;
