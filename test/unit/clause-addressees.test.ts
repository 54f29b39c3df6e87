/// <reference types="vite/client" />
// Addressees suggested from the text, on the five real documents and on the patterns one by one.
import { describe, expect, it } from "vitest";
import seed000 from "../../scripts/demo/seeds/000_55ff901bd2de4cb6.txt?raw";
import seed001 from "../../scripts/demo/seeds/001_529338a848febbd3.txt?raw";
import seed002 from "../../scripts/demo/seeds/002_40d759b66f19c75e.txt?raw";
import seed003 from "../../scripts/demo/seeds/003_f4e2f1aadaa07caa.txt?raw";
import seed004 from "../../scripts/demo/seeds/004_4ae2ef571d6fa131.txt?raw";
import type { DraftClause } from "../../worker/consultations/clause-types";
import { addresseesInText, suggestAddressees } from "../../worker/consultations/parser/addressees";
import { parseClauses } from "../../worker/consultations/parser/clauses";

const suggested = (text: string) => suggestAddressees(parseClauses(text));
/** number (or "#index" for an unnumbered clause) → addressees, for the clauses that have some. */
const addressed = (cs: DraftClause[], section?: string) => {
  let from = 0;
  let to = cs.length;
  if (section) {
    from = cs.findIndex((c) => c.kind === "heading" && c.text.includes(section));
    const next = cs.findIndex((c, i) => i > from && c.kind === "heading");
    to = next < 0 ? cs.length : next;
  }
  return Object.fromEntries(
    cs
      .map((c, i) => [c.number || `#${i}`, c.addressees] as const)
      .slice(from, to)
      .filter(([, a]) => a.length > 0),
  );
};

const MAG_EXPERTS = ["Экспертному совету МАГ"];
const NSK = "Мэрии города Новосибирска";
const NSK_TOS = [NSK, "Экспертному совету по развитию ТОС"];

describe("addressees in the seed documents", () => {
  it("000: «Поручить …», «Рекомендовать …», a leading dative and the bullets of 8.3 inheriting", () => {
    const cs = suggested(seed000);
    expect(addressed(cs)).toEqual({
      "8.3": MAG_EXPERTS,
      "#15": MAG_EXPERTS,
      "#16": MAG_EXPERTS,
      "#17": MAG_EXPERTS,
      "8.4": ["Оргкомитету форума"],
      // The source never closes the quote it opens; the name is kept as written, up to the verb.
      "8.5": ["Главному оператору форума «Мегаполис: XXI век – Международной Ассамблее столиц и крупных городов"],
      "9.2": ["Городам"],
      "10.1": ["Межгородскому и бизнес-сообществам"],
      "10.4": ["МАГ"],
      "10.5": ["Оргкомитету форума"],
      "11.2": ["Конкурсной комиссии", "Экспертному совету МАГ"],
      "12.2": ["Участникам форума", "Городам-членам МАГ"],
      "12.4": ["Участникам настоящего форума", "Руководителям городов-членов МАГ"],
      "12.5": ["Секретариату МАГ"],
      "13.5": ["Участникам форума", "Городам"],
    });
    expect(cs[15].kind).toBe("item");
    // «Контроль … возложить на Секретариат …» names the body in the accusative: not turned into an addressee.
    expect(cs[cs.length - 1].addressees).toEqual([]);
  });

  it("001 (a report): only the two sentences that really assign something", () => {
    expect(Object.values(addressed(suggested(seed001)))).toEqual([["МАГ"], ["Всем регионам", "Главам городов"]]);
  });

  it("002: a declaration of intent addressed to no one gets no addressee at all", () => {
    expect(addressed(suggested(seed002))).toEqual({});
  });

  it("003: the dative at the start of a clause, of its second sentence and of its second paragraph", () => {
    expect(addressed(suggested(seed003))).toEqual({
      "1.2": MAG_EXPERTS,
      "1.4": ["Секретариату МАГ"],
      "2.1": MAG_EXPERTS,
    });
  });

  it("004 «Город соседей»: a list before the verb, a list before the colon inherited by 2.1 and 2.2", () => {
    expect(addressed(suggested(seed004), "Город соседей")).toEqual({
      "1": [...NSK_TOS, "Активу ТОС"],
      "2": NSK_TOS,
      "2.1": NSK_TOS,
      "2.2": NSK_TOS,
      "3": ["Активу ТОС"],
      "3.1": ["Активу ТОС"],
      "3.2": ["Активу ТОС"],
    });
  });

  it("004 «Город патриотов»: four addressees split on commas, and a participle kept in its addressee", () => {
    expect(addressed(suggested(seed004), "Город патриотов")).toEqual({
      "1": [NSK],
      "1.1": [NSK],
      "1.2": [NSK],
      "1.3": [NSK],
      "2": ["Городскому совету ветеранов", "Районным советам ветеранов города Новосибирска", "Первичным ветеранским организациям", "Общественным организациям патриотической направленности"],
      "3": ["Общественным и добровольческим организациям, работающих в области организации помощи участникам СВО"],
    });
  });

  it("004 «Город добрых»: brackets kept, «совместно с …» left out, 3.1 inherits although it starts with «Совместно с основными СМИ»", () => {
    const a = addressed(suggested(seed004), "Город добрых");
    expect(a["2"]).toEqual(["Администрациям районов (округа по районам)"]);
    expect(a["2.2"]).toEqual(["Администрациям районов (округа по районам)"]);
    expect(a["3"]).toEqual(["Социально-ориентированным НКО"]);
    expect(a["3.1"]).toEqual(["Социально-ориентированным НКО"]);
    expect(a["1.6"]).toEqual([NSK]);
  });

  it("004 «Город друзей»: the paragraph before the clauses addresses all of them, up to the end", () => {
    const cs = suggested(seed004);
    const from = cs.findIndex((c) => c.text.includes("«Город друзей»"));
    const council = [NSK, "Совету депутатов города Новосибирска"];
    expect(cs[from].addressees).toEqual([]);
    expect(cs[from + 1]).toMatchObject({ kind: "text", addressees: council });
    expect(cs.slice(from + 1).every((c) => JSON.stringify(c.addressees) === JSON.stringify(council))).toBe(true);
    expect(cs.slice(from + 1)).toHaveLength(16); // the paragraph and 1 … 5.4
  });

  it("never addresses a heading", () => {
    expect([seed000, seed001, seed002, seed003, seed004].flatMap((s) => suggested(s)).filter((c) => c.kind === "heading" && c.addressees.length > 0)).toEqual([]);
  });
});

