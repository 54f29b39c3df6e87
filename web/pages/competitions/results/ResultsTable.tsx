import type { ComponentChildren } from "preact";
import { Badge } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { columnLabel, RESULT_COLUMNS, resultCells, type ResultCellRow, type ResultColumn } from "./cells";

/** A row as the pages get it (the worker's ResultItem). */
export interface ResultItemProps extends ResultCellRow {
  entryId: string;
  nominationId: string;
  flagged: boolean;
  fewerExperts: boolean;
  juryMissing?: boolean;
  url: string | null;
}

/** A cell; on narrow screens the row becomes a card and each cell shows its column's name first. */
function Cell(p: { col: ResultColumn; children: ComponentChildren; empty?: boolean; head?: boolean; num?: boolean }) {
  const { t } = usePage();
  const Tag = p.head ? "th" : "td";
  const cls = [p.empty && "is-empty", p.num && "num"].filter(Boolean).join(" ") || undefined;
  return (
    <Tag class={cls} scope={p.head ? "row" : undefined}>
      {/* The header already names the cell for screen readers; this copy is for the stacked layout's eyes only. */}
      <span class="summary-table__label" aria-hidden="true">
        {columnLabel(t, p.col)}:{" "}
      </span>
      {p.children}
    </Tag>
  );
}

/** One entry's result: the same words as the CSV (./cells.ts); the title links to the entry. */
function ResultRow({ item, precision, review }: { item: ResultItemProps; precision: number; review: boolean }) {
  const { t, locale } = usePage();
  const cells = resultCells(t, locale, precision, item);
  return (
    <tr id={`entry-${item.entryId}`}>
      <Cell col="rank" num>
        {cells.rank}
      </Cell>
      <Cell col="title" head>
        {item.url ? <a href={item.url}>{cells.title}</a> : cells.title}
        {review && item.flagged && (
          <>
            {" "}
            <Badge tone="warn">{t("competitions.results.review.flagged")}</Badge>
          </>
        )}
        {review && item.fewerExperts && (
          <>
            {" "}
            <Badge tone="warn">{t("competitions.results.review.fewerExperts")}</Badge>
          </>
        )}
      </Cell>
      <Cell col="city" empty={!cells.city}>
        {cells.city}
      </Cell>
      <Cell col="juryScore" num>
        {cells.juryScore}
      </Cell>
      <Cell col="experts" num>
        {cells.experts}
      </Cell>
      <Cell col="votes" num>
        {cells.votes}
      </Cell>
      <Cell col="juryPart" num>
        {cells.juryPart}
      </Cell>
      <Cell col="publicPart" num>
        {cells.publicPart}
      </Cell>
      <Cell col="total" num>
        <strong>{cells.total}</strong>
      </Cell>
      <Cell col="outcome">{item.winner ? <Badge tone="ok">{cells.outcome}</Badge> : cells.outcome}</Cell>
      <Cell col="decidedBy" empty={!cells.decidedBy}>
        {cells.decidedBy}
      </Cell>
    </tr>
  );
}

/** One nomination's ranking: a captioned table with column headers; each row's header is the entry's title. */
export function ResultsTable(p: { caption: string; items: ResultItemProps[]; precision: number; review?: boolean }) {
  const { t } = usePage();
  return (
    <div class="summary-wrap">
      <table class="summary-table results-table">
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            {RESULT_COLUMNS.map((c) => (
              <th key={c} scope="col">
                {columnLabel(t, c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.items.map((item) => (
            <ResultRow key={item.entryId} item={item} precision={p.precision} review={!!p.review} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
