import { and, asc, eq, inArray, isNotNull, isNull, lte, ne, sql, type SQL } from "drizzle-orm";
import { alias, type SQLiteSelect } from "drizzle-orm/sqlite-core";
import { users } from "../accounts/schema";
import type { Db } from "../db/client";
import type { CommentKey } from "./cursor";
import { comments, commentVotes, type CommentTarget } from "./schema";

const author = alias(users, "author");
const parent = alias(comments, "parent");
const parentAuthor = alias(users, "parent_author");
const myVote = alias(commentVotes, "my_vote");

/**
 * A comment as lists show it: with its author's public name and, for replies, whom it answers.
 * Joined columns get their own names: D1 batches return rows as objects keyed by column name, so two
 * columns both called "status" or "display_name" would overwrite each other.
 */
const listed = {
  id: comments.id,
  targetType: comments.targetType,
  targetId: comments.targetId,
  parentId: comments.parentId,
  rootId: comments.rootId,
  authorId: comments.authorId,
  authorName: sql<string>`${author.displayName}`.as("author_name"),
  authorDeletedAt: sql<number | null>`${author.deletedAt}`.as("author_deleted_at"),
  body: comments.body,
  status: comments.status,
  upCount: comments.upCount,
  downCount: comments.downCount,
  replyCount: comments.replyCount,
  createdAt: comments.createdAt,
  editedAt: comments.editedAt,
  parentStatus: sql<"visible" | "deleted" | "hidden" | null>`${parent.status}`.as("parent_status"),
  parentAuthorName: sql<string | null>`${parentAuthor.displayName}`.as("parent_author_name"),
  parentAuthorDeletedAt: sql<number | null>`${parentAuthor.deletedAt}`.as("parent_author_deleted_at"),
  myVote: sql<number | null>`${myVote.value}`.as("my_vote"),
};
export type ListedComment = Awaited<ReturnType<typeof listedComment>>[number];

const after = (k: CommentKey | undefined) => (k ? sql`(${comments.createdAt}, ${comments.id}) > (${k.createdAt}, ${k.id})` : undefined);

/**
 * The list columns for rows matching `where`: author and, for replies, the answered comment's author
 * and the viewer's own vote — each a primary-key lookup per row, so one statement gives all a page needs.
 */
function listedWhere(db: Db, where: SQL | undefined, viewerId: string | null) {
  return withListedJoins(db.select(listed).from(comments).$dynamic(), viewerId).where(where);
}

/** The joins behind the `listed` columns: the author, the answered comment's author, the viewer's vote. */
function withListedJoins<T extends SQLiteSelect>(q: T, viewerId: string | null) {
  return q
    .innerJoin(author, eq(author.id, comments.authorId))
    .leftJoin(parent, eq(parent.id, comments.parentId))
    .leftJoin(parentAuthor, eq(parentAuthor.id, parent.authorId))
    .leftJoin(myVote, and(eq(myVote.commentId, comments.id), eq(myVote.userId, viewerId ?? "")));
}

const topLevelOf = (target: { type: CommentTarget; id: string }, from?: CommentKey) =>
  and(eq(comments.targetType, target.type), eq(comments.targetId, target.id), isNull(comments.parentId), after(from));

/** Top-level comments of a target, oldest first (reading order), by key: index comments_target. */
export function topLevelPage(db: Db, target: { type: CommentTarget; id: string }, opts: { after?: CommentKey; limit: number; viewerId: string | null }) {
  return listedWhere(db, topLevelOf(target, opts.after), opts.viewerId).orderBy(asc(comments.createdAt), asc(comments.id)).limit(opts.limit);
}

/**
 * The first `perThread` replies of every thread on the same page of top-level comments, in ONE
 * statement, so that the page and all its replies are one batch — one D1 round trip for the whole
 * discussion. The threads' replies are ranked on the covering index comments_root (root_id,
 * created_at, id; the id tells a reply from its root), and only the kept ones are joined to their
 * authors: the work grows with the replies of 20 threads, the result stays ≤ 20 × perThread rows.
 * Rows come ordered by (created_at, id); the caller groups them by root_id.
 */
export function repliesOfPage(db: Db, target: { type: CommentTarget; id: string }, opts: { after?: CommentKey; pageSize: number; perThread: number; viewerId: string | null }) {
  const roots = db.select({ id: comments.id }).from(comments).where(topLevelOf(target, opts.after)).orderBy(asc(comments.createdAt), asc(comments.id)).limit(opts.pageSize);
  const ranked = db
    .select({
      replyId: sql<string>`${comments.id}`.as("reply_id"),
      rank: sql<number>`row_number() OVER (PARTITION BY ${comments.rootId} ORDER BY ${comments.createdAt}, ${comments.id})`.as("reply_rank"),
    })
    .from(comments)
    .where(and(inArray(comments.rootId, roots), ne(comments.id, comments.rootId)))
    .as("ranked");
  return withListedJoins(db.select(listed).from(ranked).innerJoin(comments, eq(comments.id, ranked.replyId)).$dynamic(), opts.viewerId)
    .where(lte(ranked.rank, opts.perThread))
    .orderBy(asc(comments.createdAt), asc(comments.id));
}

