import { decodeNumberIdCursor, encodeKeyCursor } from "../http/cursor";

/** Opaque key-pagination cursor of the notification list: base64url of the last row's (created_at, id). */
export function encodeCursor(key: { createdAt: number; id: string }): string {
  return encodeKeyCursor([key.createdAt, key.id]);
}

export function decodeCursor(cursor: string | undefined | null): { createdAt: number; id: string } | undefined {
  const key = decodeNumberIdCursor(cursor, 200);
  return key && { createdAt: key[0], id: key[1] };
}
