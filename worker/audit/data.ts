import { and, asc, desc, eq, inArray, lt, type SQL } from "drizzle-orm";
import { users } from "../accounts/schema";
import type { Db } from "../db/client";
import { auditLog } from "./schema";

/** Newest first, by key (id); scoped to organisers unless 'all' (platform admins). */
export function listAudit(db: Db, opts: { organiserIds: string[] | "all"; beforeId?: number; limit: number }) {
  const conds: SQL[] = [];
  if (opts.organiserIds !== "all") conds.push(inArray(auditLog.organiserId, opts.organiserIds.length ? opts.organiserIds : [""]));
  if (opts.beforeId) conds.push(lt(auditLog.id, opts.beforeId));
  return db.select().from(auditLog).where(conds.length ? and(...conds) : undefined).orderBy(desc(auditLog.id)).limit(opts.limit);
}

/** One object's history, oldest first, with each actor's display name (shown on the object's page). */
export function objectHistory(db: Db, objectType: string, objectId: string, limit = 200) {
  return db
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, actorId: auditLog.actorId, actorName: users.displayName, reason: auditLog.reason })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.objectType, objectType), eq(auditLog.objectId, objectId)))
    .orderBy(asc(auditLog.id))
    .limit(limit);
}
