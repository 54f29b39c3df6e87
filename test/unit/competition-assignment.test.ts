import { describe, expect, it } from "vitest";
import {
  addExpertToEntry,
  assign,
  conflictOf,
  declaredSet,
  eligibleExperts,
  normaliseCity,
  type AssignEntry,
  type AssignExpert,
  type AssignInput,
  type ExistingAssignment,
  type Pair,
} from "../../worker/competitions/experts/assignment";

const pad = (n: number) => String(n).padStart(4, "0");
const entry = (i: number, over: Partial<AssignEntry> = {}): AssignEntry => ({ id: `e${pad(i)}`, organisationId: null, city: "", submittedBy: `u-entrant-${i}`, ...over });
const expert = (i: number, over: Partial<AssignExpert> = {}): AssignExpert => ({ id: `x${pad(i)}`, city: "", organisationIds: [], ...over });
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Every rule a result must keep, whatever the input: no conflict, no pair twice, no existing pair repeated. */
function checkRules(input: AssignInput, pairs: Pair[]) {
  const declared = declaredSet(input.conflicts);
  const entries = new Map(input.entries.map((e) => [e.id, e]));
  const experts = new Map(input.experts.map((x) => [x.id, x]));
  const seen = new Set(input.existing.map((a) => `${a.entryId}|${a.expertId}`));
  for (const p of pairs) {
    expect(conflictOf(entries.get(p.entryId)!, experts.get(p.expertId)!, declared), `${p.entryId} → ${p.expertId}`).toBeNull();
    const k = `${p.entryId}|${p.expertId}`;
    expect(seen.has(k), `pair twice: ${k}`).toBe(false);
    seen.add(k);
  }
}

const perEntry = (pairs: Pair[], existing: ExistingAssignment[] = []) => {
  const m = new Map<string, number>();
  for (const p of [...pairs, ...existing]) m.set(p.entryId, (m.get(p.entryId) ?? 0) + 1);
  return m;
};
const spread = (load: Map<string, number>) => Math.max(...load.values()) - Math.min(...load.values());

describe("cities are compared as people write them", () => {
  it("trims, lower-cases, reads ё as е and collapses spaces", () => {
    expect(normaliseCity("  Орёл ")).toBe("орел");
    expect(normaliseCity("ОРЕЛ")).toBe("орел");
    expect(normaliseCity("Нижний   Новгород")).toBe("нижний новгород");
    expect(normaliseCity(null)).toBe("");
  });
});

describe("conflicts of interest, each kind", () => {
  const none = declaredSet([]);
  it("own organisation", () => {
    expect(conflictOf(entry(1, { organisationId: "org-a" }), expert(1, { organisationIds: ["org-b", "org-a"] }), none)).toBe("organisation");
    expect(conflictOf(entry(1, { organisationId: "org-a" }), expert(1, { organisationIds: ["org-b"] }), none)).toBeNull();
    // An entry in a person's own name has no organisation: a member of some organisation is no conflict.
    expect(conflictOf(entry(1, { organisationId: null }), expert(1, { organisationIds: ["org-a"] }), none)).toBeNull();
  });
  it("own city, normalised; an empty city conflicts with nothing", () => {
    expect(conflictOf(entry(1, { city: "Орёл" }), expert(1, { city: " орел" }), none)).toBe("city");
    expect(conflictOf(entry(1, { city: "Казань" }), expert(1, { city: "Орёл" }), none)).toBeNull();
    expect(conflictOf(entry(1, { city: "" }), expert(1, { city: "" }), none)).toBeNull();
    expect(conflictOf(entry(1, { city: "   " }), expert(1, { city: "" }), none)).toBeNull();
    expect(conflictOf(entry(1, { city: "Казань" }), expert(1, { city: "" }), none)).toBeNull();
  });
  it("an entry the expert submitted", () => {
    expect(conflictOf(entry(1, { submittedBy: "x0001" }), expert(1), none)).toBe("own");
  });
  it("a declared conflict", () => {
    expect(conflictOf(entry(1), expert(1), declaredSet([{ expertId: "x0001", entryId: "e0001" }]))).toBe("declared");
    expect(conflictOf(entry(2), expert(1), declaredSet([{ expertId: "x0001", entryId: "e0001" }]))).toBeNull();
  });

  it("assignment never gives an expert a conflicting entry of any kind", () => {
    const input: AssignInput = {
      entries: [
        entry(1, { organisationId: "org-a" }),
        entry(2, { city: "Орёл" }),
        entry(3, { submittedBy: "x0003" }),
        entry(4),
        entry(5, { city: "Казань", organisationId: "org-b" }),
      ],
      experts: [expert(1, { organisationIds: ["org-a"] }), expert(2, { city: "орел" }), expert(3), expert(4), expert(5, { city: "Казань" })],
      conflicts: [{ expertId: "x0004", entryId: "e0004" }],
      existing: [],
      min: 3,
    };
    const r = assign(input);
    checkRules(input, r.pairs);
    const pairsOf = (e: string) => r.pairs.filter((p) => p.entryId === e).map((p) => p.expertId);
    expect(pairsOf("e0001")).not.toContain("x0001");
    expect(pairsOf("e0002")).not.toContain("x0002");
    expect(pairsOf("e0003")).not.toContain("x0003");
    expect(pairsOf("e0004")).not.toContain("x0004");
    expect(pairsOf("e0005")).not.toContain("x0005");
    for (const e of input.entries) expect(pairsOf(e.id)).toHaveLength(3);
    expect(r.short).toEqual([]);
  });
});

