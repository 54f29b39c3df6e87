import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { practicesFts } from "./index";
import { practices } from "./schema";

/**
 * Search and browsing of the library.
 *
 * THE TOKENIZER. `practices_fts` is `fts5(practice_id UNINDEXED, words, tokenize = 'unicode61
 * remove_diacritics 2')`, and `words` holds Snowball stems, not the text: the worker reduces the text
 * to stems when it stores a practice (stemming.ts `practiceWords`) and the visitor's query the same
 * way when it searches (`ftsQuery`), so FTS5 only has to split on spaces and compare stems. The issue's
 * example, measured (test/worker/library.test.ts, test/unit/library-stemming.test.ts):
 *   text «…не хватало детских площадок…» → words «… детск площадк …»
 *   query «детская площадка» → `"детск"* AND "площадк"*` → found; so are «детские площадки» and
 *   «площадками»; «велодорожки» is not.
 * The alternatives FTS5 offers by itself, and why not:
 * - `porter`: Porter's stemmer is English only; Russian words pass through it untouched.
 * - plain `unicode61`: no morphology at all — «площадок», «площадка», «площадками» are three
 *   different tokens, so «детская площадка» finds nothing in «детских площадок».
 * - `trigram`: matches substrings of three characters or more, inside words. It needs ≥ 3 characters
 *   per term (a two-letter word can't be searched), its index is ten times bigger (every
 *   three-letter window of the text is a term: on 5,000 generated practices of ~190 words, node:sqlite,
 *   the trigram index took 25.0 MB, plain unicode61 over the text 3.5 MB, these stems 2.4 MB), it still misses the example as a phrase («площадок»
 *   does not contain «площадка»; only the shorter common part «площад» would match, and the visitor
 *   does not type that), «парк» would find «парковка» and «Парклэнд», and bm25 ranks windows of
 *   letters instead of word forms.
 * Snowball leaves the fleeting vowel of a genitive plural («площадок» stays, «площадка» gives
 * «площадк»); stemming.ts joins those. Stems over unicode61 keep the index as small as the words,
 * rank by words (bm25), and keep the morphology in TypeScript where it is unit-tested; the cost is
 * that FTS5's `snippet()`/`highlight()` would show stems, so the list highlights in TypeScript
 * (highlight.ts) by stemming the shown words the same way.
 *
 * THE ORDER. Browsing without text: newest year first, by key (year, id), on the partial index of
 * the filter that leads (practices_city / _theme / _nomination / _year, all `WHERE hidden_at IS
 * NULL` — the query repeats that condition literally, or SQLite would not use them). With text: by
 * bm25 (lower is better), then id, by key (rank, id). FTS5 cannot walk matches in rank order, so each
 * page scores every match and keeps the best `limit` in a bounded sorter either way; OFFSET is still
 * avoided because the sorter would have to keep offset + limit rows and throw most away, and because
 * a practice added or hidden between two pages would shift an OFFSET window (one shown twice or never)
 * while the key says exactly where the last page ended. (A new practice changes bm25's statistics
 * slightly; the key then still gives each practice at most once.)
 */

export interface Filters {
  city?: string;
  theme?: string;
  year?: number;
  nomination?: string;
}

/** The columns of a result card (the three texts for the snippet). */
const cardColumns = {
  id: practices.id,
  organiserId: practices.organiserId,
  source: practices.source,
  competitionId: practices.competitionId,
  entryId: practices.entryId,
  nomination: practices.nomination,
  place: practices.place,
  city: practices.city,
  country: practices.country,
  title: practices.title,
  theme: practices.theme,
  year: practices.year,
  problem: practices.problem,
  actions: practices.actions,
  results: practices.results,
};
export type CardRow = { [K in keyof typeof cardColumns]: (typeof practices.$inferSelect)[K] };

/** Not hidden, written exactly as the partial indexes' WHERE (see THE ORDER above). */
const visible = sql`${practices.hiddenAt} IS NULL`;

function filterConditions(f: Filters): (SQL | undefined)[] {
  return [
    f.city !== undefined ? eq(practices.city, f.city) : undefined,
    f.theme !== undefined ? eq(practices.theme, f.theme) : undefined,
    f.year !== undefined ? eq(practices.year, f.year) : undefined,
    f.nomination !== undefined ? eq(practices.nomination, f.nomination) : undefined,
  ];
}

export type BrowseKey = { year: number; id: string };

/** Visible practices matching the filters, newest year first, by key (year, id). */
export function browse(db: Db, f: Filters, after: BrowseKey | undefined, limit: number) {
  return db
    .select(cardColumns)
    .from(practices)
    .where(and(visible, ...filterConditions(f), after ? sql`(${practices.year}, ${practices.id}) < (${after.year}, ${after.id})` : undefined))
    .orderBy(desc(practices.year), desc(practices.id))
    .limit(limit);
}

export type SearchKey = { rank: number; id: string };
const rank = sql<number>`bm25(practices_fts)`;

/**
 * Visible practices whose stems match `match` (an expression from stemming.ts `ftsQuery`, never the
 * raw query) and the filters, best first, by key (rank, id). The FTS index finds the matches; each
 * is joined to its row by primary key and filtered there.
 */
export function search(db: Db, match: string, f: Filters, after: SearchKey | undefined, limit: number) {
  return db
    .select({ ...cardColumns, rank })
    .from(practicesFts)
    .innerJoin(practices, eq(practices.id, practicesFts.practiceId))
    .where(and(sql`practices_fts MATCH ${match}`, visible, ...filterConditions(f), after ? sql`(${rank}, ${practices.id}) > (${after.rank}, ${after.id})` : undefined))
    .orderBy(asc(rank), asc(practices.id))
    .limit(limit);
}

/** At most this many values of one facet are offered in a filter select. */
export const FACET_MAX = 500;

/**
 * The distinct values of one column among visible practices, ascending, for a filter select.
 *
 * A "loose index scan": a recursive query that seeks the next value greater than the last one in the
 * column's partial index, one seek per distinct value. Measured on 50,000 practices (400 cities, 20
 * themes, 30 nominations, 37 years; node:sqlite, SQLite 3.53): `SELECT DISTINCT city … ORDER BY city`
 * walks the whole index, 6.9 ms for cities and 3.9–6.0 ms for the others (≈ 21 ms for the four on
 * every list page); the loose scan takes 1.1 ms for cities and 0.04–0.06 ms for the others. (SQLite
 * skips ahead by itself only after ANALYZE, which a D1 database cannot be relied on to have had.)
 * Empty values (a hand-added practice has no nomination) are not offered.
 */
export function facet(db: Db, column: "city" | "theme" | "nomination" | "year") {
  const col = sql.raw(column);
  const first = column === "year" ? sql`` : sql` AND ${col} > ''`;
  return db
    .select({ value: sql<string | number>`x` })
    .from(
      sql`(WITH RECURSIVE v(x) AS (
        SELECT min(${col}) FROM practices WHERE hidden_at IS NULL${first}
        UNION ALL
        SELECT (SELECT min(${col}) FROM practices WHERE hidden_at IS NULL AND ${col} > v.x) FROM v WHERE v.x IS NOT NULL
      ) SELECT x FROM v WHERE x IS NOT NULL LIMIT ${FACET_MAX}) AS f`,
    );
}

/** The four facets, in the order of the filter form. */
export const facets = (db: Db) => [facet(db, "city"), facet(db, "theme"), facet(db, "year"), facet(db, "nomination")] as const;
