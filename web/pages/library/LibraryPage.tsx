import type { Piece } from "../../../worker/library/highlight";
import { Badge, Card, EmptyState, Pagination } from "../../ui/blocks";
import { usePage } from "../../ui/context";
import { Button, FilterSelect } from "../../ui/Form";
import { Highlighted } from "./Highlighted";

export interface PracticeCardProps {
  id: string;
  title: Piece[];
  city: string;
  country: string;
  year: number;
  theme: string;
  nomination: string;
  place: number | null;
  snippet: Piece[];
}

export interface LibraryProps {
  q: string;
  filter: { city: string; theme: string; year: string; nomination: string };
  facets: { cities: string[]; themes: string[]; years: number[]; nominations: string[] };
  items: PracticeCardProps[];
  /** Whether the list answers a text query (the heading and the empty state say so). */
  searched: boolean;
  /** Whether anything narrows the list (a query or a filter). */
  narrowed: boolean;
  nextHref: string | null;
  firstHref: string | null;
  canAdd: boolean;
}

/** A place as a word («1 место»), the winner said in words too: never colour alone. */
export function PlaceBadge({ place }: { place: number | null }) {
  const { t } = usePage();
  if (place === null) return null;
  return <Badge tone={place === 1 ? "ok" : "neutral"}>{place === 1 ? `${t("library.winner")}, ${t("library.place", { n: place })}` : t("library.place", { n: place })}</Badge>;
}

function PracticeCard({ p }: { p: PracticeCardProps }) {
  const { t } = usePage();
  return (
    <Card headingLevel={3} title={<a href={`/library/${p.id}`}><Highlighted pieces={p.title} /></a>}>
      <p class="meta-line">
        {[p.country ? `${p.city}, ${p.country}` : p.city, String(p.year), p.theme, p.nomination && `${t("library.practice.nomination")}: ${p.nomination}`].filter(Boolean).join(" · ")}
      </p>
      {p.place !== null && (
        <p>
          <PlaceBadge place={p.place} />
        </p>
      )}
      {p.snippet.length > 0 && (
        <p class="library-snippet">
          <Highlighted pieces={p.snippet} />
        </p>
      )}
    </Card>
  );
}

/** The library: a search landmark (text and GET filters, works without JavaScript), the results list, "next page" by key. */
export function LibraryPage(p: LibraryProps) {
  const { t } = usePage();
  const any = t("library.filter.any");
  const opts = (values: (string | number)[]) => values.map((v) => ({ value: String(v), label: String(v) }));
  return (
    <>
      <h1>{t("library.title")}</h1>
      <p class="lead">{t("library.lead")}</p>
      {p.canAdd && (
        <p>
          <a class="btn btn--primary" href="/library/new">
            {t("library.add")}
          </a>
        </p>
      )}
      <form method="get" action="/library" class="form filter-form" role="search" aria-label={t("library.search.label")}>
        <div class="field">
          <label for="q">{t("library.search.q")}</label>
          <p class="field__hint" id="q-hint">
            {t("library.search.hint")}
          </p>
          <input type="search" id="q" name="q" defaultValue={p.q} maxLength={200} aria-describedby="q-hint" />
        </div>
        <fieldset>
          <legend>{t("library.filter.legend")}</legend>
          <FilterSelect id="f-city" name="city" label={t("library.filter.city")} any={any} options={opts(p.facets.cities)} chosen={p.filter.city} />
          <FilterSelect id="f-theme" name="theme" label={t("library.filter.theme")} any={any} options={opts(p.facets.themes)} chosen={p.filter.theme} />
          <FilterSelect id="f-year" name="year" label={t("library.filter.year")} any={any} options={opts(p.facets.years)} chosen={p.filter.year} />
          <FilterSelect id="f-nomination" name="nomination" label={t("library.filter.nomination")} any={any} options={opts(p.facets.nominations)} chosen={p.filter.nomination} />
        </fieldset>
        <p>
          <Button>{t("library.search.submit")}</Button> {p.narrowed && <a href="/library">{t("library.filter.reset")}</a>}
        </p>
      </form>
      <section aria-labelledby="results-title">
        <h2 id="results-title">{p.searched ? t("library.results.found", { q: p.q }) : t("library.results.title")}</h2>
        {p.items.length === 0 ? (
          <EmptyState>{p.narrowed ? t("library.results.none") : t("library.results.empty")}</EmptyState>
        ) : (
          <ul class="cards">
            {p.items.map((x) => (
              <li key={x.id}>
                <PracticeCard p={x} />
              </li>
            ))}
          </ul>
        )}
        <Pagination nextHref={p.nextHref} firstHref={p.firstHref} labels={{ nav: t("library.results.pages") }} />
      </section>
    </>
  );
}
