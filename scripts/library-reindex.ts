// Rebuilds the library's full-text table (practices_fts) from the practices:
//   npm run library:reindex                              the local D1 (.wrangler/state)
//   npm run library:reindex -- --remote --env production the deployed one
// Needed after a restore from an SQL export (D1 cannot export an FTS5 table) or after the stemming
// rules change. Reads the practices in chunks, stems them here (worker/library/stemming.ts), and
// runs all the chunks' statements (worker/library/reindex.ts) as one SQL file: each wrangler call
// costs seconds, so it makes few of them.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reindexAll, type ReindexRow } from "../worker/library/reindex.ts";
import { practiceWords } from "../worker/library/stemming.ts";
import { wrangler } from "./lib/local-worker.ts";

const target = process.argv.slice(2);
const where = target.includes("--remote") ? target : ["--local", ...target];
const CHUNK = 5000;

function read(sql: string): ReindexRow[] {
  const out = wrangler(["d1", "execute", "DB", ...where, "--json", "--command", sql], { quiet: true }).toString();
  return (JSON.parse(out) as { results: ReindexRow[] }[])[0]?.results ?? [];
}

const started = Date.now();
const statements: string[] = [];
const n = await reindexAll(async (sql) => read(sql), async (chunk) => void statements.push(...chunk), practiceWords, CHUNK);
const file = join(mkdtempSync(join(tmpdir(), "library-reindex-")), "reindex.sql");
writeFileSync(file, statements.map((s) => `${s};\n`).join(""));
wrangler(["d1", "execute", "DB", ...where, "--yes", `--file=${file}`], { quiet: true });
console.log(`practices_fts rebuilt: ${n} practices in ${((Date.now() - started) / 1000).toFixed(1)} s`);
