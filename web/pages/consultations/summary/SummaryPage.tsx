import { Fragment } from "preact";
import type { MessageKey } from "../../../i18n";
import { formatDateTime } from "../../../i18n";
import { Notice, Pagination } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, FilterSelect } from "../../../ui/Form";
import { ClauseAndKindFilters } from "./filters";
import { SummaryTable, type SummaryItemProps } from "./SummaryTable";

const DISPOSITION_ORDER = ["accepted", "partly", "rejected", "out_of_scope"] as const;

export interface SummaryCounts {
  accepted: number;
  partly: number;
  rejected: number;
  out_of_scope: number;
  none: number;
}

export interface SummaryFilterProps {
  clause: string;
  kind: string;
  disposition: string;
}

export interface SummaryPageProps {
  consultation: { id: string; title: string };
  organiserName: string;
  version: { number: number; summaryPublishedAt: number | null };
  /** Versions whose summary may be shown to this viewer (published ones; the organiser's admins: every published version). */
  versions: { number: number; summaryPublishedAt: number | null }[];
  preview: boolean;
  canWork: boolean;
  progress: { total: number; done: number; left: number };
  counts: SummaryCounts;
  hidden: number;
  filter: SummaryFilterProps;
  filtered: boolean;
  clauses: { id: string; label: string }[];
  items: SummaryItemProps[];
  nextHref: string | null;
  firstHref: string | null;
  csvHref: string;
  printHref: string;
}

/** The counts per disposition and the hidden ones: shared by the page and the printable page. */
export function SummaryCountsList(p: { counts: SummaryCounts; total: number; hidden: number; hiddenLink?: boolean }) {
  const { t, locale } = usePage();
  const n = (x: number) => new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB").format(x);
  return (
    <dl class="meta summary-counts">
      <dt>{t("consultations.summary.total")}</dt>
      <dd>{n(p.total)}</dd>
      {DISPOSITION_ORDER.map((d) => (
        <Fragment key={d}>
          <dt>{t(`consultations.disposition.${d}` as MessageKey)}</dt>
          <dd>{n(p.counts[d])}</dd>
        </Fragment>
      ))}
      {p.counts.none > 0 && (
        <>
          <dt>{t("consultations.disposition.none")}</dt>
          <dd>{n(p.counts.none)}</dd>
        </>
      )}
      {p.hidden > 0 && (
        <>
          <dt>{t("consultations.summary.hiddenLabel")}</dt>
          <dd>
            {n(p.hidden)}
            {p.hiddenLink && (
              <>
                {" "}
                (<a href="/moderation/public">{t("consultations.summary.hiddenLink")}</a>)
              </>
            )}
          </dd>
        </>
      )}
    </dl>
  );
}

/** The public «сводка предложений» of one version: counts, a GET filter, the table, downloads. */
export function SummaryPage(p: SummaryPageProps) {
  const { t, locale } = usePage();
  const id = p.consultation.id;
  const v = p.version.number;
  const f = p.filter;
  const others = p.versions.filter((x) => x.number !== v);
  return (
    <>
      <h1>{t("consultations.summary.title", { title: p.consultation.title })}</h1>
      <p class="lead">{t("consultations.summary.lead", { n: v })}</p>
      <p class="meta-line">
        {p.organiserName}
        {p.version.summaryPublishedAt !== null && <> · {t("consultations.summary.publishedAt", { date: formatDateTime(locale, p.version.summaryPublishedAt) })}</>}
      </p>
      {p.preview && (
        <Notice>
          {t("consultations.summary.preview")} {t("consultations.summary.previewLeft", { left: p.progress.left, total: p.progress.total })}{" "}
          {p.canWork && <a href={`/consultations/${id}/dispositions?version=${v}`}>{t("consultations.summary.toWork")}</a>}
        </Notice>
      )}
      <p>
        <a href={`/consultations/${id}?version=${v}`}>{t("consultations.summary.toDocument")}</a>
        {!p.preview && p.canWork && (
          <>
            {" · "}
            <a href={`/consultations/${id}/dispositions?version=${v}`}>{t("consultations.summary.toWork")}</a>
          </>
        )}
      </p>

      <h2 id="summary-counts">{t("consultations.summary.counts")}</h2>
      <SummaryCountsList counts={p.counts} total={p.progress.total} hidden={p.hidden} hiddenLink />

      {others.length > 0 && (
        <nav aria-labelledby="summary-versions">
          <h2 id="summary-versions">{t("consultations.summary.versions")}</h2>
          <ul>
            {others.map((o) => (
              <li key={o.number}>
                <a href={`/consultations/${id}/summary?version=${o.number}`}>{t("consultations.version", { n: o.number })}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}

      <form method="get" action={`/consultations/${id}/summary`} class="form filter-form" role="search" aria-label={t("consultations.summary.filter.legend")}>
        <input type="hidden" name="version" value={String(v)} />
        <fieldset>
          <legend>{t("consultations.summary.filter.legend")}</legend>
          <ClauseAndKindFilters idPrefix="s" clauses={p.clauses} clause={f.clause} kind={f.kind} />
          <FilterSelect
            id="s-disposition"
            name="disposition"
            label={t("consultations.summary.filter.disposition")}
            any={t("consultations.summary.filter.any")}
            options={[...DISPOSITION_ORDER, ...(p.preview ? (["none"] as const) : [])].map((d) => ({ value: d, label: t(`consultations.disposition.${d}` as MessageKey) }))}
            chosen={f.disposition}
          />
          <Button kind="secondary">{t("consultations.summary.filter.apply")}</Button>
        </fieldset>
        {p.filtered && (
          <p>
            <a href={`/consultations/${id}/summary?version=${v}`}>{t("consultations.summary.filter.reset")}</a>
          </p>
        )}
      </form>

      <p class="summary-downloads">
        {t("consultations.summary.download")}: <a href={p.csvHref}>{t("consultations.summary.csv")}</a> · <a href={p.printHref}>{t("consultations.summary.print")}</a>
      </p>

      {p.items.length === 0 ? (
        <p class="empty">{t(p.filtered ? "consultations.summary.emptyFiltered" : "consultations.summary.empty")}</p>
      ) : (
        <div class="summary-wrap">
          <SummaryTable caption={t(p.filtered ? "consultations.summary.captionFiltered" : "consultations.summary.caption", { n: v })} items={p.items} consultationId={id} version={v} />
        </div>
      )}
      <Pagination nextHref={p.nextHref} firstHref={p.firstHref} />
    </>
  );
}

/** Before publication, to everyone but the organiser's admins: a plain explanation (404). */
export function SummaryNotPublishedPage(p: { consultation: { id: string; title: string } }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t("consultations.summary.notPublished.title")}</h1>
      <p class="lead">{t("consultations.summary.notPublished.text")}</p>
      <p>
        <a href={`/consultations/${p.consultation.id}`}>{p.consultation.title}</a>
      </p>
    </>
  );
}
