import { stemmer as englishStem } from "@orama/stemmers/english";
import { stemmer as russianStem } from "@orama/stemmers/russian";

/**
 * Words → stems for the library's full-text search (see library/search.ts for why the worker stems
 * and FTS5 only splits on spaces). The same function reduces a practice's text when it is stored and
 * the visitor's query when it is searched, so «детских площадок» and «детская площадка» meet at the
 * same stems «детск площадк».
 *
 * Only package imports and `import type` here: scripts (the demo, the reindex) run this module with
 * Node's type stripping.
 */

/** A word: letters and digits (Unicode), as FTS5's unicode61 tokenizer sees one. */
const WORD = /[\p{L}\p{N}]+/gu;
const CYRILLIC = /^[а-яё]+$/;
const LATIN = /^[a-z]+$/;

/**
 * Words that carry no meaning for a search (prepositions, conjunctions, particles, articles). Left out
 * of the index and of queries alike: a query «площадки в Казани» must not demand the «в».
 */
const STOP_WORDS = new Set([
  "а", "без", "в", "во", "да", "для", "до", "же", "за", "и", "из", "или", "к", "ко", "ли", "на", "над",
  "не", "ни", "но", "о", "об", "обо", "от", "по", "под", "при", "про", "с", "со", "у", "что", "это",
  "a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with",
]);

/**
 * Snowball's Russian stemmer keeps the fleeting vowel of a genitive plural: «площадок» stays
 * «площадок» while «площадка», «площадки», «площадками» give «площадк»; so do «девушек»/«девушк»,
 * «кружок»/«кружк», «рынок»/«рынк». Dropping the vowel between a consonant and the final «к» of a
 * stem of five letters or more joins them; short stems («урок», «сок») are left alone so that they do
 * not turn into broad prefixes («ск*» would find «сквер»).
 */
const FLEETING_K = /([бвгджзклмнпрстфхцчшщ])[оеё]к$/;

function russianWord(word: string): string {
  const stem = russianStem(word);
  return stem.length >= 5 ? stem.replace(FLEETING_K, "$1к") : stem;
}

/** One word (already lower-cased, ё folded) → its stem; numbers and other scripts as they are. */
function stemOf(word: string): string {
  if (CYRILLIC.test(word)) return russianWord(word);
  if (LATIN.test(word)) return englishStem(word);
  return word;
}

/** Compatibility forms folded (NFKC: «м²» → «м2», full-width digits), lower case, ё → е. */
function fold(text: string): string {
  return text.normalize("NFKC").toLowerCase().replaceAll("ё", "е");
}

/** The words of a text as stems, in order, stop words left out. */
export function stems(text: string): string[] {
  const out: string[] = [];
  for (const [word] of fold(text).matchAll(WORD)) {
    if (STOP_WORDS.has(word)) continue;
    out.push(stemOf(word));
  }
  return out;
}

/** The text for the FTS `words` column: lower-case stems joined by spaces. */
export function stemWords(text: string): string {
  return stems(text).join(" ");
}

/** At most this many distinct terms from one query (an AND of more finds nothing useful anyway). */
export const QUERY_TERMS = 12;

/**
 * The visitor's query → an FTS5 MATCH expression over stems, or null when nothing searchable is left.
 * Each term is a quoted string (FTS5 syntax from the user — quotes, NEAR, AND/OR/NOT, `*`, `^`, `:`,
 * parentheses, `+`, `-` — never reaches the parser: the words are split out first and only letters and
 * digits go inside the quotes); terms are joined with AND. A stem of three letters or more gets a
 * prefix `*` so that «площадк» also finds stems the stemmer cut differently (a rarer ending); numbers
 * and very short stems must match whole.
 */
export function ftsQuery(q: string): string | null {
  const terms = [...new Set(stems(q))].slice(0, QUERY_TERMS);
  if (terms.length === 0) return null;
  return terms
    .map((term) => {
      const quoted = `"${term.replaceAll('"', '""')}"`;
      return term.length >= 3 && !/^\p{N}+$/u.test(term) ? `${quoted}*` : quoted;
    })
    .join(" AND ");
}

/**
 * The stems a query asks for, for highlighting the words of a shown text that matched: a word of the
 * text matches when its stem begins with one of these (the same prefix rule as ftsQuery).
 */
export function queryStems(q: string): string[] {
  return [...new Set(stems(q))].slice(0, QUERY_TERMS);
}

/** Whether a word (as written in the text) matches one of the query's stems, by the ftsQuery rule. */
export function wordMatches(word: string, terms: readonly string[]): boolean {
  const lower = fold(word);
  if (STOP_WORDS.has(lower)) return false;
  const stem = stemOf(lower);
  return terms.some((t) => (t.length >= 3 && !/^\p{N}+$/u.test(t) ? stem.startsWith(t) : stem === t));
}

/** The fields of a practice that search looks into. */
export interface PracticeText {
  title: string;
  city: string;
  country?: string | null;
  theme?: string | null;
  nomination?: string | null;
  problem?: string | null;
  actions?: string | null;
  results?: string | null;
}

/**
 * The `words` of a practice's FTS row: the stems of its title (twice), city, country, theme, nomination,
 * problem, actions and results. One place, so that the worker, the demo and the bench index alike
 * (scripts write `INSERT INTO practices_fts(rowid, practice_id, words) SELECT rowid, id, <this> FROM
 * practices WHERE id = …` — see library/index.ts for the guarded form).
 */
export function practiceWords(p: PracticeText): string {
  // The title twice: bm25 counts how often a term occurs, so a practice named after the query ranks
  // above one that mentions it in passing (one `words` column cannot be weighted by column).
  return [p.title, p.title, p.city, p.country, p.theme, p.nomination, p.problem, p.actions, p.results]
    .filter((part): part is string => !!part)
    .map(stemWords)
    .filter(Boolean)
    .join(" ");
}
