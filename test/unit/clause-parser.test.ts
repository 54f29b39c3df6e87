/// <reference types="vite/client" />
// The clause parser on the five real documents (scripts/demo/seeds) and on the edge cases. The
// expected outlines and texts were written by reading the documents, not copied from the output.
import { describe, expect, it } from "vitest";
import seed000 from "../../scripts/demo/seeds/000_55ff901bd2de4cb6.txt?raw";
import seed001 from "../../scripts/demo/seeds/001_529338a848febbd3.txt?raw";
import seed002 from "../../scripts/demo/seeds/002_40d759b66f19c75e.txt?raw";
import seed003 from "../../scripts/demo/seeds/003_f4e2f1aadaa07caa.txt?raw";
import seed004 from "../../scripts/demo/seeds/004_4ae2ef571d6fa131.txt?raw";
import type { DraftClause } from "../../worker/consultations/clause-types";
import { parseClauses } from "../../worker/consultations/parser/clauses";
import { clausesFromText, IMPORT_LIMITS } from "../../worker/consultations/parser/import";

/** The document's outline: the number of each clause, or T (text), H (heading), I (item). */
const outline = (cs: DraftClause[]) => cs.map((c) => c.number || { text: "T", heading: "H", item: "I", clause: "?" }[c.kind]);
/** The n-th (0-based) clause with this number: numbering restarts after each heading in 004. */
const numbered = (cs: DraftClause[], number: string, occurrence = 0) => {
  const found = cs.filter((c) => c.number === number)[occurrence];
  if (!found) throw new Error(`no clause ${number} #${occurrence}`);
  return found;
};
const I4 = ["I", "I", "I", "I"];

describe("seed 000: resolution «Мегаполис: XXI век. Город и дети» (dash-prefixed sub-clauses, bullets in 8.3)", () => {
  const cs = parseClauses(seed000);

  it("finds every clause in order, the title block and preamble as text, the bullets of 8.3 as items", () => {
    expect(outline(cs)).toEqual([
      "T", "T", "T", "T",
      "1", "2", "3", "4", "5", "6", "7",
      "8", "8.1", "8.2", "8.3", "I", "I", "I", "8.4", "8.5",
      "9", "9.1", "9.2",
      "10", "10.1", "10.2", "10.3", "10.4", "10.5",
      "11", "11.1", "11.2",
      "12", "12.1", "12.2", "12.3", "12.4", "12.5",
      "13", "13.1", "13.2", "13.3", "13.4", "13.5",
      "14",
    ]);
  });

  it("keeps title lines that stand one under another together, without the **bold** marks", () => {
    expect(cs[0]).toEqual({ kind: "text", number: "", depth: 0, text: "Исполком СНГ\nЕврАзЭС\nМеждународная Ассамблея столиц и крупных городов (МАГ)", addressees: [] });
    expect(cs[1].text).toBe("Резолюция\nМеждународного форума МАГ «Мегаполис: XXI век. Город и дети»");
    expect(cs[3].kind).toBe("text");
    expect(cs[3].text).toMatch(/^Участники форума обсудили проблемные вопросы .* отметили следующее:$/);
  });

  it("reads « - 8.1. », «- 8.5.» after a blank line and «- 9.1.» as sub-clauses with their depth", () => {
    expect(numbered(cs, "8")).toMatchObject({ kind: "clause", depth: 0, text: "В этой связи, форум поставил:" });
    expect(numbered(cs, "8.1")).toMatchObject({ kind: "clause", depth: 1 });
    expect(numbered(cs, "8.1").text).toMatch(/^Признать площадку Международного форума «Мегаполис: XXI век» эффективной/);
    expect(numbered(cs, "8.5")).toMatchObject({ kind: "clause", depth: 1 });
    expect(numbered(cs, "8.5").text).toMatch(/^Рекомендовать главному оператору форума/);
    expect(numbered(cs, "9.1").text).toMatch(/^Признать необходимым дальнейшее развитие/);
    expect(numbered(cs, "10")).toMatchObject({ depth: 0, text: "Социальное партнерство в интересах городского развития." });
  });

  it("reads the lowercase « - подготовить …» lines under 8.3 as its items, one level deeper", () => {
    const at = cs.indexOf(numbered(cs, "8.3"));
    expect(cs[at].text).toBe("Поручить Экспертному совету МАГ по итогам настоящего форума:");
    expect(cs.slice(at + 1, at + 4).map((c) => [c.kind, c.number, c.depth])).toEqual([["item", "", 2], ["item", "", 2], ["item", "", 2]]);
    expect(cs[at + 1].text).toBe(
      "подготовить и издать на CD дисках тематическую серию «Библиотека городских практик. Город и дети» и распространить в качестве приложения к информационно-аналитическому журналу «Вестник МАГ» в 2013 году.",
    );
  });

  it("joins 11.2, broken by a blank line before «Обними ребенка», into one sentence", () => {
    expect(numbered(cs, "11.2").text).toBe(
      "Конкурсной комиссии включить в перечень номинаций смотра-конкурса представление материалов о примерах социально-ориентированных акций и инициатив социальной направленности. Экспертному совету МАГ поручить разработать отдельное Положение об условиях участия в социальной акции «Обними ребенка» и проинформировать о ее проведении межгородское сообщество.",
    );
  });

  it("keeps the numbered closing clause 14 a clause", () => {
    expect(cs[cs.length - 1]).toMatchObject({
      kind: "clause",
      number: "14",
      depth: 0,
      text: "Контроль за реализацией принятых решений возложить на Секретариат Международной Ассамблеи столиц и крупных городов (МАГ).",
    });
  });
});

