import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "../accounts/schema";
import { organisers } from "../organisers/schema";

export const ROLES = ["platform_admin", "organiser_admin", "moderator", "expert"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Granted roles. `scope` is '' for platform_admin, the organiser id for organiser_admin and moderator,
 * the competition id for expert (competitions arrive with their own module; the column is ready).
 * A NOT NULL scope lets one unique index forbid duplicate grants.
 */
export const roleGrants = sqliteTable(
  "role_grants",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull(),
    scope: text("scope").notNull().default(""),
    organiserId: text("organiser_id").references(() => organisers.id),
    competitionId: text("competition_id"),
    grantedBy: text("granted_by").references(() => users.id),
    grantedAt: integer("granted_at").notNull(),
  },
  (t) => [
    uniqueIndex("role_grants_unique").on(t.userId, t.role, t.scope),
    index("role_grants_organiser").on(t.organiserId, t.role),
    index("role_grants_role").on(t.role, t.grantedAt),
    // The admin list, newest first, paginated by (granted_at, id).
    index("role_grants_recent").on(t.grantedAt, t.id),
  ],
);
