import { renderToString } from "preact-render-to-string";
import { FAVICON } from "../../../entry-server";
import { formatDateTime, translator, type Locale } from "../../../i18n";
import { PageContext } from "../../../ui/context";
import { SummaryCountsList, type SummaryCounts } from "./SummaryPage";
import { PrintRow, SummaryHead, type SummaryItemProps } from "./SummaryTable";

/**
 * The printable summary: a plain document (no navigation, no script, nothing to hydrate) rendered
 * on the server in three parts — the head with the counts, the rows in chunks as they are read,
 * the end — so that 20,000 remarks stream out instead of being built as one string.
 */
export interface PrintHeadProps {
  locale: Locale;
  consultation: { id: string; title: string; adoptingBody: string; opensAt: number; closesAt: number };
  organiserName: string;
  version: { number: number; summaryPublishedAt: number | null };
  preview: boolean;
  counts: SummaryCounts;
  total: number;
  hidden: number;
  filtered: boolean;
  backHref: string;
  now: number;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function withPage(locale: Locale, node: preact.VNode) {
  return renderToString(<PageContext.Provider value={{ t: translator(locale), locale, csrf: "", path: "", user: null, dev: false }}>{node}</PageContext.Provider>);
}

export function printStart(p: PrintHeadProps): string {
  const t = translator(p.locale);
  const title = `${t("consultations.summary.printTitle")}: ${p.consultation.title}`;
  const head = withPage(
    p.locale,
    <>
      <p class="print-only-screen">
        <a href={p.backHref}>{t("consultations.summary.printBack")}</a>
      </p>
      <h1>{t("consultations.summary.printTitle")}</h1>
      <p class="print-doc__title">{p.consultation.title}</p>
      <ul class="print-doc__meta">
        <li>{t("consultations.version", { n: p.version.number })}</li>
        {p.consultation.adoptingBody && <li>{t("consultations.summary.printAdoptingBody", { body: p.consultation.adoptingBody })}</li>}
        <li>{t("consultations.summary.printOrganiser", { name: p.organiserName })}</li>
        <li>{t("consultations.summary.printWindow", { opens: formatDateTime(p.locale, p.consultation.opensAt), closes: formatDateTime(p.locale, p.consultation.closesAt) })}</li>
        {p.version.summaryPublishedAt !== null && <li>{t("consultations.summary.publishedAt", { date: formatDateTime(p.locale, p.version.summaryPublishedAt) })}</li>}
        <li>{t("consultations.summary.printGenerated", { date: formatDateTime(p.locale, p.now) })}</li>
      </ul>
      {p.preview && <p class="notice">{t("consultations.summary.preview")}</p>}
      <h2>{t("consultations.summary.counts")}</h2>
      <SummaryCountsList counts={p.counts} total={p.total} hidden={p.hidden} />
    </>,
  );
  const caption = t(p.filtered ? "consultations.summary.captionFiltered" : "consultations.summary.caption", { n: p.version.number });
  return `<!doctype html>
<html lang="${p.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)}</title>
<link rel="stylesheet" href="/assets/app.css">
<link rel="icon" href="${FAVICON}">
</head>
<body class="print-doc">
<main class="print-doc__main">
${head}
<table class="summary-table summary-table--print">
<caption>${esc(caption)}</caption>
${withPage(p.locale, <SummaryHead />)}
<tbody>
`;
}

export const printRows = (locale: Locale, rows: SummaryItemProps[]) =>
  withPage(
    locale,
    <>
      {rows.map((item) => (
        <PrintRow key={item.id} item={item} />
      ))}
    </>,
  );

export const printEnd = () => `</tbody>
</table>
</main>
</body>
</html>
`;
