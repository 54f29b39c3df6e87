import type { ProposalStatus } from "./schema";

/**
 * The proposal lifecycle — the one place that says which move is allowed from which state, by whom,
 * and whether a reason is required. Pure: no database, no clock; services ask it before writing and
 * write the change and its audit record in one batch.
 *
 *   draft ──submit──▶ submitted ──publish──▶ published ──archive──▶ archived
 *     ▲                  │  │                  │
 *     └──(author edits)──┘  └──reject──▶ rejected
 *   returned ◀──return──┘ (author edits and submits again)
 *   draft | submitted | returned | published ──withdraw (author)──▶ withdrawn
 *   published: hide / restore (moderation flag, state unchanged)
 */
export const PROPOSAL_ACTIONS = ["submit", "publish", "return", "reject", "archive", "withdraw", "hide", "restore"] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

/** Who is acting, in relation to this proposal. */
export type ProposalRole = "author" | "moderator";

interface Rule {
  from: readonly ProposalStatus[];
  by: ProposalRole;
  /** The state after the move; `null` keeps the state (hide/restore change only the hidden flag). */
  to: ProposalStatus | null;
  reasonRequired: boolean;
  /** hide needs the proposal visible, restore needs it hidden. */
  hidden?: boolean;
}

export const PROPOSAL_RULES: Record<ProposalAction, Rule> = {
  submit: { from: ["draft", "returned"], by: "author", to: "submitted", reasonRequired: false },
  publish: { from: ["submitted"], by: "moderator", to: "published", reasonRequired: false },
  return: { from: ["submitted"], by: "moderator", to: "returned", reasonRequired: true },
  reject: { from: ["submitted"], by: "moderator", to: "rejected", reasonRequired: true },
  archive: { from: ["published"], by: "moderator", to: "archived", reasonRequired: false },
  withdraw: { from: ["draft", "submitted", "returned", "published"], by: "author", to: "withdrawn", reasonRequired: false },
  hide: { from: ["published"], by: "moderator", to: null, reasonRequired: true, hidden: false },
  restore: { from: ["published"], by: "moderator", to: null, reasonRequired: false, hidden: true },
};

/** States in which the author may change the text. */
export const EDITABLE_STATES: readonly ProposalStatus[] = ["draft", "returned"];
export const isEditable = (status: ProposalStatus) => EDITABLE_STATES.includes(status);

/** States anyone may see (others are visible to the author and the organiser's moderators only). */
export const PUBLIC_STATES: readonly ProposalStatus[] = ["published", "archived"];
export const isPublic = (status: ProposalStatus, hidden: boolean) => PUBLIC_STATES.includes(status) && !hidden;

/** Supports and new comments only while published and not hidden. */
export const acceptsParticipation = (status: ProposalStatus, hidden: boolean) => status === "published" && !hidden;

export type TransitionResult =
  | { ok: true; to: ProposalStatus; hidden: boolean }
  | { ok: false; problem: "wrong-role" | "wrong-state" | "reason-required" | "own-content" };

/**
 * Whether `role` may do `action` to a proposal in `status`. A moderator acting on their own proposal
 * is refused (`isOwn`): nobody decides on their own content.
 */
export function transition(
  proposal: { status: ProposalStatus; hidden: boolean },
  action: ProposalAction,
  role: ProposalRole,
  opts: { reason?: string | null; isOwn?: boolean } = {},
): TransitionResult {
  const rule = PROPOSAL_RULES[action];
  if (rule.by !== role) return { ok: false, problem: "wrong-role" };
  if (role === "moderator" && opts.isOwn) return { ok: false, problem: "own-content" };
  if (!rule.from.includes(proposal.status)) return { ok: false, problem: "wrong-state" };
  if (rule.hidden !== undefined && rule.hidden !== proposal.hidden) return { ok: false, problem: "wrong-state" };
  if (rule.reasonRequired && !(opts.reason ?? "").trim()) return { ok: false, problem: "reason-required" };
  const hidden = action === "hide" ? true : action === "restore" ? false : proposal.hidden;
  return { ok: true, to: rule.to ?? proposal.status, hidden };
}

/** The actions a role could take now (drives the buttons shown; the server still checks). */
export function availableActions(proposal: { status: ProposalStatus; hidden: boolean }, role: ProposalRole): ProposalAction[] {
  return PROPOSAL_ACTIONS.filter((a) => {
    const r = transition(proposal, a, role, { reason: "x" });
    return r.ok;
  });
}
