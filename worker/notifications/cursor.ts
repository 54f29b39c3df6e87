import { base64url } from "../accounts/tokens";

/** Opaque key-pagination cursor of the notification list: base64url of the last row's (created_at, id). */
export function encodeCursor(key: { createdAt: number; id: string }): string {
  return base64url(new TextEncoder().encode(JSON.stringify([key.createdAt, key.id])));
}

export function decodeCursor(cursor: string | undefined | null): { createdAt: number; id: string } | undefined {
  if (!cursor || cursor.length > 200) return undefined;
  try {
    const b64 = cursor.replace(/-/g, "+").replace(/_/g, "/");
    const json = new TextDecoder().decode(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)));
    const [createdAt, id] = JSON.parse(json);
    return Number.isSafeInteger(createdAt) && typeof id === "string" && id.length <= 64 ? { createdAt, id } : undefined;
  } catch {
    return undefined;
  }
}
