import { Hono } from "hono";
import type { AppEnv } from "../http/context";

/** The proposals pages. */
export const proposalsPages = new Hono<AppEnv>();
