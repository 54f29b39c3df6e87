import { apiRouter } from "../http/openapi";

/** The comments JSON API (described in /api/openapi.json). */
export const commentsApi = apiRouter();
