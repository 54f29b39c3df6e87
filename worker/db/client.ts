import type { BatchItem } from "drizzle-orm/batch";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

/**
 * The drizzle client every module uses. It is built on a D1 *session* (read replication,
 * Sessions API): reads may go to a replica, yet a person always sees their own writes because
 * the session's bookmark travels between requests in a cookie (see http/db-session.ts).
 */
export type Db = ReturnType<typeof makeDb>;

export function makeDb(d1: D1Database | D1DatabaseSession) {
  // drizzle only needs prepare() and batch(), which a D1DatabaseSession provides.
  return drizzle(d1 as D1Database, { schema });
}

export function openSession(d1: D1Database, bookmark: string | undefined, write: boolean) {
  if (typeof d1.withSession !== "function") return { session: d1 as D1Database | D1DatabaseSession, bookmark: () => null };
  const constraint = bookmark ?? (write ? "first-primary" : "first-unconstrained");
  const session = d1.withSession(constraint);
  return { session, bookmark: () => session.getBookmark() };
}

/** One unexecuted statement, to be written together with others in one `db.batch` (D1's only transaction). */
export type Statement = BatchItem<"sqlite">;

/** A batch built from a list whose length is known only at run time (drizzle's type wants a non-empty tuple). */
export async function runBatch(db: Db, statements: Statement[]) {
  if (statements.length === 0) return [];
  return db.batch(statements as [Statement, ...Statement[]]);
}
