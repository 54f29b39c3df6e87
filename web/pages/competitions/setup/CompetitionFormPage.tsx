import type { EntrantKind } from "../../../../worker/competitions/schema";
import type { MessageKey } from "../../../i18n";
import type { FormState } from "../../../page-data";
import { Notice } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, ErrorSummary, Field, Form, Select } from "../../../ui/Form";
import type { AttachmentView } from "../../attachments/types";
import { UploadForm } from "../../attachments/UploadForm";

/** Limits as the form shows them (the server's SETUP_LIMITS are the rule). */
export interface SetupFormLimits {
  title: number;
  summary: number;
  rulesText: number;
  entryLimit: { min: number; max: number };
  minExperts: { min: number; max: number };
  spreadThreshold: { min: number; max: number };
  precision: { min: number; max: number };
  winners: { min: number; max: number };
}

export interface CompetitionFormProps {
  mode: "new" | "edit";
  id?: string;
  /** New: the organisers the person administers (none: they may not create). */
  organisers: { id: string; name: string }[];
  form: FormState<Record<string, string>>;
  limits: SetupFormLimits;
  entrantKinds: EntrantKind[];
  juryNormalisations: string[];
  publicNormalisations: string[];
  tieBreaks: string[];
  /** Edit: whether the setup may still change (false once entries opened), the title, and the rules' files. */
  editable: boolean;
  title?: string;
  files?: AttachmentView[];
}

export const TIME_FIELDS = ["entryOpensAt", "entryClosesAt", "checkClosesAt", "evaluationClosesAt", "votingClosesAt"] as const;

export function fieldLabels(t: (k: MessageKey) => string): Record<string, string> {
  const keys = [
    "organiserId",
    "title",
    "summary",
    "rulesText",
    "eligibility",
    "entryLimit",
    ...TIME_FIELDS,
    "minExperts",
    "spreadThreshold",
    "precision",
    "juryWeight",
    "publicWeight",
    "juryNormalisation",
    "publicNormalisation",
    "winners",
  ];
  const out: Record<string, string> = Object.fromEntries(keys.map((k) => [k, t(`competitions.setup.f.${k}` as MessageKey)]));
  for (const i of [0, 1, 2]) out[`tieBreak.${i}`] = t(`competitions.setup.f.tieBreak.${i}` as MessageKey);
  out.tieBreak = t("competitions.setup.f.tieBreak");
  return out;
}

/**
 * A new competition or the edit of its setup: basics, who may enter and the limit, the five
 * instants (typed in Moscow time), evaluation and result settings. Grouped in fieldsets with
 * legends; every limit is stated in a hint; a refused form comes back with an error summary.
 */
