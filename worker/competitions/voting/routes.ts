import { apiRouter } from "../../http/openapi";

/** API of the competitions' voting part (see ../routes.ts). */
export const votingApi = apiRouter();
