import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./context";

/** A fresh nonce per response; only scripts carrying it run ('strict-dynamic' lets them load modules). */
export function contentSecurityPolicy(nonce: string) {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

export const securityHeaders = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    const nonce = btoa(String.fromCharCode(...bytes));
    c.set("nonce", nonce);
    await next();
    const h = c.res.headers;
    // A response that set its own policy keeps it (files from R2 are served with `sandbox`).
    if (!h.has("content-security-policy")) h.set("content-security-policy", contentSecurityPolicy(nonce));
    h.set("strict-transport-security", "max-age=63072000; includeSubDomains");
    h.set("x-content-type-options", "nosniff");
    h.set("x-frame-options", "DENY");
    h.set("referrer-policy", "strict-origin-when-cross-origin");
    h.set("permissions-policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    h.set("cross-origin-opener-policy", "same-origin");
    h.set("cross-origin-resource-policy", "same-origin");
    // Pages depend on the session cookie: never let a shared cache serve one person's page to another.
    if (!h.has("cache-control")) h.set("cache-control", "no-store");
  });
