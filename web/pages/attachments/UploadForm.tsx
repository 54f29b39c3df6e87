import type { FormState } from "../../page-data";
import { ErrorSummary, Form } from "../../ui/Form";
import { usePage } from "../../ui/context";
import { formatSize } from "./size";
import { ACCEPT_ATTRIBUTE, type AttachmentView } from "./types";

export const MAX_FILES = 10;

/**
 * The owner's files with a delete button each, and a form to add one more. Plain HTML forms
 * (multipart POST /attachments, POST /attachments/:id/delete) that come back to `next`, so it all
 * works without JavaScript. `form` carries the errors of a refused upload.
 */
export function UploadForm(p: { ownerType: string; ownerId: string; items: AttachmentView[]; next: string; form?: FormState }) {
  const { t, locale } = usePage();
  // A competition's file is its rules document: PDF only (worker/attachments/rules.ts acceptedFor).
  const pdfOnly = p.ownerType === "competition";
  const form = p.form ?? { values: {}, errors: [] };
  const error = form.errors.find((e) => e.field === "file")?.reason;
  const full = p.items.length >= MAX_FILES;
  const fieldId = `f-file-${p.ownerId}`;
  const describedBy = [`${fieldId}-hint`, error && `${fieldId}-error`].filter(Boolean).join(" ");
  return (
    <div class="attachments-edit">
      <ErrorSummary form={{ ...form, errors: form.errors.map((e) => ({ ...e, field: e.field === "file" ? `file-${p.ownerId}` : e.field })) }} labels={{ [`file-${p.ownerId}`]: t("attachments.fileLabel") }} />
      {p.items.length ? (
        <ul class="file-list file-list--edit">
          {p.items.map((a) => (
            <li key={a.id}>
              {a.kind === "image" && <img src={a.thumbUrl ?? a.url} alt="" width={a.thumbWidth ? Math.min(96, a.thumbWidth) : undefined} height={a.thumbWidth && a.thumbHeight ? Math.round((a.thumbHeight * Math.min(96, a.thumbWidth)) / a.thumbWidth) : undefined} class="file-list__thumb" />}
              <a href={a.url}>{a.fileName}</a> <span class="file-list__meta">({formatSize(t, locale, a.size)})</span>
              <Form action={`/attachments/${encodeURIComponent(a.id)}/delete`} class="inline-form">
                <input type="hidden" name="next" value={p.next} />
                <button type="submit" class="btn btn--secondary" aria-label={t("attachments.deleteNamed", { name: a.fileName })}>
                  {t("attachments.delete")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("attachments.empty")}</p>
      )}
      <p>{t("attachments.count", { n: p.items.length, max: MAX_FILES })}</p>
      {full ? (
        <p class="notice notice--info">{t("attachments.full", { max: MAX_FILES })}</p>
      ) : (
        <Form action="/attachments" enctype="multipart/form-data">
          <input type="hidden" name="ownerType" value={p.ownerType} />
          <input type="hidden" name="ownerId" value={p.ownerId} />
          <input type="hidden" name="next" value={p.next} />
          <div class={`field${error ? " field--error" : ""}`}>
            <label for={fieldId}>{t("attachments.fileLabel")}</label>
            <p class="field__hint" id={`${fieldId}-hint`}>
              {t(pdfOnly ? "attachments.limitsPdf" : "attachments.limits", { max: MAX_FILES })} {t("attachments.privacy")}
            </p>
            {error && (
              <p class="field__error" id={`${fieldId}-error`}>
                {error}
              </p>
            )}
            <input type="file" id={fieldId} name="file" accept={pdfOnly ? "application/pdf,.pdf" : ACCEPT_ATTRIBUTE} required aria-describedby={describedBy} aria-invalid={error ? "true" : undefined} />
          </div>
          <button type="submit" class="btn btn--primary">
            {t("attachments.upload")}
          </button>
        </Form>
      )}
    </div>
  );
}
