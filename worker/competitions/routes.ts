import { apiRouter } from "../http/openapi";
import { setupApi } from "./setup/routes";
import { entriesApi } from "./entries/routes";
import { expertsApi } from "./experts/routes";
import { scoringApi } from "./scoring/routes";
import { votingApi } from "./voting/routes";
import { resultsApi } from "./results/routes";

/** The competitions API (mounted under /api): each part of the module brings its own router. */
export const competitionsApi = apiRouter()
  .route("/", setupApi)
  .route("/", entriesApi)
  .route("/", expertsApi)
  .route("/", scoringApi)
  .route("/", votingApi)
  .route("/", resultsApi);
