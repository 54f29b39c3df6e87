import { Hono } from "hono";
import type { AppEnv } from "../http/context";

/** The moderation pages. */
export const moderationPages = new Hono<AppEnv>();
