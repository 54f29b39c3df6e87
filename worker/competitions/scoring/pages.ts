import { Hono } from "hono";
import type { AppEnv } from "../../http/context";

/** Pages of the competitions' scoring part (see ../pages.ts). */
export const scoringPages = new Hono<AppEnv>();
