import { eq, sql } from "drizzle-orm";
import type { Ctx } from "../accounts/service";
import { blockAccountStatements } from "../accounts/service";
import type { SessionUser } from "../accounts/session-user";
import { auditRecord, auditRecordWhere } from "../audit";
import { runBatch, type Statement } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import { Problem, conflict, forbidden, invalidField, notFound } from "../http/problem";
import { dispatchNotes, noteStatements } from "../notifications/index";
import { getOrganiser, listOrganisers } from "../organisers/data";
import { grantsOfUser } from "../roles/data";
import { can, hasRole, organisersWhere } from "../roles/rules";
import {
  deleteTemplate,
  detailsForPage,
  insertReport,
  insertTemplateUnderLimit,
  isAuthorInQueue,
  itemById,
  markAutoHidden,
  openItems,
  openReportsOf,
  reasonCountsForPage,
  refreshReportCount,
  settingsOf,
  settleReports,
  storeReason,
  templateById,
  templatesOf,
  thresholdReachedSql,
  upsertSettings,
} from "./data";
import { closeItemStatement, openItemStatement } from "./index";
import { DEFAULT_SETTINGS, LIMITS, chooseReason, mayReport, queueActions, reportOutcome, type QueueAction, type TemplateAction } from "./rules";
import { reports, type ReportReason } from "./schema";
import type { ModeratedObject, ModerationAdapters } from "./targets";

type Adapters = ModerationAdapters;
type Target = keyof Adapters;

const blocked = (u: SessionUser, now = Date.now()) => u.blockedUntil !== null && u.blockedUntil > now;

/** Loads an object for a person who wants to report it: "not found" unless they could see it anyway. */
export async function reportableObject(ctx: Ctx, adapters: Adapters, actor: SessionUser, targetType: Target, targetId: string): Promise<ModeratedObject> {
  const object = await adapters[targetType].load(ctx.db, targetId);
  if (!object || !mayReport(object, actor)) throw notFound();
  return object;
}

/**
 * A report, its queue item (opened, or the open review item of the object joined) with its counter
 * recomputed, the automatic hiding when distinct reporters reach the organiser's threshold, and the
 * audit records — one batch. The unique index (one report per person per object) makes a repeat a 409.
 */
export async function report(
  ctx: Ctx,
  adapters: Adapters,
  actor: SessionUser,
  input: { targetType: Target; targetId: string; reason: ReportReason; details: string },
) {
  if (!can(actor, "report.create") || blocked(actor)) throw forbidden();
  const object = await reportableObject(ctx, adapters, actor, input.targetType, input.targetId);
  if (object.authorId === actor.id) throw invalidField("targetId", "moderation.field.ownReport");
  const { db } = ctx;
  const now = Date.now();
  const id = crypto.randomUUID();
  const { targetType, targetId } = input;
  const reached = thresholdReachedSql(object.organiserId, targetType, targetId);
  const autoHidden = sql`EXISTS (SELECT 1 FROM moderation_items WHERE target_type = ${targetType} AND target_id = ${targetId} AND status = 'open' AND auto_hidden_at = ${now})
    AND NOT EXISTS (SELECT 1 FROM audit_log WHERE object_type = ${targetType} AND object_id = ${targetId} AND action = 'moderation.auto_hide' AND at = ${now})`;
  try {
    await db.batch([
      insertReport(db, { id, organiserId: object.organiserId, targetType, targetId, reporterId: actor.id, reason: input.reason, details: input.details, createdAt: now }),
      // Ignored when the object already has an open item (a submitted proposal under review): the report joins it.
      openItemStatement(db, { organiserId: object.organiserId, targetType, targetId, kind: "reports", authorId: object.authorId, label: object.label }, now),
      refreshReportCount(db, targetType, targetId),
      markAutoHidden(db, object.organiserId, targetType, targetId, now, adapters[targetType].autoHideAllowed?.(db, targetId)),
      adapters[targetType].hideWhenStatement(db, targetId, reached),
      ...(adapters[targetType].hideWhenFollowUps?.(db, targetId) ?? []),
      auditRecord(db, { actorId: actor.id, action: "report.create", objectType: targetType, objectId: targetId, organiserId: object.organiserId, details: { report: id, reason: input.reason } }, now),
      auditRecordWhere(db, { actorId: null, action: "moderation.auto_hide", objectType: targetType, objectId: targetId, organiserId: object.organiserId, details: { report: id } }, autoHidden, now),
    ]);
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict("moderation.problem.alreadyReported", [{ field: "targetId", code: "moderation.problem.alreadyReported" }]);
    throw e;
  }
  return { id, object };
}

