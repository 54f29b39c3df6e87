/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import seed004 from "../../scripts/demo/seeds/004_4ae2ef571d6fa131.txt?raw";
import type { DraftClause, VersionClause } from "../../worker/consultations/clause-types";
import { matchLineage, SIMILAR_TEXT, similarity, wordsOf } from "../../worker/consultations/versions/lineage";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const c = (number: string, text: string, kind: DraftClause["kind"] = "clause"): DraftClause => ({ kind, number, depth: number.includes(".") ? 1 : 0, text, addressees: [] });
const h = (text: string) => c("", text, "heading");
/** A stored version whose lineages are "L0", "L1", … (or the given ones). */
const stored = (clauses: DraftClause[], lineages?: string[]): VersionClause[] => clauses.map((x, i) => ({ ...x, id: `id${i}`, position: i, lineage: lineages?.[i] ?? `L${i}` }));

const OLD: DraftClause[] = [
  h("Участники секции «Город соседей» РЕКОМЕНДУЮТ:"),
  c("1", "Мэрии города Новосибирска продолжить работу по реализации Стратегии развития ТОС в городе Новосибирске до 2030 года."),
  c("2", "Мэрии города Новосибирска, Экспертному совету по развитию ТОС:"),
  c("2.1", "Провести работу по организации конкурса социально-значимых проектов для территориальных общественных самоуправлений."),
  c("2.2", "В рамках формата «Школа ТОС» провести обучение активистов и председателей советов ТОС."),
  h("Участники секции «Город патриотов» РЕКОМЕНДУЮТ:"),
  c("1", "Мэрии города Новосибирска:"),
  c("1.1", "Организовать работу по популяризации среди жителей города общественных патриотических проектов."),
  c("1.2", "Рассмотреть возможность создания цифровых музеев оборонных предприятий."),
];

