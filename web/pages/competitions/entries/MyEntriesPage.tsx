import type { EntryKind, EntryStatus } from "../../../../worker/competitions/schema";
import { formatDateTime } from "../../../i18n";
import { Card, EmptyState, Pagination } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { EntryStatusBadge } from "./EntryStatusBadge";

export interface MyEntriesProps {
  items: {
    id: string;
    competitionId: string;
    competitionTitle: string;
    nominationTitle: string;
    kind: EntryKind;
    title: string;
    status: EntryStatus;
    hidden: boolean;
    reason: string | null;
    createdAt: number;
  }[];
  nextHref: string | null;
  firstHref: string | null;
}

/** «Мои заявки»: every entry the person made, in every competition, with its status and the moderator's reason. */
export function MyEntriesPage(p: MyEntriesProps) {
  const { t, locale } = usePage();
  return (
    <>
      <h1>{t("competitions.entries.mine.title")}</h1>
      <p class="lead">{t("competitions.entries.mine.lead")}</p>
      {p.items.length === 0 ? (
        <EmptyState>
          {t("competitions.entries.mine.empty")} <a href="/competitions">{t("competitions.entries.mine.findCompetitions")}</a>
        </EmptyState>
      ) : (
        <ul class="cards">
          {p.items.map((x) => (
            <li key={x.id}>
              <Card title={<a href={`/competitions/${x.competitionId}/entries/${x.id}`}>{x.title}</a>} headingLevel={2}>
                <p>
                  <EntryStatusBadge status={x.status} hidden={x.hidden} /> · {t(`competitions.entryKind.${x.kind}`)}
                </p>
                <p class="meta-line">
                  <a href={`/competitions/${x.competitionId}`}>{t("competitions.entries.mine.in", { competition: x.competitionTitle, nomination: x.nominationTitle })}</a>
                </p>
                <p class="meta-line">
                  {t("competitions.entries.page.submittedAt")}: <time dateTime={new Date(x.createdAt).toISOString()}>{formatDateTime(locale, x.createdAt)}</time>
                </p>
                {x.reason && <p class="pre-line">{t("competitions.entries.page.reason", { reason: x.reason })}</p>}
              </Card>
            </li>
          ))}
        </ul>
      )}
      <Pagination nextHref={p.nextHref} firstHref={p.firstHref} />
    </>
  );
}