describe("addresseesInText, pattern by pattern", () => {
  it("reads a dative list ending with a colon", () => {
    expect(addresseesInText("Мэрии города Новосибирска, Экспертному совету по развитию ТОС:")).toEqual(NSK_TOS);
    expect(addresseesInText("Активу ТОС:")).toEqual(["Активу ТОС"]);
  });

  it("reads a dative list before the infinitive, lowercased items capitalised", () => {
    expect(addresseesInText("Мэрии города Новосибирска, Экспертному совету по развитию ТОС, активу ТОС продолжить работу.")).toEqual([...NSK_TOS, "Активу ТОС"]);
    expect(addresseesInText("Секретариату МАГ обобщить предложения форума.")).toEqual(["Секретариату МАГ"]);
    expect(addresseesInText("МАГ запланировать проведение конференции.")).toEqual(["МАГ"]);
  });

  it("reads the addressee after «Поручить», «Рекомендовать», «Предложить»", () => {
    expect(addresseesInText("Поручить Экспертному совету МАГ по итогам настоящего форума:")).toEqual(MAG_EXPERTS);
    expect(addresseesInText("Рекомендовать городам подписку на специализированные издания.")).toEqual(["Городам"]);
    expect(addresseesInText("Предложить комитету по культуре провести фестиваль.")).toEqual(["Комитету по культуре"]);
    expect(addresseesInText("Поручить Комитету по взаимодействию с общественностью подготовить план.")).toEqual(["Комитету по взаимодействию с общественностью"]);
  });

  it("stops before the partners: «совместно с …», «во взаимодействии с …»", () => {
    expect(addresseesInText("Экспертному совету МАГ совместно с Секретариатом МАГ до конца года обобщить предложения.")).toEqual(MAG_EXPERTS);
    expect(
      addresseesInText(
        "Мэрии города Новосибирска, Совету депутатов города Новосибирска во взаимодействии с Ассоциацией национально-культурных автономий, экспертным сообществом:",
      ),
    ).toEqual([NSK, "Совету депутатов города Новосибирска"]);
  });

  it("splits on «и» between two bodies, not between two adjectives", () => {
    expect(addresseesInText("Рекомендовать Участникам форума и городам-членам МАГ принять участие.")).toEqual(["Участникам форума", "Городам-членам МАГ"]);
    expect(addresseesInText("Общественным и добровольческим организациям сформировать план.")).toEqual(["Общественным и добровольческим организациям"]);
    expect(addresseesInText("Министерству науки и высшего образования подготовить доклад.")).toEqual(["Министерству науки и высшего образования"]);
  });

  it("invents nothing", () => {
    for (const text of [
      "Участники форума признали целесообразным стратегическое партнерство.",
      "Тематику и круг вынесенных на обсуждение вопросов считать актуальными.",
      "КАИС МАГ позволит связать проекты и программы МАГ в комплексную систему, чтобы обеспечить их единство.",
      "В рамках формата «Школа ТОС» провести обучение активистов.",
      "Рекомендовать более интенсивное использование электронной библиотеки.",
      "Контроль за реализацией принятых решений возложить на Правление МАГ.",
      "Оказать содействие Новосибирскому отделению Российского Красного Креста.",
      "Мэрии города Новосибирска.",
      "",
    ]) {
      expect(addresseesInText(text), text).toEqual([]);
    }
  });

  it("lists an addressee named twice once", () => {
    expect(addresseesInText("Секретариату МАГ обобщить предложения. Секретариату МАГ подготовить план.")).toEqual(["Секретариату МАГ"]);
  });
});

