import type { JURY_NORMALISATIONS, PUBLIC_NORMALISATIONS, TieBreak } from "../schema";
import { TIE_BREAKS } from "../schema";
import { roundHalfAway } from "../scoring/rules";

/**
 * The result of one nomination, pure (no I/O): each entry's jury part and public part on 0–100, the
 * weighted total, the place with the organiser's tie-breaks, and the winners. The service, the pages
 * and the method in words all follow this one rule.
 *
 * The method, as the results page states it:
 * - Jury part: 'scale' takes the jury score (the mean of the experts' totals, already on 0–100) as it
 *   is; 'leader' divides it by the best jury score in the nomination and multiplies by 100. An entry no
 *   expert scored has no jury score: its jury part is 0 (and `juryMissing` says so). With 'leader' and
 *   a best score of 0 (or none at all) every jury part is 0 — nobody is divided by zero.
 * - Public part: 'leader' divides the entry's votes by the most votes any entry of the nomination got
 *   and multiplies by 100; 'share' takes the entry's votes as a percentage of all the nomination's
 *   votes. Without any votes every public part is 0.
 * - Both parts are rounded to the competition's precision, and the total is computed FROM THE ROUNDED
 *   PARTS: total = (juryWeight × juryPart + publicWeight × publicPart) / 100, rounded again. So anyone
 *   can check a published total from the two parts printed beside it. Rounding is decimal (halves away
 *   from zero, 2.675 → 2.68), see scoring/rules.ts `roundHalfAway`.
 * - Places go by the total (as rounded: two totals that read the same are tied), then by the
 *   tie-breaks in the organiser's order: 'jury' the higher jury score (an entry without one loses to
 *   any score, even 0), 'public' more votes, 'earlier' the entry submitted earlier. Entries still equal
 *   after every tie-break share the place, and the next place is skipped (standard competition
 *   ranking: 1, 1, 3).
 * - Winners are the entries placed within the first `winners` places. Entries sharing a place all get
 *   it, so a tie on the last winning place makes more winners than `winners` (nobody is excluded by an
 *   arbitrary order; an organiser who wants exactly N lists 'earlier' among the tie-breaks).
 * - `decidedBy` names the tie-break that put an entry below the one just above it, when their totals
 *   were equal; null when the total decided, or when nothing did (a shared place).
 */

export type JuryNormalisation = (typeof JURY_NORMALISATIONS)[number];
export type PublicNormalisation = (typeof PUBLIC_NORMALISATIONS)[number];

export const RANKING_LIMITS = {
  /** Decimal places of the parts and the total (the competition's `precision`). */
  maxPrecision: 6,
} as const;

export interface RankingEntry {
  id: string;
  /** Mean of the experts' weighted totals (0–100), null when no expert submitted a score. */
  juryScore: number | null;
  /** Experts whose submitted scores make the jury score. */
  juryExperts: number;
  /** Counted votes. */
  votes: number;
  /** When the entry was submitted (epoch ms): the 'earlier' tie-break. */
  createdAt: number;
}

export interface RankingSettings {
  /** Percent; juryWeight + publicWeight is normally 100. */
  juryWeight: number;
  publicWeight: number;
  juryNormalisation: JuryNormalisation;
  publicNormalisation: PublicNormalisation;
  precision: number;
  /** Most important first; unknown or repeated keys are ignored. */
  tieBreak: readonly TieBreak[];
  /** Places marked as winners. */
  winners: number;
  /** The minimum number of experts per entry: entries scored by fewer are reported (`fewerExperts`). */
  minExperts?: number;
}

export interface RankedEntry extends RankingEntry {
  juryPart: number;
  publicPart: number;
  total: number;
  /** 1 = best; tied entries share a place (1, 1, 3). */
  rank: number;
  winner: boolean;
  decidedBy: TieBreak | null;
  /** No expert submitted a score: the jury part is 0. */
  juryMissing: boolean;
  /** Fewer experts than the competition's minimum scored this entry (none counts too). */
  fewerExperts: boolean;
}

