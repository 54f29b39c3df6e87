import { describe, expect, it } from "vitest";
import {
  addresseesOf,
  adoptionRefusal,
  commitmentCandidates,
  isCalendarDate,
  isOverdue,
  isStatusChange,
  keyedCandidates,
  statusCounts,
  type CandidateClause,
} from "../../worker/consultations/implementation/commitments";
import { COMMITMENT_STATUSES, type ClauseKind } from "../../worker/consultations/schema";

/** A clause tree written by hand: [kind, number, depth, text, addressees]. */
function tree(rows: [ClauseKind, string, number, string, string[]][]): CandidateClause[] {
  return rows.map(([kind, number, depth, text, addressees], position) => ({ id: `c${position}`, position, kind, number, depth, text, addressees }));
}

const MAYOR = "Мэрии города Новосибирска";
const COUNCIL = "Экспертному совету по развитию ТОС";
const ACTIVE = "Активу ТОС";

/** Seed 004, section «Город соседей», as the parser gives it (sub-clauses carrying their parent's addressees). */
const SEED_004 = tree([
  ["heading", "", 0, "Участники секции «Город соседей» - общественные инициативы территориальных общественных самоуправлений по месту жительства, РЕКОМЕНДУЮТ:", []],
  ["clause", "1", 0, "Мэрии города Новосибирска, Экспертному совету по развитию ТОС, активу ТОС продолжить работу по реализации Стратегии развития ТОС в городе Новосибирске до 2030 года.", [MAYOR, COUNCIL, ACTIVE]],
  ["clause", "2", 0, "Мэрии города Новосибирска, Экспертному совету по развитию ТОС:", [MAYOR, COUNCIL]],
  ["clause", "2.1", 1, "Провести работу по организации конкурса социально-значимых проектов для территориальных общественных самоуправлений.", [MAYOR, COUNCIL]],
  ["clause", "2.2", 1, "В рамках формата «Школа ТОС» провести обучение активистов, председателей советов ТОС, экспертов по оценке проектов ТОС.", [MAYOR, COUNCIL]],
  ["clause", "3", 0, "Активу ТОС:", [ACTIVE]],
  ["clause", "3.1", 1, "При взаимодействии с мэрией города Новосибирска в работе по благоустройству и озеленению территории активно применять новые приемы.", []],
  ["clause", "3.2", 1, "Продолжать работу по привлечению молодежи в деятельность ТОС через реализацию молодежных проектов.", []],
  ["heading", "", 0, "Участники секции «Город патриотов» - общественные организации патриотической направленности, РЕКОМЕНДУЮТ:", []],
  ["clause", "1", 0, "Мэрии города Новосибирска:", [MAYOR]],
  ["clause", "1.1", 1, "Организовать работу по популяризации среди жителей города общественных патриотических проектов по месту жительства.", []],
]);

/** Seed 003 (decision of the 17th session of МАГ): titled sections, sub-clauses, a closing paragraph on control. */
const SEED_003 = tree([
  ["text", "", 0, "РЕШЕНИЕ Семнадцатой сессии Ассоциации «Международная Ассамблея столиц и крупных городов» (МАГ)", []],
  ["clause", "1", 0, "Об итогах Форума «Мегаполис: XXI век» и участии МАГ в работе по развитию информационного общества.", []],
  ["clause", "1.1", 1, "Одобрить итоги прошедшей в рамках Форума «Мегаполис: XXI век» Международной конференции «Региональная информатизация. Стратегические приоритеты».", []],
  ["clause", "1.2", 1, "Экспертному совету МАГ совместно с МРГ, Постоянной комиссией МАГ по информационной политике и PR-проектам и Секретариатом МАГ принять участие в работе по обобщению поступивших предложений.", ["Экспертному совету МАГ"]],
  ["clause", "1.3", 1, "Принять предложение Межкафедральной научной лаборатории инновационных технологий управления современным городом.", []],
  ["clause", "1.4", 1, "По итогам проведенного конкурса издать сборник лучших программно-технических решений.\nСекретариату МАГ совместно с Аппаратом МРГ подготовить общую концепцию презентации лучших проектов Москвы.", ["Секретариату МАГ"]],
  ["clause", "2", 0, "Об основных мероприятиях МАГ на 2010 год.", []],
  ["clause", "2.1", 1, "Согласиться с предложениями по основным мероприятиям МАГ на 2010 год. Экспертному совету МАГ совместно с Секретариатом МАГ до конца года обобщить предложения.", ["Экспертному совету МАГ"]],
  ["text", "", 0, "Контроль за реализацией принятых решений возложить на Правление МАГ.", ["Правлению МАГ"]],
]);

