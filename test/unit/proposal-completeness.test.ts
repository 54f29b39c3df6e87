import { describe, expect, it } from "vitest";
import { contradictions, missingForSubmission, REQUIRED_TO_SUBMIT, type ProposalContent } from "../../worker/proposals/completeness";
import { fromForm, isCalendarDate, ProposalInput } from "../../worker/proposals/dto";
import { DEFAULT_THEMES, themeName, themesOf } from "../../worker/proposals/themes";

const full: ProposalContent = {
  title: "Двор",
  summary: "Кратко",
  problem: "Проблема",
  goal: "Цель",
  tasks: ["Задача"],
  expectedResults: "Результаты",
  city: "Новосибирск",
  district: "",
  tos: "",
  theme: "improvement",
  beneficiaries: 0,
  budgetRequested: 0,
  cofinancing: null,
  startDate: "2027-05-01",
  endDate: "2027-05-01",
  team: "Команда",
};

describe("completeness for submission", () => {
  it("a full proposal misses nothing; district, ТОС and co-financing are optional; zero is a value", () => {
    expect(missingForSubmission(full)).toEqual([]);
  });

  it.each(REQUIRED_TO_SUBMIT)("without %s it names exactly that field", (field) => {
    const empty = field === "tasks" ? [] : typeof full[field] === "string" ? "  " : null;
    expect(missingForSubmission({ ...full, [field]: empty })).toEqual([{ field, code: "proposals.field.requiredToSubmit" }]);
  });

  it("an empty draft lists every required field, in form order", () => {
    const empty = { ...full, title: "", summary: "", problem: "", goal: "", tasks: [], expectedResults: "", city: "", theme: null, beneficiaries: null, budgetRequested: null, startDate: null, endDate: null, team: "" };
    expect(missingForSubmission(empty).map((i) => i.field)).toEqual([...REQUIRED_TO_SUBMIT]);
  });

  it("end before start is a contradiction even in a draft; the same day or a missing date is not", () => {
    expect(contradictions({ startDate: "2027-05-02", endDate: "2027-05-01" })).toEqual([{ field: "endDate", code: "proposals.field.endBeforeStart" }]);
    expect(contradictions({ startDate: "2027-05-01", endDate: "2027-05-01" })).toEqual([]);
    expect(contradictions({ startDate: null, endDate: "2027-05-01" })).toEqual([]);
  });
});

describe("input shapes", () => {
  it("calendar dates must exist", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
    expect(isCalendarDate("2027-4-01")).toBe(false);
    expect(isCalendarDate("1999-12-31")).toBe(false);
  });

  it("the HTML form maps to the API shape: tasks per line, numbers with spaces, empty → none, words stay words (and fail validation)", () => {
    const v = fromForm({ organiserId: "o", tasks: "Первая\r\n\r\n  Вторая  \n", budgetRequested: "1 500 000", cofinancing: "", beneficiaries: "сто", theme: "", startDate: " 2027-05-01 " });
    expect(v).toEqual({ organiserId: "o", tasks: ["Первая", "Вторая"], budgetRequested: 1500000, cofinancing: null, beneficiaries: "сто", theme: null, startDate: "2027-05-01" });
    const r = ProposalInput.safeParse(v);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["beneficiaries", "proposals.field.wholeNumber"]]);
  });
});

describe("themes", () => {
  it("an organiser without its own list gets the default list (11 themes, «Другое» last); its own rows in their order otherwise", () => {
    expect(themesOf([]).map((t) => t.nameRu)).toEqual(DEFAULT_THEMES.map((t) => t.nameRu));
    expect(DEFAULT_THEMES.length).toBe(11);
    expect(DEFAULT_THEMES.at(-1)!.nameRu).toBe("Другое");
    const own = themesOf([
      { slug: "b", nameRu: "Б", nameEn: "B", position: 2 },
      { slug: "a", nameRu: "А", nameEn: "A", position: 1 },
    ]);
    expect(own.map((t) => t.slug)).toEqual(["a", "b"]);
    expect(themeName(own, "b", "en")).toBe("B");
    expect(themeName(own, "gone", "ru")).toBe("gone");
    expect(themeName(own, null, "ru")).toBe("");
  });
});
