import { and, eq, sql } from "drizzle-orm";
import type { Ctx } from "../../accounts/service";
import type { SessionUser } from "../../accounts/session-user";
import { listAttachmentsStatement } from "../../attachments/data";
import { toAttachmentView } from "../../attachments/view";
import { auditRecord, auditRecordWhere } from "../../audit";
import { runBatch, type Statement } from "../../db/client";
import { conflict, forbidden, invalid, invalidField, notFound, type FieldIssue } from "../../http/problem";
import { getOrganiser, listOrganisers } from "../../organisers/data";
import { can, organisersWhere } from "../../roles/rules";
import { competitionAccess } from "../access";
import { competitionById, competitionFacts, criteriaOf, expertRowOf, nominationsOf, type CompetitionRow, type CriterionRow, type NominationRow } from "../data";
import { competitions, criteria, nominations, type Stage } from "../schema";
import { stageAt } from "../stages";
import type { ListKey } from "./cursor";
import { criterionCountSql, draftsOf, editableSql, insertCriterion, insertNomination, isSetupAborted, listPublished, nominationCountSql, positionIs, setupGuard, swapPositions, type CardRow } from "./data";
import { SETUP_LIMITS, type CompetitionInputValues, type CompetitionPatchValues, type CriterionInputValues, type CriterionPatchValues, type NominationPatchValues } from "./dto";
import { criterionIssues, publishBlockers, setupIssues, sortLevels } from "./rules";

/**
 * The organiser's side of a competition before entries open: create and edit it, its nominations
 * and criteria, publish it; and the reads of the list and the competition page. Every use case
 * asks `competitionAccess` and writes its change with the audit record in one batch whose SQL
 * re-checks that the setup may still change (setupGuard), so nothing slips in as entries open.
 */

const P = "competitions.setup.problem";

/** The settings a new competition takes when the organiser leaves them out (the schema's defaults). */
export const SETUP_DEFAULTS: Pick<CompetitionRow, "summary" | "rulesText" | "eligibility" | "entryLimit" | "minExperts" | "spreadThreshold" | "precision" | "juryWeight" | "publicWeight" | "juryNormalisation" | "publicNormalisation" | "tieBreak" | "winners"> = {
  summary: "",
  rulesText: "",
  eligibility: ["resident"],
  entryLimit: 1,
  minExperts: 3,
  spreadThreshold: 20,
  precision: 2,
  juryWeight: 70,
  publicWeight: 30,
  juryNormalisation: "scale",
  publicNormalisation: "leader",
  tieBreak: ["jury", "public", "earlier"],
  winners: 1,
};

/** Organisers whose competitions this person runs (their drafts are listed for them; they may create). */
export const managedOrganisers = (user: SessionUser | null) => (user ? organisersWhere(user, ["organiser_admin"]).filter((organiserId) => can(user, "competition.manage", { organiserId })) : []);

// ---- reads -----------------------------------------------------------------------------------

/** The public list (with filters) and, for the organisers' admins, their drafts: one round trip with the organisers' names. */
export async function listCompetitions(ctx: Ctx, viewer: SessionUser | null, f: { stage?: Stage; organiserId?: string; after?: ListKey; limit: number }) {
  const db = ctx.db;
  const managed = managedOrganisers(viewer);
  const [rows, organisers, drafts] = await db.batch([listPublished(db, { ...f, limit: f.limit + 1 }), listOrganisers(db), draftsOf(db, managed)]);
  return { items: rows.slice(0, f.limit) as CardRow[], more: rows.length > f.limit, organisers, drafts: managed.length ? (drafts as CardRow[]) : [], canCreate: managed.length > 0 };
}

export const nextKey = (items: CardRow[]): ListKey | null => {
  const last = items[items.length - 1];
  return last && last.publishedAt !== null ? { publishedAt: last.publishedAt, id: last.id } : null;
};

/**
 * A competition with everything its page shows, for this viewer: the row with its organiser's
 * names, nominations, criteria, the viewer's expert row and the rules' files — one D1 round trip.
 * A competition the viewer may not read (another organiser's draft) is a 404.
 */
