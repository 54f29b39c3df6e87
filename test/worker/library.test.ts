import { beforeAll, describe, expect, it } from "vitest";
import { makeDb } from "../../worker/db/client";
import { practiceStatements, type NewPractice } from "../../worker/library/index";
import { count, createOrganiser, createUser, db, row } from "./fixtures";

let ORGANISER: string;
let author: string;

beforeAll(async () => {
  ORGANISER = await createOrganiser();
  author = (await createUser()).id;
});

const practice = (over: Partial<NewPractice> = {}): NewPractice => ({
  id: crypto.randomUUID(),
  organiserId: ORGANISER,
  source: "manual",
  city: "Казань",
  title: "Дворы без барьеров",
  year: 2024,
  createdBy: author,
  createdAt: Date.now(),
  ...over,
});

describe("practiceStatements", () => {
  it("writes the row and its stems; a repeat writes nothing more", async () => {
    const p = practice({ problem: "Во дворах не хватало детских площадок" });
    await makeDb(db).batch(practiceStatements(makeDb(db), p) as [any, any]);
    await makeDb(db).batch(practiceStatements(makeDb(db), p) as [any, any]);
    expect(await count("practices", "id = ?", p.id)).toBe(1);
    expect(await count("practices_fts", "practice_id = ?", p.id)).toBe(1);
    expect(await row("SELECT words FROM practices_fts WHERE practice_id = ?", p.id)).toEqual({ words: "двор барьер казан двор хвата детск площадк" });
    expect(await count("practices_fts", "practices_fts MATCH ?", `"детск"* AND "площадк"*`)).toBeGreaterThanOrEqual(1);
  });
});
