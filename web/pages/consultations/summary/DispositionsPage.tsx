import type { MessageKey } from "../../../i18n";
import { formatDateTime } from "../../../i18n";
import type { FormState } from "../../../page-data";
import { Badge, Notice, Pagination } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, Form } from "../../../ui/Form";
import { authorLabel, clauseLabel, dispositionLabel } from "./cells";
import { ClauseAndKindFilters } from "./filters";
import { dispositionTone, type SummaryItemProps } from "./SummaryTable";

const DISPOSITIONS = ["accepted", "partly", "rejected", "out_of_scope"] as const;

export interface DispositionsProps {
  consultation: { id: string; title: string; closesAt: number };
  version: { number: number; summaryPublishedAt: number | null };
  versions: number[];
  progress: { total: number; done: number; left: number };
  hidden: number;
  /** Why nothing can be recorded now (window still open, summary already published), or null. */
  refusal: "notClosed" | "notPublished" | "summaryPublished" | null;
  filter: { pending: boolean; clause: string; kind: string };
  clauses: { id: string; label: string }[];
  items: SummaryItemProps[];
  /** The current list's query (filter and page), sent back by every form so a save returns here. */
  back: string;
  nextHref: string | null;
  firstHref: string | null;
  limits: { reason: number; bulk: number };
  /** A form that failed: which ("bulk", "publish" or a remark id), with its errors and values. */
  failed: { target: string; state: FormState<Record<string, string>> } | null;
}

