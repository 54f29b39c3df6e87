import { Hono } from "hono";
import type { AppEnv } from "../../http/context";

/** Pages of the consultations' versions part (see ../pages.ts). */
export const versionsPages = new Hono<AppEnv>();
