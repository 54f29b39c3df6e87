import type { MessageKey } from "../../../i18n";
import type { FormState } from "../../../page-data";
import { Badge, Notice, Pagination } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Button, ErrorSummary, Field, Form, Select } from "../../../ui/Form";

export const CLAUSE_KIND_OPTIONS = ["clause", "item", "heading", "text"] as const;
export type ClauseKindName = (typeof CLAUSE_KIND_OPTIONS)[number];

export interface LinkableRemarkProps {
  id: string;
  kind: "comment" | "wording" | "new_clause" | "objection";
  /** The clause of the previous version it was left on; null: the document as a whole. */
  clauseNumber: string | null;
  /** It proposed a new clause after the previous version's clause before this one. */
  afterPrevious: boolean;
  excerpt: string;
  disposition: "accepted" | "partly";
  linked: boolean;
}

export interface EditorClauseProps {
  id: string;
  position: number;
  number: string;
  kind: ClauseKindName;
  depth: number;
  text: string;
  addressees: string[];
  /** The first words of each paragraph of the text (what the split form offers). */
  paragraphs: string[];
  /** Remarks of the previous version this clause may say it took into account (null: none to offer). */
  remarks: LinkableRemarkProps[] | null;
}

/** The form that failed, shown again with its errors: which clause (null: a form of the whole draft) and which of its forms. */
export interface FailedForm {
  clauseId: string | null;
  action: "save" | "split" | "insert" | "remarks" | "move" | "merge" | "delete" | "renumber" | "publish";
  form: FormState<Record<string, string>>;
}

export interface DraftEditorProps {
  consultation: { id: string; title: string; status: "draft" | "published" | "adopted"; opensAt: number; closesAt: number; currentVersion: number };
  draft: { number: number; clauseCount: number } | null;
  clauses: EditorClauseProps[];
  /** Key pagination by position: the first shown, and the links to the neighbouring pages. */
  page: { from: number; to: number; total: number; prevHref: string | null; nextHref: string | null };
  failed: FailedForm | null;
  limits: { number: number; text: number; depth: number; addressees: number; addressee: number; marker: number; note: number };
}

const fieldId = (clauseId: string | null, action: string, field: string) => `c-${clauseId ?? "draft"}-${action}-${field}`;
/** Problems about the clause itself (not an input) link to the clause. */
const NOT_INPUTS = ["clauseId", "direction", "after", "body"];

/**
 * The draft version's clause editor: the clauses in order as they will be published, each with its
 * own forms (save, move, merge, split, delete, insert after, remarks taken into account), and the
 * whole draft's actions (renumber, replace the text, publish). Every form works without JavaScript
 * and returns to the clause it changed.
 */
