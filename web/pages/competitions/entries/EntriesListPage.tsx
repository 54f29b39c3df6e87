import type { EntryKind } from "../../../../worker/competitions/schema";
import { Card, EmptyState, Pagination } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Crumbs, LinkSwitcher } from "../parts";

export interface EntriesListProps {
  competition: { id: string; title: string };
  nominations: { id: string; title: string; entryCount: number }[];
  nominationId: string | null;
  items: { id: string; kind: EntryKind; title: string; city: string; organisationId: string | null; organisationName: string | null }[];
  nextHref: string | null;
  firstHref: string | null;
  /** "Подать заявку" while entries are accepted. */
  canEnter: boolean;
}

/** The admitted entries of one nomination, in the order they were entered, with a nomination switcher. */
export function EntriesListPage(p: EntriesListProps) {
  const { t } = usePage();
  const base = `/competitions/${p.competition.id}/entries`;
  const current = p.nominations.find((n) => n.id === p.nominationId) ?? null;
  return (
    <>
      <Crumbs competition={p.competition} />
      <h1>{t("competitions.entries.list.title", { title: p.competition.title })}</h1>
      <p class="lead">{t("competitions.entries.list.lead")}</p>
      {p.canEnter && (
        <p>
          <a class="btn btn--primary" href={`/competitions/${p.competition.id}/enter`}>
            {t("competitions.entries.enter.title")}
          </a>
        </p>
      )}
      {p.nominations.length === 0 ? (
        <EmptyState>{t("competitions.entries.list.noNominations")}</EmptyState>
      ) : (
        <>
          {p.nominations.length > 1 && (
            <LinkSwitcher
              label={t("competitions.nominations")}
              items={p.nominations.map((n) => ({ key: n.id, href: `${base}?nomination=${encodeURIComponent(n.id)}`, text: n.title, current: n.id === p.nominationId }))}
            />
          )}
          {current && (
            <>
              <h2>
                {t("competitions.nomination")}: {current.title}
              </h2>
              <p>{t("competitions.entries.list.count", { n: current.entryCount })}</p>
            </>
          )}
          {p.items.length === 0 ? (
            <EmptyState>{t("competitions.entries.list.empty")}</EmptyState>
          ) : (
            <ul class="cards">
              {p.items.map((e) => (
                <li key={e.id}>
                  <Card title={<a href={`${base}/${e.id}`}>{e.title}</a>} headingLevel={3}>
                    <p class="meta-line">
                      {t(`competitions.entryKind.${e.kind}`)}
                      {e.city && <> · {e.city}</>}
                    </p>
                    {e.organisationId && e.organisationName && (
                      <p class="meta-line">
                        <a href={`/organisations/${e.organisationId}`}>{e.organisationName}</a>
                      </p>
                    )}
                  </Card>
                </li>
              ))}
            </ul>
          )}
          <Pagination nextHref={p.nextHref} firstHref={p.firstHref} />
        </>
      )}
    </>
  );
}
