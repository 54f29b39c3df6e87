import type { FormState } from "../../page-data";
import type { MessageKey } from "../../i18n";
import { usePage } from "../../ui/context";
import { Button, ErrorSummary, Field, Form } from "../../ui/Form";

export const REPORT_REASON_IDS = ["spam", "insult", "personal_data", "off_topic", "illegal", "other"] as const;

export interface ReportProps {
  targetType: "proposal" | "comment" | "remark" | "entry";
  targetId: string;
  label: string;
  backUrl: string;
  maxDetails: number;
  form: FormState<{ reason: string; details: string }>;
}

/** Report a proposal or a comment: reasons as a radio group in a fieldset, details in a labelled textarea. Works without JS. */
export function ReportPage(p: ReportProps) {
  const { t } = usePage();
  const labels = { reason: t("moderation.report.reasonLegend"), details: t("moderation.report.details") };
  const chosen = p.form.values.reason ?? "";
  const reasonError = p.form.errors.find((e) => e.field === "reason")?.reason;
  return (
    <>
      <h1>{t("moderation.report.title")}</h1>
      <p class="lead">{t("moderation.report.lead")}</p>
      <p>{t("moderation.report.about", { kind: t(`moderation.target.${p.targetType}` as MessageKey).toLowerCase(), label: p.label })}</p>
      <ErrorSummary form={p.form} labels={labels} />
      <Form action="/report">
        <input type="hidden" name="targetType" value={p.targetType} />
        <input type="hidden" name="targetId" value={p.targetId} />
        <fieldset id="f-reason" aria-describedby={reasonError ? "f-reason-error" : undefined}>
          <legend>
            {labels.reason} <span class="field__req">({t("form.required")})</span>
          </legend>
          {reasonError && (
            <p class="field__error" id="f-reason-error">
              {reasonError}
            </p>
          )}
          {REPORT_REASON_IDS.map((r) => (
            <div class="field field--check" key={r}>
              <input type="radio" id={`f-reason-${r}`} name="reason" value={r} checked={chosen === r} required />
              <label for={`f-reason-${r}`}>{t(`moderation.reason.${r}` as MessageKey)}</label>
            </div>
          ))}
        </fieldset>
        <Field name="details" label={labels.details} form={p.form} multiline maxLength={p.maxDetails} hint={t("moderation.report.detailsHint", { max: p.maxDetails })} />
        <Button>{t("moderation.report.submit")}</Button>
      </Form>
      <p>
        <a href={p.backUrl}>{t("moderation.report.back")}</a>
      </p>
    </>
  );
}
