// `npm run bench` — load-tests the worker locally against a large generated data set.
//
//   npm run bench -- [--duration 10] [--rounds 5] [--connections 10] [--warmup 2] [--accounts 100000]
//                    [--proposals 100000] [--supports 1000000] [--hot-comments 10000] [--comments 100000]
//                    [--sessions 1000] [--deep-pages 50] [--comment-pages 100]
//                    [--consultation-clauses 300] [--remarks 20000] [--hot-clause-remarks 5000]
//                    [--remark-supports 50000] [--remark-pages 50] [--csv-requests 5]
//                    [--entries 500] [--votes 1000000] [--other-nominations 2] [--other-entries 40]
//                    [--other-votes 20000] [--vote-sessions 5000] [--entry-pages 20] [--compute-runs 5]
//                    [--practices 50000]
//                    [--section "<label>"] [--keep] [--no-write]
//
// A small run while developing: --accounts 5000 --proposals 2000 --supports 20000 --hot-comments 500
// --comments 2000 --sessions 200 --remarks 2000 --hot-clause-remarks 500 --remark-supports 5000
// --remark-pages 3 --csv-requests 2 --entries 60 --votes 20000 --other-entries 10 --other-votes 2000
// --vote-sessions 1000 --entry-pages 2 --compute-runs 2 --practices 3000 --duration 2 --rounds 1
// --warmup 0 --no-write
//
// Issue 5 adds a competition in its voting stage (bench/generate-competitions.ts): one nomination of
// --entries admitted entries with --votes counted votes (one per person: as many distinct voters, the
// accounts beyond --accounts added as lean voter accounts), --other-nominations smaller ones, 50
// experts with every score sheet submitted; and the library (bench/generate-library.ts): --practices
// practices with their full-text rows. Its pages are measured like the others, and so are votes:
// first casts by --vote-sessions voters who have not voted (each request a real cast) and changes by
// as many who have; afterwards every vote counter is checked against its rows. Then the competition
// is moved to its results stage (its instants, in the database, with the server stopped), the results
// are computed --compute-runs times through the organiser's route (one at a time, timed) and
// published, and the public results pages are measured in a second set of interleaved rounds with
// the floor again.
//
// Issue 4 adds a consultation (bench/generate-consultations.ts): two published versions of
// --consultation-clauses clauses, --remarks remarks on version 1 (--hot-clause-remarks of them on
// one clause), their supports, dispositions and the published summary. Its pages are measured
// like the others; the summary's CSV (every remark, megabytes) is measured apart, one request at
// a time (--csv-requests of them, beside as many floor requests one at a time for its ratio).
//
// --duration is the measured time per route, split into --rounds interleaved runs (floor, home,
// profile, sign-in, floor, home, …). Interleaving is deliberate: on a small shared machine other
// processes come and go, and measuring the routes one after another let a busy minute land on
// one route only (the floor moved 3× within one run); interleaved, a disturbance hits every
// route alike and the ratios to the floor stay meaningful. The spread of the rounds is reported.
//
// Steps: build the web assets; generate the data set (bench/generate.ts: accounts, organisers,
// organisations; bench/generate-proposals.ts: proposals, supports, discussions;
// bench/generate-consultations.ts: the consultation, its remarks and summary) into a fresh local
// D1 under .tmp/bench-* (never the developer's own database); start `wrangler dev` on 127.0.0.1 with
// every rate limit raised; find the deep-page cursors by following "next" from the first page; run
// autocannon (bench/load.ts) on each route; print markdown tables and write them, with the machine
// and the data set, as a dated section of bench/results.md (earlier sections are kept).
//
// The numbers are for `wrangler dev` (workerd plus miniflare's local SQLite D1) on this machine,
// with the load generator on the same cores: good for comparing commits and routes with one
// another, not a prediction of production throughput.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { ROOT, buildWeb, executeSqlFile, migrate, startWorker, wrangler, type LocalWorker } from "../scripts/lib/local-worker.ts";
import { BENCH_PASSWORD, generateDataSet, type DataSet } from "./generate.ts";
import { generateConsultationSet, REMARK_ID_PATTERN, type ConsultationSet } from "./generate-consultations.ts";
import { generateProposalSet, type ProposalSet } from "./generate-proposals.ts";
import { competitionConsistencySql, ENTRY_ID_PATTERN, generateCompetitionSet, type CompetitionSet } from "./generate-competitions.ts";
import { generateLibrarySet, PRACTICE_ID_PATTERN, type LibrarySet } from "./generate-library.ts";
import { practiceWords } from "../worker/library/stemming.ts";
import { combine, load, type Combined, type LoadResult } from "./load.ts";

