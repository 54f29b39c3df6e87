import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { pickLocale, translator } from "../../web/i18n";
import type { AppEnv } from "./context";

export const LOCALE_COOKIE = "lang";

/** The language comes from the `lang` cookie, else Accept-Language; a signed-in person's profile
 * language is applied by the session middleware when no cookie says otherwise. */
export const locale = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const l = pickLocale(getCookie(c, LOCALE_COOKIE), c.req.header("accept-language"));
    c.set("locale", l);
    c.set("t", translator(l));
    await next();
    c.header("vary", "Cookie, Accept-Language", { append: true });
  });
