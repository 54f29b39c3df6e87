import { formatDateTime } from "../../i18n";
import type { FormState } from "../../page-data";
import { Pagination } from "../../ui/blocks";
import { usePage } from "../../ui/context";
import { Button, ErrorSummary, Form } from "../../ui/Form";
import { BodyField, TargetFields, Thread } from "./Discussion";
import type { ThreadView } from "./props";

/** A thread on its own page: every reply, 50 at a time (linked from a long thread on the target's page). */
export interface ThreadPageProps {
  thread: ThreadView;
  target: { type: string; id: string; title: string; url: string };
  isFirstPage: boolean;
  bodyMax: number;
}

export function ThreadPage(p: ThreadPageProps) {
  const { t } = usePage();
  return (
    <>
      <h1>{t("comments.thread.title", { title: p.target.title })}</h1>
      <p>
        <a href={`${p.target.url}#comments`}>{t("comments.back")}</a>
      </p>
      <Thread thread={p.thread} target={p.target} bodyMax={p.bodyMax} hideMoreLink />
      <Pagination nextHref={p.thread.moreRepliesHref} firstHref={p.isFirstPage ? null : `/comments/${p.thread.id}`} labels={{ next: t("comments.moreReplies") }} />
    </>
  );
}

/** The author's edit form (15 minutes after posting). */
export interface EditCommentProps {
  id: string;
  editableUntil: number;
  backHref: string;
  bodyMax: number;
  form: FormState<{ body: string }>;
}

export function EditCommentPage(p: EditCommentProps) {
  const { t, locale } = usePage();
  const labels = { body: t("comments.new.label") };
  return (
    <>
      <h1>{t("comments.edit.title")}</h1>
      <p class="lead">{t("comments.edit.lead", { time: formatDateTime(locale, p.editableUntil) })}</p>
      <ErrorSummary form={p.form} labels={labels} />
      <Form action={`/comments/${p.id}/edit`}>
        <BodyField id="f-body" label={labels.body} bodyMax={p.bodyMax} value={p.form.values.body} error={p.form.errors.find((e) => e.field === "body")?.reason} />
        <div class="actions">
          <Button>{t("comments.edit.save")}</Button>
          <a href={p.backHref}>{t("comments.back")}</a>
        </div>
      </Form>
    </>
  );
}

/**
 * A comment or reply that the server refused (too long, empty, rate limit, closed discussion): the
 * same form again with the reason and the person's text kept, and a way back to the discussion.
 */
export interface CommentFormProps {
  target: { type: string; id: string };
  parentId: string | null;
  backHref: string;
  bodyMax: number;
  form: FormState<{ body: string }>;
}

export function CommentFormPage(p: CommentFormProps) {
  const { t } = usePage();
  const labels = { body: t("comments.new.label") };
  const bodyError = p.form.errors.find((e) => e.field === "body")?.reason;
  const other = p.form.errors.filter((e) => e.field !== "body");
  return (
    <>
      <h1>{t("comments.form.title")}</h1>
      <p class="lead">{t("comments.form.lead")}</p>
      <ErrorSummary form={{ ...p.form, errors: p.form.errors.filter((e) => e.field === "body"), message: p.form.message ?? (other.length ? other.map((e) => e.reason).join(" ") : undefined) }} labels={labels} />
      <Form action="/comments">
        <TargetFields target={p.target} parentId={p.parentId} />
        <BodyField id="f-body" label={labels.body} bodyMax={p.bodyMax} value={p.form.values.body} error={bodyError} />
        <div class="actions">
          <Button>{t("comments.new.submit")}</Button>
          <a href={p.backHref}>{t("comments.back")}</a>
        </div>
      </Form>
    </>
  );
}