export function DraftEditorPage(p: DraftEditorProps) {
  const { t } = usePage();
  const labels = useLabels();
  const c = p.consultation;
  const base = `/consultations/${c.id}`;
  if (!p.draft) {
    return (
      <>
        <h1>{c.title}</h1>
        <Notice>{t("consultations.drafting.problem.noDraft")}</Notice>
        <p class="actions">
          {c.status === "published" && <a href={`${base}/versions/new`}>{t("consultations.drafting.version.newLink")}</a>}
          <a href={`${base}/edit`}>{t("consultations.drafting.links.edit")}</a>
        </p>
      </>
    );
  }
  const failed = p.failed;
  const anchor = (field: string) => (failed?.clauseId && NOT_INPUTS.includes(field) ? `clause-${failed.clauseId}` : fieldId(failed?.clauseId ?? null, failed?.action ?? "", field));
  const publishForm = failed?.action === "publish" ? failed.form : { values: {}, errors: [] };
  return (
    <>
      <h1>{t("consultations.drafting.draft.title", { n: p.draft.number })}</h1>
      <p class="lead">
        {c.title} · {t("consultations.drafting.draft.count", { n: p.draft.clauseCount })}
      </p>
      <p>{t("consultations.drafting.draft.lead")}</p>
      <p class="actions">
        <a href={`${base}/edit`}>{t("consultations.drafting.links.edit")}</a>
        <a href={`${base}/draft/text`}>{t("consultations.drafting.draft.replace")}</a>
        {c.currentVersion > 0 && <a href={base}>{t("consultations.drafting.links.document")}</a>}
      </p>
      {failed && <ErrorSummary form={failed.form} labels={labels} anchor={anchor} />}
      <section aria-labelledby="draft-tools" class="draft-tools">
        <h2 id="draft-tools" class="visually-hidden">
          {t("consultations.drafting.draft.renumber")}
        </h2>
        <Form action={`${base}/draft/renumber`} class="inline-form">
          <input type="hidden" name="from" value={String(p.page.from)} />
          <p class="field__hint" id="renumber-hint">
            {t("consultations.drafting.draft.renumberHint")}
          </p>
          <Button kind="secondary">{t("consultations.drafting.draft.renumber")}</Button>
        </Form>
        {p.page.from === 0 && <InsertForm base={base} after={null} from={p.page.from} failed={failed} limits={p.limits} summary={t("consultations.drafting.draft.insertFirst")} />}
      </section>
      {p.clauses.length === 0 ? (
        <p class="empty">{t("consultations.drafting.draft.empty")}</p>
      ) : (
        <>
          <p>{t("consultations.drafting.draft.shown", { from: p.page.from + 1, to: p.page.to, n: p.page.total })}</p>
          <ol class="draft-clauses">
            {p.clauses.map((cl) => (
              <ClauseEditor key={cl.id} base={base} clause={cl} from={p.page.from} last={cl.position === p.page.total - 1} failed={failed?.clauseId === cl.id ? failed : null} limits={p.limits} previous={p.draft!.number - 1} />
            ))}
          </ol>
          <Pagination
            nextHref={p.page.nextHref}
            firstHref={p.page.prevHref}
            labels={{ nav: t("consultations.drafting.draft.pages"), first: t("consultations.drafting.draft.prev"), next: t("consultations.drafting.draft.next") }}
          />
        </>
      )}
      <section aria-labelledby="publish-title" class="card" id="publish">
        <h2 id="publish-title" class="card__title">
          {t("consultations.drafting.publish.title", { n: p.draft.number })}
        </h2>
        {p.draft.clauseCount === 0 ? (
          <p>{t("consultations.drafting.publish.empty")}</p>
        ) : (
          <details open={failed?.action === "publish"}>
            <summary>{t("consultations.drafting.publish.title", { n: p.draft.number })}</summary>
            <p>{t("consultations.drafting.publish.lead")}</p>
            <Form action={`${base}/draft/publish`}>
              <input type="hidden" name="from" value={String(p.page.from)} />
              {p.draft.number > 1 && <Field multiline id={fieldId(null, "publish", "note")} name="note" label={t("consultations.drafting.publish.note")} form={publishForm} maxLength={p.limits.note} />}
              <Button>{t("consultations.drafting.publish.yes")}</Button>
            </Form>
          </details>
        )}
      </section>
    </>
  );
}

function useLabels(): Record<string, string> {
  const { t } = usePage();
  return {
    number: t("consultations.drafting.clause.f.number"),
    kind: t("consultations.drafting.clause.f.kind"),
    depth: t("consultations.drafting.clause.f.depth"),
    text: t("consultations.drafting.clause.f.text"),
    addressees: t("consultations.drafting.clause.f.addressees"),
    paragraph: t("consultations.drafting.clause.splitLegend"),
    marker: t("consultations.drafting.clause.splitMarker"),
    remarkIds: t("consultations.drafting.remarks.legend"),
    note: t("consultations.drafting.publish.note"),
  };
}

function clauseLabel(t: (k: MessageKey, p?: Record<string, string | number>) => string, cl: { kind: ClauseKindName; number: string }) {
  return t("consultations.drafting.clause.label", { kind: t(`consultations.clauseKind.${cl.kind}` as MessageKey), number: cl.number || `(${t("consultations.drafting.draft.noNumber")})` });
}

/** The clause's fields as a form's values (or the values the failed form sent, to keep what was typed). */
const valuesOf = (cl: EditorClauseProps) => ({ number: cl.number, kind: cl.kind, depth: String(cl.depth), text: cl.text, addressees: cl.addressees.join("\n") });

function ClauseFields(p: { prefix: string; action: string; form: FormState<Record<string, string>>; limits: DraftEditorProps["limits"] }) {
  const { t } = usePage();
  const id = (f: string) => fieldId(p.prefix, p.action, f);
  return (
    <>
      <div class="clause-form__row">
        <Field id={id("number")} name="number" label={t("consultations.drafting.clause.f.number")} form={p.form} maxLength={p.limits.number} size={8} />
        <Select id={id("kind")} name="kind" label={t("consultations.drafting.clause.f.kind")} form={p.form} options={CLAUSE_KIND_OPTIONS.map((k) => ({ value: k, label: t(`consultations.clauseKind.${k}` as MessageKey) }))} />
        <Field id={id("depth")} name="depth" label={t("consultations.drafting.clause.f.depth")} form={p.form} inputMode="numeric" maxLength={1} size={2} hint={t("consultations.drafting.clause.hint.depth")} />
      </div>
      <Field multiline id={id("text")} name="text" label={t("consultations.drafting.clause.f.text")} form={p.form} required rows={5} maxLength={p.limits.text} />
      <Field multiline id={id("addressees")} name="addressees" label={t("consultations.drafting.clause.f.addressees")} form={p.form} rows={2} hint={t("consultations.drafting.clause.hint.addressees")} maxLength={p.limits.addressees * (p.limits.addressee + 2)} />
    </>
  );
}

