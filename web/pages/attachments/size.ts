import type { Locale, Translate } from "../../i18n";

/** "340 КБ", "1,2 МБ" — binary units as the limits are stated, the decimal comma in Russian. */
export function formatSize(t: Translate, locale: Locale, bytes: number): string {
  const fmt = (n: number, digits: number) => new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB", { maximumFractionDigits: digits }).format(n);
  if (bytes < 1024 * 1024) return t("attachments.kb", { n: fmt(Math.max(1, Math.round(bytes / 1024)), 0) });
  return t("attachments.mb", { n: fmt(bytes / (1024 * 1024), 1) });
}
