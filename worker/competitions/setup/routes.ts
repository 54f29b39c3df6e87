import { apiRouter } from "../../http/openapi";

/** API of the competitions' setup part (see ../routes.ts). */
export const setupApi = apiRouter();
