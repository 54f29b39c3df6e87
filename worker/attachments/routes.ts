import { apiRouter } from "../http/openapi";

/** The attachments JSON API (described in /api/openapi.json). */
export const attachmentsApi = apiRouter();