describe("minimums and evenness", () => {
  it("every entry gets exactly the minimum, and loads differ by at most one", () => {
    const input: AssignInput = { entries: range(10).map((i) => entry(i)), experts: range(4).map((i) => expert(i)), conflicts: [], existing: [], min: 2 };
    const r = assign(input);
    checkRules(input, r.pairs);
    expect(r.pairs).toHaveLength(20);
    for (const n of perEntry(r.pairs).values()) expect(n).toBe(2);
    expect([...r.load.values()].sort()).toEqual([5, 5, 5, 5]);
    expect(r.added).toEqual(r.load);
  });

  it("stays even when conflicts constrain some entries (constrained entries choose first)", () => {
    // Entries 0–5 are from Орёл, where experts 0 and 1 live: only experts 2–4 may take them.
    const input: AssignInput = {
      entries: [...range(6).map((i) => entry(i, { city: "Орёл" })), ...range(9).map((i) => entry(10 + i))],
      experts: [expert(0, { city: "Орёл" }), expert(1, { city: "орел" }), expert(2), expert(3), expert(4)],
      conflicts: [],
      existing: [],
      min: 2,
    };
    const r = assign(input);
    checkRules(input, r.pairs);
    expect(r.pairs).toHaveLength(30);
    for (const n of perEntry(r.pairs).values()) expect(n).toBe(2);
    expect(spread(r.load)).toBeLessThanOrEqual(1);
  });

  it("most constrained entries choose first", () => {
    // e2 and e3 (from Тверь) may only go to x1; taking them first leaves e1 for x2: loads 2 and 1.
    const input: AssignInput = {
      entries: [entry(1), entry(2, { city: "Тверь" }), entry(3, { city: "Тверь" })],
      experts: [expert(1), expert(2, { city: "Тверь" })],
      conflicts: [],
      existing: [],
      min: 1,
    };
    const r = assign(input);
    checkRules(input, r.pairs);
    expect(r.pairs).toContainEqual({ entryId: "e0001", expertId: "x0002" });
    expect(r.load.get("x0001")).toBe(2);
    expect(r.load.get("x0002")).toBe(1);
  });

  it("the levelling pass evens out what the greedy order cannot", () => {
    // Each entry has two choices, so they go in id order: e1 takes x1 (a tie, by id), e2 takes x2,
    // e3 takes x1 again (x1 and x2 tie at 1) — x1: 2, x3: 0. Levelling moves e1 over to x3.
    const input: AssignInput = {
      entries: [entry(1), entry(2), entry(3)],
      experts: [expert(1), expert(2), expert(3)],
      conflicts: [
        { expertId: "x0002", entryId: "e0001" },
        { expertId: "x0003", entryId: "e0002" },
        { expertId: "x0003", entryId: "e0003" },
      ],
      existing: [],
      min: 1,
    };
    const r = assign(input);
    checkRules(input, r.pairs);
    expect(r.pairs).toEqual([
      { entryId: "e0001", expertId: "x0003" },
      { entryId: "e0002", expertId: "x0002" },
      { entryId: "e0003", expertId: "x0001" },
    ]);
    expect(spread(r.load)).toBe(0);
  });

  it("reports entries that cannot reach the minimum, and still gives them every eligible expert", () => {
    const input: AssignInput = {
      entries: [entry(1, { city: "Казань" }), entry(2), entry(3, { organisationId: "org" })],
      experts: [expert(1, { city: "Казань" }), expert(2, { city: "казань" }), expert(3, { organisationIds: ["org"] }), expert(4)],
      conflicts: [{ expertId: "x0004", entryId: "e0003" }],
      existing: [],
      min: 3,
    };
    const r = assign(input);
    checkRules(input, r.pairs);
    const got = perEntry(r.pairs);
    expect(got.get("e0001")).toBe(2); // x3, x4
    expect(got.get("e0002")).toBe(3);
    expect(got.get("e0003")).toBe(2); // x1, x2
    expect(r.short).toEqual([
      { entryId: "e0001", have: 2, needed: 3, reason: "notEnoughExperts" },
      { entryId: "e0003", have: 2, needed: 3, reason: "notEnoughExperts" },
    ]);
  });

  it("no experts at all: nothing assigned, every entry reported", () => {
    const r = assign({ entries: [entry(1), entry(2)], experts: [], conflicts: [], existing: [], min: 2 });
    expect(r.pairs).toEqual([]);
    expect(r.short.map((s) => [s.entryId, s.have])).toEqual([
      ["e0001", 0],
      ["e0002", 0],
    ]);
  });

  it("min 0 or no entries: nothing to do", () => {
    expect(assign({ entries: [entry(1)], experts: [expert(1)], conflicts: [], existing: [], min: 0 }).pairs).toEqual([]);
    expect(assign({ entries: [], experts: [expert(1)], conflicts: [], existing: [], min: 3 }).pairs).toEqual([]);
  });
});

