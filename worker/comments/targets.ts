import type { Db, Statement } from "../db/client";
import type { CommentTarget } from "./schema";

/** The thing a thread hangs on, as the comment module needs to know it. */
export interface CommentTargetInfo {
  organiserId: string;
  authorId: string;
  title: string;
  /** Path of the target's page (replies and notifications link there). */
  url: string;
  /** Whether anyone may read the thread (published and not hidden, or the viewer may see it anyway). */
  readable: boolean;
  /** Whether new comments, replies and votes are accepted now (a published, visible proposal). */
  open: boolean;
}

/**
 * Implemented by each module that has discussions (proposals now, consultation remarks later), so
 * the comment module never reads another module's tables.
 */
export interface CommentTargetAdapter {
  load(db: Db, id: string, viewerId: string | null): Promise<CommentTargetInfo | null>;
  /** Recompute the target's comment counter; goes into the batch that adds or removes a comment. */
  counterStatement(db: Db, id: string): Statement;
}

export type CommentTargetAdapters = Partial<Record<CommentTarget, CommentTargetAdapter>>;