/** Every form of the editor says which page of clauses it came from, so the answer returns there. */
const FromField = ({ from }: { from: number }) => <input type="hidden" name="from" value={String(from)} />;

function ClauseEditor(p: { base: string; clause: EditorClauseProps; from: number; last: boolean; failed: FailedForm | null; limits: DraftEditorProps["limits"]; previous: number }) {
  const { t } = usePage();
  const cl = p.clause;
  const url = `${p.base}/draft/clauses/${cl.id}`;
  const label = clauseLabel(t, cl);
  const headingId = `clause-${cl.id}-title`;
  const failedOn = (action: FailedForm["action"]) => (p.failed?.action === action ? p.failed.form : null);
  const saveForm = failedOn("save") ?? { values: valuesOf(cl), errors: [] };
  return (
    <li id={`clause-${cl.id}`} class={`draft-clause draft-clause--depth-${Math.min(cl.depth, 4)}`} tabIndex={-1}>
      <h2 id={headingId} class="draft-clause__title">
        {label}
        {cl.addressees.length > 0 && <span class="draft-clause__to"> — {cl.addressees.join("; ")}</span>}
      </h2>
      {p.failed && !["save", "split", "insert", "remarks"].includes(p.failed.action) && (
        <p class="field__error" role="alert">
          {p.failed.form.errors.map((e) => e.reason).join(" ") || p.failed.form.message}
        </p>
      )}
      <Form action={url} class="form clause-form">
        <FromField from={p.from} />
        <ClauseFields prefix={cl.id} action="save" form={saveForm} limits={p.limits} />
        <Button>{t("consultations.drafting.clause.save")}</Button>
      </Form>
      <div class="clause-actions" role="group" aria-label={t("consultations.drafting.clause.actions", { label })}>
        {(cl.position > 0 || !p.last) && (
          <Form action={`${url}/move`} class="inline-form">
            <FromField from={p.from} />
            {cl.position > 0 && (
              <Button kind="secondary" name="direction" value="up">
                {t("consultations.drafting.clause.up")}
                <span class="visually-hidden"> ({label})</span>
              </Button>
            )}{" "}
            {!p.last && (
              <Button kind="secondary" name="direction" value="down">
                {t("consultations.drafting.clause.down")}
                <span class="visually-hidden"> ({label})</span>
              </Button>
            )}
          </Form>
        )}
        {cl.position > 0 && (
          <Form action={`${url}/merge`} class="inline-form">
            <FromField from={p.from} />
            <Button kind="secondary">
              {t("consultations.drafting.clause.merge")}
              <span class="visually-hidden"> ({label})</span>
            </Button>
          </Form>
        )}
      </div>
      <details class="clause-more" open={p.failed?.action === "split"}>
        <summary>
          {t("consultations.drafting.clause.split")}
          <span class="visually-hidden"> ({label})</span>
        </summary>
        <SplitForm url={url} clause={cl} from={p.from} form={failedOn("split")} limits={p.limits} />
      </details>
      <InsertForm base={p.base} after={cl} from={p.from} failed={p.failed} limits={p.limits} summary={t("consultations.drafting.clause.insert")} label={label} />
      <details class="clause-more">
        <summary>
          {t("consultations.drafting.clause.delete")}
          <span class="visually-hidden"> ({label})</span>
        </summary>
        <Form action={`${url}/delete`} class="form">
          <FromField from={p.from} />
          <p>{t("consultations.drafting.clause.deleteConfirm")}</p>
          <Button kind="danger">{t("consultations.drafting.clause.deleteYes")}</Button>
        </Form>
      </details>
      {cl.remarks && <RemarksFieldset url={url} clause={cl} from={p.from} form={failedOn("remarks")} previous={p.previous} />}
    </li>
  );
}

