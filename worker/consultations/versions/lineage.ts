import type { DraftClause, VersionClause } from "../clause-types";

/**
 * Which clause of the next version descends from which clause of the previous one, when the
 * organiser pastes a whole new text (the parser gives clauses without any memory of the old ones).
 * The answer is the `lineage` of each new clause: the matched old clause's lineage, or a fresh id
 * for a clause that is new. The version diff (./diff.ts) and the «учтено» links read it, so a wrong
 * match shows a clause as rewritten instead of added/removed — the thresholds below err on the side
 * of «added + removed», which a reader can still follow, over pairing two unrelated clauses.
 *
 * Order of evidence (strongest first; each old clause is matched at most once):
 *  1. identical text (whitespace-insensitive) — a clause that was only renumbered or moved;
 *  2. headings with headings by similar text, so that sections can be recognised;
 *  3. the remaining clauses by a score: word similarity, plus a bonus when the clause keeps its
 *     number within the same section (seed 004 restarts numbering in every section, so «1.» alone
 *     means nothing — the section is the heading above it, recognised in step 2).
 */

/**
 * Word similarity (Dice over word multisets, words of one or two letters ignored) needed to pair
 * two clauses on text alone: 60% of their words in common. An edited clause of a resolution keeps
 * most of its words (a changed addressee or deadline in a 25-word clause still scores about 0.85),
 * while different clauses of one document share only the recurring vocabulary («Мэрии города
 * Новосибирска», «ТОС», «провести работу по …»). Measured on seed 004: of the 213 pairs of
 * different clauses within one section the most alike score 0.55 and 0.52 (two short lead-ins
 * «Мэрии города Новосибирска:»; two clauses on migrants' adaptation), all others under 0.45 — so
 * 0.6 keeps a margin over them (the unit test measures it again). Prepositions and conjunctions
 * («по», «и», «в») are dropped because they made unrelated clauses look alike (0.59 with them).
 */
export const SIMILAR_TEXT = 0.6;
/**
 * With the same number in the same section a weaker text likeness suffices: the position already
 * says it is the same clause, the text only has to show it was edited rather than replaced.
 */
export const SIMILAR_TEXT_SAME_NUMBER = 0.3;
/** Added to the score of a same-number pair, so it wins over an equally similar clause elsewhere. */
const SAME_NUMBER_BONUS = 0.25;

type Tokens = Map<string, number>;

/** Words of a text (letters and digits of any script, ё as е), lower-cased, counted; words of one or two letters skipped. */
export function wordsOf(text: string): Tokens {
  const counts: Tokens = new Map();
  for (const m of text.toLowerCase().replaceAll("ё", "е").matchAll(/[\p{L}\p{N}]+/gu)) if (m[0].length > 2 || /\d/.test(m[0])) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return counts;
}

function sizeOf(t: Tokens): number {
  let n = 0;
  for (const v of t.values()) n += v;
  return n;
}

/** Dice coefficient over word multisets: 2·|A∩B| / (|A|+|B|), 1 for identical word bags, 0 for none shared. */
export function similarity(a: Tokens, b: Tokens, sizeA = sizeOf(a), sizeB = sizeOf(b)): number {
  if (sizeA + sizeB === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const [w, n] of small) {
    const m = large.get(w);
    if (m) common += Math.min(n, m);
  }
  return (2 * common) / (sizeA + sizeB);
}

const normalise = (text: string) => text.replace(/\s+/g, " ").trim();
const isHeading = (c: DraftClause) => c.kind === "heading";

interface Side {
  clause: DraftClause;
  index: number;
  heading: boolean;
  text: string;
  tokens: Tokens;
  size: number;
}

function sides(clauses: DraftClause[]): Side[] {
  return clauses.map((clause, index) => {
    const tokens = wordsOf(clause.text);
    return { clause, index, heading: isHeading(clause), text: normalise(clause.text), tokens, size: sizeOf(tokens) };
  });
}

/**
 * Section key of each clause: the lineage of the nearest heading above it ("" before the first
 * heading). For the new text the headings' lineages are the ones assigned in step 2.
 */
function sectionsOf(clauses: DraftClause[], headingLineage: (i: number) => string): string[] {
  let current = "";
  return clauses.map((c, i) => {
    if (isHeading(c)) current = headingLineage(i);
    return current;
  });
}

export function matchLineage(previous: VersionClause[], next: DraftClause[]): string[] {
  const result: (string | null)[] = next.map(() => null);
  const used = new Set<number>();
  const olds = sides(previous);
  const news = sides(next);
  const assign = (n: number, o: number) => {
    result[n] = previous[o].lineage;
    used.add(o);
  };

  // 1. Identical text, headings among headings and clauses among clauses. Duplicated texts (two
  // identical bullets) pair up in document order, which keeps their relative order.
  const byText = new Map<string, number[]>();
  for (const o of olds) {
    const key = `${o.heading ? "h" : "c"}|${o.text}`;
    const list = byText.get(key);
    if (list) list.push(o.index);
    else byText.set(key, [o.index]);
  }
  // Headings first, so that a duplicated clause text can prefer the old clause in the same section.
  for (const pass of [true, false]) {
    const oldSections = pass ? [] : sectionsOf(previous, (i) => previous[i].lineage);
    const newSections = pass ? [] : sectionsOf(next, (i) => result[i] ?? `new:${i}`);
    for (const n of news) {
      if (n.heading !== pass) continue;
      const candidates = byText.get(`${n.heading ? "h" : "c"}|${n.text}`)?.filter((o) => !used.has(o));
      if (!candidates?.length) continue;
      const sameSlot = pass ? undefined : candidates.find((o) => previous[o].number === n.clause.number && oldSections[o] === newSections[n.index]);
      assign(n.index, sameSlot ?? candidates[0]);
    }
    // 2. Then (still before the clauses) headings by similar text.
    if (pass) greedy(olds.filter((o) => o.heading), news.filter((n) => n.heading), () => false);
  }

  // 3. The remaining clauses by similarity, with the same-number-in-the-same-section bonus.
  const oldSections = sectionsOf(previous, (i) => previous[i].lineage);
  const newSections = sectionsOf(next, (i) => result[i] ?? `new:${i}`);
  greedy(
    olds.filter((o) => !o.heading),
    news.filter((n) => !n.heading),
    (o, n) => o.clause.number !== "" && o.clause.number === n.clause.number && oldSections[o.index] === newSections[n.index],
  );

  return result.map((l) => l ?? crypto.randomUUID());

  /** Pairs still unmatched clauses by descending score, each side at most once. */
  function greedy(oldSide: Side[], newSide: Side[], sameSlot: (o: Side, n: Side) => boolean) {
    const pairs: { o: number; n: number; score: number; distance: number }[] = [];
    for (const n of newSide) {
      if (result[n.index] !== null) continue;
      for (const o of oldSide) {
        if (used.has(o.index)) continue;
        const sim = similarity(o.tokens, n.tokens, o.size, n.size);
        const slot = sameSlot(o, n);
        if (sim >= (slot ? SIMILAR_TEXT_SAME_NUMBER : SIMILAR_TEXT)) {
          pairs.push({ o: o.index, n: n.index, score: sim + (slot ? SAME_NUMBER_BONUS : 0), distance: Math.abs(o.index - n.index) });
        }
      }
    }
    // Ties go to the pair closer in the document, then to document order (deterministic).
    pairs.sort((x, y) => y.score - x.score || x.distance - y.distance || x.n - y.n || x.o - y.o);
    for (const p of pairs) {
      if (result[p.n] !== null || used.has(p.o)) continue;
      assign(p.n, p.o);
    }
  }
}