export async function readCompetition(ctx: Ctx, viewer: SessionUser | null, id: string, now = Date.now()) {
  if (id.length > SETUP_LIMITS.id) throw notFound();
  const db = ctx.db;
  const [[row], noms, crits, expertRows, files] = await db.batch([competitionById(db, id), nominationsOf(db, id), criteriaOf(db, id), expertRowOf(db, id, viewer?.id ?? ""), listAttachmentsStatement(db, "competition", id)]);
  if (!row) throw notFound();
  const c = row.competition;
  const access = competitionAccess(competitionFacts(c), viewer, now, viewer !== null && expertRows.length > 0);
  if (!access.read) throw notFound();
  return {
    competition: c,
    organiser: { nameRu: row.organiserNameRu, nameEn: row.organiserNameEn, shortName: row.organiserShort },
    nominations: noms,
    criteria: crits,
    files: files.map(toAttachmentView),
    access,
    now,
  };
}
export type CompetitionRead = Awaited<ReturnType<typeof readCompetition>>;

/** The competition for its organiser's admins (anyone else: 403 if they may read it, 404 if not). */
export async function readManaged(ctx: Ctx, actor: SessionUser | null, id: string, now = Date.now()) {
  const r = await readCompetition(ctx, actor, id, now);
  if (!r.access.manage) throw forbidden();
  return r;
}

/** The same, for a change of the setup: 409 with the reason once entries have opened. */
async function loadEditable(ctx: Ctx, actor: SessionUser, id: string) {
  const now = Date.now();
  if (id.length > SETUP_LIMITS.id) throw notFound();
  const db = ctx.db;
  const [[row], noms, crits] = await db.batch([competitionById(db, id), nominationsOf(db, id), criteriaOf(db, id)]);
  if (!row) throw notFound();
  const c = row.competition;
  const access = competitionAccess(competitionFacts(c), actor, now);
  if (!access.manage) throw access.read ? forbidden() : notFound();
  if (!access.editSetup) throw conflict(`${P}.frozen`);
  return { c, noms, crits, now };
}

/** Runs a setup batch; a guard that found the setup frozen (or changed under us) becomes a 409 with the reason. */
async function guarded(ctx: Ctx, c: CompetitionRow, statements: Statement[]) {
  try {
    return await runBatch(ctx.db, statements);
  } catch (e) {
    if (!isSetupAborted(e)) throw e;
    const [fresh] = await ctx.db.select().from(competitions).where(eq(competitions.id, c.id));
    const frozen = fresh && fresh.status === "published" && Date.now() >= fresh.entryOpensAt;
    throw conflict(frozen ? `${P}.frozen` : `${P}.stale`);
  }
}

const audit = (ctx: Ctx, actor: SessionUser, c: { id: string; organiserId: string }, action: string, details: Record<string, unknown>, now: number) =>
  auditRecord(ctx.db, { actorId: actor.id, action, objectType: "competition", objectId: c.id, organiserId: c.organiserId, details }, now);

const throwIssues = (issues: FieldIssue[]) => {
  if (issues.length) throw invalid(issues);
};

// ---- the competition -------------------------------------------------------------------------

