import { describe, expect, it } from "vitest";
import { rankNomination, tieBreakOrder, type RankingEntry, type RankingSettings } from "../../worker/competitions/results/ranking";

/** The result of one nomination: normalisation, weighting, decimal rounding, places, tie-breaks, winners. */

const base: RankingSettings = {
  juryWeight: 70,
  publicWeight: 30,
  juryNormalisation: "scale",
  publicNormalisation: "leader",
  precision: 2,
  tieBreak: ["jury", "public", "earlier"],
  winners: 1,
  minExperts: 3,
};

const T0 = Date.UTC(2026, 4, 1);
const entry = (id: string, juryScore: number | null, votes: number, over: Partial<RankingEntry> = {}): RankingEntry => ({
  id,
  juryScore,
  juryExperts: juryScore === null ? 0 : 3,
  votes,
  createdAt: T0 + id.charCodeAt(0),
  ...over,
});

/** id → the fields under test, in the order returned. */
const table = (list: ReturnType<typeof rankNomination>, fields: (keyof ReturnType<typeof rankNomination>[number])[]) =>
  list.map((e) => [e.id, ...fields.map((f) => e[f])]);

const ABC = [entry("A", 80, 50), entry("B", 90, 10), entry("C", 60, 100)];

describe("rankNomination: parts and totals", () => {
  it("jury as is, votes against the leader, 70/30: known numbers, best first", () => {
    const r = rankNomination(ABC, base);
    expect(table(r, ["juryPart", "publicPart", "total", "rank", "winner", "decidedBy"])).toEqual([
      ["C", 60, 100, 72, 1, true, null],
      ["A", 80, 50, 71, 2, false, null],
      ["B", 90, 10, 66, 3, false, null],
    ]);
  });

  it("votes as a share of the nomination's votes; halves rounded away from zero", () => {
    const r = rankNomination(ABC, { ...base, publicNormalisation: "share" });
    // 160 votes: A 31.25 %, B 6.25 %, C 62.5 %. A: 56 + 9.375 = 65.375 → 65.38; B: 63 + 1.875 = 64.875 → 64.88.
    expect(table(r, ["publicPart", "total", "rank"])).toEqual([
      ["A", 31.25, 65.38, 1],
      ["B", 6.25, 64.88, 2],
      ["C", 62.5, 60.75, 3],
    ]);
  });

  it("the total is computed from the parts as rounded, so a reader can check it from the table", () => {
    const r = rankNomination(ABC, { ...base, publicNormalisation: "share", precision: 1 });
    // A: public 31.25 → 31.3; 0.7·80 + 0.3·31.3 = 65.39 → 65.4 (from the unrounded part it would be 65.375 → 65.4 too);
    // B: public 6.25 → 6.3; 63 + 1.89 = 64.89 → 64.9; C: 62.5; 42 + 18.75 = 60.75 → 60.8.
    expect(table(r, ["juryPart", "publicPart", "total"])).toEqual([
      ["A", 80, 31.3, 65.4],
      ["B", 90, 6.3, 64.9],
      ["C", 60, 62.5, 60.8],
    ]);
    for (const e of r) expect(e.total).toBe(Math.round((0.7 * e.juryPart + 0.3 * e.publicPart) * 10 + 1e-9) / 10);
  });

  it("jury against the best score of the nomination", () => {
    const r = rankNomination(ABC, { ...base, juryNormalisation: "leader" });
    // B 100; A 80/90 = 88.888… → 88.89; C 60/90 = 66.666… → 66.67.
    // A: 0.7·88.89 + 15 = 77.223 → 77.22; C: 46.669 + 30 = 76.669 → 76.67; B: 70 + 3 = 73.
    expect(table(r, ["juryPart", "publicPart", "total", "rank"])).toEqual([
      ["A", 88.89, 50, 77.22, 1],
      ["C", 66.67, 100, 76.67, 2],
      ["B", 100, 10, 73, 3],
    ]);
  });

  it("decimal-safe: 70 % of 50.15 is 35.105, which rounds to 35.11 (binary arithmetic rounds it to 35.1)", () => {
    expect(Math.round(((70 * 50.15) / 100) * 100) / 100).toBe(35.1);
    const [a] = rankNomination([entry("A", 50.15, 0)], base);
    expect(a.total).toBe(35.11);
    const [b] = rankNomination([entry("B", 2.675, 0)], { ...base, juryWeight: 100, publicWeight: 0 });
    expect(b.total).toBe(2.68);
  });

  it("precision 0: whole numbers, halves up", () => {
    const r = rankNomination([entry("A", 84.5, 1), entry("B", 70.4, 3)], { ...base, precision: 0 });
    // A: jury 84.5 → 85, public 1/3 → 33; 59.5 + 9.9 = 69.4 → 69. B: 70, 100; 49 + 30 = 79.
    expect(table(r, ["juryPart", "publicPart", "total", "rank"])).toEqual([
      ["B", 70, 100, 79, 1],
      ["A", 85, 33, 69, 2],
    ]);
    for (const e of r) for (const v of [e.juryPart, e.publicPart, e.total]) expect(Number.isInteger(v)).toBe(true);
  });

  it("weights 100/0: the jury alone decides (votes only as a tie-break)", () => {
    const r = rankNomination(ABC, { ...base, juryWeight: 100, publicWeight: 0 });
    expect(table(r, ["total", "rank"])).toEqual([
      ["B", 90, 1],
      ["A", 80, 2],
      ["C", 60, 3],
    ]);
  });

  it("weights 0/100: the public alone decides", () => {
    const r = rankNomination(ABC, { ...base, juryWeight: 0, publicWeight: 100 });
    expect(table(r, ["total", "rank"])).toEqual([
      ["C", 100, 1],
      ["A", 50, 2],
      ["B", 10, 3],
    ]);
  });
});

