import { base64url } from "../accounts/tokens";

/** Opaque cursor over (created_at, id), the order of a thread: oldest first. */
export interface CommentKey {
  createdAt: number;
  id: string;
}

export const encodeCommentCursor = (k: CommentKey) => base64url(new TextEncoder().encode(JSON.stringify([k.createdAt, k.id])));

export function decodeCommentCursor(cursor: string | undefined | null): CommentKey | undefined {
  if (!cursor || cursor.length > 200) return undefined;
  try {
    const json = new TextDecoder().decode(Uint8Array.from(atob(cursor.replace(/-/g, "+").replace(/_/g, "/")), (ch) => ch.charCodeAt(0)));
    const [createdAt, id] = JSON.parse(json);
    return Number.isSafeInteger(createdAt) && typeof id === "string" && id.length <= 64 ? { createdAt, id } : undefined;
  } catch {
    return undefined;
  }
}
