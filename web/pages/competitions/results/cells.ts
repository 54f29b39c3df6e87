import type { Locale, MessageKey, Translate } from "../../../i18n";

/**
 * The results table's columns and the words in each cell — ONE definition used by the page's table
 * and the CSV (which adds the nomination in front), so the download always says what the page says.
 */
export const RESULT_COLUMNS = ["rank", "title", "city", "juryScore", "experts", "votes", "juryPart", "publicPart", "total", "outcome", "decidedBy"] as const;
export type ResultColumn = (typeof RESULT_COLUMNS)[number];
export const CSV_COLUMNS = ["nomination", ...RESULT_COLUMNS] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** What a row needs (the worker's ResultItem satisfies it). */
export interface ResultCellRow {
  rank: number;
  /** Null: hidden by a moderator since. */
  title: string | null;
  city: string;
  juryScore: number | null;
  juryExperts: number;
  votes: number;
  juryPart: number;
  publicPart: number;
  total: number;
  winner: boolean;
  decidedBy: string | null;
}

const LABELS: Record<CsvColumn, MessageKey> = {
  nomination: "competitions.nomination",
  rank: "competitions.rank",
  title: "competitions.results.col.title",
  city: "competitions.results.col.city",
  juryScore: "competitions.juryScore",
  experts: "competitions.results.col.experts",
  votes: "competitions.votes",
  juryPart: "competitions.results.col.juryPart",
  publicPart: "competitions.results.col.publicPart",
  total: "competitions.total",
  outcome: "competitions.results.col.outcome",
  decidedBy: "competitions.results.col.decidedBy",
};

export const columnLabel = (t: Translate, c: CsvColumn) => t(LABELS[c]);

/**
 * A score as the results show it: exactly `precision` decimals (the values are already rounded to it),
 * the reader's decimal separator, no grouping (a spreadsheet in a Russian locale reads «85,35» as a number).
 */
export const formatScore = (locale: Locale, value: number, precision: number) =>
  new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB", { minimumFractionDigits: precision, maximumFractionDigits: precision, useGrouping: false }).format(value);

export const tieBreakLabel = (t: Translate, key: string) => t(`competitions.tieBreak.${key}` as MessageKey);

export function resultCells(t: Translate, locale: Locale, precision: number, r: ResultCellRow): Record<ResultColumn, string> {
  return {
    rank: String(r.rank),
    title: r.title ?? t("competitions.entryStatus.hidden"),
    city: r.city,
    juryScore: r.juryScore === null ? t("competitions.results.noJuryScore") : formatScore(locale, r.juryScore, precision),
    experts: String(r.juryExperts),
    votes: String(r.votes),
    juryPart: formatScore(locale, r.juryPart, precision),
    publicPart: formatScore(locale, r.publicPart, precision),
    total: formatScore(locale, r.total, precision),
    outcome: t(r.winner ? "competitions.winner" : "competitions.results.participant"),
    decidedBy: r.decidedBy ? t("competitions.results.decidedBy", { rule: tieBreakLabel(t, r.decidedBy) }) : "",
  };
}

/** A CSV record: the nomination, then the table's cells in the table's order. */
export function csvCells(t: Translate, locale: Locale, precision: number, r: ResultCellRow & { nomination: string }): string[] {
  const cells = resultCells(t, locale, precision, r);
  return [r.nomination, ...RESULT_COLUMNS.map((c) => cells[c])];
}
