import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "../accounts/schema";

/** What a comment can hang on: proposals now, consultation remarks and documents later. */
export const COMMENT_TARGETS = ["proposal", "remark"] as const;
export type CommentTarget = (typeof COMMENT_TARGETS)[number];

export const COMMENT_STATUSES = ["visible", "deleted", "hidden"] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/**
 * A comment in a thread. `parentId` is the comment answered; `rootId` the top-level comment of
 * its thread (itself for top-level ones), so a thread's replies are one indexed range however
 * deep the answering goes — the page shows two levels.
 */
export const comments = sqliteTable(
  "comments",
  {
    id: text("id").primaryKey(),
    targetType: text("target_type", { enum: COMMENT_TARGETS }).notNull(),
    targetId: text("target_id").notNull(),
    /** The organiser whose moderators look after this thread. */
    organiserId: text("organiser_id").notNull(),
    parentId: text("parent_id"),
    rootId: text("root_id"),
    authorId: text("author_id").notNull().references(() => users.id),
    body: text("body").notNull(),
    status: text("status", { enum: COMMENT_STATUSES }).notNull().default("visible"),
    upCount: integer("up_count").notNull().default(0),
    downCount: integer("down_count").notNull().default(0),
    replyCount: integer("reply_count").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    editedAt: integer("edited_at"),
  },
  (t) => [
    // Top-level comments of a target page by page (parent_id IS NULL), and the replies of a thread.
    index("comments_target").on(t.targetType, t.targetId, t.parentId, t.createdAt, t.id),
    index("comments_root").on(t.rootId, t.createdAt, t.id),
    index("comments_author").on(t.authorId, t.createdAt),
    // Covers the recount of a target's comments (status <> 'deleted') that runs with every post.
    index("comments_target_status").on(t.targetType, t.targetId, t.status),
  ],
);

/** One vote per person per comment; value is +1 or -1. */
export const commentVotes = sqliteTable(
  "comment_votes",
  {
    commentId: text("comment_id").notNull().references(() => comments.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    value: integer("value").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  // The person's own votes (personal data export).
  (t) => [primaryKey({ columns: [t.commentId, t.userId] }), index("comment_votes_user").on(t.userId)],
);
