import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { users } from "../accounts/schema";
import type { Db } from "../db/client";
import { organisations } from "../organisations/data";
import type { ListKey } from "./cursor";
import type { ProposalSort } from "./dto";
import { organiserThemes, proposalSupports, proposals, type ProposalStatus } from "./schema";

/** Unexecuted statements of the proposals module; service.ts puts them into batches. */

const cardView = {
  id: proposals.id,
  title: proposals.title,
  summary: proposals.summary,
  organiserId: proposals.organiserId,
  organisationId: proposals.organisationId,
  organisationName: organisations.name,
  theme: proposals.theme,
  city: proposals.city,
  status: proposals.status,
  supportCount: proposals.supportCount,
  commentCount: proposals.commentCount,
  publishedAt: proposals.publishedAt,
};

const SORT_COLUMN = { new: proposals.publishedAt, supported: proposals.supportCount, discussed: proposals.commentCount } as const;

export interface ListFilter {
  organiserId?: string;
  theme?: string;
  city?: string;
  status: Extract<ProposalStatus, "published" | "archived">;
  sort: ProposalSort;
  after?: ListKey;
  limit: number;
}

/** The sort value of a card, for the next page's cursor. */
export const sortValue = (row: { publishedAt: number | null; supportCount: number; commentCount: number }, sort: ProposalSort) =>
  sort === "new" ? (row.publishedAt ?? 0) : sort === "supported" ? row.supportCount : row.commentCount;

/**
 * Public proposals, newest / most supported / most discussed first, by key (sort value, id) —
 * never OFFSET. Hidden ones never appear. Each order has an index starting with the status (and
 * the organiser's list its own), so a page is a walk of one index range.
 */
export function listPublic(db: Db, f: ListFilter) {
  const col = SORT_COLUMN[f.sort];
  const conds: (SQL | undefined)[] = [eq(proposals.status, f.status), isNull(proposals.hiddenAt)];
  if (f.organiserId) conds.push(eq(proposals.organiserId, f.organiserId));
  if (f.theme) conds.push(eq(proposals.theme, f.theme));
  if (f.city) conds.push(eq(proposals.city, f.city));
  if (f.after) conds.push(sql`(${col}, ${proposals.id}) < (${f.after.v}, ${f.after.id})`);
  return db
    .select(cardView)
    .from(proposals)
    .leftJoin(organisations, eq(organisations.id, proposals.organisationId))
    .where(and(...conds))
    .orderBy(desc(col), desc(proposals.id))
    .limit(f.limit);
}

/** "My proposals": everything the person wrote, last changed first, by key (updated_at, id). */
export function listByAuthor(db: Db, authorId: string, opts: { after?: ListKey; limit: number }) {
  return db
    .select({ ...cardView, updatedAt: proposals.updatedAt, hiddenAt: proposals.hiddenAt })
    .from(proposals)
    .leftJoin(organisations, eq(organisations.id, proposals.organisationId))
    .where(and(eq(proposals.authorId, authorId), opts.after ? sql`(${proposals.updatedAt}, ${proposals.id}) < (${opts.after.v}, ${opts.after.id})` : undefined))
    .orderBy(desc(proposals.updatedAt), desc(proposals.id))
    .limit(opts.limit);
}

/** One proposal with the names shown on its page (author, organisation). */
export const getProposal = (db: Db, id: string) =>
  db
    .select({ p: proposals, authorName: users.displayName, authorDeletedAt: users.deletedAt, organisationName: organisations.name })
    .from(proposals)
    .leftJoin(users, eq(users.id, proposals.authorId))
    .leftJoin(organisations, eq(organisations.id, proposals.organisationId))
    .where(eq(proposals.id, id));

/** Just the facts access and lifecycle need (no text). */
export const getProposalFacts = (db: Db, id: string) =>
  db
    .select({ id: proposals.id, organiserId: proposals.organiserId, authorId: proposals.authorId, status: proposals.status, hiddenAt: proposals.hiddenAt, title: proposals.title })
    .from(proposals)
    .where(eq(proposals.id, id));

export const insertProposal = (db: Db, p: typeof proposals.$inferInsert) => db.insert(proposals).values(p);

/**
 * A change of the text, applied only while the proposal is still editable when the batch runs.
 * When it is not (submitted a moment ago from another tab), `status` would become NULL and the
 * NOT NULL constraint aborts the whole batch — its audit record included; the service reports 409.
 */
export const updateEditable = (db: Db, id: string, patch: Partial<typeof proposals.$inferInsert>, now: number) =>
  db
    .update(proposals)
    .set({ ...patch, updatedAt: now, status: sql`CASE WHEN ${proposals.status} IN ('draft', 'returned') THEN ${proposals.status} END` })
    .where(eq(proposals.id, id));

/**
 * A move of the lifecycle, guarded the same way: if the proposal is no longer in the state (and
 * hidden flag) the decision was taken on — another moderator was quicker — the batch aborts.
 */
