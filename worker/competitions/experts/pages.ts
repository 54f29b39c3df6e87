import { Hono } from "hono";
import type { AppEnv } from "../../http/context";

/** Pages of the competitions' experts part (see ../pages.ts). */
export const expertsPages = new Hono<AppEnv>();
