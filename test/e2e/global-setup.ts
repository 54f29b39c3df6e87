// Once per e2e run: build the web assets, migrate and seed a fresh local D1 in a temp directory,
// start `wrangler dev` on a free port and one headless Chromium; tests get both through inject().
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserServer } from "playwright-core";
import type { TestProject } from "vitest/node";
import { seedDemo } from "../../scripts/demo-content.ts";
import { ROOT, buildWeb, migrate, startWorker, type LocalWorker } from "../../scripts/lib/local-worker.ts";
import { CHROMIUM_ARGS, chromiumPath } from "./chromium.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** http://localhost:PORT — localhost, not 127.0.0.1, so Secure cookies work over plain HTTP. */
    baseUrl: string;
    /** The run's one Chromium, for chromium.connect(). */
    wsEndpoint: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject) {
  process.env.WRANGLER_SEND_METRICS = "false";
  const persistTo = mkdtempSync(join(tmpdir(), "uchastie-e2e-"));
  let worker: LocalWorker | undefined;
  let browser: BrowserServer | undefined;
  let port = 0;
  const teardown = async () => {
    await browser?.close().catch(() => {});
    await worker?.stop();
    // The worker's own output (errors logged with their request id), for when a test fails.
    if (worker) {
      mkdirSync(join(ROOT, ".tmp"), { recursive: true });
      writeFileSync(join(ROOT, ".tmp/e2e-worker.log"), worker.log());
    }
    rmSync(persistTo, { recursive: true, force: true });
  };
  try {
    // `npm test` builds once before both suites and says so: rebuilding here would replace web/dist
    // under the worker suite running at the same time.
    if (process.env.UCHASTIE_WEB_BUILT !== "1") buildWeb();
    migrate(persistTo);
    await seedDemo(persistTo);
    port = await freePort();
    [worker, browser] = await Promise.all([
      startWorker({
        port,
        persistTo,
        // Every sign-up and sign-in in these tests comes from one address ("local"): lift the limits.
        vars: { RATE_LIMIT_SIGNUP: "1000", RATE_LIMIT_SIGNIN: "1000", RATE_LIMIT_RESET: "1000", RATE_LIMIT_COMMENT: "1000", RATE_LIMIT_VOTE: "1000", RATE_LIMIT_SUPPORT: "1000", RATE_LIMIT_UPLOAD: "1000", RATE_LIMIT_BALLOT: "1000", RATE_LIMIT_RECEIPT: "1000" },
      }),
      chromium.launchServer({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, host: "127.0.0.1" }),
    ]);
  } catch (e) {
    await teardown();
    throw e;
  }
  project.provide("baseUrl", `http://localhost:${port}`);
  project.provide("wsEndpoint", browser.wsEndpoint());
  return teardown;
}
