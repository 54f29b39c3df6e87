import { base64url } from "../../accounts/tokens";

/**
 * Opaque key-pagination cursor of the consultations list: base64url of the last card's
 * (published_at, id), the list's order.
 */
export interface ListKey {
  publishedAt: number;
  id: string;
}

export function encodeKey(key: ListKey): string {
  return base64url(new TextEncoder().encode(JSON.stringify([key.publishedAt, key.id])));
}

/** A cursor that is not ours (edited, truncated, from another list) reads as "from the start". */
export function decodeKey(cursor: string | undefined | null): ListKey | undefined {
  if (!cursor || cursor.length > 600) return undefined;
  try {
    const b64 = cursor.replace(/-/g, "+").replace(/_/g, "/");
    const json = new TextDecoder().decode(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)));
    const [publishedAt, id] = JSON.parse(json);
    return typeof publishedAt === "number" && Number.isSafeInteger(publishedAt) && typeof id === "string" && id.length <= 64 ? { publishedAt, id } : undefined;
  } catch {
    return undefined;
  }
}
