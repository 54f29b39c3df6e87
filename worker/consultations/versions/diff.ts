import type { VersionClause } from "../clause-types";
import { type WordSegment, wordDiff } from "./word-diff";

/** What a clause's descendant changed. */
export type ClauseField = "text" | "number" | "addressees" | "kind";

/**
 * One clause in the comparison. `status` says what happened to its content; `moved` (independent
 * of it) that its place among the clauses of both versions changed, so a clause can be changed
 * and moved at once.
 */
export interface DiffEntry {
  status: "same" | "changed" | "added" | "removed";
  moved: boolean;
  /** The clause in the earlier version (null when added). */
  before: VersionClause | null;
  /** The clause in the later version (null when removed). */
  after: VersionClause | null;
  /** For "changed": which fields differ, in this order. */
  fields: ClauseField[];
  /** For a changed text: the word-level changes. */
  words: WordSegment[] | null;
}

export interface DiffCounts {
  /** Neither changed nor moved. */
  same: number;
  changed: number;
  added: number;
  removed: number;
  moved: number;
}

export interface VersionDiff {
  /** The later version's clauses in order, each removed clause placed after the clause it followed. */
  entries: DiffEntry[];
  counts: DiffCounts;
}

const byPosition = (list: VersionClause[]) => [...list].sort((x, y) => x.position - y.position);
const sameList = (x: string[], y: string[]) => x.length === y.length && x.every((v, i) => v === y[i]);

/**
 * Clause-level comparison of two versions by lineage (see ./lineage.ts and the schema): a lineage
 * in both is the same clause (unchanged or changed), only in `b` added, only in `a` removed.
 * Moves: the clauses present in both keep their relative order along a longest common
 * subsequence of the lineages; the ones outside it are the ones that moved. Each lineage occurs
 * once per version, so the LCS of the two orders is a longest increasing subsequence of
 * a-positions taken in b's order — O(n log n), never quadratic in the number of clauses.
 */
export function diffVersions(a: VersionClause[], b: VersionClause[]): VersionDiff {
  const older = byPosition(a);
  const newer = byPosition(b);
  // A lineage repeated within one version (not expected) counts once; the repeats are unmatched.
  const indexInA = new Map<string, number>();
  older.forEach((c, i) => {
    if (!indexInA.has(c.lineage)) indexInA.set(c.lineage, i);
  });
  const matchedA = new Array<number>(newer.length).fill(-1);
  const taken = new Set<number>();
  newer.forEach((c, j) => {
    const i = indexInA.get(c.lineage);
    if (i !== undefined && !taken.has(i)) {
      matchedA[j] = i;
      taken.add(i);
    }
  });

  // Longest increasing subsequence of the matched a-indices in b's order (patience sorting).
  const common = matchedA.map((i, j) => ({ i, j })).filter((x) => x.i >= 0);
  const tails: number[] = []; // index into `common` of the smallest tail of an increasing run of each length
  const prev = new Array<number>(common.length).fill(-1);
  common.forEach((x, k) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (common[tails[mid]].i < x.i) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1];
    tails[lo] = k;
  });
  const inPlaceA = new Set<number>();
  for (let k = tails.length ? tails[tails.length - 1] : -1; k >= 0; k = prev[k]) inPlaceA.add(common[k].i);

  // Removed clauses follow the nearest earlier clause of `a` that kept its place (which is in `b`
  // too, in the same relative order), or open the list when there is none.
  const removedAfter = new Map<number, VersionClause[]>(); // a-index of the anchor (-1: the start) → removed clauses
  let anchor = -1;
  older.forEach((c, i) => {
    if (inPlaceA.has(i)) anchor = i;
    else if (!taken.has(i)) {
      const list = removedAfter.get(anchor);
      if (list) list.push(c);
      else removedAfter.set(anchor, [c]);
    }
  });

  const counts: DiffCounts = { same: 0, changed: 0, added: 0, removed: 0, moved: 0 };
  const entries: DiffEntry[] = [];
  const pushRemoved = (anchorIndex: number) => {
    for (const c of removedAfter.get(anchorIndex) ?? []) {
      entries.push({ status: "removed", moved: false, before: c, after: null, fields: [], words: null });
      counts.removed++;
    }
  };
  pushRemoved(-1);
  newer.forEach((after, j) => {
    const i = matchedA[j];
    if (i < 0) {
      entries.push({ status: "added", moved: false, before: null, after, fields: [], words: null });
      counts.added++;
      return;
    }
    const before = older[i];
    const fields: ClauseField[] = [];
    if (before.text !== after.text) fields.push("text");
    if (before.number !== after.number) fields.push("number");
    if (!sameList(before.addressees, after.addressees)) fields.push("addressees");
    if (before.kind !== after.kind) fields.push("kind");
    const moved = !inPlaceA.has(i);
    const status = fields.length ? "changed" : "same";
    entries.push({ status, moved, before, after, fields, words: fields.includes("text") ? wordDiff(before.text, after.text) : null });
    if (status === "changed") counts.changed++;
    if (moved) counts.moved++;
    if (status === "same" && !moved) counts.same++;
    if (!moved) pushRemoved(i);
  });
  return { entries, counts };
}
