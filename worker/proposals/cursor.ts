import { decodeNumberIdCursor, encodeKeyCursor } from "../http/cursor";

/** Opaque key-pagination cursor of the proposal lists: base64url of the last row's (sort value, id). */
export interface ListKey {
  v: number;
  id: string;
}

export function encodeKey(key: ListKey): string {
  return encodeKeyCursor([key.v, key.id]);
}

/** A cursor that is not ours (edited, truncated, from another list) reads as "from the start". */
export function decodeKey(cursor: string | undefined | null): ListKey | undefined {
  const key = decodeNumberIdCursor(cursor, 600);
  return key && { v: key[0], id: key[1] };
}
