import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "../accounts/schema";
import { organisations } from "../organisations/schema";
import { organisers } from "../organisers/schema";
import { proposals } from "../proposals/schema";

/**
 * Competitions: a смотр-конкурс of city practices, a contest of ТОС projects.
 *
 * A competition is a draft (seen by its organiser's admins only) until published. Once published, its
 * STAGE follows from the clock and its five instants (see ./stages.ts, the one rule every action asks):
 *   announced < entry_opens_at ≤ entry (приём заявок) < entry_closes_at ≤ check (проверка) < check_closes_at
 *   ≤ evaluation (экспертная оценка) < evaluation_closes_at ≤ voting (народное голосование) < voting_closes_at
 *   ≤ results (итоги: computed, reviewed, then published by the organiser).
 * `stage` is a cached copy kept by the cron (worker/competitions/cron.ts) for lists and for the
 * side effects of a stage change (notifications, computing results); actions never trust it, they
 * compute the stage from the instants at the moment of the write (inside the SQL where it matters).
 */
export const COMPETITION_STATUSES = ["draft", "published"] as const;
export type CompetitionStatus = (typeof COMPETITION_STATUSES)[number];

export const STAGES = ["announced", "entry", "check", "evaluation", "voting", "results"] as const;
export type Stage = (typeof STAGES)[number];

/** Who may enter: residents in their own name, organisations of these types (administration = a city administration). */
export const ENTRANT_KINDS = ["resident", "nko", "tos", "administration", "other"] as const;
export type EntrantKind = (typeof ENTRANT_KINDS)[number];

/** How each part of the result is brought to 0–100 before weighting (see results/ranking.ts). */
export const JURY_NORMALISATIONS = ["scale", "leader"] as const;
export const PUBLIC_NORMALISATIONS = ["leader", "share"] as const;
/** Tie-break keys, applied in the organiser's order after the weighted total. */
export const TIE_BREAKS = ["jury", "public", "earlier"] as const;
export type TieBreak = (typeof TIE_BREAKS)[number];

export const competitions = sqliteTable(
  "competitions",
  {
    id: text("id").primaryKey(),
    organiserId: text("organiser_id").notNull().references(() => organisers.id),
    title: text("title").notNull(),
    /** One paragraph for lists and the page's lead. */
    summary: text("summary").notNull().default(""),
    /** The rules as text (plain paragraphs); an attached document may carry the signed original. */
    rulesText: text("rules_text").notNull().default(""),
    status: text("status", { enum: COMPETITION_STATUSES }).notNull().default("draft"),
    stage: text("stage", { enum: STAGES }).notNull().default("announced"),
    eligibility: text("eligibility", { mode: "json" }).$type<EntrantKind[]>().notNull().default(sql`'["resident"]'`),
    /** Entries per participant (a person, or an organisation) per nomination. */
    entryLimit: integer("entry_limit").notNull().default(1),
    entryOpensAt: integer("entry_opens_at").notNull(),
    entryClosesAt: integer("entry_closes_at").notNull(),
    checkClosesAt: integer("check_closes_at").notNull(),
    evaluationClosesAt: integer("evaluation_closes_at").notNull(),
    votingClosesAt: integer("voting_closes_at").notNull(),
    // Expert evaluation.
    minExperts: integer("min_experts").notNull().default(3),
    /** An entry is flagged when its experts' totals (0–100) differ by more than this. */
    spreadThreshold: real("spread_threshold").notNull().default(20),
    /** Decimal places of the jury score and of the weighted total. */
    precision: integer("precision").notNull().default(2),
    // The result: weights in percent (jury + public = 100), normalisation and tie-break order.
    juryWeight: integer("jury_weight").notNull().default(70),
    publicWeight: integer("public_weight").notNull().default(30),
    juryNormalisation: text("jury_normalisation", { enum: JURY_NORMALISATIONS }).notNull().default("scale"),
    publicNormalisation: text("public_normalisation", { enum: PUBLIC_NORMALISATIONS }).notNull().default("leader"),
    /** Most important first. */
    tieBreak: text("tie_break", { mode: "json" }).$type<TieBreak[]>().notNull().default(sql`'["jury","public","earlier"]'`),
    /** Places marked as winners in each nomination. */
    winners: integer("winners").notNull().default(1),
    createdBy: text("created_by").notNull().references(() => users.id),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    publishedAt: integer("published_at"),
    resultsComputedAt: integer("results_computed_at"),
    resultsPublishedAt: integer("results_published_at"),
  },
  (t) => [
    index("competitions_list").on(t.status, t.publishedAt, t.id),
    index("competitions_stage").on(t.status, t.stage, t.publishedAt, t.id),
    index("competitions_organiser").on(t.organiserId, t.status, t.publishedAt, t.id),
  ],
);

