import { defineConfig } from "vitest/config";

// Browser (end-to-end) tests: a real headless Chromium (playwright-core, the system's
// /usr/bin/chromium or $CHROMIUM_PATH) against `wrangler dev` on a fresh, migrated and seeded local
// D1. Plain Node environment; test/e2e/global-setup.ts starts the worker and one browser for the run.
// Run: npx vitest run --config vitest.e2e.config.ts
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    environment: "node",
    globalSetup: ["./test/e2e/global-setup.ts"],
    // One worker, one browser, one database: files run one after another.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
  },
});
