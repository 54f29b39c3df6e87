import { Card, EmptyState } from "../../ui/blocks";
import { usePage } from "../../ui/context";
import { ProposalCardView, type ProposalCardProps } from "../proposals/ProposalsListPage";

export interface HomeProps {
  organisers: { id: string; name: string; shortName: string }[];
  organisationCount: number;
  /** What is open for participation now; filled by the consultation and competition modules. */
  openNow: { href: string; title: string; kind: string; until: string }[];
  /** The newest published proposals (a few; the rest are on /proposals). */
  newestProposals: ProposalCardProps[];
}

export function HomePage(p: HomeProps) {
  const { t, user } = usePage();
  return (
    <>
      <section class="hero">
        <h1>{t("home.title")}</h1>
        <p class="lead">{t("home.lead")}</p>
        {user ? (
          <p>{t("home.signedInAs", { name: user.displayName })}</p>
        ) : (
          <p class="actions">
            <a class="btn btn--primary" href="/signup">
              {t("home.cta.signUp")}
            </a>
            <a class="btn btn--secondary" href="/signin">
              {t("home.cta.signIn")}
            </a>
          </p>
        )}
      </section>
      <section aria-labelledby="open-now">
        <h2 id="open-now">{t("home.open.title")}</h2>
        {p.openNow.length === 0 ? (
          <EmptyState>{t("home.open.empty")}</EmptyState>
        ) : (
          <ul class="cards">
            {p.openNow.map((o) => (
              <li key={o.href}>
                <Card title={<a href={o.href}>{o.title}</a>} headingLevel={3}>
                  <p>
                    {o.kind} · {o.until}
                  </p>
                </Card>
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href="/consultations?state=open">{t("consultations.reading.home.all")}</a>
        </p>
      </section>
      <section aria-labelledby="newest-proposals">
        <h2 id="newest-proposals">{t("home.proposals.title")}</h2>
        {p.newestProposals.length === 0 ? (
          <EmptyState>{t("home.proposals.empty")}</EmptyState>
        ) : (
          <ul class="cards">
            {p.newestProposals.map((x) => (
              <li key={x.id}>
                <ProposalCardView p={x} level={3} />
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href="/proposals">{t("home.proposals.all")}</a>
        </p>
      </section>
      <section aria-labelledby="what">
        <h2 id="what">{t("home.what.title")}</h2>
        <ul class="steps">
          <li>{t("home.what.consult")}</li>
          <li>{t("home.what.propose")}</li>
          <li>{t("home.what.compete")}</li>
          <li>{t("home.what.library")}</li>
        </ul>
      </section>
      <section aria-labelledby="organisers">
        <h2 id="organisers">{t("home.organisers.title")}</h2>
        <ul class="cards">
          {p.organisers.map((o) => (
            <li key={o.id}>
              <Card title={o.name} headingLevel={3}>
                <p>{o.shortName}</p>
              </Card>
            </li>
          ))}
        </ul>
        <p>
          <a href="/organisations">{t("home.organisations.count", { n: p.organisationCount })}</a>
        </p>
      </section>
    </>
  );
}
