import type { FormState } from "../../../page-data";
import { Notice } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, Checkbox, ErrorSummary, Field, Form } from "../../../ui/Form";
import { ACCEPT } from "./accept";

export interface DraftTextProps {
  consultation: { id: string; title: string };
  draftNumber: number;
  form: FormState<Record<string, string>>;
  limits: { textChars: number; fileKb: number };
}

/** Replacing the draft's whole text (pasted or uploaded): every edit is lost, so a box must be ticked first. */
export function DraftTextPage(p: DraftTextProps) {
  const { t, locale } = usePage();
  const num = (n: number) => new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB").format(n);
  const labels = { text: t("consultations.drafting.f.text"), file: t("consultations.drafting.f.file"), confirm: t("consultations.drafting.replace.confirm") };
  const base = `/consultations/${p.consultation.id}`;
  return (
    <>
      <h1>{t("consultations.drafting.replace.title")}</h1>
      <p class="lead">
        {p.consultation.title} · {t("consultations.version.draft", { n: p.draftNumber })}
      </p>
      <Notice>{t("consultations.drafting.replace.lead")}</Notice>
      <ErrorSummary form={p.form} labels={labels} />
      <Form action={`${base}/draft/text`} enctype="multipart/form-data">
        <Field multiline id="f-text" name="text" label={labels.text} form={p.form} rows={16} hint={t("consultations.drafting.hint.text", { max: num(p.limits.textChars) })} maxLength={p.limits.textChars} />
        <Field type="file" id="f-file" name="file" label={labels.file} form={p.form} accept={ACCEPT} hint={t("consultations.drafting.hint.file", { max: num(p.limits.fileKb) })} />
        <Checkbox name="confirm" label={labels.confirm} form={p.form} checked={p.form.values.confirm === "on"} />
        <p class="actions">
          <Button kind="danger">{t("consultations.drafting.replace.submit")}</Button>
          <a href={`${base}/draft`}>{t("consultations.drafting.links.draft")}</a>
        </p>
      </Form>
    </>
  );
}
