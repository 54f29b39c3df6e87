import { apiRouter } from "../http/openapi";

/** The notifications JSON API (described in /api/openapi.json). */
export const notificationsApi = apiRouter();
