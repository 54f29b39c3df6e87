import { decodeNumberIdCursor, encodeKeyCursor } from "../http/cursor";

/** Opaque cursor over (created_at, id), the order of a thread: oldest first. */
export interface CommentKey {
  createdAt: number;
  id: string;
}

export const encodeCommentCursor = (k: CommentKey) => encodeKeyCursor([k.createdAt, k.id]);

export function decodeCommentCursor(cursor: string | undefined | null): CommentKey | undefined {
  const key = decodeNumberIdCursor(cursor, 200);
  return key && { createdAt: key[0], id: key[1] };
}
