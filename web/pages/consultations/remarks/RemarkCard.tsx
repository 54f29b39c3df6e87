import type { MessageKey } from "../../../i18n";
import { formatDateTime } from "../../../i18n";
import { Badge } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Form } from "../../../ui/Form";
import type { RemarkAuthorView, RemarkCardView } from "./props";
import { WordingDiff } from "./WordingDiff";

const DISPOSITION_TONE = { accepted: "ok", partly: "warn", rejected: "bad", out_of_scope: "neutral" } as const;

/** The author as chosen: the person's name, the organisation's name, or «Участник обсуждения». */
export function RemarkAuthor({ author }: { author: RemarkAuthorView | null }) {
  const { t } = usePage();
  if (!author) return null;
  if (author.as === "anonymous") return <span class="remark__author">{t("consultations.anonymousAuthor")}</span>;
  if (author.as === "organisation")
    return (
      <a class="remark__author" href={`/organisations/${encodeURIComponent(author.organisationId)}`}>
        {author.name}
      </a>
    );
  return <span class="remark__author">{author.deletedAccount || author.name === null ? t("deletedUser") : author.name}</span>;
}

/**
 * One remark: its kind, author as chosen, time, text, the proposed wording as a word diff (or the
 * proposed new clause), support (a form that works without JavaScript), replies, the report link and
 * the organiser's decision. Headings at `headingLevel` keep the page outline right wherever it is used.
 */
export function RemarkCard(p: { remark: RemarkCardView; headingLevel?: 2 | 3; showOpenLink?: boolean }) {
  const { t, locale } = usePage();
  const r = p.remark;
  const H = p.headingLevel === 2 ? "h2" : "h3";
  const titleId = `remark-${r.id}-title`;
  if (r.status === "deleted") {
    return (
      <article class="remark remark--deleted" id={`remark-${r.id}`} aria-labelledby={titleId}>
        <H class="remark__title" id={titleId}>
          <Badge>{t(`consultations.remarkKind.${r.kind}` as MessageKey)}</Badge>
        </H>
        <p class="remark__placeholder">{t("consultations.remarks.deleted")}</p>
      </article>
    );
  }
  return (
    <article class={`remark remark--${r.status}`} id={`remark-${r.id}`} aria-labelledby={titleId}>
      <H class="remark__title" id={titleId}>
        <Badge tone={r.kind === "objection" ? "warn" : "neutral"}>{t(`consultations.remarkKind.${r.kind}` as MessageKey)}</Badge>{" "}
        <RemarkAuthor author={r.author} />
      </H>
      <p class="remark__meta">
        <time dateTime={new Date(r.createdAt).toISOString()}>{formatDateTime(locale, r.createdAt)}</time>
        {r.placeLabel && (
          <>
            {" · "}
            {r.placeHref ? <a href={r.placeHref}>{r.placeLabel}</a> : r.placeLabel}
          </>
        )}
        {r.mine && (
          <>
            {" · "}
            <Badge>{t("consultations.remarks.yours")}</Badge>
          </>
        )}
      </p>
      {r.proposal?.kind === "wording" && (
        <div class="remark__proposal">
          <p class="remark__label">{t("consultations.remarks.proposedWording")}</p>
          <p class="visually-hidden">{t("consultations.remarks.diffLegend")}</p>
          <WordingDiff parts={r.proposal.diff} />
        </div>
      )}
      {r.proposal?.kind === "new_clause" && (
        <div class="remark__proposal">
          <p class="remark__label">{t("consultations.remarks.proposedClause")}</p>
          <p class="remark__text">{r.proposal.text}</p>
        </div>
      )}
      {r.body && (
        <>
          {r.proposal && <p class="remark__label">{t("consultations.remarks.explanation")}</p>}
          <p class="remark__text">{r.body}</p>
        </>
      )}
      {r.disposition && (
        <div class="remark__disposition">
          <p>
            {t("consultations.remarks.disposition")}: <Badge tone={DISPOSITION_TONE[r.disposition]}>{t(`consultations.disposition.${r.disposition}` as MessageKey)}</Badge>
          </p>
          {r.dispositionReason && <p class="remark__text">{t("consultations.remarks.dispositionReason", { reason: r.dispositionReason })}</p>}
        </div>
      )}
      <div class="remark__actions">
        <span>{t("consultations.remarks.supports", { n: r.supportCount })}</span>
        {r.supportedByMe && <span class="muted">{t("consultations.remarks.supportedByYou")}</span>}
        {r.supportAction && (
          <Form action={r.supportAction} class="inline-form">
            <input type="hidden" name="support" value={r.supportedByMe ? "off" : "on"} />
            <input type="hidden" name="back" value={r.back} />
            {/* The remark's heading describes the button: twenty «Поддержать» on a page must say which. */}
            <button type="submit" class="btn btn--secondary" aria-describedby={titleId}>
              {r.supportedByMe ? t("consultations.remarks.unsupport") : t("consultations.remarks.support")}
            </button>
          </Form>
        )}
        {p.showOpenLink !== false && (
          <a href={`${r.url}#comments`} aria-describedby={titleId}>
            {t("consultations.remarks.replies", { n: r.replyCount })}
          </a>
        )}
        {r.reportHref && (
          <a href={r.reportHref} aria-describedby={titleId}>
            {t("consultations.remarks.report")}
          </a>
        )}
      </div>
    </article>
  );
}
