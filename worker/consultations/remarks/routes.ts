import { apiRouter } from "../../http/openapi";

/** API of the consultations' remarks part (see ../routes.ts). */
export const remarksApi = apiRouter();
