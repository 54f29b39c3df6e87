// `npm test`: the whole suite — unit and integration tests inside workerd on a real local D1,
// then the browser tests in Debian's Chromium — and one closing line "N passed, N failed".
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT, buildWeb, wranglerEnv } from "./lib/local-worker.ts";

const CHROMIUM = "/usr/bin/chromium";

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  // Browser tests need Debian's chromium (test tools' own browser downloads do not work here).
  if (process.getuid?.() !== 0) {
    console.error(`${CHROMIUM} is missing. Install it with: sudo apt-get install -y chromium`);
    process.exit(2);
  }
  console.log("Installing Debian's chromium for the browser tests…");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  ok: boolean;
}

/**
 * One vitest run. `logFile`: write its output there instead of the terminal (printed by the caller
 * afterwards), so that two runs at the same time do not interleave their lines.
 */
function runVitest(name: string, args: string[], logFile?: string): Promise<Totals> {
  const out = join(ROOT, ".tmp", `vitest-${name}.json`);
  rmSync(out, { force: true });
  if (!logFile) console.log(`\n=== ${name} tests ===`);
  return new Promise((resolve) => {
    const child = spawn(join(ROOT, "node_modules/.bin/vitest"), ["run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`], {
      cwd: ROOT,
      env: wranglerEnv(),
      stdio: logFile ? ["ignore", openSync(logFile, "w"), openSync(logFile, "a")] : "inherit",
    });
    child.on("close", (code) => {
      if (!existsSync(out)) return resolve({ passed: 0, failed: 1, skipped: 0, ok: false });
      const report = JSON.parse(readFileSync(out, "utf8"));
      // A file that fails to load counts as a failure even though it has no test results.
      const brokenFiles = (report.testResults ?? []).filter((f: any) => f.status === "failed" && (f.assertionResults ?? []).length === 0).length;
      resolve({
        passed: report.numPassedTests ?? 0,
        failed: (report.numFailedTests ?? 0) + brokenFiles,
        skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
        ok: code === 0,
      });
    });
  });
}

mkdirSync(join(ROOT, ".tmp"), { recursive: true });
ensureChromium();
buildWeb();
// The two suites run at the same time: the browser tests spend most of their time waiting on Chromium
// and `wrangler dev`, the worker tests keep both cores busy; one after the other they took twice as long.
// The browser suite's output goes to a file and is printed when both are done.
const browserLog = join(ROOT, ".tmp", "vitest-browser.log");
process.env.UCHASTIE_WEB_BUILT = "1";
const started = Date.now();
const results = await Promise.all([runVitest("worker", []), runVitest("browser", ["--config", "vitest.e2e.config.ts"], browserLog)]);
console.log("\n=== browser tests ===");
console.log(readFileSync(browserLog, "utf8"));
console.log(`Both suites took ${Math.round((Date.now() - started) / 1000)} s.`);
const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
const skipped = results.reduce((a, r) => a + r.skipped, 0);
const ok = results.every((r) => r.ok) && failed === 0 && passed > 0;
console.log("");
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(ok ? 0 : 1);
