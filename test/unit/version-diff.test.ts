import { diffWordsWithSpace } from "diff";
import { describe, expect, it } from "vitest";
import type { DraftClause, VersionClause } from "../../worker/consultations/clause-types";
import { diffVersions, type DiffEntry } from "../../worker/consultations/versions/diff";
import { MIN_KEPT, wordDiff, type WordSegment } from "../../worker/consultations/versions/word-diff";

const c = (number: string, text: string, over: Partial<DraftClause> = {}): DraftClause => ({ kind: "clause", number, depth: number.includes(".") ? 1 : 0, text, addressees: [], ...over });
const h = (text: string) => c("", text, { kind: "heading" });
/** A stored version: clause k gets the given lineage (a letter or name), ids unique per version. */
const version = (tag: string, clauses: [string, DraftClause][]): VersionClause[] => clauses.map(([lineage, x], i) => ({ ...x, id: `${tag}-${i}`, position: i, lineage }));

const H = h("Участники секции «Город соседей» РЕКОМЕНДУЮТ:");
const C1 = c("1", "Мэрии города Новосибирска продолжить работу по реализации Стратегии развития ТОС.", { addressees: ["Мэрии города Новосибирска"] });
const C2 = c("2", "Провести работу по организации конкурса социально-значимых проектов.");
const C3 = c("3", "Провести обучение активистов в формате «Школа ТОС».");
const C4 = c("4", "Активу ТОС привлекать молодёжь к деятельности ТОС.");
const BASE: [string, DraftClause][] = [["h", H], ["c1", C1], ["c2", C2], ["c3", C3], ["c4", C4]];
const A = version("a", BASE);

/** Compact view of the entries: lineage, status, moved flag, changed fields. */
const shape = (entries: DiffEntry[]) => entries.map((e) => `${(e.after ?? e.before)!.lineage}:${e.status}${e.moved ? "+moved" : ""}${e.fields.length ? `(${e.fields.join(",")})` : ""}`);

describe("wordDiff", () => {
  it("treats Cyrillic words as words (jsdiff's own diffWordsWithSpace splits them into letters)", () => {
    expect(diffWordsWithSpace("Мэрии города Новосибирска", "Мэрии города Тюмени").length).toBeGreaterThan(3);
    expect(wordDiff("Мэрии города Новосибирска", "Мэрии города Тюмени")).toEqual([
      { op: "same", text: "Мэрии города " },
      { op: "del", text: "Новосибирска" },
      { op: "add", text: "Тюмени" },
    ]);
  });

  it("reads a replacement of several words as one del and one add, whitespace inside them", () => {
    expect(wordDiff("Мэрии города Новосибирска, активу ТОС продолжить работу.", "Мэрии города Тюмени и активу ТОС продолжить работу.")).toEqual([
      { op: "same", text: "Мэрии города " },
      { op: "del", text: "Новосибирска," },
      { op: "add", text: "Тюмени и" },
      { op: "same", text: " активу ТОС продолжить работу." },
    ]);
    expect(wordDiff("провести до 2030 года семинар", "провести до 2035 года круглый стол")).toEqual([
      { op: "same", text: "провести до " },
      { op: "del", text: "2030" },
      { op: "add", text: "2035" },
      { op: "same", text: " года " },
      { op: "del", text: "семинар" },
      { op: "add", text: "круглый стол" },
    ]);
  });

  it("shows a rewritten text as the old one deleted and the new one added", () => {
    const before = "Провести работу по организации конкурса социально-значимых проектов.";
    const after = "Утвердить положение о премии «Лучший ТОС года» до 1 марта.";
    expect(wordDiff(before, after)).toEqual([
      { op: "del", text: before },
      { op: "add", text: after },
    ]);
    expect(MIN_KEPT).toBeGreaterThan(0);
  });

  it("handles empty and identical texts and keeps line breaks", () => {
    expect(wordDiff("", "")).toEqual([]);
    expect(wordDiff("текст", "текст")).toEqual([{ op: "same", text: "текст" }]);
    expect(wordDiff("", "новый")).toEqual([{ op: "add", text: "новый" }]);
    expect(wordDiff("старый", "")).toEqual([{ op: "del", text: "старый" }]);
    expect(wordDiff("первая строка\nвторая строка", "первая строка\nтретья строка")).toEqual([
      { op: "same", text: "первая строка\n" },
      { op: "del", text: "вторая" },
      { op: "add", text: "третья" },
      { op: "same", text: " строка" },
    ]);
  });

  it("always rebuilds both texts from its segments", () => {
    const words = "Мэрии города Новосибирска продолжить работу по реализации Стратегии развития ТОС до 2030 года, в том числе «Школа ТОС».".split(" ");
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let k = 0; k < 200; k++) {
      const edited = [...words];
      for (let e = rnd(5); e >= 0; e--) {
        const at = rnd(edited.length);
        const op = rnd(3);
        if (op === 0) edited.splice(at, 1);
        else if (op === 1) edited.splice(at, 0, ["и", "мэрии", "2035", "—", "Тюмени,"][rnd(5)]);
        else edited[at] = edited[at].toUpperCase();
      }
      const after = edited.join(rnd(4) === 0 ? "\n" : " ");
      const before = words.join(" ");
      const segs: WordSegment[] = wordDiff(before, after);
      expect(segs.filter((s) => s.op !== "add").map((s) => s.text).join("")).toBe(before);
      expect(segs.filter((s) => s.op !== "del").map((s) => s.text).join("")).toBe(after);
      // Never two pieces of the same kind in a row.
      segs.slice(1).forEach((s, i) => expect(s.op === segs[i].op).toBe(false));
    }
  });
});

