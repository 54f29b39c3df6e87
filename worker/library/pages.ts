import { Hono } from "hono";
import type { AppEnv } from "../http/context";

/** Pages of the library of city practices: /library, /library/new, /library/:id. */
export const libraryPages = new Hono<AppEnv>();