function SplitForm(p: { url: string; clause: EditorClauseProps; from: number; form: FormState<Record<string, string>> | null; limits: DraftEditorProps["limits"] }) {
  const { t } = usePage();
  const cl = p.clause;
  const form = p.form ?? { values: {}, errors: [] };
  const chosen = (form.values as Record<string, string>).paragraph ?? "";
  const paragraphError = form.errors.find((e) => e.field === "paragraph")?.reason;
  const legendId = fieldId(cl.id, "split", "paragraph");
  return (
    <Form action={`${p.url}/split`} class="form">
      <input type="hidden" name="from" value={String(p.from)} />
      {cl.paragraphs.length > 1 && (
        <fieldset id={legendId} aria-describedby={paragraphError ? `${legendId}-error` : undefined}>
          <legend>{t("consultations.drafting.clause.splitLegend")}</legend>
          {paragraphError && (
            <p class="field__error" id={`${legendId}-error`}>
              {paragraphError}
            </p>
          )}
          <div class="field field--check">
            <input type="radio" id={`${legendId}-none`} name="paragraph" value="" checked={chosen === ""} />
            <label for={`${legendId}-none`}>{t("consultations.drafting.clause.splitNone")}</label>
          </div>
          {cl.paragraphs.map((para, i) =>
            i === 0 ? null : (
              <div class="field field--check" key={i}>
                <input type="radio" id={`${legendId}-${i}`} name="paragraph" value={String(i)} checked={chosen === String(i)} />
                <label for={`${legendId}-${i}`}>{para}</label>
              </div>
            ),
          )}
        </fieldset>
      )}
      <Field id={fieldId(cl.id, "split", "marker")} name="marker" label={t("consultations.drafting.clause.splitMarker")} hint={t("consultations.drafting.clause.splitMarkerHint")} form={form} maxLength={p.limits.marker} />
      <Button kind="secondary">{t("consultations.drafting.clause.splitYes")}</Button>
    </Form>
  );
}

function InsertForm(p: { base: string; after: EditorClauseProps | null; from: number; failed: FailedForm | null; limits: DraftEditorProps["limits"]; summary: string; label?: string }) {
  const { t } = usePage();
  const key = p.after?.id ?? null;
  const mine = p.failed?.action === "insert" && p.failed.clauseId === key ? p.failed.form : null;
  // A new clause starts like its neighbour: same kind and depth, no number until renumbered.
  const form = mine ?? { values: { kind: p.after?.kind === "heading" ? "clause" : (p.after?.kind ?? "clause"), depth: String(p.after?.depth ?? 0), number: "", text: "", addressees: "" }, errors: [] };
  return (
    <details class="clause-more" open={!!mine}>
      <summary>
        {p.summary}
        {p.label && <span class="visually-hidden"> ({p.label})</span>}
      </summary>
      <Form action={`${p.base}/draft/clauses`} class="form clause-form">
        <input type="hidden" name="from" value={String(p.from)} />
        <input type="hidden" name="after" value={key ?? ""} />
        <ClauseFields prefix={key ?? "draft"} action="insert" form={form} limits={p.limits} />
        <Button kind="secondary">{t("consultations.drafting.clause.insertYes")}</Button>
      </Form>
    </details>
  );
}

function RemarksFieldset(p: { url: string; clause: EditorClauseProps; from: number; form: FormState<Record<string, string>> | null; previous: number }) {
  const { t } = usePage();
  const cl = p.clause;
  const error = p.form?.errors.find((e) => e.field === "remarkIds")?.reason;
  const id = fieldId(cl.id, "remarks", "remarkIds");
  return (
    <Form action={`${p.url}/remarks`} class="form">
      <input type="hidden" name="from" value={String(p.from)} />
      <fieldset id={id} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
        <legend>{t("consultations.drafting.remarks.legend")}</legend>
        <p class="field__hint" id={`${id}-hint`}>
          {t("consultations.drafting.remarks.hint", { n: p.previous })}
        </p>
        {error && (
          <p class="field__error" id={`${id}-error`}>
            {error}
          </p>
        )}
        {cl.remarks!.map((r) => (
          <div class="field field--check" key={r.id}>
            <input type="checkbox" id={`${id}-${r.id}`} name="remarkIds" value={r.id} checked={r.linked} />
            <label for={`${id}-${r.id}`}>
              <strong>{t(`consultations.remarkKind.${r.kind}` as MessageKey)}</strong>{" "}
              {r.clauseNumber === null
                ? t("consultations.drafting.remarks.whole")
                : r.afterPrevious
                  ? t("consultations.drafting.remarks.newClauseAfter", { number: r.clauseNumber || "—" })
                  : t("consultations.drafting.remarks.onClause", { number: r.clauseNumber || "—" })}{" "}
              <Badge tone={r.disposition === "accepted" ? "ok" : "warn"}>{t(`consultations.disposition.${r.disposition}` as MessageKey)}</Badge>
              <span class="draft-remark__text"> {r.excerpt}</span>
            </label>
          </div>
        ))}
      </fieldset>
      <Button kind="secondary">{t("consultations.drafting.remarks.save")}</Button>
    </Form>
  );
}
