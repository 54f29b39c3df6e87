import type { MessageKey } from "../../../i18n";
import type { FormState } from "../../../page-data";
import { EmptyState } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, Checkbox, ErrorSummary, Field, Form, Select } from "../../../ui/Form";
import { clauseLabel, CommitmentStatusBadge, NoteLine, OverdueBadge, STATUS_NAMES, type CommitmentStatusName, type NoteProps } from "./parts";

export interface CommitmentPageProps {
  consultation: { id: string; title: string };
  commitment: { id: string; clauseNumber: string; clauseText: string; addressee: string; responsible: string; dueOn: string | null; status: CommitmentStatusName; overdue: boolean };
  notes: NoteProps[];
  editForm: FormState<{ addressee: string; responsible: string; dueOn: string; status: string }>;
  noteForm: FormState<{ notedOn: string; body: string; newStatus: string }>;
  deleteForm: FormState<{ confirm: string }>;
  limits: { addressee: number; responsible: number; note: number };
}

/** The organiser's page of one commitment: edit it, add a dated progress note (maybe changing the status), remove it. */
export function CommitmentPage(p: CommitmentPageProps) {
  const { t } = usePage();
  const c = p.commitment;
  const base = `/consultations/${encodeURIComponent(p.consultation.id)}`;
  const self = `${base}/commitments/${encodeURIComponent(c.id)}`;
  const statusLabel = (s: CommitmentStatusName) => t(`consultations.commitment.${s}` as MessageKey);
  const editLabels = {
    addressee: t("consultations.implementation.addressee"),
    responsible: t("consultations.implementation.responsible"),
    dueOn: t("consultations.implementation.due"),
    status: t("consultations.implementation.status"),
  };
  const noteLabels = { notedOn: t("consultations.implementation.commitment.notedOn"), body: t("consultations.implementation.commitment.body"), newStatus: t("consultations.implementation.commitment.newStatus") };
  const noteError = p.noteForm.errors.find((e) => e.field === "newStatus")?.reason;
  return (
    <>
      <h1>{t("consultations.implementation.commitment.title", { clause: clauseLabel(t, c.clauseNumber), addressee: c.addressee })}</h1>
      <p>
        <a href={`${base}/implementation#commitment-${c.id}`}>{t("consultations.implementation.commitment.back")}</a> · <a href={base}>{p.consultation.title}</a>
      </p>
      <p class="pre-line">{c.clauseText}</p>
      <p>
        <CommitmentStatusBadge status={c.status} />
        {c.overdue && (
          <>
            {" "}
            <OverdueBadge />
          </>
        )}
      </p>

      <section aria-labelledby="edit-title">
        <h2 id="edit-title">{t("consultations.implementation.commitment.edit")}</h2>
        <ErrorSummary form={p.editForm} labels={editLabels} />
        <Form action={self}>
          <Field name="addressee" label={editLabels.addressee} form={p.editForm} required maxLength={p.limits.addressee} />
          <Field name="responsible" label={editLabels.responsible} form={p.editForm} maxLength={p.limits.responsible} />
          <Field name="dueOn" label={editLabels.dueOn} form={p.editForm} maxLength={10} hint={`${t("consultations.implementation.dateFormat")} ${t("consultations.implementation.commitment.dueHint")}`} />
          <Select name="status" label={editLabels.status} form={p.editForm} options={STATUS_NAMES.map((s) => ({ value: s, label: statusLabel(s) }))} />
          <Button>{t("consultations.implementation.commitment.save")}</Button>
        </Form>
      </section>

      <section aria-labelledby="note-title">
        <h2 id="note-title">{t("consultations.implementation.commitment.noteTitle")}</h2>
        <ErrorSummary form={p.noteForm} labels={noteLabels} />
        <Form action={`${self}/notes`}>
          <Field name="notedOn" label={noteLabels.notedOn} form={p.noteForm} required maxLength={10} hint={`${t("consultations.implementation.dateFormat")} ${t("consultations.implementation.commitment.notedOnHint")}`} />
          <Field name="body" label={noteLabels.body} form={p.noteForm} required multiline maxLength={p.limits.note} />
          <div class={`field${noteError ? " field--error" : ""}`}>
            <label for="f-newStatus">{noteLabels.newStatus}</label>
            {noteError && (
              <p class="field__error" id="f-newStatus-error">
                {noteError}
              </p>
            )}
            <select id="f-newStatus" name="newStatus" aria-invalid={noteError ? "true" : undefined} aria-describedby={noteError ? "f-newStatus-error" : undefined}>
              <option value="">{t("consultations.implementation.commitment.keepStatus", { status: statusLabel(c.status).toLocaleLowerCase() })}</option>
              {STATUS_NAMES.filter((s) => s !== c.status).map((s) => (
                <option key={s} value={s} selected={p.noteForm.values.newStatus === s}>
                  {statusLabel(s)}
                </option>
              ))}
            </select>
          </div>
          <Button>{t("consultations.implementation.commitment.addNote")}</Button>
        </Form>
      </section>

      <section aria-labelledby="notes-title">
        <h2 id="notes-title">{t("consultations.implementation.commitment.notesTitle")}</h2>
        {p.notes.length === 0 ? (
          <EmptyState>{t("consultations.implementation.noNotes")}</EmptyState>
        ) : (
          <ul class="history">
            {p.notes.map((n) => (
              <li key={n.id}>
                <NoteLine n={n} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="delete-title">
        <h2 id="delete-title">{t("consultations.implementation.commitment.deleteTitle")}</h2>
        <p>{t("consultations.implementation.commitment.deleteLead")}</p>
        <ErrorSummary form={p.deleteForm} labels={{ confirm: t("consultations.implementation.commitment.deleteConfirm") }} />
        <Form action={`${self}/delete`}>
          <Checkbox name="confirm" label={t("consultations.implementation.commitment.deleteConfirm")} form={p.deleteForm} />
          <Button kind="danger">{t("consultations.implementation.commitment.delete")}</Button>
        </Form>
      </section>
    </>
  );
}
