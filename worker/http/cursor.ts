import { base64url } from "../accounts/tokens";

/**
 * Opaque key-pagination cursors (lists are paginated by key, never by OFFSET): base64url of a JSON
 * array, the last row's sort key. Each list's cursor.ts names its key and checks its parts.
 */
export function encodeKeyCursor(key: readonly unknown[]): string {
  return base64url(new TextEncoder().encode(JSON.stringify(key)));
}

/**
 * The parts of a cursor, or undefined when it is none of ours (edited, truncated, from another
 * list, longer than `maxLength`): the list then reads "from the start" — a hand-edited URL is not
 * an error.
 */
export function decodeKeyCursor(cursor: string | undefined | null, maxLength: number): unknown[] | undefined {
  if (!cursor || cursor.length > maxLength) return undefined;
  try {
    const b64 = cursor.replace(/-/g, "+").replace(/_/g, "/");
    const parts: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))));
    return Array.isArray(parts) ? parts : undefined;
  } catch {
    return undefined;
  }
}

/** The commonest key, (a time or a count, an id): a safe integer and a string of at most 64 characters. */
export function decodeNumberIdCursor(cursor: string | undefined | null, maxLength: number): [number, string] | undefined {
  const [n, id] = decodeKeyCursor(cursor, maxLength) ?? [];
  return Number.isSafeInteger(n) && typeof id === "string" && id.length <= 64 ? [n as number, id] : undefined;
}