export function CompetitionFormPage(p: CompetitionFormProps) {
  const { t } = usePage();
  const f = p.form;
  const labels = fieldLabels(t);
  const editing = p.mode === "edit";
  if (!editing && p.organisers.length === 0) {
    return (
      <>
        <h1>{t("competitions.setup.new.title")}</h1>
        <Notice>{t("competitions.setup.new.noOrganiser")}</Notice>
      </>
    );
  }
  const range = (r: { min: number; max: number }) => t("competitions.setup.hint.range", { min: r.min, max: r.max });
  const eligibility = new Set((f.values.eligibility ?? "").split(",").filter(Boolean));
  const eligibilityError = f.errors.find((e) => e.field === "eligibility")?.reason;
  const tieError = f.errors.find((e) => e.field === "tieBreak")?.reason;
  return (
    <>
      {editing && p.id && (
        <p class="breadcrumbs">
          <a href={`/competitions/${p.id}`}>{p.title ?? t("competitions.back")}</a>
        </p>
      )}
      <h1>{editing ? t("competitions.setup.edit.title") : t("competitions.setup.new.title")}</h1>
      {!editing && <p class="lead">{t("competitions.setup.new.lead")}</p>}
      {editing && !p.editable && <Notice>{t("competitions.setup.problem.frozen")}</Notice>}
      <ErrorSummary form={f} labels={labels} anchor={(field) => (field === "tieBreak" ? "f-tieBreak.0" : `f-${field}`)} />
      <Form action={editing ? `/competitions/${p.id}/edit` : "/competitions"}>
        <fieldset disabled={editing && !p.editable}>
          <legend>{t("competitions.setup.group.basics")}</legend>
          {!editing && <Select name="organiserId" label={labels.organiserId} form={f} required options={p.organisers.map((o) => ({ value: o.id, label: o.name }))} />}
          <Field name="title" label={labels.title} form={f} required maxLength={p.limits.title} />
          <Field multiline name="summary" label={labels.summary} form={f} maxLength={p.limits.summary} hint={t("competitions.setup.hint.summary", { max: p.limits.summary })} />
          <Field multiline rows={12} name="rulesText" label={labels.rulesText} form={f} maxLength={p.limits.rulesText} hint={t("competitions.setup.hint.rulesText", { max: p.limits.rulesText })} />
        </fieldset>

        <fieldset disabled={editing && !p.editable}>
          <legend>{t("competitions.setup.group.entrants")}</legend>
          <fieldset class={`field${eligibilityError ? " field--error" : ""}`} aria-describedby={eligibilityError ? "f-eligibility-error" : "f-eligibility-hint"}>
            <legend>
              {labels.eligibility} <span class="field__req">({t("form.required")})</span>
            </legend>
            <p class="field__hint" id="f-eligibility-hint">
              {t("competitions.setup.hint.eligibility")}
            </p>
            {eligibilityError && (
              <p class="field__error" id="f-eligibility-error">
                {eligibilityError}
              </p>
            )}
            {p.entrantKinds.map((k, i) => {
              const id = i === 0 ? "f-eligibility" : `f-eligibility-${k}`;
              return (
                <div class="field--check" key={k}>
                  <input type="checkbox" id={id} name="eligibility" value={k} checked={eligibility.has(k)} aria-invalid={eligibilityError ? "true" : undefined} />
                  <label for={id}>{t(`competitions.entrant.${k}` as MessageKey)}</label>
                </div>
              );
            })}
          </fieldset>
          <Field type="number" inputMode="numeric" name="entryLimit" label={labels.entryLimit} form={f} required hint={`${t("competitions.setup.hint.entryLimit")} ${range(p.limits.entryLimit)}`} />
        </fieldset>

        <fieldset disabled={editing && !p.editable}>
          <legend>{t("competitions.setup.group.times")}</legend>
          <p class="field__hint">{t("competitions.setup.hint.times")}</p>
          {TIME_FIELDS.map((k) => (
            <Field key={k} type="datetime-local" name={k} label={labels[k]} form={f} required hint={t(`competitions.setup.hint.${k}` as MessageKey)} />
          ))}
        </fieldset>

        <fieldset disabled={editing && !p.editable}>
          <legend>{t("competitions.setup.group.evaluation")}</legend>
          <Field type="number" inputMode="numeric" name="minExperts" label={labels.minExperts} form={f} required hint={`${t("competitions.setup.hint.minExperts")} ${range(p.limits.minExperts)}`} />
          <Field type="number" name="spreadThreshold" label={labels.spreadThreshold} form={f} required hint={`${t("competitions.setup.hint.spreadThreshold")} ${range(p.limits.spreadThreshold)}`} />
          <Field type="number" inputMode="numeric" name="precision" label={labels.precision} form={f} required hint={`${t("competitions.setup.hint.precision")} ${range(p.limits.precision)}`} />
        </fieldset>

        <fieldset disabled={editing && !p.editable}>
          <legend>{t("competitions.setup.group.results")}</legend>
          <Field type="number" inputMode="numeric" name="juryWeight" label={labels.juryWeight} form={f} required hint={t("competitions.setup.hint.weights")} />
          <Field type="number" inputMode="numeric" name="publicWeight" label={labels.publicWeight} form={f} required hint={t("competitions.setup.hint.weights")} />
          <Select name="juryNormalisation" label={labels.juryNormalisation} form={f} required options={p.juryNormalisations.map((v) => ({ value: v, label: t(`competitions.juryNormalisation.${v}` as MessageKey) }))} />
          <Select name="publicNormalisation" label={labels.publicNormalisation} form={f} required options={p.publicNormalisations.map((v) => ({ value: v, label: t(`competitions.publicNormalisation.${v}` as MessageKey) }))} />
          <fieldset class={`field${tieError ? " field--error" : ""}`}>
            <legend>{labels.tieBreak}</legend>
            <p class="field__hint">{t("competitions.setup.hint.tieBreak")}</p>
            {tieError && <p class="field__error">{tieError}</p>}
            {[0, 1, 2].map((i) => (
              <Select key={i} id={`f-tieBreak.${i}`} name={`tieBreak.${i}`} label={labels[`tieBreak.${i}`]} form={f} required options={p.tieBreaks.map((v) => ({ value: v, label: t(`competitions.tieBreak.${v}` as MessageKey) }))} />
            ))}
          </fieldset>
          <Field type="number" inputMode="numeric" name="winners" label={labels.winners} form={f} required hint={`${t("competitions.setup.hint.winners")} ${range(p.limits.winners)}`} />
        </fieldset>
        {(!editing || p.editable) && (
          <p class="actions">
            <Button>{editing ? t("competitions.setup.edit.submit") : t("competitions.setup.new.submit")}</Button>
          </p>
        )}
      </Form>
      {editing && p.id && (
        <section aria-labelledby="attachments-title" id="attachments">
          <h2 id="attachments-title">{t("competitions.setup.edit.rulesDocument")}</h2>
          <p class="field__hint">{t("competitions.setup.hint.rulesDocument")}</p>
          {p.editable ? (
            <UploadForm ownerType="competition" ownerId={p.id} items={p.files ?? []} next={`/competitions/${p.id}/edit`} />
          ) : (
            <ul class="file-list">
              {(p.files ?? []).map((a) => (
                <li key={a.id}>
                  <a href={a.url}>{a.fileName}</a>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
