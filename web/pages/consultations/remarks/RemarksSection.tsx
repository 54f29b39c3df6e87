import { EmptyState, Pagination } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import type { RemarksSectionProps } from "./props";
import { RemarkCard } from "./RemarkCard";
import { RemarkForm, RemarkGate } from "./RemarkForm";

/** Remarks oldest first, 20 at a time («Показать ещё» is a plain link with the key of the last one), then the form or why there is none. */
export function RemarksSection(p: RemarksSectionProps) {
  const { t } = usePage();
  return (
    <>
      <section aria-labelledby="remarks-heading" id="remarks">
        <h2 id="remarks-heading">{t("consultations.remarks.heading", { n: p.count })}</h2>
        {p.count > 0 && <p class="muted">{t("consultations.remarks.countNote")}</p>}
        {p.items.length === 0 ? (
          <EmptyState>{t("consultations.remarks.empty")}</EmptyState>
        ) : (
          <ol class="remarks">
            {p.items.map((r) => (
              <li key={r.id}>
                <RemarkCard remark={r} />
              </li>
            ))}
          </ol>
        )}
        <Pagination nextHref={p.nextHref} firstHref={p.firstHref} labels={{ first: t("consultations.remarks.first"), next: t("consultations.remarks.more") }} />
      </section>
      {p.form ? <RemarkForm {...p.form} /> : p.gate && <RemarkGate gate={p.gate} />}
    </>
  );
}