export async function createCompetition(ctx: Ctx, actor: SessionUser, input: CompetitionInputValues) {
  if (!can(actor, "competition.manage", { organiserId: input.organiserId })) throw managedOrganisers(actor).length ? invalidField("organiserId", "competitions.setup.field.notYourOrganiser") : forbidden();
  const values = { ...SETUP_DEFAULTS, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as typeof SETUP_DEFAULTS & CompetitionInputValues;
  const now = Date.now();
  throwIssues(setupIssues(values, { published: false, now }));
  const [organiser] = await getOrganiser(ctx.db, input.organiserId);
  if (!organiser) throw invalidField("organiserId", "field.unknownOrganiser");
  const id = crypto.randomUUID();
  await ctx.db.batch([
    ctx.db.insert(competitions).values({
      id,
      organiserId: input.organiserId,
      title: values.title,
      summary: values.summary,
      rulesText: values.rulesText,
      status: "draft",
      stage: "announced",
      eligibility: values.eligibility,
      entryLimit: values.entryLimit,
      entryOpensAt: values.entryOpensAt,
      entryClosesAt: values.entryClosesAt,
      checkClosesAt: values.checkClosesAt,
      evaluationClosesAt: values.evaluationClosesAt,
      votingClosesAt: values.votingClosesAt,
      minExperts: values.minExperts,
      spreadThreshold: values.spreadThreshold,
      precision: values.precision,
      juryWeight: values.juryWeight,
      publicWeight: values.publicWeight,
      juryNormalisation: values.juryNormalisation,
      publicNormalisation: values.publicNormalisation,
      tieBreak: values.tieBreak,
      winners: values.winners,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    }),
    audit(ctx, actor, { id, organiserId: input.organiserId }, "competition.create", { title: values.title }, now),
  ]);
  return { id };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Changes the setup (any subset of fields). The whole merged setup is checked (instants, weights),
 * the cached stage follows new instants of a published competition, and the update's own CASE
 * refuses it if entries opened meanwhile.
 */
export async function updateCompetition(ctx: Ctx, actor: SessionUser, id: string, patch: CompetitionPatchValues) {
  const { c, now } = await loadEditable(ctx, actor, id);
  const changes = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && !same(v, (c as Record<string, unknown>)[k]))) as CompetitionPatchValues;
  const merged = { ...c, ...changes };
  const published = c.status === "published";
  throwIssues(setupIssues(merged, { published, now }));
  if (!Object.keys(changes).length) return { changed: [] as string[] };
  await guarded(ctx, c, [
    ctx.db
      .update(competitions)
      .set({ ...changes, stage: published ? stageAt(merged, now) : "announced", updatedAt: now, status: sql`CASE WHEN ${editableSql(now)} THEN ${competitions.status} END` })
      .where(eq(competitions.id, id)),
    audit(ctx, actor, c, "competition.update", { fields: Object.keys(changes) }, now),
  ]);
  return { changed: Object.keys(changes) };
}

/**
 * Publishes a draft: refused with every reason (no nomination, no criterion, instants, weights,
 * entries already closed). One guarded batch: the audit record and the update carry the same
 * condition (still a draft, still the instants checked, still a nomination and a criterion), so
 * of two publishes at once one wins and the other gets 409, and the log records one.
 */
export async function publishCompetition(ctx: Ctx, actor: SessionUser, id: string) {
  if (id.length > SETUP_LIMITS.id) throw notFound();
  const now = Date.now();
  const db = ctx.db;
  const [[row], noms, crits] = await db.batch([competitionById(db, id), nominationsOf(db, id), criteriaOf(db, id)]);
  if (!row) throw notFound();
  const c = row.competition;
  const access = competitionAccess(competitionFacts(c), actor, now);
  if (!access.manage) throw access.read ? forbidden() : notFound();
  if (c.status === "published") throw conflict(`${P}.alreadyPublished`);
  const blockers = publishBlockers({ ...c, nominations: noms.length, criteria: crits.length }, now);
  if (blockers.length) throw conflict(`${P}.notReady`, blockers);
  const stage = stageAt(c, now);
  const ready = sql`${competitions.id} = ${id} AND ${competitions.status} = 'draft'
    AND ${competitions.entryOpensAt} = ${c.entryOpensAt} AND ${competitions.entryClosesAt} = ${c.entryClosesAt} AND ${competitions.checkClosesAt} = ${c.checkClosesAt}
    AND ${competitions.evaluationClosesAt} = ${c.evaluationClosesAt} AND ${competitions.votingClosesAt} = ${c.votingClosesAt}
    AND ${competitions.juryWeight} + ${competitions.publicWeight} = 100
    AND EXISTS (SELECT 1 FROM competition_nominations WHERE competition_id = ${id}) AND EXISTS (SELECT 1 FROM competition_criteria WHERE competition_id = ${id})`;
  const [, updated] = await db.batch([
    // The record first, on the same condition as the update: both or neither.
    auditRecordWhere(db, { actorId: actor.id, action: "competition.publish", objectType: "competition", objectId: id, organiserId: c.organiserId, details: { stage, nominations: noms.length, criteria: crits.length } }, sql`EXISTS (SELECT 1 FROM competitions WHERE ${ready})`, now),
    db.update(competitions).set({ status: "published", publishedAt: now, stage, updatedAt: now }).where(ready).returning({ id: competitions.id }),
  ]);
  if (updated.length === 0) {
    const [fresh] = await db.select({ status: competitions.status }).from(competitions).where(eq(competitions.id, id));
    throw conflict(fresh?.status === "published" ? `${P}.alreadyPublished` : `${P}.stale`);
  }
  return { id, stage, publishedAt: now };
}

