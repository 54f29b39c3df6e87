import type { FormState } from "../../../page-data";

/**
 * What the remark components need; built on the server (worker/consultations/remarks/pages.ts) and
 * reusable by other parts of the consultations module (the summary shows the same card).
 */

export type RemarkKindName = "comment" | "wording" | "new_clause" | "objection";
export type DispositionName = "accepted" | "partly" | "rejected" | "out_of_scope";

/** One piece of a word diff (same+del = the current text, same+add = the proposed one). */
export interface DiffPartView {
  op: "same" | "add" | "del";
  text: string;
}

/** The author as they chose to be shown. An anonymous remark carries no name at all. */
export type RemarkAuthorView =
  | { as: "name"; name: string | null; deletedAccount: boolean }
  | { as: "organisation"; name: string; organisationId: string }
  | { as: "anonymous" };

export interface RemarkCardView {
  id: string;
  /** The remark's own page (its replies). */
  url: string;
  kind: RemarkKindName;
  status: "visible" | "hidden" | "deleted";
  /** null for a deleted remark. */
  author: RemarkAuthorView | null;
  body: string | null;
  /** wording: the proposed text as a diff against the clause; new_clause: the text of the clause to add. */
  proposal: { kind: "wording"; diff: DiffPartView[] } | { kind: "new_clause"; text: string } | null;
  createdAt: number;
  supportCount: number;
  supportedByMe: boolean;
  /** The support toggle's form action, when this viewer may support it now. */
  supportAction: string | null;
  /** Where the toggle returns to (this page). */
  back: string;
  replyCount: number;
  /** `/report?type=remark&id=…` for signed-in people other than the author. */
  reportHref: string | null;
  disposition: DispositionName | null;
  /** Shown once the summary is published. */
  dispositionReason: string | null;
  mine: boolean;
  /** «К пункту 2.1» when shown away from its clause (the remark's page, the summary). */
  placeLabel?: string | null;
  placeHref?: string | null;
}

export type RemarkRefusalName = "upcoming" | "closed" | "adopted" | "notPublished" | "draftVersion" | "supersededVersion";

/** Why there is no form, and what to say: the window's instants, the summary, the current version. */
export interface RemarkFormGate {
  /** The consultation's own reason (window, version), or the person's (sign in, confirm, blocked). */
  why: RemarkRefusalName | "signIn" | "confirm" | "blocked";
  opensAt: number;
  closesAt: number;
  summaryHref: string | null;
  currentHref: string | null;
  signInHref: string;
}

export interface RemarkFormValues {
  kind: string;
  body: string;
  proposedText: string;
  shownAs: string;
  organisationId: string;
}

export interface RemarkFormProps {
  action: string;
  clauseId: string | null;
  /** Kinds offered: all four on a clause; comment and objection on the document as a whole. */
  kinds: RemarkKindName[];
  organisations: { id: string; name: string }[];
  bodyMax: number;
  proposedTextMax: number;
  form: FormState<RemarkFormValues>;
}

/** A list of remarks with the form under it (the clause page and the whole-document page). */
export interface RemarksSectionProps {
  /** Remarks that are not deleted (the counter; hidden ones included). */
  count: number;
  items: RemarkCardView[];
  nextHref: string | null;
  firstHref: string | null;
  /** The form when this viewer may leave a remark now; otherwise the gate says why. */
  form: RemarkFormProps | null;
  gate: RemarkFormGate | null;
}

export interface ConsultationHead {
  id: string;
  title: string;
  href: string;
  versionNumber: number;
  /** Set when this page is about a version other than the current one. */
  notCurrent: boolean;
}

export interface ClauseRemarksPageProps {
  consultation: ConsultationHead;
  clause: { id: string; number: string; kind: "heading" | "clause" | "item" | "text"; text: string; addressees: string[] };
  remarks: RemarksSectionProps;
}

export interface DocumentRemarksPageProps {
  consultation: ConsultationHead;
  remarks: RemarksSectionProps;
}

export interface RemarkPageProps {
  consultation: ConsultationHead;
  clause: { id: string; number: string; text: string } | null;
  remark: RemarkCardView;
  /** For the author and moderators of a hidden remark: the moderator's reason. */
  hiddenReason: string | null;
  /** The author's delete button (while the window is open). */
  deleteAction: string | null;
  discussion: import("../../comments/props").DiscussionProps;
}
