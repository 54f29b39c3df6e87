import { formatDateTime, type MessageKey } from "../../i18n";
import { EmptyState, Pagination } from "../../ui/blocks";
import { usePage } from "../../ui/context";
import { OrganiserPicker } from "./OrganiserPicker";

export interface PublicDecision {
  id: string;
  organiserName: string;
  targetType: string;
  decision: "hide" | "reject";
  reason: string | null;
  decidedAt: number;
}

export interface PublicModerationProps {
  organisers: { id: string; name: string }[];
  organiserId: string | null;
  items: PublicDecision[];
  nextHref: string | null;
  firstHref: string | null;
}

/** Openness about moderation: what was hidden or rejected, when, where and why — never the content. */
export function PublicModerationPage(p: PublicModerationProps) {
  const { t, locale } = usePage();
  return (
    <>
      <h1>{t("moderation.public.title")}</h1>
      <p class="lead">{t("moderation.public.lead")}</p>
      <OrganiserPicker action="/moderation/public" organisers={p.organisers} selected={p.organiserId} allLabel={t("moderation.public.all")} />
      {p.items.length === 0 ? (
        <EmptyState>{t("moderation.public.empty")}</EmptyState>
      ) : (
        <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="public-caption">
          <table>
            <caption id="public-caption">{t("moderation.public.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("moderation.public.date")}</th>
                <th scope="col">{t("moderation.queue.organiser")}</th>
                <th scope="col">{t("moderation.public.kind")}</th>
                <th scope="col">{t("moderation.public.decision")}</th>
                <th scope="col">{t("moderation.public.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((i) => (
                <tr key={i.id}>
                  <td>{formatDateTime(locale, i.decidedAt)}</td>
                  <td>{i.organiserName}</td>
                  <td>{t(`moderation.target.${i.targetType}` as MessageKey)}</td>
                  <td>{t(`moderation.decision.${i.decision}` as MessageKey)}</td>
                  <td>{i.reason ?? t("moderation.public.noReason")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination nextHref={p.nextHref} firstHref={p.firstHref} />
    </>
  );
}
