import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { users } from "../accounts/schema";
import type { Db } from "../db/client";
import { memberships, organisations } from "./schema";

const orgView = {
  id: organisations.id,
  organiserId: organisations.organiserId,
  name: organisations.name,
  type: organisations.type,
  city: organisations.city,
  description: organisations.description,
  inn: organisations.inn,
  ogrn: organisations.ogrn,
  memberCount: organisations.memberCount,
};

/** Organisations by name, paginated by key (name, id) — never OFFSET. */
export function listOrganisations(db: Db, opts: { after?: { name: string; id: string }; limit: number }) {
  const where = opts.after
    ? sql`(${organisations.name}, ${organisations.id}) > (${opts.after.name}, ${opts.after.id})`
    : undefined;
  return db.select(orgView).from(organisations).where(where).orderBy(asc(organisations.name), asc(organisations.id)).limit(opts.limit);
}

export const getOrganisation = (db: Db, id: string) => db.select(orgView).from(organisations).where(eq(organisations.id, id));

export const countOrganisations = (db: Db) => db.select({ n: sql<number>`count(*)` }).from(organisations);

export const insertOrganisation = (db: Db, o: typeof organisations.$inferInsert) => db.insert(organisations).values(o);
export const upsertOrganisation = (db: Db, o: typeof organisations.$inferInsert) => db.insert(organisations).values(o).onConflictDoNothing();
export const updateOrganisation = (db: Db, id: string, patch: Partial<typeof organisations.$inferInsert>) =>
  db.update(organisations).set(patch).where(eq(organisations.id, id));

/** Confirmed members who chose to be shown publicly (and whose accounts still exist). */
export const publicMembers = (db: Db, organisationId: string, limit = 100) =>
  db
    .select({ userId: users.id, displayName: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.status, "confirmed"), eq(users.showMemberships, true), sql`${users.deletedAt} IS NULL`))
    .orderBy(asc(users.displayName))
    .limit(limit);

export const membershipOf = (db: Db, organisationId: string, userId: string) =>
  db.select().from(memberships).where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)));

export const membershipsOfUser = (db: Db, userId: string) =>
  db
    .select({
      organisationId: memberships.organisationId,
      organisationName: organisations.name,
      /** The entrant kind of a competition entry made on its behalf (competitions/access.ts entrantKind). */
      organisationType: organisations.type,
      organiserId: organisations.organiserId,
      status: memberships.status,
      requestedAt: memberships.requestedAt,
      decidedAt: memberships.decidedAt,
      reason: memberships.reason,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId));

/** Requests waiting for a decision in the given organisers' organisations, oldest first. */
export const pendingMemberships = (db: Db, organiserIds: string[] | "all", limit = 50) =>
  db
    .select({
      organisationId: memberships.organisationId,
      organisationName: organisations.name,
      organiserId: organisations.organiserId,
      userId: memberships.userId,
      displayName: users.displayName,
      email: users.email,
      requestedAt: memberships.requestedAt,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.status, "requested"),
        organiserIds === "all" ? undefined : inArray(organisations.organiserId, organiserIds.length ? organiserIds : [""]),
      ),
    )
    .orderBy(asc(memberships.requestedAt))
    .limit(limit);

/** A new request, or a repeated request after a rejection; a confirmed or pending membership is left as it is. */
export const requestMembershipStatement = (db: Db, organisationId: string, userId: string, now: number) =>
  db
    .insert(memberships)
    .values({ organisationId, userId, status: "requested", requestedAt: now })
    .onConflictDoUpdate({
      target: [memberships.organisationId, memberships.userId],
      set: { status: "requested", requestedAt: now, decidedAt: null, decidedBy: null, reason: null },
      setWhere: eq(memberships.status, "rejected"),
    });

/**
 * Decides a pending request. The counter is set in the same batch from a recount of the rows, so it
 * is exact even when two moderators decide the same request at the same moment (a "+1 if confirmed
 * at `now`" bump counted both of them whenever their clocks read the same millisecond).
 */
export function decideMembershipStatements(
  db: Db,
  m: { organisationId: string; userId: string; decision: "confirmed" | "rejected"; reason: string | null; decidedBy: string; now: number },
) {
  const update = db
    .update(memberships)
    .set({ status: m.decision, decidedAt: m.now, decidedBy: m.decidedBy, reason: m.reason })
    .where(and(eq(memberships.organisationId, m.organisationId), eq(memberships.userId, m.userId), eq(memberships.status, "requested")))
    .returning({ userId: memberships.userId });
  const bump = db
    .update(organisations)
    .set({ memberCount: sql`(SELECT count(*) FROM organisation_members WHERE organisation_id = ${m.organisationId} AND status = 'confirmed')` })
    .where(eq(organisations.id, m.organisationId));
  return m.decision === "confirmed" ? ([update, bump] as const) : ([update] as const);
}

/** When an account goes: decrement the counters of organisations it was a confirmed member of, then drop its memberships. */
export function membershipRemovalStatements(db: Db, userId: string) {
  return [
    db
      .update(organisations)
      .set({ memberCount: sql`${organisations.memberCount} - 1` })
      .where(sql`${organisations.id} IN (SELECT organisation_id FROM organisation_members WHERE user_id = ${userId} AND status = 'confirmed')`),
    db.delete(memberships).where(eq(memberships.userId, userId)),
  ] as const;
}

/** Recount from rows (for checks and repairs): confirmed members per organisation. */
export const recountMembers = (db: Db, organisationId: string) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.status, "confirmed")));

export { memberships, organisations };
