import { apiRouter } from "../../http/openapi";

/** API of the consultations' versions part (see ../routes.ts). */
export const versionsApi = apiRouter();