describe("suggestAddressees: inheritance", () => {
  const clause = (number: string, text: string, extra: Partial<DraftClause> = {}): DraftClause => ({
    kind: "clause",
    number,
    depth: number.split(".").length - 1,
    text,
    addressees: [],
    ...extra,
  });

  it("gives a clause without addressees those of its nearest parent, and keeps a child's own", () => {
    const out = suggestAddressees([
      clause("1", "Мэрии города Новосибирска:"),
      clause("1.1", "Провести конкурс."),
      clause("1.1.1", "Подготовить положение."),
      clause("1.2", "Секретариату МАГ обобщить предложения."),
      clause("2", "Провести форум."),
    ]);
    expect(out.map((c) => c.addressees)).toEqual([[NSK], [NSK], [NSK], ["Секретариату МАГ"], []]);
  });

  it("keeps the addressees the organiser set and passes them on", () => {
    const out = suggestAddressees([clause("1", "Обеспечить:", { addressees: ["Правлению МАГ"] }), clause("1.1", "Мэрии города провести конкурс.")]);
    expect(out[0].addressees).toEqual(["Правлению МАГ"]);
    expect(out[1].addressees).toEqual(["Мэрии города"]);
  });

  it("ends an introducing paragraph's reach and a parent's at the next heading", () => {
    const out = suggestAddressees([
      { kind: "heading", number: "", depth: 0, text: "Участники секции РЕКОМЕНДУЮТ:", addressees: ["Ошибка"] },
      { kind: "text", number: "", depth: 0, text: "Мэрии города Новосибирска:", addressees: [] },
      clause("1", "Провести конкурс."),
      clause("1.1", "Подготовить положение."),
      { kind: "heading", number: "", depth: 0, text: "Участники второй секции РЕКОМЕНДУЮТ:", addressees: [] },
      clause("1.1", "Провести форум."),
      clause("2", "Провести форум."),
    ]);
    expect(out.map((c) => c.addressees)).toEqual([[], [NSK], [NSK], [NSK], [], [], []]);
  });

  it("does not pass a paragraph's addressees on unless it introduces what follows with a colon", () => {
    const out = suggestAddressees([{ kind: "text", number: "", depth: 0, text: "Мэрии города Новосибирска обеспечить порядок.", addressees: [] }, clause("1", "Провести конкурс.")]);
    expect(out.map((c) => c.addressees)).toEqual([[NSK], []]);
  });

  it("returns new objects and leaves its input alone", () => {
    const input = [clause("1", "Мэрии города Новосибирска:"), clause("1.1", "Провести конкурс.")];
    const copy = structuredClone(input);
    const out = suggestAddressees(input);
    expect(input).toEqual(copy);
    expect(out[0]).not.toBe(input[0]);
  });
});
