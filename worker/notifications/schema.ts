import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "../accounts/schema";

/**
 * proposal_status: your proposal changed state; proposal_comment: someone commented on your proposal;
 * proposal_support: someone supported your proposal; comment_reply: someone answered your comment;
 * report_decided: what you reported was decided; queue_stale: (moderators) your queue has old items.
 */
export const NOTIFICATION_KINDS = ["proposal_status", "proposal_comment", "proposal_support", "comment_reply", "report_decided", "queue_stale", "remark_reply", "remark_disposition", "entry_status", "expert_assignment", "competition_result"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** In-portal notifications; e-mail copies go through the queue (see ./index.ts). */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    /** Message parameters (titles, states, reasons) rendered in the reader's language at read time. */
    params: text("params", { mode: "json" }).$type<Record<string, string | number>>().notNull(),
    /** Where the notification leads (a path on this portal). */
    url: text("url").notNull(),
    createdAt: integer("created_at").notNull(),
    readAt: integer("read_at"),
  },
  (t) => [index("notifications_user").on(t.userId, t.createdAt, t.id), index("notifications_unread").on(t.userId, t.readAt)],
);

/** E-mail on or off per kind; no row means on. */
export const notificationPrefs = sqliteTable(
  "notification_prefs",
  {
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    email: integer("email", { mode: "boolean" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);