describe("matchLineage", () => {
  it("keeps every lineage when the text is pasted again unchanged", () => {
    expect(matchLineage(stored(OLD), OLD)).toEqual(OLD.map((_, i) => `L${i}`));
  });

  it("gives new clauses fresh ids and an empty previous version gives only fresh ids", () => {
    const fresh = matchLineage([], OLD);
    expect(fresh.every((l) => UUID.test(l))).toBe(true);
    expect(new Set(fresh).size).toBe(OLD.length);
    expect(matchLineage(stored(OLD), [])).toEqual([]);
  });

  it("follows a clause that was only renumbered and moved (identical text)", () => {
    const next = [OLD[0], OLD[1], OLD[2], c("2.1", OLD[4].text), c("2.2", OLD[3].text), ...OLD.slice(5)];
    expect(matchLineage(stored(OLD), next)).toEqual(["L0", "L1", "L2", "L4", "L3", "L5", "L6", "L7", "L8"]);
  });

  it("follows an edited clause (an addressee and a deadline changed)", () => {
    const next = [...OLD];
    next[1] = c("1", "Мэрии города Новосибирска и активу ТОС продолжить работу по реализации Стратегии развития ТОС в городе Новосибирске до 2035 года.");
    expect(matchLineage(stored(OLD), next)[1]).toBe("L1");
  });

  it("tells the «1.» of one section from the «1.» of another: numbering restarts per section", () => {
    // Both sections' clause 1 edited so that the text alone is weak evidence.
    const next = [...OLD];
    next[1] = c("1", "Мэрии города Новосибирска продолжить реализацию Стратегии.");
    next[6] = c("1", "Мэрии города Новосибирска и районным администрациям:");
    const got = matchLineage(stored(OLD), next);
    expect(got[1]).toBe("L1");
    expect(got[6]).toBe("L6");
  });

  it("with the same number in the same section a weaker likeness suffices, elsewhere it does not", () => {
    const edited = "Провести работу по организации конкурса проектов ТОС дважды в год.";
    const old = stored(OLD);
    const simToOld = similarity(wordsOf(OLD[3].text), wordsOf(edited));
    expect(simToOld).toBeGreaterThanOrEqual(0.3);
    expect(simToOld).toBeLessThan(SIMILAR_TEXT);
    // In place (2.1 of the same section): the same clause, edited.
    expect(matchLineage(old, [...OLD.slice(0, 3), c("2.1", edited), ...OLD.slice(4)])[3]).toBe("L3");
    // Renumbered as well (2.3): not enough evidence — a new clause, and 2.1 is removed.
    const moved = matchLineage(old, [...OLD.slice(0, 3), OLD[4], c("2.3", edited), ...OLD.slice(5)]);
    expect(moved[4]).toMatch(UUID);
    expect(moved).not.toContain("L3");
  });

  it("pairs a renumbered, edited clause by its text rather than with the deleted clause whose number it took", () => {
    // 2.1 deleted; 2.2 becomes 2.1 and is edited a little.
    const next = [...OLD.slice(0, 3), c("2.1", "В рамках формата «Школа ТОС» провести обучение активистов, председателей советов ТОС и экспертов."), ...OLD.slice(5)];
    const got = matchLineage(stored(OLD), next);
    expect(got[3]).toBe("L4");
    expect(got).not.toContain("L3");
  });

  it("matches each old clause at most once, duplicated texts in order", () => {
    const old = stored([h("Раздел"), c("", "— провести семинар;", "item"), c("", "— провести семинар;", "item")]);
    expect(matchLineage(old, [h("Раздел"), c("", "— провести семинар;", "item"), c("", "— провести семинар;", "item"), c("", "— провести семинар;", "item")]).slice(0, 3)).toEqual(["L0", "L1", "L2"]);
    const got = matchLineage(old, [h("Раздел"), c("", "— провести семинар;", "item"), c("", "— провести семинар;", "item"), c("", "— провести семинар;", "item")]);
    expect(got[3]).toMatch(UUID);
  });

  it("matches a renamed heading to a heading, never to a clause", () => {
    const next = [h("Участники секции «Город соседей» (ТОС) РЕКОМЕНДУЮТ:"), ...OLD.slice(1)];
    expect(matchLineage(stored(OLD), next)[0]).toBe("L0");
    // A clause whose text equals an old heading's is not that heading.
    const got = matchLineage(stored(OLD), [c("1", OLD[0].text)]);
    expect(got[0]).toMatch(UUID);
  });

  it("a wholly rewritten clause is new, and the old one is left unmatched (removed)", () => {
    const next = [...OLD];
    next[8] = c("1.2", "Поддержать фестиваль «День радио» и профессиональные праздники.");
    const got = matchLineage(stored(OLD), next);
    expect(got[8]).toMatch(UUID);
    expect(got).not.toContain("L8");
  });

  it("ignores case, «ё» and spacing when comparing words", () => {
    expect(similarity(wordsOf("Привлекать  МОЛОДЁЖЬ к деятельности ТОС"), wordsOf("привлекать молодежь к деятельности ТОС."))).toBe(1);
    expect(similarity(wordsOf(""), wordsOf(""))).toBe(1);
    expect(similarity(wordsOf("раз два"), wordsOf("три"))).toBe(0);
  });

  it("threshold: different clauses of seed 004 stay under it (measured on the real resolution)", () => {
    // Numbered lines of the real resolution, grouped by section (a line with РЕКОМЕНДУЮТ starts one).
    const sections: string[][] = [];
    for (const line of seed004.split("\n")) {
      if (/РЕКОМЕНДУЮТ/.test(line)) sections.push([]);
      else if (sections.length && /^\s*\d+(\.\d+)*\.\s*\S/.test(line)) sections[sections.length - 1].push(line.replace(/^\s*\d+(\.\d+)*\.\s*/, ""));
    }
    expect(sections.length).toBeGreaterThan(3);
    let max = 0;
    let pairs = 0;
    for (const clauses of sections) {
      for (let i = 0; i < clauses.length; i++) {
        for (let j = i + 1; j < clauses.length; j++) {
          if (clauses[i] === clauses[j]) continue;
          max = Math.max(max, similarity(wordsOf(clauses[i]), wordsOf(clauses[j])));
          pairs++;
        }
      }
    }
    expect(pairs).toBeGreaterThan(50);
    expect(max).toBeLessThan(SIMILAR_TEXT);
  });

  it("is fast enough for two 300-clause texts rewritten throughout", () => {
    const words = (i: number) => Array.from({ length: 25 }, (_, k) => `слово${(i * 7 + k * 13) % 997}`).join(" ");
    const old = stored(Array.from({ length: 300 }, (_, i) => c(String(i + 1), words(i))));
    const next = Array.from({ length: 300 }, (_, i) => c(String(i + 1), words(i + 1000)));
    const t0 = performance.now();
    matchLineage(old, next);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
