import { Fragment } from "preact";
import type { EntrantKind, Stage } from "../../../../worker/competitions/schema";
import type { MessageKey } from "../../../i18n";
import { emptyForm, type FormState } from "../../../page-data";
import { Badge, Card, EmptyState } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, ErrorSummary, Field, Form } from "../../../ui/Form";
import { Gallery } from "../../attachments/Gallery";
import type { AttachmentView } from "../../attachments/types";
import { formatCount } from "../../proposals/format";
import { eligibilityInWords, type MethodFacts, type TimelineItem } from "./method";
import { MethodInWords, Timeline } from "./parts";

export interface CriterionProps {
  id: string;
  name: string;
  description: string;
  weight: number;
  /** The criterion's share of an expert's total, in percent. */
  share: number;
  scaleMin: number;
  scaleMax: number;
  levels: { score: number; text: string }[];
  commentBelow: number | null;
}

export interface CompetitionPageProps {
  competition: {
    id: string;
    title: string;
    summary: string;
    rulesText: string;
    organiserName: string;
    status: "draft" | "published";
    stage: Stage;
    resultsPublished: boolean;
    eligibility: EntrantKind[];
    entryLimit: number;
  };
  method: MethodFacts;
  timeline: TimelineItem[];
  nominations: { id: string; title: string; description: string; entryCount: number }[];
  criteria: CriterionProps[];
  files: AttachmentView[];
  /** What a visitor may follow now (the pages themselves check who may act). */
  links: { enter: boolean; entries: boolean; vote: boolean; results: boolean };
  /** The organiser's panel (its admins only). */
  organiser: null | {
    editable: boolean;
    runEvaluation: boolean;
    moderate: boolean;
    examineVotes: boolean;
    resultsReview: boolean;
    /** Why the draft may not be published yet (empty: it may). */
    blockers: { field: string; reason: string }[];
    /** The stage the organiser may end now (the announced stage: open entries now); null: none. */
    endStage: Stage | null;
  };
  expert: boolean;
  /** A refused publish, shown at the top. */
  publishForm: FormState | null;
  /** A refused end of the stage, shown at the top and beside its field. */
  stageForm?: FormState | null;
}

const BLOCKER_HREF = (id: string, field: string) => (field === "nominations" ? `/competitions/${id}/nominations` : field === "criteria" ? `/competitions/${id}/criteria` : `/competitions/${id}/edit#f-${field}`);

