import { base64url } from "../accounts/tokens";

/** Opaque key-pagination cursors: base64url of the last row's sort key. */
export function encodeCursor(key: { name: string; id: string }): string {
  return base64url(new TextEncoder().encode(JSON.stringify([key.name, key.id])));
}

export function decodeCursor(cursor: string | undefined | null): { name: string; id: string } | undefined {
  if (!cursor || cursor.length > 600) return undefined;
  try {
    const b64 = cursor.replace(/-/g, "+").replace(/_/g, "/");
    const json = new TextDecoder().decode(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)));
    const [name, id] = JSON.parse(json);
    return typeof name === "string" && typeof id === "string" ? { name, id } : undefined;
  } catch {
    return undefined;
  }
}
