import { TZDate } from "@date-fns/tz";

/**
 * The comment window of a consultation: remarks may be left while opensAt <= now < closesAt.
 * Instants are stored as epoch ms UTC; organisers type and read them in Moscow time, the portal's
 * reference zone (no daylight saving since 2014, but the conversion goes through the tz database so
 * that stays somebody else's problem).
 */
export type WindowState = "upcoming" | "open" | "closed";

export interface CommentWindow {
  opensAt: number;
  closesAt: number;
}

export const MOSCOW = "Europe/Moscow";

/** The shortest and longest windows an organiser may set. */
export const WINDOW_LIMITS = { minMinutes: 60, maxDays: 366 };

export function windowState(w: CommentWindow, now: number): WindowState {
  if (now < w.opensAt) return "upcoming";
  if (now < w.closesAt) return "open";
  return "closed";
}

export const isOpen = (w: CommentWindow, now: number) => windowState(w, now) === "open";

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * "2026-11-22T10:00" as typed in a datetime-local field, read as Moscow time → epoch ms UTC.
 * Returns null for anything that is not such a value or not a real date (2026-02-30).
 */
export function moscowLocalToEpoch(value: string): number | null {
  const m = LOCAL.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const date = new TZDate(y, mo - 1, d, h, mi, MOSCOW);
  // TZDate rolls 2026-02-30 over to March: refuse instead of guessing.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d || date.getHours() !== h || date.getMinutes() !== mi) return null;
  return date.getTime();
}

/** epoch ms → "2026-11-22T10:00" in Moscow time, the value a datetime-local field shows. */
export function epochToMoscowLocal(epochMs: number): string {
  const d = new TZDate(epochMs, MOSCOW);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Today's calendar date in Moscow (YYYY-MM-DD), against which due dates are overdue. */
export function moscowToday(now: number): string {
  return epochToMoscowLocal(now).slice(0, 10);
}
