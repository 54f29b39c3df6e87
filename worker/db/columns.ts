import { integer, text } from "drizzle-orm/sqlite-core";

/** Shared column helpers: ids are random UUIDs, times are epoch milliseconds (UTC). */
export const id = () => text("id").primaryKey();
export const createdAt = () => integer("created_at").notNull();
export const newId = () => crypto.randomUUID();
export const now = () => Date.now();
