import { describe, expect, it } from "vitest";
import { ftsQuery, practiceWords, queryStems, stemWords, wordMatches } from "../../worker/library/stemming";

describe("stemWords", () => {
  it("reduces the forms of «детская площадка» to the same stems", () => {
    const base = stemWords("детская площадка");
    expect(base).toBe("детск площадк");
    for (const form of ["детских площадок", "детскими площадками", "Детские ПЛОЩАДКИ", "детской площадке"]) {
      expect(stemWords(form), form).toBe(base);
    }
  });
  it("joins other fleeting-vowel pairs and leaves short stems alone", () => {
    expect(stemWords("кружок")).toBe(stemWords("кружка"));
    expect(stemWords("посёлок")).toBe(stemWords("поселков"));
    expect(stemWords("урок")).toBe(stemWords("урока"));
    expect(stemWords("урок")).toBe("урок");
  });
  it("folds ё, stems Latin words in English, keeps numbers, drops stop words and punctuation", () => {
    expect(stemWords("Ёлки")).toBe(stemWords("елки"));
    expect(stemWords("Playgrounds in 2024, 15 000 м²!")).toBe("playground 2024 15 000 м2");
    expect(stemWords("площадки в Казани и на Урале")).toBe("площадк казан урал");
    expect(stemWords("  ")).toBe("");
  });
  it("keeps words of other scripts as they are, lower-cased", () => {
    expect(stemWords("Өскемен Қала")).toBe("өскемен қала");
  });
});

describe("ftsQuery", () => {
  it("quotes each stem with a prefix star, AND between terms", () => {
    expect(ftsQuery("детская площадка")).toBe(`"детск"* AND "площадк"*`);
    expect(ftsQuery("детских площадок")).toBe(`"детск"* AND "площадк"*`);
    expect(ftsQuery("2024 год")).toBe(`"2024" AND "год"*`);
  });
  it("is null when nothing searchable is left", () => {
    expect(ftsQuery("")).toBeNull();
    expect(ftsQuery("   ")).toBeNull();
    expect(ftsQuery(`"*():^+-`)).toBeNull();
    expect(ftsQuery("в и на")).toBeNull();
  });
  it("neutralises FTS5 syntax: quotes, NEAR, AND/OR/NOT, *, :, ^, parentheses", () => {
    const cases: Record<string, string> = {
      [`парк" OR "сквер`]: `"парк"* AND "сквер"*`,
      [`парк" XOR "сквер`]: `"парк"* AND "xor"* AND "сквер"*`,
      [`NEAR(парк сквер, 2)`]: `"near"* AND "парк"* AND "сквер"* AND "2"`,
      [`words:парк`]: `"word"* AND "парк"*`,
      [`парк*`]: `"парк"*`,
      [`(парк) NOT сквер`]: `"парк"* AND "not"* AND "сквер"*`,
      [`^парк + -сквер`]: `"парк"* AND "сквер"*`,
    };
    for (const [q, expected] of Object.entries(cases)) expect(ftsQuery(q), q).toBe(expected);
  });
  it("takes each term once and at most twelve", () => {
    expect(ftsQuery("парк парки парков")).toBe(`"парк"*`);
    const many = Array.from({ length: 30 }, (_, i) => `слово${i}`).join(" ");
    expect(ftsQuery(many)!.split(" AND ")).toHaveLength(12);
  });
});

describe("wordMatches", () => {
  it("matches a shown word whose stem starts with a query stem", () => {
    const terms = queryStems("детская площадка");
    expect(wordMatches("площадок", terms)).toBe(true);
    expect(wordMatches("Детских", terms)).toBe(true);
    expect(wordMatches("сквер", terms)).toBe(false);
    expect(wordMatches("и", queryStems("и площадка"))).toBe(false);
  });
});

describe("practiceWords", () => {
  it("stems every searchable field, skipping empty ones", () => {
    expect(practiceWords({ title: "Детские площадки", city: "Казань", country: "", theme: "Благоустройство", nomination: null, problem: "Нет площадок", actions: "", results: "12 дворов" }))
      .toBe("детск площадк детск площадк казан благоустройств нет площадк 12 двор");
  });
});
