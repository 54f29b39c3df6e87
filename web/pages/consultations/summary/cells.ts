import type { MessageKey, Translate } from "../../../i18n";

/**
 * The summary's columns and the words in each cell — ONE definition used by the page's table, the
 * printable page and the CSV, so the download always says what the page says.
 */
export const SUMMARY_COLUMNS = ["clause", "author", "kind", "text", "proposed", "support", "disposition", "reason", "taken"] as const;
export type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];

/** What a row needs (the worker's SummaryItem satisfies it). */
export interface SummaryCellRow {
  clause: { id: string; number: string; kind: string } | null;
  author: { shownAs: "name" | "organisation" | "anonymous"; name: string | null };
  kind: string;
  body: string;
  proposedText: string | null;
  supportCount: number;
  disposition: string | null;
  reason: string | null;
  takenInto: { clauseId: string; number: string; version: number }[];
}

export const columnLabel = (t: Translate, c: SummaryColumn) => t(`consultations.summary.col.${c}` as MessageKey);

/** A clause as the summary names it: its number, or its kind for unnumbered ones; the document as a whole. */
export function clauseLabel(t: Translate, clause: SummaryCellRow["clause"]): string {
  if (!clause) return t("consultations.wholeDocument");
  if (clause.number) return clause.number;
  return `${t(`consultations.clauseKind.${clause.kind}` as MessageKey)} (${t("consultations.summary.unnumbered")})`;
}

/** «Участник обсуждения» whenever no name may be shown (anonymous, deleted account). */
export const authorLabel = (t: Translate, a: SummaryCellRow["author"]) => (a.shownAs === "anonymous" || !a.name ? t("consultations.anonymousAuthor") : a.name);

export const dispositionLabel = (t: Translate, d: string | null) => t(`consultations.disposition.${d ?? "none"}` as MessageKey);

export const takenLabel = (t: Translate, link: { number: string; version: number }) =>
  link.number ? t("consultations.summary.takenInto", { number: link.number, version: link.version }) : t("consultations.summary.takenIntoVersion", { version: link.version });

export function summaryCells(t: Translate, r: SummaryCellRow): Record<SummaryColumn, string> {
  return {
    clause: clauseLabel(t, r.clause),
    author: authorLabel(t, r.author),
    kind: t(`consultations.remarkKind.${r.kind}` as MessageKey),
    text: r.body,
    proposed: r.proposedText ?? "",
    support: String(r.supportCount),
    disposition: dispositionLabel(t, r.disposition),
    reason: r.reason ?? "",
    taken: r.takenInto.map((l) => takenLabel(t, l)).join("; "),
  };
}
