import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "../accounts/schema";
import { organisers } from "../organisers/schema";

export const ORGANISATION_TYPES = ["nko", "tos", "administration", "other"] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const organisations = sqliteTable(
  "organisations",
  {
    id: text("id").primaryKey(),
    organiserId: text("organiser_id").notNull().references(() => organisers.id),
    name: text("name").notNull(),
    type: text("type", { enum: ORGANISATION_TYPES }).notNull(),
    city: text("city").notNull(),
    description: text("description").notNull().default(""),
    inn: text("inn"),
    ogrn: text("ogrn"),
    /** Confirmed members; kept in the same batch as membership changes, recomputable from rows. */
    memberCount: integer("member_count").notNull().default(0),
    createdBy: text("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("organisations_organiser_name").on(t.organiserId, t.name), index("organisations_name").on(t.name, t.id)],
);

export const MEMBERSHIP_STATUSES = ["requested", "confirmed", "rejected"] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export const memberships = sqliteTable(
  "organisation_members",
  {
    organisationId: text("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: MEMBERSHIP_STATUSES }).notNull(),
    requestedAt: integer("requested_at").notNull(),
    decidedAt: integer("decided_at"),
    decidedBy: text("decided_by").references(() => users.id),
    reason: text("reason"),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.userId] }),
    index("members_user").on(t.userId),
    index("members_org_status").on(t.organisationId, t.status, t.requestedAt),
    // The moderators' queue of requests: by status, oldest first.
    index("members_status_age").on(t.status, t.requestedAt),
  ],
);
