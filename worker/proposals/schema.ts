import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "../accounts/schema";
import { organisations } from "../organisations/schema";
import { organisers } from "../organisers/schema";

/** Lifecycle states; the allowed moves between them live in ./lifecycle.ts. */
export const PROPOSAL_STATUSES = ["draft", "submitted", "returned", "published", "rejected", "archived", "withdrawn"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Each organiser keeps its own list of themes (дети и семья, благоустройство …). */
export const organiserThemes = sqliteTable(
  "organiser_themes",
  {
    organiserId: text("organiser_id").notNull().references(() => organisers.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    nameRu: text("name_ru").notNull(),
    nameEn: text("name_en").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.organiserId, t.slug] })],
);

/**
 * A social project proposal, in the fields Russian project competitions ask for. Counters
 * (supports, comments) are written in the same batch as the rows they count and can be recomputed.
 * Money is whole roubles; dates are ISO calendar dates (YYYY-MM-DD), the project's own plan.
 */
export const proposals = sqliteTable(
  "proposals",
  {
    id: text("id").primaryKey(),
    organiserId: text("organiser_id").notNull().references(() => organisers.id),
    authorId: text("author_id").notNull().references(() => users.id),
    /** Set when the author submits on behalf of an organisation they are a confirmed member of. */
    organisationId: text("organisation_id").references(() => organisations.id),
    status: text("status", { enum: PROPOSAL_STATUSES }).notNull().default("draft"),
    /** Hidden by moderation (reports over the threshold, or a moderator's decision) while published. */
    hiddenAt: integer("hidden_at"),
    title: text("title").notNull().default(""),
    summary: text("summary").notNull().default(""),
    problem: text("problem").notNull().default(""),
    goal: text("goal").notNull().default(""),
    /** JSON array of strings. */
    tasks: text("tasks", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    expectedResults: text("expected_results").notNull().default(""),
    city: text("city").notNull().default(""),
    district: text("district").notNull().default(""),
    tos: text("tos").notNull().default(""),
    theme: text("theme"),
    beneficiaries: integer("beneficiaries"),
    budgetRequested: integer("budget_requested"),
    cofinancing: integer("cofinancing"),
    startDate: text("start_date"),
    endDate: text("end_date"),
    team: text("team").notNull().default(""),
    supportCount: integer("support_count").notNull().default(0),
    commentCount: integer("comment_count").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    submittedAt: integer("submitted_at"),
    /** First publication; the list's "newest" order. */
    publishedAt: integer("published_at"),
  },
  (t) => [
    // Public list orders; each filtered variant starts with its filter column.
    index("proposals_status_published").on(t.status, t.publishedAt, t.id),
    index("proposals_status_supports").on(t.status, t.supportCount, t.id),
    index("proposals_status_comments").on(t.status, t.commentCount, t.id),
    index("proposals_organiser_status").on(t.organiserId, t.status, t.publishedAt, t.id),
    // One organiser's list sorted by supports or discussion, without walking other organisers' rows.
    index("proposals_organiser_supports").on(t.organiserId, t.status, t.supportCount, t.id),
    index("proposals_organiser_comments").on(t.organiserId, t.status, t.commentCount, t.id),
    index("proposals_theme_status").on(t.theme, t.status, t.publishedAt, t.id),
    index("proposals_city_status").on(t.city, t.status, t.publishedAt, t.id),
    // "My proposals".
    index("proposals_author").on(t.authorId, t.updatedAt),
  ],
);

/** One support per person per proposal: the primary key is the guarantee, not a check in code. */
export const proposalSupports = sqliteTable(
  "proposal_supports",
  {
    proposalId: text("proposal_id").notNull().references(() => proposals.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.userId] }), index("proposal_supports_user").on(t.userId, t.createdAt)],
);
