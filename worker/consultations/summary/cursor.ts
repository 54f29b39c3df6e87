import { decodeKeyCursor, encodeKeyCursor } from "../../http/cursor";

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
  return encodeKeyCursor([k.pos, k.at, k.id]);
}

/** A cursor that is not ours (edited, truncated, from another list) reads as "from the start". */
export function decodeRemarkKey(cursor: string | undefined | null): RemarkKey | undefined {
  const [pos, at, id] = decodeKeyCursor(cursor, 300) ?? [];
  return Number.isSafeInteger(pos) && Number.isSafeInteger(at) && typeof id === "string" && id.length <= 64 ? { pos: pos as number, at: at as number, id } : undefined;
}