/** The organisers whose queue this person works; a platform admin works them all. */
export async function moderatedOrganisers(ctx: Ctx, actor: SessionUser) {
  const all = await listOrganisers(ctx.db);
  if (hasRole(actor, "platform_admin")) return all;
  const mine = new Set(organisersWhere(actor, ["moderator", "organiser_admin"]));
  return all.filter((o) => mine.has(o.id));
}

export interface QueueItem {
  id: string;
  kind: "review" | "reports";
  targetType: Target;
  targetId: string;
  label: string;
  url: string | null;
  authorId: string | null;
  createdAt: number;
  ageMs: number;
  hidden: boolean;
  reportCount: number;
  reasons: { reason: ReportReason; count: number }[];
  details: string[];
  actions: QueueAction[];
  own: boolean;
}

/**
 * One page of an organiser's queue, oldest first: the items, their reports' reasons and details,
 * the settings and the templates in one batch of reads; then each object's current state from its
 * module (in parallel) for the label, the link and the decisions that apply now.
 */
export async function loadQueue(ctx: Ctx, adapters: Adapters, actor: SessionUser, opts: { organiserId?: string; after?: { at: number; id: string } }) {
  const organisers = await moderatedOrganisers(ctx, actor);
  if (organisers.length === 0) throw forbidden();
  const organiserId = opts.organiserId ?? organisers[0].id;
  if (!organisers.some((o) => o.id === organiserId) || !can(actor, "moderation.decide", { organiserId })) throw forbidden();
  const { db } = ctx;
  const limit = LIMITS.page + 1;
  const [rows, reasonRows, detailRows, templates] = await db.batch([
    openItems(db, organiserId, opts.after, limit),
    reasonCountsForPage(db, organiserId, opts.after, limit),
    detailsForPage(db, organiserId, opts.after, limit),
    templatesOf(db, organiserId),
  ]);
  const page = rows.slice(0, LIMITS.page);
  const objects = await Promise.all(page.map((i) => (i.targetType in adapters ? adapters[i.targetType as Target].load(db, i.targetId) : Promise.resolve(null))));
  const now = Date.now();
  const key = (t: string, id: string) => `${t}:${id}`;
  const items: QueueItem[] = page.map((i, n) => {
    const o = objects[n];
    const k = key(i.targetType, i.targetId);
    return {
      id: i.id,
      kind: i.kind,
      targetType: i.targetType as Target,
      targetId: i.targetId,
      label: o?.label ?? i.label,
      url: o?.url ?? null,
      authorId: i.authorId,
      createdAt: i.createdAt,
      ageMs: Math.max(0, now - i.createdAt),
      hidden: o?.hidden ?? false,
      reportCount: i.reportCount,
      reasons: reasonRows.filter((r) => key(r.targetType, r.targetId) === k).map((r) => ({ reason: r.reason, count: r.count })),
      details: detailRows.filter((r) => key(r.targetType, r.targetId) === k).map((r) => r.details),
      actions: queueActions(i, o),
      own: i.authorId === actor.id,
    };
  });
  const last = page[page.length - 1];
  return {
    organiserId,
    organisers,
    items,
    next: rows.length > LIMITS.page && last ? { at: last.createdAt, id: last.id } : null,
    templates: templates.map((t) => ({ id: t.id, action: t.action as TemplateAction, text: t.text })),
    canBlock: can(actor, "user.block", { organiserId }),
    canSettings: can(actor, "moderation.settings", { organiserId }),
  };
}

