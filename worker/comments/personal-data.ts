import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { comments, commentVotes } from "./schema";

/** 152-ФЗ export: the person's comments (with their text) and their votes on comments. */
export function commentExportQueries(db: Db, userId: string) {
  return [
    db
      .select({ id: comments.id, targetType: comments.targetType, targetId: comments.targetId, parentId: comments.parentId, body: comments.body, status: comments.status, createdAt: comments.createdAt, editedAt: comments.editedAt })
      .from(comments)
      .where(eq(comments.authorId, userId))
      .orderBy(comments.createdAt),
    db.select({ commentId: commentVotes.commentId, value: commentVotes.value, createdAt: commentVotes.createdAt }).from(commentVotes).where(eq(commentVotes.userId, userId)),
  ] as const;
}
