import { apiRouter } from "../../http/openapi";

/** API of the competitions' entries part (see ../routes.ts). */
export const entriesApi = apiRouter();
