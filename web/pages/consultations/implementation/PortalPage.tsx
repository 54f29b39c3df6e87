import type { MessageKey } from "../../../i18n";
import { EmptyState, Pagination } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, FilterSelect } from "../../../ui/Form";
import { AddresseeSelect, CommitmentCard, CountsList, FeedLink, STATUS_NAMES, type CommitmentItemProps, type CommitmentStatusName, type Counts } from "./parts";

export interface ImplementationPortalProps {
  items: CommitmentItemProps[];
  filter: { addressee: string; status: CommitmentStatusName | ""; overdue: boolean };
  addressees: { addressee: string; count: number }[];
  counts: Counts;
  nextHref: string | null;
  firstHref: string | null;
}

/** Every adopted document's commitments, soonest due first: filters by addressee, status and overdue; pages by key. */
export function ImplementationPortalPage(p: ImplementationPortalProps) {
  const { t } = usePage();
  const f = p.filter;
  // A filter value no longer offered (its last commitment removed) stays selectable, so the form shows what is applied.
  const offered = f.addressee && !p.addressees.some((a) => a.addressee === f.addressee) ? [...p.addressees, { addressee: f.addressee, count: 0 }] : p.addressees;
  return (
    <>
      <h1>{t("nav.implementation")}</h1>
      <p class="lead">{t("consultations.implementation.all.lead")}</p>
      <CountsList counts={p.counts} />
      <form method="get" action="/implementation" class="form filter-form" role="search" aria-label={t("consultations.implementation.filter.legend")}>
        <fieldset>
          <legend>{t("consultations.implementation.filter.legend")}</legend>
          <AddresseeSelect addressees={offered} chosen={f.addressee} />
          <FilterSelect
            id="q-status"
            name="status"
            label={t("consultations.implementation.filter.status")}
            any={t("consultations.implementation.filter.anyStatus")}
            options={STATUS_NAMES.map((s) => ({ value: s, label: t(`consultations.commitment.${s}` as MessageKey) }))}
            chosen={f.status}
          />
          <div class="field field--check">
            <input type="checkbox" id="q-overdue" name="overdue" value="1" checked={f.overdue} />
            <label for="q-overdue">{t("consultations.implementation.filter.overdue")}</label>
          </div>
          <Button kind="secondary">{t("consultations.implementation.filter.apply")}</Button>
        </fieldset>
      </form>
      {p.items.length === 0 ? (
        <EmptyState>{t("consultations.implementation.all.empty")}</EmptyState>
      ) : (
        <ul class="cards">
          {p.items.map((c) => (
            <li key={c.id}>
              <CommitmentCard c={c} showConsultation />
            </li>
          ))}
        </ul>
      )}
      <Pagination nextHref={p.nextHref} firstHref={p.firstHref} />
      <FeedLink />
    </>
  );
}
