/**
 * Themes of proposals. Each organiser may keep its own list (table organiser_themes); an organiser
 * without rows uses this default list — the one place it is written down.
 */
export interface Theme {
  slug: string;
  nameRu: string;
  nameEn: string;
}

export const DEFAULT_THEMES: readonly Theme[] = [
  { slug: "children-family", nameRu: "Дети и семья", nameEn: "Children and family" },
  { slug: "improvement", nameRu: "Благоустройство", nameEn: "Public spaces and improvement" },
  { slug: "ecology", nameRu: "Экология", nameEn: "Ecology" },
  { slug: "culture", nameRu: "Культура", nameEn: "Culture" },
  { slug: "sport", nameRu: "Спорт", nameEn: "Sport" },
  { slug: "patriotic", nameRu: "Патриотическое воспитание", nameEn: "Patriotic education" },
  { slug: "nko-support", nameRu: "Поддержка НКО", nameEn: "Support for NGOs" },
  { slug: "interethnic", nameRu: "Межнациональные отношения", nameEn: "Interethnic relations" },
  { slug: "health", nameRu: "Здоровье", nameEn: "Health" },
  { slug: "education", nameRu: "Образование", nameEn: "Education" },
  { slug: "other", nameRu: "Другое", nameEn: "Other" },
];

/** An organiser's own themes in their order, or the default list when it has none. */
export function themesOf(rows: readonly (Theme & { position: number })[]): Theme[] {
  if (rows.length === 0) return [...DEFAULT_THEMES];
  return [...rows].sort((a, b) => a.position - b.position || a.slug.localeCompare(b.slug)).map(({ slug, nameRu, nameEn }) => ({ slug, nameRu, nameEn }));
}

/** Rows of several organisers (one query) grouped into each organiser's list. */
export function themesByOrganiser(rows: readonly (Theme & { position: number; organiserId: string })[], organiserIds: readonly string[]) {
  const out: Record<string, Theme[]> = {};
  for (const id of organiserIds) out[id] = themesOf(rows.filter((r) => r.organiserId === id));
  return out;
}

export const themeName = (themes: readonly Theme[], slug: string | null, locale: "ru" | "en") => {
  const t = slug ? themes.find((x) => x.slug === slug) : undefined;
  return t ? (locale === "en" ? t.nameEn : t.nameRu) : (slug ?? "");
};
