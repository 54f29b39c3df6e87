import { formatDateTime } from "../../../i18n";
import { Notice, Pagination } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, Form } from "../../../ui/Form";
import { Method, type MethodSettings } from "./Method";
import { ResultsTable, type ResultItemProps } from "./ResultsTable";

export interface ResultsNomination {
  id: string;
  title: string;
  /** Entries ranked in the nomination (all of them, not only those shown). */
  ranked: number;
  items: ResultItemProps[];
  /** More entries than the first places shown: link to the nomination's whole ranking. */
  more: boolean;
}

export interface ResultsPageProps {
  competition: { id: string; title: string; votingClosesAt: number; resultsComputedAt: number | null; resultsPublishedAt: number | null };
  organiserName: string;
  /** "public": published results, for anyone; "review": the organiser's preview before publication. */
  mode: "public" | "review";
  /** The organiser may compute and publish now (results stage, unpublished). */
  canDecide: boolean;
  computed: boolean;
  /** The stored results no longer match the entries: recompute before publishing. */
  stale: boolean;
  settings: MethodSettings;
  nominations: ResultsNomination[];
  /** Showing one nomination's whole ranking. */
  selected: string | null;
  nextHref: string | null;
  firstHref: string | null;
  /** Entries to look at before publishing: flagged for spread, too few experts. */
  review: ResultItemProps[];
  reviewMore: boolean;
  csvHref: string | null;
  /** A refused compute or publish: which, and why. */
  failed: { target: "compute" | "publish"; message: string } | null;
}

function Failure({ message }: { message: string }) {
  const { t } = usePage();
  return (
    <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
      <h2 class="error-summary__title">{t("competitions.results.refused")}</h2>
      <p>{message}</p>
    </div>
  );
}

/** The organiser's controls before publication: compute / recompute, then publish. */
function Decide(p: ResultsPageProps) {
  const { t, locale } = usePage();
  const id = p.competition.id;
  if (!p.canDecide) {
    return (
      <Notice>
        {t("competitions.results.review.notYet", { date: formatDateTime(locale, p.competition.votingClosesAt) })}
      </Notice>
    );
  }
  return (
    <section aria-labelledby="results-decide" class="results-decide">
      <h2 id="results-decide">{t("competitions.results.review.title")}</h2>
      <p>
        {p.competition.resultsComputedAt !== null
          ? t("competitions.results.review.computedAt", { date: formatDateTime(locale, p.competition.resultsComputedAt) })
          : t("competitions.results.review.notComputed")}
      </p>
      {p.stale && (
        <Notice>
          <strong>{t("competitions.results.review.staleTitle")}</strong> {t("competitions.results.review.stale")}
        </Notice>
      )}
      <Form action={`/competitions/${id}/results/compute`} class="form">
        {p.failed?.target === "compute" && <Failure message={p.failed.message} />}
        <p>{t("competitions.results.review.computeHint")}</p>
        <Button kind={p.computed && !p.stale ? "secondary" : "primary"}>{t(p.computed ? "competitions.results.review.recompute" : "competitions.results.review.compute")}</Button>
      </Form>
      {p.computed && (
        <Form action={`/competitions/${id}/results/publish`} class="form">
          {p.failed?.target === "publish" && <Failure message={p.failed.message} />}
          <p>{t("competitions.results.review.publishHint")}</p>
          <Button>{t("competitions.results.review.publish")}</Button>
        </Form>
      )}
    </section>
  );
}

/** Entries the organiser should look at: flagged for the spread of their experts' totals, or scored by too few experts. */
function ReviewList(p: ResultsPageProps) {
  const { t } = usePage();
  if (!p.computed) return null;
  return (
    <section aria-labelledby="results-attention">
      <h2 id="results-attention">{t("competitions.results.review.attention")}</h2>
      {p.review.length === 0 ? (
        <p>{t("competitions.results.review.attentionNone")}</p>
      ) : (
        <ul>
          {p.review.map((e) => (
            <li key={e.entryId}>
              {e.url ? <a href={e.url}>{e.title}</a> : t("competitions.entryStatus.hidden")}
              {" — "}
              {[
                e.flagged && t("competitions.results.review.flaggedText"),
                e.fewerExperts && t("competitions.results.review.fewerExpertsText", { n: e.juryExperts, min: p.settings.minExperts ?? 0 }),
              ]
                .filter(Boolean)
                .join("; ")}
            </li>
          ))}
          {p.reviewMore && <li>{t("competitions.results.review.attentionMore")}</li>}
        </ul>
      )}
    </section>
  );
}

/** Results per nomination: the public ranking after publication, the organiser's review before. */
export function ResultsPage(p: ResultsPageProps) {
  const { t, locale } = usePage();
  const id = p.competition.id;
  const review = p.mode === "review";
  const base = `/competitions/${id}/results`;
  return (
    <>
      <p class="breadcrumbs">
        <a href={`/competitions/${id}`}>{t("competitions.back")}</a>
      </p>
      <h1>{t("competitions.results.title", { title: p.competition.title })}</h1>
      <p class="meta-line">
        {p.organiserName}
        {p.competition.resultsPublishedAt !== null && <> · {t("competitions.results.publishedAt", { date: formatDateTime(locale, p.competition.resultsPublishedAt) })}</>}
      </p>
      {review && (
        <Notice>
          <strong>{t("competitions.results.review.previewTitle")}</strong> {t("competitions.results.review.preview")}
        </Notice>
      )}
      {review && <Decide {...p} />}
      {review && <ReviewList {...p} />}

      {p.csvHref && (
        <p class="summary-downloads">
          <a href={p.csvHref}>{t("competitions.results.csv")}</a>
        </p>
      )}

      <Method s={p.settings} />

      {p.selected && (
        <p>
          <a href={base}>{t("competitions.results.allNominations")}</a>
        </p>
      )}
      {(!review || p.computed) &&
        p.nominations.map((n) => (
          <section key={n.id} aria-labelledby={`nomination-${n.id}`} class="results-nomination">
            <h2 id={`nomination-${n.id}`}>{n.title}</h2>
            {n.items.length === 0 ? (
              <p class="empty">{t("competitions.results.emptyNomination")}</p>
            ) : (
              <ResultsTable caption={t(p.selected ? "competitions.results.captionAll" : "competitions.results.caption", { nomination: n.title, n: n.ranked })} items={n.items} precision={p.settings.precision} review={review} />
            )}
            {n.more && (
              <p>
                <a href={`${base}?nomination=${encodeURIComponent(n.id)}`}>{t("competitions.results.wholeNomination", { n: n.ranked })}</a>
              </p>
            )}
          </section>
        ))}
      <Pagination nextHref={p.nextHref} firstHref={p.firstHref} />
    </>
  );
}

/** Before publication, to everyone but the organiser's admins: a plain explanation, no numbers (404). */
export function ResultsNotPublishedPage(p: { competition: { id: string; title: string } }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t("competitions.results.notPublished.title")}</h1>
      <p class="lead">{t("competitions.results.notPublished.text")}</p>
      <p>
        <a href={`/competitions/${p.competition.id}`}>{p.competition.title}</a>
      </p>
    </>
  );
}
