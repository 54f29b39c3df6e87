import { translate, type Locale, type MessageKey } from "../../web/i18n";
import type { NotificationKind } from "./schema";

/**
 * The parameters each kind expects (the contract with the modules that notify; the names are the
 * ones those modules send). Values are stored as given and rendered in the reader's language when
 * read, so a person who switches language sees old notifications in the new one. Unknown states,
 * actions or decisions fall back to a general sentence; an empty reason is no reason.
 */
export interface NoteParams {
  /** `status`: the state after the change (ProposalStatus, or "hidden"); or `action`: the lifecycle move. */
  proposal_status: { title: string; status?: string; action?: string; reason?: string };
  /** `title`: the proposal; `name` (or `author`): who commented; `excerpt`: the start of the comment. */
  proposal_comment: { title: string; name?: string; author?: string; excerpt?: string };
  /** `title`: the proposal; `name` (or `author`): who supported it (omit it for a sentence without a name). */
  proposal_support: { title: string; name?: string; author?: string };
  /** `title`: what the discussion is on; `name` (or `author`): who replied; `excerpt`: the start of the reply. */
  comment_reply: { title: string; name?: string; author?: string; excerpt?: string };
  /** `label` (or `title`): what was reported; `decision`: the queue action (or `outcome` upheld|dismissed). */
  report_decided: { label?: string; title?: string; decision?: string; outcome?: string; reason?: string };
  /** For moderators: how many items of `organiser` wait too long (`hours`, the limit, when known). */
  queue_stale: { organiser: string; count: number; hours?: number };
  /** `title`: the consultation; `name`: who replied to your remark; `excerpt`: the start of the reply. */
  remark_reply: { title: string; name?: string; author?: string; excerpt?: string };
  /** `title`: the consultation; `disposition`: accepted|partly|rejected|out_of_scope; `reason`: the organiser's reason. */
  remark_disposition: { title: string; disposition: string; reason?: string };
  /** `title`: the entry; `competition`: its competition; `status`: admitted|rejected|hidden|restored; `reason`: the moderator's. */
  entry_status: { title: string; competition: string; status: string; reason?: string };
  /** `title`: the competition; `count`: entries now assigned to the expert for scoring. */
  expert_assignment: { title: string; count: number };
  /** `title`: the entry; `competition`, `nomination`; `rank`: its place; `winner`: 1 or 0. */
  competition_result: { title: string; competition: string; nomination: string; rank: number; winner: number };
}

export interface RenderedNote {
  /** One line: the notification itself, and the subject of its e-mail. */
  headline: string;
  /** Further lines (a reason, the start of a reply), or none. */
  details: string[];
}

const LIMITS = { inline: 160, detail: 1000 };
const PROPOSAL_ACTIONS = ["submit", "publish", "return", "reject", "archive", "withdraw", "hide", "restore"];
/** A proposal's state after a change, as the sentence of the move that led there. */
const ACTION_OF_STATUS: Record<string, string> = { submitted: "submit", published: "publish", returned: "return", rejected: "reject", archived: "archive", withdrawn: "withdraw", hidden: "hide" };
/** Queue decisions that uphold the reports (as worker/moderation/rules.ts reportOutcome). */
const UPHOLDING = ["hide", "reject", "return", "block"];

