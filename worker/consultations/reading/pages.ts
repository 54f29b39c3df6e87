import { Hono } from "hono";
import type { AppEnv } from "../../http/context";

/** Pages of the consultations' reading part (see ../pages.ts). */
export const readingPages = new Hono<AppEnv>();
