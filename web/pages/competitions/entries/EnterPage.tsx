import type { EntrantKind, Stage } from "../../../../worker/competitions/schema";
import { formatDateTime } from "../../../i18n";
import type { FormState } from "../../../page-data";
import { Notice } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, ErrorSummary, Field, Form, Select } from "../../../ui/Form";
import { Crumbs, LinkSwitcher } from "../parts";

export interface EnterPageProps {
  competition: { id: string; title: string; eligibility: EntrantKind[]; entryLimit: number; entryOpensAt: number; entryClosesAt: number };
  stage: Stage;
  /** access.enter: published, in the entry stage, a confirmed resident who is not blocked. */
  canEnter: boolean;
  emailConfirmed: boolean;
  kind: "practice" | "proposal";
  nominations: { id: string; title: string }[];
  /** Organisations where the person's membership is confirmed; `eligible`: the rules admit that kind. */
  organisations: { id: string; name: string; kind: EntrantKind; eligible: boolean }[];
  residentEligible: boolean;
  /** The person's published, visible proposals. */
  proposals: { id: string; title: string; organisationName: string | null }[];
  form: FormState<Record<string, string>>;
  /** The server's limits (worker/competitions/entries/rules.ts ENTRY_LIMITS). */
  limits: { title: number; text: number; city: number; period: number; contact: number; budget: number };
}

/**
 * The entry form: a city practice described here, or a published proposal of the person (the choice
 * is a pair of links, so the page works without JavaScript). The entrant — oneself or an organisation
 * one is a confirmed member of — and the nomination come first; options the rules exclude are marked,
 * and the server refuses them with the reason.
 */
export function EnterPage(p: EnterPageProps) {
  const { t, locale } = usePage();
  const c = p.competition;
  const f = p.form;
  const base = `/competitions/${c.id}/enter`;
  const money = new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB").format(p.limits.budget);
  const labels: Record<string, string> = {
    nominationId: t("competitions.entries.f.nominationId"),
    organisationId: t("competitions.entries.f.organisationId"),
    proposalId: t("competitions.entries.f.proposalId"),
    city: t("competitions.entries.f.city"),
    title: t("competitions.entries.f.title"),
    problem: t("competitions.entries.f.problem"),
    actions: t("competitions.entries.f.actions"),
    results: t("competitions.entries.f.results"),
    period: t("competitions.entries.f.period"),
    budget: t("competitions.entries.f.budget"),
    contact: t("competitions.entries.f.contact"),
    kind: t("competitions.entries.enter.kindNav"),
  };
  const option = (name: string, kind: EntrantKind, eligible: boolean) => {
    const label = t("competitions.entries.f.organisationOption", { name, kind: t(`competitions.entries.kind.${kind}`) });
    return eligible ? label : t("competitions.entries.f.notEligible", { option: label });
  };
  return (
    <>
      <Crumbs competition={c} />
      <h1>{t("competitions.entries.enter.title")}</h1>
      <p class="lead">{c.title}</p>
      {!p.canEnter ? (
        <Notice>
          {!p.emailConfirmed
            ? t("competitions.entries.enter.confirmEmail")
            : p.stage === "announced"
              ? t("competitions.entries.enter.notOpen", { date: formatDateTime(locale, c.entryOpensAt) })
              : t("competitions.entries.enter.closed")}
        </Notice>
      ) : (
        <>
          <p>{t("competitions.entries.enter.lead")}</p>
          <p>
            {t("competitions.entries.enter.closesAt", { date: formatDateTime(locale, c.entryClosesAt) })} {t("competitions.entries.enter.limit", { limit: c.entryLimit })}{" "}
            {t("competitions.entries.enter.eligible", { list: c.eligibility.map((k) => t(`competitions.entrant.${k}`)).join(", ") })}
          </p>
          <LinkSwitcher
            label={labels.kind}
            items={(["practice", "proposal"] as const).map((k) => ({ key: k, href: `${base}?kind=${k}`, text: t(`competitions.entryKind.${k}`), current: p.kind === k }))}
          />
          <ErrorSummary form={f} labels={labels} />
          {p.kind === "proposal" && p.proposals.length === 0 ? (
            <Notice>
              {t("competitions.entries.enter.noProposals")} <a href={`${base}?kind=practice`}>{t("competitions.entryKind.practice")}</a>
            </Notice>
          ) : (
            <Form action={base}>
              <input type="hidden" name="kind" value={p.kind} />
              <fieldset>
                <legend>{t("competitions.entries.section.entrant")}</legend>
                <Select
                  name="nominationId"
                  label={labels.nominationId}
                  form={f}
                  required
                  options={[{ value: "", label: t("competitions.entries.f.chooseNomination") }, ...p.nominations.map((n) => ({ value: n.id, label: n.title }))]}
                />
                <Select
                  name="organisationId"
                  label={labels.organisationId}
                  form={f}
                  hint={t("competitions.entries.hint.organisation")}
                  options={[
                    { value: "", label: p.residentEligible ? t("competitions.entries.f.ownBehalf") : t("competitions.entries.f.notEligible", { option: t("competitions.entries.f.ownBehalf") }) },
                    ...p.organisations.map((o) => ({ value: o.id, label: option(o.name, o.kind, o.eligible) })),
                  ]}
                />
              </fieldset>
              {p.kind === "proposal" ? (
                <fieldset>
                  <legend>{t("competitions.entries.section.proposal")}</legend>
                  <p class="field__hint">{t("competitions.entries.enter.proposalLead")}</p>
                  <Select
                    name="proposalId"
                    label={labels.proposalId}
                    form={f}
                    required
                    options={[
                      { value: "", label: t("competitions.entries.f.chooseProposal") },
                      ...p.proposals.map((x) => ({ value: x.id, label: x.organisationName ? `${x.title} (${x.organisationName})` : x.title })),
                    ]}
                  />
                </fieldset>
              ) : (
                <fieldset>
                  <legend>{t("competitions.entries.section.practice")}</legend>
                  <Field name="city" label={labels.city} form={f} required maxLength={p.limits.city} autocomplete="address-level2" />
                  <Field name="title" label={labels.title} form={f} required maxLength={p.limits.title} />
                  <Field name="problem" label={labels.problem} form={f} required multiline maxLength={p.limits.text} hint={t("competitions.entries.hint.problem", { max: p.limits.text })} />
                  <Field name="actions" label={labels.actions} form={f} required multiline rows={6} maxLength={p.limits.text} hint={t("competitions.entries.hint.actions", { max: p.limits.text })} />
                  <Field name="results" label={labels.results} form={f} required multiline maxLength={p.limits.text} hint={t("competitions.entries.hint.results", { max: p.limits.text })} />
                  <Field name="period" label={labels.period} form={f} maxLength={p.limits.period} hint={t("competitions.entries.hint.period")} />
                  <Field name="budget" label={labels.budget} form={f} maxLength={20} inputMode="numeric" hint={t("competitions.entries.hint.budget", { max: money })} />
                </fieldset>
              )}
              <fieldset>
                <legend>{t("competitions.entries.section.contact")}</legend>
                <Field name="contact" label={labels.contact} form={f} required maxLength={p.limits.contact} autocomplete="email" hint={t("competitions.entries.hint.contact")} />
              </fieldset>
              {p.kind === "practice" && <p>{t("competitions.entries.enter.filesLater")}</p>}
              <p class="actions">
                <Button>{t("competitions.entries.enter.submit")}</Button>
              </p>
            </Form>
          )}
        </>
      )}
    </>
  );
}
