import { Hono } from "hono";
import type { AppEnv } from "../../http/context";

/** Pages of the competitions' results part (see ../pages.ts). */
export const resultsPages = new Hono<AppEnv>();
