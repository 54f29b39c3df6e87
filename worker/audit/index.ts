import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditLog } from "./schema";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  organiserId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

/**
 * The one way to write an audit record. It returns an unexecuted statement: callers put it into the
 * same `db.batch([...])` as the change it records, so that both are written or neither.
 */
export function auditRecord(db: Db, entry: AuditEntry, at = Date.now()) {
  return db.insert(auditLog).values({
    at,
    actorId: entry.actorId,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    organiserId: entry.organiserId ?? null,
    reason: entry.reason ?? null,
    details: entry.details ?? null,
  });
}

export { auditLog };

/**
 * An audit record written only if `condition` (an SQL boolean over other tables) holds when the batch
 * runs. Used where the change itself is conditional (a one-time token), so the log never claims a
 * change that did not happen.
 */
export function auditRecordWhere(db: Db, entry: AuditEntry, condition: SQL, at = Date.now()) {
  const details = entry.details ? JSON.stringify(entry.details) : null;
  // INSERT … SELECT through the query builder: a raw `db.run(sql)` with parameters cannot go into a
  // D1 batch (drizzle's batch binds through a prepared statement the raw query does not have).
  // Columns in table order: id (NULL = next), at, actor_id, action, object_type, object_id, organiser_id, reason, details.
  return db.insert(auditLog).select(sql`SELECT NULL, ${at}, ${entry.actorId}, ${entry.action}, ${entry.objectType}, ${entry.objectId}, ${entry.organiserId ?? null}, ${entry.reason ?? null}, ${details}
    WHERE ${condition}`);
}
