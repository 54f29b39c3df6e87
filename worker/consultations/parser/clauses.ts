// Plain text of a draft resolution → the tree of clauses the organiser corrects before publishing.
//
// Pure, and importable by Node scripts directly (scripts/demo/consultations.ts runs it under Node's
// type stripping): no relative value imports, only `import type`.
//
// The texts are real documents pasted from Word or a PDF (see scripts/demo/seeds/), so the rules
// below are about the mess found there, each decision written next to the code that makes it:
//
//   line                                              → clause
//   «1.», «10.», «1.Мэрии», «2.1 », « - 8.1. », «- 9.1.» → kind "clause", number "8.1", depth = dots
//   «- », « - », «– », «· », «•» (no number after)   → kind "item", number "", depth = owner + 1
//   «… РЕКОМЕНДУЮТ:» (a capitalised verb and ":")      → kind "heading", depth 0
//   a date line in a report with no numbered clauses  → kind "heading" (001's event headers)
//   «Контроль за реализацией … возложить на …»        → kind "text", depth 0 (a closing line)
//   any other paragraph                               → kind "text", depth 0, or a continuation
//
// A line continues the previous clause (instead of starting one) when it starts with a lowercase
// letter (a sentence broken by the export), or when the previous clause stops mid-sentence and the
// line starts with a quote or bracket («…участии в социальной акции» + «Обними ребенка» и …). A
// capitalised unnumbered paragraph right after a numbered clause is that clause's next paragraph
// (003: «Продолжить работу…» after 1.1, «Секретариату МАГ совместно с…» after 1.4; 002: «В этой
// связи считаем целесообразным:» after 10, so the bullets after it are items of 10): resolutions
// put unnumbered paragraphs inside a clause far more often than between clauses, and the organiser
// splits it in one click if not. Paragraphs of one clause are joined with "\n"; a broken sentence
// is joined with a space.
import type { DraftClause } from "../clause-types";

/** Month names in the genitive, for the date lines of a report («20-22 октября 2008 года, г.Санкт-Петербург»). */
const MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря";
const DATE_HEADER = new RegExp(`^(?:с\\s+)?\\d{1,2}\\s*(?:[-–—]\\s*\\d{0,2}\\s*)?(?:${MONTHS})(?![а-яё])`, "i");
/** A date line longer than this is a sentence that starts with a date, not an event header. */
const DATE_HEADER_MAX = 70;
/** Lines of a title block («Исполком СНГ» / «ЕврАзЭС» / …) this short and without final punctuation are kept together. */
const TITLE_LINE_MAX = 80;

/** «Участники секции … РЕКОМЕНДУЮТ:», «… ПОСТАНОВЛЯЕТ:», «РЕШИЛИ:» — a capitalised word of 5+ letters before the final colon. */
const HEADING = /[А-ЯЁA-Z]{5,}\s*:$/;
/** The closing line of a resolution: a new paragraph, never the last clause's continuation. */
const CLOSING = /^Контроль\s+(?:за|над)\s/i;
/** «__________», «* * *», «-----»: separators, dropped. */
const SEPARATOR = /^[\s_\-–—=*.·•]{3,}$/;
const BULLET = /^(?:[-–—*]\s+|[•·▪◦●]\s*)(.*)$/;
/** Optional bullet, then «8», «8.3», «8.3.1», then «.» or «)» or spaces, then the text. */
const NUMBERED = /^(?:[-–—•·]\s*)?(\d{1,3}(?:\.\d{1,3})*)(?!\d)(\.|\))?(\s*)(.*)$/;

/** Word/PDF artefacts and markdown emphasis that are not part of the text. */
function cleanLine(line: string): string {
  return (
    line
      // «[bookmark: _GoBack]», «[bookmark: _Hlk90309061]» left by a .docx → text conversion.
      .replace(/\[(?:bookmark|anchor):[^\]]*\]/gi, "")
      .replace(/\*\*/g, "")
      // «*теории приграничности*»: a single-star emphasis around a word or words.
      .replace(/(^|[\s(«"„])\*(?=\S)([^*\n]*?\S)\*(?=$|[\s.,;:!?)»"“])/g, "$1$2")
      .replace(/[\t\u00a0\u2007\u202f]/g, " ")
      .replace(/ {2,}/g, " ")
      .trim()
  );
}

type Line =
  | { type: "numbered"; number: string; text: string }
  | { type: "bullet"; text: string }
  | { type: "heading"; text: string }
  | { type: "closing"; text: string }
  | { type: "paragraph"; text: string };

const startsLowercase = (s: string) => /^[a-zа-яё]/.test(s);

function numbered(line: string): { number: string; text: string } | null {
  const m = NUMBERED.exec(line);
  if (!m) return null;
  const [, number, delimiter, space, text] = m;
  // «30 ноября 2009 года», «2008 год был …»: a single number needs its «.» or «)» to be a clause number.
  if (!number.includes(".") && !delimiter) return null;
  // «2.1Провести» is a clause, but «2.1» glued to a digit is not («1.5.2024»); and «2.1 » without
  // its dot needs the space («2.1 В рамках»).
  if (/^\d/.test(text)) return null;
  if (!delimiter && !space) return null;
  return { number, text };
}

