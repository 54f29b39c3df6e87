import { decodeKeyCursor, encodeKeyCursor } from "../http/cursor";

/** Opaque key-pagination cursors: base64url of the last row's sort key. */
export function encodeCursor(key: { name: string; id: string }): string {
  return encodeKeyCursor([key.name, key.id]);
}

export function decodeCursor(cursor: string | undefined | null): { name: string; id: string } | undefined {
  const [name, id] = decodeKeyCursor(cursor, 600) ?? [];
  return typeof name === "string" && typeof id === "string" ? { name, id } : undefined;
}
