import { base64url } from "../../accounts/tokens";

/**
 * Opaque key-pagination cursor of the summary and the disposition work page: base64url of the last
 * row's place in document order — (clause_position, created_at, id), the key of the
 * remarks_version_* indexes.
 */
export interface RemarkKey {
  pos: number;
  at: number;
  id: string;
}

export function encodeRemarkKey(k: RemarkKey): string {
  return base64url(new TextEncoder().encode(JSON.stringify([k.pos, k.at, k.id])));
}

/** A cursor that is not ours (edited, truncated, from another list) reads as "from the start". */
export function decodeRemarkKey(cursor: string | undefined | null): RemarkKey | undefined {
  if (!cursor || cursor.length > 300) return undefined;
  try {
    const b64 = cursor.replace(/-/g, "+").replace(/_/g, "/");
    const json = new TextDecoder().decode(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)));
    const [pos, at, id] = JSON.parse(json);
    return Number.isSafeInteger(pos) && Number.isSafeInteger(at) && typeof id === "string" && id.length <= 64 ? { pos, at, id } : undefined;
  } catch {
    return undefined;
  }
}