const rowsOf = (list: ReturnType<typeof commitmentCandidates>) => list.map((c) => `${c.number} ${c.addressee}`);

describe("commitmentCandidates", () => {
  it("seed 004: the sub-clauses of a lead-in are the commitments, one per addressee, not the bare lead-in", () => {
    expect(rowsOf(commitmentCandidates(SEED_004))).toEqual([
      `1 ${MAYOR}`,
      `1 ${COUNCIL}`,
      `1 ${ACTIVE}`,
      `2.1 ${MAYOR}`,
      `2.1 ${COUNCIL}`,
      `2.2 ${MAYOR}`,
      `2.2 ${COUNCIL}`,
      // 3.1 and 3.2 have no addressees of their own: the lead-in «Активу ТОС:» gives them its own.
      `3.1 ${ACTIVE}`,
      `3.2 ${ACTIVE}`,
      `1.1 ${MAYOR}`,
    ]);
  });

  it("seed 004: the rows copy the clause's id, position and text", () => {
    const [first] = commitmentCandidates(SEED_004);
    expect(first).toEqual({ clauseId: "c1", clausePosition: 1, number: "1", text: SEED_004[1].text, addressee: MAYOR });
    const sub = commitmentCandidates(SEED_004).find((c) => c.number === "3.2")!;
    expect(sub).toMatchObject({ clauseId: "c7", clausePosition: 7 });
  });

  it("seed 003: only the clauses naming an addressee; section titles, addressee-less clauses and the closing paragraph are not commitments", () => {
    expect(rowsOf(commitmentCandidates(SEED_003))).toEqual(["1.2 Экспертному совету МАГ", "1.4 Секретариату МАГ", "2.1 Экспертному совету МАГ"]);
  });

  it("a lead-in with no actionable sub-clause stays a commitment (shown, so the organiser can decide)", () => {
    const list = tree([
      ["clause", "5", 0, "Секретариату МАГ:", ["Секретариату МАГ"]],
      ["clause", "6", 0, "Одобрить.", []],
    ]);
    expect(rowsOf(commitmentCandidates(list))).toEqual(["5 Секретариату МАГ"]);
  });

  it("bullets inside a lead-in clause inherit through nested lead-ins; a non-lead-in parent passes nothing down", () => {
    const list = tree([
      ["clause", "8", 0, "Секретариату МАГ:", ["Секретариату МАГ"]],
      ["clause", "8.1", 1, "В сфере образования:", []],
      ["item", "", 2, "провести семинар;", []],
      ["item", "", 2, "подготовить сборник.", []],
      ["clause", "9", 0, "Мэрии города поддержать проект.", ["Мэрии города"]],
      ["clause", "9.1", 1, "Подробности проекта.", []],
    ]);
    expect(rowsOf(commitmentCandidates(list))).toEqual([" Секретариату МАГ", " Секретариату МАГ", "9 Мэрии города"]);
  });

  it("a heading passes nothing down, duplicates and blanks among addressees are dropped, input order does not matter", () => {
    const list = tree([
      ["heading", "", 0, "Рекомендовать Мэрии:", ["Мэрии"]],
      ["clause", "1", 1, "Сделать что-то.", []],
      ["clause", "2", 0, "Мэрии и Мэрии сделать.", ["Мэрии", " Мэрии ", ""]],
    ]);
    expect(rowsOf(commitmentCandidates([...list].reverse()))).toEqual(["2 Мэрии"]);
  });

  it("keyed rows number a clause's addressees from 0", () => {
    const keyed = keyedCandidates(commitmentCandidates(SEED_004));
    expect(keyed.slice(0, 4).map((k) => k.key)).toEqual(["c1#0", "c1#1", "c1#2", "c3#0"]);
  });
});

