import type { FormState } from "../../../page-data";
import { usePage } from "../../../ui/context";

/**
 * Form controls the shared web/ui/Form.tsx does not have (datetime-local, a file input, a tall
 * textarea, ids of their own for forms repeated once per clause), with the same markup: label,
 * hint, inline error, all tied together by aria-describedby.
 */

interface Common {
  /** The element's id (unique on the page); errors are looked up by `name`. */
  id: string;
  name: string;
  label: string;
  form: FormState<any>;
  hint?: string;
  required?: boolean;
}

function useError(p: Common) {
  const error = p.form.errors.find((e) => e.field === p.name)?.reason;
  const describedBy = [p.hint && `${p.id}-hint`, error && `${p.id}-error`].filter(Boolean).join(" ") || undefined;
  return { error, describedBy };
}

function Frame(p: Common & { error?: string; children: preact.ComponentChildren }) {
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

const valueOf = (p: Common) => (p.form.values as Record<string, string | undefined>)[p.name] ?? "";

export function TextInput(p: Common & { maxLength?: number; inputMode?: "numeric" | "text"; size?: number }) {
  const { error, describedBy } = useError(p);
  return (
    <Frame {...p} error={error}>
      <input
        {...({ id: p.id, name: p.name, type: "text", defaultValue: valueOf(p), maxLength: p.maxLength, inputMode: p.inputMode, size: p.size, required: p.required } as Record<string, unknown>)}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy}
      />
    </Frame>
  );
}

export function TextArea(p: Common & { maxLength?: number; rows?: number }) {
  const { error, describedBy } = useError(p);
  return (
    <Frame {...p} error={error}>
      <textarea id={p.id} name={p.name} rows={p.rows ?? 4} maxLength={p.maxLength} required={p.required} aria-invalid={error ? "true" : undefined} aria-describedby={describedBy}>
        {valueOf(p)}
      </textarea>
    </Frame>
  );
}

/** A date and time typed in Moscow time ("2026-11-22T10:00"). */
export function DateTimeInput(p: Common) {
  const { error, describedBy } = useError(p);
  return (
    <Frame {...p} error={error}>
      <input {...({ id: p.id, name: p.name, type: "datetime-local", defaultValue: valueOf(p), required: p.required } as Record<string, unknown>)} aria-invalid={error ? "true" : undefined} aria-describedby={describedBy} />
    </Frame>
  );
}

export function FileInput(p: Common & { accept: string }) {
  const { error, describedBy } = useError(p);
  return (
    <Frame {...p} error={error}>
      <input id={p.id} name={p.name} type="file" accept={p.accept} aria-invalid={error ? "true" : undefined} aria-describedby={describedBy} />
    </Frame>
  );
}

export function SelectInput(p: Common & { options: { value: string; label: string }[] }) {
  const { error, describedBy } = useError(p);
  const value = valueOf(p);
  return (
    <Frame {...p} error={error}>
      <select id={p.id} name={p.name} required={p.required} aria-invalid={error ? "true" : undefined} aria-describedby={describedBy}>
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/**
 * WCAG 3.3.1 for a page with many forms: a focusable summary at the top whose links go to the
 * invalid fields of the form that failed (`anchor` gives each field's element id).
 */
export function ErrorList({ form, labels, anchor }: { form: FormState<any>; labels: Record<string, string>; anchor: (field: string) => string }) {
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

/** The accepted upload types, for the file inputs' `accept`. */
export const ACCEPT = ".txt,.md,.docx,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document";
