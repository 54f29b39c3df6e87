import { EmptyState, Notice } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button } from "../../../ui/Form";
import { formatCalendarDate } from "../../proposals/format";
import { AddresseeSelect, CommitmentCard, CountsList, FeedLink, type CommitmentItemProps, type Counts } from "./parts";

export interface ImplementationPageProps {
  consultation: { id: string; title: string };
  adopted: { version: number; adoptedOn: string | null; adoptedBy: string | null } | null;
  canAdopt: boolean;
  canTrack: boolean;
  /** The addressee filter ("" = all). */
  addressee: string;
  addressees: { addressee: string; count: number }[];
  counts: Counts;
  items: CommitmentItemProps[];
}

/** One consultation's commitments in clause order, with status, overdue marker and dated notes; filter by addressee. */
export function ImplementationPage(p: ImplementationPageProps) {
  const { t, locale } = usePage();
  const base = `/consultations/${encodeURIComponent(p.consultation.id)}`;
  return (
    <>
      <h1>{t("consultations.implementation.page.title", { title: p.consultation.title })}</h1>
      <p>
        <a href={base}>{t("consultations.implementation.page.document")}</a>
      </p>
      {p.adopted ? (
        <p class="lead">
          {t("consultations.implementation.page.adopted", {
            date: p.adopted.adoptedOn ? formatCalendarDate(locale, p.adopted.adoptedOn) : "",
            by: p.adopted.adoptedBy ?? "",
            n: p.adopted.version,
          })}
        </p>
      ) : (
        <Notice>
          {t("consultations.implementation.page.notAdopted")}
          {p.canAdopt && (
            <>
              {" "}
              <a href={`${base}/adopt`}>{t("consultations.implementation.page.adoptLink")}</a>
            </>
          )}
        </Notice>
      )}
      {p.adopted && (
        <>
          <CountsList counts={p.counts} />
          {p.addressees.length > 1 && (
            <form method="get" action={`${base}/implementation`} class="form filter-form" role="search" aria-label={t("consultations.implementation.filter.legend")}>
              <fieldset>
                <legend>{t("consultations.implementation.filter.legend")}</legend>
                <AddresseeSelect addressees={p.addressees} chosen={p.addressee} />
                <Button kind="secondary">{t("consultations.implementation.filter.apply")}</Button>
              </fieldset>
            </form>
          )}
          {p.addressee && (
            <p>
              <a href={`${base}/implementation`}>{t("consultations.implementation.filter.reset")}</a>
            </p>
          )}
          {p.items.length === 0 ? (
            <EmptyState>{t(p.addressee ? "consultations.implementation.page.emptyFiltered" : "consultations.implementation.page.empty")}</EmptyState>
          ) : (
            <ul class="cards">
              {p.items.map((c) => (
                <li key={c.id}>
                  <CommitmentCard c={c} editHref={p.canTrack ? `${base}/commitments/${encodeURIComponent(c.id)}` : null} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <FeedLink />
    </>
  );
}
