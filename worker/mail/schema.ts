import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Development outbox: where mail lands when no real provider is configured (never in production). */
export const devOutbox = sqliteTable("dev_outbox", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  to: text("to_address").notNull(),
  subject: text("subject").notNull(),
  text: text("text").notNull(),
  createdAt: integer("created_at").notNull(),
});