process.env.WRANGLER_SEND_METRICS = "false";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    rounds: { type: "string", default: "5" },
    warmup: { type: "string", default: "2" },
    accounts: { type: "string", default: "100000" },
    proposals: { type: "string", default: "100000" },
    supports: { type: "string", default: "1000000" },
    "hot-comments": { type: "string", default: "10000" },
    comments: { type: "string", default: "100000" },
    sessions: { type: "string", default: "1000" },
    "deep-pages": { type: "string", default: "50" },
    "comment-pages": { type: "string", default: "100" },
    "consultation-clauses": { type: "string", default: "300" },
    remarks: { type: "string", default: "20000" },
    "hot-clause-remarks": { type: "string", default: "5000" },
    "remark-supports": { type: "string", default: "50000" },
    "remark-pages": { type: "string", default: "50" },
    "csv-requests": { type: "string", default: "5" },
    entries: { type: "string", default: "500" },
    votes: { type: "string", default: "1000000" },
    "other-nominations": { type: "string", default: "2" },
    "other-entries": { type: "string", default: "40" },
    "other-votes": { type: "string", default: "20000" },
    "vote-sessions": { type: "string", default: "5000" },
    "entry-pages": { type: "string", default: "20" },
    "compute-runs": { type: "string", default: "5" },
    practices: { type: "string", default: "50000" },
    section: { type: "string", default: "Issue 5 — a competition's voting and results, the library of practices" },
    keep: { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
  },
});
const positive = (name: string, v: string | undefined, min: number) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be an integer ≥ ${min}, got ${v}`);
    process.exit(2);
  }
  return n;
};
const duration = positive("duration", args.duration, 1);
const connections = positive("connections", args.connections, 1);
const warmup = positive("warmup", args.warmup, 0);
const rounds = Math.min(positive("rounds", args.rounds, 1), duration); // rounds of at least 1 s
const accounts = positive("accounts", args.accounts, 2);
const proposals = positive("proposals", args.proposals, 2);
const supports = positive("supports", args.supports, 0);
const hotComments = positive("hot-comments", args["hot-comments"], 1);
const comments = positive("comments", args.comments, 0);
const sessions = positive("sessions", args.sessions, 1);
const deepPages = positive("deep-pages", args["deep-pages"], 1);
const commentPages = positive("comment-pages", args["comment-pages"], 1);
const consultationClauses = positive("consultation-clauses", args["consultation-clauses"], 20);
const remarks = positive("remarks", args.remarks, 1);
const hotClauseRemarks = positive("hot-clause-remarks", args["hot-clause-remarks"], 0);
const remarkSupports = positive("remark-supports", args["remark-supports"], 0);
const remarkPages = positive("remark-pages", args["remark-pages"], 1);
const csvRequests = positive("csv-requests", args["csv-requests"], 1);
const entryCount = positive("entries", args.entries, 2);
const voteCount = positive("votes", args.votes, 1);
const otherNominations = positive("other-nominations", args["other-nominations"], 0);
const otherEntries = positive("other-entries", args["other-entries"], 1);
const otherVotes = positive("other-votes", args["other-votes"], 0);
const voteSessions = positive("vote-sessions", args["vote-sessions"], 1);
const entryPages = positive("entry-pages", args["entry-pages"], 1);
const computeRuns = positive("compute-runs", args["compute-runs"], 1);
const practiceCount = positive("practices", args.practices, 1);
if (otherNominations > 4) {
  console.error(`--other-nominations must be 0..4, got ${otherNominations}`);
  process.exit(2);
}
if (hotClauseRemarks > remarks) {
  console.error(`--hot-clause-remarks (${hotClauseRemarks}) cannot exceed --remarks (${remarks})`);
  process.exit(2);
}

const started = performance.now();
const loadAtStart = loadavg()[0];
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const step = (msg: string) => console.log(`[bench ${seconds(performance.now() - started).padStart(7)}] ${msg}`);

/** A free loopback port: the benchmark must not collide with a running `npm start` (8787). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Row counts straight from the database, so the report states what was really loaded. */
function countRows(persistTo: string, sql = COUNTS_SQL): Record<string, number> {
  const out = wrangler(
    [
      "d1",
      "execute",
      "DB",
      "--local",
      "--persist-to",
      persistTo,
      "--json",
      "--command",
      sql,
    ],
    { quiet: true },
  ).toString();
  const parsed = JSON.parse(out.slice(out.indexOf("[")));
  return parsed[0].results[0];
}
/** Every row a query returns (small results only: wrangler prints them as JSON). */
function queryRows<T = Record<string, unknown>>(persistTo: string, sql: string): T[] {
  const out = wrangler(["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--json", "--command", sql], { quiet: true }).toString();
  return JSON.parse(out.slice(out.indexOf("[")))[0].results as T[];
}
const COUNTS_SQL =
  "SELECT (SELECT count(*) FROM users) AS accounts, (SELECT count(*) FROM consents) AS consents, (SELECT count(*) FROM organisers) AS organisers, (SELECT count(*) FROM organisations) AS organisations, (SELECT count(*) FROM organisation_members) AS memberships, (SELECT count(*) FROM role_grants) AS roleGrants, (SELECT count(*) FROM sessions) AS sessions, " +
  "(SELECT count(*) FROM organiser_themes) AS themes, (SELECT count(*) FROM proposals) AS proposals, (SELECT count(*) FROM proposals WHERE status = 'published') AS published, (SELECT count(*) FROM proposal_supports) AS supports, (SELECT count(*) FROM comments) AS comments, (SELECT count(*) FROM comment_votes) AS commentVotes, " +
  "(SELECT count(*) FROM consultations) AS consultations, (SELECT count(*) FROM consultation_versions) AS consultationVersions, (SELECT count(*) FROM consultation_clauses) AS clauses, (SELECT count(*) FROM remarks) AS remarks, (SELECT count(*) FROM remark_supports) AS remarkSupports, (SELECT count(*) FROM remark_links) AS remarkLinks, " +
  "(SELECT count(*) FROM competitions) AS competitions, (SELECT count(*) FROM competition_nominations) AS nominations, (SELECT count(*) FROM competition_entries) AS entries, (SELECT count(*) FROM competition_experts) AS experts, (SELECT count(*) FROM competition_assignments) AS assignments, (SELECT count(*) FROM competition_scores) AS scores, " +
  "(SELECT count(*) FROM competition_votes) AS votes, (SELECT count(*) FROM competition_vote_log) AS voteLog, (SELECT count(*) FROM practices) AS practices, (SELECT count(*) FROM practices_fts) AS practicesFts";
// Every counter equals a count of its rows (the generator builds them so; this proves the load did).
const CONSISTENCY_SQL =
  "SELECT (SELECT count(*) FROM proposals p WHERE support_count <> (SELECT count(*) FROM proposal_supports s WHERE s.proposal_id = p.id)) AS supportCounters, " +
  "(SELECT count(*) FROM proposals p WHERE comment_count <> (SELECT count(*) FROM comments c WHERE c.target_type = 'proposal' AND c.target_id = p.id AND c.status <> 'deleted')) AS commentCounters, " +
  "(SELECT count(*) FROM comments c WHERE parent_id IS NULL AND reply_count <> (SELECT count(*) FROM comments r WHERE r.root_id = c.id AND r.id <> c.id)) AS replyCounters, " +
  "(SELECT count(*) FROM comments c WHERE up_count <> (SELECT count(*) FROM comment_votes v WHERE v.comment_id = c.id AND v.value = 1) OR down_count <> (SELECT count(*) FROM comment_votes v WHERE v.comment_id = c.id AND v.value = -1)) AS voteCounters, " +
  // Consultations: counters are remarks not deleted (clause, version, consultation), supports per remark;
  // a published summary means every visible remark has a disposition, and a reason unless accepted.
  "(SELECT count(*) FROM consultation_clauses cc WHERE remark_count <> (SELECT count(*) FROM remarks r WHERE r.clause_id = cc.id AND r.status <> 'deleted')) AS clauseRemarkCounters, " +
  "(SELECT count(*) FROM consultation_versions v WHERE remark_count <> (SELECT count(*) FROM remarks r WHERE r.version_id = v.id AND r.status <> 'deleted') OR clause_count <> (SELECT count(*) FROM consultation_clauses c WHERE c.version_id = v.id)) AS versionCounters, " +
  "(SELECT count(*) FROM consultations k WHERE remark_count <> (SELECT count(*) FROM remarks r WHERE r.consultation_id = k.id AND r.status <> 'deleted')) AS consultationRemarkCounters, " +
  "(SELECT count(*) FROM remarks r WHERE support_count <> (SELECT count(*) FROM remark_supports s WHERE s.remark_id = r.id) OR reply_count <> (SELECT count(*) FROM comments c WHERE c.target_type = 'remark' AND c.target_id = r.id AND c.status <> 'deleted')) AS remarkCounters, " +
  "(SELECT count(*) FROM remarks r JOIN consultation_clauses c ON c.id = r.clause_id WHERE c.position <> r.clause_position OR c.version_id <> r.version_id) AS remarkPositions, " +
  "(SELECT count(*) FROM remarks r JOIN consultation_versions v ON v.id = r.version_id WHERE v.summary_published_at IS NOT NULL AND r.status = 'visible' AND (r.disposition IS NULL OR (r.disposition <> 'accepted' AND coalesce(r.disposition_reason, '') = ''))) AS missingDispositions, " +
  "(SELECT count(*) FROM remarks r WHERE r.shown_as = 'organisation' AND NOT EXISTS (SELECT 1 FROM organisation_members m WHERE m.organisation_id = r.organisation_id AND m.user_id = r.author_id AND m.status = 'confirmed')) AS organisationRemarks";

interface RouteRun {
  name: string;
  method: "GET" | "POST" | "PUT";
  path: string;
  note: string;
  runs: LoadResult[];
  result?: Combined;
  problem?: string;
  /** Set when the route could not even be set up (a cursor not found): it is reported, not loaded. */
  skip?: boolean;
  /** 2: measured after the competition moved to its results stage, against the floor measured again then. */
  phase?: 2;
}

const failed = (r: RouteRun) => !!r.problem || !r.result || r.result.non2xx > 0 || r.result.errors > 0 || r.result.total === 0;
function statusOf(r: RouteRun): string {
  if (!r.result) return `**FAILED**: ${r.problem ?? "did not run"}`;
  const { non2xx, errors, timeouts, statusCodes, total } = r.result;
  const bad: string[] = [];
  if (total === 0) bad.push("no responses");
  if (non2xx) bad.push(`${non2xx} non-2xx (${Object.entries(statusCodes).filter(([c]) => !c.startsWith("2")).map(([c, n]) => `${c}×${n}`).join(", ")})`);
  if (errors) bad.push(`${errors} errors${timeouts ? ` (${timeouts} timeouts)` : ""}`);
  if (r.problem) bad.push(r.problem);
  return bad.length ? `**FAILED**: ${bad.join("; ")}` : "ok";
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const n0 = (x: number) => x.toLocaleString("en");

/** Between runs: requests still in flight from one run (a sign-in takes tens of milliseconds of
 * CPU) must not be counted against the next. One more request waits behind them, then a pause. */
async function settle(base: string) {
  await fetch(`${base}/api/health`)
    .then((r) => r.arrayBuffer())
    .catch(() => undefined);
  await new Promise((r) => setTimeout(r, 200));
}

/** The rate-limit variables wrangler.toml declares: the benchmark lifts all of them, including ones added later. */
function rateLimitVars(): Record<string, string> {
  const toml = readFileSync(join(ROOT, "wrangler.toml"), "utf8");
  const names = new Set([...toml.matchAll(/^\s*(RATE_LIMIT_[A-Z0-9_]+)\s*=/gm)].map((m) => m[1]));
  return Object.fromEntries([...names].map((n) => [n, "1000000"]));
}

const decodeHtmlAttr = (s: string) => s.replace(/&amp;/g, "&").replace(/&#x2F;/gi, "/").replace(/&#x3D;/gi, "=").replace(/&quot;/g, '"');

/**
 * Follows "next" from the first page `pages` times and returns the cursor of the page after that,
 * URL-encoded, ready to put in a query string. The JSON API is asked first (`next` in its answer,
 * as every paginated API here returns it); if it does not answer with one (or no API is given),
 * the HTML page's own "next"/"показать ещё" link (`param=…` in an href) is followed, as a visitor would.
 */
async function cursorAfter(
  base: string,
  headers: Record<string, string>,
  o: { api?: (after: string | null) => string; html: (after: string | null) => string; param: string; pages: number },
): Promise<{ cursor: string; page: number; via: string }> {
  const viaApi = async (api: (after: string | null) => string) => {
    let after: string | null = null;
    let page = 1;
    for (; page <= o.pages; page++) {
      const res = await fetch(`${base}${api(after)}`, { headers });
      if (!res.ok || !res.headers.get("content-type")?.includes("json")) throw new Error(`GET ${api(after)} answered ${res.status}`);
      const body = (await res.json()) as { next?: unknown; nextCursor?: unknown };
      const next = typeof body.next === "string" ? body.next : typeof body.nextCursor === "string" ? body.nextCursor : null;
      if (!next) break;
      after = encodeURIComponent(next);
    }
    if (!after) throw new Error(`GET ${api(null)} has no "next" on its first page`);
    return { cursor: after, page, via: "API" };
  };
  const viaHtml = async () => {
    let after: string | null = null;
    let page = 1;
    const link = new RegExp(`href="[^"]*[?&](?:amp;)?${o.param}=([^"&#]+)`);
    for (; page <= o.pages; page++) {
      const res = await fetch(`${base}${o.html(after)}`, { headers });
      const text = await res.text();
      if (!res.ok) throw new Error(`GET ${o.html(after)} answered ${res.status}`);
      const m = link.exec(text);
      if (!m) break;
      after = decodeHtmlAttr(m[1]);
    }
    if (!after) throw new Error(`GET ${o.html(null)} has no link with ${o.param}= on its first page`);
    return { cursor: after, page, via: "HTML links" };
  };
  if (!o.api) return viaHtml();
  try {
    return await viaApi(o.api);
  } catch (apiError) {
    try {
      return await viaHtml();
    } catch (htmlError) {
      throw new Error(`${(apiError as Error).message}; ${(htmlError as Error).message}`);
    }
  }
}

/** What a page makes a browser download: its HTML, every local script and stylesheet it references,
 * and the script chunks those scripts load for this page. */
