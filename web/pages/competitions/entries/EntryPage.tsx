import type { EntrantKind, EntryKind, EntryStatus } from "../../../../worker/competitions/schema";
import { formatDateTime } from "../../../i18n";
import { Notice, TextSection } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, Form } from "../../../ui/Form";
import { Gallery } from "../../attachments/Gallery";
import type { AttachmentView } from "../../attachments/types";
import { UploadForm } from "../../attachments/UploadForm";
import { EntryStatusBadge } from "./EntryStatusBadge";
import { Crumbs } from "../parts";

export interface EntryPageProps {
  competition: { id: string; title: string };
  entry: {
    id: string;
    kind: EntryKind;
    proposalId: string | null;
    nominationId: string;
    nominationTitle: string;
    entrantKind: EntrantKind;
    organisationId: string | null;
    organisationName: string | null;
    /** The person, for an entry in their own name (null for an organisation's, or a deleted account). */
    entrantName: string | null;
    entrantDeleted: boolean;
    city: string;
    title: string;
    problem: string;
    actions: string;
    results: string;
    period: string;
    budget: number | null;
    /** Only to the entrant and the organiser's staff. */
    contact: string | null;
    status: EntryStatus;
    hidden: boolean;
    /** The moderator's reason, only to the entrant and staff. */
    reason: string | null;
    createdAt: number;
  };
  /** The entrant or the organiser's staff: the status and the reason are shown. */
  showStatus: boolean;
  canWithdraw: boolean;
  canEditFiles: boolean;
  files: AttachmentView[];
  /** During voting: the nomination's ballot. */
  voteHref: string | null;
  /** After the results are published, the entry's row (if it has one). */
  result: { rank: number; winner: boolean; juryScore: number | null; votes: number; total: number } | null;
  /** A signed-in person other than the entrant, on a public entry. */
  canReport: boolean;
}

const fmt = (locale: string, n: number, digits = 0) => new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB", { maximumFractionDigits: digits }).format(n);

