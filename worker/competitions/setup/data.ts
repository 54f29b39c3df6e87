import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { competitions, criteria, nominations, type Stage } from "../schema";
import type { ListKey } from "./cursor";

/**
 * The setup part's own queries, unexecuted (callers batch them). Writes that change a
 * competition's setup carry the rule "only while the setup may change" in their SQL (see
 * `setupGuard`), so an edit racing the instant entries open is refused by the write itself.
 */

/** What a list card needs (never the rules text, which can be long). */
export const cardColumns = {
  id: competitions.id,
  organiserId: competitions.organiserId,
  title: competitions.title,
  summary: competitions.summary,
  status: competitions.status,
  entryOpensAt: competitions.entryOpensAt,
  entryClosesAt: competitions.entryClosesAt,
  checkClosesAt: competitions.checkClosesAt,
  evaluationClosesAt: competitions.evaluationClosesAt,
  votingClosesAt: competitions.votingClosesAt,
  publishedAt: competitions.publishedAt,
  resultsPublishedAt: competitions.resultsPublishedAt,
  updatedAt: competitions.updatedAt,
};
export type CardRow = { [K in keyof typeof cardColumns]: (typeof competitions.$inferSelect)[K] };

/**
 * Published competitions, newest first, by key (published_at, id). With `stage`, the cron's
 * cached stage column decides (kept within a minute of the instants): competitions_stage; with
 * an organiser: competitions_organiser; otherwise competitions_list. No sort step in any case.
 */
export function listPublished(db: Db, f: { stage?: Stage; organiserId?: string; after?: ListKey; limit: number }) {
  return db
    .select(cardColumns)
    .from(competitions)
    .where(
      and(
        f.organiserId !== undefined ? eq(competitions.organiserId, f.organiserId) : undefined,
        eq(competitions.status, "published"),
        f.stage !== undefined ? eq(competitions.stage, f.stage) : undefined,
        f.after ? sql`(${competitions.publishedAt}, ${competitions.id}) < (${f.after.publishedAt}, ${f.after.id})` : undefined,
      ),
    )
    .orderBy(desc(competitions.publishedAt), desc(competitions.id))
    .limit(f.limit);
}

/** How many drafts the list shows an organiser's admins (a working list, not an archive). */
export const DRAFTS_SHOWN = 50;

/** Drafts of the organisers the viewer runs, last changed first (bounded; found through competitions_organiser). */
export const draftsOf = (db: Db, organiserIds: string[]) =>
  db
    .select(cardColumns)
    .from(competitions)
    .where(and(inArray(competitions.organiserId, organiserIds.length ? organiserIds : [""]), eq(competitions.status, "draft")))
    .orderBy(desc(competitions.updatedAt), desc(competitions.id))
    .limit(DRAFTS_SHOWN);

/** The SQL of "the setup may still change" at `now`: a draft, or published with entries not yet open. */
export const editableSql = (now: number) => sql`(${competitions.status} = 'draft' OR ${now} < ${competitions.entryOpensAt})`;

/**
 * A statement that aborts its whole batch unless the setup may still change at `now` and `also`
 * holds (written LAST in a batch, `also` sees the batch's own changes — counts after an insert,
 * positions after a move). It sets status to NULL otherwise, which the NOT NULL constraint refuses;
 * `isSetupAborted` recognises that error.
 */
export const setupGuard = (db: Db, id: string, now: number, also: SQL = sql`1`) =>
  db
    .update(competitions)
    .set({ status: sql`CASE WHEN ${editableSql(now)} AND ${also} THEN ${competitions.status} END`, updatedAt: now })
    .where(eq(competitions.id, id));

export const isSetupAborted = (e: unknown) =>
  /NOT NULL constraint failed: competitions\.status|UNIQUE constraint failed: competition_(nominations|criteria)\./.test(String((e as Error)?.message ?? e) + String((e as { cause?: Error })?.cause?.message ?? ""));

export const nominationCountSql = (id: string) => sql`(SELECT count(*) FROM competition_nominations WHERE competition_id = ${id})`;
export const criterionCountSql = (id: string) => sql`(SELECT count(*) FROM competition_criteria WHERE competition_id = ${id})`;
/** The next free position at the end of the list (gaps left by deletions are harmless: only the order counts). */
const nextPosition = (table: "competition_nominations" | "competition_criteria", id: string) =>
  sql`(SELECT COALESCE(MAX(position), -1) + 1 FROM ${sql.raw(table)} WHERE competition_id = ${id})`;

export const insertNomination = (db: Db, row: { id: string; competitionId: string; title: string; description: string }) =>
  db.insert(nominations).values({ ...row, position: nextPosition("competition_nominations", row.competitionId) });

export const insertCriterion = (db: Db, row: Omit<typeof criteria.$inferInsert, "position">) =>
  db.insert(criteria).values({ ...row, position: nextPosition("competition_criteria", row.competitionId) });

/**
 * Swap two rows' positions without ever breaking the unique (competition, position) index: park
 * the first at a negative position, move the second, then the first. The guard of the batch
 * checks afterwards that both ended where they should (a concurrent move aborts the batch).
 */
export function swapPositions(db: Db, table: typeof nominations | typeof criteria, a: { id: string; position: number }, b: { id: string; position: number }) {
  return [
    db.update(table).set({ position: -1 - a.position }).where(eq(table.id, a.id)),
    db.update(table).set({ position: a.position }).where(eq(table.id, b.id)),
    db.update(table).set({ position: b.position }).where(eq(table.id, a.id)),
  ] as const;
}

export const positionIs = (table: "competition_nominations" | "competition_criteria", id: string, position: number) =>
  sql`(SELECT position FROM ${sql.raw(table)} WHERE id = ${id}) = ${position}`;