// ---- nominations -----------------------------------------------------------------------------

const findIn = <T extends { id: string }>(list: T[], itemId: string) => {
  const i = list.findIndex((x) => x.id === itemId);
  if (i < 0) throw notFound();
  return i;
};

export async function addNomination(ctx: Ctx, actor: SessionUser, id: string, input: { title: string; description: string }) {
  const { c, noms, now } = await loadEditable(ctx, actor, id);
  if (noms.length >= SETUP_LIMITS.nominations) throw conflict(`${P}.tooManyNominations`);
  const nominationId = crypto.randomUUID();
  await guarded(ctx, c, [
    insertNomination(ctx.db, { id: nominationId, competitionId: id, title: input.title, description: input.description }),
    setupGuard(ctx.db, id, now, sql`${nominationCountSql(id)} <= ${SETUP_LIMITS.nominations}`),
    audit(ctx, actor, c, "competition.nomination.add", { nominationId, title: input.title }, now),
  ]);
  return { id: nominationId };
}

export async function updateNomination(ctx: Ctx, actor: SessionUser, id: string, nominationId: string, patch: NominationPatchValues) {
  const { c, noms, now } = await loadEditable(ctx, actor, id);
  const n = noms[findIn(noms, nominationId)];
  const changes = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && v !== (n as Record<string, unknown>)[k])) as NominationPatchValues;
  if (!Object.keys(changes).length) return;
  await guarded(ctx, c, [
    ctx.db.update(nominations).set(changes).where(and(eq(nominations.id, nominationId), eq(nominations.competitionId, id))),
    setupGuard(ctx.db, id, now),
    audit(ctx, actor, c, "competition.nomination.update", { nominationId, fields: Object.keys(changes) }, now),
  ]);
}

export async function deleteNomination(ctx: Ctx, actor: SessionUser, id: string, nominationId: string) {
  const { c, noms, now } = await loadEditable(ctx, actor, id);
  const n = noms[findIn(noms, nominationId)];
  // A published competition keeps at least one nomination (it was published with one).
  if (c.status === "published" && noms.length <= 1) throw conflict(`${P}.lastNomination`);
  await guarded(ctx, c, [
    ctx.db.delete(nominations).where(and(eq(nominations.id, nominationId), eq(nominations.competitionId, id))),
    setupGuard(ctx.db, id, now, sql`(${competitions.status} = 'draft' OR ${nominationCountSql(id)} >= 1)`),
    audit(ctx, actor, c, "competition.nomination.delete", { nominationId, title: n.title }, now),
  ]);
}

/** The pair to swap for a move one place up or down, or a field problem at the edge. */
function neighbours<T extends { id: string; position: number }>(list: T[], itemId: string, direction: "up" | "down") {
  const i = findIn(list, itemId);
  const j = direction === "up" ? i - 1 : i + 1;
  if (j < 0 || j >= list.length) throw invalidField("direction", direction === "up" ? "competitions.setup.field.alreadyFirst" : "competitions.setup.field.alreadyLast");
  return [list[i], list[j]] as const;
}