describe("rankNomination: edge cases", () => {
  it("no votes at all: public parts 0 under either normalisation (no division by zero), the jury decides", () => {
    for (const publicNormalisation of ["leader", "share"] as const) {
      const r = rankNomination([entry("A", 70, 0), entry("B", 75, 0)], { ...base, publicNormalisation });
      expect(table(r, ["publicPart", "total", "rank"])).toEqual([
        ["B", 0, 52.5, 1],
        ["A", 0, 49, 2],
      ]);
    }
  });

  it("an entry without a jury score: jury part 0, said so, and reported as scored by too few experts", () => {
    const r = rankNomination([entry("A", null, 100), entry("B", 50, 100)], base);
    const a = r.find((e) => e.id === "A")!;
    expect(a).toMatchObject({ juryScore: null, juryPart: 0, publicPart: 100, total: 30, juryMissing: true, fewerExperts: true, rank: 2 });
    expect(r.find((e) => e.id === "B")).toMatchObject({ juryMissing: false, fewerExperts: false, total: 65, rank: 1 });
  });

  it("one expert missing: the mean of the experts who scored counts as it is, and the entry is reported", () => {
    const r = rankNomination([entry("A", 64.5, 10, { juryExperts: 2 }), entry("B", 60, 10)], base);
    expect(r[0]).toMatchObject({ id: "A", juryPart: 64.5, fewerExperts: true, juryMissing: false });
    expect(r[1]).toMatchObject({ id: "B", fewerExperts: false });
    // Without a minimum nothing is reported.
    expect(rankNomination([entry("A", 64.5, 10, { juryExperts: 2 })], { ...base, minExperts: undefined })[0].fewerExperts).toBe(false);
  });

  it("leader normalisation with a leader of 0: every part 0, nobody divided by zero", () => {
    const r = rankNomination([entry("A", 0, 0), entry("B", null, 0)], { ...base, juryNormalisation: "leader", publicNormalisation: "leader" });
    for (const e of r) expect([e.juryPart, e.publicPart, e.total]).toEqual([0, 0, 0]);
    // The jury tie-break still tells a score of 0 from no score.
    expect(table(r, ["rank", "decidedBy"])).toEqual([
      ["A", 1, null],
      ["B", 2, "jury"],
    ]);
  });

  it("all equal and nothing tells them apart: they share place 1 and all are winners (a tie is not broken by chance)", () => {
    const same = ["A", "B", "C"].map((id) => entry(id, 70, 5, { createdAt: T0 }));
    const r = rankNomination(same, { ...base, winners: 1 });
    expect(table(r, ["rank", "winner", "decidedBy"])).toEqual([
      ["A", 1, true, null],
      ["B", 1, true, null],
      ["C", 1, true, null],
    ]);
  });

  it("all equal but submitted at different times: 'earlier' orders them", () => {
    const same = [entry("A", 70, 5, { createdAt: T0 + 3 }), entry("B", 70, 5, { createdAt: T0 + 1 }), entry("C", 70, 5, { createdAt: T0 + 2 })];
    expect(table(rankNomination(same, base), ["rank", "winner", "decidedBy"])).toEqual([
      ["B", 1, true, null],
      ["C", 2, false, "earlier"],
      ["A", 3, false, "earlier"],
    ]);
  });

  it("standard competition ranking: 1, 1, 3 — and two winners when the tie is on the last winning place", () => {
    const list = [entry("A", 80, 0, { createdAt: T0 }), entry("B", 80, 0, { createdAt: T0 }), entry("C", 50, 0)];
    const r = rankNomination(list, { ...base, tieBreak: ["jury", "public"], winners: 1 });
    expect(table(r, ["rank", "winner"])).toEqual([
      ["A", 1, true],
      ["B", 1, true],
      ["C", 3, false],
    ]);
  });

  it("no entries: nothing", () => {
    expect(rankNomination([], base)).toEqual([]);
  });
});