describe("seed 001: a prose report (paragraphs, dated event headers, bullets)", () => {
  const cs = parseClauses(seed001);

  it("has no numbered clause: paragraphs are text, the short date lines are headings", () => {
    expect(cs.every((c) => c.number === "")).toBe(true);
    expect(cs.filter((c) => c.kind === "heading").map((c) => c.text)).toEqual([
      "20-22 октября 2008 года, г.Санкт-Петербург",
      "30-31 октября 2008 г., г. Новосибирск",
      "27-29 ноября 2008 г., г.Сухуми",
      "9-10 декабря 2008 г., Москва",
      "22 января 2009г., г. Москва, ЦВЗ «Манеж»",
      "2- февраля т.г.",
      "24-25 февраля т.г., г Новосибирск",
      "9–10 апреля 2009 г. Рязань",
      "9–10 апреля 2009 г. Рязань",
    ]);
    expect(cs.filter((c) => c.kind === "item")).toHaveLength(11);
    expect(cs.every((c) => c.kind !== "clause")).toBe(true);
  });

  it("joins the title broken after «Информация» and keeps a long sentence starting with a date as text", () => {
    expect(cs[0]).toMatchObject({
      kind: "text",
      depth: 0,
      text: "Информация о работе Международной Ассамблеи столиц и крупных городов (МАГ) в период с октября 2008 года по май 2009 года",
    });
    const dated = cs.find((c) => c.text.startsWith("19-21 ноября 2009 года в Москве пройдет"));
    expect(dated?.kind).toBe("text");
  });

  it("reads «- проект …» and «· Запуск …» as items under the paragraph before them", () => {
    const helper = cs.find((c) => c.text.startsWith("проект «Помощник»"))!;
    expect(helper).toMatchObject({ kind: "item", depth: 1 });
    // The next line («Сениор Хотел Груп».) finishes the bullet's sentence.
    expect(helper.text.endsWith("на базе опыта французской группы компаний «Сениор Хотел Груп».")).toBe(true);
    const after = cs[cs.indexOf(helper) + 1];
    expect(after).toMatchObject({ kind: "text", depth: 0 });
    expect(after.text).toMatch(/^Основной целью проекта является/);
    expect(cs.find((c) => c.text === "Запуск в эксплуатацию аэропорта г. Сухум;")).toMatchObject({ kind: "item", depth: 1, number: "" });
  });

  it("puts the paragraph after an event header in a paragraph of its own", () => {
    const header = cs.findIndex((c) => c.text === "27-29 ноября 2008 г., г.Сухуми");
    expect(cs[header + 1].kind).toBe("text");
    expect(cs[header + 1].text).toMatch(/^С 27 по 29 ноября в городе Сухум Республики Абхазия/);
    const meeting = cs.findIndex((c) => c.text === "2- февраля т.г.");
    expect(cs[meeting + 1]).toMatchObject({ kind: "text", text: "Заседание Экспертного Совета МАГ." });
  });
});

