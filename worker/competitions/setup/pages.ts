import { Hono } from "hono";
import type { AppEnv } from "../../http/context";

/** Pages of the competitions' setup part (see ../pages.ts). */
export const setupPages = new Hono<AppEnv>();
