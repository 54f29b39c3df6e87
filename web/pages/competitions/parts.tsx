import type { ComponentChildren } from "preact";
import { usePage } from "../../ui/context";

/** The competition a page belongs to, as its props name it. */
export interface CompetitionHead {
  id: string;
  title: string;
}

/** The trail above a page of a competition: the list of competitions › the competition (› `children`, a further step). */
export function Crumbs({ competition, children }: { competition: CompetitionHead; children?: ComponentChildren }) {
  return (
    <p class="breadcrumbs">
      <a href="/competitions">{usePage().t("competitions.title")}</a> › <a href={`/competitions/${encodeURIComponent(competition.id)}`}>{competition.title}</a>
      {children && <> › {children}</>}
    </p>
  );
}

export interface SwitcherLink {
  key: string;
  href: string;
  text: string;
  current: boolean;
  /** Said after the link in muted text (e.g. «вы голосовали»). */
  note?: ComponentChildren;
}

/** A switcher of links (nominations, what is entered): the current one in bold and marked with aria-current. */
export function LinkSwitcher({ label, items }: { label: string; items: SwitcherLink[] }) {
  return (
    <nav aria-label={label} class="nomination-nav">
      <ul class="inline-list">
        {items.map((i) => (
          <li key={i.key}>
            {i.current ? (
              <a href={i.href} aria-current="page">
                <strong>{i.text}</strong>
              </a>
            ) : (
              <a href={i.href}>{i.text}</a>
            )}
            {i.note && <span class="muted"> ({i.note})</span>}
          </li>
        ))}
      </ul>
    </nav>
  );
}