describe("seed 002: resolution «Города настоящего и будущего» (bullet lists inside clauses, a broken preamble)", () => {
  const cs = parseClauses(seed002);

  it("finds every clause in order with the bullets of 6, 8, 10 and 11 as their items", () => {
    expect(outline(cs)).toEqual([
      "T", "T", "T", "T", "T",
      "1", "2", "3", "4", "5",
      "6", ...I4, ...I4,
      "7",
      "8", ...I4, "I", "I",
      "9",
      "10", ...I4,
      "11", ...I4, "I",
      "12",
    ]);
    expect(cs.filter((c) => c.kind === "item").every((c) => c.depth === 1)).toBe(true);
  });

  it("keeps the preamble (lowercase paragraphs «обсудив …», «ориентируясь …») as one text, one line per paragraph", () => {
    expect(cs.slice(0, 4).map((c) => c.text)).toEqual(["СОЮЗ РОССИЙСКИХ ГОРОДОВ", "РЕЗОЛЮЦИЯ", "Международного форума местных властей «Города настоящего и будущего»", "20 октября 2022 года г.Тюмень"]);
    const preamble = cs[4].text.split("\n");
    expect(preamble).toHaveLength(5);
    expect(preamble[0]).toMatch(/^Мы, участники Международного форума местных властей/);
    expect(preamble[1]).toMatch(/^обсудив происходящие во всём мире/);
    expect(preamble[4]).toBe(
      "признавая, что одной из основ демократического, инклюзивного общества является существование прочного и эффективного института местных органов власти принимаем нижеследующую Резолюцию форума:",
    );
  });

  it("joins a sentence broken by a blank line (clause 2 and the last bullet of 8)", () => {
    expect(numbered(cs, "2").text).toMatch(/Они способны лишать всех, кто осуществляет противозаконную деятельность, социальной поддержки/);
    expect(numbered(cs, "2").text).not.toContain("\n");
    const lastOf8 = cs[cs.indexOf(numbered(cs, "9")) - 1];
    expect(lastOf8).toMatchObject({
      kind: "item",
      depth: 1,
      text: "Содействовать созданию систем городской мобильности, которые уделяют приоритетное внимание эффективному и доступному перемещению всех людей, обеспечивая охрану городской среды.",
    });
  });

  it("reads «- Повышать …» after a blank line as the fifth bullet of 6", () => {
    const at = cs.indexOf(numbered(cs, "6"));
    expect(cs[at].text).toBe("В контексте вышеизложенного участники форума будут стремиться к тому, чтобы:");
    expect(cs[at + 5].text).toMatch(/^Повышать роль добровольческого движения/);
  });

  it("keeps «В этой связи считаем целесообразным:» as the second paragraph of 10, so its bullets are 10's", () => {
    const ten = numbered(cs, "10");
    expect(ten.text.split("\n")).toHaveLength(2);
    expect(ten.text.split("\n")[1]).toBe("В этой связи считаем целесообразным:");
    expect(numbered(cs, "11").text.split("\n")[1]).toBe("Для этого полагаем необходимым:");
  });

  it("removes the *emphasis* stars", () => {
    const item = cs.find((c) => c.text.startsWith("Поставить приграничное сотрудничество"))!;
    expect(item.text).toContain("комплексной теории приграничности путем");
    expect(item.text).not.toContain("*");
  });
});

