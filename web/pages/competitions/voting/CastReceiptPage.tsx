import { formatDateTime } from "../../../i18n";
import { usePage } from "../../../ui/context";
import { Crumbs } from "../parts";
import { NominationNav } from "./parts";
import type { CastReceiptPageProps } from "./props";

/**
 * After a vote: what was recorded, and the receipt code — shown here once, large, to be written
 * down; with it anyone can later check on /competitions/receipt that the vote is counted as cast.
 */
export function CastReceiptPage(p: CastReceiptPageProps) {
  const { t, locale } = usePage();
  return (
    <article class="receipt-page">
      <Crumbs competition={p.competition} />
      <h1>{t(`competitions.voting.cast.title.${p.outcome}`)}</h1>
      <p>
        {t("competitions.voting.cast.what", { nomination: p.nominationTitle })} <a href={p.entryHref}>{p.entryTitle}</a>
        {" · "}
        {formatDateTime(locale, p.at)}
      </p>
      <section aria-labelledby="receipt-title" class="receipt">
        <h2 id="receipt-title">{t("competitions.voting.cast.receipt")}</h2>
        <p class="receipt-code" aria-describedby="receipt-how">
          <code>{p.receipt}</code>
        </p>
        <div id="receipt-how">
          <p>{t("competitions.voting.cast.writeDown")}</p>
          <p>
            {t("competitions.voting.cast.how")} <a href={p.checkHref}>{t("competitions.voting.cast.checkLink")}</a>
          </p>
        </div>
      </section>
      <p>{t("competitions.voting.cast.change")}</p>
      <p>
        <a href={p.ballotHref}>{t("competitions.voting.cast.back")}</a>
      </p>
      {p.nominations.length > 1 && (
        <>
          <h2>{t("competitions.voting.cast.others")}</h2>
          <NominationNav items={p.nominations} label={t("competitions.nominations")} />
        </>
      )}
    </article>
  );
}
