import { describe, expect, it } from "vitest";
import { acceptedFor } from "../../worker/attachments/rules";
import { Eligibility, numOrRaw, TieBreakOrder } from "../../worker/competitions/setup/dto";
import { criterionIssues, criterionShares, levelsFromLines, levelsToLines, publishBlockers, rawSetupIssues, setupIssues, stagesEntered, stageTimeIssues } from "../../worker/competitions/setup/rules";
import { timelineOf } from "../../worker/competitions/setup/view";
import { checkStageTimes } from "../../worker/competitions/stages";
import { translator } from "../../web/i18n";
import { eligibilityInWords, methodInWords, plural, type MethodFacts } from "../../web/pages/competitions/setup/method";

const H = 3600_000;
const T0 = Date.UTC(2027, 2, 1, 7, 0);
const times = { entryOpensAt: T0, entryClosesAt: T0 + 10 * H, checkClosesAt: T0 + 20 * H, evaluationClosesAt: T0 + 30 * H, votingClosesAt: T0 + 40 * H };

describe("level descriptions typed one per line", () => {
  it("reads «балл — текст» with a dash, en dash, em dash, colon or «=»; skips blank lines", () => {
    expect(levelsFromLines("0 — не соответствует\n\n  5 – частично  \r\n7 - хорошо\n9: очень хорошо\n10 = полностью")).toEqual({
      ok: true,
      levels: [
        { score: 0, text: "не соответствует" },
        { score: 5, text: "частично" },
        { score: 7, text: "хорошо" },
        { score: 9, text: "очень хорошо" },
        { score: 10, text: "полностью" },
      ],
    });
    expect(levelsFromLines("")).toEqual({ ok: true, levels: [] });
  });

  it("names the first bad line: no score, no separator, no text, a text too long", () => {
    const bad = (text: string) => (levelsFromLines(text) as { ok: false; issue: unknown }).issue;
    expect(bad("0 — нет\nчастично")).toEqual({ field: "levels", code: "competitions.setup.field.levelLine", params: { line: 2 } });
    expect(bad("5 частично")).toMatchObject({ params: { line: 1 } });
    expect(bad("5 —  ")).toMatchObject({ code: "competitions.setup.field.levelLine" });
    expect(bad(`1 — ${"т".repeat(301)}`)).toEqual({ field: "levels", code: "competitions.setup.field.levelTextTooLong", params: { line: 1, max: 300 } });
    expect(levelsFromLines(`1 — ${"т".repeat(300)}`).ok).toBe(true);
    expect(bad(Array.from({ length: 102 }, (_, i) => `${i} — т`).join("\n"))).toMatchObject({ code: "competitions.setup.field.tooManyLevels" });
  });

  it("round-trips through the form's text, sorted by score", () => {
    const levels = [
      { score: 10, text: "полностью" },
      { score: 0, text: "нет" },
    ];
    expect(levelsToLines(levels)).toBe("0 — нет\n10 — полностью");
    expect(levelsFromLines(levelsToLines(levels))).toEqual({ ok: true, levels: [levels[1], levels[0]] });
  });
});

describe("a criterion's scale", () => {
  const ok = { scaleMin: 0, scaleMax: 10, levels: [{ score: 0, text: "нет" }, { score: 10, text: "да" }], commentBelow: 3 };
  it("accepts levels and a threshold within the scale, the ends included", () => {
    expect(criterionIssues(ok)).toEqual([]);
    expect(criterionIssues({ ...ok, commentBelow: 0 })).toEqual([]);
    expect(criterionIssues({ ...ok, commentBelow: 10 })).toEqual([]);
    expect(criterionIssues({ scaleMin: 99, scaleMax: 100, levels: [], commentBelow: null })).toEqual([]);
  });
  it("refuses min ≥ max, a level outside or repeated, a threshold outside", () => {
    expect(criterionIssues({ ...ok, scaleMin: 10 })).toEqual([{ field: "scaleMax", code: "competitions.setup.field.scaleOrder" }]);
    expect(criterionIssues({ ...ok, levels: [{ score: 11, text: "x" }] })).toEqual([{ field: "levels", code: "competitions.setup.field.levelOutside", params: { score: 11, min: 0, max: 10 } }]);
    expect(criterionIssues({ ...ok, scaleMin: 1, levels: [{ score: 0, text: "x" }], commentBelow: null })).toMatchObject([{ field: "levels" }]);
    expect(criterionIssues({ ...ok, levels: [{ score: 2, text: "x" }, { score: 2, text: "y" }] })).toEqual([{ field: "levels", code: "competitions.setup.field.levelRepeated", params: { score: 2 } }]);
    expect(criterionIssues({ ...ok, commentBelow: 11 })).toEqual([{ field: "commentBelow", code: "competitions.setup.field.commentBelowOutside", params: { min: 0, max: 10 } }]);
  });
  it("each criterion's share of the expert's total is its weight over the sum", () => {
    expect(criterionShares([40, 35, 25])).toEqual([40, 35, 25]);
    expect(criterionShares([1, 2])).toEqual([33.3, 66.7]);
    expect(criterionShares([])).toEqual([]);
  });
});

