import { decodeKeyCursor, encodeKeyCursor } from "../../http/cursor";

/**
 * Key-pagination cursor of the portal-wide commitments list: base64url of the last row's
 * (due date or null, id). A null due date means the list has reached the undated rows.
 */
export interface PortalKey {
  dueOn: string | null;
  id: string;
}

export function encodeKey(key: PortalKey): string {
  return encodeKeyCursor([key.dueOn, key.id]);
}

/** A cursor that is not ours (edited, truncated, from another list) reads as "from the start". */
export function decodeKey(cursor: string | undefined | null): PortalKey | undefined {
  const [dueOn, id] = decodeKeyCursor(cursor, 600) ?? [];
  const dueOk = dueOn === null || (typeof dueOn === "string" && /^\d{4}-\d{2}-\d{2}$/.test(dueOn));
  return dueOk && typeof id === "string" && id.length > 0 && id.length <= 64 ? { dueOn, id } : undefined;
}
