import type { FormState } from "../../page-data";
import type { MessageKey } from "../../i18n";
import { EmptyState } from "../../ui/blocks";
import { usePage } from "../../ui/context";
import { OrganiserPicker } from "./OrganiserPicker";
import { Button, ErrorSummary, Field, Form, Select } from "../../ui/Form";

export interface ModerationSettingsProps {
  organiserId: string;
  organiserName: string;
  organisers: { id: string; name: string }[];
  settingsForm: FormState<{ reportThreshold: string; staleAfterHours: string }>;
  templateForm: FormState<{ action: string; text: string }>;
  templates: { id: string; action: string; text: string }[];
  templateActions: string[];
  limits: { threshold: { min: number; max: number }; staleAfterHours: { min: number; max: number }; templateText: number };
}

/** An organiser admin's moderation settings: threshold, reminder age, reason templates. */
export function ModerationSettingsPage(p: ModerationSettingsProps) {
  const { t } = usePage();
  const labels = { reportThreshold: t("moderation.settings.threshold"), staleAfterHours: t("moderation.settings.stale") };
  const templateLabels = { action: t("moderation.settings.templateAction"), text: t("moderation.settings.templateText") };
  const q = `?organiser=${encodeURIComponent(p.organiserId)}`;
  return (
    <>
      <h1>
        {t("moderation.settings.title")}: {p.organiserName}
      </h1>
      <p class="lead">{t("moderation.settings.lead")}</p>
      <p>
        <a href={`/moderation${q}`}>{t("moderation.queue.title")}</a>
      </p>
      {p.organisers.length > 1 && (
        <OrganiserPicker action="/moderation/settings" organisers={p.organisers} selected={p.organiserId} />
      )}
      <ErrorSummary form={p.settingsForm} labels={labels} />
      <Form action={`/moderation/settings${q}`}>
        <Field
          name="reportThreshold"
          type="number"
          label={labels.reportThreshold}
          form={p.settingsForm}
          required
          hint={t("moderation.settings.thresholdHint", p.limits.threshold)}
        />
        <Field name="staleAfterHours" type="number" label={labels.staleAfterHours} form={p.settingsForm} required hint={t("moderation.settings.staleHint", p.limits.staleAfterHours)} />
        <Button>{t("moderation.settings.save")}</Button>
      </Form>
      <section aria-labelledby="templates">
        <h2 id="templates">{t("moderation.settings.templates")}</h2>
        {p.templates.length === 0 ? (
          <EmptyState>{t("moderation.settings.templatesEmpty")}</EmptyState>
        ) : (
          <ul>
            {p.templates.map((x) => (
              <li key={x.id}>
                <strong>{t(`moderation.action.${x.action}` as MessageKey)}:</strong> {x.text}{" "}
                <Form action={`/moderation/settings/templates/${x.id}/delete`} class="inline-form">
                  <button type="submit" class="linklike" aria-label={`${t("moderation.settings.templateRemove")}: ${x.text}`}>
                    {t("moderation.settings.templateRemove")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <h3>{t("moderation.settings.templateAdd")}</h3>
        <ErrorSummary form={p.templateForm} labels={templateLabels} />
        <Form action={`/moderation/settings/templates${q}`}>
          <Select
            name="action"
            label={templateLabels.action}
            form={p.templateForm}
            required
            options={p.templateActions.map((a) => ({ value: a, label: t(`moderation.action.${a}` as MessageKey) }))}
          />
          <Field name="text" label={templateLabels.text} form={p.templateForm} required maxLength={p.limits.templateText} />
          <Button>{t("moderation.settings.templateAdd")}</Button>
        </Form>
      </section>
    </>
  );
}
