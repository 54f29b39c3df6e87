import { describe, expect, it } from "vitest";
import { practiceOfEntry, practiceStatements, practiceHideStatement } from "../../worker/library/index";
import { browse, facet, search } from "../../worker/library/search";
import { db, expectIndexed, plan } from "./query-plan";

/**
 * The library's queries, checked with EXPLAIN QUERY PLAN on the SQL drizzle really sends: browsing
 * by each filter walks that filter's partial index in (year, id) order with no sort, the text search
 * is driven by the FTS index (then each match's row by primary key), the facets seek through their
 * index, and the writes find their rows by key.
 */

const after = { year: 2024, id: "m" };

describe("library query plans", () => {
  it("browsing without a filter walks practices_year, no sort", async () => {
    expect(expectIndexed(await plan(browse(db, {}, undefined, 21)), { sorted: true })).toMatch(/practices_year/);
    expect(expectIndexed(await plan(browse(db, {}, after, 21)), { sorted: true })).toMatch(/practices_year/);
  });

  it.each([
    ["city", { city: "Казань" }, /practices_city \(city=\?/],
    ["theme", { theme: "Благоустройство" }, /practices_theme \(theme=\?/],
    ["nomination", { nomination: "Лучший двор" }, /practices_nomination \(nomination=\?/],
    ["year", { year: 2024 }, /practices_(year|city|theme|nomination)/],
  ])("browsing by %s uses its index in order, also after a key", async (_, f, index) => {
    expect(expectIndexed(await plan(browse(db, f, undefined, 21)), { sorted: true })).toMatch(index);
    expect(expectIndexed(await plan(browse(db, f, after, 21)), { sorted: true })).toMatch(index);
  });

  it("the year filter alone is an equality on practices_year", async () => {
    expect(expectIndexed(await plan(browse(db, { year: 2024 }, undefined, 21)), { sorted: true })).toMatch(/practices_year \(year=\?/);
  });

  it("two filters: one leads its index, the other is checked on the rows walked; city with year is one seek", async () => {
    expect(expectIndexed(await plan(browse(db, { city: "Казань", theme: "Благоустройство" }, after, 21)), { sorted: true })).toMatch(/practices_(city|theme)/);
    expect(expectIndexed(await plan(browse(db, { city: "Казань", year: 2024 }, after, 21)), { sorted: true })).toMatch(/practices_(city \(city=\? AND year=\?|year \(year=\?)/);
  });

  it("the text search is driven by the FTS index, each match joined by primary key (the bounded sort by rank is inherent)", async () => {
    for (const f of [{}, { city: "Казань" }, { theme: "x", year: 2024, nomination: "y" }]) {
      const all = expectIndexed(await plan(search(db, `"детск"* AND "площадк"*`, f, { rank: -1.5, id: "m" }, 21)));
      expect(all).toMatch(/SCAN practices_fts VIRTUAL TABLE INDEX \d+:M/);
      // By primary key, or by a filter's index that ends in id (equalities on its columns and the id).
      expect(all).toMatch(/SEARCH practices USING (COVERING )?INDEX (sqlite_autoindex_practices_1 \(id=\?\)|practices_\w+ \(.*id=\?\))/);
    }
  });

  it("each facet seeks through its column's partial index (a loose index scan), no sort", async () => {
    for (const [col, index] of [["city", "practices_city"], ["theme", "practices_theme"], ["year", "practices_year"], ["nomination", "practices_nomination"]] as const) {
      const all = expectIndexed(await plan(facet(db, col)), { sorted: true, allowScan: (d) => d === "SCAN v" });
      expect(all).toMatch(new RegExp(`SEARCH practices USING (COVERING )?INDEX ${index} \\(${col}>\\?\\)`));
    }
  });

  it("writes and small reads find their rows by key", async () => {
    const [, fts] = practiceStatements(db, { id: "p", organiserId: "o", source: "manual", city: "Казань", title: "Т", year: 2024, createdBy: "u", createdAt: 1 });
    const all = expectIndexed(await plan(fts as any));
    expect(all).toMatch(/SEARCH p USING (COVERING )?INDEX sqlite_autoindex_practices_1 \(id=\?\)/);
    // "=": the FTS row is looked up by rowid (the practice row's), not by scanning practice_id.
    expect(all).toMatch(/SCAN f VIRTUAL TABLE INDEX 0:=/);
    expectIndexed(await plan(practiceHideStatement(db, "p", 1)));
    expect(expectIndexed(await plan(practiceOfEntry(db, "e")))).toMatch(/practices_entry/);
  });
});
