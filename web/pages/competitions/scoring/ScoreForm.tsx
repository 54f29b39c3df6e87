import type { FormState } from "../../../page-data";
import { usePage } from "../../../ui/context";
import { Button, Checkbox, ErrorSummary, Field, Form } from "../../../ui/Form";
import type { CriterionView } from "./props";

type Values = FormState<Record<string, string>>;

/** Where the error summary's link for a field lands: the criterion's first radio (or its select), its comment, the confirmation. */
export const fieldAnchor = (field: string) => (field.startsWith("scores.") ? `f-score-${field.slice(7)}` : field.startsWith("comments.") ? `f-comment-${field.slice(9)}` : `f-${field}`);

const errorOf = (form: Values, field: string) => form.errors.find((e) => e.field === field)?.reason;

/**
 * The scoring form: one fieldset per criterion (its name as the legend; its description, weight,
 * scale and comment rule tied to the group), the scale as radio buttons — arrow keys move between
 * them — or, for a wide scale, a select; the comment with its rule. Two buttons: save a draft (the
 * default for Enter: the safe one) and submit, which needs the box "submitted scores are final"
 * ticked — a confirmation that works without JavaScript and that a screen reader announces.
 */
export function ScoreForm(p: { action: string; criteria: CriterionView[]; weightSum: number; form: Values; radioLevelsMax: number; commentMax: number }) {
  const { t } = usePage();
  const labels: Record<string, string> = { confirmFinal: t("competitions.scoring.form.confirm") };
  p.criteria.forEach((c, i) => {
    labels[`scores.${c.id}`] = `${i + 1}. ${c.name}`;
    labels[`comments.${c.id}`] = t("competitions.scoring.form.commentOf", { name: c.name });
  });
  return (
    <section aria-labelledby="score-form-title" class="score-form">
      <h2 id="score-form-title">{t("competitions.scoring.form.heading")}</h2>
      <ErrorSummary form={p.form} labels={labels} anchor={fieldAnchor} />
      <Form action={p.action}>
        {p.criteria.map((c, i) => (
          <CriterionFieldset key={c.id} c={c} n={i + 1} weightSum={p.weightSum} form={p.form} radioLevelsMax={p.radioLevelsMax} commentMax={p.commentMax} />
        ))}
        <p>{t("competitions.scoring.form.finalNote")}</p>
        <Checkbox name="confirmFinal" label={labels.confirmFinal} form={p.form} checked={p.form.values.confirmFinal === "on"} />
        <div class="actions">
          <Button kind="secondary" name="action" value="draft">
            {t("competitions.scoring.form.saveDraft")}
          </Button>
          <Button name="action" value="submit">
            {t("competitions.scoring.form.submit")}
          </Button>
        </div>
      </Form>
    </section>
  );
}

function CriterionFieldset(p: { c: CriterionView; n: number; weightSum: number; form: Values; radioLevelsMax: number; commentMax: number }) {
  const { t } = usePage();
  const c = p.c;
  const id = `f-score-${c.id}`;
  const name = `score.${c.id}`;
  const error = errorOf(p.form, `scores.${c.id}`);
  const descId = `criterion-${c.id}-about`;
  const chosen = p.form.values[name] ?? "";
  const meaning = new Map(c.levels.map((l) => [l.score, l.text]));
  const scale = Array.from({ length: c.scaleMax - c.scaleMin + 1 }, (_, i) => c.scaleMin + i);
  const radios = scale.length <= p.radioLevelsMax;
  const rule = c.commentBelow !== null ? t("competitions.scoring.form.commentBelow", { below: c.commentBelow }) : t("competitions.scoring.form.commentOptional");
  return (
    <fieldset class={`criterion${error ? " field--error" : ""}`} aria-describedby={[descId, error && `${id}-error`].filter(Boolean).join(" ")}>
      <legend>
        {p.n}. {c.name}
      </legend>
      <div id={descId}>
        {c.description && <p class="pre-line">{c.description}</p>}
        <p class="field__hint">
          {t("competitions.scoring.weight", { weight: c.weight, total: p.weightSum })} · {t("competitions.scoring.scale", { min: c.scaleMin, max: c.scaleMax })} · {rule}
        </p>
      </div>
      {error && (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {radios ? (
        <div class="scale">
          {scale.map((v, i) => {
            const rid = i === 0 ? id : `${id}-${v}`;
            const text = meaning.get(v);
            return (
              <div class="field field--check" key={v}>
                <input type="radio" id={rid} name={name} value={String(v)} checked={chosen === String(v)} aria-invalid={error ? "true" : undefined} />
                <label for={rid}>
                  <strong>{v}</strong>
                  {text && <span class="radio-hint">{text}</span>}
                </label>
              </div>
            );
          })}
        </div>
      ) : (
        <div class="field">
          <label for={id}>{t("competitions.scoring.form.score")}</label>
          <select id={id} name={name} aria-invalid={error ? "true" : undefined} aria-describedby={error ? `${id}-error` : undefined}>
            <option value="">{t("competitions.scoring.form.notScored")}</option>
            {scale.map((v) => (
              <option key={v} value={String(v)} selected={chosen === String(v)}>
                {meaning.get(v) ? `${v} — ${meaning.get(v)}` : String(v)}
              </option>
            ))}
          </select>
        </div>
      )}
      <Field
        multiline
        name={`comment.${c.id}`}
        id={`f-comment-${c.id}`}
        label={t("competitions.scoring.form.commentOf", { name: c.name })}
        hint={`${rule}. ${t("competitions.scoring.form.commentMax", { max: p.commentMax })}`}
        form={p.form}
        clientError={errorOf(p.form, `comments.${c.id}`)}
        maxLength={p.commentMax}
        rows={3}
      />
    </fieldset>
  );
}
