import type { Stage } from "../../../../worker/competitions/schema";
import type { MessageKey } from "../../../i18n";
import { Badge, Card, EmptyState, Pagination } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, FilterSelect } from "../../../ui/Form";
import { Instant } from "./parts";

export interface CompetitionCardProps {
  id: string;
  title: string;
  summary: string;
  organiserName: string;
  status: "draft" | "published";
  stage: Stage;
  resultsPublished: boolean;
  /** The current stage's bounds (null: open-ended), for «до …» / «с …». */
  stageStart: number | null;
  stageEnd: number | null;
  updatedAt: number;
}

export interface CompetitionsListProps {
  items: CompetitionCardProps[];
  drafts: CompetitionCardProps[];
  filter: { stage: "" | Stage; organiser: string };
  organisers: { id: string; name: string }[];
  stages: Stage[];
  canCreate: boolean;
  nextHref: string | null;
  firstHref: string | null;
}

export function CompetitionCard({ p }: { p: CompetitionCardProps }) {
  const { t } = usePage();
  return (
    <Card title={<a href={`/competitions/${p.id}`}>{p.title}</a>} headingLevel={3}>
      <p class="meta-line">{p.organiserName}</p>
      <p>
        {p.status === "draft" ? (
          <Badge tone="warn">{t("competitions.status.draft")}</Badge>
        ) : (
          <Badge tone={p.stage === "results" ? "neutral" : "ok"}>{t(p.resultsPublished ? "competitions.stage.resultsPublished" : (`competitions.stage.${p.stage}` as MessageKey))}</Badge>
        )}{" "}
        {p.status === "published" && p.stageEnd !== null && (
          <span>
            {t("competitions.setup.page.untilWord")} <Instant at={p.stageEnd} />
          </span>
        )}
      </p>
      {p.summary && <p>{p.summary}</p>}
    </Card>
  );
}

/** Published competitions with GET filters (work without JS) and "next page" by key; drafts for their organisers' admins. */
export function CompetitionsListPage(p: CompetitionsListProps) {
  const { t } = usePage();
  return (
    <>
      <h1>{t("competitions.title")}</h1>
      <p class="lead">{t("competitions.setup.list.lead")}</p>
      {p.canCreate && (
        <section aria-labelledby="drafts-title">
          <h2 id="drafts-title">{t("competitions.setup.list.drafts")}</h2>
          <p>
            <a class="btn btn--primary" href="/competitions/new">
              {t("competitions.setup.list.new")}
            </a>
          </p>
          {p.drafts.length > 0 ? (
            <ul class="cards">
              {p.drafts.map((x) => (
                <li key={x.id}>
                  <CompetitionCard p={x} />
                </li>
              ))}
            </ul>
          ) : (
            <p class="meta-line">{t("competitions.setup.list.noDrafts")}</p>
          )}
        </section>
      )}
      <section aria-labelledby="list-title">
        <h2 id="list-title" class={p.canCreate ? undefined : "visually-hidden"}>
          {t("competitions.setup.list.published")}
        </h2>
        <form method="get" action="/competitions" class="form filter-form" role="search" aria-label={t("competitions.setup.list.filter")}>
          <fieldset>
            <legend>{t("competitions.setup.list.filter")}</legend>
            <FilterSelect id="q-stage" name="stage" label={t("competitions.setup.list.stage")} any={t("competitions.setup.list.any")} options={p.stages.map((s) => ({ value: s, label: t(`competitions.stage.${s}` as MessageKey) }))} chosen={p.filter.stage} />
            <FilterSelect id="q-organiser" name="organiser" label={t("competitions.organiser")} any={t("competitions.setup.list.any")} options={p.organisers.map((o) => ({ value: o.id, label: o.name }))} chosen={p.filter.organiser} />
            <Button kind="secondary">{t("competitions.setup.list.apply")}</Button>
          </fieldset>
        </form>
        {p.items.length === 0 ? (
          <EmptyState>{t("competitions.setup.list.empty")}</EmptyState>
        ) : (
          <ul class="cards">
            {p.items.map((x) => (
              <li key={x.id}>
                <CompetitionCard p={x} />
              </li>
            ))}
          </ul>
        )}
        <Pagination nextHref={p.nextHref} firstHref={p.firstHref} />
      </section>
    </>
  );
}
