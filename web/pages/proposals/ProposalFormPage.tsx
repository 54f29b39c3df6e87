import type { FormState } from "../../page-data";
import { Notice } from "../../ui/blocks";
import { usePage } from "../../ui/context";
import { Button, ErrorSummary, Field, Form, Select } from "../../ui/Form";
import type { AttachmentView } from "../attachments/types";
import { UploadForm } from "../attachments/UploadForm";

/** Field limits as the form shows them (the server's LIMITS in worker/proposals/dto.ts are the rule). */
const MAX = { title: 200, summary: 500, longText: 5000, task: 500, tasks: 20, place: 100, team: 3000, money: 1_000_000_000 };

export interface ProposalFormProps {
  mode: "pick" | "new" | "edit";
  /** The proposal being edited. */
  id?: string;
  returned?: boolean;
  organiserId: string;
  organiserName: string;
  organisers: { id: string; name: string }[];
  themes: { slug: string; name: string }[];
  organisations: { id: string; name: string }[];
  form: FormState<Record<string, string>>;
  /** Editing: the proposal's files (photos, PDF), managed by the attachments module's own forms. */
  files?: AttachmentView[];
}

/**
 * A new proposal or the edit of a draft. Without JavaScript: the organiser is chosen first (a GET
 * form), because the list of themes is the organiser's; the tasks are one per line of a textarea.
 */
export function ProposalFormPage(p: ProposalFormProps) {
  const { t, locale } = usePage();
  const money = new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB").format(MAX.money);
  const labels: Record<string, string> = {
    organiserId: t("proposals.f.organiserId"),
    organisationId: t("proposals.f.organisationId"),
    title: t("proposals.f.title"),
    summary: t("proposals.f.summary"),
    problem: t("proposals.f.problem"),
    goal: t("proposals.f.goal"),
    tasks: t("proposals.f.tasks"),
    expectedResults: t("proposals.f.expectedResults"),
    city: t("proposals.f.city"),
    district: t("proposals.f.district"),
    tos: t("proposals.f.tos"),
    theme: t("proposals.f.theme"),
    beneficiaries: t("proposals.f.beneficiaries"),
    budgetRequested: t("proposals.f.budgetRequested"),
    cofinancing: t("proposals.f.cofinancing"),
    startDate: t("proposals.f.startDate"),
    endDate: t("proposals.f.endDate"),
    team: t("proposals.f.team"),
  };
  if (p.mode === "pick") {
    return (
      <>
        <h1>{t("proposals.new.title")}</h1>
        <form method="get" action="/proposals/new" class="form">
          <div class="field">
            <label for="f-organiser">{t("proposals.new.pickOrganiser")}</label>
            <select id="f-organiser" name="organiser" required>
              {p.organisers.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <Button>{t("proposals.new.next")}</Button>
        </form>
      </>
    );
  }
  const f = p.form;
  const action = p.mode === "edit" ? `/proposals/${p.id}/edit` : "/proposals";
  return (
    <>
      <h1>{p.mode === "edit" ? t("proposals.edit.title") : t("proposals.new.title")}</h1>
      {p.returned && <Notice>{t("proposals.edit.returned")}</Notice>}
      <p class="lead">{t("proposals.new.lead")}</p>
      <ErrorSummary form={f} labels={labels} />
      <Form action={action}>
        <input type="hidden" name="organiserId" value={p.organiserId} />
        <p>
          <strong>{labels.organiserId}:</strong> {p.organiserName}
        </p>
        {p.organisations.length > 0 && (
          <Select
            name="organisationId"
            label={labels.organisationId}
            form={f}
            options={[{ value: "", label: t("proposals.f.ownBehalf") }, ...p.organisations.map((o) => ({ value: o.id, label: o.name }))]}
          />
        )}
        <Field name="title" label={labels.title} form={f} required maxLength={MAX.title} />
        <Field name="summary" label={labels.summary} form={f} required multiline maxLength={MAX.summary} />
        <Select name="theme" label={labels.theme} form={f} required options={[{ value: "", label: t("proposals.f.chooseTheme") }, ...p.themes.map((x) => ({ value: x.slug, label: x.name }))]} />
        <Field name="problem" label={labels.problem} form={f} required multiline maxLength={MAX.longText} />
        <Field name="goal" label={labels.goal} form={f} required multiline maxLength={MAX.longText} />
        <Field name="tasks" label={labels.tasks} form={f} required multiline hint={t("proposals.hint.tasks", { max: MAX.tasks })} maxLength={MAX.tasks * (MAX.task + 2)} />
        <Field name="expectedResults" label={labels.expectedResults} form={f} required multiline maxLength={MAX.longText} />
        <fieldset>
          <legend>{t("proposals.section.territory")}</legend>
          <Field name="city" label={labels.city} form={f} required maxLength={MAX.place} autocomplete="address-level2" />
          <Field name="district" label={labels.district} form={f} maxLength={MAX.place} />
          <Field name="tos" label={labels.tos} form={f} maxLength={MAX.place} hint={t("proposals.hint.tos")} />
        </fieldset>
        <fieldset>
          <legend>{t("proposals.section.money")}</legend>
          <Field name="beneficiaries" label={labels.beneficiaries} form={f} required maxLength={12} />
          <Field name="budgetRequested" label={labels.budgetRequested} form={f} required maxLength={16} hint={t("proposals.hint.money", { max: money })} />
          <Field name="cofinancing" label={labels.cofinancing} form={f} maxLength={16} hint={t("proposals.hint.money", { max: money })} />
          <Field name="startDate" label={labels.startDate} form={f} required maxLength={10} hint={t("proposals.hint.date")} />
          <Field name="endDate" label={labels.endDate} form={f} required maxLength={10} hint={t("proposals.hint.date")} />
        </fieldset>
        <Field name="team" label={labels.team} form={f} required multiline maxLength={MAX.team} />
        <p class="actions">
          <Button kind="secondary" name="intent" value="draft">
            {t("proposals.saveDraft")}
          </Button>
          <Button name="intent" value="submit">
            {t("proposals.submit")}
          </Button>
        </p>
      </Form>
      {p.mode === "edit" && p.id && p.files && (
        <section aria-labelledby="files-title">
          <h2 id="files-title">{t("proposals.attachments")}</h2>
          <UploadForm ownerType="proposal" ownerId={p.id} items={p.files} next={`/proposals/${p.id}/edit`} />
        </section>
      )}
    </>
  );
}
