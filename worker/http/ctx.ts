import type { Context } from "hono";
import type { Ctx } from "../accounts/service";
import type { AppEnv } from "./context";

/** The slice of a request that use cases need (they never see Hono). */
export const ctxOf = (c: Context<AppEnv>): Ctx => ({
  db: c.get("db"),
  env: c.env,
  origin: new URL(c.req.url).origin,
  locale: c.get("locale"),
});
