import { apiRouter } from "../../http/openapi";

/** API of the competitions' results part (see ../routes.ts). */
export const resultsApi = apiRouter();
