import type { FormState } from "../../../page-data";
import { EmptyState, Notice } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, ErrorSummary, Field, FilterSelect, Form } from "../../../ui/Form";
import { clauseLabel } from "./parts";

export interface AdoptPageProps {
  consultation: { id: string; title: string; adoptingBody: string };
  /** Why the document cannot be adopted now (a sentence), or null. */
  refusal: string | null;
  /** Published version numbers, oldest first, and the one being adopted. */
  versions: number[];
  version: number;
  form: FormState<{ adoptedOn: string; adoptedBy: string }>;
  /** One row per (clause, addressee): `key` is the form value. */
  candidates: { key: string; number: string; text: string; addressee: string }[];
  /** The keys ticked (after a failed submission); null: every row ticked. */
  picked: string[] | null;
}

/** The organiser marks a version adopted and confirms which clauses are commitments. */
export function AdoptPage(p: AdoptPageProps) {
  const { t } = usePage();
  const base = `/consultations/${encodeURIComponent(p.consultation.id)}`;
  const labels = { adoptedOn: t("consultations.implementation.adopt.adoptedOn"), adoptedBy: t("consultations.implementation.adopt.adoptedBy"), commitments: t("consultations.implementation.adopt.commitments"), version: t("consultations.implementation.adopt.version") };
  const picked = p.picked ? new Set(p.picked) : null;
  return (
    <>
      <h1>{t("consultations.implementation.adopt.title")}</h1>
      <p>
        <a href={base}>{p.consultation.title}</a>
      </p>
      <p class="lead">{t("consultations.implementation.adopt.lead")}</p>
      {p.refusal ? (
        <Notice>
          <strong>{t("consultations.implementation.adopt.refused")}.</strong> {p.refusal}
        </Notice>
      ) : (
        <>
          {p.versions.length > 1 && (
            <form method="get" action={`${base}/adopt`} class="form">
              <FilterSelect id="q-version" name="version" label={labels.version} options={p.versions.map((n) => ({ value: String(n), label: t("consultations.version", { n }) }))} chosen={String(p.version)} />
              <Button kind="secondary">{t("consultations.implementation.adopt.showVersion")}</Button>
            </form>
          )}
          <ErrorSummary form={p.form} labels={labels} />
          <Form action={`${base}/adopt`}>
            <input type="hidden" name="version" value={String(p.version)} />
            {p.versions.length <= 1 && <p>{t("consultations.version", { n: p.version })}</p>}
            <Field name="adoptedOn" label={labels.adoptedOn} form={p.form} required maxLength={10} hint={`${t("consultations.implementation.dateFormat")} ${t("consultations.implementation.adopt.adoptedOnHint")}`} />
            <Field name="adoptedBy" label={labels.adoptedBy} form={p.form} required maxLength={300} hint={t("consultations.implementation.adopt.adoptedByHint")} />
            <fieldset id="f-commitments">
              <legend>{labels.commitments}</legend>
              {p.form.errors
                .filter((e) => e.field === "commitments")
                .map((e) => (
                  <p class="field__error" key={e.reason}>
                    {e.reason}
                  </p>
                ))}
              {p.candidates.length === 0 ? (
                <EmptyState>{t("consultations.implementation.adopt.noCandidates")}</EmptyState>
              ) : (
                <>
                  <p>{t("consultations.implementation.adopt.commitmentsLead", { n: p.candidates.length })}</p>
                  {p.candidates.map((c, i) => (
                    <div class="field field--check" key={c.key}>
                      <input type="checkbox" id={`pick-${i}`} name="pick" value={c.key} checked={picked ? picked.has(c.key) : true} />
                      <label for={`pick-${i}`}>
                        <strong>
                          {clauseLabel(t, c.number)} — {c.addressee}
                        </strong>
                        <br />
                        <span class="muted">{c.text.length > 300 ? `${c.text.slice(0, 300)}…` : c.text}</span>
                      </label>
                    </div>
                  ))}
                </>
              )}
            </fieldset>
            <Button>{t("consultations.implementation.adopt.submit")}</Button>
          </Form>
        </>
      )}
    </>
  );
}
