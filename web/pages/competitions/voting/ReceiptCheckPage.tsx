import { formatDateTime } from "../../../i18n";
import { Badge, Notice } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Field, Form } from "../../../ui/Form";
import type { ReceiptCheckPageProps } from "./props";

/** Check a receipt (anyone): is the vote it was given for counted as cast, replaced, or annulled? */
export function ReceiptCheckPage(p: ReceiptCheckPageProps) {
  const { t, locale } = usePage();
  const r = p.result;
  const when = (ms: number) => formatDateTime(locale, ms);
  return (
    <article>
      <h1>{t("competitions.voting.check.title")}</h1>
      <p class="lead">{t("competitions.voting.check.lead")}</p>
      <Form action="/competitions/receipt" method="get" class="form filter-form">
        <Field name="code" label={t("competitions.voting.check.code")} hint={t("competitions.voting.check.codeHint")} form={p.form} autocomplete="off" maxLength={64} />
        <button type="submit" class="btn btn--primary">
          {t("competitions.voting.check.submit")}
        </button>
      </Form>
      {p.state === "unknown" && (
        <div class="notice notice--info" role="status">
          <h2>{t("competitions.voting.check.unknown")}</h2>
          <p>{t("competitions.voting.check.unknownHint")}</p>
        </div>
      )}
      {r && (
        <section aria-labelledby="check-result" class="receipt-result">
          <h2 id="check-result">
            {t("competitions.voting.check.result")} <code>{r.receipt}</code>
          </h2>
          <p>
            <Badge tone={r.status === "counted" ? "ok" : r.status === "annulled" ? "bad" : "warn"}>{t(`competitions.voting.check.status.${r.status}`)}</Badge>
          </p>
          <dl class="meta">
            <dt>{t("competitions.voting.check.competition")}</dt>
            <dd>
              <a href={r.competitionHref}>{r.competitionTitle}</a>
            </dd>
            <dt>{t("competitions.nomination")}</dt>
            <dd>{r.nominationTitle}</dd>
            <dt>{t("competitions.voting.check.entry")}</dt>
            <dd>{r.entryTitle}</dd>
            <dt>{t("competitions.voting.check.at")}</dt>
            <dd>{when(r.at)}</dd>
            {r.replacedAt !== null && (
              <>
                <dt>{t("competitions.voting.check.replacedAt")}</dt>
                <dd>{when(r.replacedAt)}</dd>
              </>
            )}
            {r.annulledAt !== null && (
              <>
                <dt>{t("competitions.voting.check.annulledAt")}</dt>
                <dd>{when(r.annulledAt)}</dd>
                <dt>{t("competitions.voting.check.reason")}</dt>
                <dd class="pre-line">{r.reason}</dd>
              </>
            )}
          </dl>
          <Notice>{t(`competitions.voting.check.explain.${r.status}`)}</Notice>
        </section>
      )}
    </article>
  );
}
