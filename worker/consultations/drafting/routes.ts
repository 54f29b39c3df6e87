import { apiRouter } from "../../http/openapi";

/** API of the consultations' drafting part (see ../routes.ts). */
export const draftingApi = apiRouter();
