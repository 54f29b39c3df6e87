import { wordDiff, type WordSegment } from "../versions/word-diff";
import type { RemarkKind, RemarkShownAs, RemarkStatus } from "../schema";
import type { WindowState } from "../window";

/**
 * The remark rules, pure (no database, no clock of their own): sizes, which kinds need which text,
 * where a kind may go, why a remark cannot be left now, how its author is shown, and the word-level
 * diff of a proposed wording. The service asks these before it writes; test/unit/remark-rules.test.ts
 * pins their edges.
 */

export const REMARK_LIMITS = {
  /** The remark itself (comment, objection) or the explanation of a wording / new clause. Characters after trimming. */
  bodyMax: 5000,
  /** The full proposed text of a clause (wording) or of the new clause. */
  proposedTextMax: 10000,
  /** Remarks per page on a clause page and on the whole-document page («Показать ещё» loads the next 20). */
  pageSize: 20,
  /** The moderation queue's label and a notification's excerpt. */
  label: 80,
} as const;

/** Line breaks are kept (as \n); spaces around the text are not. */
export const normaliseText = (raw: string | null | undefined) => (raw ?? "").replace(/\r\n?/g, "\n").trim();

/** Two clause texts are the same wording when they differ only in whitespace. */
export const sameWording = (a: string, b: string) => a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();

/** Kinds that carry a proposed text and therefore need a clause to attach to. */
export const PROPOSING_KINDS: readonly RemarkKind[] = ["wording", "new_clause"];
export const proposes = (kind: RemarkKind) => PROPOSING_KINDS.includes(kind);

export type RemarkFieldCode =
  | "field.required"
  | "field.tooLong"
  | "consultations.remarks.field.wholeDocumentKind"
  | "consultations.remarks.field.sameWording"
  | "consultations.remarks.field.proposedTextNotForKind"
  | "consultations.remarks.field.organisationRequired"
  | "consultations.remarks.field.organisationNotForShownAs";

export interface RemarkFieldIssue {
  field: "kind" | "body" | "proposedText" | "organisationId";
  code: RemarkFieldCode;
  params?: { max: number };
}

export interface RemarkDraft {
  kind: RemarkKind;
  /** Normalised (see normaliseText); "" when not given. */
  body: string;
  proposedText: string;
  shownAs: RemarkShownAs;
  organisationId: string | null;
}

/**
 * What is wrong with a remark's content, field by field (empty when nothing). `clauseText` is the
 * current text of the clause it goes to, or null for the document as a whole.
 * - comment, objection: a body (≤ 5,000), no proposed text;
 * - wording: the full new text (≤ 10,000) different from the clause's, an optional explanation;
 * - new_clause: the text of the new clause (≤ 10,000), an optional explanation;
 * - wording and new_clause only on a clause (they replace or follow one);
 * - an organisation exactly when shown as an organisation.
 */
export function remarkIssues(d: RemarkDraft, clauseText: string | null): RemarkFieldIssue[] {
  const issues: RemarkFieldIssue[] = [];
  const proposing = proposes(d.kind);
  if (proposing && clauseText === null) issues.push({ field: "kind", code: "consultations.remarks.field.wholeDocumentKind" });
  if (!proposing && d.body.length === 0) issues.push({ field: "body", code: "field.required" });
  if (d.body.length > REMARK_LIMITS.bodyMax) issues.push({ field: "body", code: "field.tooLong", params: { max: REMARK_LIMITS.bodyMax } });
  if (proposing) {
    if (d.proposedText.length === 0) issues.push({ field: "proposedText", code: "field.required" });
    else if (d.proposedText.length > REMARK_LIMITS.proposedTextMax) issues.push({ field: "proposedText", code: "field.tooLong", params: { max: REMARK_LIMITS.proposedTextMax } });
    else if (d.kind === "wording" && clauseText !== null && sameWording(d.proposedText, clauseText)) issues.push({ field: "proposedText", code: "consultations.remarks.field.sameWording" });
  } else if (d.proposedText.length > 0) {
    issues.push({ field: "proposedText", code: "consultations.remarks.field.proposedTextNotForKind" });
  }
  if (d.shownAs === "organisation" && !d.organisationId) issues.push({ field: "organisationId", code: "consultations.remarks.field.organisationRequired" });
  if (d.shownAs !== "organisation" && d.organisationId) issues.push({ field: "organisationId", code: "consultations.remarks.field.organisationNotForShownAs" });
  return issues;
}

/**
 * Why no remark can be left on this consultation now, for anybody, or null when it accepts them:
 * not yet open, already closed, adopted (final), or the remark is aimed at a version that is not
 * the current published one. Edges: open from opensAt exactly until just before closesAt.
 */
export type RemarkRefusal = "upcoming" | "closed" | "adopted" | "notPublished" | "draftVersion" | "supersededVersion";

export function remarkRefusal(
  c: { status: "draft" | "published" | "adopted"; currentVersion: number },
  window: WindowState,
  version: { number: number; status: "draft" | "published" } | null,
): RemarkRefusal | null {
  if (c.status === "draft" || c.currentVersion === 0) return "notPublished";
  if (version && version.status === "draft") return "draftVersion";
  if (version && version.number !== c.currentVersion) return "supersededVersion";
  if (c.status === "adopted") return "adopted";
  if (window === "upcoming") return "upcoming";
  if (window === "closed") return "closed";
  return null;
}

/** How a remark's author appears to others. The real name is never part of an anonymous remark's view. */
export type ShownAuthor =
  | { as: "name"; name: string; deletedAccount: false }
  | { as: "name"; name: null; deletedAccount: true }
  | { as: "organisation"; name: string; organisationId: string }
  | { as: "anonymous" };

export function shownAuthor(r: { shownAs: RemarkShownAs; authorName: string | null; authorDeletedAt: number | null; organisationId: string | null; organisationName: string | null }): ShownAuthor {
  if (r.shownAs === "anonymous") return { as: "anonymous" };
  if (r.shownAs === "organisation" && r.organisationId && r.organisationName !== null) return { as: "organisation", name: r.organisationName, organisationId: r.organisationId };
  if (r.authorDeletedAt !== null || r.authorName === null) return { as: "name", name: null, deletedAccount: true };
  return { as: "name", name: r.authorName, deletedAccount: false };
}

/** Who may read a remark itself: visible ones everybody who reads the consultation; hidden ones their author and the organiser's moderators. */
export const remarkReadable = (status: RemarkStatus, viewer: { isAuthor: boolean; isModerator: boolean }) => status !== "hidden" || viewer.isAuthor || viewer.isModerator;

/** One piece of a word-level diff: text both share, text taken out ("del"), text put in ("add"). */
export type DiffPart = WordSegment;

/**
 * The proposed wording against the clause's current text, word by word — the versions part's word
 * diff (jsdiff with a Unicode tokeniser: jsdiff's own diffWordsWithSpace splits Cyrillic words into
 * letters), so a proposed wording reads like a change between versions. Joining same+del gives the
 * current text, same+add the proposed one; a thorough rewrite shows as the whole text replaced.
 */
export const wordingDiff = (current: string, proposed: string): DiffPart[] => wordDiff(current, proposed);

/** The first words of a text, on one line, cut at a word boundary (queue labels, notifications). */
export function excerpt(text: string, max: number = REMARK_LIMITS.label): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
