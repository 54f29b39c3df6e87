import { describe, expect, it } from "vitest";
import {
  changesBetween,
  checkClause,
  cleanAddressees,
  deleteClause,
  DRAFT_LIMITS,
  insertAfter,
  mergeWithPrevious,
  moveClause,
  noChanges,
  paragraphsOf,
  renumber,
  splitClause,
  splitOffset,
  updateClause,
  type EditorClause,
  type TreeResult,
} from "../../worker/consultations/drafting/clause-tree";
import { windowIssues } from "../../worker/consultations/drafting/window-rules";
import { draftFromText } from "../../worker/consultations/drafting/from-text";
import { chunksBySize } from "../../worker/consultations/drafting/data";
import { DRAFT_TEXT_BODY_LIMIT_BYTES, isDraftTextRequest } from "../../worker/consultations/drafting/body-limit";

/** A clause with an id and a lineage of its own, the way a fresh draft has them. */
const c = (id: string, over: Partial<EditorClause> = {}): EditorClause => ({ id, lineage: `L-${id}`, kind: "clause", number: "", depth: 0, text: `Текст ${id}.`, addressees: [], ...over });
const ok = (r: TreeResult) => {
  if (!r.ok) throw new Error(`expected ok, got ${r.field}: ${r.error}`);
  return r.clauses;
};
const ids = (list: EditorClause[]) => list.map((x) => x.id);

/** Seed 004 in shape: four sections, each a heading and its own list from 1; sub-clauses, bullets, a closing paragraph. */
const seed004 = (): EditorClause[] => [
  c("title", { kind: "text", text: "Резолюция VIII Форума городских сообществ «Активный город»" }),
  c("h1", { kind: "heading", text: "Участники секции «Город соседей» … РЕКОМЕНДУЮТ:" }),
  c("s1-1", { number: "7", text: "Мэрии города Новосибирска … продолжить работу по реализации Стратегии развития ТОС." }),
  c("s1-2", { number: "2", text: "Мэрии города Новосибирска, Экспертному совету по развитию ТОС:" }),
  c("s1-2-1", { number: "2.1", depth: 1, text: "Провести работу по организации конкурса." }),
  c("s1-2-2", { number: "2.5", depth: 1, text: "В рамках формата «Школа ТОС» провести обучение активистов." }),
  c("s1-3", { number: "", text: "Активу ТОС:" }),
  c("s1-3-1", { number: "3.1", depth: 1, text: "Применять новые приёмы в ландшафтном оформлении." }),
  c("bullet", { kind: "item", number: "x", depth: 2, text: "мини-парки на территориях ТОС" }),
  c("s1-3-2", { number: "3.2", depth: 1, text: "Привлекать молодёжь." }),
  c("h2", { kind: "heading", number: "II", text: "Участники секции «Город патриотов» … РЕКОМЕНДУЮТ:" }),
  c("s2-1", { number: "1", text: "Мэрии города Новосибирска:" }),
  c("s2-1-1", { number: "1.1", depth: 1, text: "Организовать работу по популяризации." }),
  c("s2-2", { number: "9", text: "Городскому совету ветеранов сформировать план." }),
  c("h3", { kind: "heading", text: "Участники секции «Город добрых» … РЕКОМЕНДУЮТ:" }),
  c("s3-orphan", { number: "", depth: 1, text: "Подпункт без пункта над ним." }),
  c("s3-1", { number: "", text: "Пункт после подпункта." }),
  c("closing", { kind: "text", number: "", text: "Контроль за реализацией возложить на Секретариат." }),
];