describe("the whole setup", () => {
  it("the instants' problem is the one checkStageTimes names, on its own field", () => {
    expect(stageTimeIssues(times)).toEqual([]);
    const bad = { ...times, checkClosesAt: times.entryClosesAt + 59 * 60_000 };
    expect(checkStageTimes(bad)).toMatchObject({ field: "checkClosesAt", reason: "tooShort" });
    expect(stageTimeIssues(bad)).toEqual([{ field: "checkClosesAt", code: "competitions.setup.field.stageTooShort", params: { min: 60 } }]);
    expect(stageTimeIssues({ ...times, entryClosesAt: T0 })).toEqual([{ field: "entryClosesAt", code: "competitions.setup.field.stageOrder" }]);
    expect(stageTimeIssues({ ...times, votingClosesAt: T0 + 732 * 24 * H })).toMatchObject([{ field: "votingClosesAt", code: "competitions.setup.field.stageTooLong" }]);
  });

  it("the weights add up to 100; a published competition's entries close in the future", () => {
    expect(setupIssues({ ...times, juryWeight: 70, publicWeight: 30 }, { published: false, now: T0 + 100 * H })).toEqual([]);
    expect(setupIssues({ ...times, juryWeight: 70, publicWeight: 20 }, { published: false, now: 0 })).toEqual([{ field: "publicWeight", code: "competitions.setup.field.weightsSum", params: { sum: 90 } }]);
    expect(setupIssues({ ...times, juryWeight: 0, publicWeight: 100 }, { published: true, now: times.entryClosesAt - 1 })).toEqual([]);
    expect(setupIssues({ ...times, juryWeight: 100, publicWeight: 0 }, { published: true, now: times.entryClosesAt })).toEqual([{ field: "entryClosesAt", code: "competitions.setup.field.entryClosedPast" }]);
  });

  it("raw input: the cross-field checks that can still be made beside invalid fields", () => {
    const iso = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, new Date(v).toISOString()]));
    expect(rawSetupIssues({ ...iso, juryWeight: 70, publicWeight: 30 })).toEqual([]);
    expect(rawSetupIssues({ ...iso, entryClosesAt: iso.entryOpensAt, juryWeight: 50, publicWeight: 30 }).map((i) => i.field)).toEqual(["entryClosesAt", "publicWeight"]);
    // Unreadable instants or weights: nothing more to say than the fields' own problems.
    expect(rawSetupIssues({ ...iso, entryOpensAt: "", juryWeight: "x", publicWeight: 30 })).toEqual([]);
  });

  it("publish blockers: a nomination, a criterion, and the setup's own checks", () => {
    const ready = { ...times, juryWeight: 70, publicWeight: 30, nominations: 1, criteria: 1 };
    expect(publishBlockers(ready, T0 - H)).toEqual([]);
    expect(publishBlockers({ ...ready, nominations: 0, criteria: 0, publicWeight: 40 }, T0 - H).map((b) => b.field)).toEqual(["nominations", "criteria", "publicWeight"]);
    expect(publishBlockers(ready, times.entryClosesAt).map((b) => b.code)).toEqual(["competitions.setup.field.entryClosedPast"]);
  });

  it("eligibility and the tie-break order as the API takes them", () => {
    expect(Eligibility.safeParse(["resident", "tos"]).success).toBe(true);
    expect(Eligibility.safeParse([]).success).toBe(false);
    expect(Eligibility.safeParse(["nko", "nko"]).success).toBe(false);
    expect(TieBreakOrder.safeParse(["earlier", "jury", "public"]).success).toBe(true);
    const repeated = TieBreakOrder.safeParse(["jury", "public", "jury"]);
    expect(repeated.success).toBe(false);
    expect(repeated.error!.issues.map((i) => [i.path, i.message])).toEqual([[[2], "competitions.setup.field.tieBreakRepeated"]]);
    expect(TieBreakOrder.safeParse(["jury", "public"]).success).toBe(false);
    expect(TieBreakOrder.safeParse(["jury", "public", "earlier", "jury"]).success).toBe(false);
  });

  it("a form's number: a number when it looks like one (a decimal comma too), else left for validation to name", () => {
    expect(numOrRaw("12")).toBe(12);
    expect(numOrRaw(" 12,5 ")).toBe(12.5);
    expect(numOrRaw("-3")).toBe(-3);
    expect(numOrRaw("")).toBe("");
    expect(numOrRaw("два")).toBe("два");
    expect(numOrRaw(undefined)).toBeUndefined();
  });
});

