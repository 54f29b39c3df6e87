import { wordMatches } from "./stemming";

/**
 * Highlighting the words a search matched, in TypeScript: FTS5's snippet() would show the stored
 * stems («детск площадк»), not the text. Each shown word is stemmed the way the query was and marked
 * when it matches; the result is a list of plain-text pieces that the page renders as text and <mark>
 * elements (never an HTML string, so the practice's text cannot inject markup).
 */
export interface Piece {
  text: string;
  mark?: true;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The whole text in pieces, matched words marked. */
export function highlight(text: string, terms: readonly string[]): Piece[] {
  if (terms.length === 0 || text === "") return text ? [{ text }] : [];
  const out: Piece[] = [];
  let at = 0;
  for (const m of text.matchAll(WORD)) {
    if (!wordMatches(m[0], terms)) continue;
    if (m.index > at) out.push({ text: text.slice(at, m.index) });
    out.push({ text: m[0], mark: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return mergeText(out);
}

/** Neighbouring unmarked pieces joined (fewer nodes to render). */
function mergeText(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if (last && !last.mark && !p.mark) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

/** How long a snippet is, in characters (before the ellipses). */
export const SNIPPET_CHARS = 240;

/**
 * A snippet of the first of `texts` that has a matched word: about SNIPPET_CHARS around the first
 * match, cut at word boundaries, with «…» where it was cut; without a match (or without terms), the
 * beginning of the first non-empty text.
 */
export function snippet(texts: readonly string[], terms: readonly string[], chars = SNIPPET_CHARS): Piece[] {
  for (const text of texts) {
    if (!terms.length) break;
    for (const m of text.matchAll(WORD)) {
      if (wordMatches(m[0], terms)) return highlight(cut(text, m.index, chars), terms);
    }
  }
  const first = texts.find((t) => t.trim() !== "") ?? "";
  return highlight(cut(first, 0, chars), terms);
}

/** About `chars` of `text` starting a little before `at`, at word boundaries, «…» where cut. */
function cut(text: string, at: number, chars: number): string {
  const flat = text.replace(/\s+/g, " ");
  // Whitespace runs became one space: find the same word in the flattened text.
  const shift = text.slice(0, at).replace(/\s+/g, " ").length;
  let start = Math.max(0, shift - Math.floor(chars / 4));
  if (start > 0) {
    const space = flat.indexOf(" ", start);
    start = space === -1 || space >= shift ? shift : space + 1;
  }
  let end = Math.min(flat.length, start + chars);
  if (end < flat.length) {
    const space = flat.lastIndexOf(" ", end);
    if (space > Math.max(start, shift)) end = space;
  }
  return `${start > 0 ? "…" : ""}${flat.slice(start, end).trim()}${end < flat.length ? "…" : ""}`;
}
