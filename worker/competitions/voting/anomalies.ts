/**
 * The anomaly report's rules, pure: what counts as a new account, a burst, a crowded network, and
 * which hours a page of the report covers. The numbers are prompts for the organiser to look at the
 * votes behind them, never verdicts: a school's wi-fi or a city's call to vote can trip them honestly.
 */
export const HOUR_MS = 3600_000;

/** An account is "new" for a vote cast less than this after the account was created. */
export const NEW_ACCOUNT_MS = 24 * HOUR_MS;

/**
 * An hour is a burst from new accounts when at least BURST_MIN_NEW of its votes come from accounts
 * less than a day old AND they are at least BURST_SHARE of all its votes. The floor keeps quiet
 * hours (2 votes at night, both from newcomers) out of the report; the share tells a farm of fresh
 * accounts, which makes up most of an hour, from a campaign that brings sign-ups along with the
 * people who already had an account. Five, because the portal's usual contest is a city's, where a
 * whole nomination may draw a few hundred votes: five brand-new accounts voting in one hour is
 * already unusual there, and the share keeps a busy national hour from being flagged for it.
 */
export const BURST_MIN_NEW = 5;
export const BURST_SHARE = 0.5;

export const isBurst = (h: { votes: number; fresh: number }) => h.fresh >= BURST_MIN_NEW && h.fresh >= BURST_SHARE * h.votes;

/**
 * A network (a /24 or /48, hashed) is listed when at least this many different accounts voted from it
 * in the nomination. A family behind one home router is two to four voters; five or more is an
 * office, a dormitory, a mobile operator's shared addresses — or one person with many accounts, which
 * is what the organiser opens the list to find out. The list shows the most crowded networks first
 * and at most NETWORKS_SHOWN of them, so in a large vote the shared mobile networks cannot bury it.
 */
export const NETWORK_MIN_VOTERS = 5;
/** Networks shown per nomination (most voters first). */
export const NETWORKS_SHOWN = 50;

/** Hours of the per-hour table on one page of the report (two days); older hours on the next page. */
export const REPORT_HOURS = 48;

/** Votes listed per page when the organiser opens the votes behind a row. */
export const VOTES_PAGE = 50;

const hourOf = (at: number) => Math.floor(at / HOUR_MS);

/**
 * The hours [from, to) one page of the per-hour table covers: the REPORT_HOURS hours before `before`
 * (an hour number, exclusive; default: the hour after the last one with possible votes), never before
 * voting opened. `older` is where the next page starts, null when this page reaches the start.
 */
export function hourWindow(voting: { opensAt: number; closesAt: number }, now: number, before: number | null) {
  const first = hourOf(voting.opensAt);
  const lastOpen = hourOf(Math.min(now, voting.closesAt - 1)) + 1;
  const to = Math.max(first, Math.min(before ?? lastOpen, lastOpen));
  const from = Math.max(first, to - REPORT_HOURS);
  return { from, to, older: from > first ? from : null };
}

export interface HourRow {
  hour: number;
  votes: number;
  fresh: number;
}

/** Every hour of the window newest first, with zeros for hours without votes, and its burst flag. */
export function hourTable(rows: HourRow[], from: number, to: number) {
  const byHour = new Map(rows.map((r) => [r.hour, r]));
  const out: (HourRow & { burst: boolean })[] = [];
  for (let h = to - 1; h >= from; h--) {
    const r = byHour.get(h) ?? { hour: h, votes: 0, fresh: 0 };
    out.push({ hour: h, votes: r.votes, fresh: r.fresh, burst: isBurst(r) });
  }
  return out;
}
