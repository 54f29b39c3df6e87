import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "../accounts/schema";
import { organisations } from "../organisations/schema";
import { organisers } from "../organisers/schema";

/**
 * Public consultation on a draft document (a forum resolution, a decision of a session).
 *
 * draft: being prepared, seen only by the organiser's admins; published: its versions are public and
 * remarks may be left while the comment window is open (the window is a pair of instants, see
 * ./window.ts); adopted: one version was adopted and is final, commitments are tracked.
 */
export const CONSULTATION_STATUSES = ["draft", "published", "adopted"] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export const consultations = sqliteTable(
  "consultations",
  {
    id: text("id").primaryKey(),
    organiserId: text("organiser_id").notNull().references(() => organisers.id),
    title: text("title").notNull(),
    /** The body that adopts the document («Правление МАГ», «участники форума», «Совет депутатов»). */
    adoptingBody: text("adopting_body").notNull().default(""),
    description: text("description").notNull().default(""),
    status: text("status", { enum: CONSULTATION_STATUSES }).notNull().default("draft"),
    /** The comment window, epoch ms UTC: open while opens_at <= now < closes_at (shown in Moscow time). */
    opensAt: integer("opens_at").notNull(),
    closesAt: integer("closes_at").notNull(),
    /** Number of the newest published version (0 while nothing is published). */
    currentVersion: integer("current_version").notNull().default(0),
    /** Remarks that are not deleted, over all versions (hidden ones included, like comment counters). */
    remarkCount: integer("remark_count").notNull().default(0),
    createdBy: text("created_by").notNull().references(() => users.id),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    publishedAt: integer("published_at"),
  },
  (t) => [
    // Public list: newest first, all organisers or one.
    index("consultations_list").on(t.status, t.publishedAt, t.id),
    index("consultations_organiser").on(t.organiserId, t.status, t.publishedAt, t.id),
  ],
);

export const VERSION_STATUSES = ["draft", "published"] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/**
 * A version of the document. At most one draft version at a time (the one being edited); a
 * published version never changes (triggers in the migration refuse edits to its clauses).
 */
export const consultationVersions = sqliteTable(
  "consultation_versions",
  {
    id: text("id").primaryKey(),
    consultationId: text("consultation_id").notNull().references(() => consultations.id, { onDelete: "cascade" }),
    /** 1, 2, 3 … in order of creation; a draft takes the next number. */
    number: integer("number").notNull(),
    status: text("status", { enum: VERSION_STATUSES }).notNull().default("draft"),
    /** What changed compared with the previous version, in the organiser's words. */
    note: text("note").notNull().default(""),
    /** The pasted or uploaded text the clauses were parsed from (kept for reference). */
    sourceText: text("source_text").notNull().default(""),
    clauseCount: integer("clause_count").notNull().default(0),
    /** Remarks left on this version that are not deleted. */
    remarkCount: integer("remark_count").notNull().default(0),
    createdBy: text("created_by").notNull().references(() => users.id),
    createdAt: integer("created_at").notNull(),
    publishedAt: integer("published_at"),
    /** When the organiser published the «сводка предложений» of this version's remarks. */
    summaryPublishedAt: integer("summary_published_at"),
    /** Set on the adopted version: the calendar date of adoption (YYYY-MM-DD) and the body that adopted it. */
    adoptedOn: text("adopted_on"),
    adoptedBy: text("adopted_by"),
    adoptedAt: integer("adopted_at"),
  },
  (t) => [
    uniqueIndex("consultation_versions_number").on(t.consultationId, t.number),
    // At most one draft per consultation.
    uniqueIndex("consultation_versions_one_draft").on(t.consultationId).where(sql`status = 'draft'`),
  ],
);

/** heading: a section heading («Участники секции … РЕКОМЕНДУЮТ:»); clause: a numbered clause; item: a bullet inside a clause; text: an unnumbered paragraph (preamble). */
export const CLAUSE_KINDS = ["heading", "clause", "item", "text"] as const;
export type ClauseKind = (typeof CLAUSE_KINDS)[number];

/**
 * A clause of one version: the document is the version's clauses in `position` order, a tree by
 * `depth` (0 top level). `lineage` is the same for a clause and its descendants in later versions
 * (the id of the clause where it first appeared), which is how the version diff matches clauses.
 */
