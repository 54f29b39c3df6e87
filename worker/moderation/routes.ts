import { apiRouter } from "../http/openapi";

/** The moderation JSON API (described in /api/openapi.json). */
export const moderationApi = apiRouter();
