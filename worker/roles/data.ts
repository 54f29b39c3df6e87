import { and, desc, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { RoleGrantView } from "../accounts/session-user";
import type { Db } from "../db/client";
import { roleGrants, type Role } from "./schema";

const view = {
  id: roleGrants.id,
  role: roleGrants.role,
  scope: roleGrants.scope,
  organiserId: roleGrants.organiserId,
  competitionId: roleGrants.competitionId,
};

/** Grants of the user(s) selected by `userIds` (a subquery), unexecuted so it can join a batch. */
export const grantsOfUsersIn = (db: Db, userIds: SQL | ReturnType<Db["select"]>) =>
  db.select({ ...view, userId: roleGrants.userId }).from(roleGrants).where(inArray(roleGrants.userId, userIds as SQL));

export const grantsOfUser = (db: Db, userId: string) => db.select(view).from(roleGrants).where(eq(roleGrants.userId, userId));

export const findGrant = (db: Db, id: string) => db.select().from(roleGrants).where(eq(roleGrants.id, id)).get();

export function insertGrant(db: Db, g: { id: string; userId: string; role: Role; scope: string; organiserId: string | null; competitionId: string | null; grantedBy: string | null }) {
  return db.insert(roleGrants).values({ ...g, grantedAt: Date.now() });
}

/** Idempotent variant used by demo seeding. */
export function upsertGrant(db: Db, g: Parameters<typeof insertGrant>[1]) {
  return db.insert(roleGrants).values({ ...g, grantedAt: Date.now() }).onConflictDoNothing();
}

export const deleteGrant = (db: Db, id: string) => db.delete(roleGrants).where(eq(roleGrants.id, id));
export const deleteGrantsOfUser = (db: Db, userId: string) => db.delete(roleGrants).where(eq(roleGrants.userId, userId));

/** Grants list for the admin page, newest first, paginated by key (granted_at, id): grants made in
 * the same millisecond (a seed, a batch) are neither skipped nor repeated at a page boundary. */
export function listGrants(db: Db, opts: { organiserIds?: string[]; before?: number; beforeId?: string; limit: number }) {
  const conds: SQL[] = [];
  if (opts.organiserIds) conds.push(inArray(roleGrants.organiserId, opts.organiserIds.length ? opts.organiserIds : ["-"]));
  if (opts.before !== undefined && opts.beforeId !== undefined) conds.push(sql`(${roleGrants.grantedAt}, ${roleGrants.id}) < (${opts.before}, ${opts.beforeId})`);
  else if (opts.before) conds.push(lt(roleGrants.grantedAt, opts.before));
  return db
    .select({ ...view, userId: roleGrants.userId, grantedAt: roleGrants.grantedAt })
    .from(roleGrants)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(roleGrants.grantedAt), desc(roleGrants.id))
    .limit(opts.limit);
}

export type { RoleGrantView };
