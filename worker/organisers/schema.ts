import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** An organiser runs consultations and competitions (the МАГ secretariat, a mayor's office …)
 * and has its own moderators and admins. */
export const organisers = sqliteTable(
  "organisers",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull(),
    nameRu: text("name_ru").notNull(),
    nameEn: text("name_en").notNull(),
    shortName: text("short_name").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("organisers_slug").on(t.slug)],
);