describe("diffVersions", () => {
  it("identical versions: everything the same, no words computed", () => {
    const d = diffVersions(A, version("b", BASE));
    expect(shape(d.entries)).toEqual(["h:same", "c1:same", "c2:same", "c3:same", "c4:same"]);
    expect(d.counts).toEqual({ same: 5, changed: 0, added: 0, removed: 0, moved: 0 });
    expect(d.entries.every((e) => e.words === null && e.before && e.after)).toBe(true);
  });

  it("one clause edited: changed with its exact word segments", () => {
    const b = version("b", [["h", H], ["c1", { ...C1, text: "Мэрии города Тюмени продолжить работу по реализации Стратегии развития ТОС." }], ["c2", C2], ["c3", C3], ["c4", C4]]);
    const d = diffVersions(A, b);
    expect(shape(d.entries)).toEqual(["h:same", "c1:changed(text)", "c2:same", "c3:same", "c4:same"]);
    expect(d.entries[1].words).toEqual([
      { op: "same", text: "Мэрии города " },
      { op: "del", text: "Новосибирска" },
      { op: "add", text: "Тюмени" },
      { op: "same", text: " продолжить работу по реализации Стратегии развития ТОС." },
    ]);
    expect(d.entries[1].before!.id).toBe("a-1");
    expect(d.entries[1].after!.id).toBe("b-1");
    expect(d.counts).toEqual({ same: 4, changed: 1, added: 0, removed: 0, moved: 0 });
  });

  it("says which fields changed: addressees and kind", () => {
    const b = version("b", [["h", H], ["c1", { ...C1, addressees: ["Мэрии города Новосибирска", "Активу ТОС"] }], ["c2", { ...C2, kind: "item" }], ["c3", C3], ["c4", C4]]);
    expect(shape(diffVersions(A, b).entries)).toEqual(["h:same", "c1:changed(addressees)", "c2:changed(kind)", "c3:same", "c4:same"]);
  });

  it("added at the start, in the middle and at the end", () => {
    const n = (t: string) => c("", t, { kind: "text" });
    const b = version("b", [["x", n("Преамбула.")], ["h", H], ["c1", C1], ["y", c("1.1", "Новый подпункт.")], ["c2", C2], ["c3", C3], ["c4", C4], ["z", c("5", "Последний пункт.")]]);
    const d = diffVersions(A, b);
    expect(shape(d.entries)).toEqual(["x:added", "h:same", "c1:same", "y:added", "c2:same", "c3:same", "c4:same", "z:added"]);
    expect(d.entries[0].before).toBeNull();
    expect(d.counts).toEqual({ same: 5, changed: 0, added: 3, removed: 0, moved: 0 });
  });

  it("removed clauses stay where they were: after the clause they followed, or first", () => {
    const d = diffVersions(A, version("b", [["c1", C1], ["c2", C2], ["c4", C4]]));
    expect(shape(d.entries)).toEqual(["h:removed", "c1:same", "c2:same", "c3:removed", "c4:same"]);
    expect(d.entries[0].after).toBeNull();
    expect(d.counts).toEqual({ same: 3, changed: 0, added: 0, removed: 2, moved: 0 });
    expect(shape(diffVersions(A, version("b", [["h", H], ["c1", C1]])).entries)).toEqual(["h:same", "c1:same", "c2:removed", "c3:removed", "c4:removed"]);
  });

  it("a replaced clause reads as the old one removed, then the new one added", () => {
    const d = diffVersions(A, version("b", [["h", H], ["c1", C1], ["new", c("2", "Совсем другой пункт.")], ["c3", C3], ["c4", C4]]));
    expect(shape(d.entries)).toEqual(["h:same", "c1:same", "c2:removed", "new:added", "c3:same", "c4:same"]);
  });

  it("two clauses swapped: the longest common subsequence keeps 2 in place and 3 is the one moved", () => {
    const d = diffVersions(A, version("b", [["h", H], ["c1", C1], ["c3", C3], ["c2", C2], ["c4", C4]]));
    expect(shape(d.entries)).toEqual(["h:same", "c1:same", "c3:same+moved", "c2:same", "c4:same"]);
    expect(d.counts).toEqual({ same: 4, changed: 0, added: 0, removed: 0, moved: 1 });
    // Swapped and renumbered: the moved one is moved and changed, the other changed in place.
    const r = diffVersions(A, version("b", [["h", H], ["c1", C1], ["c3", { ...C3, number: "2" }], ["c2", { ...C2, number: "3" }], ["c4", C4]]));
    expect(shape(r.entries)).toEqual(["h:same", "c1:same", "c3:changed+moved(number)", "c2:changed(number)", "c4:same"]);
    expect(r.counts).toEqual({ same: 3, changed: 2, added: 0, removed: 0, moved: 1 });
  });

  it("a clause moved from the end to the start is the only one moved", () => {
    const d = diffVersions(A, version("b", [["c4", C4], ["h", H], ["c1", C1], ["c2", C2], ["c3", C3]]));
    expect(shape(d.entries)).toEqual(["c4:same+moved", "h:same", "c1:same", "c2:same", "c3:same"]);
  });

  it("renumbered only: the number changed, the text did not, no word diff", () => {
    const d = diffVersions(A, version("b", [["h", H], ["c1", C1], ["c2", { ...C2, number: "3" }], ["c3", { ...C3, number: "4" }], ["c4", { ...C4, number: "5" }]]));
    expect(shape(d.entries)).toEqual(["h:same", "c1:same", "c2:changed(number)", "c3:changed(number)", "c4:changed(number)"]);
    expect(d.entries[2].words).toBeNull();
  });

  it("headings: a renamed heading is changed, a new section's heading is added", () => {
    const H2 = h("Участники секции «Город патриотов» РЕКОМЕНДУЮТ:");
    const d = diffVersions(A, version("b", [["h", { ...H, text: "Участники секции «Город соседей» (ТОС) РЕКОМЕНДУЮТ:" }], ["c1", C1], ["c2", C2], ["c3", C3], ["c4", C4], ["h2", H2], ["p1", c("1", "Мэрии города Новосибирска:")]]));
    expect(shape(d.entries)).toEqual(["h:changed(text)", "c1:same", "c2:same", "c3:same", "c4:same", "h2:added", "p1:added"]);
    expect(d.entries[0].words).toEqual([
      { op: "same", text: "Участники секции «Город соседей» " },
      { op: "add", text: "(ТОС) " },
      { op: "same", text: "РЕКОМЕНДУЮТ:" },
    ]);
  });

  it("seed-004 shape: a smaller section moved before a larger one is what moved; numbering restarts per section", () => {
    // Section P (heading + 2 clauses) moved before section S (heading + 4 clauses); P's clause 2 also edited, one S clause removed.
    const P: [string, DraftClause][] = [["ph", h("Участники секции «Город патриотов» РЕКОМЕНДУЮТ:")], ["p1", c("1", "Мэрии города Новосибирска: организовать работу по популяризации патриотических проектов.")], ["p2", c("2", "Городскому совету ветеранов сформировать план мероприятий.")]];
    const a = version("a", [...BASE, ...P]);
    const b = version("b", [P[0], P[1], ["p2", c("2", "Городскому совету ветеранов сформировать план городских мероприятий.")], ["h", H], ["c1", C1], ["c2", C2], ["c4", { ...C4, number: "3" }]]);
    const d = diffVersions(a, b);
    expect(shape(d.entries)).toEqual(["ph:same+moved", "p1:same+moved", "p2:changed+moved(text)", "h:same", "c1:same", "c2:same", "c3:removed", "c4:changed(number)"]);
    expect(d.counts).toEqual({ same: 3, changed: 2, added: 0, removed: 1, moved: 3 });
    expect(d.entries[2].words).toEqual([
      { op: "same", text: "Городскому совету ветеранов сформировать план " },
      { op: "add", text: "городских " },
      { op: "same", text: "мероприятий." },
    ]);
  });

  it("empty versions", () => {
    expect(diffVersions([], [])).toEqual({ entries: [], counts: { same: 0, changed: 0, added: 0, removed: 0, moved: 0 } });
    expect(shape(diffVersions([], A).entries)).toEqual(["h:added", "c1:added", "c2:added", "c3:added", "c4:added"]);
    expect(shape(diffVersions(A, []).entries)).toEqual(["h:removed", "c1:removed", "c2:removed", "c3:removed", "c4:removed"]);
  });

  it("orders by position whatever order the rows come in", () => {
    const b = version("b", [["h", H], ["c1", C1], ["c3", C3], ["c2", C2], ["c4", C4]]);
    expect(shape(diffVersions([...A].reverse(), [...b].reverse()).entries)).toEqual(["h:same", "c1:same", "c3:same+moved", "c2:same", "c4:same"]);
  });

  it("two 300-clause versions (every tenth clause edited, some added, removed and moved) diff in a few milliseconds", () => {
    const text = (i: number) => `Мэрии города Новосибирска в ${2025 + (i % 5)} году провести работу № ${i} по реализации Стратегии развития ТОС, включая обучение активистов, председателей советов ТОС и экспертов по оценке проектов, а также круглые столы по обмену опытом.`;
    const a = Array.from({ length: 300 }, (_, i) => ({ ...c(String(i + 1), text(i)), id: `a${i}`, position: i, lineage: `L${i}` }));
    const bClauses = a.filter((_, i) => i % 37 !== 5).map((x, i) => ({ ...x, id: `b${i}`, text: i % 10 === 0 ? x.text.replace("Новосибирска", "Тюмени").replace("круглые столы", "семинары") : x.text }));
    // Move five clauses to the end, add five new ones.
    const moved = bClauses.splice(20, 5);
    bClauses.push(...moved, ...Array.from({ length: 5 }, (_, k) => ({ ...c("", `Новый пункт ${k}.`), id: `n${k}`, position: 0, lineage: `N${k}` })));
    const b = bClauses.map((x, i) => ({ ...x, position: i }));
    diffVersions(a, b); // warm-up (JIT)
    const runs = 20;
    const t0 = performance.now();
    let d = diffVersions(a, b);
    for (let k = 1; k < runs; k++) d = diffVersions(a, b);
    const perDiff = (performance.now() - t0) / runs;
    console.log(`diffVersions 300 clauses: ${perDiff.toFixed(2)} ms`);
    expect(d.counts.removed).toBe(8);
    expect(d.counts.added).toBe(5);
    expect(d.counts.moved).toBe(5);
    expect(d.counts.changed).toBe(30);
    expect(perDiff).toBeLessThan(20);
  });
});