/** The tie-break order as given, without repeats or unknown keys. */
export const tieBreakOrder = (order: readonly string[]): TieBreak[] => [...new Set(order)].filter((k): k is TieBreak => (TIE_BREAKS as readonly string[]).includes(k));

function checkSettings(s: RankingSettings) {
  if (!Number.isInteger(s.precision) || s.precision < 0 || s.precision > RANKING_LIMITS.maxPrecision) throw new RangeError(`precision must be an integer 0–${RANKING_LIMITS.maxPrecision}`);
  for (const w of [s.juryWeight, s.publicWeight]) if (!Number.isFinite(w) || w < 0 || w > 100) throw new RangeError("weights must be 0–100");
  if (!Number.isInteger(s.winners) || s.winners < 0) throw new RangeError("winners must be a whole number");
}

/** Compares two entries on one tie-break: negative when `a` goes first. */
function compareOn(key: TieBreak, a: RankingEntry, b: RankingEntry): number {
  switch (key) {
    case "jury":
      // No score loses to any score (even 0).
      return (b.juryScore ?? -Infinity) - (a.juryScore ?? -Infinity) || 0;
    case "public":
      return b.votes - a.votes;
    case "earlier":
      return a.createdAt - b.createdAt;
  }
}

/**
 * Ranks one nomination's entries. Returns them best first (entries sharing a place in a stable order
 * by id, so a page and its CSV list them alike).
 */
export function rankNomination(list: readonly RankingEntry[], settings: RankingSettings): RankedEntry[] {
  checkSettings(settings);
  const p = settings.precision;
  const order = tieBreakOrder(settings.tieBreak);
  const best = list.reduce((m, e) => (e.juryScore !== null && e.juryScore > m ? e.juryScore : m), 0);
  const mostVotes = list.reduce((m, e) => Math.max(m, e.votes), 0);
  const allVotes = list.reduce((s, e) => s + e.votes, 0);

  const juryRaw = (e: RankingEntry) => {
    if (e.juryScore === null) return 0;
    if (settings.juryNormalisation === "scale") return e.juryScore;
    return best > 0 ? (e.juryScore / best) * 100 : 0;
  };
  const publicRaw = (e: RankingEntry) => {
    const base = settings.publicNormalisation === "leader" ? mostVotes : allVotes;
    return base > 0 ? (e.votes / base) * 100 : 0;
  };

  const scored = list.map((e) => {
    const juryPart = roundHalfAway(juryRaw(e), p);
    const publicPart = roundHalfAway(publicRaw(e), p);
    const total = roundHalfAway((settings.juryWeight * juryPart + settings.publicWeight * publicPart) / 100, p);
    return { ...e, juryPart, publicPart, total };
  });

  // Totals are rounded decimals, so equal totals are equal numbers.
  const compare = (a: (typeof scored)[number], b: (typeof scored)[number]) => {
    if (a.total !== b.total) return b.total - a.total;
    for (const k of order) {
      const c = compareOn(k, a, b);
      if (c !== 0) return c;
    }
    return 0;
  };
  const sorted = [...scored].sort((a, b) => compare(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const out: RankedEntry[] = [];
  sorted.forEach((e, i) => {
    const above = sorted[i - 1];
    let rank = i + 1;
    let decidedBy: TieBreak | null = null;
    if (above && compare(above, e) === 0) rank = out[i - 1].rank;
    else if (above && above.total === e.total) decidedBy = order.find((k) => compareOn(k, above, e) !== 0) ?? null;
    out.push({
      ...e,
      rank,
      winner: rank <= settings.winners,
      decidedBy,
      juryMissing: e.juryScore === null,
      fewerExperts: settings.minExperts !== undefined && e.juryExperts < settings.minExperts,
    });
  });
  return out;
}
