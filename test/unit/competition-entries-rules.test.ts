import { describe, expect, it } from "vitest";
import { contentFromProposal, entryActions, entryDecision, participantOf, periodOf, proposalRefusal, refusalField, refusalStatus, stageRefusal, whyNotWritten, ENTRY_LIMITS } from "../../worker/competitions/entries/rules";

describe("entry rules", () => {
  it("the participant of the limit: the organisation when entered for one, else the person", () => {
    expect(participantOf("u1", null)).toBe("u:u1");
    expect(participantOf("u1", "o1")).toBe("o:o1");
  });

  it("a proposal's content: the goal and numbered tasks as «what was done», the period from its dates, its city or the organisation's", () => {
    const p = { title: "Сквер", problem: "Пустырь", goal: "Сквер для всех", tasks: ["Собрать жителей", "Посадить деревья"], expectedResults: "40 деревьев", city: "", startDate: "2027-05-01", endDate: null, budgetRequested: 100 };
    expect(contentFromProposal(p, "Томск")).toEqual({ title: "Сквер", problem: "Пустырь", actions: "Сквер для всех\n\n1. Собрать жителей\n2. Посадить деревья", results: "40 деревьев", city: "Томск", period: "2027-05-01 — …", budget: 100 });
    expect(contentFromProposal({ ...p, goal: "", tasks: [], city: "Омск" }, "Томск")).toMatchObject({ actions: "", city: "Омск" });
    expect(periodOf(null, null)).toBe("");
    expect(periodOf(null, "2027-09-30")).toBe("… — 2027-09-30");
  });

  it("which proposal an entrant may enter: published, visible, theirs (the author alone, or the organisation's)", () => {
    const p = { status: "published", hidden: false, authorId: "u1", organisationId: null as string | null };
    expect(proposalRefusal(p, { userId: "u1", organisationId: null })).toBeNull();
    expect(proposalRefusal(null, { userId: "u1", organisationId: null })).toBe("proposalUnavailable");
    expect(proposalRefusal({ ...p, status: "submitted" }, { userId: "u1", organisationId: null })).toBe("proposalUnavailable");
    expect(proposalRefusal({ ...p, hidden: true }, { userId: "u1", organisationId: null })).toBe("proposalUnavailable");
    expect(proposalRefusal(p, { userId: "u2", organisationId: null })).toBe("proposalNotYours");
    expect(proposalRefusal({ ...p, organisationId: "o1" }, { userId: "u2", organisationId: "o1" })).toBeNull();
    expect(proposalRefusal({ ...p, organisationId: "o1" }, { userId: "u1", organisationId: "o2" })).toBe("proposalNotYours");
    expect(proposalRefusal(p, { userId: "u1", organisationId: "o1" })).toBe("proposalNotYours");
  });

  it("why a guarded insert wrote nothing, in the order the write checks", () => {
    const ok = { stage: "entry" as const, nominationOk: true, live: 0, limit: 1, tries: 0, memberOk: true, proposal: null };
    expect(whyNotWritten(ok)).toBeNull();
    expect(whyNotWritten({ ...ok, stage: "announced", live: 5 })).toBe("notOpen");
    expect(whyNotWritten({ ...ok, stage: "check", live: 5 })).toBe("closed");
    expect(whyNotWritten({ ...ok, memberOk: false, live: 5 })).toBe("notMember");
    expect(whyNotWritten({ ...ok, proposal: "proposalUnavailable", live: 5 })).toBe("proposalUnavailable");
    expect(whyNotWritten({ ...ok, live: 1 })).toBe("limit");
    expect(whyNotWritten({ ...ok, tries: ENTRY_LIMITS.triesPerNomination })).toBe("tries");
    expect(stageRefusal("entry")).toBeNull();
    expect(stageRefusal("results")).toBe("closed");
  });

  it("each refusal's status and field", () => {
    expect([refusalStatus("notEligible"), refusalField("notEligible")]).toEqual([403, "organisationId"]);
    expect([refusalStatus("limit"), refusalField("limit")]).toEqual([409, "nominationId"]);
    expect([refusalStatus("alreadyEntered"), refusalField("alreadyEntered")]).toEqual([409, "proposalId"]);
    expect([refusalStatus("proposalNotYours"), refusalField("proposalNotYours")]).toEqual([422, "proposalId"]);
    expect([refusalStatus("closed"), refusalField("closed")]).toEqual([409, null]);
  });

  it("moderation: the decisions of each state and their outcome; reasons required to reject and hide", () => {
    expect(entryActions({ status: "submitted", hidden: false })).toEqual(["publish", "reject"]);
    expect(entryActions({ status: "admitted", hidden: false })).toEqual(["reject", "hide"]);
    expect(entryActions({ status: "admitted", hidden: true })).toEqual(["restore"]);
    expect(entryActions({ status: "rejected", hidden: false })).toEqual([]);
    expect(entryActions({ status: "withdrawn", hidden: false })).toEqual([]);
    const submitted = { status: "submitted" as const, hidden: false };
    expect(entryDecision(submitted, "publish", null)).toEqual({ ok: true, to: "admitted", hidden: false, notice: "admitted" });
    expect(entryDecision(submitted, "reject", null)).toEqual({ ok: false, problem: "reason-required" });
    expect(entryDecision(submitted, "reject", "Не по положению")).toEqual({ ok: true, to: "rejected", hidden: false, notice: "rejected" });
    expect(entryDecision(submitted, "hide", "x")).toEqual({ ok: false, problem: "wrong-state" });
    expect(entryDecision(submitted, "return", "x")).toEqual({ ok: false, problem: "unknown-action" });
    expect(entryDecision({ status: "admitted", hidden: false }, "hide", null)).toEqual({ ok: false, problem: "reason-required" });
    expect(entryDecision({ status: "admitted", hidden: false }, "hide", "Реклама")).toEqual({ ok: true, to: "admitted", hidden: true, notice: "hidden" });
    expect(entryDecision({ status: "admitted", hidden: true }, "restore", null)).toEqual({ ok: true, to: "admitted", hidden: false, notice: "restored" });
    expect(entryDecision({ status: "admitted", hidden: true }, "publish", null)).toEqual({ ok: false, problem: "wrong-state" });
  });
});
