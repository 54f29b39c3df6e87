import { decodeNumberIdCursor, encodeKeyCursor } from "../../http/cursor";

/** Opaque cursor over (created_at, id): remarks are read oldest first, the order they were left in. */
export interface RemarkKey {
  createdAt: number;
  id: string;
}

export const encodeRemarkCursor = (k: RemarkKey) => encodeKeyCursor([k.createdAt, k.id]);

/** Anything that is not a cursor of ours reads as "from the start" (a hand-edited URL is not an error). */
export function decodeRemarkCursor(cursor: string | undefined | null): RemarkKey | undefined {
  const key = decodeNumberIdCursor(cursor, 200);
  return key && { createdAt: key[0], id: key[1] };
}
