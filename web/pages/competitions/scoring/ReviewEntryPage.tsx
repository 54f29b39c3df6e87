import { Fragment } from "preact";
import type { MessageKey } from "../../../i18n";
import { formatDateTime } from "../../../i18n";
import { Badge, Notice } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Gallery } from "../../attachments/Gallery";
import { formatRoubles, formatScore } from "./format";
import type { CriterionView, ReviewEntryPageProps, ShownSheet } from "./props";
import { STATE_TONE } from "./ReviewListPage";
import { ScoreForm } from "./ScoreForm";
import { Crumbs } from "../parts";

/**
 * One assigned entry for its expert: the entry's content and files, then the scoring form while the
 * evaluation stage is open — or the submitted sheet, or why scores are not accepted now. Once the
 * stage has ended, every expert's sheet of this entry (numbered), with the jury score and spread.
 * The organiser sees the same page read-only, with the experts' names.
 */
export function ReviewEntryPage(p: ReviewEntryPageProps) {
  const { t, locale } = usePage();
  const e = p.entry;
  return (
    <article class="review-entry">
      <Crumbs competition={p.competition}>{p.listHref && <a href={p.listHref}>{t("competitions.scoring.list.title")}</a>}</Crumbs>
      <h1>{e.title}</h1>
      <p class="meta-line">
        {e.nomination}
        {e.city && ` · ${e.city}`}
      </p>
      {p.state && (
        <p>
          <Badge tone={STATE_TONE[p.state]}>{t(`competitions.scoring.state.${p.state}` as MessageKey)}</Badge>
        </p>
      )}
      {e.gone && <Notice>{t("competitions.scoring.gate.gone")}</Notice>}

      <section aria-labelledby="entry-title" class="entry-content">
        <h2 id="entry-title">{t("competitions.scoring.entry.heading")}</h2>
        <dl class="meta">
          <dt>{t("competitions.scoring.entry.kind")}</dt>
          <dd>{t(`competitions.entryKind.${e.kind}` as MessageKey)}</dd>
          {e.period && (
            <>
              <dt>{t("competitions.scoring.entry.period")}</dt>
              <dd>{e.period}</dd>
            </>
          )}
          {e.budget !== null && (
            <>
              <dt>{t("competitions.scoring.entry.budget")}</dt>
              <dd>{formatRoubles(locale, e.budget)}</dd>
            </>
          )}
        </dl>
        {(
          [
            ["problem", e.problem],
            ["actions", e.actions],
            ["results", e.results],
          ] as const
        ).map(([k, text]) =>
          text ? (
            <section key={k}>
              <h3>{t(`competitions.scoring.entry.${k}` as MessageKey)}</h3>
              <p class="pre-line">{text}</p>
            </section>
          ) : null,
        )}
        {e.proposalHref && (
          <p>
            <a href={e.proposalHref}>{t("competitions.scoring.entry.proposal")}</a>
          </p>
        )}
        {p.files.length > 0 && (
          <section aria-labelledby="entry-files-title">
            <h3 id="entry-files-title">{t("competitions.scoring.entry.files")}</h3>
            <Gallery items={p.files} headingLevel={4} />
          </section>
        )}
      </section>

      {!p.form && p.message && (
        <div class="error-summary" role="alert">
          <p>{p.message}</p>
        </div>
      )}
      {p.form && <ScoreForm action={p.form.action} criteria={p.criteria} weightSum={p.weightSum} form={p.form.values} radioLevelsMax={p.form.radioLevelsMax} commentMax={p.form.commentMax} />}
      {!p.form && p.gate && p.gate !== "gone" && (
        <Notice>
          {p.gate === "upcoming"
            ? t("competitions.scoring.gate.upcoming", { opens: formatDateTime(locale, p.opensAt) })
            : p.gate === "closed"
              ? t("competitions.scoring.gate.closed", { closes: formatDateTime(locale, p.closesAt) })
              : t("competitions.scoring.gate.blocked")}
        </Notice>
      )}
      {p.mine && !p.sheets && (
        <section aria-labelledby="my-sheet-title">
          <h2 id="my-sheet-title">{t("competitions.scoring.mine.heading")}</h2>
          <p>{t("competitions.scoring.mine.final")}</p>
          <SheetCard sheet={p.mine} criteria={p.criteria} precision={p.precision} headingLevel={3} viewer={p.viewer} />
          <p class="muted">{t("competitions.scoring.mine.othersHidden", { closes: formatDateTime(locale, p.closesAt) })}</p>
        </section>
      )}
      {p.sheets && <Sheets {...p} sheets={p.sheets} />}
    </article>
  );
}

function Sheets(p: ReviewEntryPageProps & { sheets: ShownSheet[] }) {
  const { t, locale } = usePage();
  const j = p.jury;
  const fmt = (n: number) => formatScore(locale, n, p.precision);
  return (
    <section aria-labelledby="sheets-title" class="sheets">
      <h2 id="sheets-title">{t("competitions.scoring.sheets.heading")}</h2>
      {p.viewer === "expert" && <p class="muted">{t("competitions.scoring.sheets.anonymous")}</p>}
      {j && (
        <dl class="meta jury-facts">
          <dt>{t("competitions.juryScore")}</dt>
          <dd>{j.score === null ? t("competitions.scoring.sheets.noScore") : t("competitions.scoring.sheets.score", { score: fmt(j.score), n: j.experts })}</dd>
          {j.spread !== null && (
            <>
              <dt>{t("competitions.scoring.sheets.spread")}</dt>
              <dd>
                {fmt(j.spread)}{" "}
                {j.flagged ? (
                  <Badge tone="warn">{t("competitions.scoring.sheets.flagged", { threshold: formatScore(locale, p.spreadThreshold, p.precision) })}</Badge>
                ) : (
                  <span class="muted">{t("competitions.scoring.sheets.withinThreshold", { threshold: formatScore(locale, p.spreadThreshold, p.precision) })}</span>
                )}
              </dd>
            </>
          )}
        </dl>
      )}
      {p.sheets.length === 0 ? (
        <p>{t("competitions.scoring.sheets.none")}</p>
      ) : (
        <ul class="cards">
          {p.sheets.map((s) => (
            <li key={s.number} class="card">
              <SheetCard sheet={s} criteria={p.criteria} precision={p.precision} headingLevel={3} viewer={p.viewer} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One sheet: whose (a name for the organiser, «Эксперт N» for experts, «вы» for your own), the total, each criterion's score and comment. */
function SheetCard(p: { sheet: ShownSheet; criteria: CriterionView[]; precision: number; headingLevel: 3 | 4; viewer: "expert" | "organiser" }) {
  const { t, locale } = usePage();
  const s = p.sheet;
  const H = `h${p.headingLevel}` as "h3";
  const who = s.name ?? t("competitions.scoring.sheets.expert", { n: s.number });
  return (
    <div class="sheet">
      <H class="card__title">
        {who}
        {s.mine && ` (${t("competitions.scoring.sheets.you")})`}
      </H>
      {s.total !== null && <p>{t("competitions.scoring.sheets.total", { total: formatScore(locale, s.total, p.precision) })}</p>}
      <dl class="meta">
        {p.criteria.map((c) => {
          const sc = s.scores[c.id];
          return (
            <Fragment key={c.id}>
              <dt>{c.name}</dt>
              <dd>
                {sc ? t("competitions.scoring.sheets.outOf", { score: sc.score, max: c.scaleMax }) : "—"}
                {sc?.comment && <p class="pre-line sheet__comment">{sc.comment}</p>}
              </dd>
            </Fragment>
          );
        })}
      </dl>
    </div>
  );
}
