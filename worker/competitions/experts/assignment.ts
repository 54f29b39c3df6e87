import type { AssignmentStatus } from "../schema";

/**
 * Who scores which entry — pure rules, no I/O (the service reads the rows, asks these functions,
 * writes the answer in one batch).
 *
 * An expert never gets an entry:
 *   - of an organisation they are a confirmed member of ("organisation"),
 *   - from their own city ("city", compared normalised; an empty city conflicts with nothing),
 *   - they submitted themselves ("own"),
 *   - they declared a conflict of interest on ("declared").
 * Every entry gets at least `min` experts when that many eligible ones exist; the entries that cannot
 * are reported. Load is spread evenly: see `assign`.
 */

export interface AssignEntry {
  id: string;
  organisationId: string | null;
  city: string;
  submittedBy: string;
}

export interface AssignExpert {
  id: string;
  city: string;
  /** The organisations the expert is a confirmed member of. */
  organisationIds: readonly string[];
}

export interface DeclaredConflict {
  expertId: string;
  entryId: string;
}

export interface ExistingAssignment {
  entryId: string;
  expertId: string;
  status: AssignmentStatus;
}

export interface Pair {
  entryId: string;
  expertId: string;
}

export type ConflictKind = "own" | "organisation" | "city" | "declared";

/** Why an entry stays below the minimum. One reason today; named so the page and the API can say it. */
export type ShortReason = "notEnoughExperts";

export interface Shortfall {
  entryId: string;
  /** Experts the entry has after this run. */
  have: number;
  needed: number;
  reason: ShortReason;
}

/** A city as people type it: trimmed, one space between words, lower-case, ё read as е ("  Нижний  Новгород" = "нижний новгород"). */
export const normaliseCity = (city: string | null | undefined) =>
  (city ?? "").trim().replace(/\s+/g, " ").toLowerCase().replace(/ё/g, "е");

/** The set of declared conflicts, keyed for O(1) lookups. */
const conflictKey = (expertId: string, entryId: string) => `${expertId}\u0000${entryId}`;
export const declaredSet = (conflicts: readonly DeclaredConflict[]) => new Set(conflicts.map((c) => conflictKey(c.expertId, c.entryId)));

/** The reason the expert may not score the entry, or null when they may. */
export function conflictOf(entry: AssignEntry, expert: AssignExpert, declared: ReadonlySet<string>): ConflictKind | null {
  if (entry.submittedBy === expert.id) return "own";
  if (entry.organisationId !== null && expert.organisationIds.includes(entry.organisationId)) return "organisation";
  const city = normaliseCity(expert.city);
  if (city !== "" && city === normaliseCity(entry.city)) return "city";
  if (declared.has(conflictKey(expert.id, entry.id))) return "declared";
  return null;
}

export interface AssignInput {
  /** Admitted, visible entries. */
  entries: readonly AssignEntry[];
  /** Experts who may be given entries (the service passes only those who have declared their conflicts). */
  experts: readonly AssignExpert[];
  conflicts: readonly DeclaredConflict[];
  /** Every assignment already made, whatever its state: kept as it is and counted. */
  existing: readonly ExistingAssignment[];
  /** Experts each entry needs. */
  min: number;
}

