import { apiRouter } from "../../http/openapi";

/** API of the competitions' scoring part (see ../routes.ts). */
export const scoringApi = apiRouter();