export const consultationClauses = sqliteTable(
  "consultation_clauses",
  {
    id: text("id").primaryKey(),
    versionId: text("version_id").notNull().references(() => consultationVersions.id, { onDelete: "cascade" }),
    consultationId: text("consultation_id").notNull().references(() => consultations.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    depth: integer("depth").notNull().default(0),
    kind: text("kind", { enum: CLAUSE_KINDS }).notNull().default("clause"),
    /** As written: "8.3", "2.1", "" for headings, bullets and preamble paragraphs. */
    number: text("number").notNull().default(""),
    text: text("text").notNull(),
    /** JSON array of addressees («Мэрии города Новосибирска», «Секретариату МАГ»). */
    addressees: text("addressees", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    lineage: text("lineage").notNull(),
    /** Remarks on this clause that are not deleted. */
    remarkCount: integer("remark_count").notNull().default(0),
  },
  (t) => [uniqueIndex("consultation_clauses_order").on(t.versionId, t.position), index("consultation_clauses_lineage").on(t.consultationId, t.lineage)],
);

/** comment; wording: the full new text of the clause; new_clause: a clause to add after this one; objection. */
export const REMARK_KINDS = ["comment", "wording", "new_clause", "objection"] as const;
export type RemarkKind = (typeof REMARK_KINDS)[number];

/** How the author chose to be shown in public and in the summary. */
export const REMARK_SHOWN_AS = ["name", "organisation", "anonymous"] as const;
export type RemarkShownAs = (typeof REMARK_SHOWN_AS)[number];

export const REMARK_STATUSES = ["visible", "hidden", "deleted"] as const;
export type RemarkStatus = (typeof REMARK_STATUSES)[number];

/** The organiser's decision on a remark; a reason is required for anything but accepted (./dispositions.ts). */
export const DISPOSITIONS = ["accepted", "partly", "rejected", "out_of_scope"] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/**
 * A remark on a clause (or, with clause_id NULL, on the document as a whole) of one published
 * version, left while the window was open. `clausePosition` copies the clause's position (-1 for
 * the whole document) so the summary reads in document order straight from an index.
 */
export const remarks = sqliteTable(
  "remarks",
  {
    id: text("id").primaryKey(),
    consultationId: text("consultation_id").notNull().references(() => consultations.id, { onDelete: "cascade" }),
    versionId: text("version_id").notNull().references(() => consultationVersions.id, { onDelete: "cascade" }),
    clauseId: text("clause_id").references(() => consultationClauses.id, { onDelete: "cascade" }),
    clausePosition: integer("clause_position").notNull().default(-1),
    /** The organiser whose moderators look after the remark. */
    organiserId: text("organiser_id").notNull(),
    authorId: text("author_id").notNull().references(() => users.id),
    /** Set when the author speaks for an organisation they are a confirmed member of. */
    organisationId: text("organisation_id").references(() => organisations.id),
    shownAs: text("shown_as", { enum: REMARK_SHOWN_AS }).notNull().default("name"),
    kind: text("kind", { enum: REMARK_KINDS }).notNull(),
    /** The remark itself (for wording and new_clause: the explanation, may be empty). */
    body: text("body").notNull().default(""),
    /** wording / new_clause: the proposed text. */
    proposedText: text("proposed_text"),
    status: text("status", { enum: REMARK_STATUSES }).notNull().default("visible"),
    supportCount: integer("support_count").notNull().default(0),
    replyCount: integer("reply_count").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    disposition: text("disposition", { enum: DISPOSITIONS }),
    dispositionReason: text("disposition_reason"),
    disposedAt: integer("disposed_at"),
    disposedBy: text("disposed_by").references(() => users.id),
  },
  (t) => [
    // One clause's remarks, oldest first (the clause page), and counts per status.
    index("remarks_clause").on(t.clauseId, t.status, t.createdAt, t.id),
    // The summary in document order, whole and filtered by disposition or kind.
    index("remarks_version_order").on(t.versionId, t.clausePosition, t.createdAt, t.id),
    index("remarks_version_disposition").on(t.versionId, t.disposition, t.clausePosition, t.createdAt, t.id),
    index("remarks_version_kind").on(t.versionId, t.kind, t.clausePosition, t.createdAt, t.id),
    // Progress of the dispositions: visible remarks of a version still without one.
    index("remarks_version_status").on(t.versionId, t.status, t.disposition),
    index("remarks_author").on(t.authorId, t.createdAt),
  ],
);

/** One support per person per remark. */
export const remarkSupports = sqliteTable(
  "remark_supports",
  {
    remarkId: text("remark_id").notNull().references(() => remarks.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.remarkId, t.userId] }), index("remark_supports_user").on(t.userId)],
);

