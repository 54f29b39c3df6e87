import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { setCookie } from "hono/cookie";
import { accountPages } from "./accounts/pages";
import { accountsApi } from "./accounts/routes";
import { operationsOf } from "./apidocs/reference";
import { devPages } from "./dev/pages";
import { homePages } from "./home/pages";
import type { AppEnv } from "./http/context";
import { csrf } from "./http/csrf";
import { dbSession } from "./http/db-session";
import { onError, onNotFound } from "./http/errors";
import { LOCALE_COOKIE, locale } from "./http/locale";
import { Problem } from "./http/problem";
import { render, safeNext } from "./http/render";
import { requestId } from "./http/request-id";
import { securityHeaders } from "./http/security-headers";
import { session } from "./http/session";
import { organisationPages } from "./organisations/pages";
import { organisationsApi } from "./organisations/routes";
import { adminPages } from "./roles/pages";
import { rolesApi } from "./roles/routes";
import { attachmentsApi } from "./attachments/routes";
import { attachmentsPages } from "./attachments/pages";
import { isUploadRequest, UPLOAD_BODY_LIMIT_BYTES } from "./attachments/rules";
import { uploadTooLarge } from "./attachments/problems";
import { proposalsApi } from "./proposals/routes";
import { proposalsPages } from "./proposals/pages";
import { commentsApi } from "./comments/routes";
import { commentsPages } from "./comments/pages";
import { moderationApi } from "./moderation/routes";
import { moderationPages } from "./moderation/pages";
import { notificationsApi } from "./notifications/routes";
import { notificationsPages } from "./notifications/pages";
import { consultationsApi } from "./consultations/routes";
import { consultationsPages } from "./consultations/pages";
import { competitionsApi } from "./competitions/routes";
import { competitionsPages } from "./competitions/pages";
import { libraryApi } from "./library/routes";
import { libraryPages } from "./library/pages";
import { DRAFT_TEXT_BODY_LIMIT_BYTES, draftTextTooLarge, isDraftTextRequest } from "./consultations/drafting/body-limit";


/** Request bodies above this are refused before anyone parses them (attachments get their own limit). */
export const BODY_LIMIT_BYTES = 64 * 1024;

const OPENAPI_CONFIG = {
  openapi: "3.1.0",
  // Paths in the document are relative to the API's mount point.
  servers: [{ url: "/api" }],
  info: {
    title: "«Участие» API",
    version: "1.0.0",
    description:
      "Public read API and the signed-in API of the participation portal. Errors are RFC 9457 problem+json. Unsafe requests need the `csrf` cookie and the same value in `x-csrf-token` (GET /api/csrf).",
  },
};

/** The JSON API: every route is zod-validated and appears in /api/openapi.json. */
function buildApi() {
  const api = new OpenAPIHono<AppEnv>();
  api.openAPIRegistry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: "sid" });
  api.openapi(
    createRoute({ method: "get", path: "/health", tags: ["service"], summary: "Liveness check (does not touch the database)", responses: { 200: { description: "OK", content: { "application/json": { schema: z.object({ ok: z.literal(true) }) } } } } }),
    (c) => c.json({ ok: true as const }, 200),
  );
  api.route("/", accountsApi).route("/", organisationsApi).route("/", rolesApi);
  api.route("/", proposalsApi).route("/", commentsApi).route("/", moderationApi).route("/", notificationsApi).route("/", attachmentsApi);
  api.route("/", consultationsApi);
  api.route("/", competitionsApi).route("/", libraryApi);
  api.doc31("/openapi.json", OPENAPI_CONFIG);
  return api;
}

export function buildApp() {
  const app = new Hono<AppEnv>();
  app.use("*", requestId(), securityHeaders(), locale(), dbSession());
  const pageLimit = bodyLimit({
    maxSize: BODY_LIMIT_BYTES,
    onError: () => {
      throw new Problem(413, "too-large", "problem.tooLarge");
    },
  });
  // File uploads are the one exception to the 64 KB limit, with a limit of their own.
  const uploadLimit = bodyLimit({
    maxSize: UPLOAD_BODY_LIMIT_BYTES,
    onError: () => {
      throw uploadTooLarge();
    },
  });
  // A consultation's draft text (pasted up to 300,000 characters, or a .docx) is the other one.
  const draftTextLimit = bodyLimit({
    maxSize: DRAFT_TEXT_BODY_LIMIT_BYTES,
    onError: (c) => {
      throw draftTextTooLarge(c.req.path);
    },
  });
  app.use("*", (c, next) => (isUploadRequest(c.req.method, c.req.path) ? uploadLimit : isDraftTextRequest(c.req.method, c.req.path) ? draftTextLimit : pageLimit)(c, next));
  app.use("*", csrf(), session());

  const api = buildApi();
  app.route("/api", api);
  app.get("/api/docs", (c) => {
    const doc = api.getOpenAPI31Document(OPENAPI_CONFIG);
    return render(c, "apidocs/reference", { operations: operationsOf(doc as never) }, { title: c.get("t")("api.title") });
  });

  app.get("/lang/:locale{ru|en}", (c) => {
    setCookie(c, LOCALE_COOKIE, c.req.param("locale"), { path: "/", sameSite: "Lax", secure: true, maxAge: 365 * 86400 });
    return c.redirect(safeNext(c.req.query("back")) ?? "/", 303);
  });

  app.route("/", homePages);
  app.route("/", accountPages);
  app.route("/", organisationPages);
  app.route("/", adminPages);
  app.route("/", proposalsPages);
  app.route("/", commentsPages);
  app.route("/", moderationPages);
  app.route("/", notificationsPages);
  app.route("/", attachmentsPages);
  app.route("/", consultationsPages);
  app.route("/", competitionsPages);
  app.route("/", libraryPages);

  app.route("/", devPages);

  app.onError(onError);
  app.notFound(onNotFound);
  return app;
}
