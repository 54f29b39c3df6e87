import type { Locale } from "../../../i18n";

const tag = (locale: Locale) => (locale === "ru" ? "ru-RU" : "en-GB");

/** A score already rounded by the worker, written with exactly `places` decimals in the reader's language (60,33 / 60.33). */
export const formatScore = (locale: Locale, n: number, places: number) => new Intl.NumberFormat(tag(locale), { minimumFractionDigits: places, maximumFractionDigits: places }).format(n);

/** Whole roubles. */
export const formatRoubles = (locale: Locale, n: number) => new Intl.NumberFormat(tag(locale), { style: "currency", currency: "RUB", maximumFractionDigits: 0 }).format(n);
