import { base64url } from "../accounts/tokens";

/** Opaque key-pagination cursors: base64url of the last row's (time, id). */
export function encodeCursor(key: { at: number; id: string }): string {
  return base64url(new TextEncoder().encode(JSON.stringify([key.at, key.id])));
}

export function decodeCursor(cursor: string | undefined | null): { at: number; id: string } | undefined {
  if (!cursor || cursor.length > 200) return undefined;
  try {
    const b64 = cursor.replace(/-/g, "+").replace(/_/g, "/");
    const json = new TextDecoder().decode(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)));
    const [at, id] = JSON.parse(json);
    return Number.isSafeInteger(at) && typeof id === "string" && id.length <= 64 ? { at, id } : undefined;
  } catch {
    return undefined;
  }
}
