import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// The real migrations from migrations/, applied to this test file's own local D1.
await applyD1Migrations((env as any).DB, (env as any).TEST_MIGRATIONS);
