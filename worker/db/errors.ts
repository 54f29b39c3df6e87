/** D1 reports constraint failures only in the error text; this is the one place that reads it. */
export const isUniqueViolation = (e: unknown) => String((e as Error)?.message ?? e).includes("UNIQUE constraint failed");
