import type { FormState } from "../../page-data";
import { Fragment, type ComponentChildren } from "preact";
import { Badge, TextSection } from "../../ui/blocks";
import { usePage } from "../../ui/context";
import { Button, ErrorSummary, Field, Form } from "../../ui/Form";
import { formatCount } from "../proposals/format";
import { PlaceBadge } from "./LibraryPage";

export interface PracticePageProps {
  practice: {
    id: string;
    title: string;
    organiserName: string;
    city: string;
    country: string;
    theme: string;
    year: number;
    nomination: string;
    place: number | null;
    problem: string;
    actions: string;
    results: string;
    period: string;
    budget: number | null;
    source: "entry" | "manual";
    hidden: boolean;
  };
  /** The competition and entry it came from (winners), for the links. */
  competition: { id: string; title: string; entryId: string | null } | null;
  /** The hide form, for those who manage the organiser's library (null for everyone else or once hidden). */
  hideForm: FormState<{ reason: string }> | null;
  reasonMax: number;
}

/** A practice: every field, where it came from, and for its organiser's admins the hide form. */
export function PracticePage(p: PracticePageProps) {
  const { t, locale } = usePage();
  const x = p.practice;
  const facts: [string, ComponentChildren][] = [
    [t("library.practice.organiser"), x.organiserName],
    [t("library.practice.city"), x.city],
    ...(x.country ? [[t("library.practice.country"), x.country] as [string, string]] : []),
    [t("library.practice.year"), String(x.year)],
    ...(x.theme ? [[t("library.practice.theme"), x.theme] as [string, string]] : []),
    ...(x.nomination ? [[t("library.practice.nomination"), x.nomination] as [string, string]] : []),
    ...(x.place !== null ? [[t("library.practice.place"), <PlaceBadge place={x.place} />] as [string, ComponentChildren]] : []),
    ...(x.period ? [[t("library.practice.period"), x.period] as [string, string]] : []),
    ...(x.budget !== null ? [[t("library.practice.budget"), t("library.practice.budgetValue", { n: formatCount(locale, x.budget) })] as [string, string]] : []),
  ];
  return (
    <>
      <p>
        <a href="/library">{t("library.practice.back")}</a>
      </p>
      <h1>{x.title}</h1>
      {x.hidden && (
        <p>
          <Badge tone="warn">{t("library.hidden")}</Badge> {t("library.hiddenNotice")}
        </p>
      )}
      <section aria-labelledby="facts-title">
        <h2 id="facts-title">{t("library.practice.facts")}</h2>
        <dl class="meta">
          {facts.map(([k, v]) => (
            <Fragment key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </Fragment>
          ))}
        </dl>
        {p.competition && (
          <>
            <h3>{t("library.practice.fromCompetition")}</h3>
            <ul>
              <li>
                <a href={`/competitions/${encodeURIComponent(p.competition.id)}`}>{t("library.practice.competition", { title: p.competition.title })}</a>
              </li>
              {p.competition.entryId && (
                <li>
                  <a href={`/competitions/${encodeURIComponent(p.competition.id)}/entries/${encodeURIComponent(p.competition.entryId)}`}>{t("library.practice.entry")}</a>
                </li>
              )}
            </ul>
          </>
        )}
      </section>
      <TextSection id="problem-title" title={t("library.practice.problem")} text={x.problem} />
      <TextSection id="actions-title" title={t("library.practice.actions")} text={x.actions} />
      <TextSection id="results-title" title={t("library.practice.results")} text={x.results} />
      {p.hideForm && (
        <section aria-labelledby="hide-title">
          <h2 id="hide-title">{t("library.hide.title")}</h2>
          <Form action={`/library/${encodeURIComponent(x.id)}/hide`}>
            <ErrorSummary form={p.hideForm} labels={{ reason: t("library.hide.reason") }} />
            <Field name="reason" label={t("library.hide.reason")} form={p.hideForm} multiline rows={3} required maxLength={p.reasonMax} hint={t("library.hide.reasonHint")} />
            <Button kind="danger">{t("library.hide.submit")}</Button>
          </Form>
        </section>
      )}
    </>
  );
}

