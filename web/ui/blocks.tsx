import type { ComponentChildren } from "preact";
import { usePage } from "./context";

export function Card(p: { title?: ComponentChildren; children: ComponentChildren; headingLevel?: 2 | 3 }) {
  const H = p.headingLevel === 3 ? "h3" : "h2";
  return (
    <section class="card">
      {p.title && <H class="card__title">{p.title}</H>}
      {p.children}
    </section>
  );
}

/** A status as text plus colour (never colour alone, WCAG 1.4.1). */
export function Badge(p: { tone?: "neutral" | "ok" | "warn" | "bad"; children: ComponentChildren }) {
  return <span class={`badge badge--${p.tone ?? "neutral"}`}>{p.children}</span>;
}

export function EmptyState(p: { children?: ComponentChildren }) {
  const { t } = usePage();
  return <p class="empty">{p.children ?? t("empty.default")}</p>;
}

export function Notice(p: { children: ComponentChildren; tone?: "ok" | "info" }) {
  return (
    <div class={`notice notice--${p.tone ?? "info"}`} role="status">
      {p.children}
    </div>
  );
}

/**
 * Key-based pagination: only "next" (with the cursor) and "back to the first page". `labels`
 * words the links (and the navigation) where a list says it its own way: «Показать ещё», or a
 * window of pages whose back link is the previous one.
 */
export function Pagination(p: { nextHref?: string | null; firstHref?: string | null; labels?: { nav?: string; first?: string; next?: string } }) {
  const { t } = usePage();
  if (!p.nextHref && !p.firstHref) return null;
  return (
    <nav class="pagination" aria-label={p.labels?.nav ?? t("pagination.label")}>
      {p.firstHref && <a href={p.firstHref}>{p.labels?.first ?? t("pagination.first")}</a>}
      {p.nextHref && (
        <a href={p.nextHref} rel="next">
          {p.labels?.next ?? t("pagination.next")}
        </a>
      )}
    </nav>
  );
}

/**
 * A person's long plain text as they wrote it: blank lines start paragraphs, single line breaks are
 * kept (.pre-line), everything escaped (never HTML).
 */
export function Paragraphs(p: { text: string }) {
  return (
    <>
      {p.text
        .split(/\n\s*\n/)
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s, i) => (
          <p key={i} class="pre-line">
            {s}
          </p>
        ))}
    </>
  );
}

/** A titled section of a person's plain text ({@link Paragraphs}); nothing at all when the text is empty. */
export function TextSection(p: { title: string; text: string; id?: string }) {
  if (!p.text.trim()) return null;
  return (
    <section aria-labelledby={p.id}>
      <h2 id={p.id}>{p.title}</h2>
      <Paragraphs text={p.text} />
    </section>
  );
}
