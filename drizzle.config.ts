import { defineConfig } from "drizzle-kit";

// `npx drizzle-kit generate` writes SQL migrations into migrations/, which wrangler applies.
export default defineConfig({
  dialect: "sqlite",
  schema: "./worker/db/schema.ts",
  out: "./migrations",
});