describe("isOverdue", () => {
  const today = "2026-11-22";
  it("due before today and not finished", () => {
    expect(isOverdue({ dueOn: "2026-11-21", status: "not_started" }, today)).toBe(true);
    expect(isOverdue({ dueOn: "2025-01-01", status: "in_progress" }, today)).toBe(true);
  });
  it("due today is still on time; no due date is never overdue", () => {
    expect(isOverdue({ dueOn: today, status: "not_started" }, today)).toBe(false);
    expect(isOverdue({ dueOn: null, status: "in_progress" }, today)).toBe(false);
    expect(isOverdue({ dueOn: "2026-11-23", status: "in_progress" }, today)).toBe(false);
  });
  it("done and failed are final, never overdue", () => {
    expect(isOverdue({ dueOn: "2020-01-01", status: "done" }, today)).toBe(false);
    expect(isOverdue({ dueOn: "2020-01-01", status: "failed" }, today)).toBe(false);
  });
});

describe("status moves", () => {
  it("any status may follow any other; the same status is not a change", () => {
    for (const from of COMMITMENT_STATUSES)
      for (const to of COMMITMENT_STATUSES) expect(isStatusChange(from, to)).toBe(from !== to);
    expect(isStatusChange("done", null)).toBe(false);
    expect(isStatusChange("done", undefined)).toBe(false);
  });
});

describe("adoptionRefusal", () => {
  const ok = { status: "published" as const, windowState: "closed" as const, hasDraftVersion: false };
  const v = { status: "published" as const };
  it("a published consultation after its window, with a published version and no draft, may be adopted", () => {
    expect(adoptionRefusal(ok, v)).toBeNull();
  });
  it("refuses each condition with its own reason", () => {
    expect(adoptionRefusal({ ...ok, status: "adopted" }, v)).toBe("alreadyAdopted");
    expect(adoptionRefusal({ ...ok, status: "draft" }, v)).toBe("notPublished");
    expect(adoptionRefusal({ ...ok, windowState: "open" }, v)).toBe("windowNotClosed");
    expect(adoptionRefusal({ ...ok, windowState: "upcoming" }, v)).toBe("windowNotClosed");
    expect(adoptionRefusal({ ...ok, hasDraftVersion: true }, v)).toBe("draftPending");
    expect(adoptionRefusal(ok, { status: "draft" })).toBe("versionNotPublished");
    expect(adoptionRefusal(ok, null)).toBe("versionNotPublished");
  });
  it("an adopted consultation is refused first, whatever else holds", () => {
    expect(adoptionRefusal({ status: "adopted", windowState: "open", hasDraftVersion: true }, null)).toBe("alreadyAdopted");
  });
});

describe("dates and counts", () => {
  it("calendar dates: real days only", () => {
    expect(isCalendarDate("2026-02-28")).toBe(true);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    for (const bad of ["2026-02-29", "2026-13-01", "2026-1-01", "01.02.2026", "", "2026-02-28T00:00", "1800-01-01"]) expect(isCalendarDate(bad), bad).toBe(false);
  });
  it("status counts include zeros; addressees are counted and sorted in Russian order", () => {
    expect(statusCounts([{ status: "done" }, { status: "done" }, { status: "failed" }])).toEqual({ not_started: 0, in_progress: 0, done: 2, failed: 1 });
    expect(addresseesOf([{ addressee: "Секретариату МАГ" }, { addressee: "Активу ТОС" }, { addressee: "Секретариату МАГ" }, { addressee: "Ёлкину" }])).toEqual([
      { addressee: "Активу ТОС", count: 1 },
      { addressee: "Ёлкину", count: 1 },
      { addressee: "Секретариату МАГ", count: 2 },
    ]);
  });
});

describe("orderedIds", () => {
  it("UUID-shaped ids that sort in the order given", async () => {
    const { orderedIds } = await import("../../worker/consultations/implementation/adoption");
    const ids = orderedIds(1000, Date.UTC(2026, 10, 22));
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1000);
  });
});