/** The public page of a competition: rules, stages, nominations, criteria and the method in words; the organiser's and experts' links. */
export function CompetitionPage(p: CompetitionPageProps) {
  const { t, locale } = usePage();
  const c = p.competition;
  const base = `/competitions/${c.id}`;
  const draft = c.status === "draft";
  return (
    <>
      <p class="breadcrumbs">
        <a href="/competitions">{t("competitions.title")}</a>
      </p>
      <h1>{c.title}</h1>
      <p class="meta-line">
        {t("competitions.organiser")}: {c.organiserName} ·{" "}
        {draft ? <Badge tone="warn">{t("competitions.status.draft")}</Badge> : <Badge tone="ok">{t(c.resultsPublished ? "competitions.stage.resultsPublished" : (`competitions.stage.${c.stage}` as MessageKey))}</Badge>}
      </p>
      {c.summary && <p class="lead pre-line">{c.summary}</p>}
      {p.publishForm && <ErrorSummary form={p.publishForm} labels={blockerLabels(t)} anchor={(f) => (f === "nominations" ? "nominations-title" : f === "criteria" ? "criteria-title" : "organiser-title")} />}
      {p.stageForm && <ErrorSummary form={p.stageForm} labels={{ reason: t("competitions.setup.page.stageReason") }} anchor={(f) => (f === "reason" ? "f-stage-reason" : "stage-control-title")} />}

      {(p.links.enter || p.links.vote || p.links.results) && (
        <p class="actions">
          {p.links.enter && (
            <a class="btn btn--primary" href={`${base}/enter`}>
              {t("competitions.setup.page.enter")}
            </a>
          )}
          {p.links.vote && (
            <a class="btn btn--primary" href={`${base}/vote`}>
              {t("competitions.setup.page.vote")}
            </a>
          )}
          {p.links.results && (
            <a class="btn btn--secondary" href={`${base}/results`}>
              {t("competitions.setup.page.results")}
            </a>
          )}
        </p>
      )}

      {p.organiser && <OrganiserPanel id={c.id} draft={draft} o={p.organiser} stageForm={p.stageForm ?? null} />}

      {p.expert && (
        <section aria-labelledby="expert-title" class="card">
          <h2 id="expert-title">{t("competitions.setup.page.expertTitle")}</h2>
          <ul class="inline-list">
            <li>
              <a href={`${base}/review`}>{t("competitions.setup.page.review")}</a>
            </li>
            <li>
              <a href={`${base}/conflicts`}>{t("competitions.setup.page.conflicts")}</a>
            </li>
          </ul>
        </section>
      )}

      <Timeline items={p.timeline} />

      <section aria-labelledby="who-title">
        <h2 id="who-title">{t("competitions.setup.page.who")}</h2>
        <p>{t("competitions.setup.page.eligible", { who: eligibilityInWords(t, c.eligibility) })}</p>
        <p>{t("competitions.setup.page.limit", { n: c.entryLimit })}</p>
      </section>

      <section aria-labelledby="nominations-title">
        <h2 id="nominations-title">{t("competitions.nominations")}</h2>
        {p.nominations.length === 0 ? (
          <EmptyState>{t("competitions.setup.page.noNominations")}</EmptyState>
        ) : (
          <ul class="cards">
            {p.nominations.map((n) => (
              <li key={n.id}>
                <Card title={n.title} headingLevel={3}>
                  {n.description && <p class="pre-line">{n.description}</p>}
                  {p.links.entries ? (
                    <p>
                      <a href={`${base}/entries?nomination=${encodeURIComponent(n.id)}`}>{t("competitions.setup.page.entryCount", { n: formatCount(locale, n.entryCount) })}</a>
                    </p>
                  ) : null}
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="criteria-title">
        <h2 id="criteria-title">{t("competitions.criteria")}</h2>
        {p.criteria.length === 0 ? <EmptyState>{t("competitions.setup.page.noCriteria")}</EmptyState> : <CriteriaTable criteria={p.criteria} />}
      </section>

      <MethodInWords facts={p.method} />

      <section aria-labelledby="rules-title">
        <h2 id="rules-title">{t("competitions.rules")}</h2>
        {c.rulesText ? <div class="pre-line">{c.rulesText}</div> : <p class="muted">{t("competitions.setup.page.noRulesText")}</p>}
        <Gallery items={p.files} />
      </section>
    </>
  );
}

const blockerLabels = (t: (k: MessageKey) => string): Record<string, string> => ({
  nominations: t("competitions.nominations"),
  criteria: t("competitions.criteria"),
  entryOpensAt: t("competitions.setup.f.entryOpensAt"),
  entryClosesAt: t("competitions.setup.f.entryClosesAt"),
  checkClosesAt: t("competitions.setup.f.checkClosesAt"),
  evaluationClosesAt: t("competitions.setup.f.evaluationClosesAt"),
  votingClosesAt: t("competitions.setup.f.votingClosesAt"),
  publicWeight: t("competitions.setup.f.publicWeight"),
});

function OrganiserPanel({ id, draft, o, stageForm }: { id: string; draft: boolean; o: NonNullable<CompetitionPageProps["organiser"]>; stageForm: FormState | null }) {
  const { t } = usePage();
  const base = `/competitions/${id}`;
  const labels = blockerLabels(t);
  return (
    <section aria-labelledby="organiser-title" class="card">
      <h2 id="organiser-title">{t("competitions.setup.page.organiserTitle")}</h2>
      {!o.editable && <p class="meta-line">{t("competitions.setup.page.frozen")}</p>}
      <ul class="inline-list">
        <li>
          <a href={`${base}/edit`}>{t(o.editable ? "competitions.setup.page.edit" : "competitions.setup.page.settings")}</a>
        </li>
        <li>
          <a href={`${base}/nominations`}>{t("competitions.setup.page.editNominations")}</a>
        </li>
        <li>
          <a href={`${base}/criteria`}>{t("competitions.setup.page.editCriteria")}</a>
        </li>
        {!draft && (
          <>
            <li>
              <a href={`${base}/experts`}>{t("competitions.setup.page.experts")}</a>
            </li>
            <li>
              <a href={`${base}/evaluation`}>{t("competitions.setup.page.evaluation")}</a>
            </li>
            {o.moderate && (
              <li>
                <a href="/moderation">{t("competitions.setup.page.moderation")}</a>
              </li>
            )}
            {o.examineVotes && (
              <li>
                <a href={`${base}/votes`}>{t("competitions.setup.page.votes")}</a>
              </li>
            )}
            {o.resultsReview && (
              <li>
                <a href={`${base}/results`}>{t("competitions.setup.page.resultsReview")}</a>
              </li>
            )}
          </>
        )}
      </ul>
      {draft && (
        <>
          {o.blockers.length > 0 ? (
            <>
              <p>{t("competitions.setup.page.notReady")}</p>
              <ul>
                {o.blockers.map((b) => (
                  <li key={b.field}>
                    <a href={BLOCKER_HREF(id, b.field)}>
                      {labels[b.field] ? `${labels[b.field]}: ` : ""}
                      {b.reason}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t("competitions.setup.page.ready")}</p>
          )}
          <Form action={`${base}/publish`}>
            <Button>{t("competitions.setup.page.publish")}</Button>
          </Form>
        </>
      )}
      {o.endStage && <EndStageForm id={id} stage={o.endStage} form={stageForm} />}
    </section>
  );
}

/**
 * Ending the current stage early (in the announced stage: opening entries now). The button says
 * exactly what happens; the lead above it says it cannot be undone.
 */
function EndStageForm({ id, stage, form }: { id: string; stage: Stage; form: FormState | null }) {
  const { t } = usePage();
  const open = stage === "announced";
  return (
    <section aria-labelledby="stage-control-title" class="stage-control">
      <h3 id="stage-control-title">
        {t("competitions.setup.page.stageTitle")}: {t(`competitions.stage.${stage}` as MessageKey)}
      </h3>
      <p>{t(open ? "competitions.setup.page.openLead" : "competitions.setup.page.stageLead")}</p>
      <Form action={`/competitions/${id}/stage`}>
        <input type="hidden" name="stage" value={stage} />
        <Field name="reason" id="f-stage-reason" label={t("competitions.setup.page.stageReason")} form={form ?? emptyForm()} maxLength={500} />
        <Button kind={open ? "primary" : "danger"}>{open ? t("competitions.setup.page.openEntries") : t("competitions.setup.page.endStage", { stage: t(`competitions.stage.${stage}` as MessageKey) })}</Button>
      </Form>
    </section>
  );
}

/** Criteria with weight (and its share), scale, what each level means and when a comment is required. */
export function CriteriaTable({ criteria }: { criteria: CriterionProps[] }) {
  const { t, locale } = usePage();
  return (
    // Focusable and named: on a phone the table scrolls sideways, and a keyboard must reach it.
    <div class="table-wrap" tabIndex={0} role="region" aria-label={t("competitions.criteria")}>
      <table>
        <caption class="visually-hidden">{t("competitions.criteria")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("competitions.setup.page.criterion")}</th>
            <th scope="col">{t("competitions.setup.page.weight")}</th>
            <th scope="col">{t("competitions.setup.page.scale")}</th>
            <th scope="col">{t("competitions.setup.page.levels")}</th>
          </tr>
        </thead>
        <tbody>
          {criteria.map((k) => (
            <tr key={k.id}>
              <th scope="row">
                {k.name}
                {k.description && <p class="meta-line pre-line">{k.description}</p>}
              </th>
              <td>{t("competitions.setup.page.weightShare", { weight: k.weight, share: new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB", { maximumFractionDigits: 1 }).format(k.share) })}</td>
              <td>
                {t("competitions.setup.page.scaleRange", { min: k.scaleMin, max: k.scaleMax })}
                {k.commentBelow !== null && <p class="meta-line">{t("competitions.setup.page.commentBelow", { n: k.commentBelow })}</p>}
              </td>
              <td>
                {k.levels.length ? (
                  <dl class="meta">
                    {k.levels.map((l) => (
                      <Fragment key={l.score}>
                        <dt>{l.score}</dt>
                        <dd>{l.text}</dd>
                      </Fragment>
                    ))}
                  </dl>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
