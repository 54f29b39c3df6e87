import { Card, EmptyState, Pagination } from "../../ui/blocks";
import { usePage } from "../../ui/context";
import { Button } from "../../ui/Form";
import { formatCount } from "./format";

export interface ProposalCardProps {
  id: string;
  title: string;
  summary: string;
  organiserName: string;
  organisationName: string | null;
  themeName: string;
  city: string;
  supportCount: number;
  commentCount: number;
}

export interface ProposalsListProps {
  items: ProposalCardProps[];
  filter: { organiser: string; theme: string; city: string; status: "published" | "archived"; sort: "new" | "supported" | "discussed" };
  organisers: { id: string; name: string }[];
  themes: { slug: string; name: string }[];
  nextHref: string | null;
  firstHref: string | null;
  canCreate: boolean;
}

export function ProposalCardView({ p, level = 2 }: { p: ProposalCardProps; level?: 2 | 3 }) {
  const { t, locale } = usePage();
  return (
    <Card title={<a href={`/proposals/${p.id}`}>{p.title || t("proposals.untitled")}</a>} headingLevel={level}>
      {p.summary && <p>{p.summary}</p>}
      <p class="meta-line">
        {[p.organiserName, p.organisationName, p.themeName, p.city].filter(Boolean).join(" · ")}
      </p>
      <p class="meta-line">
        {t("proposals.supports", { n: formatCount(locale, p.supportCount) })} · {t("proposals.comments", { n: formatCount(locale, p.commentCount) })}
      </p>
    </Card>
  );
}

/** Published proposals: a GET filter form (works without JS), cards, "next page" by key. */
export function ProposalsListPage(p: ProposalsListProps) {
  const { t } = usePage();
  const f = p.filter;
  return (
    <>
      <h1>{t("proposals.title")}</h1>
      <p class="lead">{t("proposals.lead")}</p>
      {p.canCreate && (
        <p>
          <a class="btn btn--primary" href="/proposals/new">
            {t("proposals.create")}
          </a>
        </p>
      )}
      <form method="get" action="/proposals" class="form filter-form" role="search" aria-label={t("proposals.filter.legend")}>
        <fieldset>
          <legend>{t("proposals.filter.legend")}</legend>
          <div class="field">
            <label for="q-organiser">{t("proposals.filter.organiser")}</label>
            <select id="q-organiser" name="organiser">
              <option value="">{t("proposals.filter.any")}</option>
              {p.organisers.map((o) => (
                <option key={o.id} value={o.id} selected={o.id === f.organiser}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="q-theme">{t("proposals.filter.theme")}</label>
            <select id="q-theme" name="theme">
              <option value="">{t("proposals.filter.any")}</option>
              {p.themes.map((o) => (
                <option key={o.slug} value={o.slug} selected={o.slug === f.theme}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="q-city">{t("proposals.filter.city")}</label>
            <input id="q-city" name="city" type="text" maxLength={100} defaultValue={f.city} />
          </div>
          <div class="field">
            <label for="q-status">{t("proposals.filter.status")}</label>
            <select id="q-status" name="status">
              {(["published", "archived"] as const).map((s) => (
                <option key={s} value={s} selected={s === f.status}>
                  {t(`proposals.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="q-sort">{t("proposals.filter.sort")}</label>
            <select id="q-sort" name="sort">
              {(["new", "supported", "discussed"] as const).map((s) => (
                <option key={s} value={s} selected={s === f.sort}>
                  {t(`proposals.sort.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <Button kind="secondary">{t("proposals.filter.apply")}</Button>
        </fieldset>
      </form>
      {p.items.length === 0 ? (
        <EmptyState>{t("proposals.empty")}</EmptyState>
      ) : (
        <ul class="cards">
          {p.items.map((x) => (
            <li key={x.id}>
              <ProposalCardView p={x} />
            </li>
          ))}
        </ul>
      )}
      <Pagination nextHref={p.nextHref} firstHref={p.firstHref} />
    </>
  );
}
