import type { Context } from "hono";

/** The client's address as Cloudflare reports it; locally there is no such header. */
export const clientIp = (c: Context) => c.req.header("cf-connecting-ip") ?? c.req.header("x-real-ip") ?? "local";
export const originOf = (c: Context) => new URL(c.req.url).origin;
