import { base64url } from "../../accounts/tokens";

/** Opaque cursor over (created_at, id): remarks are read oldest first, the order they were left in. */
export interface RemarkKey {
  createdAt: number;
  id: string;
}

export const encodeRemarkCursor = (k: RemarkKey) => base64url(new TextEncoder().encode(JSON.stringify([k.createdAt, k.id])));

/** Anything that is not a cursor of ours reads as "from the start" (a hand-edited URL is not an error). */
export function decodeRemarkCursor(cursor: string | undefined | null): RemarkKey | undefined {
  if (!cursor || cursor.length > 200) return undefined;
  try {
    const json = new TextDecoder().decode(Uint8Array.from(atob(cursor.replace(/-/g, "+").replace(/_/g, "/")), (ch) => ch.charCodeAt(0)));
    const [createdAt, id] = JSON.parse(json);
    return Number.isSafeInteger(createdAt) && typeof id === "string" && id.length <= 64 ? { createdAt, id } : undefined;
  } catch {
    return undefined;
  }
}