export interface AssignResult {
  /** New pairs, in a deterministic order (entry id, then expert id). */
  pairs: Pair[];
  /** Entries left below the minimum, by entry id. */
  short: Shortfall[];
  /** Each expert's load afterwards (existing + new), every expert of the input and every expert with an existing assignment. */
  load: Map<string, number>;
  /** New entries per expert (only experts who got some). */
  added: Map<string, number>;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Tops every entry up to `min` experts, never touching existing assignments (a submitted score, a
 * draft, an untouched assignment all stay where they are and count toward the entry and the load).
 *
 * 1. Greedy: entries with the fewest eligible experts go first (they have the least choice); each
 *    takes, one seat at a time, the eligible expert not yet on it with the lowest load, ties broken
 *    by expert id. Since experts have no capacity limit, an entry reaches `min` exactly when it has
 *    enough eligible experts — the order only matters for evenness.
 * 2. Levelling: the greedy choice can leave an expert two or more above another where conflicts
 *    forced early choices. While some NEW pair (entry → heavy expert) can move to an eligible expert
 *    not on that entry whose load is at least two lower, move it. Each move lowers the sum of squared
 *    loads, so it ends; existing pairs are never moved. For equal inputs the result is the same
 *    (all choices go by load, then id), whatever order the inputs come in.
 */
export function assign(input: AssignInput): AssignResult {
  const min = Math.max(0, Math.floor(input.min));
  const declared = declaredSet(input.conflicts);
  const experts = [...input.experts].sort(byId);
  const entries = [...input.entries].sort(byId);

  const load = new Map<string, number>();
  for (const x of experts) load.set(x.id, 0);
  const onEntry = new Map<string, Set<string>>();
  for (const a of input.existing) {
    load.set(a.expertId, (load.get(a.expertId) ?? 0) + 1);
    let s = onEntry.get(a.entryId);
    if (!s) onEntry.set(a.entryId, (s = new Set()));
    s.add(a.expertId);
  }

  // Eligible experts per entry not already on it (expert objects, in id order).
  const candidates = new Map<string, AssignExpert[]>();
  for (const e of entries) {
    const on = onEntry.get(e.id);
    candidates.set(
      e.id,
      experts.filter((x) => !on?.has(x.id) && conflictOf(e, x, declared) === null),
    );
  }

  const order = entries
    .map((e) => ({ e, have: onEntry.get(e.id)?.size ?? 0, choice: candidates.get(e.id)!.length }))
    .filter((x) => x.have < min)
    .sort((a, b) => a.choice - b.choice || byId(a.e, b.e));

  const newOn = new Map<string, string[]>();
  const short: Shortfall[] = [];
  for (const { e, have } of order) {
    const pool = candidates.get(e.id)!;
    const taken = new Set<string>();
    const chosen: string[] = [];
    for (let seat = have; seat < min; seat++) {
      let best: AssignExpert | null = null;
      let bestLoad = Infinity;
      for (const x of pool) {
        if (taken.has(x.id)) continue;
        const l = load.get(x.id)!;
        if (l < bestLoad) {
          best = x;
          bestLoad = l;
        }
      }
      if (!best) break;
      taken.add(best.id);
      chosen.push(best.id);
      load.set(best.id, bestLoad + 1);
    }
    if (chosen.length) newOn.set(e.id, chosen);
    if (have + chosen.length < min) short.push({ entryId: e.id, have: have + chosen.length, needed: min, reason: "notEnoughExperts" });
  }

  level(newOn, candidates, load);

  const pairs: Pair[] = [];
  const added = new Map<string, number>();
  for (const e of entries) {
    for (const expertId of [...(newOn.get(e.id) ?? [])].sort()) {
      pairs.push({ entryId: e.id, expertId });
      added.set(expertId, (added.get(expertId) ?? 0) + 1);
    }
  }
  short.sort((a, b) => (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0));
  return { pairs, short, load, added };
}

/**
 * Moves new pairs from heavy to light experts while that narrows the spread (see `assign`, step 2).
 * Bounded: each move lowers Σ load² by at least 2, and there are finitely many assignments.
 */
function level(newOn: Map<string, string[]>, candidates: Map<string, AssignExpert[]>, load: Map<string, number>) {
  // Entries (in id order) holding each expert's new pairs.
  const entriesOf = new Map<string, string[]>();
  for (const entryId of [...newOn.keys()].sort()) for (const x of newOn.get(entryId)!) (entriesOf.get(x) ?? entriesOf.set(x, []).get(x)!).push(entryId);
  for (let moved = true; moved; ) {
    moved = false;
    // Heaviest experts first (ties by id), so the top of the spread comes down first.
    const heavy = [...entriesOf.keys()].filter((x) => entriesOf.get(x)!.length > 0).sort((a, b) => load.get(b)! - load.get(a)! || (a < b ? -1 : 1));
    for (const from of heavy) {
      const fromLoad = load.get(from)!;
      for (const entryId of entriesOf.get(from)!) {
        const on = newOn.get(entryId)!;
        let to: string | null = null;
        let toLoad = fromLoad - 1; // must be ≤ fromLoad − 2 to narrow the spread
        for (const x of candidates.get(entryId)!) {
          const l = load.get(x.id)!;
          if (l < toLoad && !on.includes(x.id)) {
            to = x.id;
            toLoad = l;
          }
        }
        if (to === null) continue;
        on[on.indexOf(from)] = to;
        load.set(from, fromLoad - 1);
        load.set(to, toLoad + 1);
        entriesOf.get(from)!.splice(entriesOf.get(from)!.indexOf(entryId), 1);
        (entriesOf.get(to) ?? entriesOf.set(to, []).get(to)!).push(entryId);
        entriesOf.get(to)!.sort();
        moved = true;
        break;
      }
      if (moved) break;
    }
  }
}

/** Experts who could be added to one entry now: eligible, and not on it yet (the organiser's choice for a flagged entry). */
export function eligibleExperts(entry: AssignEntry, experts: readonly AssignExpert[], conflicts: readonly DeclaredConflict[], existing: readonly ExistingAssignment[]): AssignExpert[] {
  const declared = declaredSet(conflicts);
  const on = new Set(existing.filter((a) => a.entryId === entry.id).map((a) => a.expertId));
  return experts.filter((x) => !on.has(x.id) && conflictOf(entry, x, declared) === null);
}

export type AddRefusal = "notFlagged" | "notDeclared" | "alreadyAssigned" | ConflictKind;

/**
 * May the organiser add this expert to this entry (a further opinion on a flagged entry)? Only a
 * flagged entry, only an expert who has declared their conflicts, not already on it, with no conflict.
 */
export function addExpertToEntry(
  entry: AssignEntry & { flagged: boolean },
  expert: AssignExpert & { declared: boolean },
  conflicts: readonly DeclaredConflict[],
  existing: readonly ExistingAssignment[],
): { ok: true } | { ok: false; reason: AddRefusal } {
  if (!entry.flagged) return { ok: false, reason: "notFlagged" };
  if (!expert.declared) return { ok: false, reason: "notDeclared" };
  if (existing.some((a) => a.entryId === entry.id && a.expertId === expert.id)) return { ok: false, reason: "alreadyAssigned" };
  const conflict = conflictOf(entry, expert, declaredSet(conflicts));
  return conflict ? { ok: false, reason: conflict } : { ok: true };
}
