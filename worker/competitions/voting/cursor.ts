import { decodeKeyCursor, encodeKeyCursor } from "../../http/cursor";

// The ballot pages its entries with the entries part's cursor (../entries/cursor.ts): same key, same index walk.

/**
 * The votes behind a row of the report, oldest first: key (at, rowid). The log's indexes end in the
 * rowid, so this order is the index's own and needs no sort (the text id would).
 */
export interface LogKey {
  at: number;
  seq: number;
}
export const encodeLogCursor = (k: LogKey) => encodeKeyCursor([k.at, k.seq]);
export function decodeLogCursor(cursor: string | undefined | null): LogKey | undefined {
  const [at, seq] = decodeKeyCursor(cursor, 100) ?? [];
  return Number.isSafeInteger(at) && Number.isSafeInteger(seq) ? { at: at as number, seq: seq as number } : undefined;
}