describe("rankNomination: tie-breaks", () => {
  // 50/50, jury as is, votes against the leader (L has 100): A = 35 + 25 = 60, B = 30 + 30 = 60.
  const tied = [entry("L", 20, 100, { createdAt: T0 }), entry("A", 70, 50, { createdAt: T0 + 20 }), entry("B", 60, 60, { createdAt: T0 + 10 })];
  const half = { ...base, juryWeight: 50, publicWeight: 50, winners: 2 };

  it("broken by the jury: the higher jury score goes first, and the row says why", () => {
    const r = rankNomination(tied, { ...half, tieBreak: ["jury", "public", "earlier"] });
    expect(table(r, ["total", "rank", "winner", "decidedBy"])).toEqual([
      ["A", 60, 1, true, null],
      ["B", 60, 2, true, "jury"],
      ["L", 60, 3, false, "jury"],
    ]);
  });

  it("broken by the public: more votes go first", () => {
    const r = rankNomination(tied, { ...half, tieBreak: ["public", "jury"] });
    expect(table(r, ["rank", "decidedBy"])).toEqual([
      ["L", 1, null],
      ["B", 2, "public"],
      ["A", 3, "public"],
    ]);
  });

  it("broken by the earlier entry", () => {
    const r = rankNomination(tied, { ...half, tieBreak: ["earlier"] });
    expect(table(r, ["rank", "decidedBy"])).toEqual([
      ["L", 1, null],
      ["B", 2, "earlier"],
      ["A", 3, "earlier"],
    ]);
  });

  it("a later tie-break decides when the earlier ones are equal too", () => {
    const r = rankNomination([entry("A", 60, 10, { createdAt: T0 + 5 }), entry("B", 60, 10, { createdAt: T0 + 1 })], { ...base, tieBreak: ["jury", "public", "earlier"] });
    expect(table(r, ["rank", "decidedBy"])).toEqual([
      ["B", 1, null],
      ["A", 2, "earlier"],
    ]);
  });

  it("totals that differ only beyond the precision are tied (the page would show the same number)", () => {
    // 0.7·80.004 = 56.0028 → 56; 0.7·80.001 = 56.0007 → 56 (precision 0).
    const r = rankNomination([entry("A", 80.001, 0), entry("B", 80.004, 0)], { ...base, precision: 0 });
    expect(table(r, ["total", "rank", "decidedBy"])).toEqual([
      ["B", 56, 1, null],
      ["A", 56, 2, "jury"],
    ]);
  });

  it("the tie-break order ignores repeats and unknown keys", () => {
    expect(tieBreakOrder(["public", "jury", "public", "lottery", "earlier"])).toEqual(["public", "jury", "earlier"]);
  });
});

describe("rankNomination: settings outside the rule are a programming error", () => {
  it.each([
    { precision: -1 },
    { precision: 7 },
    { precision: 1.5 },
    { juryWeight: 101 },
    { publicWeight: -1 },
    { winners: -1 },
  ])("%o throws", (over) => {
    expect(() => rankNomination(ABC, { ...base, ...over })).toThrow(RangeError);
  });
});
