// Who a clause is addressed to, suggested from its text: «Мэрии города Новосибирска», «Секретариату МАГ».
// The organiser sees the suggestion in the clause editor and corrects it; the commitments of an
// adopted resolution are one per (clause, addressee), so a wrong suggestion costs a click but an
// invented one would create a commitment nobody owes: when in doubt, suggest nothing.
//
// Pure, and importable by Node scripts directly: no relative value imports, only `import type`.
//
// Russian resolutions address a body in the dative case, in four ways (all in scripts/demo/seeds):
//   «2. Мэрии города Новосибирска, Экспертному совету по развитию ТОС:»  a dative list and ":"
//   «Секретариату МАГ обобщить предложения…»                             a dative list, then an infinitive
//   «Поручить Экспертному совету МАГ …», «Рекомендовать городам …»       after «поручить», «рекомендовать», «предложить»
//   «Мэрии города Новосибирска, Совету депутатов … во взаимодействии с …:»  an unnumbered paragraph introducing the clauses after it
// A dative phrase is recognised by its head noun (a closed list of the bodies resolutions address:
// мэрии, совету, секретариату, комиссии, городам, участникам, активу …, or an abbreviation such as
// МАГ or НКО), optionally preceded by dative adjectives («Экспертному», «районным», «Общественным и
// добровольческим»), and followed by its genitive tail («города Новосибирска», «по развитию ТОС»).
// The tail ends at an infinitive, at «совместно с» / «во взаимодействии с» / «по итогам» … (who
// works with whom is not who is addressed), at a direct object («городам | подписку»), or at ":".
import type { DraftClause } from "../clause-types";

/** Head nouns in the dative case (lowercase). A hyphenated word matches by any part («городам-членам», «бизнес-сообществам»). */
const HEADS = new Set(
  (
    "мэрии мэриям мэру администрации администрациям правительству правительствам совету советам секретариату " +
    "комиссии комиссиям комитету комитетам управлению управлениям министерству министерствам департаменту " +
    "департаментам активу активам городам городу участникам участнику оргкомитету оргкомитетам президенту " +
    "правлению организациям организации объединениям объединению учреждениям учреждению предприятиям " +
    "сообществам сообществу ассамблее ассамблеям ассоциации ассоциациям думе думам собранию собраниям главе " +
    "главам губернатору руководителям руководителю оператору операторам отделению отделениям центру центрам " +
    "службе службам органам органу депутатам жителям гражданам волонтерам волонтёрам экспертам специалистам " +
    "префектурам префектуре районам округам фонду фондам союзу палате палатам агентству агентствам институтам " +
    "институту вузам школам библиотекам инспекции прокуратуре муниципалитетам муниципалитету партнерам членам " +
    "представителям председателю председателям группе группам дирекции редакции редакциям университету " +
    "университетам секциям секции клубам движению советникам заместителю заместителям мэрам регионам субъектам"
  ).split(" "),
);

/** Words that introduce who works *with* the addressee, or when: the addressee phrase ends before them. */
const STOPS: string[][] = [
  ["совместно"],
  ["во", "взаимодействии"],
  ["при", "взаимодействии"],
  ["в", "взаимодействии"],
  ["при", "участии"],
  ["с", "участием"],
  ["по", "итогам"],
  ["в", "рамках"],
  ["в", "срок"],
  ["в", "течение"],
  ["до"],
  ["не", "позднее"],
  ["с", "учетом"],
  ["с", "учётом"],
  ["на", "основании"],
  ["в", "целях"],
  ["для"],
];

/** Verbs after which the addressee follows: «Поручить Оргкомитету форума разработать …». */
const ADDRESSING_VERBS = new Set(["поручить", "рекомендовать", "предложить", "поручаем", "рекомендуем", "предлагаем", "поручается", "рекомендуется"]);

/** Nouns ending like an infinitive (-ть, -ти): «деятельность», «области», «часть», «сеть». */
const NOT_INFINITIVE = /(?:ость|ости|асть|асти|сеть|сети|путь|пути|треть|трети|суть|нить|мать|есть|честь|шесть|весть|повесть|совесть|месть)$/;

function isInfinitive(w: string): boolean {
  if (w.length < 4) return false;
  // «учесть», «прочесть» end like «есть» but are verbs.
  if (/(?:учесть|прочесть)$/.test(w)) return true;
  if (NOT_INFINITIVE.test(w)) return false;
  return /(?:ть|ться|тись|чь|чься)$/.test(w) || /[сзйд]ти$/.test(w);
}

