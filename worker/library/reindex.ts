import type { PracticeText } from "./stemming";

/**
 * Rebuilding `practices_fts` from `practices` — after a restore (a D1 export cannot include an FTS5
 * table, see the README), or if the stemming rules change. Plain SQL text and no runtime imports, so
 * that the same steps run from `npm run library:reindex` (Node, through wrangler, local or remote)
 * and from the tests (through the D1 binding); the caller passes stemming.ts `practiceWords`.
 *
 * It goes through the practices in rowid order, a chunk at a time: each chunk's statements delete
 * the FTS rows in the chunk's rowid range and insert the chunk's rows anew, with the FTS rowid equal
 * to the practice's rowid (what practiceStatements' guard relies on). The last chunk also deletes
 * every FTS row past it, so stray rows (practices deleted, rowids renumbered) go too. Run chunk by
 * chunk, search keeps working meanwhile instead of being empty until the end.
 */

export interface ReindexRow extends PracticeText {
  rowid: number;
  id: string;
}

export const REINDEX_CHUNK = 500;

/** The practices after `afterRowid`, in rowid order (the rowid B-tree itself: no index needed). */
const chunkSelect = (afterRowid: number, limit = REINDEX_CHUNK) =>
  `SELECT rowid, id, title, city, country, theme, nomination, problem, actions, results FROM practices WHERE rowid > ${Math.trunc(afterRowid)} ORDER BY rowid LIMIT ${Math.trunc(limit)}`;

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The statements that replace the FTS rows of one chunk (`rows` as chunkSelect read them). */
export function reindexChunkSql(rows: ReindexRow[], afterRowid: number, isLast: boolean, words: (p: PracticeText) => string): string[] {
  const through = rows.length ? rows[rows.length - 1].rowid : afterRowid;
  const range = isLast ? `rowid > ${afterRowid}` : `rowid > ${afterRowid} AND rowid <= ${through}`;
  return [
    `DELETE FROM practices_fts WHERE ${range}`,
    ...rows.map((r) => `INSERT INTO practices_fts (rowid, practice_id, words) VALUES (${Math.trunc(r.rowid)}, ${quote(r.id)}, ${quote(words(r))})`),
  ];
}

/**
 * The whole rebuild: `read` runs a SELECT and gives its rows, `write` runs a chunk's statements.
 * Returns how many practices were indexed.
 */
export async function reindexAll(read: (sql: string) => Promise<ReindexRow[]>, write: (statements: string[]) => Promise<void>, words: (p: PracticeText) => string, chunk = REINDEX_CHUNK) {
  let after = 0;
  let total = 0;
  for (;;) {
    const rows = await read(chunkSelect(after, chunk));
    const isLast = rows.length < chunk;
    await write(reindexChunkSql(rows, after, isLast, words));
    total += rows.length;
    if (isLast) return total;
    after = rows[rows.length - 1].rowid;
  }
}