describe("seed 003: decision of the 17th session of МАГ (unnumbered paragraphs inside clauses, a closing line)", () => {
  const cs = parseClauses(seed003);

  it("finds every clause in order", () => {
    expect(outline(cs)).toEqual(["T", "T", "T", "1", "1.1", "1.2", "1.3", "1.4", "2", "2.1", "T"]);
  });

  it("keeps the title block: a name continued on the next line after its quote, the date and place together", () => {
    expect(cs.slice(0, 3).map((c) => c.text)).toEqual([
      "РЕШЕНИЕ",
      "Семнадцатой сессии Ассоциации «Международная Ассамблея столиц и крупных городов» (МАГ)",
      "30 ноября 2009 года\nМосква",
    ]);
  });

  it("keeps «Продолжить работу …» after 1.1 as 1.1's second paragraph", () => {
    const [first, second] = numbered(cs, "1.1").text.split("\n");
    expect(first).toMatch(/^Одобрить итоги прошедшей в рамках Форума «Мегаполис: XXI век» Международной конференции/);
    expect(first.endsWith("Принять как руководство к действию итоговый документ конференции – резолюцию.")).toBe(true);
    expect(second).toMatch(/^Продолжить работу по формированию приоритетов проекта «Электронный город будущего»/);
  });

  it("keeps «Секретариату МАГ совместно с …» after 1.4 as 1.4's second paragraph", () => {
    expect(numbered(cs, "1.4")).toMatchObject({
      kind: "clause",
      depth: 1,
      text:
        "По итогам проведенного конкурса издать сборник лучших программно-технических решений, используемых в регионах и городах.\n" +
        "Секретариату МАГ совместно с Аппаратом МРГ, Управлением информатизации города Москвы, другими заинтересованными организациями подготовить общую концепцию презентации лучших проектов Москвы для продвижения в города и регионы РФ с использованием возможностей МАГ.",
    });
  });

  it("normalises inner spaces («1.2.  Экспертному», «на  2010 год»)", () => {
    expect(numbered(cs, "1.2").text).toMatch(/^Экспертному совету МАГ совместно с МРГ, Постоянной комиссией МАГ/);
    expect(numbered(cs, "2")).toMatchObject({ depth: 0, text: "Об основных мероприятиях МАГ на 2010 год." });
  });

  it("makes the closing «Контроль за реализацией …» a paragraph of its own, not a part of 2.1", () => {
    expect(cs[cs.length - 1]).toEqual({ kind: "text", number: "", depth: 0, text: "Контроль за реализацией принятых решений возложить на Правление МАГ.", addressees: [] });
    expect(numbered(cs, "2.1").text).not.toContain("Контроль");
  });
});

describe("seed 004: resolution «Активный город» (sections, numbering restarting, Word bookmarks)", () => {
  const cs = parseClauses(seed004);

  it("finds the four section headings and every clause, numbering restarting after each heading", () => {
    expect(outline(cs)).toEqual([
      "T",
      "H", "1", "2", "2.1", "2.2", "3", "3.1", "3.2",
      "H", "1", "1.1", "1.2", "1.3", "2", "3",
      "H", "1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2", "2.1", "2.2", "3", "3.1", "3.2", "3.3", "3.4",
      "H", "T", "1", "2", "2.1", "2.2", "3", "3.1", "3.2", "3.3", "3.4", "4", "5", "5.1", "5.2", "5.3", "5.4",
    ]);
  });

  it("reads the section headings whole, with depth 0 and without the [bookmark: …] artefact", () => {
    expect(cs[0]).toMatchObject({ kind: "text", text: "Резолюция VIII Форума городских сообществ «Активный город»\n24-30 октября 2024 года" });
    expect(cs[1]).toEqual({
      kind: "heading",
      number: "",
      depth: 0,
      text: "Участники секции «Город соседей» - общественные инициативы территориальных общественных самоуправлений по месту жительства, РЕКОМЕНДУЮТ:",
      addressees: [],
    });
    const headings = cs.filter((c) => c.kind === "heading");
    expect(headings.map((h) => /«([^»]+)»/.exec(h.text)?.[1])).toEqual(["Город соседей", "Город патриотов", "Город добрых", "Город друзей"]);
    expect(headings[2].text.startsWith("Участники секции «Город добрых»")).toBe(true);
    expect(cs.some((c) => c.text.includes("bookmark") || c.text.includes("_Hlk"))).toBe(false);
  });

  it("reads «[bookmark: _GoBack]2.1.» and «1.Мэрии» (no space after the dot)", () => {
    expect(numbered(cs, "2.1")).toMatchObject({
      kind: "clause",
      depth: 1,
      text: "Провести работу по организации конкурса социально-значимых проектов для территориальных общественных самоуправлений.",
    });
    expect(numbered(cs, "1", 1)).toMatchObject({ kind: "clause", depth: 0, text: "Мэрии города Новосибирска:" });
    expect(numbered(cs, "1.3", 0).text).toBe("Рассмотреть возможность создания цифровых музеев оборонных предприятий.");
  });

  it("keeps the unnumbered addressee paragraph of «Город друзей» as text after its heading", () => {
    const at = cs.findIndex((c) => c.text.startsWith("Участники секции «Город друзей»"));
    expect(cs[at + 1].kind).toBe("text");
    expect(cs[at + 1].depth).toBe(0);
    expect(cs[at + 1].text).toMatch(/^Мэрии города Новосибирска, Совету депутатов города Новосибирска во взаимодействии с Ассоциацией .* экспертным сообществом:$/);
  });

  it("drops the «__________» line at the end", () => {
    expect(cs[cs.length - 1]).toMatchObject({
      number: "5.4",
      text: "Создать институт консультантов для журналистов, блогеров, иных публичных лиц, работающих в этноконфессиональной теме.",
    });
  });
});

