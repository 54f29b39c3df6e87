import { formatDateTime } from "../../../i18n";
import { emptyForm } from "../../../page-data";
import { Badge, EmptyState, Notice, Pagination } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, ErrorSummary, Form, Select } from "../../../ui/Form";
import { formatScore } from "../scoring/format";
import type { EntryProgressProps, EvaluationPageProps } from "./props";
import { Crumbs } from "../parts";

const enc = encodeURIComponent;

/**
 * The organiser's view of the expert evaluation: progress per expert, flagged entries first (with a
 * form adding one more eligible expert), entries short of experts, then every entry page by page.
 */
export function EvaluationPage(p: EvaluationPageProps) {
  const { t, locale } = usePage();
  const base = `/competitions/${enc(p.competition.id)}`;
  const score = (n: number | null) => (n === null ? t("competitions.experts.evaluation.noScore") : formatScore(locale, n, p.precision));
  return (
    <article>
      <Crumbs competition={p.competition} />
      <h1>{t("competitions.experts.evaluation.title", { title: p.competition.title })}</h1>
      <p class="lead">{t("competitions.experts.evaluation.summary", { entries: p.totalEntries, min: p.minExperts, spread: formatScore(locale, p.spreadThreshold, 0) })}</p>
      <p>
        <a href={`${base}/experts`}>{t("competitions.experts.linkExperts")}</a>
      </p>

      <section aria-labelledby="experts-title">
        <h2 id="experts-title">{t("competitions.experts.evaluation.experts")}</h2>
        {p.experts.length === 0 ? (
          <EmptyState>{t("competitions.experts.evaluation.noExperts")}</EmptyState>
        ) : (
          <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="experts-title">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("competitions.experts.expert")}</th>
                  <th scope="col">{t("competitions.experts.assigned")}</th>
                  <th scope="col">{t("competitions.experts.draft")}</th>
                  <th scope="col">{t("competitions.experts.submitted")}</th>
                  <th scope="col">{t("competitions.experts.declaration")}</th>
                </tr>
              </thead>
              <tbody>
                {p.experts.map((x) => (
                  <tr key={x.userId}>
                    <th scope="row">{x.displayName}</th>
                    <td>{x.assigned}</td>
                    <td>{x.draft}</td>
                    <td>{x.submitted}</td>
                    <td>
                      {x.declaredAt !== null ? t("competitions.experts.declaredOn", { date: formatDateTime(locale, x.declaredAt) }) : <Badge tone="warn">{t("competitions.experts.notDeclared")}</Badge>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="flagged-title">
        <h2 id="flagged-title">{t("competitions.experts.evaluation.flagged", { count: p.flagged.length })}</h2>
        {p.flagged.length === 0 ? (
          <EmptyState>{t("competitions.experts.evaluation.noFlagged")}</EmptyState>
        ) : (
          <>
            <p>{t("competitions.experts.evaluation.flaggedLead")}</p>
            <ul class="cards">
              {p.flagged.map((e) => {
                const form = p.flagForm?.entryId === e.entryId ? p.flagForm.form : emptyForm<{ expertId: string }>();
                const selectId = `f-expert-${e.entryId}`;
                const label = t("competitions.experts.evaluation.chooseExpert", { title: e.title });
                return (
                  <li key={e.entryId} class="card" id={`entry-${e.entryId}`}>
                    <h3 class="card__title">{e.title}</h3>
                    <EntryFacts e={e} score={score} min={p.minExperts} />
                    {p.canAssign &&
                      (e.eligible.length === 0 ? (
                        <p class="muted">{t("competitions.experts.evaluation.noEligible")}</p>
                      ) : (
                        <>
                          <ErrorSummary form={form} labels={{ expertId: label, entryId: label }} anchor={() => selectId} />
                          <Form action={`${base}/assignments/flagged`}>
                            <input type="hidden" name="entryId" value={e.entryId} />
                            <Select
                              id={selectId}
                              name="expertId"
                              label={label}
                              form={form}
                              required
                              options={e.eligible.map((x) => ({ value: x.userId, label: x.displayName }))}
                            />
                            <Button>{t("competitions.experts.evaluation.addExpert")}</Button>
                          </Form>
                        </>
                      ))}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </section>

      {p.belowMinimum.length > 0 && (
        <section aria-labelledby="short-title">
          <h2 id="short-title">{t("competitions.experts.evaluation.short", { count: p.belowMinimum.length })}</h2>
          <Notice>{t("competitions.experts.evaluation.shortLead")}</Notice>
          <EntryTable id="short-table" labelledBy="short-title" entries={p.belowMinimum} score={score} min={p.minExperts} />
        </section>
      )}

      <section aria-labelledby="entries-title">
        <h2 id="entries-title">{t("competitions.experts.evaluation.entries")}</h2>
        {p.entries.length === 0 ? (
          <EmptyState>{t("competitions.experts.evaluation.noEntries")}</EmptyState>
        ) : (
          <EntryTable id="entries-table" labelledBy="entries-title" entries={p.entries} score={score} min={p.minExperts} />
        )}
        <Pagination nextHref={p.nextHref} firstHref={p.firstHref} labels={{ next: t("competitions.experts.evaluation.more"), first: t("competitions.experts.evaluation.first") }} />
      </section>
    </article>
  );
}

type Score = (n: number | null) => string;

/** An entry's facts in one line: nomination, city, experts, submitted, score, spread. */
function EntryFacts({ e, score, min }: { e: EntryProgressProps; score: Score; min: number }) {
  const { t } = usePage();
  return (
    <dl class="meta">
      <dt>{t("competitions.nomination")}</dt>
      <dd>{e.nomination}</dd>
      {e.city && (
        <>
          <dt>{t("competitions.experts.city")}</dt>
          <dd>{e.city}</dd>
        </>
      )}
      <dt>{t("competitions.experts.evaluation.experts.count")}</dt>
      <dd>
        {e.assigned}
        {e.assigned < min && (
          <>
            {" "}
            <Badge tone="warn">{t("competitions.experts.evaluation.belowMin")}</Badge>
          </>
        )}
      </dd>
      <dt>{t("competitions.experts.evaluation.submittedCount")}</dt>
      <dd>{e.submitted}</dd>
      <dt>{t("competitions.juryScore")}</dt>
      <dd>{score(e.juryScore)}</dd>
      <dt>{t("competitions.experts.evaluation.spread")}</dt>
      <dd>{score(e.jurySpread)}</dd>
    </dl>
  );
}

function EntryTable({ id, labelledBy, entries, score, min }: { id: string; labelledBy: string; entries: EntryProgressProps[]; score: Score; min: number }) {
  const { t } = usePage();
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-labelledby={labelledBy} id={id}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("competitions.experts.evaluation.entry")}</th>
            <th scope="col">{t("competitions.nomination")}</th>
            <th scope="col">{t("competitions.experts.evaluation.experts.count")}</th>
            <th scope="col">{t("competitions.experts.evaluation.submittedCount")}</th>
            <th scope="col">{t("competitions.juryScore")}</th>
            <th scope="col">{t("competitions.experts.evaluation.spread")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.entryId}>
              <th scope="row">
                {e.title}
                {e.city && <span class="muted"> · {e.city}</span>}
                {e.flagged && (
                  <>
                    {" "}
                    <Badge tone="bad">{t("competitions.experts.evaluation.flag")}</Badge>
                  </>
                )}
              </th>
              <td>{e.nomination}</td>
              <td>
                {e.assigned}
                {e.assigned < min && (
                  <>
                    {" "}
                    <Badge tone="warn">{t("competitions.experts.evaluation.belowMin")}</Badge>
                  </>
                )}
              </td>
              <td>{e.submitted}</td>
              <td>{score(e.juryScore)}</td>
              <td>{score(e.jurySpread)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
