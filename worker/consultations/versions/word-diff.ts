import { Diff } from "diff";

/** One piece of a clause's text in the word diff: kept, added in the later version, or deleted from the earlier one. */
export interface WordSegment {
  op: "same" | "add" | "del";
  text: string;
}

/**
 * jsdiff's `diffWordsWithSpace` tokenises with a Latin-only notion of a word character, so Cyrillic
 * text falls apart into single letters («Новосибирска» → «Тюмени» came out as «Новос|Тюмен|и|бирска»).
 * This is the same tokeniser (each newline, each run of other whitespace, each word, each other
 * character is a token) with Unicode letters, digits and combining marks as word characters.
 */
class UnicodeWordsWithSpace extends Diff<string, string> {
  override tokenize(value: string): string[] {
    return value.match(/\r?\n|[\p{L}\p{N}\p{M}_\u00AD]+|[^\S\r\n]+|[^\p{L}\p{N}\p{M}_\u00AD\s]/gu) ?? [];
  }
}
const engine = new UnicodeWordsWithSpace();

/**
 * Beyond this many token edits jsdiff gives up (and we show the whole text replaced): bounds the
 * cost of Myers' O((N+M)·D) on long, thoroughly rewritten clauses, where a word-by-word diff would
 * be unreadable anyway.
 */
const MAX_EDITS = 300;
/**
 * Share of the texts' letters that must stay the same (2·same / (before + after), whitespace not
 * counted) for a word-by-word diff; below it the clause is shown as the old text deleted and the
 * new one inserted, because a diff that keeps a few scattered words («по», «ТОС», commas) of a
 * rewritten clause is harder to read than the two texts.
 */
export const MIN_KEPT = 0.35;

const letters = (s: string) => s.replace(/\s+/g, "").length;

/** Word-level changes from `before` to `after`, in order; joining the same+del texts gives `before`, same+add gives `after`. */
export function wordDiff(before: string, after: string): WordSegment[] {
  if (before === after) return before ? [{ op: "same", text: before }] : [];
  const replaced = (): WordSegment[] => [...(before ? [{ op: "del" as const, text: before }] : []), ...(after ? [{ op: "add" as const, text: after }] : [])];
  if (!before || !after) return replaced();
  const changes = engine.diff(before, after, { maxEditLength: MAX_EDITS });
  if (!changes) return replaced();
  const raw: WordSegment[] = changes.map((ch) => ({ op: ch.added ? "add" : ch.removed ? "del" : "same", text: ch.value }));
  const segments = tidy(raw);
  let kept = 0;
  for (const s of segments) if (s.op === "same") kept += letters(s.text);
  const total = letters(before) + letters(after);
  if (total > 0 && (2 * kept) / total < MIN_KEPT) return replaced();
  return segments;
}

/**
 * Readability: a run of whitespace kept between two changes is folded into
 * them («Новосибирска,» → «Тюмени и» reads as one replacement, not del/space/add/del/add), and
 * within each changed stretch all deletions come before all insertions, adjacent pieces merged.
 */
function tidy(raw: WordSegment[]): WordSegment[] {
  const out: WordSegment[] = [];
  let del = "";
  let add = "";
  const pushSame = (text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last?.op === "same") last.text += text;
    else out.push({ op: "same", text });
  };
  let carry = ""; // whitespace both sides of a replacement ended with: kept text, put before what follows
  const flush = () => {
    if (del && add) {
      // Whitespace at both ends of a replacement is shared text, not part of the change.
      const lead = commonEdge(del, add, /^\s+/);
      const trail = commonEdge(del.slice(lead.length), add.slice(lead.length), /\s+$/);
      pushSame(lead);
      del = del.slice(lead.length, del.length - trail.length);
      add = add.slice(lead.length, add.length - trail.length);
      carry = trail;
    }
    if (del) out.push({ op: "del", text: del });
    if (add) out.push({ op: "add", text: add });
    del = add = "";
    pushSame(carry);
    carry = "";
  };
  for (let i = 0; i < raw.length; i++) {
    const s = raw[i];
    if (s.op === "del") del += s.text;
    else if (s.op === "add") add += s.text;
    else if ((del || add) && i + 1 < raw.length && raw[i + 1].op !== "same" && /^\s+$/.test(s.text)) {
      // Whitespace between two changes belongs to both sides of the replacement.
      del += s.text;
      add += s.text;
    } else {
      flush();
      pushSame(s.text);
    }
  }
  flush();
  return out;
}

/** The whitespace both strings start (or end) with, as matched by `edge`. */
function commonEdge(x: string, y: string, edge: RegExp): string {
  const a = x.match(edge)?.[0] ?? "";
  const b = y.match(edge)?.[0] ?? "";
  if (edge.source.startsWith("^")) {
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return a.slice(0, n);
  }
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return a.slice(a.length - n);
}