describe("renumber", () => {
  it("numbers a 004-shaped tree from depth and order, restarting after every heading", () => {
    const out = renumber(seed004());
    expect(out.map((x) => [x.id, x.number])).toEqual([
      ["title", ""],
      ["h1", ""],
      ["s1-1", "1"],
      ["s1-2", "2"],
      ["s1-2-1", "2.1"],
      ["s1-2-2", "2.2"],
      ["s1-3", "3"],
      ["s1-3-1", "3.1"],
      ["bullet", ""],
      ["s1-3-2", "3.2"],
      ["h2", ""],
      ["s2-1", "1"],
      ["s2-1-1", "1.1"],
      ["s2-2", "2"],
      ["h3", ""],
      // A sub-clause with no clause above it in its section counts its missing parent as 1.
      ["s3-orphan", "1.1"],
      ["s3-1", "2"],
      ["closing", ""],
    ]);
  });

  it("changes nothing but numbers, and a second run changes nothing at all", () => {
    const before = seed004();
    const once = renumber(before);
    expect(once.map(({ number: _n, ...rest }) => rest)).toEqual(before.map(({ number: _n, ...rest }) => rest));
    expect(renumber(once)).toEqual(once);
    expect(before[2].number).toBe("7"); // the input is not changed
  });

  it("a third level and a return to the first", () => {
    const out = renumber([c("a"), c("b", { depth: 1 }), c("c", { depth: 2 }), c("d", { depth: 2 }), c("e", { depth: 1 }), c("f", { depth: 0 }), c("g", { depth: 2 })]);
    expect(out.map((x) => x.number)).toEqual(["1", "1.1", "1.1.1", "1.1.2", "1.2", "2", "2.1.1"]);
  });

  it("an empty draft stays empty", () => {
    expect(renumber([])).toEqual([]);
  });
});

describe("merge with the previous clause", () => {
  it("joins the text on a new line and keeps the previous clause's id, lineage, number, kind and depth", () => {
    const list = [c("a", { number: "1", text: "Мэрии города Новосибирска:" }), c("b", { number: "1.1", depth: 1, kind: "item", text: "организовать работу." }), c("z")];
    const out = ok(mergeWithPrevious(list, "b"));
    expect(ids(out)).toEqual(["a", "z"]);
    expect(out[0]).toMatchObject({ id: "a", lineage: "L-a", number: "1", depth: 0, kind: "clause", text: "Мэрии города Новосибирска:\nорганизовать работу." });
  });

  it("keeps the union of addressees, each once, in order", () => {
    const list = [c("a", { addressees: ["Мэрии города Новосибирска", "Активу ТОС"] }), c("b", { addressees: ["активу ТОС", "Секретариату МАГ"] })];
    expect(ok(mergeWithPrevious(list, "b"))[0].addressees).toEqual(["Мэрии города Новосибирска", "Активу ТОС", "Секретариату МАГ"]);
  });

  it("refuses the first clause, an unknown one, and a result over the limits", () => {
    const list = [c("a", { text: "x".repeat(6000), addressees: ["1", "2", "3", "4", "5", "6"] }), c("b", { text: "y".repeat(4000) }), c("d", { addressees: ["7", "8", "9", "10", "11"] })];
    expect(mergeWithPrevious(list, "a")).toEqual({ ok: false, field: "clauseId", error: "firstClause" });
    expect(mergeWithPrevious(list, "nope")).toEqual({ ok: false, field: "clauseId", error: "notFound" });
    // 6000 + 1 (the line break) + 4000 = 10,001 characters.
    expect(mergeWithPrevious(list, "b")).toEqual({ ok: false, field: "text", error: "textTooLong" });
    const few = [c("a", { addressees: ["1", "2", "3", "4", "5", "6"] }), c("d", { addressees: ["7", "8", "9", "10", "11"] })];
    expect(mergeWithPrevious(few, "d")).toEqual({ ok: false, field: "addressees", error: "tooManyAddressees" });
  });

  it("exactly at the text limit is fine", () => {
    const list = [c("a", { text: "x".repeat(5000) }), c("b", { text: "y".repeat(DRAFT_LIMITS.text - 5001) })];
    expect(ok(mergeWithPrevious(list, "b"))[0].text).toHaveLength(DRAFT_LIMITS.text);
  });
});