describe("parseClauses on edge cases", () => {
  const one = (text: string) => parseClauses(text);

  it("returns nothing for empty text or only spaces and blank lines", () => {
    expect(one("")).toEqual([]);
    expect(one("   \n\t\n \u00a0 \r\n")).toEqual([]);
  });

  it("accepts Windows and old Mac line ends and a byte-order mark", () => {
    expect(one("\uFEFF1. Первый пункт.\r\n2. Второй пункт.\r\n").map((c) => [c.number, c.text])).toEqual([["1", "Первый пункт."], ["2", "Второй пункт."]]);
    expect(one("1. Первый.\r2. Второй.").map((c) => c.number)).toEqual(["1", "2"]);
  });

  it("takes the depth from the number and stores the number without its dot", () => {
    expect(one("10. Десятый.\n10.1. Подпункт.\n1.1.1. Третий уровень.\n2.1 Без точки.\n3) Скобка.").map((c) => [c.number, c.depth, c.text])).toEqual([
      ["10", 0, "Десятый."],
      ["10.1", 1, "Подпункт."],
      ["1.1.1", 2, "Третий уровень."],
      ["2.1", 1, "Без точки."],
      ["3", 0, "Скобка."],
    ]);
  });

  it("does not take a date, a year or a decimal for a clause number", () => {
    const cs = one("1. Пункт.\n30 ноября 2009 года\n\n2008 год был объявлен Годом семьи.\n\n12.05.2024 состоялось заседание.");
    expect(cs.map((c) => c.number)).toEqual(["1"]);
    expect(cs[0].text).toBe("Пункт.\n30 ноября 2009 года\n2008 год был объявлен Годом семьи.\n12.05.2024 состоялось заседание.");
  });

  it("reads bullets with and without a space, but not a minus sign", () => {
    const cs = one("1. Пункт:\n•Первый\n· Второй\n– Третий\n-20 градусов");
    expect(cs.map((c) => [c.kind, c.depth, c.text])).toEqual([
      ["clause", 0, "Пункт:"],
      ["item", 1, "Первый"],
      ["item", 1, "Второй"],
      ["item", 1, "Третий"],
      ["text", 0, "-20 градусов"],
    ]);
  });

  it("hangs bullets one level under their clause, and under nothing at depth 0", () => {
    expect(one("- один\n- два").map((c) => [c.kind, c.depth])).toEqual([["item", 0], ["item", 0]]);
    expect(one("1.2.3. Глубоко:\n- пункт").map((c) => c.depth)).toEqual([2, 3]);
  });

  it("continues a clause on a lowercase line and after a sentence broken before a quote", () => {
    expect(one("1. Провести работу\nпо организации конкурса.").map((c) => c.text)).toEqual(["Провести работу по организации конкурса."]);
    expect(one("1. Участвовать в акции\n\n«Обними ребенка» и проинформировать.").map((c) => c.text)).toEqual(["Участвовать в акции «Обними ребенка» и проинформировать."]);
  });

  it("starts a paragraph after a bullet's capitalised next line, at its clause's level", () => {
    expect(one("3. Пункт:\n- подпункт.\nНовый абзац.").map((c) => [c.kind, c.depth, c.text])).toEqual([
      ["clause", 0, "Пункт:"],
      ["item", 1, "подпункт."],
      ["text", 0, "Новый абзац."],
    ]);
  });

  it("recognises a heading by its capitalised verb and colon, even broken over two lines", () => {
    expect(one("СОВЕТ ПОСТАНОВЛЯЕТ:\n1. Пункт.")[0]).toMatchObject({ kind: "heading", depth: 0, text: "СОВЕТ ПОСТАНОВЛЯЕТ:" });
    expect(one("Участники секции «Город соседей» по месту\nжительства, РЕКОМЕНДУЮТ:\n1. Пункт.")[0]).toMatchObject({
      kind: "heading",
      text: "Участники секции «Город соседей» по месту жительства, РЕКОМЕНДУЮТ:",
    });
    // Capitals without the colon are a title, not a heading.
    expect(one("РЕЗОЛЮЦИЯ\n\n1. Пункт.")[0].kind).toBe("text");
  });

  it("makes date lines headings only in a report without numbered clauses", () => {
    expect(one("20 октября 2008 года, г. Москва\nСостоялся круглый стол.").map((c) => c.kind)).toEqual(["heading", "text"]);
    expect(one("20 октября 2008 года, г. Москва\n\n1. Пункт.").map((c) => c.kind)).toEqual(["text", "clause"]);
  });

  it("removes Word bookmarks, **bold** and separator lines", () => {
    expect(one("**Резолюция**\n[bookmark: _GoBack]1. **Важный** пункт.\n__________\n* * *")).toEqual([
      { kind: "text", number: "", depth: 0, text: "Резолюция", addressees: [] },
      { kind: "clause", number: "1", depth: 0, text: "Важный пункт.", addressees: [] },
    ]);
  });

  it("treats «Контроль за …» after a clause as a closing paragraph", () => {
    expect(one("1. Пункт.\nКонтроль за исполнением возложить на мэрию.").map((c) => c.kind)).toEqual(["clause", "text"]);
  });

  it("keeps a clause whose number stands alone on its line, its text on the next", () => {
    expect(one("1.\nМэрии города обеспечить.")).toEqual([{ kind: "clause", number: "1", depth: 0, text: "Мэрии города обеспечить.", addressees: [] }]);
  });
});