export const nominations = sqliteTable(
  "competition_nominations",
  {
    id: text("id").primaryKey(),
    competitionId: text("competition_id").notNull().references(() => competitions.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    position: integer("position").notNull(),
    /** Admitted entries (status 'admitted', not hidden); kept with every status change. */
    entryCount: integer("entry_count").notNull().default(0),
    /** Counted votes in the nomination (sum of its entries' vote_count); kept by the ballot box. */
    voteCount: integer("vote_count").notNull().default(0),
  },
  (t) => [uniqueIndex("competition_nominations_order").on(t.competitionId, t.position)],
);

export interface CriterionLevel {
  score: number;
  text: string;
}

/** A criterion experts score on a fixed integer scale; `levels` describes what each score means. */
export const criteria = sqliteTable(
  "competition_criteria",
  {
    id: text("id").primaryKey(),
    competitionId: text("competition_id").notNull().references(() => competitions.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    weight: integer("weight").notNull(),
    scaleMin: integer("scale_min").notNull().default(0),
    scaleMax: integer("scale_max").notNull().default(10),
    /** What each score means (not necessarily every integer of the scale). */
    levels: text("levels", { mode: "json" }).$type<CriterionLevel[]>().notNull().default(sql`'[]'`),
    /** A score below this needs a comment (null: never required). */
    commentBelow: integer("comment_below"),
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("competition_criteria_order").on(t.competitionId, t.position)],
);

/**
 * An entry: an existing proposal, or a city practice described in the entry itself.
 * submitted → admitted (by a moderator, after the eligibility check) or rejected (with a reason);
 * withdrawn by its entrant before the entry stage ends. Hidden (hidden_at) by moderation like other content.
 */
export const ENTRY_KINDS = ["proposal", "practice"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const ENTRY_STATUSES = ["submitted", "admitted", "rejected", "withdrawn"] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const entries = sqliteTable(
  "competition_entries",
  {
    id: text("id").primaryKey(),
    competitionId: text("competition_id").notNull().references(() => competitions.id),
    nominationId: text("nomination_id").notNull().references(() => nominations.id),
    /** Copied from the competition: the moderation queue and permission checks need it without a join. */
    organiserId: text("organiser_id").notNull().references(() => organisers.id),
    kind: text("kind", { enum: ENTRY_KINDS }).notNull(),
    proposalId: text("proposal_id").references(() => proposals.id),
    submittedBy: text("submitted_by").notNull().references(() => users.id),
    /** Entered on behalf of this organisation (the entrant is its confirmed member). */
    organisationId: text("organisation_id").references(() => organisations.id),
    /** Whose entry it is for the limit: 'o:<organisation id>' or 'u:<user id>'. */
    participant: text("participant").notNull(),
    /** The city the entry comes from (the practice's city, the proposal's, or the organisation's): conflicts of interest. */
    city: text("city").notNull().default(""),
    title: text("title").notNull(),
    problem: text("problem").notNull().default(""),
    actions: text("actions").notNull().default(""),
    results: text("results").notNull().default(""),
    period: text("period").notNull().default(""),
    /** Roubles, whole. */
    budget: integer("budget"),
    /** How to reach the team: shown to the organiser, its moderators and the entrant only (personal data). */
    contact: text("contact").notNull().default(""),
    status: text("status", { enum: ENTRY_STATUSES }).notNull().default("submitted"),
    hiddenAt: integer("hidden_at"),
    /** The moderator's reason for a refusal (the entrant sees it). */
    reason: text("reason"),
    decidedAt: integer("decided_at"),
    decidedBy: text("decided_by").references(() => users.id),
    /** Counted votes for this entry (rows of competition_votes with status 'counted'). */
    voteCount: integer("vote_count").notNull().default(0),
    // Jury facts, recomputed from competition_assignments in the batch of every submitted score.
    juryExperts: integer("jury_experts").notNull().default(0),
    juryScore: real("jury_score"),
    jurySpread: real("jury_spread"),
    flagged: integer("flagged", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    withdrawnAt: integer("withdrawn_at"),
  },
  (t) => [
    // Public list of a nomination's entries, oldest first (order of entering), paginated by key.
    index("competition_entries_nomination").on(t.nominationId, t.status, t.createdAt, t.id),
    // The voting page's "most votes" order.
    index("competition_entries_votes").on(t.nominationId, t.status, t.voteCount, t.id),
    index("competition_entries_competition").on(t.competitionId, t.status, t.createdAt, t.id),
    // The entry limit counts a participant's live entries in a nomination.
    index("competition_entries_participant").on(t.nominationId, t.participant, t.status),
    index("competition_entries_submitter").on(t.submittedBy, t.createdAt),
    // A proposal enters a competition once (again only after it was withdrawn or rejected).
    uniqueIndex("competition_entries_proposal").on(t.competitionId, t.proposalId).where(sql`proposal_id IS NOT NULL AND status IN ('submitted', 'admitted')`),
    index("competition_entries_flagged").on(t.competitionId, t.flagged),
  ],
);

/** An expert of one competition (also granted the role 'expert' scoped to the competition). */
export const experts = sqliteTable(
  "competition_experts",
  {
    competitionId: text("competition_id").notNull().references(() => competitions.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull().references(() => users.id),
    /** The expert's city (from the profile when added; the expert confirms it when declaring conflicts). */
    city: text("city").notNull().default(""),
    addedBy: text("added_by").notNull().references(() => users.id),
    addedAt: integer("added_at").notNull(),
    /** Set when the expert has declared their conflicts of interest (possibly none): only then are they assigned. */
    declaredAt: integer("declared_at"),
    /** Entries assigned (kept with assignments) and submitted: progress per expert without counting. */
    assignedCount: integer("assigned_count").notNull().default(0),
    submittedCount: integer("submitted_count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.competitionId, t.userId] }), index("competition_experts_user").on(t.userId)],
);

/** A conflict of interest an expert declared on an entry: never assigned it. */
export const conflicts = sqliteTable(
  "competition_conflicts",
  {
    competitionId: text("competition_id").notNull().references(() => competitions.id, { onDelete: "cascade" }),
    expertId: text("expert_id").notNull().references(() => users.id),
    entryId: text("entry_id").notNull().references(() => entries.id),
    reason: text("reason").notNull().default(""),
    declaredAt: integer("declared_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.expertId, t.entryId] }), index("competition_conflicts_competition").on(t.competitionId, t.expertId)],
);

/**
 * An entry given to an expert. assigned → draft (scores saved, changeable) → submitted (final).
 * `total` is the expert's weighted total on 0–100 with 6 decimals (scoring/rules.ts expertTotal), set when submitted.
 */
export const ASSIGNMENT_STATUSES = ["assigned", "draft", "submitted"] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const ASSIGNMENT_REASONS = ["initial", "rerun", "flag"] as const;

export const assignments = sqliteTable(
  "competition_assignments",
  {
    entryId: text("entry_id").notNull().references(() => entries.id),
    expertId: text("expert_id").notNull().references(() => users.id),
    competitionId: text("competition_id").notNull().references(() => competitions.id),
    reason: text("reason", { enum: ASSIGNMENT_REASONS }).notNull().default("initial"),
    status: text("status", { enum: ASSIGNMENT_STATUSES }).notNull().default("assigned"),
    total: real("total"),
    assignedAt: integer("assigned_at").notNull(),
    assignedBy: text("assigned_by").notNull().references(() => users.id),
    updatedAt: integer("updated_at").notNull(),
    submittedAt: integer("submitted_at"),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.expertId] }),
    // An expert's list of entries; the organiser's progress per expert.
    index("competition_assignments_expert").on(t.competitionId, t.expertId, t.status),
    index("competition_assignments_competition").on(t.competitionId, t.entryId),
  ],
);

/** One expert's score of one criterion of one entry. */
export const scores = sqliteTable(
  "competition_scores",
  {
    entryId: text("entry_id").notNull().references(() => entries.id),
    expertId: text("expert_id").notNull().references(() => users.id),
    criterionId: text("criterion_id").notNull().references(() => criteria.id),
    score: integer("score").notNull(),
    comment: text("comment").notNull().default(""),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.expertId, t.criterionId] })],
);

/**
 * A person's vote in a nomination: one row per (nomination, voter) — the primary key is what makes
 * the count exact under any concurrency. A changed vote updates the row; an annulled one stays
 * (status 'annulled') so the same account cannot vote again in that nomination.
 * Written only through the ballot box (voting/ballot-box.ts).
 */
export const VOTE_STATUSES = ["counted", "annulled"] as const;

export const votes = sqliteTable(
  "competition_votes",
  {
    nominationId: text("nomination_id").notNull().references(() => nominations.id),
    voterId: text("voter_id").notNull().references(() => users.id),
    competitionId: text("competition_id").notNull().references(() => competitions.id),
    entryId: text("entry_id").notNull().references(() => entries.id),
    status: text("status", { enum: VOTE_STATUSES }).notNull().default("counted"),
    /** The receipt of the cast now in force (see vote_log for earlier ones). */
    receipt: text("receipt").notNull(),
    castAt: integer("cast_at").notNull(),
    changedAt: integer("changed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.nominationId, t.voterId] }), index("competition_votes_entry").on(t.entryId, t.status), index("competition_votes_voter").on(t.voterId)],
);

/**
 * Every cast, change and annulment, append-only: the audit of the count and the anomaly report's
 * source. `network` is a salted hash of the voter's /24 (IPv4) or /48 (IPv6) network, never the
 * address; `account_created_at` is copied so "votes from new accounts" needs no join.
 */
export const VOTE_EVENTS = ["cast", "change", "annul"] as const;

export const voteLog = sqliteTable(
  "competition_vote_log",
  {
    id: text("id").primaryKey(),
    competitionId: text("competition_id").notNull().references(() => competitions.id),
    nominationId: text("nomination_id").notNull().references(() => nominations.id),
    voterId: text("voter_id").notNull().references(() => users.id),
    event: text("event", { enum: VOTE_EVENTS }).notNull(),
    entryId: text("entry_id").notNull().references(() => entries.id),
    previousEntryId: text("previous_entry_id"),
    /** The receipt handed out for this cast or change (null for an annulment). */
    receipt: text("receipt"),
    network: text("network").notNull().default(""),
    accountCreatedAt: integer("account_created_at").notNull(),
    /** Who annulled, and why (annulments only). */
    actorId: text("actor_id"),
    reason: text("reason"),
    at: integer("at").notNull(),
  },
  (t) => [
    uniqueIndex("competition_vote_log_receipt").on(t.receipt).where(sql`receipt IS NOT NULL`),
    index("competition_vote_log_hour").on(t.nominationId, t.at),
    index("competition_vote_log_network").on(t.nominationId, t.network, t.at),
    index("competition_vote_log_voter").on(t.voterId, t.at),
  ],
);

/** The computed result per nomination and entry (computeResults in results/service.ts, ranked by results/ranking.ts); public once results_published_at is set. */
export const results = sqliteTable(
  "competition_results",
  {
    nominationId: text("nomination_id").notNull().references(() => nominations.id),
    entryId: text("entry_id").notNull().references(() => entries.id),
    competitionId: text("competition_id").notNull().references(() => competitions.id),
    juryScore: real("jury_score"),
    juryExperts: integer("jury_experts").notNull().default(0),
    votes: integer("votes").notNull().default(0),
    juryPart: real("jury_part").notNull().default(0),
    publicPart: real("public_part").notNull().default(0),
    total: real("total").notNull().default(0),
    rank: integer("rank").notNull(),
    winner: integer("winner", { mode: "boolean" }).notNull().default(false),
    /** Which tie-break decided this entry's place against the one above it (null: the total did). */
    decidedBy: text("decided_by"),
    computedAt: integer("computed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.nominationId, t.entryId] }), index("competition_results_rank").on(t.nominationId, t.rank, t.entryId), index("competition_results_competition").on(t.competitionId)],
);
