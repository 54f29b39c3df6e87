import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { translator } from "../../web/i18n";
import { loadSessionUser } from "../accounts/data";
import { sha256 } from "../accounts/tokens";
import type { AppEnv } from "./context";
import { LOCALE_COOKIE } from "./locale";
import { unauthorized } from "./problem";

export const SESSION_COOKIE = "sid";

/** Reads the session cookie and puts the person (or null) on the context. One D1 round trip. */
export const session = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set("user", null);
    c.set("sessionTokenHash", null);
    const token = getCookie(c, SESSION_COOKIE);
    if (token && token.length <= 100) {
      const hash = await sha256(token);
      const user = await loadSessionUser(c.get("db"), hash, Date.now());
      if (user) {
        c.set("user", user);
        c.set("sessionTokenHash", hash);
        // A signed-in person's profile language applies unless they switched with the cookie.
        if (!getCookie(c, LOCALE_COOKIE)) {
          c.set("locale", user.locale);
          c.set("t", translator(user.locale));
        }
      }
    }
    await next();
  });

export function setSessionCookie(c: Context, token: string, maxAgeSeconds: number) {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: "Lax", path: "/", maxAge: maxAgeSeconds });
}

export const clearSessionCookie = (c: Context) => deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });

export function requireUser(c: Context<AppEnv>) {
  const user = c.get("user");
  if (!user) throw unauthorized();
  return user;
}

/**
 * For pages that need a signed-in person: without a session, go to the sign-in page and come back
 * afterwards — to the same page for a GET, to the area's main page (`home`) after a POST.
 */
export const signedInPage = (home: string) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.get("user")) return next();
    const back = c.req.method === "GET" ? new URL(c.req.url).pathname : home;
    return c.redirect(`/signin?next=${encodeURIComponent(back)}`, 303);
  });

/** The signed-in person in a route behind `signedInPage()`. */
export const pageUser = (c: Context<AppEnv>) => requireUser(c);