describe("running again", () => {
  it("keeps every existing pair, tops up only, and a late expert takes the new load", () => {
    const entries = range(12).map((i) => entry(i));
    const first = assign({ entries, experts: range(3).map((i) => expert(i)), conflicts: [], existing: [], min: 2 });
    expect(first.pairs).toHaveLength(24);
    // Some scores are in; one expert later declared a conflict on an entry, which took that pair away.
    const existing: ExistingAssignment[] = first.pairs
      .filter((p) => !(p.entryId === "e0005" && p.expertId === first.pairs.find((q) => q.entryId === "e0005")!.expertId))
      .map((p, i) => ({ ...p, status: i % 3 === 0 ? "submitted" : i % 3 === 1 ? "draft" : "assigned" }));
    const removed = first.pairs.find((q) => q.entryId === "e0005")!;
    // Twelve more entries were admitted late, and a late expert (x0009) arrived.
    const more = [...entries, ...range(12).map((i) => entry(100 + i))];
    const input: AssignInput = {
      entries: more,
      experts: [...range(3).map((i) => expert(i)), expert(9)],
      conflicts: [{ expertId: removed.expertId, entryId: removed.entryId }],
      existing,
      min: 2,
    };
    const again = assign(input);
    checkRules(input, again.pairs);
    // Nothing existing comes back as new; old entries get nothing but the one missing seat.
    const oldNew = again.pairs.filter((p) => entries.some((e) => e.id === p.entryId));
    expect(oldNew).toHaveLength(1);
    expect(oldNew[0].entryId).toBe("e0005");
    expect(oldNew[0].expertId).not.toBe(removed.expertId);
    // 12 new entries × 2 + 1 = 25 new pairs; the late expert, who started at 0, takes the most.
    expect(again.pairs).toHaveLength(25);
    const all = perEntry(again.pairs, existing);
    for (const e of more) expect(all.get(e.id)).toBe(2);
    expect(again.added.get("x0009")).toBeGreaterThanOrEqual(Math.max(...[...again.added].filter(([x]) => x !== "x0009").map(([, n]) => n)));
    expect(spread(again.load)).toBeLessThanOrEqual(1);
    // A third run with nothing changed adds nothing.
    const settled = [...existing, ...again.pairs.map((p) => ({ ...p, status: "assigned" as const }))];
    expect(assign({ ...input, existing: settled }).pairs).toEqual([]);
  });

  it("an existing assignment that is now a conflict stays (the scores are not disturbed) and counts", () => {
    const r = assign({
      entries: [entry(1)],
      experts: [expert(1), expert(2), expert(3)],
      conflicts: [{ expertId: "x0001", entryId: "e0001" }],
      existing: [{ entryId: "e0001", expertId: "x0001", status: "submitted" }],
      min: 2,
    });
    expect(r.pairs).toEqual([{ entryId: "e0001", expertId: "x0002" }]);
    expect(r.load.get("x0001")).toBe(1);
  });
});

