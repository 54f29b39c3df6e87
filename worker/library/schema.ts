import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import { users } from "../accounts/schema";
import { competitions, entries } from "../competitions/schema";
import { organisers } from "../organisers/schema";

/**
 * «Библиотека городских практик»: winning entries (copied when a competition's results are
 * published) and practices an organiser adds by hand. A copy, not a view of the entry, so that the
 * library keeps its text when an entry is later edited or its competition archived.
 *
 * Full-text search lives in the FTS5 table `practices_fts` (hand-written in the migration: drizzle
 * does not describe virtual tables): one row per practice with `practice_id` UNINDEXED and `words`,
 * the practice's text reduced to Russian/English stems by library/stemming.ts, written in the same
 * batch as the practice. See library/search.ts for why stems over unicode61 and not trigram or porter.
 */
export const PRACTICE_SOURCES = ["entry", "manual"] as const;
export type PracticeSource = (typeof PRACTICE_SOURCES)[number];

export const practices = sqliteTable(
  "practices",
  {
    id: text("id").primaryKey(),
    organiserId: text("organiser_id").notNull().references(() => organisers.id),
    source: text("source", { enum: PRACTICE_SOURCES }).notNull(),
    competitionId: text("competition_id").references(() => competitions.id),
    entryId: text("entry_id").references(() => entries.id),
    /** The nomination's title at the time, and the place the entry took (winners only). */
    nomination: text("nomination").notNull().default(""),
    place: integer("place"),
    city: text("city").notNull(),
    country: text("country").notNull().default(""),
    title: text("title").notNull(),
    theme: text("theme").notNull().default(""),
    year: integer("year").notNull(),
    problem: text("problem").notNull().default(""),
    actions: text("actions").notNull().default(""),
    results: text("results").notNull().default(""),
    period: text("period").notNull().default(""),
    budget: integer("budget"),
    createdBy: text("created_by").notNull().references(() => users.id),
    createdAt: integer("created_at").notNull(),
    /** Hidden by the organiser (kept for the record, not listed or found). */
    hiddenAt: integer("hidden_at"),
  },
  (t) => [
    // Browsing by filter, newest year first, paginated by key; each filter leads its own index.
    index("practices_year").on(t.year, t.id).where(sql`hidden_at IS NULL`),
    index("practices_city").on(t.city, t.year, t.id).where(sql`hidden_at IS NULL`),
    index("practices_theme").on(t.theme, t.year, t.id).where(sql`hidden_at IS NULL`),
    index("practices_nomination").on(t.nomination, t.year, t.id).where(sql`hidden_at IS NULL`),
    index("practices_competition").on(t.competitionId),
    // A winning entry enters the library once, however often results are republished.
    uniqueIndex("practices_entry").on(t.entryId).where(sql`entry_id IS NOT NULL`),
  ],
);
