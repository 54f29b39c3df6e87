import { usePage } from "../../../ui/context";

/** The competition the page belongs to, above its heading. */
export function Crumbs({ competition }: { competition: { id: string; title: string } }) {
  return (
    <p class="breadcrumbs">
      <a href="/competitions">{usePage().t("competitions.title")}</a> › <a href={`/competitions/${competition.id}`}>{competition.title}</a>
    </p>
  );
}

/** A switcher of links (nominations, what is entered): the current one in bold and marked with aria-current. */
export function LinkSwitcher({ label, items }: { label: string; items: { key: string; href: string; text: string; current: boolean }[] }) {
  return (
    <nav aria-label={label} class="nomination-nav">
      <ul class="inline-list">
        {items.map((i) =>
          i.current ? (
            <li key={i.key}>
              <a href={i.href} aria-current="page">
                <strong>{i.text}</strong>
              </a>
            </li>
          ) : (
            <li key={i.key}>
              <a href={i.href}>{i.text}</a>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}
