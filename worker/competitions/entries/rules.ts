import type { ModerationAction } from "../../moderation/targets";
import type { EntryStatus, Stage } from "../schema";

/**
 * The pure rules of competition entries: limits, who the entrant is, what a proposal brings into an
 * entry, why an entry is refused, and what a moderator may decide in each state. No database and no
 * clock here; the services ask these before writing and the unit tests check them alone.
 *
 *   submitted ──publish (admit)──▶ admitted ──hide──▶ admitted + hidden ──restore──▶ admitted
 *       │                            │
 *       └────────reject──────────────┴──▶ rejected          (reason required; the entrant sees it)
 *   submitted | admitted ──withdraw (the entrant, during the entry stage)──▶ withdrawn
 *
 * Moderators decide only while the competition is in the entry or check stage (access.moderate):
 * after that the experts score what was admitted and the list must not move under them.
 */

export const ENTRY_LIMITS = {
  title: 200,
  /** Each long text of a practice (problem, what was done, results). */
  text: 5000,
  city: 100,
  period: 100,
  contact: 300,
  /** Whole roubles. */
  budget: 1_000_000_000_000,
  reason: 1000,
  id: 64,
  /**
   * Entries of one participant in one nomination in ANY state (withdrawn and rejected too): the
   * entry limit counts live entries only, so without this an enter-withdraw loop could fill the
   * moderators' queue without end. Far above what an honest entrant needs.
   */
  triesPerNomination: 10,
  /** Page size of the lists. */
  page: 20,
} as const;

/** Whose entry it is for the limit: the organisation it is entered for, or the person. */
export const participantOf = (userId: string, organisationId: string | null) => (organisationId ? `o:${organisationId}` : `u:${userId}`);

/** A proposal's period as one line of the entry ("2027-05-01 — 2027-09-30"; either end may be unknown). */
export function periodOf(start: string | null, end: string | null): string {
  if (!start && !end) return "";
  return `${start ?? "…"} — ${end ?? "…"}`;
}

/** What a proposal brings into an entry, so that experts and the library read one shape. */
export interface ProposalForEntry {
  title: string;
  problem: string;
  goal: string;
  tasks: string[];
  expectedResults: string;
  city: string;
  startDate: string | null;
  endDate: string | null;
  budgetRequested: number | null;
}

/**
 * The entry's content from a proposal: what was done = the goal followed by the numbered tasks.
 * The proposal's own limits bound these texts (its tasks may make "actions" longer than a typed
 * practice's 5000 characters); they are copied whole, never cut.
 */
export function contentFromProposal(p: ProposalForEntry, fallbackCity: string) {
  const tasks = p.tasks.map((task, i) => `${i + 1}. ${task}`).join("\n");
  return {
    title: p.title,
    problem: p.problem,
    actions: [p.goal, tasks].filter(Boolean).join("\n\n"),
    results: p.expectedResults,
    city: p.city || fallbackCity,
    period: periodOf(p.startDate, p.endDate),
    budget: p.budgetRequested,
  };
}

/** Why entering is refused, each with its own message (competitions.entries.problem.<reason>). */
export type EnterRefusal =
  | "notOpen"
  | "closed"
  | "notEligible"
  | "notMember"
  | "limit"
  | "tries"
  | "proposalUnavailable"
  | "proposalNotYours"
  | "alreadyEntered"
  | "unknownNomination";

/** The stage part of a refusal: before the entry stage, or after it. */
export function stageRefusal(stage: Stage): EnterRefusal | null {
  if (stage === "entry") return null;
  return stage === "announced" ? "notOpen" : "closed";
}

/** Whether a proposal may be entered by this entrant (published, visible, theirs). */
export function proposalRefusal(
  p: { status: string; hidden: boolean; authorId: string; organisationId: string | null } | null,
  entrant: { userId: string; organisationId: string | null },
): EnterRefusal | null {
  if (!p || p.status !== "published" || p.hidden) return "proposalUnavailable";
  const theirs = entrant.organisationId ? p.organisationId === entrant.organisationId : p.authorId === entrant.userId;
  return theirs ? null : "proposalNotYours";
}

