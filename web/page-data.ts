import type { Locale, MessageKey } from "./i18n";

/** Everything a page needs to render, identical on the server and in the browser (hydration). */
export interface PageData<P = unknown> {
  page: string;
  props: P;
  locale: Locale;
  path: string;
  title: string;
  description?: string;
  csrf: string;
  /** `unread`: unread notifications for the header link (counted up to 100, shown as "99+"). */
  user: { id: string; displayName: string; canAdmin: boolean; canModerate: boolean; unread: number } | null;
  flash?: MessageKey;
  dev: boolean;
}

export interface FormState<V = Record<string, string>> {
  values: Partial<V>;
  errors: { field: string; reason: string }[];
  /** A problem not tied to one field (bad credentials, rate limit). */
  message?: string;
}

export const emptyForm = <V,>(values: Partial<V> = {}): FormState<V> => ({ values, errors: [] });
