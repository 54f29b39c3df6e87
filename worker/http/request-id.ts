import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./context";

/** Gives every request an id (kept from a trusted upstream `cf-ray` when present) echoed in `x-request-id`
 * and in every problem body, so a person's error report can be found in the logs. */
export const requestId = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const id = c.req.header("cf-ray") ?? crypto.randomUUID();
    c.set("requestId", id);
    await next();
    c.res.headers.set("x-request-id", id);
  });