function Errors({ state }: { state: FormState<Record<string, string>> }) {
  const { t } = usePage();
  if (!state.errors.length && !state.message) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
      <h2 class="error-summary__title">{state.message ?? t("form.errorSummary")}</h2>
      {state.errors.length > 0 && (
        <ul>
          {state.errors.map((e) => (
            <li key={e.field}>{e.reason}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Radio buttons for the four dispositions and the reason: one remark's form and the bulk form share them. */
function DecisionFields(p: { base: string; values: Record<string, string | undefined>; current?: string | null; reason?: string | null; maxReason: number; error?: FormState<Record<string, string>> }) {
  const { t } = usePage();
  const chosen = p.values.disposition ?? p.current ?? "";
  const reasonError = p.error?.errors.find((e) => e.field === "reason")?.reason;
  const choiceError = p.error?.errors.find((e) => e.field === "disposition")?.reason;
  return (
    <>
      <fieldset class={`disposition-choice${choiceError ? " field--error" : ""}`} aria-describedby={choiceError ? `${p.base}-d-error` : undefined}>
        <legend>{t("consultations.summary.work.decision")}</legend>
        {choiceError && (
          <p class="field__error" id={`${p.base}-d-error`}>
            {choiceError}
          </p>
        )}
        {DISPOSITIONS.map((d) => (
          <div class="field field--check" key={d}>
            <input type="radio" id={`${p.base}-${d}`} name="disposition" value={d} checked={chosen === d} required />
            <label for={`${p.base}-${d}`}>{t(`consultations.disposition.${d}` as MessageKey)}</label>
          </div>
        ))}
      </fieldset>
      <div class={`field${reasonError ? " field--error" : ""}`}>
        <label for={`${p.base}-reason`}>{t("consultations.summary.work.reason")}</label>
        <p class="field__hint" id={`${p.base}-reason-hint`}>
          {t("consultations.summary.work.reasonHint", { max: p.maxReason })}
        </p>
        {reasonError && (
          <p class="field__error" id={`${p.base}-reason-error`}>
            {reasonError}
          </p>
        )}
        <textarea
          id={`${p.base}-reason`}
          name="reason"
          rows={3}
          maxLength={p.maxReason}
          aria-invalid={reasonError ? "true" : undefined}
          aria-describedby={`${p.base}-reason-hint${reasonError ? ` ${p.base}-reason-error` : ""}`}
        >
          {p.values.reason ?? p.reason ?? ""}
        </textarea>
      </div>
    </>
  );
}

function RemarkItem({ item, p }: { item: SummaryItemProps; p: DispositionsProps }) {
  const { t } = usePage();
  const base = `r-${item.id}`;
  const failed = p.failed?.target === item.id ? p.failed.state : undefined;
  const editable = p.refusal === null;
  // A refused bulk form comes back with the remarks it was for still ticked (ids joined by commas).
  const picked = p.failed?.target === "bulk" && (p.failed.state.values.remarkIds ?? "").split(",").includes(item.id);
  const clause = item.clause ? t("consultations.clause", { number: clauseLabel(t, item.clause) }) : t("consultations.wholeDocument");
  return (
    <li id={`remark-${item.id}`}>
      <article class="card remark-work" aria-labelledby={`${base}-title`}>
        <h2 class="card__title" id={`${base}-title`}>
          {clause} · {t(`consultations.remarkKind.${item.kind}` as MessageKey)}
        </h2>
        <p class="meta-line">
          {authorLabel(t, item.author)} · {t("consultations.summary.work.supports", { n: item.supportCount })} · <a href={item.url}>{t("consultations.summary.openRemark")}</a>
        </p>
        {item.body && <p class="pre-line">{item.body}</p>}
        {item.proposedText && (
          <blockquote class="pre-line remark-work__proposed" aria-label={t("consultations.summary.col.proposed")}>
            {item.proposedText}
          </blockquote>
        )}
        <p>
          {t("consultations.summary.work.currentLabel")} <Badge tone={dispositionTone(item.disposition)}>{dispositionLabel(t, item.disposition)}</Badge>
        </p>
        {item.reason && <p class="pre-line muted">{item.reason}</p>}
        {editable && (
          <>
            <div class="field field--check">
              <input type="checkbox" id={`${base}-pick`} name="remarkIds" value={item.id} form="bulk-form" checked={picked} />
              <label for={`${base}-pick`}>{t("consultations.summary.work.select")}</label>
            </div>
            <Form action={`/consultations/${p.consultation.id}/dispositions/${item.id}`} class="form remark-work__form">
              <input type="hidden" name="back" value={p.back} />
              {failed && <Errors state={failed} />}
              <DecisionFields base={base} values={failed?.values ?? {}} current={item.disposition} reason={item.reason} maxReason={p.limits.reason} error={failed} />
              <Button kind="secondary">{t("consultations.summary.work.save")}</Button>
            </Form>
          </>
        )}
      </article>
    </li>
  );
}

/**
 * The organiser's work page: progress at the top, a filter («только без решения», clause, kind), 25
 * remarks a page each with its own small form, and one bulk form the remarks' checkboxes belong to
 * (form="bulk-form"), so everything works without JavaScript.
 */
export function DispositionsPage(p: DispositionsProps) {
  const { t, locale } = usePage();
  const id = p.consultation.id;
  const v = p.version.number;
  const bulkFailed = p.failed?.target === "bulk" ? p.failed.state : undefined;
  const publishFailed = p.failed?.target === "publish" ? p.failed.state : undefined;
  const percent = p.progress.total ? Math.round((p.progress.done / p.progress.total) * 100) : 100;
  return (
    <>
      <h1>{t("consultations.summary.work.title", { title: p.consultation.title })}</h1>
      <p class="lead">{t("consultations.version", { n: v })}</p>
      {p.versions.length > 1 && (
        <nav aria-label={t("consultations.summary.versions")}>
          <ul class="inline-list">
            {p.versions.map((n) => (
              <li key={n}>
                {n === v ? (
                  <span aria-current="page">{t("consultations.version", { n })}</span>
                ) : (
                  <a href={`/consultations/${id}/dispositions?version=${n}`}>{t("consultations.version", { n })}</a>
                )}
              </li>
            ))}
          </ul>
        </nav>
      )}

      <section class="card work-progress" aria-labelledby="work-progress">
        <h2 class="card__title" id="work-progress">
          {t("consultations.summary.work.progress", { left: p.progress.left, total: p.progress.total })}
        </h2>
        <progress id="work-progress-bar" max={p.progress.total || 1} value={p.progress.total ? p.progress.done : 1} aria-labelledby="work-progress">
          {percent}%
        </progress>
        {p.hidden > 0 && (
          <p>
            {t("consultations.summary.hidden", { n: p.hidden })} (<a href="/moderation/public">{t("consultations.summary.hiddenLink")}</a>)
          </p>
        )}
        {p.refusal === "notClosed" && <Notice>{t("consultations.summary.work.notClosed", { closes: formatDateTime(locale, p.consultation.closesAt) })}</Notice>}
        {p.refusal === "summaryPublished" && p.version.summaryPublishedAt !== null && (
          <Notice tone="ok">
            {t("consultations.summary.work.published", { date: formatDateTime(locale, p.version.summaryPublishedAt) })} <a href={`/consultations/${id}/summary?version=${v}`}>{t("consultations.summary.toSummary")}</a>
          </Notice>
        )}
        {p.refusal === null && (
          <>
            <p>{t(p.progress.left === 0 ? "consultations.summary.work.readyToPublish" : "consultations.summary.work.publishBlocked")}</p>
            <p>
              <a href={`/consultations/${id}/summary?version=${v}`}>{t("consultations.summary.work.preview")}</a>
            </p>
            {p.progress.left === 0 && (
              <Form action={`/consultations/${id}/summary/publish`} class="form">
                <input type="hidden" name="version" value={String(v)} />
                {publishFailed && <Errors state={publishFailed} />}
                <Button>{t("consultations.summary.work.publish")}</Button>
              </Form>
            )}
            {publishFailed && p.progress.left > 0 && <Errors state={publishFailed} />}
          </>
        )}
      </section>

      <form method="get" action={`/consultations/${id}/dispositions`} class="form filter-form" role="search" aria-label={t("consultations.summary.filter.legend")}>
        <input type="hidden" name="version" value={String(v)} />
        <fieldset>
          <legend>{t("consultations.summary.filter.legend")}</legend>
          <div class="field field--check">
            <input type="checkbox" id="w-pending" name="pending" value="1" checked={p.filter.pending} />
            <label for="w-pending">{t("consultations.summary.work.pending")}</label>
          </div>
          <ClauseAndKindFilters idPrefix="w" clauses={p.clauses} clause={p.filter.clause} kind={p.filter.kind} />
          <Button kind="secondary">{t("consultations.summary.filter.apply")}</Button>
        </fieldset>
      </form>

      {p.items.length === 0 ? (
        <p class="empty">{t(p.filter.pending ? "consultations.summary.work.emptyPending" : "consultations.summary.work.empty")}</p>
      ) : (
        <ol class="remark-work-list">
          {p.items.map((item) => (
            <RemarkItem key={item.id} item={item} p={p} />
          ))}
        </ol>
      )}
      {p.refusal === null && p.items.length > 0 && (
        <Form action={`/consultations/${id}/dispositions`} id="bulk-form" class="form card bulk-form">
          <h2 class="card__title">{t("consultations.summary.work.bulk")}</h2>
          <p class="field__hint">{t("consultations.summary.work.bulkHint", { max: p.limits.bulk })}</p>
          <input type="hidden" name="back" value={p.back} />
          {bulkFailed && <Errors state={bulkFailed} />}
          <DecisionFields base="bulk" values={bulkFailed?.values ?? {}} maxReason={p.limits.reason} error={bulkFailed} />
          <Button>{t("consultations.summary.work.bulkSave")}</Button>
        </Form>
      )}

      <Pagination nextHref={p.nextHref} firstHref={p.firstHref} />
    </>
  );
}
