import type { Context } from "hono";
import type { AppEnv } from "./context";
import { Problem } from "./problem";
import { formStateFrom } from "./render";
import type { FormState } from "../../web/page-data";

/**
 * Runs a form submission; when it fails with a Problem (invalid input, rate limit, conflict),
 * re-renders the form with the errors inline and the status of the problem. Nothing is written
 * by a failed submission, because every use case validates before its one batch.
 */
export async function handleForm(
  c: Context<AppEnv>,
  values: Record<string, string>,
  run: () => Promise<Response>,
  rerender: (form: FormState<any>, status: number) => Response | Promise<Response>,
): Promise<Response> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Problem && e.status < 500 && e.code !== "csrf") {
      const { password: _p, confirm: _c, ...safeValues } = values;
      const res = await rerender(formStateFrom(c, e, safeValues), e.status);
      if (e.status === 429 && typeof e.extra.retryAfter === "number") res.headers.set("retry-after", String(e.extra.retryAfter));
      return res;
    }
    throw e;
  }
}
