import { apiRouter } from "../../http/openapi";

/** API of the consultations' implementation part (see ../routes.ts). */
export const implementationApi = apiRouter();
