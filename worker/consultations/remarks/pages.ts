import { Hono } from "hono";
import type { AppEnv } from "../../http/context";

/** Pages of the consultations' remarks part (see ../pages.ts). */
export const remarksPages = new Hono<AppEnv>();
