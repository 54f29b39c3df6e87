import type { MessageKey } from "../../i18n";
import { formatDateTime } from "../../i18n";
import { Notice, TextSection } from "../../ui/blocks";
import { usePage } from "../../ui/context";
import { Button, Form } from "../../ui/Form";
import { Gallery } from "../attachments/Gallery";
import { Discussion } from "../comments/Discussion";
import type { DiscussionProps } from "../comments/props";
import type { AttachmentView } from "../attachments/types";
import type { ProposalContent } from "../../../worker/proposals/completeness";
import { formatCalendarDate, formatCount, formatDay, formatRoubles } from "./format";
import { StatusBadge, type ProposalStatusName } from "./StatusBadge";

export interface ProposalPageProps {
  /** The content fields as the rules know them, with the theme's name for the reader. */
  proposal: ProposalContent & {
    id: string;
    themeName: string;
    status: ProposalStatusName;
    hidden: boolean;
    supportCount: number;
    commentCount: number;
    publishedAt: number | null;
    organiserName: string;
    authorName: string | null;
    organisationId: string | null;
    organisationName: string | null;
  };
  supportedByMe: boolean;
  canSupport: boolean;
  isAuthor: boolean;
  canEdit: boolean;
  canSubmit: boolean;
  canWithdraw: boolean;
  history: { at: number; action: string; actorName: string | null; reason: string | null }[] | null;
  attachments: AttachmentView[];
  /** The comments module's discussion of this proposal (worker/comments loadDiscussion). */
  discussion: DiscussionProps;
}

/** One proposal: every field formatted, its state, the author's actions, support, history. */
export function ProposalPage(p: ProposalPageProps) {
  const { t, locale, user, path } = usePage();
  const x = p.proposal;
  const none = <span class="muted">{t("proposals.notSet")}</span>;
  const isPublic = (x.status === "published" || x.status === "archived") && !x.hidden;
  const territory = [x.city, x.district, x.tos].filter(Boolean).join(", ");
  return (
    <article class="proposal">
      <h1>{x.title || t("proposals.untitled")}</h1>
      <p>
        <StatusBadge status={x.status} hidden={x.hidden} />
        {x.publishedAt !== null && <> · {formatDay(locale, x.publishedAt)}</>}
      </p>
      {x.hidden ? <Notice>{t("proposals.hiddenNotice")}</Notice> : !isPublic && <Notice>{t("proposals.notPublicNotice")}</Notice>}
      {x.summary && <p class="lead">{x.summary}</p>}
      <dl class="meta">
        <dt>{t("proposals.organiser")}</dt>
        <dd>{x.organiserName}</dd>
        {x.organisationId && x.organisationName ? (
          <>
            <dt>{t("proposals.organisation")}</dt>
            <dd>
              <a href={`/organisations/${x.organisationId}`}>{x.organisationName}</a>
            </dd>
          </>
        ) : null}
        <dt>{t("proposals.author")}</dt>
        <dd>{x.authorName ?? t("deletedUser")}</dd>
        <dt>{t("proposals.f.theme")}</dt>
        <dd>{x.themeName || none}</dd>
        <dt>{t("proposals.section.territory")}</dt>
        <dd>{territory || none}</dd>
        <dt>{t("proposals.f.beneficiaries")}</dt>
        <dd>{x.beneficiaries !== null ? formatCount(locale, x.beneficiaries) : none}</dd>
        <dt>{t("proposals.f.budgetRequested")}</dt>
        <dd>{x.budgetRequested !== null ? formatRoubles(locale, x.budgetRequested) : none}</dd>
        <dt>{t("proposals.f.cofinancing")}</dt>
        <dd>{x.cofinancing !== null ? formatRoubles(locale, x.cofinancing) : none}</dd>
        <dt>{t("proposals.section.money")}</dt>
        <dd>
          {x.startDate || x.endDate
            ? t("proposals.period", { start: x.startDate ? formatCalendarDate(locale, x.startDate) : "…", end: x.endDate ? formatCalendarDate(locale, x.endDate) : "…" })
            : none}
        </dd>
      </dl>

      <section id="support" aria-labelledby="support-title" class="support">
        <h2 id="support-title" class="visually-hidden">
          {t("proposals.support")}
        </h2>
        <p>
          <strong>{t("proposals.supports", { n: formatCount(locale, x.supportCount) })}</strong>
        </p>
        {p.supportedByMe && <p>{t("proposals.supportedByYou")}</p>}
        {p.canSupport ? (
          <Form action={`/proposals/${x.id}/support`} class="inline-form">
            <input type="hidden" name="support" value={p.supportedByMe ? "off" : "on"} />
            <Button kind={p.supportedByMe ? "secondary" : "primary"}>{p.supportedByMe ? t("proposals.unsupport") : t("proposals.support")}</Button>
          </Form>
        ) : (
          !user && isPublic && x.status === "published" && <a href={`/signin?next=${encodeURIComponent(path)}`}>{t("proposals.supportSignIn")}</a>
        )}
      </section>

      {p.isAuthor && (p.canEdit || p.canSubmit || p.canWithdraw) && (
        <section aria-labelledby="author-actions" class="author-actions">
          <h2 id="author-actions">{t("proposals.actions")}</h2>
          <div class="actions">
            {p.canEdit && (
              <a class="btn btn--secondary" href={`/proposals/${x.id}/edit`}>
                {t("proposals.edit")}
              </a>
            )}
            {p.canSubmit && (
              <Form action={`/proposals/${x.id}/submit`} class="inline-form">
                <Button>{t("proposals.submit")}</Button>
              </Form>
            )}
            {p.canWithdraw && (
              <Form action={`/proposals/${x.id}/withdraw`} class="inline-form">
                <Button kind="danger">{t("proposals.withdraw")}</Button>
              </Form>
            )}
          </div>
        </section>
      )}

      <TextSection title={t("proposals.f.problem")} text={x.problem} />
      <TextSection title={t("proposals.f.goal")} text={x.goal} />
      {x.tasks.length > 0 && (
        <section>
          <h2>{t("proposals.f.tasks")}</h2>
          <ol>
            {x.tasks.map((task, i) => (
              <li key={i}>{task}</li>
            ))}
          </ol>
        </section>
      )}
      <TextSection title={t("proposals.f.expectedResults")} text={x.expectedResults} />
      <TextSection title={t("proposals.f.team")} text={x.team} />

      {p.attachments.length > 0 && (
        <section aria-labelledby="files-title">
          <h2 id="files-title">{t("proposals.attachments")}</h2>
          <Gallery items={p.attachments} headingLevel={3} />
        </section>
      )}

      {p.history && p.history.length > 0 && (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t("proposals.history")}</h2>
          <ol class="history">
            {p.history.map((h, i) => (
              <li key={i}>
                <time dateTime={new Date(h.at).toISOString()}>{formatDateTime(locale, h.at)}</time> — {t(`proposals.history.${h.action}` as MessageKey)}
                {h.actorName ? ` (${h.actorName})` : ""}
                {h.reason && <p class="history__reason">{t("proposals.history.reason", { reason: h.reason })}</p>}
              </li>
            ))}
          </ol>
        </section>
      )}

      <section id="comments" aria-labelledby="comments-heading">
        <Discussion {...p.discussion} />
      </section>

      {isPublic && user && !p.isAuthor && (
        <p>
          <a href={`/report?type=proposal&id=${encodeURIComponent(x.id)}`}>{t("proposals.report")}</a>
        </p>
      )}
    </article>
  );
}
