import { en } from "./en";
import { ru } from "./ru";

export const LOCALES = ["ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageKey = keyof typeof ru;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const catalogues: Record<Locale, Record<MessageKey, string>> = { ru, en };

export const isLocale = (v: unknown): v is Locale => v === "ru" || v === "en";

/** A pure lookup: no module-level "current language", so concurrent requests cannot mix languages. */
export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const template = catalogues[locale][key] ?? catalogues.ru[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

export const translator = (locale: Locale): Translate => (key, params) => translate(locale, key, params);

/** Cookie wins; otherwise the first supported language in Accept-Language; otherwise Russian. */
export function pickLocale(cookie: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(cookie)) return cookie;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(",")
      .map((part) => {
        const [tag, ...rest] = part.trim().split(";");
        const q = rest.find((r) => r.trim().startsWith("q="));
        // The primary subtag only: "ru-RU" is ru, but "rue" (Rusyn) is not.
        return { lang: tag.trim().toLowerCase().split("-")[0], q: q ? Number(q.trim().slice(2)) : 1 };
      })
      .filter((x) => x.q > 0)
      .sort((a, b) => b.q - a.q);
    for (const { lang } of ranked) if (isLocale(lang)) return lang;
  }
  return "ru";
}

/** Dates are stored in UTC and shown in Moscow time, the portal's reference zone. */
export function formatDateTime(locale: Locale, epochMs: number): string {
  return new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Moscow",
  }).format(new Date(epochMs));
}
