import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { makeDb, openSession } from "../db/client";
import type { AppEnv } from "./context";

const BOOKMARK_COOKIE = "d1b";
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Puts a drizzle client on the context, opened on a D1 session (read replication).
 * Reads start anywhere; writes start at the primary; the bookmark cookie carries
 * "what this browser has already seen" so the next request never reads older data.
 */
export const dbSession = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const write = !SAFE.has(c.req.method);
    const { session, bookmark } = openSession(c.env.DB, getCookie(c, BOOKMARK_COOKIE), write);
    c.set("db", makeDb(session));
    await next();
    const b = bookmark();
    if (b) setCookie(c, BOOKMARK_COOKIE, b, { httpOnly: true, secure: true, sameSite: "Lax", path: "/", maxAge: 3600 });
  });
