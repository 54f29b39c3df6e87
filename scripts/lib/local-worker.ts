// Starts the portal locally the way `npm start` does: local D1 migrated (and optionally seeded),
// then `wrangler dev`. Used by the start command, the browser tests and the benchmark.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const WRANGLER = join(ROOT, "node_modules/.bin/wrangler");

export const wranglerEnv = () => ({
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  // Make node_modules/.bin/node (Node 24) the `node` wrangler's children see.
  PATH: `${join(ROOT, "node_modules/.bin")}:${process.env.PATH}`,
  NO_COLOR: "1",
});

export function wrangler(args: string[], opts: { quiet?: boolean } = {}) {
  return execFileSync(WRANGLER, args, { cwd: ROOT, env: wranglerEnv(), stdio: opts.quiet ? "pipe" : "inherit", maxBuffer: 256 * 1024 * 1024 });
}

export function buildWeb() {
  execFileSync(process.execPath, [join(ROOT, "scripts/build-web.ts")], { cwd: ROOT, stdio: "inherit" });
}

export function migrate(persistTo?: string) {
  wrangler(["d1", "migrations", "apply", "DB", "--local", ...(persistTo ? ["--persist-to", persistTo] : [])], { quiet: true });
}

export function executeSqlFile(file: string, persistTo?: string) {
  wrangler(["d1", "execute", "DB", "--local", "--yes", `--file=${file}`, ...(persistTo ? ["--persist-to", persistTo] : [])], { quiet: true });
}

// wrangler tries to fetch Cloudflare's `Request.cf` data at start; offline that fails harmlessly,
// so those lines are kept out of the start command's output (they stay in log()).
const NOISE = /Request\.cf|ENOTFOUND workers\.cloudflare\.com|GetAddrInfoReqWrap|onlookupall/;
const withoutNoise = (text: string) =>
  text
    .split("\n")
    .filter((line) => !NOISE.test(line))
    .join("\n");

export interface LocalWorker {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
  log(): string;
}

export async function startWorker(opts: { port: number; persistTo?: string; vars?: Record<string, string>; inheritOutput?: boolean }): Promise<LocalWorker> {
  if (!existsSync(join(ROOT, "web/dist/assets/client.ru.js"))) buildWeb();
  const args = ["dev", "--port", String(opts.port), "--ip", "127.0.0.1", "--show-interactive-dev-session=false", "--log-level", "warn"];
  if (opts.persistTo) args.push("--persist-to", opts.persistTo);
  for (const [k, v] of Object.entries(opts.vars ?? {})) args.push("--var", `${k}:${v}`);
  const child = spawn(WRANGLER, args, { cwd: ROOT, env: wranglerEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
    if (opts.inheritOutput) process.stdout.write(withoutNoise(chunk.toString()));
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      process.kill(-child.pid!, "SIGTERM");
      throw new Error(`wrangler dev did not become ready in 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    process: child,
    log: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        /* already gone */
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          /* gone */
        }
      }
    },
  };
}
