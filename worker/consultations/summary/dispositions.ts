import type { Disposition, RemarkStatus } from "../schema";
import { DISPOSITIONS } from "../schema";
import type { WindowState } from "../window";

/**
 * The rules of the «сводка предложений», pure (no database, no clock): what a disposition must
 * carry, which remarks need one, how far the organiser has got, and when the summary may be
 * published. The service asks these before it writes; test/unit/disposition-rules.test.ts pins
 * their edges.
 */

export const DISPOSITION_LIMITS = {
  /** The reason, in characters after trimming. */
  reason: 2000,
  /** Remarks one bulk decision may cover (one batch, one form of checkboxes). */
  bulk: 100,
  /** Remarks per page on the organiser's work page. */
  workPage: 25,
  /** Rows per page of the public summary (and its API). */
  summaryPage: 50,
  /** Rows read per query when the whole summary is exported (CSV, print). */
  exportChunk: 1000,
} as const;

export type DispositionFieldCode = "field.invalidChoice" | "field.tooLong" | "consultations.summary.field.reasonRequired";

export interface DispositionIssue {
  field: "disposition" | "reason";
  code: DispositionFieldCode;
  params?: { max: number };
}

export const isDisposition = (v: unknown): v is Disposition => typeof v === "string" && (DISPOSITIONS as readonly string[]).includes(v);

/**
 * A disposition as the organiser sent it → what is stored, or what is wrong with it. The reason is
 * trimmed (line breaks inside are kept, \r\n becomes \n); it is required for anything but
 * «учтено», because the author and every reader of the summary must learn why their remark was not
 * (fully) taken; a reason of only spaces counts as none. An «учтено» may carry a reason too; an
 * empty one is stored as NULL.
 */
export function checkDisposition(input: { disposition: unknown; reason?: string | null }): { ok: true; disposition: Disposition; reason: string | null } | { ok: false; issues: DispositionIssue[] } {
  const issues: DispositionIssue[] = [];
  const reason = (input.reason ?? "").replace(/\r\n?/g, "\n").trim();
  if (!isDisposition(input.disposition)) issues.push({ field: "disposition", code: "field.invalidChoice" });
  if (reason.length > DISPOSITION_LIMITS.reason) issues.push({ field: "reason", code: "field.tooLong", params: { max: DISPOSITION_LIMITS.reason } });
  else if (reason.length === 0 && isDisposition(input.disposition) && input.disposition !== "accepted") issues.push({ field: "reason", code: "consultations.summary.field.reasonRequired" });
  if (issues.length) return { ok: false, issues };
  return { ok: true, disposition: input.disposition as Disposition, reason: reason || null };
}

/**
 * Which remarks need a disposition: the visible ones of the version. A remark hidden by a moderator
 * is not part of the summary (it appears there only as a count, with a link to the moderation
 * log); one deleted by its author is gone.
 */
export const needsDisposition = (r: { status: RemarkStatus }) => r.status === "visible";

export interface Progress {
  /** Visible remarks of the version. */
  total: number;
  /** Of them, with a disposition. */
  done: number;
  /** Still without one. */
  left: number;
  /** Every remark has one (a version without remarks is trivially complete). */
  complete: boolean;
}

/** Progress from the counts per disposition of the visible remarks (`none`: without one). */
export function progressOf(counts: Partial<Record<Disposition | "none", number>>): Progress {
  const left = counts.none ?? 0;
  const done = DISPOSITIONS.reduce((s, d) => s + (counts[d] ?? 0), 0);
  return { total: done + left, done, left, complete: left === 0 };
}

/** Why dispositions cannot be recorded on this version now, or null when they can. */
export type DispositionRefusal = "notClosed" | "notPublished" | "summaryPublished";

export function dispositionRefusal(c: { status: "draft" | "published" | "adopted" }, window: WindowState, version: { status: "draft" | "published"; summaryPublishedAt: number | null }): DispositionRefusal | null {
  if (c.status === "draft" || version.status !== "published") return "notPublished";
  // The summary, once published, is final: the authors were told and the table may have been quoted.
  if (version.summaryPublishedAt !== null) return "summaryPublished";
  if (window !== "closed") return "notClosed";
  return null;
}

/** Why the summary of this version cannot be published now, or null when it can. */
export type PublishRefusal = DispositionRefusal | "missingDispositions";

export function publishRefusal(c: { status: "draft" | "published" | "adopted" }, window: WindowState, version: { status: "draft" | "published"; summaryPublishedAt: number | null }, progress: Progress): PublishRefusal | null {
  return dispositionRefusal(c, window, version) ?? (progress.complete ? null : "missingDispositions");
}

/** Whom the public may see the summary of a version: once it is published; the organiser's admins also before (a preview). */
export const summaryReadable = (version: { status: "draft" | "published"; summaryPublishedAt: number | null }, manage: boolean) =>
  version.status === "published" && (version.summaryPublishedAt !== null || manage);

/**
 * The version a summary page shows when none is asked for: the newest one whose summary is
 * published, else the newest published version (the organiser's preview; others are told that the
 * summary is not published yet). Mirrors `defaultSummaryVersionSql` in ./data.ts, which picks the
 * same row inside the page's one batch.
 */
export function defaultSummaryVersion<V extends { number: number; status: "draft" | "published"; summaryPublishedAt: number | null }>(versions: V[]): V | null {
  const published = versions.filter((v) => v.status === "published").sort((a, b) => b.number - a.number);
  return published.find((v) => v.summaryPublishedAt !== null) ?? published[0] ?? null;
}
