import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "../accounts/schema";
import { organisers } from "../organisers/schema";

/** Kinds of object the queue can hold; each owning module registers how decisions apply to it. */
export const MODERATION_TARGETS = ["proposal", "comment", "entry", "remark"] as const;
export type ModerationTarget = (typeof MODERATION_TARGETS)[number];

export const REPORT_REASONS = ["spam", "insult", "personal_data", "off_topic", "illegal", "other"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/**
 * One row per object waiting for a moderator: a submitted proposal ("review") or a reported
 * comment/proposal ("reports"). At most one open item per object (partial unique index), written
 * by the owning module in the same batch as the change that needs a decision.
 */
export const moderationItems = sqliteTable(
  "moderation_items",
  {
    id: text("id").primaryKey(),
    organiserId: text("organiser_id").notNull().references(() => organisers.id),
    targetType: text("target_type", { enum: MODERATION_TARGETS }).notNull(),
    targetId: text("target_id").notNull(),
    kind: text("kind", { enum: ["review", "reports"] }).notNull(),
    /** The author of the object: a moderator may not decide on their own content. */
    authorId: text("author_id").references(() => users.id),
    /** A short label for the queue (title or the beginning of a comment), not the content itself. */
    label: text("label").notNull().default(""),
    reportCount: integer("report_count").notNull().default(0),
    status: text("status", { enum: ["open", "closed"] }).notNull().default("open"),
    /** Waiting since: the queue is oldest first. */
    createdAt: integer("created_at").notNull(),
    closedAt: integer("closed_at"),
    closedBy: text("closed_by"),
    decision: text("decision"),
    /** The moderator's reason for the decision: the author sees it, the public page lists it (never the content). */
    reason: text("reason"),
    /** When reports reached the organiser's threshold and the object was hidden until a decision. */
    autoHiddenAt: integer("auto_hidden_at"),
  },
  (t) => [
    index("moderation_items_queue").on(t.organiserId, t.status, t.createdAt, t.id),
    uniqueIndex("moderation_items_open_target").on(t.targetType, t.targetId).where(sql`status = 'open'`),
    // The public openness page: hidden and rejected items, newest decision first, for all or one organiser.
    // Queries repeat the WHERE terms literally (see data.ts) so SQLite may use these partial indexes.
    index("moderation_items_public").on(t.closedAt, t.id).where(sql`status = 'closed' AND decision IN ('hide', 'reject')`),
    index("moderation_items_public_organiser").on(t.organiserId, t.closedAt, t.id).where(sql`status = 'closed' AND decision IN ('hide', 'reject')`),
    // "Is this person an author in this organiser's queue?" — the check before a moderator blocks someone.
    index("moderation_items_author").on(t.organiserId, t.authorId),
  ],
);

/** A report by one person on one object; distinct reporters count towards the hiding threshold. */
export const reports = sqliteTable(
  "reports",
  {
    id: text("id").primaryKey(),
    organiserId: text("organiser_id").notNull().references(() => organisers.id),
    targetType: text("target_type", { enum: MODERATION_TARGETS }).notNull(),
    targetId: text("target_id").notNull(),
    reporterId: text("reporter_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason", { enum: REPORT_REASONS }).notNull(),
    details: text("details").notNull().default(""),
    status: text("status", { enum: ["open", "upheld", "dismissed"] }).notNull().default("open"),
    createdAt: integer("created_at").notNull(),
    decidedAt: integer("decided_at"),
  },
  (t) => [
    uniqueIndex("reports_one_per_reporter").on(t.targetType, t.targetId, t.reporterId),
    index("reports_reporter").on(t.reporterId, t.createdAt),
  ],
);

/** Per-organiser moderation settings; defaults apply when an organiser has no row. */
export const moderationSettings = sqliteTable("moderation_settings", {
  organiserId: text("organiser_id").primaryKey().references(() => organisers.id, { onDelete: "cascade" }),
  /** Distinct reporters after which a reported object is hidden until a moderator decides. */
  reportThreshold: integer("report_threshold").notNull().default(3),
  /** Queue items older than this make moderators get a reminder. */
  staleAfterHours: integer("stale_after_hours").notNull().default(48),
  lastStaleReminderAt: integer("last_stale_reminder_at"),
});

/** Reusable reasons a moderator picks from (return, reject, hide, block). */
export const reasonTemplates = sqliteTable(
  "moderation_reason_templates",
  {
    id: text("id").primaryKey(),
    organiserId: text("organiser_id").notNull().references(() => organisers.id, { onDelete: "cascade" }),
    action: text("action").notNull(),
    text: text("text").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("reason_templates_organiser").on(t.organiserId, t.action, t.position)],
);
