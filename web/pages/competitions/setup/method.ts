import type { EntrantKind, Stage, TieBreak } from "../../../../worker/competitions/schema";
import type { MessageKey, Translate } from "../../../i18n";

/**
 * The competition's method in words, from its settings: how a jury score is made, how votes count,
 * how both become the total, the tie-break order and the winners. Pure (no I/O, no context), so
 * the competition page, the results page and unit tests say exactly the same.
 */
export interface MethodFacts {
  minExperts: number;
  spreadThreshold: number;
  precision: number;
  juryWeight: number;
  publicWeight: number;
  juryNormalisation: "scale" | "leader";
  publicNormalisation: "leader" | "share";
  tieBreak: TieBreak[];
  winners: number;
}

const num = (locale: "ru" | "en", n: number) => new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB", { maximumFractionDigits: 1 }).format(n);

/** Russian plural forms (one, few, many) and English (one, other), for counts inside sentences. */
export function plural(locale: "ru" | "en", n: number, forms: { one: string; few: string; many: string }) {
  if (locale === "en") return n === 1 ? forms.one : forms.many;
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return forms.one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return forms.few;
  return forms.many;
}

const P = "competitions.setup.method";

/** The sentences, in reading order. */
export function methodInWords(t: Translate, locale: "ru" | "en", m: MethodFacts): string[] {
  const w = (k: string) => t(`${P}.${k}` as MessageKey);
  const experts = plural(locale, m.minExperts, { one: w("expert.one"), few: w("expert.few"), many: w("expert.many") });
  const out = [
    t(`${P}.expertTotal`),
    t(`${P}.jury`, { n: m.minExperts, experts }),
    m.precision === 0 ? t(`${P}.precision0`) : t(`${P}.precision`, { n: m.precision, digits: plural(locale, m.precision, { one: w("digit.one"), few: w("digit.few"), many: w("digit.many") }) }),
    t(`${P}.spread`, { n: num(locale, m.spreadThreshold) }),
  ];
  if (m.publicWeight > 0) out.push(t(`${P}.votes`));
  out.push(
    m.publicWeight === 0
      ? t(`${P}.juryOnly`)
      : m.juryWeight === 0
        ? t(`${P}.publicOnly`)
        : t(`${P}.weights`, { jury: m.juryWeight, public: m.publicWeight }),
  );
  if (m.juryWeight > 0) out.push(t(`${P}.juryNormalisation`, { how: t(`competitions.juryNormalisation.${m.juryNormalisation}` as MessageKey) }));
  if (m.publicWeight > 0) out.push(t(`${P}.publicNormalisation`, { how: t(`competitions.publicNormalisation.${m.publicNormalisation}` as MessageKey) }));
  out.push(t(`${P}.tieBreak`, { order: m.tieBreak.map((k, i) => `${i + 1}) ${t(`competitions.tieBreak.${k}` as MessageKey)}`).join("; ") }));
  out.push(m.winners === 1 ? t(`${P}.winner`) : t(`${P}.winners`, { n: m.winners, places: plural(locale, m.winners, { one: w("place.one"), few: w("place.few"), many: w("place.many") }) }));
  return out;
}

/** Who may enter, in words: «жители (от своего имени), НКО, ТОС». */
export const eligibilityInWords = (t: Translate, kinds: EntrantKind[]) => kinds.map((k) => t(`competitions.entrant.${k}` as MessageKey)).join(", ");

export interface TimelineItem {
  stage: Stage;
  start: number | null;
  end: number | null;
  /** Done, now or ahead for a published competition; null for a draft (no stage runs yet). */
  state: "done" | "now" | "later" | null;
}
