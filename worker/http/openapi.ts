import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "./context";
import { fromZod } from "./problem";

/** RFC 9457 problem details, as every API error is returned. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    instance: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ field: z.string(), code: z.string(), reason: z.string() })).optional(),
  })
  .openapi("Problem");

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ProblemSchema } } });

/** The error responses an operation can give, for its OpenAPI description. */
export const problems = {
  400: problem("Bad request"),
  401: problem("Not signed in"),
  403: problem("Not allowed (or CSRF check failed)"),
  404: problem("Not found"),
  409: problem("Conflict"),
  422: problem("Invalid input: `errors` lists each field and the reason"),
  429: problem("Rate limited: see Retry-After"),
};

export const json = <T extends z.ZodType>(schema: T, description = "OK") => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

/** An OpenAPI-described router whose validation failures become field-level problems. */
export const apiRouter = () =>
  new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw fromZod(result.error as never, (result as { data?: unknown }).data);
    },
  });

/** Cookie-authenticated operations name the session cookie and the CSRF header. */
export const security = [{ session: [] }];
