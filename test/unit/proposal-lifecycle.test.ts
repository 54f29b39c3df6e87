import { describe, expect, it } from "vitest";
import { availableActions, PROPOSAL_ACTIONS, transition, type ProposalAction, type ProposalRole } from "../../worker/proposals/lifecycle";
import { PROPOSAL_STATUSES, type ProposalStatus } from "../../worker/proposals/schema";

/**
 * The whole table, written out by hand (not derived from the rules under test): for each action,
 * the role that may take it, the states it may start from ("+hidden": only when hidden, "-hidden":
 * only when visible; otherwise the hidden flag does not matter), and where it leads.
 */
type From = `${ProposalStatus}${"" | "+hidden" | "-hidden"}`;
const ALLOWED: Record<ProposalAction, { by: ProposalRole; from: From[]; to: (s: ProposalStatus) => ProposalStatus; reason: boolean }> = {
  submit: { by: "author", from: ["draft", "returned"], to: () => "submitted", reason: false },
  publish: { by: "moderator", from: ["submitted"], to: () => "published", reason: false },
  return: { by: "moderator", from: ["submitted"], to: () => "returned", reason: true },
  reject: { by: "moderator", from: ["submitted"], to: () => "rejected", reason: true },
  archive: { by: "moderator", from: ["published"], to: () => "archived", reason: false },
  withdraw: { by: "author", from: ["draft", "submitted", "returned", "published"], to: () => "withdrawn", reason: false },
  hide: { by: "moderator", from: ["published-hidden"], to: (s) => s, reason: true },
  restore: { by: "moderator", from: ["published+hidden"], to: (s) => s, reason: false },
};
const startsFrom = (from: From[], status: ProposalStatus, hidden: boolean) =>
  from.includes(status) || from.includes(`${status}${hidden ? "+hidden" : "-hidden"}`);
const stateOf = (from: From) => ({ status: from.replace(/[+-]hidden$/, "") as ProposalStatus, hidden: from.endsWith("+hidden") });

const cases = PROPOSAL_ACTIONS.flatMap((action) =>
  PROPOSAL_STATUSES.flatMap((status) => [false, true].flatMap((hidden) => (["author", "moderator"] as const).map((role) => ({ action, status, hidden, role })))),
);

describe("proposal lifecycle: every action × state × hidden × role", () => {
  it.each(cases)("$action from $status (hidden: $hidden) by $role", ({ action, status, hidden, role }) => {
    const rule = ALLOWED[action];
    const r = transition({ status, hidden }, action, role, { reason: "Причина" });
    if (rule.by !== role) return expect(r).toEqual({ ok: false, problem: "wrong-role" });
    if (!startsFrom(rule.from, status, hidden)) return expect(r).toEqual({ ok: false, problem: "wrong-state" });
    const expectedHidden = action === "hide" ? true : action === "restore" ? false : hidden;
    expect(r).toEqual({ ok: true, to: rule.to(status), hidden: expectedHidden });
  });

  it.each(PROPOSAL_ACTIONS.filter((a) => ALLOWED[a].reason))("%s needs a reason (blank is none)", (action) => {
    const state = stateOf(ALLOWED[action].from[0]);
    expect(transition(state, action, "moderator", {})).toEqual({ ok: false, problem: "reason-required" });
    expect(transition(state, action, "moderator", { reason: "   " })).toEqual({ ok: false, problem: "reason-required" });
    expect(transition(state, action, "moderator", { reason: "Причина" }).ok).toBe(true);
  });

  it.each(PROPOSAL_ACTIONS.filter((a) => !ALLOWED[a].reason))("%s needs no reason", (action) => {
    const state = stateOf(ALLOWED[action].from[0]);
    expect(transition(state, action, ALLOWED[action].by, {}).ok).toBe(true);
  });

  it("a moderator never decides on their own proposal, whatever the state", () => {
    for (const action of PROPOSAL_ACTIONS.filter((a) => ALLOWED[a].by === "moderator"))
      for (const status of PROPOSAL_STATUSES) expect(transition({ status, hidden: false }, action, "moderator", { reason: "x", isOwn: true })).toEqual({ ok: false, problem: "own-content" });
    // The author's own moves are, of course, on their own proposal.
    expect(transition({ status: "draft", hidden: false }, "submit", "author", { isOwn: true }).ok).toBe(true);
  });

  it("available actions drive the buttons", () => {
    expect(availableActions({ status: "submitted", hidden: false }, "moderator")).toEqual(["publish", "return", "reject"]);
    expect(availableActions({ status: "published", hidden: false }, "moderator")).toEqual(["archive", "hide"]);
    expect(availableActions({ status: "published", hidden: true }, "moderator")).toEqual(["archive", "restore"]);
    expect(availableActions({ status: "draft", hidden: false }, "author")).toEqual(["submit", "withdraw"]);
    expect(availableActions({ status: "rejected", hidden: false }, "author")).toEqual([]);
    expect(availableActions({ status: "withdrawn", hidden: false }, "moderator")).toEqual([]);
  });
});