const isAbbreviation = (core: string) => /^[А-ЯЁA-Z]{2,6}$/.test(core);
const isDativeAdjective = (w: string) => w === "всем" || (w.length > 3 && /(?:ому|ему|ым|им|ой|ей)$/.test(w.split("-").pop()!));
const isHeadNoun = (core: string) => core.toLowerCase().split("-").some((p) => HEADS.has(p));
const isHead = (core: string) => isAbbreviation(core) || isHeadNoun(core);
/** «позволит», «работает», «выступают»: a finite verb means the phrase was a subject, not an addressee («КАИС МАГ позволит …»). */
const looksFinite = (w: string) => w.length >= 5 && /^[а-яё]+$/.test(w) && /(?:ит|ет|ют|ят|ут|ат)$/.test(w);
/** A direct object right after the addressee: «Рекомендовать городам | подписку …». Not «-ью» (instrumental). */
const looksAccusative = (w: string) => /(?:[^ьое]у|[^ь]ю)$/.test(w) && !/(?:ому|ему)$/.test(w);

interface Token {
  raw: string;
  /** The word without surrounding punctuation; "" for a dash. */
  core: string;
  lower: string;
  /** Punctuation after the word: ",", ":", "):" … */
  after: string;
}

function tokenize(sentence: string): Token[] {
  return sentence
    .split(/\s+/)
    .filter((raw) => raw !== "")
    .map((raw) => {
      const m = /^([^\p{L}\p{N}]*)([\p{L}\p{N}](?:[\p{L}\p{N}.\-]*[\p{L}\p{N}])?)?(.*)$/u.exec(raw)!;
      const core = m[2] ?? "";
      return { raw, core, lower: core.toLowerCase(), after: m[3] ?? "" };
    });
}

/**
 * Adjectives (with «и» between them) and a head noun starting at `i`; the index after the head, or
 * -1. An abbreviation is a head after an adjective («Социально-ориентированным НКО») or right before
 * the infinitive («МАГ запланировать …»), not at the start of any sentence («КАИС МАГ позволит …»).
 */
function headGroup(t: Token[], i: number): number {
  let sawAdjective = false;
  while (i < t.length) {
    const w = t[i];
    if (isHeadNoun(w.core)) return i + 1;
    if (isAbbreviation(w.core) && (sawAdjective || (w.after === "" && t[i + 1] !== undefined && isInfinitive(t[i + 1].lower)))) return i + 1;
    if (isDativeAdjective(w.lower) && w.after === "") {
      sawAdjective = true;
      i++;
      continue;
    }
    if (sawAdjective && w.lower === "и") {
      i++;
      continue;
    }
    return -1;
  }
  return -1;
}

const stopAt = (t: Token[], i: number) =>
  STOPS.some((s) => s.every((word, k) => t[i + k] !== undefined && t[i + k].lower === word && (k === s.length - 1 || t[i + k].after === "")));

type Ending = "infinitive" | "colon" | "stop" | "object" | "verb" | "end";

/**
 * Reads a list of dative phrases starting at token `start`: «Мэрии города Новосибирска, Экспертному
 * совету по развитию ТОС, активу ТОС». Null if no dative phrase starts there.
 */
function readList(t: Token[], start: number): { items: string[]; ending: Ending; next: number } | null {
  if (headGroup(t, start) < 0) return null;
  // «…» pairs only count if they close within the sentence (000 8.5 opens «Мегаполис: … and never closes it).
  let unclosedQuotes = 0;
  for (const w of t) for (const ch of w.raw) if (ch === "«") unclosedQuotes++; else if (ch === "»" && unclosedQuotes > 0) unclosedQuotes--;
  let open = 0;
  const countQuotes = (w: Token) => {
    for (const ch of w.raw) if (ch === "«") open++; else if (ch === "»" && open > 0) open--;
  };
  const items: string[] = [];
  let itemStart = start;
  const close = (end: number) => items.push(t.slice(itemStart, end).map((w) => w.raw).join(" "));

  let ending: Ending = "end";
  let i = start;
  /** At the start of an item: adjectives and the head noun are read as one group. */
  let atHead = true;
  while (i < t.length) {
    if (atHead) {
      const end = headGroup(t, i);
      for (; i < end; i++) countQuotes(t[i]);
      atHead = false;
    } else {
      const w = t[i];
      if (open <= unclosedQuotes) {
        if (isInfinitive(w.lower)) {
          ending = "infinitive";
          break;
        }
        if (stopAt(t, i)) {
          ending = "stop";
          break;
        }
        if (w.lower === "и" && headGroup(t, i + 1) > 0) {
          close(i);
          itemStart = i + 1;
          i++;
          atHead = true;
          continue;
        }
        if (looksFinite(w.lower)) {
          ending = "verb";
          break;
        }
        if (looksAccusative(w.lower) && !["по", "к", "ко"].includes(t[i - 1].lower) && !isHead(w.core)) {
          ending = "object";
          break;
        }
      }
      countQuotes(w);
      i++;
    }
    if (open > unclosedQuotes) continue;
    const last = t[i - 1];
    // The colon after the list («Активу ТОС:»), not one inside a name («форума «Мегаполис: XXI век …»).
    if (last.after.includes(":") && (i === t.length || /^[^\p{Lu}]*\p{Ll}/u.test(t[i].raw))) {
      ending = "colon";
      break;
    }
    if (/[.;!?]/.test(last.after)) {
      ending = "end";
      break;
    }
    // After a comma either the next addressee («…, Экспертному совету по развитию ТОС, …») or a
    // participle or aside that stays in this one («организациям, работающих в области …»).
    if (last.after.includes(",") && i < t.length && headGroup(t, i) > 0) {
      close(i);
      itemStart = i;
      atHead = true;
    }
  }
  close(i);
  return { items, ending, next: i };
}

