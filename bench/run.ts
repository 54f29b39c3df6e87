// `npm run bench` — load-tests the worker locally against a large generated data set.
//
//   npm run bench -- [--duration 10] [--rounds 5] [--connections 10] [--warmup 2] [--accounts 100000] [--keep] [--no-write]
//
// --duration is the measured time per route, split into --rounds interleaved runs (floor, home,
// profile, sign-in, floor, home, …). Interleaving is deliberate: on a small shared machine other
// processes come and go, and measuring the routes one after another let a busy minute land on
// one route only (the floor moved 3× within one run); interleaved, a disturbance hits every
// route alike and the ratios to the floor stay meaningful. The spread of the rounds is reported.
//
// Steps: build the web assets; generate the data set (bench/generate.ts) into a fresh local D1
// under .tmp/bench-* (never the developer's own database); start `wrangler dev` on 127.0.0.1 with
// the sign-in limits raised; run autocannon (bench/load.ts) on each route; print a markdown table
// and write it, with the machine and the data set, to bench/results.md.
//
// The numbers are for `wrangler dev` (workerd plus miniflare's local SQLite D1) on this machine,
// with the load generator on the same cores: good for comparing commits and routes with one
// another, not a prediction of production throughput.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { ROOT, buildWeb, executeSqlFile, migrate, startWorker, wrangler, type LocalWorker } from "../scripts/lib/local-worker.ts";
import { BENCH_PASSWORD, generateDataSet, type DataSet } from "./generate.ts";
import { combine, load, type Combined, type LoadResult } from "./load.ts";

process.env.WRANGLER_SEND_METRICS = "false";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    rounds: { type: "string", default: "5" },
    warmup: { type: "string", default: "2" },
    accounts: { type: "string", default: "100000" },
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
function countRows(persistTo: string): Record<string, number> {
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
      "SELECT (SELECT count(*) FROM users) AS accounts, (SELECT count(*) FROM consents) AS consents, (SELECT count(*) FROM organisers) AS organisers, (SELECT count(*) FROM organisations) AS organisations, (SELECT count(*) FROM organisation_members) AS memberships, (SELECT count(*) FROM role_grants) AS roleGrants, (SELECT count(*) FROM sessions) AS sessions",
    ],
    { quiet: true },
  ).toString();
  const parsed = JSON.parse(out.slice(out.indexOf("[")));
  return parsed[0].results[0];
}

interface RouteRun {
  name: string;
  method: "GET" | "POST";
  path: string;
  note: string;
  runs: LoadResult[];
  result?: Combined;
  problem?: string;
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

    step(`generating the data set (${accounts.toLocaleString("en")} accounts)`);
    mkdirSync(persistTo, { recursive: true });
    const ds: DataSet = await generateDataSet(join(persistTo, "sql"), { accounts });

    step(`migrating a fresh local D1 in ${persistTo.slice(ROOT.length + 1)}`);
    migrate(persistTo);
    step(`loading ${ds.files.length} SQL files`);
    const loadStart = performance.now();
    for (const file of ds.files) executeSqlFile(file, persistTo);
    const loadMs = performance.now() - loadStart;
    const counts = countRows(persistTo);
    step(`loaded in ${seconds(loadMs)}: ${Object.entries(counts).map(([k, v]) => `${k} ${v.toLocaleString("en")}`).join(", ")}`);
    if (counts.accounts !== accounts) throw new Error(`expected ${accounts} accounts in the database, found ${counts.accounts}`);

    step("starting wrangler dev");
    const port = await freePort();
    // Raised limits: the benchmark signs in thousands of times from one address; the limits
    // themselves are tested elsewhere and are not what is measured here.
    worker = await startWorker({ port, persistTo, vars: { RATE_LIMIT_SIGNIN: "1000000", RATE_LIMIT_SIGNUP: "1000000", RATE_LIMIT_RESET: "1000000" } });
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

    const routes: (RouteRun & { headers: Record<string, string>; body?: () => string })[] = [
      { name: "floor", method: "GET", path: "/api/health", note: "middleware stack only, no D1", headers: common, runs: [] },
      { name: "home page", method: "GET", path: "/", note: "SSR, one D1 batch (organisers + organisation count)", headers: common, runs: [] },
      { name: "profile page (signed in)", method: "GET", path: "/me", note: "session lookup + one D1 batch + SSR", headers: { cookie: `${csrfCookie}; ${ds.profileSessionCookie}` }, runs: [] },
      { name: "sign-in", method: "POST", path: "/api/accounts/signin", note: "user lookup, two rate-limit upserts, PBKDF2-SHA256 × 100,000, session insert", headers: signinHeaders, body: signinBody, runs: [] },
    ];

    // Sanity checks: one request each, so a broken route is reported with its reason.
    for (const r of routes) {
      const res = await fetch(`${base}${r.path}`, { method: r.method, headers: r.headers, body: r.body?.(), redirect: "manual" });
      const text = await res.text();
      if (!res.ok) {
        r.problem = `check request answered ${res.status}: ${text.slice(0, 200).replace(/\s+/g, " ")}`;
        console.warn(`  ! ${r.method} ${r.path}: ${r.problem}`);
      }
    }

