/** What the discussion components need; built on the server by worker/comments/discussion.ts. */

export interface CommentView {
  id: string;
  parentId: string | null;
  rootId: string;
  status: "visible" | "hidden" | "deleted";
  /** null for a deleted comment (the thread shows only «комментарий удалён»). */
  author: { id: string; name: string; deletedAccount: boolean } | null;
  /** For a reply to a reply: whom it answers (name null when that comment was deleted). */
  inReplyTo: { id: string; name: string | null; deletedAccount: boolean } | null;
  /** The text, or null when this viewer may not read it (deleted; hidden and not theirs). */
  body: string | null;
  createdAt: number;
  editedAt: number | null;
  up: number;
  down: number;
  myVote: 1 | -1 | 0;
  /** The author's edit window end when they may still edit it now; otherwise null. */
  editableUntil: number | null;
  canDelete: boolean;
  canVote: boolean;
  canReply: boolean;
  canReport: boolean;
}

export interface ThreadView extends CommentView {
  replies: CommentView[];
  replyCount: number;
  /** The thread's own page when it has more replies than shown here. */
  moreRepliesHref: string | null;
}

export type ParticipationRefusal = "signIn" | "confirm" | "blocked" | "closed";

export interface DiscussionProps {
  target: { type: string; id: string; title: string; url: string };
  /** Comments that are not deleted (the target's counter). */
  count: number;
  items: ThreadView[];
  /** The cursor of the next page (the API's `after`), or null on the last page. */
  next: string | null;
  /** "показать ещё": the target page with `?comments_after=<cursor>#comments`. */
  nextHref: string | null;
  /** Back to the first page when this is a later one. */
  firstHref: string | null;
  canPost: boolean;
  /** Why this viewer cannot post, when they cannot. */
  refusal: ParticipationRefusal | null;
  signInHref: string;
  bodyMax: number;
}