describe("split", () => {
  const text = "Мэрии города Новосибирска:\n\n2.1. Провести конкурс.\n2.2. Провести обучение.";

  it("offers the non-blank lines as paragraphs", () => {
    expect(paragraphsOf(text)).toEqual(["Мэрии города Новосибирска:", "2.1. Провести конкурс.", "2.2. Провести обучение."]);
  });

  it("before a paragraph: the first part keeps id and lineage, the second gets the new id and a new lineage", () => {
    const list = [c("before"), c("a", { number: "2", text, addressees: ["Мэрии города Новосибирска"] }), c("after")];
    const out = ok(splitClause(list, "a", { paragraph: 2 }, { id: "new", lineage: "new-lineage" }));
    expect(ids(out)).toEqual(["before", "a", "new", "after"]);
    expect(out[1]).toEqual({ ...list[1], text: "Мэрии города Новосибирска:\n\n2.1. Провести конкурс." });
    expect(out[2]).toEqual({ id: "new", lineage: "new-lineage", kind: "clause", number: "", depth: 0, text: "2.2. Провести обучение.", addressees: ["Мэрии города Новосибирска"] });
    // The addressees are copied, not shared.
    expect(out[2].addressees).not.toBe(out[1].addressees);
  });

  it("at a typed marker: its first occurrence after the first character", () => {
    const out = ok(splitClause([c("a", { text: "Поддержать. Рекомендовать городам. Рекомендовать МАГ." })], "a", { marker: " Рекомендовать" }, { id: "n", lineage: "n" }));
    expect(out.map((x) => x.text)).toEqual(["Поддержать.", "Рекомендовать городам. Рекомендовать МАГ."]);
  });

  it("refuses a split that leaves an empty part, a paragraph out of range and a marker not in the text", () => {
    const list = [c("a", { text: "Один абзац.\nВторой абзац." })];
    const fresh = { id: "n", lineage: "n" };
    expect(splitClause(list, "a", { paragraph: 0 }, fresh)).toMatchObject({ ok: false, field: "paragraph", error: "splitPoint" });
    expect(splitClause(list, "a", { paragraph: 2 }, fresh)).toMatchObject({ ok: false, field: "paragraph", error: "splitPoint" });
    expect(splitClause(list, "a", { marker: "Третий" }, fresh)).toMatchObject({ ok: false, field: "marker", error: "markerNotFound" });
    // At the very start is no split (the marker is looked for after the first character).
    expect(splitClause(list, "a", { marker: "Один" }, fresh)).toMatchObject({ ok: false, field: "marker", error: "markerNotFound" });
    expect(splitClause(list, "a", { marker: "   " }, fresh)).toMatchObject({ ok: false, field: "marker", error: "splitPoint" });
    // Only blanks before the marker: the first part would be empty.
    expect(splitClause([c("b", { text: "  Текст пункта." })], "b", { marker: "Текст" }, fresh)).toMatchObject({ ok: false, field: "marker", error: "splitPoint" });
    expect(splitClause(list, "zzz", { paragraph: 1 }, fresh)).toMatchObject({ ok: false, error: "notFound" });
    expect(ok(splitClause(list, "a", { paragraph: 1 }, fresh)).map((x) => x.text)).toEqual(["Один абзац.", "Второй абзац."]);
  });

  it("splitOffset counts paragraphs over blank lines", () => {
    expect(splitOffset("a\n\n\nb\nc", { paragraph: 1 })).toEqual({ ok: true, offset: 4 });
    expect(splitOffset("a\n\n\nb\nc", { paragraph: 2 })).toEqual({ ok: true, offset: 6 });
  });

  it("refuses the 2,001st clause", () => {
    const full = Array.from({ length: DRAFT_LIMITS.clauses }, (_, i) => c(`c${i}`, { text: "Раз.\nДва." }));
    expect(splitClause(full, "c0", { paragraph: 1 }, { id: "n", lineage: "n" })).toMatchObject({ ok: false, error: "tooManyClauses" });
    expect(ok(splitClause(full.slice(1), "c1", { paragraph: 1 }, { id: "n", lineage: "n" }))).toHaveLength(DRAFT_LIMITS.clauses);
  });
});

