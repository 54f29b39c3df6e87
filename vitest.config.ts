import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit tests (pure rules) and integration tests (routes on a real local D1) both run inside the
// Workers runtime (workerd via miniflare). Each test file gets its own isolated storage.
export default defineConfig(async () => {
  const migrations = await readD1Migrations(fileURLToPath(new URL("./migrations", import.meta.url)));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations, ENVIRONMENT: "test" },
        },
      }),
    ],
    test: {
      include: ["test/unit/**/*.test.ts", "test/worker/**/*.test.ts"],
      setupFiles: ["./test/worker/apply-migrations.ts"],
      // Vitest's default on a 2-core machine is ONE file at a time (cores − 1); the tests spend much
      // of their time waiting on workerd and the local D1, so two at a time use the machine better.
      maxWorkers: 2,
      testTimeout: 30_000,
    },
  };
});
