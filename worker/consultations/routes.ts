import { apiRouter } from "../http/openapi";
import { draftingApi } from "./drafting/routes";
import { readingApi } from "./reading/routes";
import { remarksApi } from "./remarks/routes";
import { summaryApi } from "./summary/routes";
import { versionsApi } from "./versions/routes";
import { implementationApi } from "./implementation/routes";

/** The consultations API (mounted under /api): each part of the module brings its own router. */
export const consultationsApi = apiRouter()
  .route("/", draftingApi)
  .route("/", readingApi)
  .route("/", remarksApi)
  .route("/", summaryApi)
  .route("/", versionsApi)
  .route("/", implementationApi);
