import { formatDateTime } from "../../../i18n";
import { usePage } from "../../../ui/context";
import { ErrorSummary, Field, Form } from "../../../ui/Form";
import { Crumbs } from "../parts";
import type { AnnulPageProps } from "./props";

/** Annul one person's vote in a nomination, with the reason they will read when they check their receipt. */
export function AnnulPage(p: AnnulPageProps) {
  const { t, locale } = usePage();
  return (
    <article>
      <Crumbs competition={p.competition} />
      <h1>{t("competitions.voting.annul.title")}</h1>
      <dl class="meta">
        <dt>{t("competitions.nomination")}</dt>
        <dd>{p.nomination.title}</dd>
        <dt>{t("competitions.voting.list.voter")}</dt>
        <dd>{p.voter.name}</dd>
        <dt>{t("competitions.voting.annul.accountCreated")}</dt>
        <dd>{formatDateTime(locale, p.voter.accountCreatedAt)}</dd>
        <dt>{t("competitions.voting.list.entry")}</dt>
        <dd>{p.vote.entryTitle}</dd>
        <dt>{t("competitions.voting.annul.since")}</dt>
        <dd>{formatDateTime(locale, p.vote.changedAt)}</dd>
      </dl>
      <p>{t("competitions.voting.annul.explain")}</p>
      <ErrorSummary form={p.form} labels={{ reason: t("competitions.voting.annul.reason") }} />
      <Form action={p.action}>
        <input type="hidden" name="nominationId" value={p.nomination.id} />
        <input type="hidden" name="voterId" value={p.voter.id} />
        <input type="hidden" name="back" value={p.back} />
        <Field name="reason" label={t("competitions.voting.annul.reason")} hint={t("competitions.voting.annul.reasonHint", { max: p.reasonMax })} form={p.form} multiline required maxLength={p.reasonMax} />
        <div class="actions">
          <button type="submit" class="btn btn--danger">
            {t("competitions.voting.annul.submit")}
          </button>
          <a href={p.back}>{t("competitions.voting.annul.cancel")}</a>
        </div>
      </Form>
    </article>
  );
}
