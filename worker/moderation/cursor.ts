import { decodeNumberIdCursor, encodeKeyCursor } from "../http/cursor";

/** Opaque key-pagination cursors: base64url of the last row's (time, id). */
export function encodeCursor(key: { at: number; id: string }): string {
  return encodeKeyCursor([key.at, key.id]);
}

export function decodeCursor(cursor: string | undefined | null): { at: number; id: string } | undefined {
  const key = decodeNumberIdCursor(cursor, 200);
  return key && { at: key[0], id: key[1] };
}
