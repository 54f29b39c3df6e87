import { Fragment, type ComponentChildren } from "preact";
import { Badge } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { columnLabel, SUMMARY_COLUMNS, summaryCells, takenLabel, type SummaryCellRow, type SummaryColumn } from "./cells";

/** A row of the summary as the pages get it (the worker's SummaryItem). */
export interface SummaryItemProps extends SummaryCellRow {
  id: string;
  url: string;
}

export const dispositionTone = (d: string | null) => (d === "accepted" ? "ok" : d === "partly" ? "warn" : d === "rejected" ? "bad" : "neutral");

/** A cell; on narrow screens the row becomes a card and each cell shows its column's name first. */
function Cell(p: { col: SummaryColumn; empty?: boolean; children: ComponentChildren; pre?: boolean }) {
  const { t } = usePage();
  return (
    <td class={[p.empty && "is-empty", p.pre && "pre-line"].filter(Boolean).join(" ") || undefined}>
      {/* The header already names the cell for screen readers; this copy is for the stacked layout's eyes only. */}
      <span class="summary-table__label" aria-hidden="true">
        {columnLabel(t, p.col)}:{" "}
      </span>
      {p.children}
    </td>
  );
}

/** One remark as a table row: the same words as the CSV (./cells.ts), with links to the clause and the remark. */
export function SummaryRow({ item, consultationId, version }: { item: SummaryItemProps; consultationId: string; version: number }) {
  const { t } = usePage();
  const cells = summaryCells(t, item);
  const doc = `/consultations/${consultationId}`;
  return (
    <tr id={`remark-${item.id}`}>
      <Cell col="clause">{item.clause ? <a href={`${doc}?version=${version}#clause-${item.clause.id}`}>{cells.clause}</a> : cells.clause}</Cell>
      <Cell col="author">{cells.author}</Cell>
      <Cell col="kind">
        <a href={item.url} title={t("consultations.summary.openRemark")}>
          {cells.kind}
        </a>
      </Cell>
      <Cell col="text" pre empty={!cells.text}>
        {cells.text}
      </Cell>
      <Cell col="proposed" pre empty={!cells.proposed}>
        {cells.proposed}
      </Cell>
      <Cell col="support">{cells.support}</Cell>
      <Cell col="disposition">
        <Badge tone={dispositionTone(item.disposition)}>{cells.disposition}</Badge>
      </Cell>
      <Cell col="reason" pre empty={!cells.reason}>
        {cells.reason}
      </Cell>
      <Cell col="taken" empty={item.takenInto.length === 0}>
        {item.takenInto.map((l, i) => (
          <Fragment key={`${l.clauseId}`}>
            {i > 0 && "; "}
            <a href={`${doc}?version=${l.version}#clause-${l.clauseId}`}>{takenLabel(t, l)}</a>
          </Fragment>
        ))}
      </Cell>
    </tr>
  );
}

export function SummaryHead() {
  const { t } = usePage();
  return (
    <thead>
      <tr>
        {SUMMARY_COLUMNS.map((c) => (
          <th key={c} scope="col">
            {columnLabel(t, c)}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The summary table: a caption, column headers, one row per remark in document order. */
export function SummaryTable(p: { caption: string; items: SummaryItemProps[]; consultationId: string; version: number }) {
  return (
    <table class="summary-table">
      <caption>{p.caption}</caption>
      <SummaryHead />
      <tbody>
        {p.items.map((item) => (
          <SummaryRow key={item.id} item={item} consultationId={p.consultationId} version={p.version} />
        ))}
      </tbody>
    </table>
  );
}

/**
 * A row of the printable page: the same words, nothing else — no links, no labels, no classes —
 * because that page carries every row (20,000 remarks would otherwise weigh tens of megabytes).
 */
export function PrintRow({ item }: { item: SummaryCellRow }) {
  const { t } = usePage();
  const cells = summaryCells(t, item);
  return (
    <tr>
      {SUMMARY_COLUMNS.map((c) => (
        <td key={c}>{cells[c]}</td>
      ))}
    </tr>
  );
}