describe("move", () => {
  const list = [c("a"), c("b"), c("c")];

  it("swaps with the neighbour, keeping depth and number", () => {
    expect(ids(ok(moveClause(list, "b", "up")))).toEqual(["b", "a", "c"]);
    expect(ids(ok(moveClause(list, "b", "down")))).toEqual(["a", "c", "b"]);
    expect(ids(ok(moveClause(list, "a", "down")))).toEqual(["b", "a", "c"]);
    expect(ids(ok(moveClause(list, "c", "up")))).toEqual(["a", "c", "b"]);
  });

  it("refuses to move past the edges", () => {
    expect(moveClause(list, "a", "up")).toEqual({ ok: false, field: "direction", error: "edge" });
    expect(moveClause(list, "c", "down")).toEqual({ ok: false, field: "direction", error: "edge" });
    expect(moveClause([c("only")], "only", "down")).toEqual({ ok: false, field: "direction", error: "edge" });
    expect(moveClause(list, "x", "up")).toEqual({ ok: false, field: "clauseId", error: "notFound" });
  });
});

describe("insert, delete, update", () => {
  it("inserts after a clause, at the beginning, and refuses an unknown anchor or a bad clause", () => {
    const list = [c("a"), c("b")];
    expect(ids(ok(insertAfter(list, "a", c("n"))))).toEqual(["a", "n", "b"]);
    expect(ids(ok(insertAfter(list, "b", c("n"))))).toEqual(["a", "b", "n"]);
    expect(ids(ok(insertAfter(list, null, c("n"))))).toEqual(["n", "a", "b"]);
    expect(ids(ok(insertAfter([], null, c("n"))))).toEqual(["n"]);
    expect(insertAfter(list, "x", c("n"))).toEqual({ ok: false, field: "after", error: "notFound" });
    expect(insertAfter(list, "a", c("n", { text: "  " }))).toEqual({ ok: false, field: "text", error: "textRequired" });
    const full = Array.from({ length: DRAFT_LIMITS.clauses }, (_, i) => c(`c${i}`));
    expect(insertAfter(full, null, c("n"))).toEqual({ ok: false, field: "after", error: "tooManyClauses" });
  });

  it("deletes one clause (the last one too)", () => {
    expect(ids(ok(deleteClause([c("a"), c("b")], "a")))).toEqual(["b"]);
    expect(ok(deleteClause([c("a")], "a"))).toEqual([]);
    expect(deleteClause([c("a")], "b")).toMatchObject({ ok: false, error: "notFound" });
  });

  it("updates fields within the limits, cleaning the addressees", () => {
    const out = ok(updateClause([c("a")], "a", { number: "8.3", depth: 1, kind: "item", addressees: [" Мэрии  города ", "", "мэрии города"] }));
    expect(out[0]).toMatchObject({ number: "8.3", depth: 1, kind: "item", addressees: ["Мэрии города"], lineage: "L-a" });
    const at = (patch: Partial<EditorClause>) => updateClause([c("a")], "a", patch);
    expect(at({ text: "x".repeat(DRAFT_LIMITS.text) }).ok).toBe(true);
    expect(at({ text: "x".repeat(DRAFT_LIMITS.text + 1) })).toMatchObject({ field: "text", error: "textTooLong" });
    expect(at({ number: "1".repeat(DRAFT_LIMITS.number + 1) })).toMatchObject({ field: "number", error: "numberTooLong" });
    expect(at({ depth: DRAFT_LIMITS.depth + 1 })).toMatchObject({ field: "depth", error: "depth" });
    expect(at({ depth: -1 })).toMatchObject({ field: "depth", error: "depth" });
    expect(at({ depth: 1.5 })).toMatchObject({ field: "depth", error: "depth" });
    expect(at({ kind: "chapter" as never })).toMatchObject({ field: "kind", error: "kind" });
    expect(at({ addressees: Array.from({ length: 11 }, (_, i) => `Адресат ${i}`) })).toMatchObject({ field: "addressees", error: "tooManyAddressees" });
    expect(at({ addressees: Array.from({ length: 10 }, (_, i) => `Адресат ${i}`) }).ok).toBe(true);
    expect(at({ addressees: ["я".repeat(301)] })).toMatchObject({ field: "addressees", error: "addresseeTooLong" });
    expect(at({ addressees: ["я".repeat(300)] }).ok).toBe(true);
  });

  it("cleanAddressees trims, drops empties and repeats (case-insensitively), keeps order", () => {
    expect(cleanAddressees(["  Секретариату МАГ ", "", "Мэрии", "секретариату маг"])).toEqual(["Секретариату МАГ", "Мэрии"]);
    expect(checkClause({ kind: "clause", number: "", depth: 0, text: "x", addressees: [] })).toBeNull();
  });
});

