import type { FormState } from "../../../page-data";
import { Notice } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, ErrorSummary, Field, Form } from "../../../ui/Form";
import { formatCount } from "../../proposals/format";
import { Crumbs } from "../parts";

export interface SetupListHead {
  id: string;
  title: string;
  editable: boolean;
}

/** A refused form of a list page: which item's form ("new" for the add form) and its state. */
export interface FailedItemForm {
  item: string;
  form: FormState<Record<string, string>>;
}

export interface NominationsPageProps {
  competition: SetupListHead;
  items: { id: string; title: string; description: string; entryCount: number }[];
  failed: FailedItemForm | null;
  limits: { count: number; title: number; description: number };
}

const empty: FormState<Record<string, string>> = { values: {}, errors: [] };

/** Up / down / delete for one item of an ordered setup list (each its own small form, keyboard reachable, named for screen readers). */
export function ItemTools(p: { action: string; name: string; first: boolean; last: boolean }) {
  const { t } = usePage();
  return (
    <p class="actions">
      {!p.first && (
        <Form action={`${p.action}/move`} class="inline-form">
          <input type="hidden" name="direction" value="up" />
          <button type="submit" class="btn btn--secondary" aria-label={t("competitions.setup.list.upNamed", { name: p.name })}>
            {t("competitions.setup.list.up")}
          </button>
        </Form>
      )}{" "}
      {!p.last && (
        <Form action={`${p.action}/move`} class="inline-form">
          <input type="hidden" name="direction" value="down" />
          <button type="submit" class="btn btn--secondary" aria-label={t("competitions.setup.list.downNamed", { name: p.name })}>
            {t("competitions.setup.list.down")}
          </button>
        </Form>
      )}{" "}
      <Form action={`${p.action}/delete`} class="inline-form">
        <button type="submit" class="btn btn--danger" aria-label={t("competitions.setup.list.deleteNamed", { name: p.name })}>
          {t("competitions.setup.list.delete")}
        </button>
      </Form>
    </p>
  );
}

/** The nominations of a competition in order: edit each, move it, delete it, add one at the end. */
export function NominationsPage(p: NominationsPageProps) {
  const { t, locale } = usePage();
  const c = p.competition;
  const base = `/competitions/${c.id}/nominations`;
  const formOf = (item: string) => (p.failed?.item === item ? p.failed.form : null);
  const labels = { title: t("competitions.setup.f.nominationTitle"), description: t("competitions.setup.f.nominationDescription") };
  return (
    <>
      <Crumbs competition={c} />
      <h1>{t("competitions.setup.nominations.title")}</h1>
      <p class="lead">{t("competitions.setup.nominations.lead", { max: p.limits.count })}</p>
      {!c.editable && <Notice>{t("competitions.setup.problem.frozen")}</Notice>}
      {p.failed && <ErrorSummary form={p.failed.form} labels={labels} anchor={(f) => `f-${p.failed!.item}-${f}`} />}
      {p.items.length === 0 && <p>{t("competitions.setup.nominations.none")}</p>}
      <ol class="cards">
        {p.items.map((n, i) => {
          const form = formOf(n.id) ?? { values: { title: n.title, description: n.description }, errors: [] };
          return (
            <li key={n.id} id={`n-${n.id}`}>
              <section class="card" aria-labelledby={`n-${n.id}-h`}>
                <h2 class="card__title" id={`n-${n.id}-h`}>
                  {i + 1}. {n.title}
                </h2>
                <p class="meta-line">{t("competitions.setup.page.entryCount", { n: formatCount(locale, n.entryCount) })}</p>
                {c.editable && (
                  <>
                    <Form action={`${base}/${n.id}`}>
                      <Field id={`f-${n.id}-title`} name="title" label={labels.title} form={form} required maxLength={p.limits.title} />
                      <Field id={`f-${n.id}-description`} multiline name="description" label={labels.description} form={form} maxLength={p.limits.description} />
                      <Button kind="secondary">{t("competitions.setup.list.save")}</Button>
                    </Form>
                    <ItemTools action={`${base}/${n.id}`} name={n.title} first={i === 0} last={i === p.items.length - 1} />
                  </>
                )}
                {!c.editable && n.description && <p class="pre-line">{n.description}</p>}
              </section>
            </li>
          );
        })}
      </ol>
      {c.editable &&
        (p.items.length < p.limits.count ? (
          <section aria-labelledby="new-title" class="card">
            <h2 id="new-title">{t("competitions.setup.nominations.add")}</h2>
            <Form action={base}>
              <Field id="f-new-title" name="title" label={labels.title} form={formOf("new") ?? empty} required maxLength={p.limits.title} hint={t("competitions.setup.hint.upTo", { max: p.limits.title })} />
              <Field id="f-new-description" multiline name="description" label={labels.description} form={formOf("new") ?? empty} maxLength={p.limits.description} hint={t("competitions.setup.hint.upTo", { max: p.limits.description })} />
              <Button>{t("competitions.setup.nominations.addSubmit")}</Button>
            </Form>
          </section>
        ) : (
          <Notice>{t("competitions.setup.problem.tooManyNominations")}</Notice>
        ))}
    </>
  );
}
