import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { makeDb } from "../../worker/db/client";

/**
 * EXPLAIN QUERY PLAN checks shared by the query-plan tests (query-plans.test.ts and each
 * consultations-<part>-plans.test.ts): the plan is read for the SQL drizzle really sends, with its
 * parameters, against the real migrated schema.
 */
export const db = makeDb((env as any).DB);

/** SQLite's plan of a query or statement, one `detail` line per step. */
export async function plan(query: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql: text, params } = query.toSQL();
  const rows = await (env as any).DB.prepare(`EXPLAIN QUERY PLAN ${text}`).bind(...params).all();
  return (rows.results as { detail: string }[]).map((r) => r.detail);
}

export interface IndexedOptions {
  /** A list read in index order: no temporary B-tree (no sort step for ORDER BY, GROUP BY or DISTINCT). */
  sorted?: boolean;
  /** A bare SCAN that is no table's full scan (a subquery's own rows, a rowid walk with a LIMIT…). */
  allowScan?: (detail: string) => boolean;
  /** A sort step that is acceptable even in a `sorted` list (a handful of rows found by index). */
  allowSort?: (detail: string) => boolean;
}

/**
 * No full scan of a table — a JSON list's own rows (json_each, a virtual table) are not a table —
 * and, with `sorted`, no sort. Returns the plan as one line for further matching.
 */
export function expectIndexed(details: string[], opts: IndexedOptions = {}) {
  const all = details.join(" | ");
  for (const d of details) {
    if (/^SCAN \S+ VIRTUAL TABLE\b/.test(d) || opts.allowScan?.(d)) continue;
    if (d.startsWith("SCAN ")) expect(d, all).toMatch(/USING (COVERING )?INDEX|SCAN CONSTANT ROW/);
    if (opts.sorted && !opts.allowSort?.(d)) expect(d, all).not.toMatch(/TEMP B-TREE/);
  }
  return all;
}

/**
 * Walking a table in its INTEGER PRIMARY KEY order (newest first) is a walk of its rowid B-tree
 * with a LIMIT; SQLite reports it as a bare SCAN, so that one case is named explicitly.
 */
export const rowidWalk = (table: string) => (detail: string) => detail === `SCAN ${table}`;
