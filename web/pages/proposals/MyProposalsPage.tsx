import { Card, EmptyState, Pagination } from "../../ui/blocks";
import { usePage } from "../../ui/context";
import { formatCount, formatDay } from "./format";
import { StatusBadge, type ProposalStatusName } from "./StatusBadge";

export interface MyProposalsProps {
  items: { id: string; title: string; status: ProposalStatusName; hidden: boolean; updatedAt: number; supportCount: number; commentCount: number; organiserName: string }[];
  nextHref: string | null;
  firstHref: string | null;
}

/** Everything the person wrote, in every state, with a link to continue a draft. */
export function MyProposalsPage(p: MyProposalsProps) {
  const { t, locale } = usePage();
  return (
    <>
      <h1>{t("proposals.my.title")}</h1>
      <p>
        <a class="btn btn--primary" href="/proposals/new">
          {t("proposals.create")}
        </a>
      </p>
      {p.items.length === 0 ? (
        <EmptyState>{t("proposals.my.empty")}</EmptyState>
      ) : (
        <ul class="cards">
          {p.items.map((x) => (
            <li key={x.id}>
              <Card title={<a href={`/proposals/${x.id}`}>{x.title || t("proposals.untitled")}</a>} headingLevel={2}>
                <p>
                  <StatusBadge status={x.status} hidden={x.hidden} /> · {x.organiserName}
                </p>
                <p class="meta-line">
                  {t("proposals.my.updated", { date: formatDay(locale, x.updatedAt) })} · {t("proposals.supports", { n: formatCount(locale, x.supportCount) })} ·{" "}
                  {t("proposals.comments", { n: formatCount(locale, x.commentCount) })}
                </p>
              </Card>
            </li>
          ))}
        </ul>
      )}
      <Pagination nextHref={p.nextHref} firstHref={p.firstHref} />
    </>
  );
}
