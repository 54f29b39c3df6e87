import type { Context } from "hono";
import type { ZodError } from "zod";
import { translate, type Locale, type MessageKey } from "../../web/i18n";

/** One invalid field: its path (e.g. "email") and a message key explaining why. */
export interface FieldIssue {
  field: string;
  code: MessageKey;
  params?: Record<string, string | number>;
}

/**
 * Errors are values with a type and a message key; `problemResponse` turns them into
 * RFC 9457 problem+json in the request's language. Nothing else in the worker builds error bodies.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly titleKey: MessageKey,
    readonly fields: FieldIssue[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

export const invalid = (fields: FieldIssue[]) => new Problem(422, "validation", "problem.validation", fields);
export const invalidField = (field: string, code: MessageKey, params?: FieldIssue["params"]) =>
  invalid([{ field, code, params }]);
export const unauthorized = () => new Problem(401, "unauthorized", "problem.unauthorized");
export const forbidden = () => new Problem(403, "forbidden", "problem.forbidden");
export const notFound = () => new Problem(404, "not-found", "problem.notFound");
export const conflict = (titleKey: MessageKey, fields: FieldIssue[] = []) => new Problem(409, "conflict", titleKey, fields);
export const tooMany = (retryAfterSeconds: number) =>
  new Problem(429, "rate-limited", "problem.rateLimited", [], { retryAfter: retryAfterSeconds });

/** Maps zod issues to field issues. Schemas put a message key into `message`; anything else is
 * reported with a generic key per issue code so that no English zod text reaches a person. */
export function fromZod(error: ZodError, input?: unknown): Problem {
  const fields: FieldIssue[] = error.issues.map((issue) => {
    const field = issue.path.join(".") || "body";
    const params: Record<string, string | number> = {};
    if ("minimum" in issue && issue.minimum !== undefined) params.min = Number(issue.minimum);
    if ("maximum" in issue && issue.maximum !== undefined) params.max = Number(issue.maximum);
    // zod 4 strips `issue.input` unless asked to report it, so the value is looked up in the input.
    const value = "input" in issue ? issue.input : valueAt(input, issue.path);
    // Message keys of fields: core ("field.…"), a module's own ("moderation.field.…") or a module
    // part's own ("consultations.implementation.field.…").
    const key = /^([a-z]+\.){0,2}field\./.test(issue.message ?? "") ? (issue.message as MessageKey) : genericKey(issue.code, value);
    return { field, code: key, params };
  });
  return invalid(fields);
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v = input;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function genericKey(code: string, value: unknown): MessageKey {
  if (code === "invalid_type" && value === undefined) return "field.required";
  if (code === "too_small") return "field.tooShort";
  if (code === "too_big") return "field.tooLong";
  if (code === "invalid_format") return "field.invalidFormat";
  if (code === "invalid_value") return "field.invalidChoice";
  return "field.invalid";
}

/** Limits read as people write them: «не больше 1 000 000 000», "at most 1,000,000,000" (small ones as they are). */
function limitParams(locale: Locale, params: FieldIssue["params"]) {
  if (!params) return params;
  const fmt = new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB");
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "number" && Math.abs(v) >= 10_000 ? fmt.format(v) : v]));
}

export function problemBody(p: Problem, locale: Locale, instance: string, requestId: string) {
  return {
    type: `https://uchastie.example/problems/${p.code}`,
    title: translate(locale, p.titleKey),
    status: p.status,
    instance,
    requestId,
    ...(p.fields.length
      ? { errors: p.fields.map((f) => ({ field: f.field, code: f.code, reason: translate(locale, f.code, limitParams(locale, f.params)) })) }
      : {}),
    ...p.extra,
  };
}

export function problemResponse(c: Context, p: Problem) {
  const body = problemBody(p, c.get("locale") ?? "ru", new URL(c.req.url).pathname, c.get("requestId") ?? "");
  const headers: Record<string, string> = { "content-type": "application/problem+json; charset=utf-8" };
  if (p.status === 429 && typeof p.extra.retryAfter === "number") headers["retry-after"] = String(p.extra.retryAfter);
  return new Response(JSON.stringify(body), { status: p.status, headers });
}
