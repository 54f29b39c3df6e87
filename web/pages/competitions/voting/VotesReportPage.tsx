import { formatDateTime } from "../../../i18n";
import { Badge, EmptyState, Pagination } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Crumbs } from "../parts";
import { NominationNav } from "./parts";
import type { VotesReportPageProps } from "./props";

/**
 * The organiser's anomaly report of one nomination: votes per hour (with the share from accounts
 * less than a day old, bursts marked), and networks many accounts voted from. Each figure links to
 * the votes behind it, where a suspect vote can be annulled with a reason.
 */
export function VotesReportPage(p: VotesReportPageProps) {
  const { t, locale } = usePage();
  const th = p.thresholds;
  return (
    <article>
      <Crumbs competition={p.competition} />
      <h1>{t("competitions.voting.report.title", { nomination: p.nomination.title })}</h1>
      <NominationNav items={p.nominations} label={t("competitions.nominations")} />
      <p class="lead">{t("competitions.voting.report.counted", { n: p.counted })}</p>
      {!p.canAnnul && <p class="notice notice--info">{t("competitions.voting.report.readOnly")}</p>}

      <section aria-labelledby="hours-title">
        <h2 id="hours-title">{t("competitions.voting.report.hours")}</h2>
        <p>{t("competitions.voting.report.hoursHint", { hours: th.newAccountHours, min: th.burstMinNew, share: th.burstSharePercent })}</p>
        {p.hours.length === 0 ? (
          <EmptyState>{t("competitions.voting.report.noHours")}</EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t("competitions.voting.report.hoursCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("competitions.voting.report.hour")}</th>
                  <th scope="col">{t("competitions.voting.report.votes")}</th>
                  <th scope="col">{t("competitions.voting.report.fresh")}</th>
                  <th scope="col">{t("competitions.voting.report.flag")}</th>
                </tr>
              </thead>
              <tbody>
                {p.hours.map((h) => (
                  <tr key={h.hour}>
                    <th scope="row">{formatDateTime(locale, h.at)}</th>
                    <td>{h.votesHref ? <a href={h.votesHref} aria-label={t("competitions.voting.report.openHour", { n: h.votes, hour: formatDateTime(locale, h.at) })}>{h.votes}</a> : h.votes}</td>
                    <td>{h.freshHref ? <a href={h.freshHref} aria-label={t("competitions.voting.report.openFresh", { n: h.fresh, hour: formatDateTime(locale, h.at) })}>{h.fresh}</a> : h.fresh}</td>
                    <td>{h.burst && <Badge tone="warn">{t("competitions.voting.report.burst")}</Badge>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination nextHref={p.olderHref} firstHref={p.newestHref} labels={{ nav: t("competitions.voting.report.hoursNav"), next: t("competitions.voting.report.older"), first: t("competitions.voting.report.newest") }} />
      </section>

      <section aria-labelledby="networks-title">
        <h2 id="networks-title">{t("competitions.voting.report.networks")}</h2>
        <p>{t("competitions.voting.report.networksHint", { min: th.networkMinVoters })}</p>
        {p.networks.length === 0 ? (
          <EmptyState>{t("competitions.voting.report.noNetworks")}</EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t("competitions.voting.report.networks")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("competitions.voting.report.network")}</th>
                  <th scope="col">{t("competitions.voting.report.voters")}</th>
                  <th scope="col">{t("competitions.voting.report.votes")}</th>
                  <th scope="col">{t("competitions.voting.report.lastAt")}</th>
                </tr>
              </thead>
              <tbody>
                {p.networks.map((n) => (
                  <tr key={n.network}>
                    <th scope="row">
                      <a href={n.href}>
                        <code>{n.network}</code>
                      </a>
                    </th>
                    <td>{n.voters}</td>
                    <td>{n.votes}</td>
                    <td>{formatDateTime(locale, n.lastAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}
