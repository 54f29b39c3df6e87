import { buildApp } from "./app";
import { makeDb } from "./db/client";
import type { Env, MailMessage } from "./env";
import { purgeOldWindows } from "./http/rate-limit";
import { deliverBatch } from "./mail";

const app = buildApp();

export default {
  fetch: app.fetch,
  /** Cron: housekeeping now; opening and closing competition stages arrive with that module. */
  async scheduled(_event, env, ctx) {
    ctx.waitUntil(purgeOldWindows(makeDb(env.DB)).then(() => undefined));
  },
  async queue(batch, env) {
    await deliverBatch(batch as MessageBatch<MailMessage>, env);
  },
} satisfies ExportedHandler<Env, MailMessage>;
