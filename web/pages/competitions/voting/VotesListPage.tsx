import { formatDateTime } from "../../../i18n";
import { Badge, EmptyState, Pagination } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Crumbs } from "../parts";
import type { VotesListPageProps } from "./props";

/** The votes behind a figure of the report: who (name, account age), when, for which entry, and what became of it. */
export function VotesListPage(p: VotesListPageProps) {
  const { t, locale } = usePage();
  const f = p.filter;
  const heading =
    f.kind === "network"
      ? t("competitions.voting.list.network", { network: f.network })
      : t(f.fresh ? "competitions.voting.list.freshHour" : "competitions.voting.list.hour", { hour: formatDateTime(locale, f.at) });
  return (
    <article>
      <Crumbs competition={p.competition} />
      <h1>{heading}</h1>
      <p class="lead">
        {t("competitions.nomination")}: {p.nomination.title}
      </p>
      <p>
        <a href={p.reportHref}>{t("competitions.voting.list.back")}</a>
      </p>
      {p.items.length === 0 ? (
        <EmptyState>{t("competitions.voting.list.empty")}</EmptyState>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{heading}</caption>
            <thead>
              <tr>
                <th scope="col">{t("competitions.voting.list.at")}</th>
                <th scope="col">{t("competitions.voting.list.voter")}</th>
                <th scope="col">{t("competitions.voting.list.age")}</th>
                <th scope="col">{t("competitions.voting.list.entry")}</th>
                <th scope="col">{t("competitions.voting.list.state")}</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((v, i) => (
                <tr key={i}>
                  <td>
                    {formatDateTime(locale, v.at)}
                    {v.event === "change" && <span class="muted"> ({t("competitions.voting.list.change")})</span>}
                  </td>
                  <td>{v.voterName}</td>
                  <td>{t("competitions.voting.list.ageHours", { n: v.accountAgeHours })}</td>
                  <td>
                    <a href={v.entryHref}>{v.entryTitle}</a>
                  </td>
                  <td>
                    <Badge tone={v.current === "counted" ? "ok" : v.current === "annulled" ? "bad" : "neutral"}>{t(`competitions.voting.list.current.${v.current}`)}</Badge>
                    {v.annulHref && (
                      <>
                        {" "}
                        <a href={v.annulHref}>
                          {t("competitions.voting.list.annul")}
                          <span class="visually-hidden"> {t("competitions.voting.list.annulWhose", { name: v.voterName })}</span>
                        </a>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination nextHref={p.nextHref} firstHref={p.firstHref} />
    </article>
  );
}