describe("changes to write", () => {
  it("nothing for the same list", () => {
    const list = seed004();
    expect(noChanges(changesBetween(list, list))).toBe(true);
  });

  it("a move is two moved rows and no edits; a renumber only the numbers that changed", () => {
    const list = [c("a", { number: "1" }), c("b", { number: "1" }), c("x")];
    expect(changesBetween(list, ok(moveClause(list, "b", "up")))).toEqual({ deleted: [], inserted: [], edited: [], moved: [{ id: "b", from: 1, to: 0 }, { id: "a", from: 0, to: 1 }] });
    expect(changesBetween(list, renumber(list))).toEqual({ deleted: [], inserted: [], moved: [], edited: [{ id: "b", fields: { number: "2" } }, { id: "x", fields: { number: "3" } }] });
  });

  it("a merge edits the previous clause, deletes the merged one and moves those after it", () => {
    const list = [c("a"), c("b", { addressees: ["X"] }), c("d")];
    const d = changesBetween(list, ok(mergeWithPrevious(list, "b")));
    expect(d.deleted).toEqual(["b"]);
    expect(d.edited).toEqual([{ id: "a", fields: { text: "Текст a.\nТекст b.", addressees: ["X"] } }]);
    expect(d.moved).toEqual([{ id: "d", from: 2, to: 1 }]);
  });

  it("a split inserts the second part and moves the rest down", () => {
    const list = [c("a", { text: "Раз.\nДва." }), c("b")];
    const d = changesBetween(list, ok(splitClause(list, "a", { paragraph: 1 }, { id: "n", lineage: "n" })));
    expect(d.inserted.map((i) => [i.clause.id, i.position])).toEqual([["n", 1]]);
    expect(d.moved).toEqual([{ id: "b", from: 1, to: 2 }]);
    expect(d.edited).toEqual([{ id: "a", fields: { text: "Раз." } }]);
  });
});

describe("window rules", () => {
  const H = 3600_000;
  const t0 = Date.UTC(2026, 10, 22, 7, 0);
  it("closes after it opens, at least an hour, at most 366 days", () => {
    expect(windowIssues({ opensAt: t0, closesAt: t0 + H })).toEqual([]);
    expect(windowIssues({ opensAt: t0, closesAt: t0 + H - 60_000 })).toMatchObject([{ field: "closesAt", code: "consultations.drafting.field.windowTooShort" }]);
    expect(windowIssues({ opensAt: t0, closesAt: t0 })).toMatchObject([{ field: "closesAt", code: "consultations.drafting.field.closesBeforeOpens" }]);
    expect(windowIssues({ opensAt: t0, closesAt: t0 - H })).toMatchObject([{ field: "closesAt", code: "consultations.drafting.field.closesBeforeOpens" }]);
    expect(windowIssues({ opensAt: t0, closesAt: t0 + 366 * 24 * H })).toEqual([]);
    expect(windowIssues({ opensAt: t0, closesAt: t0 + 366 * 24 * H + 60_000 })).toMatchObject([{ field: "closesAt", code: "consultations.drafting.field.windowTooLong" }]);
    expect(windowIssues({ opensAt: Date.UTC(1999, 0, 1), closesAt: t0 })).toMatchObject([{ field: "opensAt", code: "consultations.drafting.field.instant" }]);
  });
});

