import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { roleGrants } from "../roles/schema";
import { organisers } from "../organisers/schema";
import { DEFAULT_SETTINGS, LIMITS } from "./rules";
import { moderationItems, moderationSettings, reasonTemplates, reports, type ModerationTarget } from "./schema";

/** Queries of the moderation module; each returns an unexecuted statement so callers can batch them. */

export const itemById = (db: Db, id: string) => db.select().from(moderationItems).where(eq(moderationItems.id, id));

/** Open items of one organiser, oldest first, from after the (createdAt, id) key. */
export function openItems(db: Db, organiserId: string, after: { at: number; id: string } | undefined, limit: number) {
  const conds: SQL[] = [eq(moderationItems.organiserId, organiserId), eq(moderationItems.status, "open")];
  if (after) conds.push(sql`(${moderationItems.createdAt}, ${moderationItems.id}) > (${after.at}, ${after.id})`);
  return db
    .select()
    .from(moderationItems)
    .where(and(...conds))
    .orderBy(asc(moderationItems.createdAt), asc(moderationItems.id))
    .limit(limit);
}

/** The same page of items as a subquery of (target_type, target_id), so its reports come in the same batch. */
function pageTargets(organiserId: string, after: { at: number; id: string } | undefined, limit: number) {
  const cursor = after ? sql`AND (created_at, id) > (${after.at}, ${after.id})` : sql``;
  return sql`(SELECT target_type, target_id FROM moderation_items WHERE organiser_id = ${organiserId} AND status = 'open' ${cursor} ORDER BY created_at, id LIMIT ${limit})`;
}

/** Open reports on the page's items counted by reason. */
export function reasonCountsForPage(db: Db, organiserId: string, after: { at: number; id: string } | undefined, limit: number) {
  return db
    .select({ targetType: reports.targetType, targetId: reports.targetId, reason: reports.reason, count: count() })
    .from(reports)
    .where(and(eq(reports.status, "open"), sql`(${reports.targetType}, ${reports.targetId}) IN ${pageTargets(organiserId, after, limit)}`))
    .groupBy(reports.targetType, reports.targetId, reports.reason);
}

/** The first few free-text details of open reports on the page's items (never who wrote them). */
export function detailsForPage(db: Db, organiserId: string, after: { at: number; id: string } | undefined, limit: number) {
  const ranked = sql`SELECT target_type, target_id, details, ROW_NUMBER() OVER (PARTITION BY target_type, target_id ORDER BY created_at, id) AS n
    FROM reports WHERE status = 'open' AND details <> '' AND (target_type, target_id) IN ${pageTargets(organiserId, after, limit)}`;
  return db
    .select({ targetType: sql<ModerationTarget>`target_type`, targetId: sql<string>`target_id`, details: sql<string>`details` })
    .from(sql`(${ranked}) AS ranked`)
    .where(sql`n <= ${LIMITS.detailsPerItem}`);
}

/** Open reports of one object: the reporters a decision notifies. */
export const openReportsOf = (db: Db, targetType: ModerationTarget, targetId: string) =>
  db
    .select({ id: reports.id, reporterId: reports.reporterId })
    .from(reports)
    .where(and(eq(reports.targetType, targetType), eq(reports.targetId, targetId), eq(reports.status, "open")));

/** Distinct people with an open report on the object: what the threshold counts. */
export const distinctOpenReporters = (targetType: ModerationTarget, targetId: string) =>
  sql`(SELECT count(DISTINCT reporter_id) FROM reports WHERE target_type = ${targetType} AND target_id = ${targetId} AND status = 'open')`;

/** The organiser's threshold, or the default when it has no settings row. */
export const thresholdOf = (organiserId: string) =>
  sql`COALESCE((SELECT report_threshold FROM moderation_settings WHERE organiser_id = ${organiserId}), ${DEFAULT_SETTINGS.reportThreshold})`;

/** True when the batch runs and the object has enough distinct reporters to be hidden. */
export const thresholdReachedSql = (organiserId: string, targetType: ModerationTarget, targetId: string) =>
  sql`${distinctOpenReporters(targetType, targetId)} >= ${thresholdOf(organiserId)}`;

export const insertReport = (db: Db, r: typeof reports.$inferInsert) => db.insert(reports).values(r);

/** Keep the open item's counter equal to its distinct open reporters (recomputed, never incremented). */
export const refreshReportCount = (db: Db, targetType: ModerationTarget, targetId: string) =>
  db
    .update(moderationItems)
    .set({ reportCount: sql`${distinctOpenReporters(targetType, targetId)}` })
    .where(and(eq(moderationItems.targetType, targetType), eq(moderationItems.targetId, targetId), eq(moderationItems.status, "open")));

/** Mark the moment reports first crossed the threshold on the open item (once per item). */
export const markAutoHidden = (db: Db, organiserId: string, targetType: ModerationTarget, targetId: string, at: number, allowed: SQL = sql`1`) =>
  db
    .update(moderationItems)
    .set({ autoHiddenAt: at })
    .where(
      and(
        eq(moderationItems.targetType, targetType),
        eq(moderationItems.targetId, targetId),
        eq(moderationItems.status, "open"),
        sql`${moderationItems.autoHiddenAt} IS NULL`,
        thresholdReachedSql(organiserId, targetType, targetId),
        allowed,
      ),
    );

/** All open reports of an object get the decision's outcome. */
export const settleReports = (db: Db, targetType: ModerationTarget, targetId: string, outcome: "upheld" | "dismissed", at: number) =>
  db
    .update(reports)
    .set({ status: outcome, decidedAt: at })
    .where(and(eq(reports.targetType, targetType), eq(reports.targetId, targetId), eq(reports.status, "open")));