/** A clause of a later version that took a remark into account (set by the organiser in the draft). */
export const remarkLinks = sqliteTable(
  "remark_links",
  {
    remarkId: text("remark_id").notNull().references(() => remarks.id, { onDelete: "cascade" }),
    clauseId: text("clause_id").notNull().references(() => consultationClauses.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.remarkId, t.clauseId] }), index("remark_links_clause").on(t.clauseId)],
);

export const COMMITMENT_STATUSES = ["not_started", "in_progress", "done", "failed"] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

/**
 * What an adopted clause commits one addressee to do. A clause addressed to two bodies gives two
 * commitments, so each body's progress is tracked (and filtered) on its own.
 */
export const commitments = sqliteTable(
  "commitments",
  {
    id: text("id").primaryKey(),
    consultationId: text("consultation_id").notNull().references(() => consultations.id, { onDelete: "cascade" }),
    organiserId: text("organiser_id").notNull().references(() => organisers.id),
    versionId: text("version_id").notNull().references(() => consultationVersions.id),
    clauseId: text("clause_id").notNull().references(() => consultationClauses.id),
    /** Copied from the clause for ordering on the consultation's page. */
    clausePosition: integer("clause_position").notNull(),
    addressee: text("addressee").notNull(),
    /** The organisation responsible for carrying it out (may differ from the addressee). */
    responsible: text("responsible").notNull().default(""),
    /** Calendar date YYYY-MM-DD, or NULL when none was set. */
    dueOn: text("due_on"),
    status: text("status", { enum: COMMITMENT_STATUSES }).notNull().default("not_started"),
    statusChangedAt: integer("status_changed_at").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("commitments_consultation").on(t.consultationId, t.clausePosition, t.id),
    // The portal-wide page: by due date, all or one addressee, all or one status.
    index("commitments_due").on(t.dueOn, t.id),
    index("commitments_addressee").on(t.addressee, t.dueOn, t.id),
    index("commitments_status").on(t.status, t.dueOn, t.id),
    // The foreign key's own lookup: deleting a clause (the drafting editor does, in drafts) checks
    // that no commitment points at it, which without this index is a scan of every commitment.
    index("commitments_clause").on(t.clauseId),
  ],
);

/** A dated progress note by the organiser; `status` is set when the note changed the commitment's status. */
export const commitmentNotes = sqliteTable(
  "commitment_notes",
  {
    id: text("id").primaryKey(),
    commitmentId: text("commitment_id").notNull().references(() => commitments.id, { onDelete: "cascade" }),
    authorId: text("author_id").notNull().references(() => users.id),
    notedOn: text("noted_on").notNull(),
    body: text("body").notNull(),
    status: text("status", { enum: COMMITMENT_STATUSES }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("commitment_notes_commitment").on(t.commitmentId, t.notedOn, t.createdAt)],
);

/** What the Atom feed announces. */
export const CONSULTATION_EVENTS = ["published", "version", "summary", "adopted", "commitment_status"] as const;
export type ConsultationEventKind = (typeof CONSULTATION_EVENTS)[number];

/** The public feed of consultations: one row per announcement, written in the batch of the change. */
export const consultationEvents = sqliteTable(
  "consultation_events",
  {
    id: text("id").primaryKey(),
    consultationId: text("consultation_id").notNull().references(() => consultations.id, { onDelete: "cascade" }),
    organiserId: text("organiser_id").notNull(),
    kind: text("kind", { enum: CONSULTATION_EVENTS }).notNull(),
    /** Message parameters (title, version number, status …), rendered in the reader's language. */
    params: text("params", { mode: "json" }).$type<Record<string, string | number>>().notNull(),
    /** Path on this portal the entry links to. */
    url: text("url").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("consultation_events_feed").on(t.createdAt, t.id), index("consultation_events_consultation").on(t.consultationId, t.createdAt)],
);