describe("determinism", () => {
  it("the same input in any order gives the same pairs", () => {
    const entries = range(40).map((i) => entry(i, { city: i % 4 === 0 ? "Тверь" : "", organisationId: i % 5 === 0 ? "org" : null }));
    const experts = range(7).map((i) => expert(i, { city: i === 2 ? "тверь" : "", organisationIds: i === 3 ? ["org"] : [] }));
    const conflicts = [
      { expertId: "x0001", entryId: "e0007" },
      { expertId: "x0005", entryId: "e0011" },
    ];
    const a = assign({ entries, experts, conflicts, existing: [], min: 3 });
    const shuffled = <T,>(xs: T[]) => xs.map((x, i) => [((i * 7919) % 101) + i / 1000, x] as const).sort((p, q) => p[0] - q[0]).map(([, x]) => x);
    const b = assign({ entries: shuffled(entries), experts: shuffled(experts), conflicts: [...conflicts].reverse(), existing: [], min: 3 });
    expect(b.pairs).toEqual(a.pairs);
    expect(b.short).toEqual(a.short);
  });
});

describe("scale", () => {
  it("500 entries × 50 experts × 3: every rule kept, every entry at three, loads within one", () => {
    const cities = ["Москва", "Казань", "Новосибирск", "Орёл", "Тверь", "Минск", "Алматы", "Бишкек", "Ереван", "Ташкент"];
    const entries = range(500).map((i) => entry(i, { city: cities[i % 10], organisationId: `org-${i % 37}`, submittedBy: i % 97 === 0 ? `x${pad(i % 50)}` : `u-${i}` }));
    const experts = range(50).map((i) => expert(i, { city: i % 3 === 0 ? cities[i % 10] : "", organisationIds: i % 4 === 0 ? [`org-${i % 37}`] : [] }));
    const conflicts = range(200).map((i) => ({ expertId: `x${pad(i % 50)}`, entryId: `e${pad((i * 13) % 500)}` }));
    const input: AssignInput = { entries, experts, conflicts, existing: [], min: 3 };
    const r = assign(input);
    checkRules(input, r.pairs);
    expect(r.pairs).toHaveLength(1500);
    expect(r.short).toEqual([]);
    for (const n of perEntry(r.pairs).values()) expect(n).toBe(3);
    expect(spread(r.load)).toBeLessThanOrEqual(1);
  });
});

describe("adding an expert to a flagged entry", () => {
  const flagged = { ...entry(1, { city: "Орёл", organisationId: "org" }), flagged: true };
  const ok = { ...expert(5), declared: true };
  it("an eligible, declared expert not yet on it", () => {
    expect(addExpertToEntry(flagged, ok, [], [])).toEqual({ ok: true });
  });
  it("refused for each reason", () => {
    expect(addExpertToEntry({ ...flagged, flagged: false }, ok, [], [])).toEqual({ ok: false, reason: "notFlagged" });
    expect(addExpertToEntry(flagged, { ...ok, declared: false }, [], [])).toEqual({ ok: false, reason: "notDeclared" });
    expect(addExpertToEntry(flagged, ok, [], [{ entryId: "e0001", expertId: "x0005", status: "submitted" }])).toEqual({ ok: false, reason: "alreadyAssigned" });
    expect(addExpertToEntry(flagged, { ...ok, city: "орёл" }, [], [])).toEqual({ ok: false, reason: "city" });
    expect(addExpertToEntry(flagged, { ...ok, organisationIds: ["org"] }, [], [])).toEqual({ ok: false, reason: "organisation" });
    expect(addExpertToEntry({ ...flagged, submittedBy: "x0005" }, ok, [], [])).toEqual({ ok: false, reason: "own" });
    expect(addExpertToEntry(flagged, ok, [{ expertId: "x0005", entryId: "e0001" }], [])).toEqual({ ok: false, reason: "declared" });
  });
  it("the choice offered: eligible experts not on the entry", () => {
    const experts = [expert(1), expert(2, { city: "Орёл" }), expert(3), expert(4, { organisationIds: ["org"] })];
    const got = eligibleExperts(flagged, experts, [{ expertId: "x0003", entryId: "e0002" }], [{ entryId: "e0001", expertId: "x0001", status: "submitted" }]);
    expect(got.map((x) => x.id)).toEqual(["x0003"]);
  });
});