    // What the home page makes a browser download: its HTML, and every local script and
    // stylesheet it references (read from the HTML, so a new asset cannot be missed).
    const homeHtml = await (await fetch(`${base}/`, { headers: common })).text();
    const assetPaths = [
      ...[...homeHtml.matchAll(/<script\b[^>]*\bsrc="(\/[^"]+)"/g)].map((m) => m[1]),
      ...[...homeHtml.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="(\/[^"]+)"/g)].map((m) => m[1]),
    ];
    const sizes: { what: string; raw: number; gzip: number }[] = [];
    for (const p of assetPaths) {
      const res = await fetch(`${base}${p}`);
      if (!res.ok) throw new Error(`the home page references ${p}, which answers ${res.status}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      sizes.push({ what: p, raw: bytes.length, gzip: gzipSync(bytes).length });
    }
    const html = Buffer.from(homeHtml);
    sizes.push({ what: "home page HTML (GET /)", raw: html.length, gzip: gzipSync(html).length });

    const loadAtMeasureStart = loadavg()[0];
    if (warmup > 0)
      for (const r of routes) {
        step(`warming up ${r.method} ${r.path} (${warmup} s)`);
        await load({ url: base, path: r.path, method: r.method, headers: r.headers, body: r.body, duration: warmup, connections });
        await settle(base);
      }
    const slice = duration / rounds;
    for (let round = 1; round <= rounds; round++) {
      step(`round ${round}/${rounds}: each route ${slice.toFixed(1)} s with ${connections} connections`);
      for (const r of routes) {
        try {
          const x = await load({ url: base, path: r.path, method: r.method, headers: r.headers, body: r.body, duration: slice, connections });
          r.runs.push(x);
          console.log(`    ${`${r.method} ${r.path}`.padEnd(28)} ${x.rps.toFixed(1).padStart(7)} req/s  p50 ${x.p50} ms  p99 ${x.p99} ms  non-2xx ${x.non2xx}  errors ${x.errors}`);
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
    const totalMs = performance.now() - started;

    // ---- the report --------------------------------------------------------------------------
    const floor = routes[0].result && !failed(routes[0]) ? routes[0].result.rps : undefined;
    const routeTable = [
      "| Route | Requests/s | × floor | Rounds' range (req/s) | p50 ms | p99 ms | Responses | non-2xx | Errors | Status |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
      ...routes.map((r) => {
        const x = r.result;
        const ratio = x && floor ? (x.rps / floor).toFixed(3) : "—";
        const cells = x
          ? [x.rps.toFixed(1), ratio, `${x.min.toFixed(1)}–${x.max.toFixed(1)}`, String(x.p50), String(x.p99), String(x.total), String(x.non2xx), String(x.errors)]
          : ["—", "—", "—", "—", "—", "—", "—", "—"];
        return `| ${r.name}: \`${r.method} ${r.path}\` — ${r.note} | ${cells.join(" | ")} | ${statusOf(r)} |`;
      }),
    ].join("\n");
    const sizeTable = [
      "| What the home page loads | Size | gzip |",
      "|---|---:|---:|",
      ...sizes.map((s) => `| \`${s.what}\` | ${kb(s.raw)} | ${kb(s.gzip)} |`),
      `| **total** | ${kb(sizes.reduce((a, s) => a + s.raw, 0))} | **${kb(sizes.reduce((a, s) => a + s.gzip, 0))}** |`,
    ].join("\n");

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

    const report = `# Benchmark results

Produced by \`npm run bench\` (bench/run.ts). Re-run it to refresh this file.

- **Date:** ${new Date().toISOString()}${commit ? ` (commit ${commit})` : ""}
- **Machine:** ${machine}
- **Data set:** ${dataSet} — loaded in ${seconds(loadMs)} (${ds.files.length} SQL files through \`wrangler d1 execute --local\`)
- **Load:** autocannon over 127.0.0.1, ${connections} connections, ${duration} s per route in ${rounds} interleaved rounds of ${slice.toFixed(1)} s, after a ${warmup} s warm-up per route
- **System load average (1 min):** ${loadAtStart.toFixed(2)} when the benchmark started, ${loadAtMeasureStart.toFixed(2)} when the warm-up started, ${loadAtMeasureEnd.toFixed(2)} at its end (on ${availableParallelism()} CPUs; more than that means other processes competed with the server)
- **Server:** \`wrangler dev\` (local workerd, local SQLite D1), sign-in limits raised with \`--var RATE_LIMIT_SIGNIN:1000000\`
- **Whole benchmark:** ${seconds(totalMs)}

## Throughput and latency

${routeTable}

Requests/s counts responses from each round's first response to its last, summed over the rounds (autocannon drops the
requests in flight when a round ends; counting them against the round's full length would understate slow routes).
p50/p99 are over all responses of all rounds.
"× floor" is the route's requests/s divided by the floor's (GET /api/health: the same middleware, no database, no rendering).
"Rounds' range" is the slowest and the fastest round: a wide range means the machine was not steady.
A row whose status is not "ok" had failed requests; its numbers then describe the failures too.

## Page weight

${sizeTable}

gzip at the default level (6), of the bytes the local server sends.

## Caveats

- Load generator and server share the machine's ${availableParallelism()} CPUs, so every number is lower than the server alone could do.
- The request path is autocannon → wrangler's proxy workerd → the worker's workerd (run with the inspector attached) → miniflare's
  local D1. The floor therefore measures mostly this local stack, not the app's middleware; the ratios say what each route adds.
- Local D1 is SQLite in the same process tree, with no network round trip: real D1 adds one per query batch.
- Sign-in is slow by design: PBKDF2-SHA256 with 100,000 iterations per attempt (the production Workers maximum) is the password's protection.
`;

    console.log("\n" + routeTable + "\n\n" + sizeTable + "\n");
    console.log(`Data set: ${dataSet}; loaded in ${seconds(loadMs)}. Whole benchmark: ${seconds(totalMs)}.`);
    if (!args["no-write"]) {
      writeFileSync(join(ROOT, "bench/results.md"), report);
      console.log("Written to bench/results.md");
    }
    for (const r of routes.slice(1)) if (failed(r)) console.warn(`WARNING: ${r.method} ${r.path} had failures — ${statusOf(r)}`);
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
