import { sql } from "drizzle-orm";
import type { Context } from "hono";
import type { Db } from "../db/client";
import { clientIp } from "./client-info";
import type { AppEnv } from "./context";
import { tooMany } from "./problem";
import { rateLimits } from "./rate-limit.schema";

/**
 * Fixed-window rate limits kept in D1: one UPSERT ... RETURNING per check, so the count is exact
 * under concurrency and works the same locally, in tests and in production. (The Workers Rate
 * Limiting binding is per-colo and approximate; a civic portal's sign-in limit should not be.)
 */
export interface Limit {
  action: "signin" | "signup" | "reset" | "signin-ip" | "report" | "comment" | "vote" | "support" | "upload" | "ballot" | "receipt";
  max: number;
  windowSeconds: number;
}

export async function hit(db: Db, key: string, windowSeconds: number, now = Date.now()) {
  const windowStart = Math.floor(now / 1000 / windowSeconds) * windowSeconds;
  const rows = await db
    .insert(rateLimits)
    .values({ key, windowStart, hits: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`CASE WHEN ${rateLimits.windowStart} = excluded.window_start THEN ${rateLimits.hits} + 1 ELSE 1 END`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({ hits: rateLimits.hits, windowStart: rateLimits.windowStart });
  const row = rows[0];
  return { hits: row.hits, retryAfter: row.windowStart + windowSeconds - Math.floor(now / 1000) };
}

/** Counts one attempt for `subject` (an e-mail, an address) and throws 429 past the limit. */
export async function enforce(c: Context<AppEnv>, limit: Limit, subject: string) {
  const r = await hit(c.get("db"), `${limit.action}:${subject}`, limit.windowSeconds);
  if (r.hits > limit.max) throw tooMany(Math.max(1, r.retryAfter));
}

export function limitsFor(c: Context<AppEnv>) {
  const n = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Number(v) : d);
  return {
    signin: { action: "signin", max: n(c.env.RATE_LIMIT_SIGNIN, 10), windowSeconds: 900 } satisfies Limit,
    signinIp: { action: "signin-ip", max: n(c.env.RATE_LIMIT_SIGNIN, 10) * 10, windowSeconds: 900 } satisfies Limit,
    signup: { action: "signup", max: n(c.env.RATE_LIMIT_SIGNUP, 5), windowSeconds: 3600 } satisfies Limit,
    reset: { action: "reset", max: n(c.env.RATE_LIMIT_RESET, 5), windowSeconds: 3600 } satisfies Limit,
    // Reports per account per hour: plenty for honest use, too few to bury a moderator.
    report: { action: "report", max: n(c.env.RATE_LIMIT_REPORT, 20), windowSeconds: 3600 } satisfies Limit,
    // Per account: enough for a lively discussion, too few for a flood.
    comment: { action: "comment", max: n(c.env.RATE_LIMIT_COMMENT, 10), windowSeconds: 60 } satisfies Limit,
    vote: { action: "vote", max: n(c.env.RATE_LIMIT_VOTE, 60), windowSeconds: 60 } satisfies Limit,
    // Supports (and taking them back) of proposals per account: generous for a person, a brake for a script.
    support: { action: "support", max: n(c.env.RATE_LIMIT_SUPPORT, 60), windowSeconds: 60 } satisfies Limit,
    // File uploads per account per hour: the 10-files-per-owner cap bounds what is kept, this bounds
    // the upload-and-delete loop that would otherwise cost R2 writes and image decoding without end.
    upload: { action: "upload", max: n(c.env.RATE_LIMIT_UPLOAD, 30), windowSeconds: 3600 } satisfies Limit,
    // Competition ballots cast or changed per account per minute: a person votes in a handful of
    // nominations; a script changing its vote back and forth to flood the log is held back.
    ballot: { action: "ballot", max: n(c.env.RATE_LIMIT_BALLOT, 30), windowSeconds: 60 } satisfies Limit,
    // Receipt checks per address per minute: ample for people checking their codes, and with 80
    // random bits per code it turns guessing into a centuries-long job.
    receipt: { action: "receipt", max: n(c.env.RATE_LIMIT_RECEIPT, 30), windowSeconds: 60 } satisfies Limit,
  };
}

/** Old windows are dead weight; the cron handler calls this. */
export const purgeOldWindows = (db: Db, now = Date.now()) =>
  db.delete(rateLimits).where(sql`${rateLimits.windowStart} < ${Math.floor(now / 1000) - 86400}`);

export { clientIp };
