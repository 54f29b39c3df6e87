import type { MessageKey } from "../../../i18n";
import { formatDateTime } from "../../../i18n";
import { usePage } from "../../../ui/context";
import { Button, ErrorSummary, Field, Form, Select } from "../../../ui/Form";
import type { RemarkFormGate, RemarkFormProps } from "./props";

/**
 * The remark form: the kind as a radio group (each with what it means), the text, the proposed text,
 * how to be shown. One plain form, no JavaScript needed; the rules say which text each kind needs and
 * the server answers field by field.
 */
export function RemarkForm(p: RemarkFormProps) {
  const { t } = usePage();
  const v = p.form.values;
  const err = (f: string) => p.form.errors.find((e) => e.field === f)?.reason;
  const labels = {
    kind: t("consultations.remarks.kind"),
    body: t("consultations.remarks.form.body"),
    proposedText: t("consultations.remarks.form.proposedText"),
    shownAs: t("consultations.remarks.form.shownAs"),
    organisationId: t("consultations.remarks.form.organisation"),
    clauseId: t("consultations.remarks.clauseText"),
  };
  const kind = v.kind ?? "";
  const shownAs = v.shownAs || "name";
  const shownOptions = ["name", ...(p.organisations.length ? ["organisation"] : []), "anonymous"] as const;
  const proposing = p.kinds.includes("wording") || p.kinds.includes("new_clause");
  return (
    <section class="remark-form" aria-labelledby="remark-form-title">
      <h2 id="remark-form-title">{t("consultations.remarks.form.heading")}</h2>
      <ErrorSummary form={p.form} labels={labels} />
      <Form action={p.action}>
        {p.clauseId && <input type="hidden" name="clauseId" value={p.clauseId} />}
        <RadioGroup
          name="kind"
          legend={labels.kind}
          error={err("kind")}
          required
          options={p.kinds.map((k) => ({ value: k, label: t(`consultations.remarkKind.${k}` as MessageKey), hint: t(`consultations.remarks.form.kind.${k}.hint` as MessageKey) }))}
          chosen={kind}
        />
        <Field multiline name="body" label={labels.body} form={p.form} hint={t("consultations.remarks.form.body.hint", { max: p.bodyMax })} maxLength={p.bodyMax} rows={5} />
        {proposing && (
          <Field multiline name="proposedText" label={labels.proposedText} form={p.form} hint={t("consultations.remarks.form.proposedText.hint", { max: p.proposedTextMax })} maxLength={p.proposedTextMax} rows={6} />
        )}
        <RadioGroup
          name="shownAs"
          legend={labels.shownAs}
          error={err("shownAs")}
          options={shownOptions.map((s) => ({ value: s, label: t(`consultations.shownAs.${s}` as MessageKey), hint: s === "anonymous" ? t("consultations.remarks.form.shownAs.anonymousHint") : undefined }))}
          chosen={shownAs}
        />
        {p.organisations.length > 0 && <Select name="organisationId" label={labels.organisationId} form={p.form} options={p.organisations.map((o) => ({ value: o.id, label: o.name }))} />}
        <p class="field__hint">{t("consultations.remarks.form.noEditing")}</p>
        <Button>{t("consultations.remarks.form.submit")}</Button>
      </Form>
    </section>
  );
}

function RadioGroup(p: { name: string; legend: string; error?: string; required?: boolean; options: { value: string; label: string; hint?: string }[]; chosen: string }) {
  const { t } = usePage();
  const errId = `f-${p.name}-error`;
  return (
    <fieldset class={`field${p.error ? " field--error" : ""}`} aria-describedby={p.error ? errId : undefined}>
      <legend>
        {p.legend}
        {p.required && <span class="field__req"> ({t("form.required")})</span>}
      </legend>
      {p.error && (
        <p class="field__error" id={errId}>
          {p.error}
        </p>
      )}
      {p.options.map((o, i) => {
        // The first radio carries the group's id, so the error summary's link lands in the group.
        const id = i === 0 ? `f-${p.name}` : `f-${p.name}-${o.value}`;
        // The description is part of the label (read once, with the choice), not a second description.
        return (
          <div class="field field--check" key={o.value}>
            <input type="radio" id={id} name={p.name} value={o.value} checked={p.chosen === o.value} required={p.required} />
            <label for={id}>
              {o.label}
              {o.hint && <span class="field__hint radio-hint">{o.hint}</span>}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** Why there is no form here: when the window opens or closed (Moscow time), the summary, the current version, or what the person lacks. */
export function RemarkGate({ gate }: { gate: RemarkFormGate }) {
  const { t, locale } = usePage();
  const opens = formatDateTime(locale, gate.opensAt);
  const closes = formatDateTime(locale, gate.closesAt);
  const body = (() => {
    switch (gate.why) {
      case "upcoming":
        return <p>{t("consultations.remarks.form.upcoming", { opens, closes })}</p>;
      case "closed":
        return (
          <p>
            {t("consultations.remarks.form.closed", { closes })}
            {gate.summaryHref && (
              <>
                {" "}
                <a href={gate.summaryHref}>{t("consultations.remarks.form.summaryLink")}</a>
              </>
            )}
          </p>
        );
      case "adopted":
        return <p>{t("consultations.remarks.form.adopted")}</p>;
      case "supersededVersion":
        return (
          <p>
            {t("consultations.remarks.form.notCurrent")}
            {gate.currentHref && (
              <>
                {" "}
                <a href={gate.currentHref}>{t("consultations.remarks.form.toCurrent")}</a>
              </>
            )}
          </p>
        );
      case "draftVersion":
        return <p>{t("consultations.remarks.form.draftVersion")}</p>;
      case "notPublished":
        return <p>{t("consultations.remarks.form.notPublished")}</p>;
      case "signIn":
        return (
          <p>
            <a href={gate.signInHref}>{t("consultations.remarks.form.signIn")}</a>
          </p>
        );
      case "confirm":
        return <p>{t("consultations.remarks.form.confirm")}</p>;
      case "blocked":
        return <p>{t("consultations.remarks.form.blocked")}</p>;
    }
  })();
  return (
    <div class="notice remark-gate" id="remark-form">
      {body}
    </div>
  );
}
