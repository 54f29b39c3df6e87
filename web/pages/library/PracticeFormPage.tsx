import type { FormState } from "../../page-data";
import { usePage } from "../../ui/context";
import { Button, ErrorSummary, Field, Form, Select } from "../../ui/Form";

export interface PracticeFormProps {
  form: FormState<Record<string, string>>;
  /** The organisers whose library this person manages (a choice only when there are several). */
  organisers: { id: string; name: string }[];
  /** The server's limits (worker/library/dto.ts LIMITS), shown in hints and maxlength. */
  limits: { title: number; place: number; theme: number; longText: number; period: number; firstYear: number; lastYear: number };
}

/** An organiser adds a practice by hand; works without JavaScript. */
export function PracticeFormPage(p: PracticeFormProps) {
  const { t } = usePage();
  const L = p.limits;
  const max = (n: number) => t("library.form.maxChars", { max: n });
  const labels: Record<string, string> = {
    organiserId: t("library.form.organiser"),
    title: t("library.form.title.label"),
    city: t("library.form.city"),
    country: t("library.form.country"),
    theme: t("library.form.theme"),
    year: t("library.form.year"),
    problem: t("library.form.problem"),
    actions: t("library.form.actions"),
    results: t("library.form.results"),
    period: t("library.form.period"),
    budget: t("library.form.budget"),
  };
  const single = p.organisers.length === 1 ? p.organisers[0] : null;
  return (
    <>
      <h1>{t("library.form.title")}</h1>
      <p class="lead">{t("library.form.lead")}</p>
      <Form action="/library/new">
        <ErrorSummary form={p.form} labels={labels} />
        {single ? (
          <>
            <input type="hidden" name="organiserId" value={single.id} />
            <p>
              {labels.organiserId}: {single.name}
            </p>
          </>
        ) : (
          <Select name="organiserId" label={labels.organiserId} form={p.form} required options={[{ value: "", label: "—" }, ...p.organisers.map((o) => ({ value: o.id, label: o.name }))]} />
        )}
        <Field name="title" label={labels.title} form={p.form} required maxLength={L.title} hint={max(L.title)} />
        <Field name="city" label={labels.city} form={p.form} required maxLength={L.place} autocomplete="address-level2" />
        <Field name="country" label={labels.country} form={p.form} maxLength={L.place} autocomplete="country-name" />
        <Field name="theme" label={labels.theme} form={p.form} maxLength={L.theme} hint={t("library.form.themeHint")} />
        <Field name="year" label={labels.year} form={p.form} required inputMode="numeric" size={6} maxLength={4} hint={t("library.form.yearHint", { min: L.firstYear, max: L.lastYear })} />
        <Field name="problem" label={labels.problem} form={p.form} required multiline rows={5} maxLength={L.longText} hint={max(L.longText)} />
        <Field name="actions" label={labels.actions} form={p.form} required multiline rows={6} maxLength={L.longText} hint={max(L.longText)} />
        <Field name="results" label={labels.results} form={p.form} required multiline rows={5} maxLength={L.longText} hint={`${t("library.form.resultsHint")}. ${max(L.longText)}`} />
        <Field name="period" label={labels.period} form={p.form} maxLength={L.period} hint={t("library.form.periodHint")} />
        <Field name="budget" label={labels.budget} form={p.form} inputMode="numeric" hint={t("library.form.budgetHint")} />
        <Button>{t("library.form.submit")}</Button>
      </Form>
    </>
  );
}
