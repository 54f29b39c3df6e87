import { apiRouter } from "../http/openapi";

/** The proposals JSON API (described in /api/openapi.json). */
export const proposalsApi = apiRouter();
