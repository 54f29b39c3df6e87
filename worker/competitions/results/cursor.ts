import { decodeNumberIdCursor, encodeKeyCursor } from "../../http/cursor";
import type { RankKey } from "./data";

/** Opaque cursor of one nomination's ranking: the last row's (place, entry id), the key of competition_results_rank. */
export const encodeRankKey = (k: RankKey) => encodeKeyCursor([k.rank, k.id]);

/** A cursor that is not ours reads as "from the start". */
export function decodeRankKey(cursor: string | undefined | null): RankKey | undefined {
  const k = decodeNumberIdCursor(cursor, 200);
  return k && k[0] >= 1 ? { rank: k[0], id: k[1] } : undefined;
}
