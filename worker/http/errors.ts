import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./context";
import { Problem, problemResponse } from "./problem";
import { render } from "./render";

const isApi = (c: Context) => new URL(c.req.url).pathname.startsWith("/api/");

/**
 * The one error handler: API requests get problem+json, pages get a readable page in the person's
 * language. Unknown errors are logged with the request id and never leak their message or stack.
 */
export function onError(err: Error, c: Context<AppEnv>) {
  let problem: Problem;
  if (err instanceof Problem) problem = err;
  else if (err instanceof HTTPException && err.status === 413) problem = new Problem(413, "too-large", "problem.tooLarge");
  else if (err instanceof HTTPException && err.status < 500) problem = new Problem(err.status, "bad-request", "problem.validation");
  else {
    console.error(JSON.stringify({ requestId: c.get("requestId"), error: err.message, stack: err.stack }));
    problem = new Problem(500, "internal", "problem.internal");
  }
  if (isApi(c) || !c.get("t")) return problemResponse(c, problem);
  try {
    return render(c, "message", { titleKey: "error.title", textKey: problem.titleKey, tone: "bad", link: { href: "/", labelKey: "error.back" } }, { title: c.get("t")(problem.titleKey), status: problem.status });
  } catch {
    return problemResponse(c, problem);
  }
}

export function onNotFound(c: Context<AppEnv>) {
  return onError(new Problem(404, "not-found", "problem.notFound"), c);
}
