import { Hono } from "hono";
import type { AppEnv } from "../http/context";
import { setupPages } from "./setup/pages";
import { entriesPages } from "./entries/pages";
import { expertsPages } from "./experts/pages";
import { scoringPages } from "./scoring/pages";
import { votingPages } from "./voting/pages";
import { resultsPages } from "./results/pages";

/**
 * The competitions pages. Fixed paths (/competitions/new, /competitions/receipt) must match before
 * /competitions/:id, which the setup part serves: so voting (the receipt check) comes first and
 * setup's own /new is declared before its /:id.
 */
export const competitionsPages = new Hono<AppEnv>()
  .route("/", votingPages)
  .route("/", entriesPages)
  .route("/", expertsPages)
  .route("/", scoringPages)
  .route("/", resultsPages)
  .route("/", setupPages);