/** The replies of one thread, oldest first, by key: index comments_root (the thread's own page). */
export function repliesPage(db: Db, rootId: string, opts: { after?: CommentKey; limit: number; viewerId: string | null }) {
  return listedWhere(db, and(eq(comments.rootId, rootId), isNotNull(comments.parentId), after(opts.after)), opts.viewerId)
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(opts.limit);
}

/** One comment with the same columns as the lists. */
export const listedComment = (db: Db, id: string, viewerId: string | null = null) => listedWhere(db, eq(comments.id, id), viewerId);

export const commentById = (db: Db, id: string) => db.select().from(comments).where(eq(comments.id, id));

export const insertCommentStatement = (db: Db, c: typeof comments.$inferInsert) => db.insert(comments).values(c);

/** A thread's reply counter, recomputed from its rows (replies are never removed, only emptied). */
export const replyCountStatement = (db: Db, rootId: string) =>
  db
    .update(comments)
    .set({ replyCount: sql`(SELECT count(*) FROM comments AS r WHERE r.root_id = ${rootId} AND r.id <> ${rootId})` })
    .where(eq(comments.id, rootId));

/** A comment's vote counters, recomputed from the votes (exact however many arrive at once). */
export const voteCountStatement = (db: Db, commentId: string) =>
  db
    .update(comments)
    .set({
      upCount: sql`(SELECT count(*) FROM comment_votes WHERE comment_id = ${commentId} AND value = 1)`,
      downCount: sql`(SELECT count(*) FROM comment_votes WHERE comment_id = ${commentId} AND value = -1)`,
    })
    .where(eq(comments.id, commentId));

/** One vote per person: the primary key (comment_id, user_id) is the guarantee; a second vote replaces the first. */
export const upsertVoteStatement = (db: Db, commentId: string, userId: string, value: 1 | -1, at: number) =>
  db
    .insert(commentVotes)
    .values({ commentId, userId, value, createdAt: at })
    .onConflictDoUpdate({ target: [commentVotes.commentId, commentVotes.userId], set: { value, createdAt: at } });

export const deleteVoteStatement = (db: Db, commentId: string, userId: string) =>
  db.delete(commentVotes).where(and(eq(commentVotes.commentId, commentId), eq(commentVotes.userId, userId)));

/** The author's edit: only a visible comment, only by its author, only if created after `createdAfter` (the window). */
export const editStatement = (db: Db, id: string, authorId: string, body: string, now: number, createdAfter: number) =>
  db
    .update(comments)
    .set({ body, editedAt: now })
    .where(and(eq(comments.id, id), eq(comments.authorId, authorId), eq(comments.status, "visible"), sql`${comments.createdAt} > ${createdAfter}`))
    .returning({ id: comments.id });

/** The author's deletion keeps the row (replies stay in place) and clears the text. */
export const deleteStatement = (db: Db, id: string, authorId: string, now: number) =>
  db
    .update(comments)
    .set({ status: "deleted", body: "", editedAt: now })
    .where(and(eq(comments.id, id), eq(comments.authorId, authorId), ne(comments.status, "deleted")))
    .returning({ id: comments.id });

/** After a vote: the counters and the voter's vote, read in the same batch. */
export const voteStateOf = (db: Db, commentId: string, userId: string) =>
  db
    .select({ up: comments.upCount, down: comments.downCount, mine: sql<number | null>`${myVote.value}`.as("mine") })
    .from(comments)
    .leftJoin(myVote, and(eq(myVote.commentId, comments.id), eq(myVote.userId, userId)))
    .where(eq(comments.id, commentId));

export { comments, commentVotes };

/**
 * A moderator's hide or restore, guarded: when the comment is not in `from` any more (another
 * moderator decided first, the author deleted it) the status becomes NULL, the NOT NULL constraint
 * fails and the whole batch — audit record, queue item, notifications — is rolled back.
 */
export const moderateStatement = (db: Db, id: string, from: "visible" | "hidden", to: "visible" | "hidden") =>
  db
    .update(comments)
    .set({ status: sql`CASE WHEN ${comments.status} = ${from} THEN ${to} ELSE NULL END` })
    .where(eq(comments.id, id));

export const isStaleCommentState = (e: unknown) =>
  /NOT NULL constraint failed: comments\.status/.test(String((e as Error)?.message ?? e) + String((e as { cause?: Error })?.cause?.message ?? ""));

/** Reports over the threshold: hidden if visible and `condition` holds when the batch runs. */
export const hideWhenStatement = (db: Db, id: string, condition: SQL) =>
  db
    .update(comments)
    .set({ status: "hidden" })
    .where(and(eq(comments.id, id), eq(comments.status, "visible"), condition));
