import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** A person's account. Deleting an account keeps this row as a tombstone (deleted_at set,
 * personal data cleared) so that everything they published stays attributed and counted. */
export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** Lower-cased at write time, so uniqueness is case-insensitive. */
    email: text("email").notNull(),
    emailConfirmedAt: integer("email_confirmed_at"),
    passwordHash: text("password_hash"),
    displayName: text("display_name").notNull(),
    city: text("city"),
    locale: text("locale").notNull().default("ru"),
    /** Whether the person agrees to be listed publicly as a member of their organisations. */
    showMemberships: integer("show_memberships", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
    deletedAt: integer("deleted_at"),
    blockedUntil: integer("blocked_until"),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the random token; the token itself lives only in the person's cookie. */
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** One-time links sent by e-mail: confirm the address, reset the password. */
export const emailTokens = sqliteTable(
  "email_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["confirm", "reset"] }).notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("email_tokens_user").on(t.userId, t.purpose)],
);

/** 152-ФЗ: which version of the consent text a person accepted, and when. */
export const consents = sqliteTable(
  "consents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    version: text("version").notNull(),
    acceptedAt: integer("accepted_at").notNull(),
  },
  (t) => [index("consents_user").on(t.userId)],
);
