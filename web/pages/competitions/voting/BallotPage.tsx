import { formatDateTime } from "../../../i18n";
import { Badge, EmptyState, Notice, Pagination } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Form } from "../../../ui/Form";
import { Crumbs } from "../parts";
import { NominationNav } from "./parts";
import type { BallotPageProps } from "./props";

/**
 * The ballot of one nomination: its admitted entries, a «Голосовать» button on each while voting is
 * open, the viewer's current choice marked «Ваш голос». No vote counts: see the comment in
 * worker/competitions/voting/pages.ts. Every button is a small form (works without JavaScript).
 */
export function BallotPage(p: BallotPageProps) {
  const { t, locale } = usePage();
  const when = (ms: number) => formatDateTime(locale, ms);
  return (
    <article class="ballot-page">
      <Crumbs competition={p.competition} />
      <h1>{t("competitions.voting.ballot.title", { nomination: p.nomination.title })}</h1>
      {p.nomination.description && <p class="lead pre-line">{p.nomination.description}</p>}
      <NominationNav items={p.nominations} label={t("competitions.nominations")} />
      <p class="meta-line">{t("competitions.voting.ballot.dates", { from: when(p.votingOpensAt), to: when(p.votingClosesAt) })}</p>

      {(p.form.message || p.form.errors.length > 0) && (
        <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
          <h2>{p.form.message ?? t("competitions.voting.ballot.refused")}</h2>
          {p.form.errors.map((e) => (
            <p key={e.field}>{e.reason}</p>
          ))}
        </div>
      )}

      <Gate {...p} />

      {p.myVote && (
        <Notice tone={p.myVote.status === "counted" ? "ok" : "info"}>
          {p.myVote.status === "counted" ? (
            <>
              <p>
                <strong>{t("competitions.voting.ballot.yourVote")}:</strong> <a href={p.myVote.href}>{p.myVote.entryTitle}</a> ·{" "}
                {t("competitions.voting.ballot.since", { date: when(p.myVote.changedAt) })}
              </p>
              {p.canVote && <p>{t("competitions.voting.ballot.changeHint", { date: when(p.votingClosesAt) })}</p>}
            </>
          ) : (
            <p>
              {t("competitions.voting.ballot.annulled", { title: p.myVote.entryTitle })} <a href={p.receiptHref}>{t("competitions.voting.ballot.checkReceipt")}</a>
            </p>
          )}
        </Notice>
      )}

      <h2 id="ballot-entries">{t("competitions.voting.ballot.entries")}</h2>
      {p.entries.length === 0 ? (
        <EmptyState>{t("competitions.voting.ballot.empty")}</EmptyState>
      ) : (
        <ol class="ballot" aria-labelledby="ballot-entries">
          {p.entries.map((e) => (
            <li key={e.id} class={`ballot__item${e.mine ? " ballot__item--mine" : ""}`} id={`entry-${e.id}`}>
              <div class="ballot__text">
                <a href={e.href} class="ballot__title">
                  {e.title}
                </a>
                {e.city && <span class="meta-line"> · {e.city}</span>}
              </div>
              <div class="ballot__act">
                {e.mine && <Badge tone="ok">{t("competitions.voting.ballot.yourVote")}</Badge>}
                {p.canVote && !e.mine && (
                  <Form action={p.action} class="inline-form">
                    <input type="hidden" name="entryId" value={e.id} />
                    <input type="hidden" name="nomination" value={p.nomination.id} />
                    <button type="submit" class="btn btn--primary">
                      {p.myVote?.status === "counted" ? t("competitions.voting.ballot.changeTo") : t("competitions.voting.ballot.vote")}
                      <span class="visually-hidden"> {t("competitions.voting.ballot.forEntry", { title: e.title })}</span>
                    </button>
                  </Form>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      <Pagination nextHref={p.nextHref} firstHref={p.firstHref} />
      <p>
        <a href={p.receiptHref}>{t("competitions.voting.ballot.checkReceipt")}</a>
        {p.resultsHref && (
          <>
            {" · "}
            <a href={p.resultsHref}>{t("competitions.voting.ballot.results")}</a>
          </>
        )}
      </p>
    </article>
  );
}

/** Why there are no buttons, and what the person can do about it. */
function Gate(p: BallotPageProps) {
  const { t, locale } = usePage();
  switch (p.gate) {
    case null:
      return p.myVote ? null : <p>{t("competitions.voting.ballot.howTo")}</p>;
    case "notYet":
      return <Notice>{t("competitions.voting.gate.notYet", { date: formatDateTime(locale, p.votingOpensAt) })}</Notice>;
    case "closed":
      return <Notice>{t("competitions.voting.gate.closed", { date: formatDateTime(locale, p.votingClosesAt) })}</Notice>;
    case "anonymous":
      return (
        <Notice>
          <a href={p.signInHref}>{t("competitions.voting.gate.signIn")}</a> {t("competitions.voting.gate.signInWhy")}
        </Notice>
      );
    case "unconfirmed":
      return (
        <Notice>
          {t("competitions.voting.gate.unconfirmed")} <a href="/me">{t("competitions.voting.gate.profile")}</a>
        </Notice>
      );
    case "blocked":
      return <Notice>{t("competitions.voting.gate.blocked")}</Notice>;
  }
}
