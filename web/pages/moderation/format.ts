import type { Locale, MessageKey, Translate } from "../../i18n";

/** How long an item has waited, in the largest whole unit (for «ждёт 3 дня»). */
export function waitingFor(ms: number): { unit: "minutes" | "hours" | "days"; n: number } {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return { unit: "minutes", n: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: "hours", n: hours };
  return { unit: "days", n: Math.floor(hours / 24) };
}

/**
 * «ждёт 1 день», «ждёт 3 дня», «ждёт 5 дней»; "waiting 2 days". The age is computed on the server and
 * passed as a number, so the server and the hydrating browser render the same text.
 */
export function formatWaiting(t: Translate, locale: Locale, ageMs: number): string {
  const { unit, n } = waitingFor(ageMs);
  const category = new Intl.PluralRules(locale === "ru" ? "ru-RU" : "en-GB").select(n);
  const form = category === "one" ? "one" : category === "few" ? "few" : "many";
  return t(`moderation.age.${unit}.${form}` as MessageKey, { n });
}
