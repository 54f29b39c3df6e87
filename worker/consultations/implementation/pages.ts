import { Hono } from "hono";
import type { AppEnv } from "../../http/context";

/** Pages of the consultations' implementation part (see ../pages.ts). */
export const implementationPages = new Hono<AppEnv>();
