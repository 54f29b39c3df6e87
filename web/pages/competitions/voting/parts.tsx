import { usePage } from "../../../ui/context";
import type { CompetitionLink, NominationTab } from "./props";

/** The competition the page belongs to, above its heading. */
export function Crumbs({ competition }: { competition: CompetitionLink }) {
  return (
    <p class="breadcrumbs">
      <a href="/competitions">{usePage().t("competitions.title")}</a> › <a href={competition.href}>{competition.title}</a>
    </p>
  );
}

/** The nominations switcher: links, the current one marked for screen readers too (aria-current). */
export function NominationNav({ items, label }: { items: NominationTab[]; label: string }) {
  const { t } = usePage();
  if (items.length < 2) return null;
  return (
    <nav aria-label={label} class="nomination-nav">
      <ul class="inline-list">
        {items.map((n) => (
          <li key={n.id}>
            {n.current ? (
              <a href={n.href} aria-current="page">
                <strong>{n.title}</strong>
              </a>
            ) : (
              <a href={n.href}>{n.title}</a>
            )}
            {n.voted && <span class="muted"> ({t("competitions.voting.voted")})</span>}
          </li>
        ))}
      </ul>
    </nav>
  );
}
