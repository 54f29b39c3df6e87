// `npm run bench` — load-tests the worker locally against a large generated data set.
//
//   npm run bench -- [--duration 10] [--rounds 5] [--connections 10] [--warmup 2] [--accounts 100000]
//                    [--proposals 100000] [--supports 1000000] [--hot-comments 10000] [--comments 100000]
//                    [--sessions 1000] [--deep-pages 50] [--comment-pages 100] [--section "<label>"] [--keep] [--no-write]
//
// A small run while developing: --accounts 5000 --proposals 2000 --supports 20000 --hot-comments 500
// --comments 2000 --sessions 200 --duration 2 --rounds 1 --warmup 0 --no-write
//
// --duration is the measured time per route, split into --rounds interleaved runs (floor, home,
// profile, sign-in, floor, home, …). Interleaving is deliberate: on a small shared machine other
// processes come and go, and measuring the routes one after another let a busy minute land on
// one route only (the floor moved 3× within one run); interleaved, a disturbance hits every
// route alike and the ratios to the floor stay meaningful. The spread of the rounds is reported.
//
// Steps: build the web assets; generate the data set (bench/generate.ts: accounts, organisers,
// organisations; bench/generate-proposals.ts: proposals, supports, discussions) into a fresh local
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
import { generateProposalSet, type ProposalSet } from "./generate-proposals.ts";
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
    section: { type: "string", default: "Issue 3 — proposals, supports and a long discussion" },
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
const COUNTS_SQL =
  "SELECT (SELECT count(*) FROM users) AS accounts, (SELECT count(*) FROM consents) AS consents, (SELECT count(*) FROM organisers) AS organisers, (SELECT count(*) FROM organisations) AS organisations, (SELECT count(*) FROM organisation_members) AS memberships, (SELECT count(*) FROM role_grants) AS roleGrants, (SELECT count(*) FROM sessions) AS sessions, " +
  "(SELECT count(*) FROM organiser_themes) AS themes, (SELECT count(*) FROM proposals) AS proposals, (SELECT count(*) FROM proposals WHERE status = 'published') AS published, (SELECT count(*) FROM proposal_supports) AS supports, (SELECT count(*) FROM comments) AS comments, (SELECT count(*) FROM comment_votes) AS commentVotes";
// Every counter equals a count of its rows (the generator builds them so; this proves the load did).
const CONSISTENCY_SQL =
  "SELECT (SELECT count(*) FROM proposals p WHERE support_count <> (SELECT count(*) FROM proposal_supports s WHERE s.proposal_id = p.id)) AS supportCounters, " +
  "(SELECT count(*) FROM proposals p WHERE comment_count <> (SELECT count(*) FROM comments c WHERE c.target_type = 'proposal' AND c.target_id = p.id AND c.status <> 'deleted')) AS commentCounters, " +
  "(SELECT count(*) FROM comments c WHERE parent_id IS NULL AND reply_count <> (SELECT count(*) FROM comments r WHERE r.root_id = c.id AND r.id <> c.id)) AS replyCounters, " +
  "(SELECT count(*) FROM comments c WHERE up_count <> (SELECT count(*) FROM comment_votes v WHERE v.comment_id = c.id AND v.value = 1) OR down_count <> (SELECT count(*) FROM comment_votes v WHERE v.comment_id = c.id AND v.value = -1)) AS voteCounters";

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
 * as every paginated API here returns it); if it does not answer with one, the HTML page's own
 * "next"/"показать ещё" link (`param=…` in an href) is followed, as a visitor would.
 */
async function cursorAfter(
  base: string,
  headers: Record<string, string>,
  o: { api: (after: string | null) => string; html: (after: string | null) => string; param: string; pages: number },
): Promise<{ cursor: string; page: number; via: string }> {
  const viaApi = async () => {
    let after: string | null = null;
    let page = 1;
    for (; page <= o.pages; page++) {
      const res = await fetch(`${base}${o.api(after)}`, { headers });
      if (!res.ok || !res.headers.get("content-type")?.includes("json")) throw new Error(`GET ${o.api(after)} answered ${res.status}`);
      const body = (await res.json()) as { next?: unknown; nextCursor?: unknown };
      const next = typeof body.next === "string" ? body.next : typeof body.nextCursor === "string" ? body.nextCursor : null;
      if (!next) break;
      after = encodeURIComponent(next);
    }
    if (!after) throw new Error(`GET ${o.api(null)} has no "next" on its first page`);
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
  try {
    return await viaApi();
  } catch (apiError) {
    try {
      return await viaHtml();
    } catch (htmlError) {
      throw new Error(`${(apiError as Error).message}; ${(htmlError as Error).message}`);
    }
  }
}

/** What a page makes a browser download: its HTML, and every local script and stylesheet it references. */
async function pageWeight(base: string, headers: Record<string, string>, path: string, cache: Map<string, { raw: number; gzip: number }>) {
  const res = await fetch(`${base}${path}`, { headers });
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
  const htmlText = await res.text();
  const html = Buffer.from(htmlText);
  const refs = (re: RegExp) => [...new Set([...htmlText.matchAll(re)].map((m) => m[1]))];
  const js = refs(/<(?:script\b[^>]*\bsrc|link\b[^>]*\brel="modulepreload"[^>]*\bhref)="(\/[^"]+)"/g);
  const css = refs(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="(\/[^"]+)"/g);
  const size = async (p: string) => {
    if (!cache.has(p)) {
      const r = await fetch(`${base}${p}`);
      if (!r.ok) throw new Error(`${path} references ${p}, which answers ${r.status}`);
      const bytes = Buffer.from(await r.arrayBuffer());
      cache.set(p, { raw: bytes.length, gzip: gzipSync(bytes).length });
    }
    return cache.get(p)!;
  };
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

