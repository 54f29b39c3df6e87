import type { ZodType, z } from "zod";
import { fromZod } from "./problem";

/** Parses input with a zod schema, throwing a field-level Problem (422) when it does not fit. */
export function parse<S extends ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw fromZod(r.error, input);
  return r.data;
}
