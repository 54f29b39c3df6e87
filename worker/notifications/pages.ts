import { Hono } from "hono";
import type { AppEnv } from "../http/context";

/** The notifications pages. */
export const notificationsPages = new Hono<AppEnv>();
