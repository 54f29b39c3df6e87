import { Hono } from "hono";
import type { AppEnv } from "../http/context";
import { draftingPages } from "./drafting/pages";
import { readingPages } from "./reading/pages";
import { remarksPages } from "./remarks/pages";
import { summaryPages } from "./summary/pages";
import { versionsPages } from "./versions/pages";
import { implementationPages } from "./implementation/pages";

/**
 * The consultations pages. Drafting comes first: its fixed paths (/consultations/new) must match
 * before the reading part's /consultations/:id.
 */
export const consultationsPages = new Hono<AppEnv>()
  .route("/", draftingPages)
  .route("/", summaryPages)
  .route("/", versionsPages)
  .route("/", implementationPages)
  .route("/", remarksPages)
  .route("/", readingPages);
