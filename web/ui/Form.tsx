import type { ComponentChildren } from "preact";
import type { FormState } from "../page-data";
import { usePage } from "./context";

/** An HTML form that works without JavaScript; carries the CSRF token for the server. */
export function Form(props: { action: string; method?: "post" | "get"; children: ComponentChildren; id?: string; enctype?: string; class?: string; onSubmit?: (e: Event) => void }) {
  const { csrf } = usePage();
  const method = props.method ?? "post";
  return (
    <form action={props.action} method={method} id={props.id} class={props.class ?? "form"} noValidate onSubmit={props.onSubmit} enctype={props.enctype}>
      {method === "post" && <input type="hidden" name="_csrf" value={csrf} />}
      {props.children}
    </form>
  );
}

/**
 * WCAG 3.3.1: a summary at the top, focusable, linking to each invalid field. `anchor` gives a
 * field's element id where a page repeats a form (one per item); default `f-<name>`.
 */
export function ErrorSummary({ form, labels, anchor = (field) => `f-${field}` }: { form: FormState<any>; labels: Record<string, string>; anchor?: (field: string) => string }) {
  const { t } = usePage();
  if (!form.errors.length && !form.message) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} id="error-summary" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{form.message ?? t("form.errorSummary")}</h2>
      {form.errors.length > 0 && (
        <ul>
          {form.errors.map((e) => (
            <li key={e.field}>
              <a href={`#${anchor(e.field)}`}>
                {labels[e.field] ? `${labels[e.field]}: ` : ""}
                {e.reason}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface FieldProps {
  name: string;
  /** Needed when one page repeats a form (one per item): ids must stay unique. Default `f-<name>`. */
  id?: string;
  label: string;
  form: FormState<any>;
  /** `datetime-local` is typed in Moscow time ("2026-11-22T10:00"). */
  type?: "text" | "email" | "password" | "number" | "url" | "datetime-local" | "file";
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  maxLength?: number;
  multiline?: boolean;
  /** The textarea's height (multiline only); default 4. */
  rows?: number;
  inputMode?: "numeric" | "text";
  size?: number;
  /** The accepted types of a file input. */
  accept?: string;
  onBlur?: (name: string, value: string) => void;
  clientError?: string;
}

/** A field's label, hint and inline error around its control (which `aria-describedby` ties to them). */
function FieldFrame(p: { id: string; label: string; hint?: string; error?: string; required?: boolean; children: ComponentChildren }) {
  const { t } = usePage();
  return (
    <div class={`field${p.error ? " field--error" : ""}`}>
      <label for={p.id}>
        {p.label}
        {p.required && <span class="field__req"> ({t("form.required")})</span>}
      </label>
      {p.hint && (
        <p class="field__hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      )}
      {p.error && (
        <p class="field__error" id={`${p.id}-error`}>
          {p.error}
        </p>
      )}
      {p.children}
    </div>
  );
}

/** The element ids describing a control: its hint and its error, when there are any. */
const describedBy = (id: string, hint?: string, error?: string) => [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;

const valueOf = (form: FormState<any>, name: string) => (form.values as Record<string, string | undefined>)[name] ?? "";

/** A labelled input with its hint and its inline error, tied together by aria-describedby. */
export function Field(p: FieldProps) {
  const id = p.id ?? `f-${p.name}`;
  const error = p.clientError ?? p.form.errors.find((e) => e.field === p.name)?.reason;
  const value = valueOf(p.form, p.name);
  const common = {
    id,
    name: p.name,
    "aria-describedby": describedBy(id, p.hint, error),
    "aria-invalid": error ? ("true" as const) : undefined,
    required: p.required,
    maxLength: p.maxLength,
    onBlur: p.onBlur ? (e: Event) => p.onBlur!(p.name, (e.currentTarget as HTMLInputElement).value) : undefined,
  };
  return (
    <FieldFrame id={id} label={p.label} hint={p.hint} error={error} required={p.required}>
      {p.multiline ? (
        <textarea {...common} rows={p.rows ?? 4}>
          {value}
        </textarea>
      ) : (
        // defaultValue, not value: a controlled `value` is re-applied on every render, so after
        // hydration any re-render (e.g. a blur check) would erase what the person had typed.
        // A password is never sent back; a file input cannot be given a value at all.
        <input
          {...({
            ...common,
            type: p.type ?? "text",
            defaultValue: p.type === "password" ? "" : p.type === "file" ? undefined : value,
            autoComplete: p.autocomplete,
            inputMode: p.inputMode,
            size: p.size,
            accept: p.accept,
          } as Record<string, unknown>)}
        />
      )}
    </FieldFrame>
  );
}

/** `id`: needed when one page repeats a form (one per item); default `f-<name>`. */
export function Select(p: { name: string; id?: string; label: string; form: FormState<any>; options: { value: string; label: string }[]; required?: boolean; hint?: string }) {
  const id = p.id ?? `f-${p.name}`;
  const error = p.form.errors.find((e) => e.field === p.name)?.reason;
  const value = valueOf(p.form, p.name);
  return (
    <FieldFrame id={id} label={p.label} hint={p.hint} error={error} required={p.required}>
      <select id={id} name={p.name} aria-invalid={error ? "true" : undefined} aria-describedby={describedBy(id, p.hint, error)} required={p.required}>
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/**
 * A choice in a GET filter form (no CSRF, nothing to report): an "any" option with the empty value
 * first when `any` is given, then the options, the applied one selected so the form shows what the
 * list shows.
 */
export function FilterSelect(p: { id: string; name: string; label: string; any?: string; options: { value: string; label: string }[]; chosen: string | null | undefined }) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      <select id={p.id} name={p.name}>
        {p.any !== undefined && <option value="">{p.any}</option>}
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === p.chosen}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Checkbox(p: { name: string; label: string; form: FormState<any>; checked?: boolean }) {
  const id = `f-${p.name}`;
  const error = p.form.errors.find((e) => e.field === p.name)?.reason;
  return (
    <div class={`field field--check${error ? " field--error" : ""}`}>
      {error && (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input type="checkbox" id={id} name={p.name} checked={p.checked} aria-invalid={error ? "true" : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      <label for={id}>{p.label}</label>
    </div>
  );
}

export function Button(p: { children: ComponentChildren; kind?: "primary" | "secondary" | "danger"; type?: "submit" | "button"; onClick?: () => void; name?: string; value?: string }) {
  return (
    <button type={p.type ?? "submit"} class={`btn btn--${p.kind ?? "primary"}`} onClick={p.onClick} name={p.name} value={p.value}>
      {p.children}
    </button>
  );
}
