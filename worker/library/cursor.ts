import { decodeKeyCursor, encodeKeyCursor } from "../http/cursor";
import type { BrowseKey, SearchKey } from "./search";

/**
 * The library's two keys: browsing by (year, id), searching by (bm25 rank, id). The cursor says which
 * ("y" or "r"), so a cursor of one kind given to the other reads from the start instead of skipping.
 */
const MAX = 300;

export const encodeBrowseKey = (k: BrowseKey) => encodeKeyCursor(["y", k.year, k.id]);
export const encodeSearchKey = (k: SearchKey) => encodeKeyCursor(["r", k.rank, k.id]);

export function decodeBrowseKey(cursor: string | undefined | null): BrowseKey | undefined {
  const [kind, year, id] = decodeKeyCursor(cursor, MAX) ?? [];
  return kind === "y" && Number.isSafeInteger(year) && typeof id === "string" && id.length <= 64 ? { year: year as number, id } : undefined;
}

export function decodeSearchKey(cursor: string | undefined | null): SearchKey | undefined {
  const [kind, rank, id] = decodeKeyCursor(cursor, MAX) ?? [];
  return kind === "r" && typeof rank === "number" && Number.isFinite(rank) && typeof id === "string" && id.length <= 64 ? { rank, id } : undefined;
}
