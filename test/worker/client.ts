import { exports } from "cloudflare:workers";

/**
 * A tiny cookie-keeping HTTP client for integration tests: it calls the real worker (the same
 * fetch handler as production) and behaves like one browser — cookies, CSRF header, same origin.
 */
export const ORIGIN = "https://uchastie.test";

export class Browser {
  cookies = new Map<string, string>();
  /** `ip` is sent as cf-connecting-ip, so rate limits keyed by address can be kept apart per test. */
  constructor(
    public lang: "ru" | "en" = "ru",
    public ip?: string,
  ) {}

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async fetch(path: string, init: RequestInit & { json?: unknown; form?: Record<string, string>; csrf?: boolean } = {}) {
    const headers = new Headers(init.headers);
    if (!headers.has("accept-language")) headers.set("accept-language", this.lang);
    if (this.ip && !headers.has("cf-connecting-ip")) headers.set("cf-connecting-ip", this.ip);
    const method = (init.method ?? (init.json !== undefined || init.form ? "POST" : "GET")).toUpperCase();
    let body = init.body;
    if (init.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(init.json);
    }
    if (init.form) {
      const form = new URLSearchParams(init.form);
      if (init.csrf !== false && !form.has("_csrf")) form.set("_csrf", await this.csrfToken());
      headers.set("content-type", "application/x-www-form-urlencoded");
      body = form.toString();
    }
    if (method !== "GET" && method !== "HEAD" && init.csrf !== false && !init.form) {
      headers.set("x-csrf-token", await this.csrfToken());
    }
    // After the token: fetching it may have just set the csrf cookie.
    if (this.cookies.size && !headers.has("cookie")) headers.set("cookie", this.cookieHeader());
    const res = await (exports as any).default.fetch(new Request(ORIGIN + path, { method, headers, body, redirect: "manual" }));
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a: string) => /max-age=0\b/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res as Response;
  }

  async csrfToken() {
    if (!this.cookies.has("csrf")) await this.fetch("/api/csrf");
    return this.cookies.get("csrf")!;
  }

  api(path: string, init: Parameters<Browser["fetch"]>[1] = {}) {
    return this.fetch(`/api${path}`, init);
  }
}
