/**
 * The comment rules, pure (no database, no clock): sizes, the edit window, where a reply hangs in its
 * thread, excerpts for notifications and the moderation queue. The service asks these before it
 * writes; the unit tests pin their edges.
 */

export const COMMENT_LIMITS = {
  /** Characters (UTF-16 units, as a textarea's maxlength counts them) after trimming. */
  bodyMax: 4000,
  /** Top-level comments per page ("показать ещё" loads the next 20). */
  pageSize: 20,
  /**
   * Replies shown under a thread on the target's page; the rest on the thread's own page. Five keeps a
   * busy discussion's page light (the benchmark's 10,000-comment discussion: 231 KB of HTML at 50).
   */
  repliesShown: 5,
  /** Notification excerpt and moderation label lengths. */
  excerpt: 140,
  label: 80,
} as const;

/** The author may change the text for 15 minutes after posting (not at 15:00.000 exactly). */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;
export const editableUntil = (createdAt: number) => createdAt + EDIT_WINDOW_MS;
export const withinEditWindow = (createdAt: number, now: number) => now >= createdAt && now < editableUntil(createdAt);

/** Line breaks are kept (as \n); spaces around the text are not. */
export const normaliseBody = (raw: string) => raw.replace(/\r\n?/g, "\n").trim();

export type BodyProblem = "field.required" | "field.tooLong" | null;
export function checkBody(body: string): BodyProblem {
  if (body.length === 0) return "field.required";
  if (body.length > COMMENT_LIMITS.bodyMax) return "field.tooLong";
  return null;
}

export interface ThreadPosition {
  id: string;
  parentId: string | null;
  rootId: string | null;
}

/**
 * Where a reply goes: under the comment answered (`parentId`), in the thread of that comment's
 * top-level comment (`rootId`). A reply to a reply therefore hangs under the same root, so the page
 * shows two levels however deep the answering goes, and says whom it answers.
 */
export function placeReply(parent: ThreadPosition): { parentId: string; rootId: string } {
  return { parentId: parent.id, rootId: parent.rootId ?? parent.id };
}

/** A reply shows "в ответ на <имя>" when it answers a reply rather than the thread's first comment. */
export const answersAReply = (c: ThreadPosition) => c.parentId !== null && c.parentId !== (c.rootId ?? c.parentId);

/** The first words of a text, on one line, cut at a word boundary. */
export function excerpt(body: string, max: number = COMMENT_LIMITS.excerpt): string {
  const flat = body.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export type Vote = 1 | -1;

/** Whether an account is blocked at `now` (a moderator's block for a period). */
export const isBlocked = (blockedUntil: number | null | undefined, now: number) => typeof blockedUntil === "number" && blockedUntil > now;
