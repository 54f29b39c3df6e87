import { eq, sql } from "drizzle-orm";
import type { Ctx } from "../accounts/service";
import type { SessionUser } from "../accounts/session-user";
import { auditRecord, auditRecordWhere } from "../audit";
import { competitions } from "../competitions/schema";
import { runBatch } from "../db/client";
import { conflict, forbidden, invalidField, notFound } from "../http/problem";
import { listOrganisers } from "../organisers/data";
import { organisers } from "../organisers/schema";
import { can, hasRole, organisersWhere, type Actor } from "../roles/rules";
import type { PracticeInputValues } from "./dto";
import { practiceHideStatement, practiceStatements } from "./index";
import { practices } from "./schema";
import { browse, facets, search, type BrowseKey, type CardRow, type Filters, type SearchKey } from "./search";
import { ftsQuery, queryStems } from "./stemming";

/** Use cases of the library: rules and batches; routes and pages only translate. */

export interface ListRequest extends Filters {
  q?: string;
  /** A browse or a search key, whichever the cursor held (the other kind reads from the start). */
  afterBrowse?: BrowseKey;
  afterSearch?: SearchKey;
  limit: number;
}

export interface ListResult {
  items: CardRow[];
  /** The key after the last item when there is a next page. */
  next: { kind: "browse"; key: BrowseKey } | { kind: "search"; key: SearchKey } | null;
  /** The stems the query asked for (empty without a searchable query): for highlighting. */
  terms: string[];
  facets: { cities: string[]; themes: string[]; years: number[]; nominations: string[] };
}

/**
 * One page of the library and the facets for the filter form, in one round trip. A query with
 * nothing searchable left (only punctuation or stop words) browses instead.
 */
export async function listPractices(ctx: Ctx, r: ListRequest, withFacets = true): Promise<ListResult> {
  const { db } = ctx;
  const match = r.q ? ftsQuery(r.q) : null;
  const filters: Filters = { city: r.city, theme: r.theme, year: r.year, nomination: r.nomination };
  const page = match ? search(db, match, filters, r.afterSearch, r.limit + 1) : browse(db, filters, r.afterBrowse, r.limit + 1);
  const [rows, cities, themes, years, nominations] = withFacets ? await db.batch([page, ...facets(db)]) : [await page, [], [], [], []];
  const items = (rows as CardRow[]).slice(0, r.limit);
  const last = items[items.length - 1] as (CardRow & { rank?: number }) | undefined;
  const more = rows.length > r.limit && last;
  return {
    items,
    next: !more ? null : match ? { kind: "search", key: { rank: last.rank!, id: last.id } } : { kind: "browse", key: { year: last.year, id: last.id } },
    terms: match ? queryStems(r.q!) : [],
    facets: {
      cities: cities.map((f) => String(f.value)),
      themes: themes.map((f) => String(f.value)),
      years: years.map((f) => Number(f.value)).reverse(),
      nominations: nominations.map((f) => String(f.value)),
    },
  };
}

/** Organisers whose practices this person manages: every one for a platform admin. */
export async function managedOrganisers(ctx: Ctx, user: Actor | null) {
  if (!user) return [];
  const all = await listOrganisers(ctx.db);
  if (hasRole(user, "platform_admin")) return all;
  const mine = new Set(organisersWhere(user, ["organiser_admin"]));
  return all.filter((o) => mine.has(o.id));
}

const practicePage = (ctx: Ctx, id: string) =>
  ctx.db
    .select({
      practice: practices,
      organiserNameRu: organisers.nameRu,
      organiserNameEn: organisers.nameEn,
      // Aliased: the competition's id and title would overwrite the practice's in a batch row.
      competitionTitle: sql<string | null>`${competitions.title}`.as("competition_title"),
    })
    .from(practices)
    .innerJoin(organisers, eq(organisers.id, practices.organiserId))
    .leftJoin(competitions, eq(competitions.id, practices.competitionId))
    .where(eq(practices.id, id));

/**
 * A practice with its organiser's names and its competition's title. A hidden practice is gone for
 * everyone but those who manage the organiser's library (they see it marked hidden).
 */
export async function showPractice(ctx: Ctx, viewer: SessionUser | null, id: string) {
  const [row] = await practicePage(ctx, id);
  if (!row) throw notFound();
  const manage = can(viewer, "library.manage", { organiserId: row.practice.organiserId });
  if (row.practice.hiddenAt !== null && !manage) throw notFound();
  return { ...row, manage };
}

/** Adds a practice by hand: the organiser's admins (or a platform admin). Row, stems and audit in one batch. */
export async function addPractice(ctx: Ctx, user: SessionUser, input: PracticeInputValues, now = Date.now()) {
  if (!can(user, "library.manage", { organiserId: input.organiserId })) throw forbidden();
  const { db } = ctx;
  // A platform admin may name any organiser: it must exist (the foreign key would fail later as a 500).
  const [organiser] = await db.select({ id: organisers.id }).from(organisers).where(eq(organisers.id, input.organiserId));
  if (!organiser) throw invalidField("organiserId", "field.unknownOrganiser");
  const id = crypto.randomUUID();
  await runBatch(db, [
    ...practiceStatements(db, {
      id,
      organiserId: input.organiserId,
      source: "manual",
      city: input.city,
      country: input.country,
      title: input.title,
      theme: input.theme,
      year: input.year,
      problem: input.problem,
      actions: input.actions,
      results: input.results,
      period: input.period,
      budget: input.budget,
      createdBy: user.id,
      createdAt: now,
    }),
    auditRecord(db, { actorId: user.id, action: "practice.create", objectType: "practice", objectId: id, organiserId: input.organiserId, details: { title: input.title } }, now),
  ]);
  return { id };
}

/**
 * Hides a practice (library.manage of its organiser) with a reason kept in the audit log. The update
 * asks that it is still visible and the audit record that the update happened (hidden_at is exactly
 * this instant), so two hides at once leave one record.
 */
export async function hidePractice(ctx: Ctx, user: SessionUser, id: string, reason: string, now = Date.now()) {
  const { db } = ctx;
  const [p] = await db.select({ organiserId: practices.organiserId, hiddenAt: practices.hiddenAt, title: practices.title }).from(practices).where(eq(practices.id, id));
  if (!p) throw notFound();
  if (!can(user, "library.manage", { organiserId: p.organiserId })) throw forbidden();
  if (p.hiddenAt !== null) throw conflict("library.problem.alreadyHidden");
  const [hidden] = await db.batch([
    practiceHideStatement(db, id, now).returning({ id: practices.id }),
    auditRecordWhere(
      db,
      { actorId: user.id, action: "practice.hide", objectType: "practice", objectId: id, organiserId: p.organiserId, reason, details: { title: p.title } },
      sql`EXISTS (SELECT 1 FROM practices WHERE id = ${id} AND hidden_at = ${now})`,
      now,
    ),
  ]);
  if (hidden.length !== 1) throw conflict("library.problem.alreadyHidden");
}

