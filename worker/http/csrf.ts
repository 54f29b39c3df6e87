import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { randomToken } from "../accounts/tokens";
import type { AppEnv } from "./context";
import { Problem } from "./problem";

export const CSRF_COOKIE = "csrf";
export const CSRF_HEADER = "x-csrf-token";
export const CSRF_FIELD = "_csrf";
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF protection for every unsafe request, whatever its content type (hono/csrf only looks at
 * form types, so a JSON request would pass it). Two independent checks, both must pass:
 *  1. the browser's own provenance: a cross-site `Sec-Fetch-Site` or a foreign `Origin` is refused;
 *  2. a double-submit token: the `csrf` cookie (HttpOnly, SameSite) must equal the `x-csrf-token`
 *     header (scripts) or the `_csrf` form field (HTML forms, where the server renders it).
 */
export const csrf = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    let token = getCookie(c, CSRF_COOKIE);
    if (!token || token.length < 20 || token.length > 100) {
      token = randomToken(24);
      setCookie(c, CSRF_COOKIE, token, { httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
      // A request without the cookie cannot carry a matching token: unsafe ones fail below.
      if (!SAFE.has(c.req.method)) throw csrfProblem();
    }
    c.set("csrfToken", token);
    if (!SAFE.has(c.req.method)) {
      const site = c.req.header("sec-fetch-site");
      if (site === "cross-site") throw csrfProblem();
      const origin = c.req.header("origin");
      if (origin && origin !== "null" && origin !== new URL(c.req.url).origin) throw csrfProblem();
      let sent = c.req.header(CSRF_HEADER);
      if (!sent) {
        const type = c.req.header("content-type") ?? "";
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
          const body = await c.req.parseBody(); // cached by Hono: the route can parse it again
          sent = typeof body[CSRF_FIELD] === "string" ? (body[CSRF_FIELD] as string) : undefined;
        }
      }
      if (!sent || !timingSafeEqual(sent, token)) throw csrfProblem();
    }
    await next();
  });

const csrfProblem = () => new Problem(403, "csrf", "problem.csrf");

function timingSafeEqual(a: string, b: string) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
