import { Hono } from "hono";
import type { AppEnv } from "../http/context";

/** File downloads and the upload forms' endpoints. */
export const attachmentsPages = new Hono<AppEnv>();
