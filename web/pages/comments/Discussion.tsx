import { formatDateTime } from "../../i18n";
import { EmptyState, Pagination } from "../../ui/blocks";
import { usePage } from "../../ui/context";
import { Button, Form } from "../../ui/Form";
import { linkify } from "./linkify";
import type { CommentView, DiscussionProps, ThreadView } from "./props";

/**
 * A target's discussion: heading with the count, the new-comment form, threads as nested ordered
 * lists (two levels), «Показать ещё». Everything works without JavaScript (plain forms and links;
 * the reply and delete forms open in <details>, which the keyboard reaches like any button). User
 * text is only ever rendered as text nodes and as the href of http(s) links.
 */
export function Discussion(p: DiscussionProps) {
  const { t } = usePage();
  return (
    <div class="discussion">
      <h2 id="comments-heading">{t("comments.heading", { n: p.count })}</h2>
      {p.canPost ? <NewCommentForm target={p.target} bodyMax={p.bodyMax} /> : p.refusal && <Refusal why={p.refusal} signInHref={p.signInHref} />}
      {p.items.length === 0 ? (
        <EmptyState>{t("comments.empty")}</EmptyState>
      ) : (
        <ol class="comments" aria-labelledby="comments-heading">
          {p.items.map((thread) => (
            <li key={thread.id}>
              <Thread thread={thread} target={p.target} bodyMax={p.bodyMax} />
            </li>
          ))}
        </ol>
      )}
      <Pagination nextHref={p.nextHref} firstHref={p.firstHref} labels={{ first: t("comments.first"), next: t("comments.more") }} />
    </div>
  );
}

type Target = DiscussionProps["target"];

function Refusal(p: { why: NonNullable<DiscussionProps["refusal"]>; signInHref: string }) {
  const { t } = usePage();
  return (
    <p class="notice">
      {t(`comments.why.${p.why}`)}
      {p.why === "signIn" && (
        <>
          {" "}
          <a href={p.signInHref}>{t("comments.signIn")}</a>
        </>
      )}
    </p>
  );
}

/** The body field with its stated limit; `id` keeps ids unique when a page repeats the form. */
export function BodyField(p: { id: string; label: string; bodyMax: number; value?: string; error?: string }) {
  const { t } = usePage();
  const hint = `${p.id}-hint`;
  const err = `${p.id}-error`;
  return (
    <div class={`field${p.error ? " field--error" : ""}`}>
      <label for={p.id}>{p.label}</label>
      <p class="field__hint" id={hint}>
        {t("comments.new.hint", { max: p.bodyMax })}
      </p>
      {p.error && (
        <p class="field__error" id={err}>
          {p.error}
        </p>
      )}
      <textarea id={p.id} name="body" rows={4} maxLength={p.bodyMax} required aria-describedby={p.error ? `${hint} ${err}` : hint} aria-invalid={p.error ? "true" : undefined}>
        {p.value ?? ""}
      </textarea>
    </div>
  );
}

/** Where a comment form goes: the target, and the comment answered for a reply. */
export function TargetFields(p: { target: { type: string; id: string }; parentId?: string | null }) {
  return (
    <>
      <input type="hidden" name="targetType" value={p.target.type} />
      <input type="hidden" name="targetId" value={p.target.id} />
      {p.parentId && <input type="hidden" name="parentId" value={p.parentId} />}
    </>
  );
}

function NewCommentForm(p: { target: Target; bodyMax: number }) {
  const { t } = usePage();
  return (
    <Form action="/comments" class="form comment-form">
      <TargetFields target={p.target} />
      <BodyField id="f-body" label={t("comments.new.label")} bodyMax={p.bodyMax} />
      <Button>{t("comments.new.submit")}</Button>
    </Form>
  );
}

/** A top-level comment with its replies (the second level, however deep the answering went). */
export function Thread(p: { thread: ThreadView; target: Target; bodyMax: number; hideMoreLink?: boolean }) {
  const { t } = usePage();
  const th = p.thread;
  return (
    <>
      <Comment c={th} target={p.target} bodyMax={p.bodyMax} />
      {th.replies.length > 0 && (
        <ol class="comments comments--replies">
          {th.replies.map((r) => (
            <li key={r.id}>
              <Comment c={r} target={p.target} bodyMax={p.bodyMax} />
            </li>
          ))}
        </ol>
      )}
      {th.moreRepliesHref && !p.hideMoreLink && (
        <p class="comments__more">
          <a href={th.moreRepliesHref}>{t("comments.allReplies", { n: th.replyCount })}</a>
        </p>
      )}
    </>
  );
}

