import { desc, inArray, lt, and, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditLog } from "./schema";

/** Newest first, by key (id); scoped to organisers unless 'all' (platform admins). */
export function listAudit(db: Db, opts: { organiserIds: string[] | "all"; beforeId?: number; limit: number }) {
  const conds: SQL[] = [];
  if (opts.organiserIds !== "all") conds.push(inArray(auditLog.organiserId, opts.organiserIds.length ? opts.organiserIds : [""]));
  if (opts.beforeId) conds.push(lt(auditLog.id, opts.beforeId));
  return db.select().from(auditLog).where(conds.length ? and(...conds) : undefined).orderBy(desc(auditLog.id)).limit(opts.limit);
}