/**
 * After a guarded insert wrote nothing: the first reason that holds now, in the order the write
 * checks them. `null` when none does (the state changed back in between: the caller may say "try again").
 */
export function whyNotWritten(f: {
  stage: Stage;
  nominationOk: boolean;
  live: number;
  limit: number;
  tries: number;
  memberOk: boolean;
  proposal: EnterRefusal | null;
}): EnterRefusal | null {
  return (
    stageRefusal(f.stage) ??
    (f.nominationOk ? null : "unknownNomination") ??
    (f.memberOk ? null : "notMember") ??
    f.proposal ??
    (f.live >= f.limit ? "limit" : null) ??
    (f.tries >= ENTRY_LIMITS.triesPerNomination ? "tries" : null)
  );
}

/** HTTP status of each refusal: the stage and the counts are conflicts; the rest are about the request. */
export const refusalStatus = (r: EnterRefusal): 403 | 409 | 422 =>
  r === "notEligible" || r === "notMember" ? 403 : r === "proposalUnavailable" || r === "proposalNotYours" || r === "unknownNomination" ? 422 : 409;

/** The form field a refusal belongs to (shown next to it), if any. */
export const refusalField = (r: EnterRefusal): string | null =>
  r === "notEligible" || r === "notMember" ? "organisationId" : r === "proposalUnavailable" || r === "proposalNotYours" || r === "alreadyEntered" ? "proposalId" : r === "unknownNomination" || r === "limit" || r === "tries" ? "nominationId" : null;

// ——— Moderation ———

export interface EntryState {
  status: EntryStatus;
  hidden: boolean;
}

/** What the entrant is told, as the notification's `status` (worker/notifications/messages.ts). */
export type EntryNotice = "admitted" | "rejected" | "hidden" | "restored";

const RULES: Record<"publish" | "reject" | "hide" | "restore", { from: (s: EntryState) => boolean; to: EntryStatus; hidden: (s: EntryState) => boolean; reasonRequired: boolean; notice: EntryNotice }> = {
  publish: { from: (s) => s.status === "submitted" && !s.hidden, to: "admitted", hidden: () => false, reasonRequired: false, notice: "admitted" },
  reject: { from: (s) => (s.status === "submitted" || s.status === "admitted") && !s.hidden, to: "rejected", hidden: () => false, reasonRequired: true, notice: "rejected" },
  hide: { from: (s) => s.status === "admitted" && !s.hidden, to: "admitted", hidden: () => true, reasonRequired: true, notice: "hidden" },
  restore: { from: (s) => s.status === "admitted" && s.hidden, to: "admitted", hidden: () => false, reasonRequired: false, notice: "restored" },
};

/**
 * The moderator's decisions that apply to an entry in this state. The queue offers them whatever the
 * stage: outside the entry and check stages the adapter refuses them with 409 and the reason (when
 * the check stage closed), rather than leaving a moderator before an item with no buttons and no why.
 */
export function entryActions(s: EntryState): ModerationAction[] {
  return (Object.keys(RULES) as (keyof typeof RULES)[]).filter((a) => RULES[a].from(s));
}

export type DecisionResult =
  | { ok: true; to: EntryStatus; hidden: boolean; notice: EntryNotice }
  | { ok: false; problem: "unknown-action" | "reason-required" | "wrong-state" };

/** A moderator's decision on an entry in state `s`: the state after it, or why it cannot be taken. */
export function entryDecision(s: EntryState, action: ModerationAction, reason: string | null): DecisionResult {
  if (!(action in RULES)) return { ok: false, problem: "unknown-action" };
  const rule = RULES[action as keyof typeof RULES];
  if (rule.reasonRequired && !reason) return { ok: false, problem: "reason-required" };
  if (!rule.from(s)) return { ok: false, problem: "wrong-state" };
  return { ok: true, to: rule.to, hidden: rule.hidden(s), notice: rule.notice };
}
