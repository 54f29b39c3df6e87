import { and, eq, isNull, sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { Db, Statement } from "../db/client";
import { practices } from "./schema";
import { practiceWords } from "./stemming";

/**
 * What other modules use of the library: the statements that put a practice into it (a competition's
 * winners when results are published, the demo) and take it out of the lists. Unexecuted, so the
 * caller writes them in the same `db.batch([...])` as its own change and its audit record.
 */

export type NewPractice = typeof practices.$inferInsert;
export type PracticeRow = typeof practices.$inferSelect;

/**
 * The FTS5 table, described for drizzle's query builder only (statements built with it can go into a
 * batch; a raw `db.run(sql)` cannot). Not exported from db/schema.ts: drizzle-kit must not try to
 * create it — migration 0007 creates it by hand as `fts5(practice_id UNINDEXED, words)`.
 *
 * Its rowid is the practice row's rowid: that makes "is this practice indexed yet?" a rowid lookup
 * (`practice_id` is UNINDEXED, a lookup by it would read the whole table). Joins go by practice_id,
 * so search stays right even if rowids were ever renumbered (a VACUUM may do that to a table without
 * an INTEGER PRIMARY KEY); `rebuildStatements` realigns them.
 */
export const practicesFts = sqliteTable("practices_fts", {
  rowid: integer("rowid"),
  practiceId: text("practice_id").notNull(),
  words: text("words").notNull(),
});

/**
 * The practice row and its search row.
 *
 * Idempotent for winners: the row is INSERT OR IGNORE, so a second publication of the same entry (the
 * unique index practices_entry) or a repeat of the same id writes nothing; the FTS row is inserted by
 * `INSERT … SELECT` FROM the practice row with this id, so it is written only if that row exists, and
 * only if no FTS row has its rowid yet. Call it with a fresh id each time; repeating is harmless.
 */
export function practiceStatements(db: Db, practice: NewPractice): Statement[] {
  const words = practiceWords(practice);
  return [
    db.insert(practices).values(practice).onConflictDoNothing(),
    db.insert(practicesFts).select(
      sql`SELECT p.rowid, p.id, ${words} FROM ${practices} p WHERE p.id = ${practice.id}
        AND NOT EXISTS (SELECT 1 FROM practices_fts f WHERE f.rowid = p.rowid)`,
    ),
  ];
}

/**
 * Hide a practice: kept for the record, gone from lists and search (search joins the row and asks
 * `hidden_at IS NULL`, so its FTS row may stay — unhiding would need no reindex). Only a visible
 * practice is hidden; the caller checks the change happened (meta.changes) before claiming it.
 */
export function practiceHideStatement(db: Db, id: string, at: number) {
  return db.update(practices).set({ hiddenAt: at }).where(and(eq(practices.id, id), isNull(practices.hiddenAt)));
}

/** The practice that a competition entry became, if any (to link an entry to its library page). */
export const practiceOfEntry = (db: Db, entryId: string) =>
  db.select({ id: practices.id, hiddenAt: practices.hiddenAt }).from(practices).where(eq(practices.entryId, entryId));

export const practiceUrl = (id: string) => `/library/${id}`;