async function pageWeight(base: string, headers: Record<string, string>, path: string, cache: Map<string, { raw: number; gzip: number }>) {
  const res = await fetch(`${base}${path}`, { headers });
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
  const htmlText = await res.text();
  const html = Buffer.from(htmlText);
  const refs = (re: RegExp) => [...new Set([...htmlText.matchAll(re)].map((m) => m[1]))];
  const css = refs(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="(\/[^"]+)"/g);
  const texts = new Map<string, string>();
  const size = async (p: string) => {
    if (!cache.has(p) || !texts.has(p)) {
      const r = await fetch(`${base}${p}`);
      if (!r.ok) throw new Error(`${path} references ${p}, which answers ${r.status}`);
      const bytes = Buffer.from(await r.arrayBuffer());
      cache.set(p, { raw: bytes.length, gzip: gzipSync(bytes).length });
      texts.set(p, bytes.toString("utf8"));
    }
    return cache.get(p)!;
  };
  // The scripts: those the HTML references, every module they import statically, and of the entry's
  // dynamic imports (scripts/build-web.ts: code splitting, chunks named after their module) the two
  // the page loads (web/pages/lazy.ts): "hydrate" and the page's module — its id's prefix if it is a
  // module with a chunk, "core" otherwise.
  const pageId = (JSON.parse(/<script type="application\/json" id="page-data">([^]*?)<\/script>/.exec(htmlText)?.[1] ?? "{}") as { page?: string }).page ?? "";
  const js: string[] = [];
  const queue = refs(/<(?:script\b[^>]*\bsrc|link\b[^>]*\brel="modulepreload"[^>]*\bhref)="(\/[^"]+)"/g);
  while (queue.length) {
    const p = queue.shift()!;
    if (js.includes(p)) continue;
    js.push(p);
    await size(p);
    const text = texts.get(p)!;
    const resolve = (spec: string) => new URL(spec, `http://x${p}`).pathname;
    for (const m of text.matchAll(/\bimport\s*(?:[\w$*{][^"'()]*?\bfrom\s*)?["']([^"']+)["']/g)) queue.push(resolve(m[1]));
    const dynamic = [...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => resolve(m[1]));
    if (dynamic.length) {
      const named = (name: string) => dynamic.find((d) => new RegExp(`/${name}-[A-Z0-9]+\\.js$`).test(d));
      const prefix = pageId.includes("/") ? pageId.split("/")[0] : "";
      const module = (prefix && named(prefix)) || named("core");
      for (const d of [named("hydrate"), module]) {
        if (!d) throw new Error(`${p}: no chunk for page ${pageId} among its dynamic imports`);
        queue.push(d);
      }
    }
  }
  const sum = async (ps: string[]) => {
    let raw = 0;
    let gzip = 0;
    for (const p of ps) {
      const s = await size(p);
      raw += s.raw;
      gzip += s.gzip;
    }
    return { raw, gzip };
  };
  return { html: { raw: html.length, gzip: gzipSync(html).length }, js: await sum(js), css: await sum(css), assets: [...js, ...css] };
}

/** Replaces this run's section of bench/results.md (same heading label), or adds it on top; other sections stay. */
function writeSection(file: string, label: string, section: string) {
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    /* first run */
  }
  const start = text.indexOf("\n## ");
  const intro =
    start >= 0
      ? text.slice(0, start).trimEnd()
      : "# Benchmark results\n\nProduced by `npm run bench` (bench/run.ts). Each run writes its own dated section (the newest first) and keeps the others for comparison.";
  const sections = start >= 0 ? text.slice(start + 1).split(/\n(?=## )/) : [];
  const kept = sections.filter((s) => !s.startsWith(`## ${label} (`)).map((s) => s.trimEnd());
  writeFileSync(file, [intro, section.trimEnd(), ...kept].join("\n\n") + "\n");
}

type Route = RouteRun & {
  headers: Record<string, string>;
  body?: () => string;
  vary?: () => { path?: string; headers?: Record<string, string> };
  check?: (html: string) => Promise<string | undefined> | string | undefined;
  /** A route the issue names as optional: when it answers 404 (not built) it is left out and said so. */
  optional?: boolean;
};

const sizeOf = (n: number) => (n < 2 ** 20 ? kb(n) : `${(n / 2 ** 20).toFixed(2)} MB`);

/** Records in a CSV text (quoted fields may hold line breaks), the header included. */
function csvRecords(text: string) {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) quoted = !quoted;
    else if (ch === 10 && !quoted) n++;
  }
  return text.length && !text.endsWith("\n") ? n + 1 : n;
}

/** `n` requests one after another: each one's time to the last byte, and the last body. */
async function oneAtATime(base: string, path: string, headers: Record<string, string>, n: number) {
  const times: number[] = [];
  let body = Buffer.alloc(0);
  let res: Response | undefined;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    res = await fetch(`${base}${path}`, { headers });
    body = Buffer.from(await res.arrayBuffer());
    times.push(performance.now() - t);
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${body.toString("utf8", 0, 200)}`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((a, x) => a + x, 0) / times.length;
  return { times, mean, p50: sorted[Math.ceil(sorted.length / 2) - 1], min: sorted[0], max: sorted[sorted.length - 1], body, res: res! };
}

async function main() {
  let worker: LocalWorker | undefined;
  const persistTo = join(ROOT, ".tmp", `bench-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  const cleanUp = async () => {
    await worker?.stop();
    if (!args.keep) rmSync(persistTo, { recursive: true, force: true });
  };
  // Ctrl+C must not leave a wrangler dev (and its workerd) running in the background.
  for (const sig of ["SIGINT", "SIGTERM"] as const)
    process.once(sig, () => {
      void cleanUp().then(() => process.exit(130));
    });

  try {
    step("building the web assets");
    buildWeb();

    step(`generating the data set (${accounts.toLocaleString("en")} accounts, ${proposals.toLocaleString("en")} proposals, ${supports.toLocaleString("en")} supports, ${hotComments.toLocaleString("en")} comments on one proposal)`);
    mkdirSync(persistTo, { recursive: true });
    const sqlDir = join(persistTo, "sql");
    const genStart = performance.now();
    const ds: DataSet = await generateDataSet(sqlDir, { accounts });
    const accountsGenMs = performance.now() - genStart;
    const ps: ProposalSet = generateProposalSet(sqlDir, { accounts, organiserIds: ds.organiserIds, proposals, supports, hotComments, comments, sessions });
    const cs: ConsultationSet = generateConsultationSet(sqlDir, {
      accounts,
      organiserId: ds.organiserIds[0],
      organisations: ds.counts.organisations,
      clauses: consultationClauses,
      remarks,
      hotClauseRemarks,
      remarkSupports,
    });
    const comp: CompetitionSet = generateCompetitionSet(sqlDir, {
      accounts,
      organiserId: ds.organiserIds[0],
      adminAccount: ds.organiserAdmins.get(ds.organiserIds[0])!,
      moderatorAccount: ds.organiserModerators.get(ds.organiserIds[0])!,
      expertAccounts: ds.expertAccounts,
      cityOf: ds.cityOf,
      confirmedMembers: ds.confirmedMembers,
      entries: entryCount,
      votes: voteCount,
      otherNominations,
      otherEntries,
      otherVotes,
      voteSessions,
    });
    const lib: LibrarySet = generateLibrarySet(sqlDir, { practices: practiceCount, organiserIds: ds.organiserIds, organiserAdmins: ds.organiserAdmins });
    step(
      `generated: accounts in ${seconds(accountsGenMs)}, proposals, supports and discussions in ${seconds(ps.generationMs)}, the consultation in ${seconds(cs.generationMs)}, the competition in ${seconds(comp.generationMs)}, the library in ${seconds(lib.generationMs)}`,
    );

    step(`migrating a fresh local D1 in ${persistTo.slice(ROOT.length + 1)}`);
    migrate(persistTo);
    const groups = [
      { what: "accounts, organisers, organisations", files: ds.files },
      { what: "themes, proposals, sessions", files: ps.files.proposals },
      { what: "supports", files: ps.files.supports },
      { what: "comments and votes", files: ps.files.comments },
      { what: "the consultation, its versions and clauses", files: cs.files.consultation },
      { what: "remarks, dispositions, supports and links", files: cs.files.remarks },
      { what: "the competition, its entries, experts and score sheets", files: comp.files.competition },
      { what: "voter accounts and sessions", files: comp.files.voters },
      { what: "votes and the vote log", files: comp.files.votes },
      { what: "the library's practices and search rows", files: lib.files },
    ].map((g) => ({ ...g, ms: 0, bytes: g.files.reduce((a, f) => a + statSync(f).size, 0) }));
    for (const g of groups) {
      step(`loading ${g.what}: ${g.files.length} SQL files, ${(g.bytes / 2 ** 20).toFixed(1)} MB`);
      const t = performance.now();
      for (const file of g.files) executeSqlFile(file, persistTo);
      g.ms = performance.now() - t;
    }
    const loadMs = groups.reduce((a, g) => a + g.ms, 0);
    const counts = countRows(persistTo);
    step(`loaded in ${seconds(loadMs)} (${groups.map((g) => `${g.what} ${seconds(g.ms)}`).join(", ")}): ${Object.entries(counts).map(([k, v]) => `${k} ${v.toLocaleString("en")}`).join(", ")}`);
    if (counts.accounts !== accounts + comp.counts.voterAccounts) throw new Error(`expected ${accounts} + ${comp.counts.voterAccounts} voter accounts in the database, found ${counts.accounts}`);
    if (counts.proposals !== proposals || counts.supports !== supports || counts.comments !== ps.counts.comments)
      throw new Error(`expected ${proposals} proposals, ${supports} supports and ${ps.counts.comments} comments, found ${counts.proposals}, ${counts.supports} and ${counts.comments}`);
    if (counts.remarks !== remarks || counts.remarkSupports !== remarkSupports || counts.clauses !== cs.counts.clauses[0] + cs.counts.clauses[1])
      throw new Error(`expected ${remarks} remarks, ${remarkSupports} remark supports and ${cs.counts.clauses.join(" + ")} clauses, found ${counts.remarks}, ${counts.remarkSupports} and ${counts.clauses}`);
    const consistencyStart = performance.now();
    const consistency = countRows(persistTo, CONSISTENCY_SQL);
    if (Object.values(consistency).some((n) => n !== 0)) throw new Error(`counters that disagree with their rows: ${JSON.stringify(consistency)}`);
    step(`every support, comment, vote and remark counter equals its rows (checked in ${seconds(performance.now() - consistencyStart)})`);
    if (counts.entries !== comp.counts.entries || counts.votes !== comp.counts.votes || counts.voteLog !== comp.counts.votes)
      throw new Error(`expected ${comp.counts.entries} entries and ${comp.counts.votes} votes and log rows; found ${counts.entries}, ${counts.votes} and ${counts.voteLog}`);
    if (counts.assignments !== comp.counts.assignments || counts.scores !== comp.counts.scores || counts.experts !== comp.counts.experts)
      throw new Error(`expected ${comp.counts.experts} experts, ${comp.counts.assignments} assignments, ${comp.counts.scores} scores; found ${counts.experts}, ${counts.assignments}, ${counts.scores}`);
    if (counts.practices !== practiceCount || counts.practicesFts !== practiceCount) throw new Error(`expected ${practiceCount} practices with as many search rows, found ${counts.practices} and ${counts.practicesFts}`);
    const competitionCheckStart = performance.now();
    const competitionConsistency = countRows(persistTo, competitionConsistencySql(comp.competitionId));
    if (Object.values(competitionConsistency).some((x) => x !== 0)) throw new Error(`competition counters that disagree with their rows: ${JSON.stringify(competitionConsistency)}`);
    const competitionCheckMs = performance.now() - competitionCheckStart;
    // The library's search rows: composed in SQL from pre-stemmed pieces (bench/generate-library.ts), so
    // a sample is compared with what the worker itself would write — practiceWords of the stored practice.
    const sample = queryRows<{ rowid: number; id: string; title: string; city: string; country: string; theme: string; nomination: string; problem: string; actions: string; results: string; ftsRowid: number | null; words: string | null }>(
      persistTo,
      `SELECT p.rowid, p.id, p.title, p.city, p.country, p.theme, p.nomination, p.problem, p.actions, p.results, f.rowid AS ftsRowid, f.words FROM practices p LEFT JOIN practices_fts f ON f.practice_id = p.id WHERE p.rowid IN (${Array.from({ length: Math.min(200, practiceCount) }, (_, k) => 1 + Math.floor((k * practiceCount) / Math.min(200, practiceCount))).join(",")})`,
    );
    const wrongWords = sample.filter((p) => p.words !== practiceWords(p) || p.ftsRowid !== p.rowid);
    if (!sample.length || wrongWords.length) throw new Error(`library search rows that differ from practiceWords of their practice (or another rowid): ${wrongWords.slice(0, 3).map((p) => p.id).join(", ")} (${wrongWords.length} of ${sample.length})`);
    step(
      `every competition counter equals its rows (${seconds(competitionCheckMs)}: vote counters of ${n0(comp.counts.entries)} entries and ${comp.counts.nominations} nominations against ${n0(comp.counts.votes)} vote rows, their receipts in the log, experts' and jury counters); ${sample.length} sampled search rows equal practiceWords of their practice`,
    );

    step("starting wrangler dev");
    const port = await freePort();
    // Raised limits: the benchmark signs in thousands of times from one address and supports
    // from a thousand accounts; the limits themselves are tested elsewhere and are not what is measured here.
    const limits = rateLimitVars();
    worker = await startWorker({ port, persistTo, vars: limits });
    let base = worker.url;

    // The CSRF double-submit pair, fetched the way a script would (GET /api/csrf).
    const csrfRes = await fetch(`${base}/api/csrf`);
    const csrfToken = ((await csrfRes.json()) as { token: string }).token;
    const csrfCookie = `csrf=${csrfToken}`;
    if (!csrfRes.headers.getSetCookie().some((c) => c.startsWith(csrfCookie))) throw new Error("GET /api/csrf did not set the csrf cookie it returned");

    // Every route gets the csrf cookie a returning browser already has, so each route's number
    // is its own work, not also the minting of a fresh CSRF token on every request.
    const common = { cookie: csrfCookie };
    const signinHeaders = { ...common, "content-type": "application/json", "x-csrf-token": csrfToken };
    // Rotate over the accounts (skipping account 1, the profile page's): the per-e-mail limit
    // and any one account's hot rows must not be what this measures.
    let next = 2;
    const signinBody = () => {
      const email = ds.emailOf(next);
      next = next >= accounts ? 2 : next + 1;
      return JSON.stringify({ email, password: BENCH_PASSWORD });
    };

    // Supports: request i comes from session i mod S and goes to proposal (b·7919 + ⌊i/S⌋) mod P —
    // for one session every proposal once before any repeats, so nearly every request is a new
    // support (the sessions' accounts support nothing in the generated data), spread over the list.
    const S = ps.supportSessions.length;
    const P = ps.supportTargets.length;
    let supportN = 0;
    const supportTarget = () => {
      const i = supportN++;
      const b = i % S;
      return { id: ps.supportTargets[(b * 7919 + Math.floor(i / S)) % P], cookie: `${csrfCookie}; ${ps.supportSessions[b]}` };
    };
    const supportVary = () => {
      const t = supportTarget();
      return { path: `/api/proposals/${t.id}/support`, headers: { cookie: t.cookie } };
    };

    const listPath = `/proposals?theme=${ps.theme}&sort=supported`;
    const hotPath = `/proposals/${ps.hotId}`;
    const hasDiscussion = (html: string) => (/\bid="comments"/.test(html) ? undefined : 'the page has no discussion section (id="comments")');
    const shows = (items: RegExp, also?: (html: string) => string | undefined) => (html: string) =>
      also?.(html) ?? (items.test(html) ? undefined : `the page shows none of the generated items (${items.source})`);
    // A deep page must show other items than the first: a cursor the route ignored would measure the first page twice.
    const showsOtherThan = (firstPath: string, items: RegExp, also?: (html: string) => string | undefined) => async (html: string) => {
      const problem = also?.(html);
      if (problem) return problem;
      const first = new Set((await (await fetch(`${base}${firstPath}`, { headers: common })).text()).match(items) ?? []);
      const here = html.match(items) ?? [];
      if (!here.length) return "the page shows none of the generated items";
      return here.some((x) => !first.has(x)) ? undefined : "the page shows only items of the first page (cursor ignored?)";
    };
    const routes: Route[] = [
      { name: "floor", method: "GET", path: "/api/health", note: "middleware stack only, no D1", headers: common, runs: [] },
      { name: "home page", method: "GET", path: "/", note: "SSR, one D1 batch (organisers, organisation count, the newest proposals)", headers: common, runs: [] },
      { name: "profile page (signed in)", method: "GET", path: "/me", note: "session lookup + one D1 batch + SSR", headers: { cookie: `${csrfCookie}; ${ds.profileSessionCookie}` }, runs: [] },
      { name: "sign-in", method: "POST", path: "/api/accounts/signin", note: "user lookup, two rate-limit upserts, PBKDF2-SHA256 × 100,000, session insert", headers: signinHeaders, body: signinBody, runs: [] },
      { name: "proposal list, first page", method: "GET", path: listPath, note: "one theme, most supported first", headers: common, runs: [], check: shows(/bench-p-\d{6}/) },
      { name: `proposal list, page ${deepPages + 1}`, method: "GET", path: listPath, note: `the same filter ${deepPages} "next" pages deep (key cursor)`, headers: common, runs: [], check: showsOtherThan(listPath, /bench-p-\d{6}/g) },
      { name: "proposal page", method: "GET", path: `/proposals/${ps.typicalId}`, note: "a typical published proposal (median supports, a few comments)", headers: common, runs: [], check: shows(/bench-c-\d{6}-\d{4}/, hasDiscussion) },
      { name: "long discussion, first page", method: "GET", path: hotPath, note: `the proposal with ${ps.counts.hotComments.toLocaleString("en")} comments`, headers: common, runs: [], check: shows(/bench-hc-\d{6}/, hasDiscussion) },
      { name: `long discussion, page ${commentPages + 1}`, method: "GET", path: hotPath, note: `its discussion ${commentPages} "показать ещё" pages on (comments_after cursor)`, headers: common, runs: [], check: showsOtherThan(hotPath, /bench-hc-\d{6}/g, hasDiscussion) },
      { name: "support", method: "PUT", path: "/api/proposals/{id}/support", note: `signed in; ${S.toLocaleString("en")} accounts × ${P.toLocaleString("en")} published proposals in rotation`, headers: { "x-csrf-token": csrfToken }, vary: supportVary, runs: [] },
    ];
    const [, , , , , deepList, , , laterComments, supportRoute] = routes;

    // ---- issue 4: the consultation ----
    const docPath = `/consultations/${cs.consultationId}`;
    const clausePath = `${docPath}/clauses/${cs.hotClauseId}`;
    // Version 1 is the one the remarks were left on and whose summary is published (2 is the newest).
    const summaryPath = `${docPath}/summary?version=1`;
    const comparePath = `${docPath}/compare?from=1&to=2`;
    const csvPath = `${docPath}/summary.csv?version=1`;
    const clauseIds = /id="clause-be9c0003-[0-9a-f-]+"/g;
    const remarkIds = REMARK_ID_PATTERN;
    const showsAll = (items: RegExp, what: string) => (html: string) => ((html.match(items) ?? []).length ? undefined : `the page shows none of the generated ${what}`);
    // A deep page must differ from the first: by the remarks it shows or, if it names none, by its HTML.
    const differsFrom = (firstPath: string, items: RegExp) => async (html: string) => {
      const firstHtml = await (await fetch(`${base}${firstPath}`, { headers: common })).text();
      const first = new Set(firstHtml.match(items) ?? []);
      const here = html.match(items) ?? [];
      if (here.length && first.size) return here.some((x) => !first.has(x)) ? undefined : "the page shows only remarks of the first page (cursor ignored?)";
      const strip = (h: string) => h.replace(/nonce="[^"]*"/g, "");
      return strip(html) === strip(firstHtml) ? "the page is the first page again (cursor ignored?)" : undefined;
    };
    const n = (x: number) => x.toLocaleString("en");
    const cc = cs.counts;
    const consultationRoutes: Route[] = [
      { name: "consultation document page", method: "GET", path: docPath, note: `the newest version (2) of ${n(cc.clauses[1])} clauses`, headers: common, runs: [], check: showsAll(clauseIds, "clauses") },
      { name: "consultation document, version 1", method: "GET", path: `${docPath}?version=1`, note: `the ${n(cc.clauses[0])} clauses the remarks were left on, with their remark counts`, headers: common, runs: [], check: showsAll(clauseIds, "clauses") },
      { name: "one clause's remarks, first page", method: "GET", path: clausePath, note: `the clause with ${n(cc.hot)} remarks`, headers: common, runs: [], check: showsAll(new RegExp(remarkIds.source), "remarks") },
      { name: `one clause's remarks, page ${remarkPages + 1}`, method: "GET", path: clausePath, note: `the same clause ${remarkPages} "next" pages on (key cursor)`, headers: common, runs: [], check: differsFrom(clausePath, remarkIds) },
      { name: "summary, first page", method: "GET", path: summaryPath, note: `version 1's published summary: ${n(cc.visible)} visible remarks with their dispositions, in document order`, headers: common, runs: [] },
      { name: `summary, page ${remarkPages + 1}`, method: "GET", path: summaryPath, note: `the same table ${remarkPages} "next" pages on (key cursor)`, headers: common, runs: [], check: differsFrom(summaryPath, remarkIds) },
      { name: "version comparison", method: "GET", path: comparePath, note: `two versions of ${n(cc.clauses[0])} and ${n(cc.clauses[1])} clauses: ${cc.changed} changed by word edits, ${cc.added} added, ${cc.removed} removed, ${cc.moved} moved`, headers: common, runs: [] },
      { name: "consultations feed", method: "GET", path: "/consultations/feed.atom", note: "the Atom feed of announcements", headers: common, runs: [], optional: true },
      { name: "implementation, portal-wide", method: "GET", path: "/implementation", note: "commitments of adopted consultations (the benchmark's consultation is not adopted: none of its own)", headers: common, runs: [], optional: true },
    ];
    const [, , , deepClause, , deepSummary] = consultationRoutes;
    // Measured before the support route, which changes the data (interleaving is unaffected).
    routes.splice(routes.indexOf(supportRoute), 0, ...consultationRoutes);

    // ---- issue 5: the competition and the library ----
    const compPath = `/competitions/${comp.competitionId}`;
    const entriesPath = `${compPath}/entries?nomination=${comp.mainNominationId}`;
    const ballotPath = `${compPath}/vote?nomination=${comp.mainNominationId}`;
    const searchPath = `/library?q=${encodeURIComponent("детская площадка")}`;
    const searchCityPath = `${searchPath}&city=${encodeURIComponent(lib.topCity)}`;
    const yearPath = `/library?year=${lib.busyYear}`;
    const practicePath = `/library/${lib.typicalPracticeId}`;
    const entryIds = new RegExp(ENTRY_ID_PATTERN.source);
    const practiceIds = new RegExp(PRACTICE_ID_PATTERN.source);
    const E = comp.mainEntryIds.length;
    const cc5 = comp.counts;
    const competitionRoutes: Route[] = [
      { name: "competition page", method: "GET", path: compPath, note: `the public page in the voting stage: ${cc5.nominations} nominations, ${cc5.criteria} criteria, the method in words`, headers: common, runs: [] },
      { name: "entries list, first page", method: "GET", path: entriesPath, note: `the nomination of ${n(E)} admitted entries (${n(cc5.mainVotes)} votes)`, headers: common, runs: [], check: shows(entryIds) },
      { name: `entries list, page ${entryPages + 1}`, method: "GET", path: entriesPath, note: `the same nomination ${entryPages} "next" pages on (key cursor)`, headers: common, runs: [], check: showsOtherThan(entriesPath, ENTRY_ID_PATTERN) },
      { name: "ballot page (signed in)", method: "GET", path: ballotPath, note: `a voter's ballot of that nomination, the voter's choice marked`, headers: { cookie: `${csrfCookie}; ${comp.ballotSession}` }, runs: [], check: shows(entryIds) },
      { name: "library search", method: "GET", path: searchPath, note: `«детская площадка» over ${n(practiceCount)} practices (stems, bm25)`, headers: common, runs: [], check: shows(practiceIds) },
      { name: "library search in a city", method: "GET", path: searchCityPath, note: `the same in ${lib.topCity}, the city with the most practices`, headers: common, runs: [], check: shows(practiceIds) },
      { name: "library by year", method: "GET", path: yearPath, note: `browsing ${lib.busyYear} (the busiest year), no text`, headers: common, runs: [], check: shows(practiceIds) },
      { name: "practice page", method: "GET", path: practicePath, note: "one practice of the library", headers: common, runs: [] },
    ];
    const deepEntries = competitionRoutes[2];
    routes.splice(routes.indexOf(supportRoute), 0, ...competitionRoutes);

    // Votes through the real API route, each request from another signed-in voter (sessions made by the
    // generator): a first cast by a voter with no vote in the nomination, for entry (i·7) mod E; a
    // change by a voter with a vote, to another entry than the one in force (the last request for
    // that voter is remembered). `vary` picks the voter, `body` (called right after it) names the entry.
    const voteHeaders = { "content-type": "application/json", "x-csrf-token": csrfToken };
    const votePath = `/api/competitions/${comp.competitionId}/votes`;
    let castN = 0;
    let castEntry = "";
    const castVary = () => {
      const i = castN++;
      castEntry = comp.mainEntryIds[(i * 7) % E];
      return { headers: { cookie: `${csrfCookie}; ${comp.castSessions[i % comp.castSessions.length]}` } };
    };
    const changeState = comp.changeSessions.map((x) => x.entry);
    let changeN = 0;
    let changeEntry = "";
    const changeVary = () => {
      const i = changeN++;
      const b = i % changeState.length;
      const next = (changeState[b] + 1 + ((i * 31) % (E - 1))) % E;
      changeState[b] = next;
      changeEntry = comp.mainEntryIds[next];
      return { headers: { cookie: `${csrfCookie}; ${comp.changeSessions[b].cookie}` } };
    };
    const castRoute: Route = {
      name: "vote: first cast",
      method: "POST",
      path: votePath,
      note: `signed in; ${n(comp.castSessions.length)} voters without a vote in the nomination, each request another voter`,
      headers: voteHeaders,
      vary: castVary,
      body: () => JSON.stringify({ entryId: castEntry }),
      runs: [],
    };
    const changeRoute: Route = {
      name: "vote: change",
      method: "POST",
      path: votePath,
      note: `signed in; ${n(comp.changeSessions.length)} voters with a vote in the nomination, each moving it to another entry`,
      headers: voteHeaders,
      vary: changeVary,
      body: () => JSON.stringify({ entryId: changeEntry }),
      runs: [],
    };
    routes.push(castRoute, changeRoute);

    // The deep pages' cursors, found the way a reader gets there: by following "next".
    step(`following "next" ${deepPages} pages into ${listPath} and ${commentPages} pages into the long discussion`);
    try {
      const c = await cursorAfter(base, common, {
        api: (after) => `/api/proposals?theme=${ps.theme}&sort=supported${after ? `&after=${after}` : ""}`,
        html: (after) => `${listPath}${after ? `&after=${after}` : ""}`,
        param: "after",
        pages: deepPages,
      });
      deepList.path = `${listPath}&after=${c.cursor}`;
      if (c.page <= deepPages) deepList.name = `proposal list, page ${c.page} (the last)`;
      deepList.note += ` — cursor found through the ${c.via}`;
    } catch (e) {
      deepList.problem = `no cursor: ${(e as Error).message}`;
      deepList.skip = true;
    }
    try {
      const c = await cursorAfter(base, common, {
        api: (after) => `/api/comments?targetType=proposal&targetId=${ps.hotId}${after ? `&after=${after}` : ""}`,
        html: (after) => `${hotPath}${after ? `?comments_after=${after}` : ""}`,
        param: "comments_after",
        pages: commentPages,
      });
      laterComments.path = `${hotPath}?comments_after=${c.cursor}`;
      if (c.page <= commentPages) laterComments.name = `long discussion, page ${c.page} (the last)`;
      laterComments.note += ` — cursor found through the ${c.via}`;
    } catch (e) {
      laterComments.problem = `no cursor: ${(e as Error).message}`;
      laterComments.skip = true;
    }
    step(`following "next" ${remarkPages} pages into the hot clause's remarks and into the summary`);
    for (const [route, path] of [
      [deepClause, clausePath],
      [deepSummary, summaryPath],
    ] as const) {
      try {
        const c = await cursorAfter(base, common, { html: (after) => `${path}${after ? `${path.includes("?") ? "&" : "?"}after=${after}` : ""}`, param: "after", pages: remarkPages });
        route.path = `${path}${path.includes("?") ? "&" : "?"}after=${c.cursor}`;
        if (c.page <= remarkPages) route.name = route.name.replace(/page \d+$/, `page ${c.page} (the last)`);
        route.note += ` — cursor found through the ${c.via}`;
      } catch (e) {
        route.problem = `no cursor: ${(e as Error).message}`;
        route.skip = true;
      }
    }

    step(`following "next" ${entryPages} pages into the nomination's entries`);
    try {
      const c = await cursorAfter(base, common, {
        api: (after) => `/api/competitions/${comp.competitionId}/entries?nomination=${comp.mainNominationId}${after ? `&after=${after}` : ""}`,
        html: (after) => `${entriesPath}${after ? `&after=${after}` : ""}`,
        param: "after",
        pages: entryPages,
      });
      deepEntries.path = `${entriesPath}&after=${c.cursor}`;
      if (c.page <= entryPages) deepEntries.name = `entries list, page ${c.page} (the last)`;
      deepEntries.note += ` — cursor found through the ${c.via}`;
    } catch (e) {
      deepEntries.problem = `no cursor: ${(e as Error).message}`;
      deepEntries.skip = true;
    }

    // Sanity checks: one request each, so a broken route is reported with its reason.
    const sanity = async (list: Route[]) => {
    for (const r of list) {
      if (r.skip) {
        console.warn(`  ! ${r.name}: ${r.problem}`);
        continue;
      }
      const v = r.vary?.() ?? {};
      const path = v.path ?? r.path;
      const res = await fetch(`${base}${path}`, { method: r.method, headers: { ...r.headers, ...v.headers }, body: r.body?.(), redirect: "manual" });
      const text = await res.text();
      if (r.optional && res.status === 404) {
        r.skip = true;
        r.problem = "answers 404 (not built)";
        console.warn(`  - ${r.method} ${path}: optional, answers 404 — not measured`);
        continue;
      }
      if (!res.ok) r.problem = `check request answered ${res.status}: ${text.slice(0, 200).replace(/\s+/g, " ")}`;
      else r.problem = await r.check?.(text);
      // How much a page renders explains most of its cost: say it beside the number.
      const shown = (re: RegExp) => new Set(text.match(re) ?? []).size;
      if (res.ok && r.method === "GET" && r.path.startsWith("/proposals")) {
        const parts = [r.path.startsWith("/proposals?") ? `${shown(/bench-p-\d{6}/g)} proposals` : "", `${shown(/bench-(?:hc-\d{6}|c-\d{6}-\d{4})/g)} comments`].filter((x) => x && !x.startsWith("0 "));
        if (parts.length) r.note += ` — ${parts.join(", ")} on the page, ${kb(Buffer.byteLength(text))} of HTML`;
      }
      if (res.ok && r.method === "GET" && r.path.startsWith(docPath)) {
        const parts = [`${shown(clauseIds)} clauses`, `${shown(remarkIds)} remarks`].filter((x) => !x.startsWith("0 "));
        r.note += ` — ${parts.length ? `${parts.join(", ")} on the page, ` : ""}${kb(Buffer.byteLength(text))} of HTML`;
      }
      if (res.ok && r.method === "GET" && (r.path.startsWith(compPath) || r.path.startsWith("/library"))) {
        // A practice's own page names itself: only lists are counted.
        const parts = [`${shown(ENTRY_ID_PATTERN)} entries`, r.path.startsWith("/library/") ? "" : `${shown(PRACTICE_ID_PATTERN)} practices`].filter((x) => x && !x.startsWith("0 "));
        r.note += ` — ${parts.length ? `${parts.join(", ")} on the page, ` : ""}${kb(Buffer.byteLength(text))} of HTML`;
      }
      if (r.problem) console.warn(`  ! ${r.method} ${path}: ${r.problem}`);
    }
    };
    await sanity(routes);
    // Optional routes not built yet are left out of the tables (and named under them).
    const absent = routes.filter((r) => r.optional && r.skip);
    for (const r of absent) routes.splice(routes.indexOf(r), 1);

    // Page weights: the home page, the list and the proposal pages; the consultation's pages.
    const assetCache = new Map<string, { raw: number; gzip: number }>();
    const weights: { page: string; w?: Awaited<ReturnType<typeof pageWeight>>; problem?: string }[] = [];
    for (const [page, path] of [
      ["home page `GET /`", "/"],
      [`proposal list \`GET ${listPath}\``, listPath],
      [`proposal page \`GET /proposals/${ps.typicalId}\``, `/proposals/${ps.typicalId}`],
      [`long discussion, first page \`GET ${hotPath}\``, hotPath],
      [`consultation document page \`GET ${docPath}\``, docPath],
      [`one clause's remarks, first page \`GET ${clausePath}\``, clausePath],
      [`summary, first page \`GET ${summaryPath}\``, summaryPath],
      [`version comparison \`GET ${comparePath}\``, comparePath],
      [`competition page \`GET ${compPath}\``, compPath],
      [`entries list, first page \`GET ${entriesPath}\``, entriesPath],
      [`ballot page (a visitor) \`GET ${ballotPath}\``, ballotPath],
      [`library search \`GET ${searchPath}\``, searchPath],
      [`practice page \`GET ${practicePath}\``, practicePath],
    ] as const) {
      try {
        weights.push({ page, w: await pageWeight(base, common, path, assetCache) });
      } catch (e) {
        weights.push({ page, problem: (e as Error).message });
      }
    }

    const slice = duration / rounds;
    /** The warm-up, then `rounds` interleaved rounds of every route of the list. */
    const measureRounds = async (list: Route[]) => {
    const measured = list.filter((r) => !r.skip);
    if (warmup > 0)
      for (const r of measured) {
        step(`warming up ${r.method} ${r.path} (${warmup} s)`);
        await load({ url: base, path: r.path, method: r.method, headers: r.headers, body: r.body, vary: r.vary, duration: warmup, connections });
        await settle(base);
      }
    for (let round = 1; round <= rounds; round++) {
      step(`round ${round}/${rounds}: each route ${slice.toFixed(1)} s with ${connections} connections`);
      for (const r of measured) {
        try {
          const x = await load({ url: base, path: r.path, method: r.method, headers: r.headers, body: r.body, vary: r.vary, duration: slice, connections });
          r.runs.push(x);
          console.log(`    ${r.name.padEnd(32)} ${x.rps.toFixed(1).padStart(7)} req/s  p50 ${x.p50} ms  p99 ${x.p99} ms  non-2xx ${x.non2xx}  errors ${x.errors}`);
        } catch (e) {
          r.problem = `autocannon failed: ${(e as Error).message}`;
          console.warn(`    ${r.method} ${r.path}: ${r.problem}`);
        }
        await settle(base);
      }
    }
    for (const r of list) if (r.runs.length) r.result = combine(r.runs);
    };
    const loadAtMeasureStart = loadavg()[0];
    await measureRounds(routes);
    const loadAtMeasureEnd = loadavg()[0];

    // The summary's CSV: every visible remark of version 1, megabytes — seconds per request, so
    // 10 connections for a 2-second slice would measure queueing. Measured apart, one request at
    // a time after one unmeasured request, with the floor measured the same way for its ratio.
    step(`the summary's CSV: ${csvRequests} requests one at a time (and the floor likewise)`);
    let csv: { floor: Awaited<ReturnType<typeof oneAtATime>>; csv: Awaited<ReturnType<typeof oneAtATime>>; rows: number; gzip: number } | undefined;
    let csvProblem: string | undefined;
    try {
      await oneAtATime(base, csvPath, common, 1);
      const floorOne = await oneAtATime(base, "/api/health", common, Math.max(50, csvRequests * 10));
      const c = await oneAtATime(base, csvPath, common, csvRequests);
      const type = c.res.headers.get("content-type") ?? "";
      if (!/csv/.test(type)) csvProblem = `content-type is "${type}", not CSV`;
      csv = { floor: floorOne, csv: c, rows: csvRecords(c.body.toString("utf8")) - 1, gzip: gzipSync(c.body).length };
      console.log(`    summary.csv: ${sizeOf(c.body.length)} (gzip ${sizeOf(csv.gzip)}), ${n(csv.rows)} rows, ${(c.mean / 1000).toFixed(2)} s per request (floor one at a time: ${floorOne.mean.toFixed(1)} ms)`);
    } catch (e) {
      csvProblem = (e as Error).message;
      console.warn(`    ${csvPath}: ${csvProblem}`);
    }

    await worker.stop();
    worker = undefined;
    // What the support requests really did: a 2xx that stored nothing would pass for a fast route.
    const supportsAdded = countRows(persistTo, "SELECT count(*) AS n FROM proposal_supports").n - counts.supports;
    if (supportRoute.result && supportsAdded === 0) supportRoute.problem = "no support was stored";
    // supportN counts requests built, which includes the check, the warm-up and those in flight when a round ended.
    supportRoute.note += `: ${supportsAdded.toLocaleString("en")} new supports stored by ${supportN.toLocaleString("en")} requests (warm-up and requests in flight at a round's end included)`;

    // ---- issue 5: what the vote requests did, and whether every counter still equals its rows ----
    const afterVotes = countRows(
      persistTo,
      `SELECT (SELECT count(*) FROM competition_votes) AS votes, (SELECT count(*) FROM competition_vote_log WHERE event = 'cast') AS casts, (SELECT count(*) FROM competition_vote_log WHERE event = 'change') AS changes, (SELECT vote_count FROM competition_nominations WHERE id = '${comp.mainNominationId}') AS nominationVotes`,
    );
    const castsStored = afterVotes.votes - counts.votes;
    const changesStored = afterVotes.changes;
    const exactStart = performance.now();
    const exactness = countRows(persistTo, competitionConsistencySql(comp.competitionId));
    const exactMs = performance.now() - exactStart;
    const exact = Object.values(exactness).every((x) => x === 0);
    const inexact = `counters differ from their rows after the run: ${JSON.stringify(exactness)}`;
    castRoute.note += `: ${n(castsStored)} first casts stored by ${n(castN)} requests (warm-up, the check and requests in flight at a round's end included)`;
    changeRoute.note += `: ${n(changesStored)} changes logged by ${n(changeN)} requests (likewise)`;
    if (castRoute.result && castsStored === 0) castRoute.problem = "no vote was stored";
    if (changeRoute.result && changesStored === 0) changeRoute.problem = "no vote was changed";
    // Past the pool, a voter would cast again: the same entry (nothing written) or a change — not a first cast.
    if (castN > comp.castSessions.length) castRoute.problem = `ran out of voters without a vote: ${n(castN)} requests for ${n(comp.castSessions.length)} voters (raise --vote-sessions)`;
    if (!exact) castRoute.problem = changeRoute.problem = inexact;
    step(`votes: ${n(castsStored)} first casts and ${n(changesStored)} changes stored; the big nomination now counts ${n(afterVotes.nominationVotes)}; counters ${exact ? "equal their rows" : "DIFFER"} (checked in ${seconds(exactMs)})`);

    // ---- the results stage: computed through the organiser's route, published, the public pages measured ----
    step("moving the competition to its results stage (voting closed a minute ago), with the server stopped");
    const closedAt = Date.now() - 60_000;
    queryRows(persistTo, `UPDATE competitions SET voting_closes_at = ${closedAt}, stage = 'results' WHERE id = '${comp.competitionId}'`);
    worker = await startWorker({ port: await freePort(), persistTo, vars: limits });
    base = worker.url;
    const adminHeaders = { cookie: `${csrfCookie}; ${comp.adminSession}`, "x-csrf-token": csrfToken };
    // One unmeasured page of the competition first: the first request of a new server loads the code.
    await fetch(`${base}${compPath}`, { headers: common }).then((r) => r.arrayBuffer());
    step(`computing the results ${computeRuns} times (POST /api/competitions/{id}/results/compute as the organiser's admin, one at a time)`);
    const computeTimes: number[] = [];
    let computed: { entries: number; nominations: number; winners: number } | undefined;
    let computeProblem: string | undefined;
    for (let i = 0; i < computeRuns && !computeProblem; i++) {
      const t = performance.now();
      const res = await fetch(`${base}/api/competitions/${comp.competitionId}/results/compute`, { method: "POST", headers: adminHeaders });
      const body = await res.text();
      const ms = performance.now() - t;
      if (!res.ok) computeProblem = `answered ${res.status}: ${body.slice(0, 200)}`;
      else {
        computeTimes.push(ms);
        computed = JSON.parse(body) as typeof computed;
        console.log(`    compute ${i + 1}: ${(ms / 1000).toFixed(3)} s — ${computed!.entries} entries in ${computed!.nominations} nominations ranked`);
      }
    }
    if (computed && computed.entries !== comp.counts.entries) computeProblem = `ranked ${computed.entries} entries, the competition has ${comp.counts.entries}`;
    let publishMs: number | undefined;
    let published: { notified: number; winners: number } | undefined;
    let publishProblem: string | undefined;
    {
      const t = performance.now();
      const res = await fetch(`${base}/api/competitions/${comp.competitionId}/results/publish`, { method: "POST", headers: adminHeaders });
      const body = await res.text();
      publishMs = performance.now() - t;
      if (res.ok) published = JSON.parse(body) as typeof published;
      else publishProblem = `answered ${res.status}: ${body.slice(0, 200)}`;
      step(`published in ${(publishMs / 1000).toFixed(3)} s${published ? `: ${published.notified} entrants notified, ${published.winners} winners into the library` : ` — FAILED: ${publishProblem}`}`);
    }
    const resultsPath = `${compPath}/results`;
    const resultsNominationPath = `${resultsPath}?nomination=${comp.mainNominationId}`;
    const phase2: Route[] = [
      { name: "floor, results phase", method: "GET", path: "/api/health", note: "the floor again, on the restarted server: the ratios below are to this one", headers: common, runs: [], phase: 2 },
      { name: "results page", method: "GET", path: resultsPath, note: `the published results: the first places of each of ${cc5.nominations} nominations, each part of the score, the method`, headers: common, runs: [], phase: 2, check: shows(entryIds) },
      { name: "one nomination's results", method: "GET", path: resultsNominationPath, note: `the ranking of the ${n(E)}-entry nomination, first page`, headers: common, runs: [], phase: 2, check: shows(entryIds) },
    ];
    await sanity(phase2);
    for (const [page, path] of [
      [`results page \`GET ${resultsPath}\``, resultsPath],
      [`one nomination's results \`GET ${resultsNominationPath}\``, resultsNominationPath],
    ] as const) {
      try {
        weights.push({ page, w: await pageWeight(base, common, path, assetCache) });
      } catch (e) {
        weights.push({ page, problem: (e as Error).message });
      }
    }
    step("measuring the results pages (interleaved with the floor again)");
    await measureRounds(phase2);
    routes.push(...phase2);
    await worker.stop();
    worker = undefined;
    const totalMs = performance.now() - started;

    // ---- the report --------------------------------------------------------------------------
    const floorRps = (r: RouteRun | undefined) => (r?.result && !failed(r) ? r.result.rps : undefined);
    const floor = floorRps(routes[0]);
    const floor2 = floorRps(routes.find((r) => r.phase === 2));
    const shortPath = (p: string) => (p.length > 90 ? `${p.slice(0, 72)}…${p.slice(-12)}` : p);
    const routeTable = [
      "| Route | Requests/s | × floor | Rounds' range (req/s) | p50 ms | p99 ms | Responses | non-2xx | Errors | Status |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
      ...routes.map((r) => {
        const x = r.result;
        const f = r.phase === 2 ? floor2 : floor;
        const ratio = x && f ? (x.rps / f).toFixed(3) : "—";
        const cells = x
          ? [x.rps.toFixed(1), ratio, `${x.min.toFixed(1)}–${x.max.toFixed(1)}`, String(x.p50), String(x.p99), String(x.total), String(x.non2xx), String(x.errors)]
          : ["—", "—", "—", "—", "—", "—", "—", "—"];
        return `| ${r.name}: \`${r.method} ${shortPath(r.path)}\` — ${r.note} | ${cells.join(" | ")} | ${statusOf(r)} |`;
      }),
    ].join("\n");
    const sizeTable = [
      "| Page | HTML (gzip) | JS (gzip) | CSS (gzip) | **Total (gzip)** | Total uncompressed |",
      "|---|---:|---:|---:|---:|---:|",
      ...weights.map(({ page, w, problem }) =>
        w
          ? `| ${page} | ${kb(w.html.gzip)} | ${kb(w.js.gzip)} | ${kb(w.css.gzip)} | **${kb(w.html.gzip + w.js.gzip + w.css.gzip)}** | ${kb(w.html.raw + w.js.raw + w.css.raw)} |`
          : `| ${page} | **FAILED**: ${problem} | | | | |`,
      ),
    ].join("\n");
    const csvTable = [
      "| Route | Requests (one at a time) | Seconds per request: mean (min–max) | Requests/s | × floor one at a time | Rows | Size | Size (gzip) | Status |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---|",
      csv
        ? `| summary CSV: \`GET ${csvPath}\` — every visible remark of version 1 with its disposition | ${csv.csv.times.length} | ${(csv.csv.mean / 1000).toFixed(2)} (${(csv.csv.min / 1000).toFixed(2)}–${(csv.csv.max / 1000).toFixed(2)}) | ${(1000 / csv.csv.mean).toFixed(2)} | ${(csv.floor.mean / csv.csv.mean).toFixed(4)} | ${n(csv.rows)} | ${sizeOf(csv.csv.body.length)} | ${sizeOf(csv.gzip)} | ${csvProblem ? `**FAILED**: ${csvProblem}` : "ok"} |`
        : `| summary CSV: \`GET ${csvPath}\` | — | — | — | — | — | — | — | **FAILED**: ${csvProblem ?? "did not run"} |`,
    ].join("\n");
    const assetList = [...assetCache.entries()].map(([p, s]) => `\`${p}\` ${kb(s.raw)} (gzip ${kb(s.gzip)})`).join("; ");

    const wranglerVersion = JSON.parse(readFileSync(join(ROOT, "node_modules/wrangler/package.json"), "utf8")).version as string;
    let commit = "";
    try {
      commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
    } catch {
      /* not a git checkout */
    }
    const machine = `${availableParallelism()} CPUs (nproc) — ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${platform()} ${release()}; Node ${process.version}; wrangler ${wranglerVersion}`;
    const dataSet = Object.entries(counts)
      .map(([k, v]) => `${k} ${v.toLocaleString("en")}`)
      .join(", ");
    const date = new Date().toISOString();

    // Issue 5: votes per second and the results computation, in tables of their own.
    const lc = lib.counts;
    const voteRow = (r: Route, stored: string) => {
      const x = r.result;
      const f = floor ? (x ? (x.rps / floor).toFixed(3) : "—") : "—";
      return x
        ? `| ${r.name} | **${x.rps.toFixed(1)}** | ${f} | ${x.min.toFixed(1)}–${x.max.toFixed(1)} | ${x.p50} | ${x.p99} | ${x.total} | ${stored} | ${statusOf(r)} |`
        : `| ${r.name} | — | — | — | — | — | — | ${stored} | ${statusOf(r)} |`;
    };
    const voteTable = [
      "| Votes through `POST /api/competitions/{id}/votes` | Votes/s sustained | × floor | Rounds' range | p50 ms | p99 ms | Responses | Stored | Status |",
      "|---|---:|---:|---:|---:|---:|---:|---|---|",
      voteRow(castRoute, `${n(castsStored)} new vote rows (and as many 'cast' log rows) for ${n(castN)} requests`),
      voteRow(changeRoute, `${n(changesStored)} 'change' log rows for ${n(changeN)} requests`),
    ].join("\n");
    const exactList = Object.entries(exactness)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    const sortedCompute = [...computeTimes].sort((a, b) => a - b);
    const sec3 = (ms: number) => (ms / 1000).toFixed(3);
    const computeTable = [
      "| Step | Runs | Seconds: min | median | max | What it did | Status |",
      "|---|---:|---:|---:|---:|---|---|",
      sortedCompute.length
        ? `| compute: \`POST /api/competitions/{id}/results/compute\` as the organiser's admin, one at a time | ${sortedCompute.length} | ${sec3(sortedCompute[0])} | ${sec3(sortedCompute[Math.floor((sortedCompute.length - 1) / 2)])} | ${sec3(sortedCompute[sortedCompute.length - 1])} | ${computed ? `${n(computed.entries)} entries ranked in ${computed.nominations} nominations (${n(afterVotes.nominationVotes)} counted votes in the big one), ${computed.winners} winners marked; the stored results replaced in one batch` : ""} | ${computeProblem ? `**FAILED**: ${computeProblem}` : "ok"} |`
        : `| compute | 0 | — | — | — | — | **FAILED**: ${computeProblem ?? "did not run"} |`,
      `| publish: \`POST /api/competitions/{id}/results/publish\`, once | 1 | ${publishMs !== undefined ? sec3(publishMs) : "—"} | | | ${published ? `${published.notified} entrants notified, ${published.winners} winners copied into the library with their search rows` : ""} | ${publishProblem ? `**FAILED**: ${publishProblem}` : "ok"} |`,
    ].join("\n");

    const section = `## ${args.section} (${date.slice(0, 10)})

- **Date:** ${date}${commit ? ` (commit ${commit})` : ""}
- **Machine:** ${machine}
- **Data set:** ${dataSet}. The long discussion: ${ps.counts.hotComments.toLocaleString("en")} comments on one proposal (${ps.counts.hotTopLevel.toLocaleString("en")} top-level, the rest replies in their threads; ${ps.counts.hotDeleted} deleted by their authors, ${ps.counts.hotHidden} hidden by a moderator), ${ps.counts.commentVotes.toLocaleString("en")} votes; ${(ps.counts.comments - ps.counts.hotComments).toLocaleString("en")} more comments spread over the other proposals. Supports and comments are skewed (log-normal): most proposals have a few, some thousands.
- **The consultation:** two published versions of ${n(cc.clauses[0])} and ${n(cc.clauses[1])} clauses (headings, numbered clauses, sub-clauses and bullets with their addressees, texts from the seed resolutions; version 2: ${cc.changed} clauses reworded, ${cc.added} added, ${cc.removed} removed, ${cc.moved} moved, the rest unchanged on the same lineage); the window closed; ${n(cc.remarks)} remarks on version 1 — ${n(cc.hot)} on one clause, ${n(cc.wholeDocument)} on the document as a whole, the rest skewed over the other clauses; ${n(cc.kinds.comment)} comments, ${n(cc.kinds.wording)} rewordings, ${n(cc.kinds.new_clause)} new clauses, ${n(cc.kinds.objection)} objections; ${n(cc.shownAsOrganisation)} shown as an organisation; ${n(cc.hidden)} hidden, ${n(cc.deleted)} deleted; ${n(cc.supports)} supports; a disposition on each of the ${n(cc.visible)} visible ones (${n(cc.dispositions.accepted)} accepted, ${n(cc.dispositions.partly)} partly, ${n(cc.dispositions.rejected)} rejected, ${n(cc.dispositions.out_of_scope)} out of scope) and the summary published; ${n(cc.links)} remarks linked to the clause of version 2 that took them into account.
- **The competition:** «${comp.competitionId}» of МАГ, published, in its voting stage (opened 10 days before the run, closing 20 days after); ${cc5.nominations} nominations — one of ${n(cc5.mainEntries)} admitted entries with ${n(cc5.mainVotes)} counted votes (from ${n(cc5.minEntryVotes)} to ${n(cc5.maxEntryVotes)} an entry, log-normal), ${otherNominations} of ${n(otherEntries)} entries with ${n(otherVotes)} votes each; one vote per person per nomination, so the ${n(accounts)} accounts were joined by ${n(cc5.voterAccounts)} lean voter accounts (id, e-mail, confirmed, name, city, created: no password, no consent row); every vote as the ballot box leaves it — its row with the receipt in force and its 'cast' row in the vote log (receipt, hashed network, the account's age), times spread over the voting days; ${cc5.experts} experts, ${n(cc5.assignments)} assignments by the module's own rule (three per entry, no conflicts of city, organisation or authorship), every sheet submitted (${n(cc5.scores)} scores on ${cc5.criteria} criteria), jury score and spread by the module's rules (${cc5.flagged} entries flagged for spread); ${n(cc5.sessions)} signed-in sessions for the measurements. Every counter was checked against its rows after loading (${seconds(competitionCheckMs)}).
- **The library:** ${n(lc.practices)} practices (${n(lc.hidden)} hidden) in ${lc.cities} cities of Russia and the CIS/ЕАЭС (the big ones far more often; most in ${lib.topCity}), ${lc.themes} themes, ${lc.years} years (1990–2026, recent ones more often; most in ${lib.busyYear}), ${n(lc.withNomination)} with a nomination of the смотр-конкурс and a place; Russian texts from templates around some thirty subjects written in eight case and number forms (${n(lc.detskayaPloshchadka)} about «детская площадка» in one form or another); each practice's search row is the stems of its text as stemming.ts practiceWords makes them (checked after loading on a sample of ${sample.length} stored practices against practiceWords itself).
- **Generation:** ${seconds(accountsGenMs + ps.generationMs + cs.generationMs + comp.generationMs + lib.generationMs)} to write the SQL (accounts ${seconds(accountsGenMs)}, proposals and discussions ${seconds(ps.generationMs)}, the consultation ${seconds(cs.generationMs)}, the competition ${seconds(comp.generationMs)}, the library ${seconds(lib.generationMs)}); loaded through \`wrangler d1 execute --local\` in ${seconds(loadMs)}: ${groups.map((g) => `${g.what} ${seconds(g.ms)} (${g.files.length} file${g.files.length === 1 ? "" : "s"}, ${g.bytes < 2 ** 20 ? kb(g.bytes) : `${(g.bytes / 2 ** 20).toFixed(1)} MB`} of SQL)`).join(", ")}. Every counter was checked against its rows after loading.
- **Load:** autocannon over 127.0.0.1, ${connections} connections, ${duration} s per route in ${rounds} interleaved rounds of ${slice.toFixed(1)} s, after a ${warmup} s warm-up per route
- **System load average (1 min):** ${loadAtStart.toFixed(2)} when the benchmark started, ${loadAtMeasureStart.toFixed(2)} when the warm-up started, ${loadAtMeasureEnd.toFixed(2)} at its end (on ${availableParallelism()} CPUs; more than that means other processes competed with the server)
- **Server:** \`wrangler dev\` (local workerd, local SQLite D1), rate limits raised with ${Object.keys(limits).map((k) => `\`--var ${k}:1000000\``).join(", ")}
- **Whole benchmark:** ${seconds(totalMs)}

### Throughput and latency

${routeTable}

Requests/s counts responses from each round's first response to its last, summed over the rounds (autocannon drops the
requests in flight when a round ends; counting them against the round's full length would understate slow routes).
p50/p99 are over all responses of all rounds.
"× floor" is the route's requests/s divided by the floor's (GET /api/health: the same middleware, no database, no rendering).
"Rounds' range" is the slowest and the fastest round: a wide range means the machine was not steady.
A row whose status is not "ok" had failed requests; its numbers then describe the failures too.
Pages are requested signed out (a visitor), except the profile page and the ballot page.
The last rows (from "floor, results phase") were measured after the competition moved to its results stage and the server was restarted:
their ratios are to the floor measured again then, in the same interleaved rounds.

### Votes per second

${voteTable}

Each request comes from another signed-in voter (a session made by the generator): a first cast from a voter who has no vote in the
${n(E)}-entry nomination yet, for entry (i·7) mod ${n(E)}; or a change from a voter who has one, to another entry than the one in force.
Both are the ballot box's one batch (log row, counters, vote row, read-back) after one batch of reads. "Stored" counts the rows the
database holds afterwards: requests built include the sanity check, the warm-up and those in flight when a round ended.
**Exactness after the run:** ${exact ? "every counter equals its rows" : "**COUNTERS DIFFER FROM THEIR ROWS**"} (${exactList}; each figure is the number of mismatches, checked in ${seconds(exactMs)}).

### Results computation

${computeTable}

Before this step the server was stopped, the competition's voting_closes_at set to a minute before (its results stage), and the server
started again. Each computation reads the competition, its nominations and every admitted entry's jury score and vote counter (kept
by the ballot box: the million votes are never counted again), ranks each nomination and replaces the stored results in one batch.

### Page weight

${sizeTable}

What each page makes a browser download: its HTML, every local script and stylesheet it references and the script chunks those load for the page, gzip at the
default level (6) of the bytes the local server sends. The assets: ${assetList}.

### The summary's CSV

${csvTable}

Measured apart from the table above: one request takes seconds, so it was requested one at a time (after one unmeasured
request), the time counted to the last byte. "× floor one at a time" divides its requests/s by the floor's measured the
same way (${csv ? `${csv.floor.times.length} requests, ${csv.floor.mean.toFixed(1)} ms each on average` : "not measured"}).
${absent.length ? `
Not measured: ${absent.map((r) => `\`${r.method} ${r.path}\` (${r.problem})`).join(", ")}.
` : ""}
### Caveats

- Load generator and server share the machine's ${availableParallelism()} CPUs, so every number is lower than the server alone could do.
- The request path is autocannon → wrangler's proxy workerd → the worker's workerd (run with the inspector attached) → miniflare's
  local D1. The floor therefore measures mostly this local stack, not the app's middleware; the ratios say what each route adds.
- Local D1 is SQLite in the same process tree, with no network round trip: real D1 adds one per query batch.
- No ANALYZE was run (the worker's migrations do not run it either): the query plans are the ones a fresh database of this size gets.
- Sign-in is slow by design: PBKDF2-SHA256 with 100,000 iterations per attempt (the production Workers maximum) is the password's protection.
`;

    console.log("\n" + routeTable + "\n\n" + sizeTable + "\n\n" + csvTable + "\n\n" + voteTable + "\n\n" + computeTable + "\n");
    console.log(`Exactness after the votes: ${exact ? "every counter equals its rows" : "COUNTERS DIFFER"} (${exactList}).`);
    console.log(`Data set: ${dataSet}; loaded in ${seconds(loadMs)}. Whole benchmark: ${seconds(totalMs)}.`);
    if (!args["no-write"]) {
      writeSection(join(ROOT, "bench/results.md"), args.section!, section);
      console.log("Written to bench/results.md");
    }
    for (const r of routes.slice(1)) if (failed(r)) console.warn(`WARNING: ${r.name} had failures — ${statusOf(r)}`);
    if (csvProblem) console.warn(`WARNING: the summary's CSV — ${csvProblem}`);
    if (computeProblem || publishProblem) console.warn(`WARNING: results — ${computeProblem ?? ""} ${publishProblem ?? ""}`);
    if (!exact) {
      console.error(`The vote counters differ from their rows after the run: ${exactList}`);
      process.exitCode = 1;
    }
    if (failed(routes[0])) {
      console.error(`The floor route failed (${statusOf(routes[0])}): the other numbers mean nothing.`);
      process.exitCode = 1;
    }
  } catch (e) {
    if (worker) console.error(worker.log().slice(-4000));
    throw e;
  } finally {
    await cleanUp();
  }
}

await main();