/** The text of a template of this organiser, or a field error. */
async function templateText(ctx: Ctx, organiserId: string, templateId: string | undefined) {
  if (!templateId) return null;
  const [t] = await templateById(ctx.db, templateId);
  if (!t || t.organiserId !== organiserId) throw invalidField("templateId", "moderation.field.unknownTemplate");
  return t.text;
}

/**
 * A moderator's decision on a queue item. The owning module applies it (state, audit, the author's
 * notification, closing the item); the reports' outcome, the reporters' notifications and the reason
 * on the item go into that same batch as `extra`. "dismiss" (reports on an object that stays up) is
 * the queue's own decision and its own batch.
 */
export async function decide(
  ctx: Ctx,
  adapters: Adapters,
  actor: SessionUser,
  itemId: string,
  input: { action: QueueAction; reason?: string; templateId?: string },
) {
  const { db } = ctx;
  const [[item]] = await db.batch([itemById(db, itemId)]);
  if (!item) throw notFound();
  if (!can(actor, "moderation.decide", { organiserId: item.organiserId })) throw forbidden();
  if (item.authorId === actor.id) throw new Problem(403, "own-content", "moderation.problem.ownContent");
  if (item.status !== "open") throw conflict("moderation.problem.alreadyDecided");
  if (!(item.targetType in adapters)) throw notFound();
  const targetType = item.targetType as Target;
  const adapter = adapters[targetType];
  const reason = chooseReason(input.reason, await templateText(ctx, item.organiserId, input.templateId));
  const [object, open] = await Promise.all([adapter.load(db, item.targetId), openReportsOf(db, targetType, item.targetId)]);
  if (!queueActions(item, object).includes(input.action)) {
    throw input.action === "dismiss" ? conflict("moderation.problem.cannotDismiss") : invalidField("action", "moderation.field.unknownAction");
  }
  const now = Date.now();
  const outcome = reportOutcome(input.action);
  const label = object?.label ?? item.label;
  const reporters = [...new Set(open.map((r) => r.reporterId))].filter((id) => id !== actor.id);
  const notes = noteStatements(
    db,
    reporters.map((userId) => ({
      userId,
      kind: "report_decided" as const,
      params: { label, decision: input.action },
      // A reporter cannot open what was taken down; the openness page tells them it was.
      url: outcome === "upheld" || !object ? "/moderation/public" : object.url,
    })),
    now,
  );
  const followUps: Statement[] = [];
  if (open.length) {
    followUps.push(
      settleReports(db, targetType, item.targetId, outcome, now),
      auditRecord(db, { actorId: actor.id, action: `reports.${outcome}`, objectType: targetType, objectId: item.targetId, organiserId: item.organiserId, details: { item: item.id, reports: open.length } }, now),
      ...notes.statements,
    );
  }
  if (reason) followUps.push(storeReason(db, item.id, reason.slice(0, LIMITS.reason)));

  if (input.action === "dismiss") {
    await runBatch(db, [
      closeItemStatement(db, targetType, item.targetId, "dismiss", actor.id, now, reason),
      auditRecord(db, { actorId: actor.id, action: "moderation.dismiss", objectType: targetType, objectId: item.targetId, organiserId: item.organiserId, reason }, now),
      ...followUps,
    ]);
  } else {
    await adapter.decide(ctx, actor, item.targetId, input.action, reason, followUps);
    // An owning module that ignores `extra` still gets its consequences written, right after.
    if (open.length) {
      const [still] = await db.select({ status: reports.status }).from(reports).where(eq(reports.id, open[0].id));
      if (still?.status === "open") await runBatch(db, followUps);
    } else if (reason) {
      await runBatch(db, followUps);
    }
  }
  if (open.length) await dispatchNotes(ctx, notes);
  return { outcome, notified: reporters.length };
}

/**
 * Blocks the author of something in the organiser's queue for `days`: only a person who moderates
 * that organiser, only an author whose content went through its queue (a moderator cannot block just
 * anyone), never oneself or a platform admin. The block, the end of every session and the audit
 * record are one batch (the statements are the accounts module's).
 */
