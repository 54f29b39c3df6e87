import { Hono } from "hono";
import type { AppEnv } from "../../http/context";

/** Pages of the consultations' summary part (see ../pages.ts). */
export const summaryPages = new Hono<AppEnv>();
