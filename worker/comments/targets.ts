import type { SessionUser } from "../accounts/session-user";
import type { Db, Statement } from "../db/client";
import type { CommentTarget } from "./schema";

/** The thing a thread hangs on, as the comment module needs to know it. */
export interface CommentTargetInfo {
  organiserId: string;
  authorId: string;
  title: string;
  /** Path of the target's page (replies and notifications link there). */
  url: string;
  /** Whether this viewer may read the thread (published and not hidden, or the viewer may see it anyway). */
  readable: boolean;
  /**
   * Whether the target accepts new comments, replies, edits and votes now (a published, visible
   * proposal). About the target's state only: whether *this person* may take part (signed in,
   * e-mail confirmed, not blocked) the comment module checks itself.
   */
  open: boolean;
  /** The target's comment counter: its comments that are not deleted (visible or hidden). */
  commentCount: number;
}

/**
 * Implemented by each module that has discussions (proposals now, consultation remarks later), so
 * the comment module never reads another module's tables. Register it in ./adapters.ts.
 */
export interface CommentTargetAdapter {
  /** One query; `viewer` decides readability (authors and moderators read what others cannot). */
  load(db: Db, id: string, viewer: SessionUser | null): Promise<CommentTargetInfo | null>;
  /**
   * Recompute the target's comment counter from the rows (comments not deleted); goes into the batch
   * that adds, deletes, hides or restores a comment, after the comment's own statement.
   */
  counterStatement(db: Db, id: string): Statement;
}

export type CommentTargetAdapters = Partial<Record<CommentTarget, CommentTargetAdapter>>;
