import { Hono } from "hono";
import type { AppEnv } from "../../http/context";

/** Pages of the competitions' voting part (see ../pages.ts). */
export const votingPages = new Hono<AppEnv>();