export async function blockAuthor(
  ctx: Ctx,
  actor: SessionUser,
  input: { userId: string; organiserId: string; days: number; reason?: string; templateId?: string },
) {
  const { db } = ctx;
  if (!can(actor, "user.block", { organiserId: input.organiserId })) throw forbidden();
  if (input.userId === actor.id) throw new Problem(403, "block-self", "moderation.problem.blockSelf");
  const [inQueue, grants] = await db.batch([isAuthorInQueue(db, input.organiserId, input.userId), grantsOfUser(db, input.userId)]);
  if (inQueue.length === 0) throw new Problem(403, "not-in-queue", "moderation.problem.notInQueue");
  if (grants.some((g) => g.role === "platform_admin")) throw new Problem(403, "block-admin", "moderation.problem.blockAdmin");
  const reason = chooseReason(input.reason, await templateText(ctx, input.organiserId, input.templateId));
  const now = Date.now();
  const until = now + input.days * 86400_000;
  await db.batch([...blockAccountStatements(db, { userId: input.userId, until, actorId: actor.id, organiserId: input.organiserId, reason }, now)]);
  return { until };
}

export async function getSettings(ctx: Ctx, actor: SessionUser, organiserId: string) {
  if (!can(actor, "moderation.settings", { organiserId })) throw forbidden();
  const { db } = ctx;
  const [[organiser], [row], templates] = await db.batch([getOrganiser(db, organiserId), settingsOf(db, organiserId), templatesOf(db, organiserId)]);
  if (!organiser) throw notFound();
  return {
    organiserId,
    reportThreshold: row?.reportThreshold ?? DEFAULT_SETTINGS.reportThreshold,
    staleAfterHours: row?.staleAfterHours ?? DEFAULT_SETTINGS.staleAfterHours,
    templates: templates.map((t) => ({ id: t.id, action: t.action as TemplateAction, text: t.text })),
  };
}

export async function saveSettings(ctx: Ctx, actor: SessionUser, organiserId: string, input: { reportThreshold: number; staleAfterHours: number }) {
  if (!can(actor, "moderation.settings", { organiserId })) throw forbidden();
  const { db } = ctx;
  const [organiser] = await getOrganiser(db, organiserId);
  if (!organiser) throw notFound();
  await db.batch([
    upsertSettings(db, organiserId, input),
    auditRecord(db, { actorId: actor.id, action: "moderation.settings", objectType: "organiser", objectId: organiserId, organiserId, details: input }),
  ]);
}

export async function addTemplate(ctx: Ctx, actor: SessionUser, organiserId: string, input: { action: TemplateAction; text: string }) {
  if (!can(actor, "moderation.settings", { organiserId })) throw forbidden();
  const { db } = ctx;
  const [organiser] = await getOrganiser(db, organiserId);
  if (!organiser) throw notFound();
  const id = crypto.randomUUID();
  const now = Date.now();
  const added = sql`EXISTS (SELECT 1 FROM moderation_reason_templates WHERE id = ${id})`;
  await db.batch([
    insertTemplateUnderLimit(db, { id, organiserId, action: input.action, text: input.text }, now),
    auditRecordWhere(db, { actorId: actor.id, action: "moderation.template_add", objectType: "reason_template", objectId: id, organiserId, details: { action: input.action } }, added, now),
  ]);
  const [row] = await templateById(db, id);
  if (!row) throw invalidField("text", "moderation.problem.tooManyTemplates", { max: LIMITS.templatesPerOrganiser });
  return { id };
}

export async function removeTemplate(ctx: Ctx, actor: SessionUser, templateId: string) {
  const { db } = ctx;
  const [t] = await templateById(db, templateId);
  if (!t) throw notFound();
  if (!can(actor, "moderation.settings", { organiserId: t.organiserId })) throw forbidden();
  await db.batch([
    deleteTemplate(db, templateId),
    auditRecord(db, { actorId: actor.id, action: "moderation.template_remove", objectType: "reason_template", objectId: templateId, organiserId: t.organiserId }),
  ]);
  return { organiserId: t.organiserId };
}