describe("text to draft clauses", () => {
  it("parses, suggests addressees and holds them to the limits", () => {
    const long = "Очень длинный адресат ".repeat(20).trim();
    const r = draftFromText(`Участники секции «Город соседей» РЕКОМЕНДУЮТ:\n1. Мэрии города Новосибирска продолжить работу.\n2. ${long}, Активу ТОС:\n2.1. Провести конкурс.`);
    if (!r.ok) throw new Error(r.code);
    expect(r.clauses.map((x) => [x.kind, x.number])).toEqual([
      ["heading", ""],
      ["clause", "1"],
      ["clause", "2"],
      ["clause", "2.1"],
    ]);
    expect(r.clauses[1].addressees).toContain("Мэрии города Новосибирска");
    for (const x of r.clauses) for (const a of x.addressees) expect(a.length).toBeLessThanOrEqual(DRAFT_LIMITS.addressee);
  });

  it("refuses an empty text and a clause over 10,000 characters, naming it", () => {
    expect(draftFromText("   \n  ")).toMatchObject({ ok: false, code: "consultations.drafting.field.emptyDocument" });
    expect(draftFromText(`1. Коротко.\n2. ${"Длинно ".repeat(1500)}`)).toMatchObject({ ok: false, code: "consultations.drafting.field.clauseTooLong", params: { clause: "2" } });
  });
});

describe("storage helpers", () => {
  it("cuts JSON lists by size, never losing or reordering a row", () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ i, t: "я".repeat(100) }));
    const chunks = chunksBySize(rows, 1000);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.flat()).toEqual(rows);
    for (const ch of chunks) expect(JSON.stringify(ch).length).toBeLessThanOrEqual(1000);
    expect(chunksBySize([], 1000)).toEqual([]);
    // One row over the size still goes, alone.
    expect(chunksBySize([{ t: "x".repeat(2000) }, { t: "y" }], 1000)).toHaveLength(2);
  });

  it("the body-limit exemption covers exactly the routes that carry a draft's text", () => {
    for (const [m, p] of [
      ["POST", "/api/consultations"],
      ["POST", "/consultations"],
      ["PUT", "/api/consultations/abc/draft/text"],
      ["POST", "/consultations/abc/draft/text"],
      ["POST", "/api/consultations/abc/versions"],
      ["POST", "/consultations/abc/versions"],
    ])
      expect(isDraftTextRequest(m, p), `${m} ${p}`).toBe(true);
    for (const [m, p] of [
      ["GET", "/api/consultations"],
      ["PATCH", "/api/consultations/abc"],
      ["POST", "/api/consultations/abc/draft/text"],
      ["POST", "/api/consultations/abc/draft/clauses"],
      ["POST", "/consultations/abc/draft/clauses/x"],
      ["POST", "/consultations/abc/edit"],
      ["POST", "/consultations/abc/remarks"],
      ["POST", "/api/consultations/abc/draft/publish"],
      ["POST", "/consultations/a/b/versions"],
      ["POST", "/api/proposals"],
    ])
      expect(isDraftTextRequest(m, p), `${m} ${p}`).toBe(false);
    // 300,000 characters as «%D0%90» each fit, and so does the largest file besides.
    expect(DRAFT_TEXT_BODY_LIMIT_BYTES).toBeGreaterThan(300_000 * 6 + 2 * 1024 * 1024);
  });
});