/** The decision's reason on the item just closed, if the owning module did not store it itself. */
export const storeReason = (db: Db, itemId: string, reason: string) =>
  db
    .update(moderationItems)
    .set({ reason })
    .where(and(eq(moderationItems.id, itemId), eq(moderationItems.status, "closed"), sql`${moderationItems.reason} IS NULL`));

export const settingsOf = (db: Db, organiserId: string) => db.select().from(moderationSettings).where(eq(moderationSettings.organiserId, organiserId));

export const upsertSettings = (db: Db, organiserId: string, s: { reportThreshold: number; staleAfterHours: number }) =>
  db.insert(moderationSettings).values({ organiserId, ...s }).onConflictDoUpdate({ target: moderationSettings.organiserId, set: s });

export const templatesOf = (db: Db, organiserId: string) =>
  db
    .select({ id: reasonTemplates.id, action: reasonTemplates.action, text: reasonTemplates.text, position: reasonTemplates.position })
    .from(reasonTemplates)
    .where(eq(reasonTemplates.organiserId, organiserId))
    .orderBy(asc(reasonTemplates.action), asc(reasonTemplates.position));

export const templateById = (db: Db, id: string) => db.select().from(reasonTemplates).where(eq(reasonTemplates.id, id));

/** Adds a template unless the organiser already has the maximum: the count and the insert are one statement. */
export const insertTemplateUnderLimit = (db: Db, t: { id: string; organiserId: string; action: string; text: string }, at: number) =>
  db.insert(reasonTemplates).select(
    sql`SELECT ${t.id}, ${t.organiserId}, ${t.action}, ${t.text}, ${at}
      WHERE (SELECT count(*) FROM moderation_reason_templates WHERE organiser_id = ${t.organiserId}) < ${LIMITS.templatesPerOrganiser}`,
  );

export const deleteTemplate = (db: Db, id: string) => db.delete(reasonTemplates).where(eq(reasonTemplates.id, id));

/** Whether the person wrote anything that went through this organiser's queue (the block check). */
export const isAuthorInQueue = (db: Db, organiserId: string, userId: string) =>
  db
    .select({ id: moderationItems.id })
    .from(moderationItems)
    .where(and(eq(moderationItems.organiserId, organiserId), eq(moderationItems.authorId, userId)))
    .limit(1);

/** Hidden and rejected items, newest decision first; the WHERE repeats the partial indexes' terms literally. */
export function publicDecisions(db: Db, opts: { organiserId?: string; before?: { at: number; id: string }; limit: number }) {
  const conds: SQL[] = [sql`${moderationItems.status} = 'closed' AND ${moderationItems.decision} IN ('hide', 'reject')`];
  if (opts.organiserId) conds.push(eq(moderationItems.organiserId, opts.organiserId));
  if (opts.before) conds.push(sql`(${moderationItems.closedAt}, ${moderationItems.id}) < (${opts.before.at}, ${opts.before.id})`);
  return db
    .select({
      id: moderationItems.id,
      organiserId: moderationItems.organiserId,
      targetType: moderationItems.targetType,
      decision: moderationItems.decision,
      reason: moderationItems.reason,
      closedAt: moderationItems.closedAt,
    })
    .from(moderationItems)
    .where(and(...conds))
    .orderBy(desc(moderationItems.closedAt), desc(moderationItems.id))
    .limit(opts.limit);
}

/**
 * Per organiser: its settings, its oldest open item and how many open items are older than its
 * reminder age. Organisers are few; each subquery walks the queue index.
 */
export const staleQueues = (db: Db, now: number) =>
  db
    .select({
      organiserId: organisers.id,
      nameRu: organisers.nameRu,
      staleAfterHours: sql<number>`COALESCE(${moderationSettings.staleAfterHours}, ${DEFAULT_SETTINGS.staleAfterHours})`,
      lastReminderAt: moderationSettings.lastStaleReminderAt,
      oldestOpenAt: sql<number | null>`(SELECT min(created_at) FROM moderation_items WHERE organiser_id = ${organisers.id} AND status = 'open')`,
      staleCount: sql<number>`(SELECT count(*) FROM moderation_items WHERE organiser_id = ${organisers.id} AND status = 'open'
        AND created_at <= ${now} - COALESCE(${moderationSettings.staleAfterHours}, ${DEFAULT_SETTINGS.staleAfterHours}) * 3600000)`,
    })
    .from(organisers)
    .leftJoin(moderationSettings, eq(moderationSettings.organiserId, organisers.id));

/** The people who work an organiser's queue: its moderators and organiser admins. */
export const queueWorkers = (db: Db, organiserIds: string[]) =>
  db
    .select({ userId: roleGrants.userId, organiserId: roleGrants.organiserId })
    .from(roleGrants)
    .where(and(inArray(roleGrants.organiserId, organiserIds.length ? organiserIds : ["-"]), inArray(roleGrants.role, ["moderator", "organiser_admin"])));

/** Records the reminder unless another run already did within the period (the condition is re-checked in the batch). */
export const markReminded = (db: Db, organiserId: string, now: number, periodMs: number) =>
  db
    .insert(moderationSettings)
    .values({ organiserId, lastStaleReminderAt: now })
    .onConflictDoUpdate({
      target: moderationSettings.organiserId,
      set: { lastStaleReminderAt: now },
      setWhere: sql`${moderationSettings.lastStaleReminderAt} IS NULL OR ${moderationSettings.lastStaleReminderAt} <= ${now - periodMs}`,
    });