/** «мэрии города Новосибирска,» → «Мэрии города Новосибирска». */
function tidy(item: string): string {
  let s = item.replace(/[\s,;:–—-]+$/u, "").trim();
  // An opening bracket left without its pair at the end («… (округа по районам» is kept whole by the reader).
  const opens = (s.match(/\(/g) ?? []).length;
  const closes = (s.match(/\)/g) ?? []).length;
  if (closes > opens) s = s.replace(/\)+$/, "");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Sentences of a clause's text: its paragraphs, split after «.», «;», «!», «?» before a capital letter. */
function sentences(text: string): string[] {
  return text
    .split("\n")
    .flatMap((p) => p.split(/(?<=[.;!?])\s+(?=[«"]?[А-ЯЁA-Z])/u))
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The addressees written in one clause's own text (not inherited). */
export function addresseesInText(text: string): string[] {
  const found: string[] = [];
  const endsWithColon = /:\s*$/.test(text);
  for (const sentence of sentences(text)) {
    const t = tokenize(sentence);
    if (t.length === 0) continue;
    // «Секретариату МАГ обобщить …», «Активу ТОС:», «Мэрии …, Совету депутатов … во взаимодействии с …:»
    const lead = readList(t, 0);
    if (lead) {
      const rest = t.slice(lead.next);
      const verbFollows = rest.some((w) => isInfinitive(w.lower));
      // «Экспертному совету МАГ совместно с МРГ, … принять участие»: after «совместно с …» the verb
      // still has to come (or the paragraph ends with ":", introducing what follows).
      if (lead.ending === "infinitive" || lead.ending === "colon" || (lead.ending === "stop" && (verbFollows || endsWithColon))) {
        found.push(...lead.items);
      }
    }
    // «Поручить Экспертному совету МАГ …», «Рекомендовать Участникам форума и городам-членам МАГ …»
    for (let i = 0; i < t.length - 1; i++) {
      if (!ADDRESSING_VERBS.has(t[i].lower) || t[i].after !== "") continue;
      const list = readList(t, i + 1);
      if (list && list.ending !== "verb") found.push(...list.items);
    }
  }
  const seen = new Set<string>();
  return found.map(tidy).filter((a) => {
    const key = a.toLowerCase();
    if (a === "" || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Fills in `addressees` for every clause. A clause that already has addressees (set by the
 * organiser) keeps them. Otherwise: the addressees in its own text; failing that, those of its
 * parent (the nearest clause above it with a smaller depth: 2.1 and 2.2 under «2. Мэрии …:», a bullet
 * under «8.3. Поручить Экспертному совету МАГ …:»); failing that, those of the unnumbered paragraph
 * that introduced the section («Мэрии города Новосибирска, Совету депутатов …:» in 004 «Город
 * друзей», until the next heading). Headings are never addressed. Returns new objects.
 */
export function suggestAddressees(clauses: DraftClause[]): DraftClause[] {
  const out: DraftClause[] = [];
  /** The addressees of the paragraph introducing the current section, if any. */
  let introduced: string[] = [];
  for (let i = 0; i < clauses.length; i++) {
    const c = clauses[i];
    if (c.kind === "heading") {
      introduced = [];
      out.push({ ...c, addressees: [] });
      continue;
    }
    const own = c.addressees.length > 0 ? [...c.addressees] : addresseesInText(c.text);
    let addressees = own;
    if (addressees.length === 0) {
      for (let j = out.length - 1; j >= 0 && c.depth > 0; j--) {
        if (out[j].kind === "heading") break;
        if (out[j].depth < c.depth) {
          addressees = [...out[j].addressees];
          break;
        }
      }
    }
    if (addressees.length === 0 && c.kind !== "text") addressees = [...introduced];
    if (c.kind === "text" && own.length > 0 && /:\s*$/.test(c.text)) introduced = own;
    out.push({ ...c, addressees });
  }
  return out;
}
