import { formatDateTime } from "../../../i18n";
import type { FormState } from "../../../page-data";
import { Notice } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, ErrorSummary, Field, Form } from "../../../ui/Form";
import { ACCEPT } from "./accept";

export interface NextVersionProps {
  consultation: { id: string; title: string; currentVersion: number; closesAt: number };
  /** Remarks on the current version are still being accepted (the window is open). */
  windowOpen: boolean;
  /** A draft already exists (its number): only one at a time. */
  draftNumber: number | null;
  form: FormState<Record<string, string>>;
  limits: { textChars: number; fileKb: number };
}

/** Starting the draft of the next version: from a copy of the current one, or from a new text. */
export function NextVersionPage(p: NextVersionProps) {
  const { t, locale } = usePage();
  const c = p.consultation;
  const base = `/consultations/${c.id}`;
  const num = (n: number) => new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB").format(n);
  const labels = { from: t("consultations.drafting.version.from"), text: t("consultations.drafting.f.text"), file: t("consultations.drafting.f.file") };
  const from = p.form.values.from ?? "current";
  const fromError = p.form.errors.find((e) => e.field === "from")?.reason;
  return (
    <>
      <h1>{t("consultations.drafting.version.title")}</h1>
      <p class="lead">{c.title}</p>
      {p.draftNumber !== null ? (
        <>
          <Notice>{t("consultations.drafting.version.exists", { n: p.draftNumber })}</Notice>
          <p>
            <a href={`${base}/draft`}>{t("consultations.drafting.links.draft")}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t("consultations.drafting.version.lead", { n: c.currentVersion + 1, current: c.currentVersion })}</p>
          {p.windowOpen && <Notice>{t("consultations.drafting.version.open", { current: c.currentVersion, closes: formatDateTime(locale, c.closesAt) })}</Notice>}
          <ErrorSummary form={p.form} labels={labels} />
          <Form action={`${base}/versions`} enctype="multipart/form-data">
            <fieldset id="f-from" aria-describedby={fromError ? "f-from-error" : undefined}>
              <legend>{labels.from}</legend>
              {fromError && (
                <p class="field__error" id="f-from-error">
                  {fromError}
                </p>
              )}
              <div class="field field--check">
                <input type="radio" id="f-from-current" name="from" value="current" checked={from === "current"} />
                <label for="f-from-current">{t("consultations.drafting.version.fromCurrent", { current: c.currentVersion })}</label>
              </div>
              <div class="field field--check">
                <input type="radio" id="f-from-text" name="from" value="text" checked={from === "text"} />
                <label for="f-from-text">{t("consultations.drafting.version.fromText")}</label>
              </div>
            </fieldset>
            <Field multiline id="f-text" name="text" label={labels.text} form={p.form} rows={12} hint={t("consultations.drafting.hint.text", { max: num(p.limits.textChars) })} maxLength={p.limits.textChars} />
            <Field type="file" id="f-file" name="file" label={labels.file} form={p.form} accept={ACCEPT} hint={t("consultations.drafting.hint.file", { max: num(p.limits.fileKb) })} />
            <p class="actions">
              <Button>{t("consultations.drafting.version.submit")}</Button>
            </p>
          </Form>
        </>
      )}
    </>
  );
}
