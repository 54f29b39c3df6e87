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

/** WCAG 3.3.1: a summary at the top, focusable, linking to each invalid field. */
export function ErrorSummary({ form, labels }: { form: FormState<any>; labels: Record<string, string> }) {
  const { t } = usePage();
  if (!form.errors.length && !form.message) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} id="error-summary" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{form.message ?? t("form.errorSummary")}</h2>
      {form.errors.length > 0 && (
        <ul>
          {form.errors.map((e) => (
            <li key={e.field}>
              <a href={`#f-${e.field}`}>
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
  type?: "text" | "email" | "password" | "number" | "url";
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  maxLength?: number;
  multiline?: boolean;
  onBlur?: (name: string, value: string) => void;
  clientError?: string;
}

/** A labelled input with its hint and its inline error, tied together by aria-describedby. */
export function Field(p: FieldProps) {
  const { t } = usePage();
  const id = p.id ?? `f-${p.name}`;
  const error = p.clientError ?? p.form.errors.find((e) => e.field === p.name)?.reason;
  const describedBy = [p.hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const value = (p.form.values as Record<string, string | undefined>)[p.name] ?? "";
  const common = {
    id,
    name: p.name,
    "aria-describedby": describedBy,
    "aria-invalid": error ? ("true" as const) : undefined,
    required: p.required,
    maxLength: p.maxLength,
    onBlur: p.onBlur ? (e: Event) => p.onBlur!(p.name, (e.currentTarget as HTMLInputElement).value) : undefined,
  };
  return (
    <div class={`field${error ? " field--error" : ""}`}>
      <label for={id}>
        {p.label}
        {p.required && <span class="field__req"> ({t("form.required")})</span>}
      </label>
      {p.hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {p.multiline ? (
        <textarea {...common} rows={4}>
          {value}
        </textarea>
      ) : (
        // defaultValue, not value: a controlled `value` is re-applied on every render, so after
        // hydration any re-render (e.g. a blur check) would erase what the person had typed.
        <input {...({ ...common, type: p.type ?? "text", defaultValue: p.type === "password" ? "" : value, autoComplete: p.autocomplete } as Record<string, unknown>)} />
      )}
    </div>
  );
}

export function Select(p: { name: string; label: string; form: FormState<any>; options: { value: string; label: string }[]; required?: boolean }) {
  const { t } = usePage();
  const id = `f-${p.name}`;
  const error = p.form.errors.find((e) => e.field === p.name)?.reason;
  const value = (p.form.values as Record<string, string | undefined>)[p.name] ?? "";
  return (
    <div class={`field${error ? " field--error" : ""}`}>
      <label for={id}>
        {p.label}
        {p.required && <span class="field__req"> ({t("form.required")})</span>}
      </label>
      {error && (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <select id={id} name={p.name} aria-invalid={error ? "true" : undefined} aria-describedby={error ? `${id}-error` : undefined} required={p.required}>
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
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
