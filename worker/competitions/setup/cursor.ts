import { decodeNumberIdCursor, encodeKeyCursor } from "../../http/cursor";

/** The competitions list's key: the last card's (published_at, id), the list's order (newest first). */
export interface ListKey {
  publishedAt: number;
  id: string;
}

export const encodeKey = (key: ListKey) => encodeKeyCursor([key.publishedAt, key.id]);

/** A cursor that is not ours (edited, truncated, from another list) reads as "from the start". */
export function decodeKey(cursor: string | undefined | null): ListKey | undefined {
  const key = decodeNumberIdCursor(cursor, 600);
  return key && { publishedAt: key[0], id: key[1] };
}
