/** An SQL literal for the demo seed files (which are executed by `wrangler d1 execute --file`). */
export const q = (v: string | number | null | boolean) =>
  v === null ? "NULL" : typeof v === "number" ? String(v) : typeof v === "boolean" ? (v ? "1" : "0") : `'${String(v).replace(/'/g, "''")}'`;