export async function moveNomination(ctx: Ctx, actor: SessionUser, id: string, nominationId: string, direction: "up" | "down") {
  const { c, noms, now } = await loadEditable(ctx, actor, id);
  const [a, b] = neighbours(noms, nominationId, direction);
  await guarded(ctx, c, [
    ...swapPositions(ctx.db, nominations, a, b),
    setupGuard(ctx.db, id, now, sql`${positionIs("competition_nominations", a.id, b.position)} AND ${positionIs("competition_nominations", b.id, a.position)}`),
    audit(ctx, actor, c, "competition.nomination.move", { nominationId, direction }, now),
  ]);
}

// ---- criteria --------------------------------------------------------------------------------

export async function addCriterion(ctx: Ctx, actor: SessionUser, id: string, input: CriterionInputValues) {
  const { c, crits, now } = await loadEditable(ctx, actor, id);
  throwIssues(criterionIssues(input));
  if (crits.length >= SETUP_LIMITS.criteria) throw conflict(`${P}.tooManyCriteria`);
  const criterionId = crypto.randomUUID();
  await guarded(ctx, c, [
    insertCriterion(ctx.db, { id: criterionId, competitionId: id, name: input.name, description: input.description, weight: input.weight, scaleMin: input.scaleMin, scaleMax: input.scaleMax, levels: sortLevels(input.levels), commentBelow: input.commentBelow }),
    setupGuard(ctx.db, id, now, sql`${criterionCountSql(id)} <= ${SETUP_LIMITS.criteria}`),
    audit(ctx, actor, c, "competition.criterion.add", { criterionId, name: input.name }, now),
  ]);
  return { id: criterionId };
}

export async function updateCriterion(ctx: Ctx, actor: SessionUser, id: string, criterionId: string, patch: CriterionPatchValues) {
  const { c, crits, now } = await loadEditable(ctx, actor, id);
  const k: CriterionRow = crits[findIn(crits, criterionId)];
  const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as CriterionPatchValues;
  if (given.levels) given.levels = sortLevels(given.levels);
  const changes = Object.fromEntries(Object.entries(given).filter(([key, v]) => !same(v, (k as Record<string, unknown>)[key]))) as CriterionPatchValues;
  // The scale, levels and comment threshold are checked together, as they will be stored.
  throwIssues(criterionIssues({ ...k, ...changes }));
  if (!Object.keys(changes).length) return;
  await guarded(ctx, c, [
    ctx.db.update(criteria).set(changes).where(and(eq(criteria.id, criterionId), eq(criteria.competitionId, id))),
    setupGuard(ctx.db, id, now),
    audit(ctx, actor, c, "competition.criterion.update", { criterionId, fields: Object.keys(changes) }, now),
  ]);
}

export async function deleteCriterion(ctx: Ctx, actor: SessionUser, id: string, criterionId: string) {
  const { c, crits, now } = await loadEditable(ctx, actor, id);
  const k = crits[findIn(crits, criterionId)];
  if (c.status === "published" && crits.length <= 1) throw conflict(`${P}.lastCriterion`);
  await guarded(ctx, c, [
    ctx.db.delete(criteria).where(and(eq(criteria.id, criterionId), eq(criteria.competitionId, id))),
    setupGuard(ctx.db, id, now, sql`(${competitions.status} = 'draft' OR ${criterionCountSql(id)} >= 1)`),
    audit(ctx, actor, c, "competition.criterion.delete", { criterionId, name: k.name }, now),
  ]);
}

export async function moveCriterion(ctx: Ctx, actor: SessionUser, id: string, criterionId: string, direction: "up" | "down") {
  const { c, crits, now } = await loadEditable(ctx, actor, id);
  const [a, b] = neighbours(crits, criterionId, direction);
  await guarded(ctx, c, [
    ...swapPositions(ctx.db, criteria, a, b),
    setupGuard(ctx.db, id, now, sql`${positionIs("competition_criteria", a.id, b.position)} AND ${positionIs("competition_criteria", b.id, a.position)}`),
    audit(ctx, actor, c, "competition.criterion.move", { criterionId, direction }, now),
  ]);
}

export type { NominationRow, CriterionRow };
