import { createRoute, z } from "@hono/zod-openapi";
import { enforce, limitsFor, clientIp } from "../http/rate-limit";
import { apiRouter, json, jsonBody, problems, security } from "../http/openapi";
import { ctxOf } from "../http/ctx";
import { clearSessionCookie, requireUser, setSessionCookie } from "../http/session";
import { DeleteAccountInput, ForgotInput, Ok, ProfileInput, ProfileView, ResetInput, SignInInput, SignUpInput, TokenInput } from "./dto";
import * as accounts from "./service";
import { loadSessionUser } from "./data";
import { sha256 } from "./tokens";
import type { SessionUser } from "./session-user";

const profileOf = (u: SessionUser) => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  city: u.city,
  locale: u.locale,
  emailConfirmed: u.emailConfirmed,
  showMemberships: u.showMemberships,
  roles: u.roles,
});

const tags = ["accounts"];

/** Accounts API: sign-up, confirmation, sessions, password reset, profile, personal data. */
export const accountsApi = apiRouter()
  .openapi(
    createRoute({ method: "get", path: "/csrf", tags, summary: "Get the CSRF token to send as `x-csrf-token` on unsafe requests (also sets the `csrf` cookie)", responses: { 200: json(z.object({ token: z.string() })) } }),
    (c) => c.json({ token: c.get("csrfToken") }, 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/accounts/signup",
      tags,
      summary: "Create an account; a confirmation link is mailed. Consent to personal-data processing (152-ФЗ) is required.",
      request: { body: jsonBody(SignUpInput) },
      responses: { 201: json(z.object({ id: z.string(), email: z.string() }), "Created; confirm the address by the mailed link"), 403: problems[403], 409: problems[409], 422: problems[422], 429: problems[429] },
    }),
    async (c) => {
      await enforce(c, limitsFor(c).signup, clientIp(c));
      const input = c.req.valid("json");
      const r = await accounts.signUp(ctxOf(c), input);
      return c.json(r, 201);
    },
  )
  .openapi(
    createRoute({ method: "post", path: "/accounts/confirm", tags, summary: "Confirm an e-mail address with the token from the mailed link (one use, 24 hours)", request: { body: jsonBody(TokenInput) }, responses: { 200: json(Ok), 400: problems[400], 422: problems[422] } }),
    async (c) => {
      await accounts.confirmEmail(ctxOf(c), c.req.valid("json").token);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({ method: "post", path: "/accounts/signin", tags, summary: "Sign in; sets the HttpOnly session cookie", request: { body: jsonBody(SignInInput) }, responses: { 200: json(ProfileView), 401: problems[401], 403: problems[403], 422: problems[422], 429: problems[429] } }),
    async (c) => {
      const input = c.req.valid("json");
      const limits = limitsFor(c);
      await enforce(c, limits.signinIp, clientIp(c));
      await enforce(c, limits.signin, input.email);
      const r = await accounts.signIn(ctxOf(c), input, c.req.header("user-agent"));
      setSessionCookie(c, r.token, accounts.SESSION_TTL_MS / 1000);
      const user = await loadSessionUser(c.get("db"), await sha256(r.token), Date.now());
      return c.json(profileOf(user!), 200);
    },
  )
  .openapi(
    createRoute({ method: "post", path: "/accounts/signout", tags, security, summary: "Sign out of this device", responses: { 200: json(Ok), 403: problems[403] } }),
    async (c) => {
      const hash = c.get("sessionTokenHash");
      if (hash) await accounts.signOut(ctxOf(c), hash);
      clearSessionCookie(c);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({ method: "post", path: "/accounts/signout-all", tags, security, summary: "Sign out on every device", responses: { 200: json(Ok), 401: problems[401], 403: problems[403] } }),
    async (c) => {
      await accounts.signOutEverywhere(ctxOf(c), requireUser(c));
      clearSessionCookie(c);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({ method: "post", path: "/accounts/password/forgot", tags, summary: "Mail a password reset link (the answer is the same whether or not the address exists)", request: { body: jsonBody(ForgotInput) }, responses: { 202: json(Ok, "Accepted"), 422: problems[422], 429: problems[429] } }),
    async (c) => {
      const { email } = c.req.valid("json");
      await enforce(c, limitsFor(c).reset, clientIp(c));
      await accounts.requestPasswordReset(ctxOf(c), email);
      return c.json({ ok: true as const }, 202);
    },
  )
  .openapi(
    createRoute({ method: "post", path: "/accounts/password/reset", tags, summary: "Set a new password with the mailed token; signs out every device", request: { body: jsonBody(ResetInput) }, responses: { 200: json(Ok), 400: problems[400], 422: problems[422], 429: problems[429] } }),
    async (c) => {
      const { token, password } = c.req.valid("json");
      await enforce(c, limitsFor(c).reset, clientIp(c));
      await accounts.resetPassword(ctxOf(c), token, password);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({ method: "get", path: "/me", tags, security, summary: "The signed-in person's profile and roles", responses: { 200: json(ProfileView), 401: problems[401] } }),
    (c) => c.json(profileOf(requireUser(c)), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/users/{id}",
      tags,
      security,
      summary: "Change a profile (only one's own)",
      request: { params: z.object({ id: z.string().max(64) }), body: jsonBody(ProfileInput) },
      responses: { 200: json(Ok), 401: problems[401], 403: problems[403], 422: problems[422] },
    }),
    async (c) => {
      await accounts.updateProfile(ctxOf(c), requireUser(c), c.req.valid("param").id, c.req.valid("json"));
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({ method: "get", path: "/me/export", tags, security, summary: "Download all personal data held about the signed-in person (152-ФЗ)", responses: { 200: json(z.record(z.string(), z.unknown())), 401: problems[401] } }),
    async (c) => {
      const data = await accounts.exportPersonalData(ctxOf(c), requireUser(c));
      c.header("content-disposition", 'attachment; filename="uchastie-my-data.json"');
      return c.json(data, 200);
    },
  )
  .openapi(
    createRoute({ method: "delete", path: "/me", tags, security, summary: "Delete the account: personal data is erased, publications stay as «удалённый пользователь»", request: { body: jsonBody(DeleteAccountInput) }, responses: { 200: json(Ok), 401: problems[401], 403: problems[403], 422: problems[422] } }),
    async (c) => {
      await accounts.deleteAccount(ctxOf(c), requireUser(c));
      clearSessionCookie(c);
      return c.json({ ok: true as const }, 200);
    },
  );
