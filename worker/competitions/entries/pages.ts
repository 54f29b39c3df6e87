import { Hono } from "hono";
import type { AppEnv } from "../../http/context";

/** Pages of the competitions' entries part (see ../pages.ts). */
export const entriesPages = new Hono<AppEnv>();