export function Comment(p: { c: CommentView; target: Target; bodyMax: number }) {
  const { t, locale } = usePage();
  const c = p.c;
  const authorName = c.author ? (c.author.deletedAccount ? t("comments.deletedUser") : c.author.name) : null;
  const replyTo = c.inReplyTo ? (c.inReplyTo.name === null ? t("comments.inReplyToDeleted") : t("comments.inReplyTo", { name: c.inReplyTo.deletedAccount ? t("comments.deletedUser") : c.inReplyTo.name })) : null;
  return (
    <article class={`comment comment--${c.status}`} id={`comment-${c.id}`}>
      <p class="comment__meta">
        {authorName && <strong class="comment__author">{authorName}</strong>}
        {authorName && " · "}
        <time dateTime={new Date(c.createdAt).toISOString()}>{formatDateTime(locale, c.createdAt)}</time>
        {c.editedAt && c.status === "visible" && ` · ${t("comments.edited")}`}
        {replyTo && (
          <>
            {" · "}
            <a href={`#comment-${c.inReplyTo!.id}`}>{replyTo}</a>
          </>
        )}
      </p>
      {c.body !== null ? (
        <>
          {c.status === "hidden" && <p class="comment__note">{t("comments.hiddenNote")}</p>}
          <p class="comment__body">
            {linkify(c.body).map((s, i) =>
              s.kind === "link" ? (
                <a key={i} href={s.href} rel="nofollow ugc noopener">
                  {s.text}
                </a>
              ) : (
                s.text
              ),
            )}
          </p>
        </>
      ) : (
        <p class="comment__placeholder">{t(c.status === "deleted" ? "comments.deleted" : "comments.hidden")}</p>
      )}
      {c.status === "visible" && <Actions c={c} target={p.target} bodyMax={p.bodyMax} author={authorName ?? ""} />}
      {c.status === "hidden" && c.canDelete && <DeleteForm id={c.id} />}
    </article>
  );
}

function Actions(p: { c: CommentView; target: Target; bodyMax: number; author: string }) {
  const { t, locale } = usePage();
  const c = p.c;
  return (
    <div class="comment__actions">
      {c.canVote ? (
        <Form action={`/comments/${c.id}/vote`} class="inline-form comment__votes">
          <span class="visually-hidden">{t("comments.votes")}: </span>
          {/* Pressing the pressed button again takes the vote back (value 0). */}
          <button type="submit" class="vote" name="value" value={c.myVote === 1 ? "0" : "1"} aria-pressed={c.myVote === 1 ? "true" : "false"}>
            {t("comments.vote.upCount", { n: c.up })}
          </button>
          <button type="submit" class="vote" name="value" value={c.myVote === -1 ? "0" : "-1"} aria-pressed={c.myVote === -1 ? "true" : "false"}>
            {t("comments.vote.downCount", { n: c.down })}
          </button>
        </Form>
      ) : (
        <span class="comment__votes">
          {t("comments.vote.upCount", { n: c.up })} · {t("comments.vote.downCount", { n: c.down })}
        </span>
      )}
      {c.canReply && (
        <details class="comment__reply">
          <summary>{t("comments.reply")}</summary>
          <Form action="/comments" class="form comment-form">
            <TargetFields target={p.target} parentId={c.id} />
            <BodyField id={`reply-${c.id}`} label={t("comments.reply.label", { name: p.author || t("comments.deletedUser") })} bodyMax={p.bodyMax} />
            <Button>{t("comments.reply.submit")}</Button>
          </Form>
        </details>
      )}
      {c.editableUntil !== null && (
        <a href={`/comments/${c.id}/edit`}>
          {t("comments.edit")}
          <span class="visually-hidden"> ({t("comments.editUntil", { time: formatDateTime(locale, c.editableUntil) })})</span>
        </a>
      )}
      {c.canDelete && <DeleteForm id={c.id} />}
      {c.canReport && <a href={`/report?type=comment&id=${encodeURIComponent(c.id)}`}>{t("comments.report")}</a>}
    </div>
  );
}

function DeleteForm(p: { id: string }) {
  const { t } = usePage();
  return (
    <details class="comment__delete">
      <summary>{t("comments.delete")}</summary>
      <Form action={`/comments/${p.id}/delete`} class="form">
        <p>{t("comments.delete.confirm")}</p>
        <Button kind="danger">{t("comments.delete.yes")}</Button>
      </Form>
    </details>
  );
}