/** One entry: every field (the contact and the reason only to those who may read them), files, status, actions. */
export function EntryPage(p: EntryPageProps) {
  const { t, locale } = usePage();
  const e = p.entry;
  const none = <span class="muted">{t("competitions.entries.page.notSet")}</span>;
  const isPublic = e.status === "admitted" && !e.hidden;
  const url = `/competitions/${p.competition.id}/entries/${e.id}`;
  return (
    <article class="entry">
      <Crumbs competition={p.competition} />
      <h1>{e.title}</h1>
      {p.showStatus && (
        <section aria-labelledby="status-title">
          <h2 id="status-title" class="visually-hidden">
            {t("competitions.entries.page.status")}
          </h2>
          <p>
            <EntryStatusBadge status={e.status} hidden={e.hidden} />
          </p>
          {e.reason && <p class="pre-line">{t("competitions.entries.page.reason", { reason: e.reason })}</p>}
          {e.hidden ? <Notice>{t("competitions.entries.page.hiddenNotice")}</Notice> : !isPublic && <Notice>{t("competitions.entries.page.notPublic")}</Notice>}
        </section>
      )}
      <dl class="meta">
        <dt>{t("competitions.nomination")}</dt>
        <dd>
          <a href={`/competitions/${p.competition.id}/entries?nomination=${encodeURIComponent(e.nominationId)}`}>{e.nominationTitle}</a>
        </dd>
        <dt>{t("competitions.entries.page.kind")}</dt>
        <dd>{t(`competitions.entryKind.${e.kind}`)}</dd>
        <dt>{t("competitions.entries.page.entrant")}</dt>
        <dd>
          {e.organisationId && e.organisationName ? (
            <a href={`/organisations/${e.organisationId}`}>{e.organisationName}</a>
          ) : (
            (e.entrantName ?? t("competitions.entries.page.deletedUser"))
          )}{" "}
          <span class="muted">({t(`competitions.entries.kind.${e.entrantKind}`)})</span>
        </dd>
        <dt>{t("competitions.entries.page.city")}</dt>
        <dd>{e.city || none}</dd>
        <dt>{t("competitions.entries.page.period")}</dt>
        <dd>{e.period || none}</dd>
        <dt>{t("competitions.entries.page.budget")}</dt>
        <dd>{e.budget !== null ? new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB", { style: "currency", currency: "RUB", maximumFractionDigits: 0 }).format(e.budget) : none}</dd>
        <dt>{t("competitions.entries.page.submittedAt")}</dt>
        <dd>
          <time dateTime={new Date(e.createdAt).toISOString()}>{formatDateTime(locale, e.createdAt)}</time>
        </dd>
        {e.contact !== null && (
          <>
            <dt>{t("competitions.entries.page.contact")}</dt>
            <dd>
              {e.contact || none} <span class="muted">— {t("competitions.entries.page.contactNote")}</span>
            </dd>
          </>
        )}
        {e.kind === "proposal" && e.proposalId && (
          <>
            <dt>{t("competitions.entries.page.proposal")}</dt>
            <dd>
              <a href={`/proposals/${e.proposalId}`}>{e.title}</a>
            </dd>
          </>
        )}
      </dl>

      {p.result && (
        <section aria-labelledby="result-title" class="card">
          <h2 id="result-title">{t("competitions.entries.page.result")}</h2>
          <p>
            <strong>{t("competitions.entries.page.place", { rank: p.result.rank })}</strong>
            {p.result.winner && <> · {t("competitions.entries.page.winner")}</>}
          </p>
          <ul>
            {p.result.juryScore !== null && <li>{t("competitions.entries.page.jury", { score: fmt(locale, p.result.juryScore, 2) })}</li>}
            <li>{t("competitions.entries.page.votes", { n: fmt(locale, p.result.votes) })}</li>
            <li>{t("competitions.entries.page.total", { score: fmt(locale, p.result.total, 2) })}</li>
          </ul>
        </section>
      )}

      {p.voteHref && (
        <p>
          <a class="btn btn--primary" href={p.voteHref}>
            {t("competitions.entries.page.vote")}
          </a>
        </p>
      )}

      <TextSection title={t("competitions.entries.page.problem")} text={e.problem} />
      <TextSection title={t("competitions.entries.page.actions")} text={e.actions} />
      <TextSection title={t("competitions.entries.page.results")} text={e.results} />

      {(p.files.length > 0 || p.canEditFiles) && (
        <section aria-labelledby="files-title">
          <h2 id="files-title">{t("competitions.entries.page.files")}</h2>
          {p.canEditFiles ? (
            <>
              <p class="field__hint">{t("competitions.entries.page.filesHint")}</p>
              <UploadForm ownerType="entry" ownerId={e.id} items={p.files} next={url} />
            </>
          ) : (
            <Gallery items={p.files} headingLevel={3} />
          )}
        </section>
      )}

      {p.canWithdraw && (
        <section aria-labelledby="withdraw-title" class="author-actions">
          <h2 id="withdraw-title">{t("competitions.entries.page.withdraw")}</h2>
          <p>{t("competitions.entries.page.withdrawHint")}</p>
          <Form action={`${url}/withdraw`} class="inline-form">
            <Button kind="danger">{t("competitions.entries.page.withdraw")}</Button>
          </Form>
        </section>
      )}

      <p>
        <a href={`/competitions/${p.competition.id}/entries?nomination=${encodeURIComponent(e.nominationId)}`}>{t("competitions.entries.page.allEntries")}</a>
        {p.showStatus && (
          <>
            {" · "}
            <a href="/competitions/mine">{t("competitions.entries.page.mine")}</a>
          </>
        )}
      </p>
      {p.canReport && (
        <p>
          <a href={`/report?type=entry&id=${encodeURIComponent(e.id)}`}>{t("competitions.entries.page.report")}</a>
        </p>
      )}
    </article>
  );
}