type Route = RouteRun & { headers: Record<string, string>; body?: () => string; vary?: () => { path?: string; headers?: Record<string, string> }; check?: (html: string) => Promise<string | undefined> | string | undefined };

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
    step(`generated: accounts in ${seconds(accountsGenMs)}, proposals, supports and discussions in ${seconds(ps.generationMs)}`);

    step(`migrating a fresh local D1 in ${persistTo.slice(ROOT.length + 1)}`);
    migrate(persistTo);
    const groups = [
      { what: "accounts, organisers, organisations", files: ds.files },
      { what: "themes, proposals, sessions", files: ps.files.proposals },
      { what: "supports", files: ps.files.supports },
      { what: "comments and votes", files: ps.files.comments },
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
    if (counts.accounts !== accounts) throw new Error(`expected ${accounts} accounts in the database, found ${counts.accounts}`);
    if (counts.proposals !== proposals || counts.supports !== supports || counts.comments !== ps.counts.comments)
      throw new Error(`expected ${proposals} proposals, ${supports} supports and ${ps.counts.comments} comments, found ${counts.proposals}, ${counts.supports} and ${counts.comments}`);
    const consistencyStart = performance.now();
    const consistency = countRows(persistTo, CONSISTENCY_SQL);
    if (Object.values(consistency).some((n) => n !== 0)) throw new Error(`counters that disagree with their rows: ${JSON.stringify(consistency)}`);
    step(`every support, comment and vote counter equals its rows (checked in ${seconds(performance.now() - consistencyStart)})`);

    step("starting wrangler dev");
    const port = await freePort();
    // Raised limits: the benchmark signs in thousands of times from one address and supports
    // from a thousand accounts; the limits themselves are tested elsewhere and are not what is measured here.
    const limits = rateLimitVars();
    worker = await startWorker({ port, persistTo, vars: limits });
    const base = worker.url;

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
    const [, , , , , deepList, , , laterComments] = routes;

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

    // Sanity checks: one request each, so a broken route is reported with its reason.
    for (const r of routes) {
      if (r.skip) {
        console.warn(`  ! ${r.name}: ${r.problem}`);
        continue;
      }
      const v = r.vary?.() ?? {};
      const path = v.path ?? r.path;
      const res = await fetch(`${base}${path}`, { method: r.method, headers: { ...r.headers, ...v.headers }, body: r.body?.(), redirect: "manual" });
      const text = await res.text();
      if (!res.ok) r.problem = `check request answered ${res.status}: ${text.slice(0, 200).replace(/\s+/g, " ")}`;
      else r.problem = await r.check?.(text);
      // How much a page renders explains most of its cost: say it beside the number.
      const shown = (re: RegExp) => new Set(text.match(re) ?? []).size;
      if (res.ok && r.method === "GET" && r.path.startsWith("/proposals")) {
        const parts = [r.path.startsWith("/proposals?") ? `${shown(/bench-p-\d{6}/g)} proposals` : "", `${shown(/bench-(?:hc-\d{6}|c-\d{6}-\d{4})/g)} comments`].filter((x) => x && !x.startsWith("0 "));
        if (parts.length) r.note += ` — ${parts.join(", ")} on the page, ${kb(Buffer.byteLength(text))} of HTML`;
      }
      if (r.problem) console.warn(`  ! ${r.method} ${path}: ${r.problem}`);
    }

    // Page weights: the home page, the list and the proposal pages.
    const assetCache = new Map<string, { raw: number; gzip: number }>();
    const weights: { page: string; w?: Awaited<ReturnType<typeof pageWeight>>; problem?: string }[] = [];
    for (const [page, path] of [
      ["home page `GET /`", "/"],
      [`proposal list \`GET ${listPath}\``, listPath],
      [`proposal page \`GET /proposals/${ps.typicalId}\``, `/proposals/${ps.typicalId}`],
      [`long discussion, first page \`GET ${hotPath}\``, hotPath],
    ] as const) {
      try {
        weights.push({ page, w: await pageWeight(base, common, path, assetCache) });
      } catch (e) {
        weights.push({ page, problem: (e as Error).message });
      }
    }

    const measured = routes.filter((r) => !r.skip);
    const loadAtMeasureStart = loadavg()[0];
    if (warmup > 0)
      for (const r of measured) {
        step(`warming up ${r.method} ${r.path} (${warmup} s)`);
        await load({ url: base, path: r.path, method: r.method, headers: r.headers, body: r.body, vary: r.vary, duration: warmup, connections });
        await settle(base);
      }
    const slice = duration / rounds;
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
    for (const r of routes) if (r.runs.length) r.result = combine(r.runs);
    const loadAtMeasureEnd = loadavg()[0];

    await worker.stop();
    worker = undefined;
    // What the support requests really did: a 2xx that stored nothing would pass for a fast route.
    const supportRoute = routes[routes.length - 1];
    const supportsAdded = countRows(persistTo, "SELECT count(*) AS n FROM proposal_supports").n - counts.supports;
    if (supportRoute.result && supportsAdded === 0) supportRoute.problem = "no support was stored";
    // supportN counts requests built, which includes the check, the warm-up and those in flight when a round ended.
    supportRoute.note += `: ${supportsAdded.toLocaleString("en")} new supports stored by ${supportN.toLocaleString("en")} requests (warm-up and requests in flight at a round's end included)`;
    const totalMs = performance.now() - started;

    // ---- the report --------------------------------------------------------------------------
    const floor = routes[0].result && !failed(routes[0]) ? routes[0].result.rps : undefined;
    const shortPath = (p: string) => (p.length > 90 ? `${p.slice(0, 72)}…${p.slice(-12)}` : p);
    const routeTable = [
      "| Route | Requests/s | × floor | Rounds' range (req/s) | p50 ms | p99 ms | Responses | non-2xx | Errors | Status |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
      ...routes.map((r) => {
        const x = r.result;
        const ratio = x && floor ? (x.rps / floor).toFixed(3) : "—";
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

    const section = `## ${args.section} (${date.slice(0, 10)})

- **Date:** ${date}${commit ? ` (commit ${commit})` : ""}
- **Machine:** ${machine}
- **Data set:** ${dataSet}. The long discussion: ${ps.counts.hotComments.toLocaleString("en")} comments on one proposal (${ps.counts.hotTopLevel.toLocaleString("en")} top-level, the rest replies in their threads; ${ps.counts.hotDeleted} deleted by their authors, ${ps.counts.hotHidden} hidden by a moderator), ${ps.counts.commentVotes.toLocaleString("en")} votes; ${(ps.counts.comments - ps.counts.hotComments).toLocaleString("en")} more comments spread over the other proposals. Supports and comments are skewed (log-normal): most proposals have a few, some thousands.
- **Generation:** ${seconds(accountsGenMs + ps.generationMs)} to write the SQL (accounts ${seconds(accountsGenMs)}, proposals and discussions ${seconds(ps.generationMs)}); loaded through \`wrangler d1 execute --local\` in ${seconds(loadMs)}: ${groups.map((g) => `${g.what} ${seconds(g.ms)} (${g.files.length} file${g.files.length === 1 ? "" : "s"}, ${g.bytes < 2 ** 20 ? kb(g.bytes) : `${(g.bytes / 2 ** 20).toFixed(1)} MB`} of SQL)`).join(", ")}. Every counter was checked against its rows after loading.
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
Pages are requested signed out (a visitor), except the profile page.

### Page weight

${sizeTable}

What each page makes a browser download: its HTML and every local script and stylesheet it references, gzip at the
default level (6) of the bytes the local server sends. The assets: ${assetList}.

### Caveats

- Load generator and server share the machine's ${availableParallelism()} CPUs, so every number is lower than the server alone could do.
- The request path is autocannon → wrangler's proxy workerd → the worker's workerd (run with the inspector attached) → miniflare's
  local D1. The floor therefore measures mostly this local stack, not the app's middleware; the ratios say what each route adds.
- Local D1 is SQLite in the same process tree, with no network round trip: real D1 adds one per query batch.
- No ANALYZE was run (the worker's migrations do not run it either): the query plans are the ones a fresh database of this size gets.
- Sign-in is slow by design: PBKDF2-SHA256 with 100,000 iterations per attempt (the production Workers maximum) is the password's protection.
`;

    console.log("\n" + routeTable + "\n\n" + sizeTable + "\n");
    console.log(`Data set: ${dataSet}; loaded in ${seconds(loadMs)}. Whole benchmark: ${seconds(totalMs)}.`);
    if (!args["no-write"]) {
      writeSection(join(ROOT, "bench/results.md"), args.section!, section);
      console.log("Written to bench/results.md");
    }
    for (const r of routes.slice(1)) if (failed(r)) console.warn(`WARNING: ${r.name} had failures — ${statusOf(r)}`);
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
