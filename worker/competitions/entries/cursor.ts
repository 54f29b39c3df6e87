import { decodeNumberIdCursor, encodeKeyCursor } from "../../http/cursor";
import type { EntryKey } from "./data";

/** Opaque key-pagination cursor of the entry lists: base64url of the last row's (created_at, id). */
export const encodeEntryKey = (key: EntryKey) => encodeKeyCursor([key.at, key.id]);

/** A cursor that is not ours (edited, truncated, from another list) reads as "from the start". */
export function decodeEntryKey(cursor: string | undefined | null): EntryKey | undefined {
  const key = decodeNumberIdCursor(cursor, 300);
  return key && { at: key[0], id: key[1] };
}
