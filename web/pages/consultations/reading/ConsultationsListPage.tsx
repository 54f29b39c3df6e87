import { Card, EmptyState, Pagination } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, FilterSelect } from "../../../ui/Form";
import { formatCount } from "../../proposals/format";
import { Instant, WindowBadge, windowSentence, type WindowStateName } from "./WindowState";

export interface ConsultationCardProps {
  id: string;
  title: string;
  organiserName: string;
  adoptingBody: string;
  adopted: boolean;
  window: WindowStateName;
  opensAt: number;
  closesAt: number;
  remarkCount: number;
  currentVersion: number;
}

export interface ConsultationsListProps {
  items: ConsultationCardProps[];
  filter: { organiser: string; state: "" | "open" | "upcoming" | "closed" | "adopted" };
  organisers: { id: string; name: string }[];
  /** The organiser's admins' own drafts (empty for everyone else). */
  drafts: { id: string; title: string; organiserName: string; updatedAt: number }[];
  /** Whether the viewer runs consultations of some organiser (the drafts section and «Новое обсуждение»). */
  canCreate: boolean;
  nextHref: string | null;
  firstHref: string | null;
}

const STATES = ["open", "upcoming", "closed", "adopted"] as const;

export function ConsultationCardView({ p, level = 2 }: { p: ConsultationCardProps; level?: 2 | 3 }) {
  const { t, locale } = usePage();
  return (
    <Card title={<a href={`/consultations/${p.id}`}>{p.title}</a>} headingLevel={level}>
      <p class="meta-line">{[p.organiserName, p.adoptingBody && t("consultations.reading.adoptingBody", { body: p.adoptingBody })].filter(Boolean).join(" · ")}</p>
      <p>
        <WindowBadge state={p.window} adopted={p.adopted} /> {windowSentence(t, locale, p.window, p)}
      </p>
      <p class="meta-line">
        {t("consultations.remarkCount", { n: formatCount(locale, p.remarkCount) })} · {t("consultations.version", { n: p.currentVersion })}
      </p>
    </Card>
  );
}

/** Published and adopted consultations: a GET filter form (works without JS), cards, "next page" by key; drafts for their admins. */
export function ConsultationsListPage(p: ConsultationsListProps) {
  const { t } = usePage();
  return (
    <>
      <h1>{t("consultations.title")}</h1>
      <p class="lead">{t("consultations.reading.lead")}</p>
      {p.canCreate && (
        <section aria-labelledby="drafts-title">
          <h2 id="drafts-title">{t("consultations.reading.drafts")}</h2>
          <p>
            <a class="btn btn--primary" href="/consultations/new">
              {t("consultations.reading.new")}
            </a>
          </p>
          {p.drafts.length > 0 && (
            <>
              <p class="meta-line">{t("consultations.reading.drafts.lead")}</p>
              <ul class="draft-list">
                {p.drafts.map((d) => (
                  <li key={d.id}>
                    <a href={`/consultations/${d.id}/draft`}>{d.title}</a>
                    <span class="meta-line">
                      {" "}
                      · {d.organiserName} · {t("consultations.reading.drafts.updated")}{" "}
                      <Instant at={d.updatedAt} />
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      <form method="get" action="/consultations" class="form filter-form" role="search" aria-label={t("consultations.reading.filter.legend")}>
        <fieldset>
          <legend>{t("consultations.reading.filter.legend")}</legend>
          <FilterSelect
            id="q-organiser"
            name="organiser"
            label={t("consultations.reading.filter.organiser")}
            any={t("consultations.reading.filter.any")}
            options={p.organisers.map((o) => ({ value: o.id, label: o.name }))}
            chosen={p.filter.organiser}
          />
          <FilterSelect
            id="q-state"
            name="state"
            label={t("consultations.reading.filter.state")}
            any={t("consultations.reading.filter.any")}
            options={STATES.map((s) => ({ value: s, label: t(`consultations.reading.state.${s}`) }))}
            chosen={p.filter.state}
          />
          <Button kind="secondary">{t("consultations.reading.filter.apply")}</Button>
        </fieldset>
      </form>
      {p.items.length === 0 ? (
        <EmptyState>{t("consultations.reading.empty")}</EmptyState>
      ) : (
        <ul class="cards">
          {p.items.map((x) => (
            <li key={x.id}>
              <ConsultationCardView p={x} />
            </li>
          ))}
        </ul>
      )}
      <Pagination nextHref={p.nextHref} firstHref={p.firstHref} />
    </>
  );
}
