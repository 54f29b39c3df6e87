import { Hono } from "hono";
import type { AppEnv } from "../http/context";

/** The comments pages. */
export const commentsPages = new Hono<AppEnv>();