function classify(line: string, isReport: boolean): Line {
  const n = numbered(line);
  if (n) return { type: "numbered", ...n };
  const b = BULLET.exec(line);
  if (b && b[1].trim() !== "") return { type: "bullet", text: b[1] };
  // (A lowercase line ending in «РЕКОМЕНДУЮТ:» is the second half of a heading: it continues the line before.)
  if (HEADING.test(line) && !startsLowercase(line)) return { type: "heading", text: line };
  if (isReport && line.length <= DATE_HEADER_MAX && DATE_HEADER.test(line)) return { type: "heading", text: line };
  if (CLOSING.test(line)) return { type: "closing", text: line };
  return { type: "paragraph", text: line };
}

/** The text stops in the middle of a sentence: a word, a digit, a comma or a hyphen last. */
const endsMidSentence = (s: string) => /[a-zа-яёA-ZА-ЯЁ0-9,\-–]$/.test(s);

/** How a continuation joins: a broken sentence with a space, a new paragraph with "\n". */
function join(previous: string, next: string): string {
  if (previous === "") return next;
  return previous + (/[a-zа-яёA-ZА-ЯЁ0-9\-–]$/.test(previous) ? " " : "\n") + next;
}

/**
 * Splits a pasted or uploaded document into clauses. Blank lines anywhere are ignored except that a
 * title-block line after a blank line starts a new paragraph; Windows and old Mac line ends are
 * accepted. Addressees are left empty here (see ./addressees.ts).
 */
export function parseClauses(text: string): DraftClause[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n?|\n|\u2028|\u2029/).map(cleanLine);
  // A report (001) has no numbered clauses: there its short date lines are the event headers.
  // In a resolution a date line is part of the title block («19-20 декабря, 2012 года»).
  const isReport = !lines.some((l) => numbered(l) !== null);

  const out: DraftClause[] = [];
  /** The last clause that is not an item: bullets hang under it. */
  let owner: DraftClause | null = null;
  let blankBefore = false;

  const push = (c: DraftClause) => {
    out.push(c);
    if (c.kind !== "item") owner = c;
    return c;
  };

  for (const raw of lines) {
    if (raw === "" || SEPARATOR.test(raw)) {
      blankBefore = true;
      continue;
    }
    const line = classify(raw, isReport);
    const last = out.length > 0 ? out[out.length - 1] : null;
    const ownerDepth: number = owner === null ? -1 : (owner as DraftClause).depth;

    switch (line.type) {
      case "numbered":
        push({ kind: "clause", number: line.number, depth: line.number.split(".").length - 1, text: line.text, addressees: [] });
        break;
      case "bullet":
        push({ kind: "item", number: "", depth: ownerDepth + 1, text: line.text, addressees: [] });
        break;
      case "heading":
        push({ kind: "heading", number: "", depth: 0, text: line.text, addressees: [] });
        break;
      case "closing":
        push({ kind: "text", number: "", depth: 0, text: line.text, addressees: [] });
        break;
      case "paragraph": {
        const t = line.text;
        if (last === null || last.kind === "heading") {
          push({ kind: "text", number: "", depth: 0, text: t, addressees: [] });
        } else if (startsLowercase(t) || (endsMidSentence(last.text) && /^[«"„“(]/.test(t))) {
          // A sentence broken by the export: 002 «…лишать всех, кто» / «осуществляет…», 000 11.2.
          last.text = join(last.text, t);
        } else if (last.kind === "clause") {
          // The clause's next paragraph (see the header comment).
          last.text = last.text === "" ? t : `${last.text}\n${t}`;
        } else if (last.kind === "text" && !blankBefore && last.text.split("\n").pop()!.length <= TITLE_LINE_MAX && !/[.!?;:,]$/.test(last.text)) {
          // Title block lines one under another: «Исполком СНГ» / «ЕврАзЭС» / «Международная Ассамблея…».
          last.text = `${last.text}\n${t}`;
        } else {
          // After a bullet, a capitalised paragraph is no longer the bullet's: it starts a paragraph
          // at the level of the bullet's owner (001: «Основной целью проекта…» after «- проект …»).
          push({ kind: "text", number: "", depth: last.kind === "item" ? Math.max(ownerDepth, 0) : 0, text: t, addressees: [] });
        }
        break;
      }
    }
    blankBefore = false;
  }

  for (const c of out) {
    c.text = c.text.trim();
    // A heading broken over two lines is only recognised once joined («…по месту» / «жительства, РЕКОМЕНДУЮТ:»).
    if (c.kind === "text" && HEADING.test(c.text)) {
      c.kind = "heading";
      c.text = c.text.replace(/\n/g, " ");
    }
  }
  return out;
}
