import { apiRouter } from "../../http/openapi";

/** API of the competitions' experts part (see ../routes.ts). */
export const expertsApi = apiRouter();
