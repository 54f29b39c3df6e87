import { apiRouter } from "../../http/openapi";

/** API of the consultations' summary part (see ../routes.ts). */
export const summaryApi = apiRouter();
