import { apiRouter } from "../http/openapi";

/** API of the library of city practices (mounted under /api). */
export const libraryApi = apiRouter();
