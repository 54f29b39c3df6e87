import type { FormState } from "../../../page-data";
import { Notice } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, ErrorSummary, Field, Form } from "../../../ui/Form";
import type { CriterionProps } from "./CompetitionPage";
import { CriteriaTable } from "./CompetitionPage";
import { ItemTools, type FailedItemForm, type SetupListHead } from "./NominationsPage";
import { Crumbs } from "../parts";

export interface CriteriaPageProps {
  competition: SetupListHead;
  /** `levelsText`: the levels as the textarea shows them («балл — текст» per line). */
  items: (CriterionProps & { levelsText: string })[];
  failed: FailedItemForm | null;
  limits: { count: number; name: number; description: number; weight: { min: number; max: number }; scale: { min: number; max: number }; levelText: number };
}

const empty: FormState<Record<string, string>> = { values: {}, errors: [] };
export const NEW_CRITERION = { weight: "10", scaleMin: "0", scaleMax: "10", levels: "", commentBelow: "" };

function CriterionFields({ prefix, form, limits }: { prefix: string; form: FormState<Record<string, string>>; limits: CriteriaPageProps["limits"] }) {
  const { t } = usePage();
  const id = (k: string) => `f-${prefix}-${k}`;
  return (
    <>
      <Field id={id("name")} name="name" label={t("competitions.setup.f.criterionName")} form={form} required maxLength={limits.name} hint={t("competitions.setup.hint.upTo", { max: limits.name })} />
      <Field id={id("description")} multiline name="description" label={t("competitions.setup.f.criterionDescription")} form={form} maxLength={limits.description} hint={t("competitions.setup.hint.upTo", { max: limits.description })} />
      <Field id={id("weight")} type="number" inputMode="numeric" name="weight" label={t("competitions.setup.f.weight")} form={form} required hint={t("competitions.setup.hint.weight", { min: limits.weight.min, max: limits.weight.max })} />
      <fieldset>
        <legend>{t("competitions.setup.f.scale")}</legend>
        <Field id={id("scaleMin")} type="number" inputMode="numeric" name="scaleMin" label={t("competitions.setup.f.scaleMin")} form={form} required hint={t("competitions.setup.hint.range", limits.scale)} />
        <Field id={id("scaleMax")} type="number" inputMode="numeric" name="scaleMax" label={t("competitions.setup.f.scaleMax")} form={form} required hint={t("competitions.setup.hint.scaleMax")} />
      </fieldset>
      <Field id={id("levels")} multiline rows={5} name="levels" label={t("competitions.setup.f.levels")} form={form} hint={t("competitions.setup.hint.levels", { max: limits.levelText })} />
      <Field id={id("commentBelow")} type="number" inputMode="numeric" name="commentBelow" label={t("competitions.setup.f.commentBelow")} form={form} hint={t("competitions.setup.hint.commentBelow")} />
    </>
  );
}

export function criterionLabels(t: (k: any) => string): Record<string, string> {
  return {
    name: t("competitions.setup.f.criterionName"),
    description: t("competitions.setup.f.criterionDescription"),
    weight: t("competitions.setup.f.weight"),
    scaleMin: t("competitions.setup.f.scaleMin"),
    scaleMax: t("competitions.setup.f.scaleMax"),
    levels: t("competitions.setup.f.levels"),
    commentBelow: t("competitions.setup.f.commentBelow"),
  };
}

/** The criteria of a competition in order: edit each (scale, level descriptions, comment threshold), move, delete, add. */
export function CriteriaPage(p: CriteriaPageProps) {
  const { t } = usePage();
  const c = p.competition;
  const base = `/competitions/${c.id}/criteria`;
  const formOf = (item: string) => (p.failed?.item === item ? p.failed.form : null);
  return (
    <>
      <Crumbs competition={c} />
      <h1>{t("competitions.setup.criteria.title")}</h1>
      <p class="lead">{t("competitions.setup.criteria.lead", { max: p.limits.count })}</p>
      {!c.editable && <Notice>{t("competitions.setup.problem.frozen")}</Notice>}
      {p.failed && <ErrorSummary form={p.failed.form} labels={criterionLabels(t)} anchor={(f) => `f-${p.failed!.item}-${f}`} />}
      {p.items.length === 0 && <p>{t("competitions.setup.criteria.none")}</p>}
      {!c.editable && p.items.length > 0 && <CriteriaTable criteria={p.items} />}
      {c.editable && (
        <ol class="cards">
          {p.items.map((k, i) => {
            const form = formOf(k.id) ?? {
              values: { name: k.name, description: k.description, weight: String(k.weight), scaleMin: String(k.scaleMin), scaleMax: String(k.scaleMax), levels: k.levelsText, commentBelow: k.commentBelow === null ? "" : String(k.commentBelow) },
              errors: [],
            };
            return (
              <li key={k.id} id={`k-${k.id}`}>
                <section class="card" aria-labelledby={`k-${k.id}-h`}>
                  <h2 class="card__title" id={`k-${k.id}-h`}>
                    {i + 1}. {k.name}
                  </h2>
                  <p class="meta-line">{t("competitions.setup.page.weightShare", { weight: k.weight, share: k.share })}</p>
                  <Form action={`${base}/${k.id}`}>
                    <CriterionFields prefix={k.id} form={form} limits={p.limits} />
                    <Button kind="secondary">{t("competitions.setup.list.save")}</Button>
                  </Form>
                  <ItemTools action={`${base}/${k.id}`} name={k.name} first={i === 0} last={i === p.items.length - 1} />
                </section>
              </li>
            );
          })}
        </ol>
      )}
      {c.editable &&
        (p.items.length < p.limits.count ? (
          <section aria-labelledby="new-title" class="card">
            <h2 id="new-title">{t("competitions.setup.criteria.add")}</h2>
            <Form action={base}>
              <CriterionFields prefix="new" form={formOf("new") ?? { ...empty, values: NEW_CRITERION }} limits={p.limits} />
              <Button>{t("competitions.setup.criteria.addSubmit")}</Button>
            </Form>
          </section>
        ) : (
          <Notice>{t("competitions.setup.problem.tooManyCriteria")}</Notice>
        ))}
    </>
  );
}