describe("stages", () => {
  it("the stages entered in a move, in order; moving back enters only the new one", () => {
    expect(stagesEntered("announced", "entry")).toEqual(["entry"]);
    expect(stagesEntered("entry", "voting")).toEqual(["check", "evaluation", "voting"]);
    expect(stagesEntered("voting", "voting")).toEqual([]);
    expect(stagesEntered("entry", "announced")).toEqual(["announced"]);
  });

  it("the timeline: bounds of each stage, done / now / ahead for a published competition, no state for a draft", () => {
    const line = timelineOf(times, times.checkClosesAt, true);
    expect(line.map((s) => [s.stage, s.state])).toEqual([
      ["announced", "done"],
      ["entry", "done"],
      ["check", "done"],
      ["evaluation", "now"],
      ["voting", "later"],
      ["results", "later"],
    ]);
    expect(line[0]).toEqual({ stage: "announced", start: null, end: T0, state: "done" });
    expect(line[5]).toEqual({ stage: "results", start: times.votingClosesAt, end: null, state: "later" });
    expect(timelineOf(times, times.checkClosesAt, false).every((s) => s.state === null)).toBe(true);
  });
});

describe("the method in words", () => {
  const facts: MethodFacts = { minExperts: 3, spreadThreshold: 20, precision: 2, juryWeight: 70, publicWeight: 30, juryNormalisation: "scale", publicNormalisation: "leader", tieBreak: ["jury", "public", "earlier"], winners: 1 };
  const ru = translator("ru");
  const en = translator("en");

  it("says how the jury score is made, how votes count, the weights, normalisations, tie-breaks and winners", () => {
    const s = methodInWords(ru, "ru", facts);
    expect(s).toEqual([
      expect.stringContaining("итог эксперта от 0 до 100"),
      expect.stringContaining("среднее итогов не меньше 3 экспертов"),
      "Оценка жюри и итоговый балл округляются до 2 знаков после запятой.",
      expect.stringContaining("больше чем на 20 (из 100)"),
      expect.stringContaining("один голос в каждой номинации"),
      "Итоговый балл = 70 % оценки жюри + 30 % результата народного голосования.",
      "Оценка жюри в итоге: оценка жюри берётся как есть: средний взвешенный балл экспертов по шкале 0–100.",
      "Голоса в итоге: голоса делятся на число голосов лидера номинации и умножаются на 100.",
      "При равных итоговых баллах выше место получает заявка по этим правилам, по порядку: 1) более высокая оценка жюри; 2) больше голосов; 3) заявка подана раньше.",
      "Победитель в каждой номинации — заявка, занявшая первое место.",
    ]);
  });

  it("follows the settings: one expert, whole numbers, a decimal spread, jury only, several winners, another order", () => {
    const s = methodInWords(ru, "ru", { ...facts, minExperts: 1, precision: 0, spreadThreshold: 12.5, juryWeight: 100, publicWeight: 0, juryNormalisation: "leader", tieBreak: ["earlier", "public", "jury"], winners: 3 });
    expect(s).toContain("Оценка жюри и итоговый балл округляются до целого.");
    expect(s.join(" ")).toContain("не меньше 1 эксперта,");
    expect(s.join(" ")).toContain("больше чем на 12,5 (из 100)");
    expect(s).toContain("Итоговый балл — это оценка жюри: народное голосование на итог не влияет.");
    expect(s.join(" ")).not.toContain("народном голосовании каждый");
    expect(s.join(" ")).not.toContain("Голоса в итоге");
    expect(s.join(" ")).toContain("делится на лучшую оценку в номинации");
    expect(s.join(" ")).toContain("1) заявка подана раньше; 2) больше голосов; 3) более высокая оценка жюри");
    expect(s).toContain("Победители в каждой номинации — заявки, занявшие первые 3 места.");
    const pub = methodInWords(ru, "ru", { ...facts, juryWeight: 0, publicWeight: 100, publicNormalisation: "share", winners: 5, precision: 1 });
    expect(pub).toContain("Итоговый балл — это результат народного голосования: оценка жюри на итог не влияет.");
    expect(pub.join(" ")).not.toContain("Оценка жюри в итоге");
    expect(pub).toContain("Победители в каждой номинации — заявки, занявшие первые 5 мест.");
    expect(pub).toContain("Оценка жюри и итоговый балл округляются до 1 знака после запятой.");
  });

  it("in English", () => {
    const s = methodInWords(en, "en", { ...facts, minExperts: 1, winners: 2 });
    expect(s.join(" ")).toContain("at least 1 expert,");
    expect(s).toContain("Total = 70 % of the jury score + 30 % of the public vote.");
    expect(s).toContain("The winners in each nomination are the entries in the top 2 places.");
    expect(eligibilityInWords(en, ["resident", "administration"])).toBe("residents (in their own name), city administrations");
  });

  it("Russian plurals", () => {
    const f = { one: "место", few: "места", many: "мест" };
    expect([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 111].map((n) => plural("ru", n, f))).toEqual(["место", "места", "места", "мест", "мест", "мест", "мест", "место", "места", "мест", "мест"]);
    expect([1, 2].map((n) => plural("en", n, f))).toEqual(["место", "мест"]);
  });
});

describe("the rules document's types", () => {
  it("a competition takes PDF only; other owners keep photos and PDF", () => {
    expect(acceptedFor("competition")).toEqual(["application/pdf"]);
    expect(acceptedFor("proposal")).toContain("image/jpeg");
    expect(acceptedFor("entry")).toContain("application/pdf");
  });
});