/** Text from someone else, made safe for one line (no line breaks can reach an e-mail subject). */
function oneLine(v: unknown, max = LIMITS.inline): string {
  const s = String(v ?? "").replace(/[\u0000-\u001f\u007f\u2028\u2029\s]+/g, " ").trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function block(v: unknown, max = LIMITS.detail): string {
  const s = String(v ?? "").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "").trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Renders a notification from its kind and parameters in `locale`. Pure; plain text (callers escape for HTML). */
export function renderNote(locale: Locale, kind: NotificationKind, raw: Record<string, string | number>): RenderedNote {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key as MessageKey, params);
  const title = oneLine(raw.title);
  const details: string[] = [];
  const reason = raw.reason === undefined ? "" : block(raw.reason);
  switch (kind) {
    case "proposal_status": {
      const given = raw.action !== undefined ? String(raw.action) : (ACTION_OF_STATUS[String(raw.status)] ?? "");
      const action = PROPOSAL_ACTIONS.includes(given) ? given : "other";
      if (reason) details.push(t("notifications.msg.reason", { reason }));
      return { headline: t(`notifications.msg.proposal_status.${action}`, { title }), details };
    }
    case "proposal_comment":
    case "comment_reply":
    case "remark_reply": {
      const excerpt = raw.excerpt === undefined ? "" : oneLine(raw.excerpt, 300);
      if (excerpt) details.push(t("notifications.msg.excerpt", { excerpt }));
      return { headline: t(`notifications.msg.${kind}`, { title, author: oneLine(raw.name ?? raw.author, 80) }), details };
    }
    case "proposal_support": {
      const author = oneLine(raw.name ?? raw.author, 80);
      return { headline: t(author ? "notifications.msg.proposal_support" : "notifications.msg.proposal_support.anonymous", { title, author }), details };
    }
    case "report_decided": {
      const outcome =
        raw.outcome === "upheld" || raw.outcome === "dismissed" ? raw.outcome : raw.decision !== undefined ? (UPHOLDING.includes(String(raw.decision)) ? "upheld" : "dismissed") : "other";
      if (reason) details.push(t("notifications.msg.reason", { reason }));
      return { headline: t(`notifications.msg.report_decided.${outcome}`, { title: oneLine(raw.label ?? raw.title) }), details };
    }
    case "remark_disposition": {
      const given = String(raw.disposition);
      const disposition = ["accepted", "partly", "rejected", "out_of_scope"].includes(given) ? given : "other";
      if (reason) details.push(t("notifications.msg.reason", { reason }));
      return { headline: t(`notifications.msg.remark_disposition.${disposition}`, { title }), details };
    }
    case "entry_status": {
      const given = String(raw.status);
      const status = ["admitted", "rejected", "hidden", "restored"].includes(given) ? given : "other";
      if (reason) details.push(t("notifications.msg.reason", { reason }));
      return { headline: t(`notifications.msg.entry_status.${status}`, { title, competition: oneLine(raw.competition) }), details };
    }
    case "expert_assignment":
      return { headline: t("notifications.msg.expert_assignment", { title, count: Number(raw.count) || 0 }), details };
    case "competition_result": {
      const params = { title, competition: oneLine(raw.competition), nomination: oneLine(raw.nomination), rank: Number(raw.rank) || 0 };
      return { headline: t(Number(raw.winner) === 1 ? "notifications.msg.competition_result.winner" : "notifications.msg.competition_result", params), details };
    }
    case "queue_stale": {
      const params = { organiser: oneLine(raw.organiser, 120), hours: Number(raw.hours) || 0, count: Number(raw.count) || 0 };
      return { headline: t(params.hours > 0 ? "notifications.msg.queue_stale" : "notifications.msg.queue_stale.overdue", params), details };
    }
    default:
      return { headline: title, details };
  }
}

/** The e-mail copy: plain text only (nothing from anyone is ever interpreted as HTML in a mailbox). */
export function renderNoteMail(locale: Locale, kind: NotificationKind, params: Record<string, string | number>, url: string, origin: string) {
  const note = renderNote(locale, kind, params);
  const base = origin.replace(/\/+$/, "");
  const link = url.startsWith("/") && !url.startsWith("//") ? base + url : `${base}/me/notifications`;
  const text = [
    note.headline,
    ...(note.details.length ? ["", ...note.details] : []),
    "",
    translate(locale, "notifications.mail.open"),
    link,
    "",
    "—",
    translate(locale, "notifications.mail.footer"),
    `${base}/me/notifications#prefs`,
  ].join("\n");
  return { subject: `${note.headline} — ${translate(locale, "app.name")}`, text };
}
