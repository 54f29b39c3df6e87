import { apiRouter } from "../../http/openapi";

/** API of the consultations' reading part (see ../routes.ts). */
export const readingApi = apiRouter();
