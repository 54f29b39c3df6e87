import type { MessageKey } from "../../../i18n";
import { formatDateTime } from "../../../i18n";
import { Badge, EmptyState, Notice, Pagination } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { formatScore } from "./format";
import type { ReviewListPageProps, ReviewStateName } from "./props";
import { Crumbs } from "../parts";

export const STATE_TONE: Record<ReviewStateName, "warn" | "neutral" | "ok"> = { todo: "warn", draft: "neutral", submitted: "ok" };

/** The expert's assigned entries: to do first, then drafts, then submitted; how many of each; until when scores are accepted. */
export function ReviewListPage(p: ReviewListPageProps) {
  const { t, locale } = usePage();
  const total = p.counts.todo + p.counts.draft + p.counts.submitted;
  return (
    <article>
      <Crumbs competition={p.competition} />
      <h1>{t("competitions.scoring.list.title")}</h1>
      {p.phase === "open" ? (
        <p class="lead">{t("competitions.scoring.list.open", { closes: formatDateTime(locale, p.closesAt) })}</p>
      ) : (
        <Notice>{p.phase === "upcoming" ? t("competitions.scoring.gate.upcoming", { opens: formatDateTime(locale, p.opensAt) }) : t("competitions.scoring.gate.closed", { closes: formatDateTime(locale, p.closesAt) })}</Notice>
      )}
      <ul class="inline-list" aria-label={t("competitions.scoring.list.progress")}>
        {(["todo", "draft", "submitted"] as const).map((s) => (
          <li key={s}>
            {t(`competitions.scoring.state.${s}` as MessageKey)}: <strong>{p.counts[s]}</strong>
          </li>
        ))}
      </ul>
      <p>
        <a href={p.conflictsHref}>{t("competitions.scoring.list.conflicts")}</a>
      </p>
      {total === 0 ? (
        <EmptyState>{t("competitions.scoring.list.empty")}</EmptyState>
      ) : (
        <ul class="cards review-list">
          {p.items.map((i) => (
            <li key={i.href} class="card">
              <h2 class="card__title">
                <a href={i.href}>{i.title}</a>
              </h2>
              <p class="meta-line">
                {i.nomination}
                {i.city && ` · ${i.city}`}
              </p>
              <p>
                <Badge tone={STATE_TONE[i.state]}>{t(`competitions.scoring.state.${i.state}` as MessageKey)}</Badge>
                {i.total !== null && <> {t("competitions.scoring.yourTotal", { total: formatScore(locale, i.total, p.precision) })}</>}
                {i.gone && (
                  <>
                    {" "}
                    <Badge tone="bad">{t("competitions.scoring.entryGone")}</Badge>
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination nextHref={p.nextHref} firstHref={p.firstHref} />
    </article>
  );
}