describe("the limits of one version (clausesFromText)", () => {
  /** n clauses numbered 1.1 … 1.100, 2.1 … (clause numbers have at most three digits per level). */
  const clauses = (n: number) => Array.from({ length: n }, (_, i) => `${Math.floor(i / 100) + 1}.${(i % 100) + 1}. Пункт.`).join("\n");

  it("accepts 2,000 clauses and refuses 2,001", () => {
    expect(IMPORT_LIMITS.clauses).toBe(2000);
    const ok = clausesFromText(clauses(2000));
    expect("clauses" in ok && ok.clauses.length).toBe(2000);
    expect(clausesFromText(clauses(2001))).toEqual({ error: "clauses" });
  });

  it("refuses a text over 300,000 characters and an empty one", () => {
    expect(IMPORT_LIMITS.textChars).toBe(300_000);
    const long = "1. " + "а".repeat(IMPORT_LIMITS.textChars - 3);
    expect("clauses" in clausesFromText(long)).toBe(true);
    expect(clausesFromText(long + "а")).toEqual({ error: "length" });
    expect(clausesFromText(" \n ")).toEqual({ error: "empty" });
  });

  it("suggests the addressees", () => {
    expect(clausesFromText("1. Мэрии города Новосибирска:\n1.1. Провести конкурс.")).toEqual({
      clauses: [
        { kind: "clause", number: "1", depth: 0, text: "Мэрии города Новосибирска:", addressees: ["Мэрии города Новосибирска"] },
        { kind: "clause", number: "1.1", depth: 1, text: "Провести конкурс.", addressees: ["Мэрии города Новосибирска"] },
      ],
    });
  });
});