export function transitionStatement(
  db: Db,
  id: string,
  m: { from: ProposalStatus; wasHidden: boolean; to: ProposalStatus; hidden: boolean; now: number; submitted?: boolean; published?: boolean },
) {
  const hiddenNow = m.wasHidden ? sql`${proposals.hiddenAt} IS NOT NULL` : sql`${proposals.hiddenAt} IS NULL`;
  return db
    .update(proposals)
    .set({
      status: sql`CASE WHEN ${proposals.status} = ${m.from} AND ${hiddenNow} THEN ${m.to} END`,
      hiddenAt: m.hidden === m.wasHidden ? undefined : m.hidden ? m.now : null,
      updatedAt: m.now,
      ...(m.submitted ? { submittedAt: m.now } : {}),
      ...(m.published ? { publishedAt: sql`coalesce(${proposals.publishedAt}, ${m.now})` } : {}),
    })
    .where(eq(proposals.id, id));
}

/** The message D1 gives when a guarded statement above found the proposal in another state. */
export const isStaleState = (e: unknown) => /NOT NULL constraint failed: proposals\.status/.test(String((e as Error)?.message ?? e) + String((e as { cause?: Error })?.cause?.message ?? ""));

/** Hide a published proposal if `condition` holds when the batch runs (reports reached the threshold). */
export const hideWhen = (db: Db, id: string, condition: SQL, now: number) =>
  db
    .update(proposals)
    .set({ hiddenAt: now, updatedAt: now })
    .where(and(eq(proposals.id, id), eq(proposals.status, "published"), isNull(proposals.hiddenAt), condition));

/** The counter recomputed from the rows (exact whatever ran concurrently): a walk of the primary key's prefix. */
export const recountSupports = (db: Db, id: string) =>
  db
    .update(proposals)
    .set({ supportCount: sql`(SELECT count(*) FROM proposal_supports WHERE proposal_id = ${id})` })
    .where(eq(proposals.id, id));

/**
 * One support per person: the primary key guarantees it (a repeat is ignored), and only while the
 * proposal takes part in discussion when the batch runs (published, not hidden).
 */
export const addSupport = (db: Db, id: string, userId: string, now: number) =>
  db
    .insert(proposalSupports)
    .select(
      sql`SELECT ${id}, ${userId}, ${now} WHERE EXISTS (SELECT 1 FROM proposals WHERE id = ${id} AND status = 'published' AND hidden_at IS NULL)`,
    )
    .onConflictDoNothing();

export const removeSupport = (db: Db, id: string, userId: string) =>
  db.delete(proposalSupports).where(and(eq(proposalSupports.proposalId, id), eq(proposalSupports.userId, userId)));

export const supportOf = (db: Db, id: string, userId: string) =>
  db.select({ at: proposalSupports.createdAt }).from(proposalSupports).where(and(eq(proposalSupports.proposalId, id), eq(proposalSupports.userId, userId)));

export const supportCountOf = (db: Db, id: string) => db.select({ n: proposals.supportCount }).from(proposals).where(eq(proposals.id, id));

/** An organiser's own themes (the default list applies when there are none; see themes.ts). */
export const themeRowsOf = (db: Db, organiserId: string) =>
  db
    .select({ organiserId: organiserThemes.organiserId, slug: organiserThemes.slug, nameRu: organiserThemes.nameRu, nameEn: organiserThemes.nameEn, position: organiserThemes.position })
    .from(organiserThemes)
    .where(eq(organiserThemes.organiserId, organiserId));

/** Themes of several organisers at once (the list page's filter and cards). */
export const themeRowsOfMany = (db: Db, organiserIds: string[]) =>
  db
    .select({ organiserId: organiserThemes.organiserId, slug: organiserThemes.slug, nameRu: organiserThemes.nameRu, nameEn: organiserThemes.nameEn, position: organiserThemes.position })
    .from(organiserThemes)
    .where(inArray(organiserThemes.organiserId, organiserIds.length ? organiserIds : [""]))
    .orderBy(asc(organiserThemes.organiserId), asc(organiserThemes.slug));

/** The theme rows of the organiser of a proposal, by subquery, so the page needs no second round trip. */
export const themeRowsOfProposal = (db: Db, proposalId: string) =>
  db
    .select({ organiserId: organiserThemes.organiserId, slug: organiserThemes.slug, nameRu: organiserThemes.nameRu, nameEn: organiserThemes.nameEn, position: organiserThemes.position })
    .from(organiserThemes)
    .where(sql`${organiserThemes.organiserId} = (SELECT organiser_id FROM proposals WHERE id = ${proposalId})`);

export { organiserThemes, proposalSupports, proposals };

/** Every organiser's own themes (a small table), for the list page's filter and cards. */
export const allThemeRows = (db: Db) =>
  db
    .select({ organiserId: organiserThemes.organiserId, slug: organiserThemes.slug, nameRu: organiserThemes.nameRu, nameEn: organiserThemes.nameEn, position: organiserThemes.position })
    .from(organiserThemes)
    .orderBy(asc(organiserThemes.organiserId), asc(organiserThemes.slug));
