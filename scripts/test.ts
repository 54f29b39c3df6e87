// `npm test`: the whole suite — unit and integration tests inside workerd on a real local D1,
// then the browser tests in Debian's Chromium — and one closing line "N passed, N failed".
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
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

function runVitest(name: string, args: string[]): Totals {
  const out = join(ROOT, ".tmp", `vitest-${name}.json`);
  rmSync(out, { force: true });
  console.log(`\n=== ${name} tests ===`);
  const r = spawnSync(join(ROOT, "node_modules/.bin/vitest"), ["run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`], {
    cwd: ROOT,
    env: wranglerEnv(),
    stdio: "inherit",
  });
  if (!existsSync(out)) return { passed: 0, failed: 1, skipped: 0, ok: false };
  const report = JSON.parse(readFileSync(out, "utf8"));
  // A file that fails to load counts as a failure even though it has no test results.
  const brokenFiles = (report.testResults ?? []).filter((f: any) => f.status === "failed" && (f.assertionResults ?? []).length === 0).length;
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + brokenFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    ok: r.status === 0,
  };
}

mkdirSync(join(ROOT, ".tmp"), { recursive: true });
ensureChromium();
buildWeb();
const results = [runVitest("worker", []), runVitest("browser", ["--config", "vitest.e2e.config.ts"])];
const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
const skipped = results.reduce((a, r) => a + r.skipped, 0);
const ok = results.every((r) => r.ok) && failed === 0 && passed > 0;
console.log("");
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(ok ? 0 : 1);
