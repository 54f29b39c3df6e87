import type { MessageKey } from "../../../i18n";
import { formatDateTime } from "../../../i18n";
import { EmptyState, Notice } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, ErrorSummary, Field, Form } from "../../../ui/Form";
import type { ConflictsPageProps, DeclarationEntryProps } from "./props";
import { Crumbs } from "../parts";

const enc = encodeURIComponent;

/**
 * The expert's declaration: their city and the admitted entries they have a conflict of interest
 * with (a reason each, optional), or "no conflicts". Entries never assigned to them anyway (their
 * own, their organisation's, their city's) say so; an entry they already scored cannot be ticked.
 */
export function ConflictsPage(p: ConflictsPageProps) {
  const { t, locale } = usePage();
  const base = `/competitions/${enc(p.competition.id)}`;
  const ticked = new Set(p.ticked);
  const total = p.nominations.reduce((s, n) => s + n.entries.length, 0);
  // Field errors name entries as "entry-<id>" (the checkbox) and "reason-<id>".
  const labels: Record<string, string> = { city: t("competitions.experts.conflicts.city") };
  for (const n of p.nominations)
    for (const e of n.entries) {
      labels[`entry-${e.id}`] = e.title;
      labels[`reason-${e.id}`] = `${e.title}: ${t("competitions.experts.conflicts.reason")}`;
    }
  const errorOf = (field: string) => p.form.errors.find((x) => x.field === field)?.reason;
  return (
    <article>
      <Crumbs competition={p.competition} />
      <h1>{t("competitions.experts.conflicts.title", { title: p.competition.title })}</h1>
      <p class="lead">{t("competitions.experts.conflicts.lead")}</p>
      {p.declaredAt !== null ? (
        <p>{t("competitions.experts.conflicts.declaredOn", { date: formatDateTime(locale, p.declaredAt) })}</p>
      ) : (
        <Notice>{t("competitions.experts.conflicts.notYet")}</Notice>
      )}
      <p>
        <a href={`${base}/review`}>{t("competitions.experts.conflicts.review")}</a>
      </p>
      {!p.canDeclare && <Notice>{t("competitions.experts.conflicts.closed")}</Notice>}

      <ErrorSummary form={p.form} labels={labels} anchor={(f) => (f.startsWith("entry-") ? `c-${f.slice(6)}` : f.startsWith("reason-") ? `r-${f.slice(7)}` : `f-${f}`)} />
      <Form action={`${base}/conflicts`}>
        <Field name="city" label={labels.city} hint={t("competitions.experts.conflicts.cityHint")} form={p.form} maxLength={p.limits.city} autocomplete="address-level2" />
        <h2>{t("competitions.experts.conflicts.entries")}</h2>
        {total === 0 && <EmptyState>{t("competitions.experts.conflicts.noEntries")}</EmptyState>}
        {p.more && <Notice>{t("competitions.experts.conflicts.tooMany", { count: p.shown })}</Notice>}
        {p.nominations
          .filter((n) => n.entries.length > 0)
          .map((n) => (
            <fieldset key={n.id} class="declaration">
              <legend>{n.title}</legend>
              <ul class="declaration__list">
                {n.entries.map((e) => (
                  <EntryChoice key={e.id} e={e} checked={ticked.has(e.id)} reason={p.reasons[e.id] ?? ""} error={errorOf(`entry-${e.id}`)} reasonError={errorOf(`reason-${e.id}`)} max={p.limits.reason} disabled={!p.canDeclare} />
                ))}
              </ul>
            </fieldset>
          ))}
        {p.canDeclare && (
          <p class="actions">
            <Button name="action" value="save">
              {t("competitions.experts.conflicts.save")}
            </Button>{" "}
            <Button kind="secondary" name="action" value="none">
              {t("competitions.experts.conflicts.none")}
            </Button>
          </p>
        )}
      </Form>
    </article>
  );
}

function EntryChoice(p: { e: DeclarationEntryProps; checked: boolean; reason: string; error?: string; reasonError?: string; max: number; disabled: boolean }) {
  const { t } = usePage();
  const { e } = p;
  const box = `c-${e.id}`;
  const scored = e.assignment === "submitted";
  const notes = [
    e.automatic && t(`competitions.experts.conflicts.auto.${e.automatic}` as MessageKey),
    scored && t("competitions.experts.conflicts.scored"),
    (e.assignment === "assigned" || e.assignment === "draft") && t("competitions.experts.conflicts.assignedHint"),
  ].filter(Boolean) as string[];
  const noteId = `${box}-note`;
  const describedBy = [notes.length ? noteId : "", p.error ? `${box}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <li class="declaration__entry">
      <div class={`field field--check${p.error ? " field--error" : ""}`}>
        {p.error && (
          <p class="field__error" id={`${box}-error`}>
            {p.error}
          </p>
        )}
        <input
          type="checkbox"
          id={box}
          name="entry"
          value={e.id}
          checked={p.checked}
          disabled={p.disabled || scored}
          aria-invalid={p.error ? "true" : undefined}
          aria-describedby={describedBy}
        />
        <label for={box}>
          {t("competitions.experts.conflicts.entryLabel", { title: e.title })}
          {e.city && <span class="muted"> · {e.city}</span>}
        </label>
        {notes.length > 0 && (
          <p class="field__hint" id={noteId}>
            {notes.join(" ")}
          </p>
        )}
      </div>
      {!scored && (
        <div class={`field${p.reasonError ? " field--error" : ""}`}>
          <label for={`r-${e.id}`}>
            {t("competitions.experts.conflicts.reason")}
            <span class="visually-hidden">: {e.title}</span>
          </label>
          {p.reasonError && (
            <p class="field__error" id={`r-${e.id}-error`}>
              {p.reasonError}
            </p>
          )}
          <input
            type="text"
            id={`r-${e.id}`}
            name={`reason-${e.id}`}
            defaultValue={p.reason}
            maxLength={p.max}
            disabled={p.disabled}
            aria-invalid={p.reasonError ? "true" : undefined}
            aria-describedby={p.reasonError ? `r-${e.id}-error` : undefined}
          />
        </div>
      )}
    </li>
  );
}
