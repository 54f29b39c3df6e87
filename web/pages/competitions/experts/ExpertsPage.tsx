import { formatDateTime } from "../../../i18n";
import { Badge, EmptyState, Notice } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, ErrorSummary, Field, Form } from "../../../ui/Form";
import type { ExpertsPageProps, RunResultProps } from "./props";
import { Crumbs } from "../parts";

const enc = encodeURIComponent;

/** The organiser's jury page: add and remove experts, see who has declared, run the assignment and read its result. */
export function ExpertsPage(p: ExpertsPageProps) {
  const { t, locale } = usePage();
  const base = `/competitions/${enc(p.competition.id)}`;
  const declared = p.experts.filter((x) => x.declaredAt !== null).length;
  const addLabels = { email: t("competitions.experts.add.email"), city: t("competitions.experts.add.city") };
  return (
    <article>
      <Crumbs competition={p.competition} />
      <h1>{t("competitions.experts.page.title", { title: p.competition.title })}</h1>
      <p class="lead">{t("competitions.experts.page.lead")}</p>
      <p>
        <a href={`${base}/evaluation`}>{t("competitions.experts.linkEvaluation")}</a>
      </p>
      {!p.competition.published && <Notice>{t("competitions.experts.page.draft")}</Notice>}
      {p.closed && <Notice>{t("competitions.experts.page.closed")}</Notice>}

      {p.canChange && (
        <section aria-labelledby="add-title">
          <h2 id="add-title">{t("competitions.experts.add.title")}</h2>
          <ErrorSummary form={p.addForm} labels={addLabels} />
          <Form action={`${base}/experts`}>
            <Field name="email" type="email" label={addLabels.email} hint={t("competitions.experts.add.emailHint")} form={p.addForm} required autocomplete="off" maxLength={p.limits.email} />
            <Field name="city" label={addLabels.city} hint={t("competitions.experts.add.cityHint")} form={p.addForm} maxLength={p.limits.city} />
            <Button>{t("competitions.experts.add.submit")}</Button>
          </Form>
        </section>
      )}

      <section aria-labelledby="experts-title">
        <h2 id="experts-title">{t("competitions.experts.list.title", { count: p.experts.length })}</h2>
        <ErrorSummary form={p.actionForm} labels={{}} />
        {p.experts.length === 0 ? (
          <EmptyState>{t("competitions.experts.list.empty")}</EmptyState>
        ) : (
          <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="experts-title">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("competitions.experts.expert")}</th>
                  <th scope="col">{t("competitions.experts.city")}</th>
                  <th scope="col">{t("competitions.experts.declaration")}</th>
                  <th scope="col">{t("competitions.experts.assigned")}</th>
                  <th scope="col">{t("competitions.experts.draft")}</th>
                  <th scope="col">{t("competitions.experts.submitted")}</th>
                  {p.canChange && <th scope="col">{t("competitions.experts.list.actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {p.experts.map((x) => (
                  <tr key={x.userId}>
                    <th scope="row">
                      {x.displayName}
                      <br />
                      <span class="muted">{x.email}</span>
                    </th>
                    <td>{x.city || <span class="muted">{t("competitions.experts.noCity")}</span>}</td>
                    <td>
                      {x.declaredAt !== null ? (
                        <Badge tone="ok">{t("competitions.experts.declaredOn", { date: formatDateTime(locale, x.declaredAt) })}</Badge>
                      ) : (
                        <Badge tone="warn">{t("competitions.experts.notDeclared")}</Badge>
                      )}
                    </td>
                    <td>{x.assigned}</td>
                    <td>{x.draft}</td>
                    <td>{x.submitted}</td>
                    {p.canChange && (
                      <td>
                        {x.removable ? (
                          <Form action={`${base}/experts/${enc(x.userId)}/remove`} class="inline-form">
                            <button type="submit" class="btn btn--danger" aria-label={t("competitions.experts.removeLabel", { name: x.displayName })}>
                              {t("competitions.experts.remove")}
                            </button>
                          </Form>
                        ) : (
                          <span class="muted">{t("competitions.experts.keep")}</span>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="run-title">
        <h2 id="run-title">{t("competitions.experts.run.title")}</h2>
        <p>{t("competitions.experts.run.lead", { min: p.competition.minExperts })}</p>
        <p>{t("competitions.experts.run.declared", { declared, total: p.experts.length })}</p>
        {p.canAssign ? (
          <Form action={`${base}/assignments`}>
            <Button>{t("competitions.experts.run.submit")}</Button>
          </Form>
        ) : (
          <Notice>{t("competitions.experts.run.closed")}</Notice>
        )}
        {p.run && <RunResult run={p.run} />}
      </section>
    </article>
  );
}

/** What a run did: pairs assigned, per expert, entries left short (with the reason), experts left out. */
function RunResult({ run }: { run: RunResultProps }) {
  const { t } = usePage();
  return (
    <section aria-labelledby="result-title" class="card" tabIndex={-1} id="run-result">
      <h3 id="result-title">{t("competitions.experts.result.title")}</h3>
      <p role="status">{run.assigned > 0 ? t("competitions.experts.result.assigned", { count: run.assigned }) : t("competitions.experts.result.nothing")}</p>
      {run.perExpert.length > 0 && (
        <ul>
          {run.perExpert.map((x) => (
            <li key={x.expertId}>{t("competitions.experts.result.perExpert", { name: x.displayName, added: x.added, load: x.load })}</li>
          ))}
        </ul>
      )}
      {run.undeclared > 0 && <p>{t("competitions.experts.result.undeclared", { count: run.undeclared })}</p>}
      {run.short.length > 0 ? (
        <>
          <h4>{t("competitions.experts.result.short", { count: run.short.length })}</h4>
          <ul>
            {run.short.map((s) => (
              <li key={s.entryId}>{t("competitions.experts.result.shortItem", { title: s.title, have: s.have, needed: s.needed })}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t("competitions.experts.result.allCovered")}</p>
      )}
    </section>
  );
}
