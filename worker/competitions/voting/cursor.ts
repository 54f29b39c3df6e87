import { decodeKeyCursor, decodeNumberIdCursor, encodeKeyCursor } from "../../http/cursor";

/** The ballot's entries, in the order they were entered: key (created_at, id). */
export interface EntryKey {
  createdAt: number;
  id: string;
}
export const encodeEntryCursor = (k: EntryKey) => encodeKeyCursor([k.createdAt, k.id]);
export function decodeEntryCursor(cursor: string | undefined | null): EntryKey | undefined {
  const key = decodeNumberIdCursor(cursor, 200);
  return key && { createdAt: key[0], id: key[1] };
}

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
