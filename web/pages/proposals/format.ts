import type { Locale } from "../../i18n";

const tag = (locale: Locale) => (locale === "ru" ? "ru-RU" : "en-GB");

/** Whole roubles with the locale's digit grouping: «1 500 000 ₽». */
export const formatRoubles = (locale: Locale, n: number) =>
  new Intl.NumberFormat(tag(locale), { style: "currency", currency: "RUB", maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(n);

export const formatCount = (locale: Locale, n: number) => new Intl.NumberFormat(tag(locale)).format(n);

/** A calendar date (YYYY-MM-DD, the project's own plan — no time zone involved): «1 мая 2027 г.». */
export function formatCalendarDate(locale: Locale, iso: string) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Intl.DateTimeFormat(tag(locale), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** An instant as a date in Moscow time (the portal's reference zone). */
export const formatDay = (locale: Locale, epochMs: number) =>
  new Intl.DateTimeFormat(tag(locale), { dateStyle: "long", timeZone: "Europe/Moscow" }).format(new Date(epochMs));
