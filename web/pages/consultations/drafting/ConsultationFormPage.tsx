import type { FormState } from "../../../page-data";
import { Notice } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, ErrorSummary, Field, Form, Select } from "../../../ui/Form";
import { ACCEPT } from "./accept";

/** Limits as the form shows them (the server's CONSULTATION_LIMITS and IMPORT_LIMITS are the rule). */
export interface DraftingLimits {
  title: number;
  adoptingBody: number;
  description: number;
  textChars: number;
  fileKb: number;
}

export interface ConsultationFormProps {
  mode: "new" | "edit";
  /** Editing: the consultation. */
  id?: string;
  /** New: the organisers the person administers (none: they may not create). */
  organisers: { id: string; name: string }[];
  form: FormState<Record<string, string>>;
  limits: DraftingLimits;
  /** Editing: whether a draft version exists (the editor is linked) and whether anything is published. */
  hasDraft?: boolean;
  published?: boolean;
}

/**
 * A new consultation (its properties and the draft's text, pasted or uploaded; a multipart form so
 * a file can come along) or the edit of its properties. Times are typed in Moscow time.
 */
export function ConsultationFormPage(p: ConsultationFormProps) {
  const { t, locale } = usePage();
  const f = p.form;
  const num = (n: number) => new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB").format(n);
  const labels: Record<string, string> = {
    organiserId: t("consultations.drafting.f.organiserId"),
    title: t("consultations.drafting.f.title"),
    adoptingBody: t("consultations.drafting.f.adoptingBody"),
    description: t("consultations.drafting.f.description"),
    opensAt: t("consultations.drafting.f.opensAt"),
    closesAt: t("consultations.drafting.f.closesAt"),
    text: t("consultations.drafting.f.text"),
    file: t("consultations.drafting.f.file"),
  };
  if (p.mode === "new" && p.organisers.length === 0) {
    return (
      <>
        <h1>{t("consultations.drafting.new.title")}</h1>
        <Notice>{t("consultations.drafting.new.noOrganiser")}</Notice>
      </>
    );
  }
  const editing = p.mode === "edit";
  return (
    <>
      <h1>{editing ? t("consultations.drafting.edit.title") : t("consultations.drafting.new.title")}</h1>
      {!editing && <p class="lead">{t("consultations.drafting.new.lead")}</p>}
      {editing && p.id && (
        <p class="actions">
          {p.hasDraft && <a href={`/consultations/${p.id}/draft`}>{t("consultations.drafting.links.draft")}</a>}
          {p.published && <a href={`/consultations/${p.id}`}>{t("consultations.drafting.links.document")}</a>}
        </p>
      )}
      <ErrorSummary form={f} labels={labels} />
      <Form action={editing ? `/consultations/${p.id}/edit` : "/consultations"} enctype={editing ? undefined : "multipart/form-data"}>
        {!editing && <Select id="f-organiserId" name="organiserId" label={labels.organiserId} form={f} required options={p.organisers.map((o) => ({ value: o.id, label: o.name }))} />}
        <Field id="f-title" name="title" label={labels.title} form={f} required maxLength={p.limits.title} />
        <Field id="f-adoptingBody" name="adoptingBody" label={labels.adoptingBody} form={f} hint={t("consultations.drafting.hint.adoptingBody")} maxLength={p.limits.adoptingBody} />
        <Field multiline id="f-description" name="description" label={labels.description} form={f} maxLength={p.limits.description} />
        <fieldset>
          <legend>{t("consultations.drafting.f.window")}</legend>
          <Field type="datetime-local" id="f-opensAt" name="opensAt" label={labels.opensAt} form={f} required />
          <Field type="datetime-local" id="f-closesAt" name="closesAt" label={labels.closesAt} form={f} required />
        </fieldset>
        {!editing && (
          <>
            <Field multiline id="f-text" name="text" label={labels.text} form={f} rows={16} hint={t("consultations.drafting.hint.text", { max: num(p.limits.textChars) })} maxLength={p.limits.textChars} />
            <Field type="file" id="f-file" name="file" label={labels.file} form={f} accept={ACCEPT} hint={t("consultations.drafting.hint.file", { max: num(p.limits.fileKb) })} />
          </>
        )}
        <p class="actions">
          <Button>{editing ? t("consultations.drafting.edit.submit") : t("consultations.drafting.new.submit")}</Button>
        </p>
      </Form>
    </>
  );
}
