import { Hono } from "hono";
import type { AppEnv } from "../../http/context";

/** Pages of the consultations' drafting part (see ../pages.ts). */
export const draftingPages = new Hono<AppEnv>();
