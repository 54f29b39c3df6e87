import { sql } from "drizzle-orm";
import { formatDateTime, translate } from "../../../web/i18n";
import type { Ctx } from "../../accounts/service";
import type { SessionUser } from "../../accounts/session-user";
import { listAttachmentsStatement } from "../../attachments/data";
import { toAttachmentView } from "../../attachments/view";
import { auditRecord } from "../../audit";
import { isUniqueViolation } from "../../db/errors";
import { forbidden, notFound, Problem } from "../../http/problem";
import { closeItemStatement, openItemStatement } from "../../moderation/index";
import { getOrganisation, membershipOf } from "../../organisations/data";
import { getProposal } from "../../proposals/data";
import { can } from "../../roles/rules";
import { blockedProblem, competitionAccess, eligibleAs, entrantKind, entryAccess, isBlocked, type CompetitionAccess } from "../access";
import { competitionById, competitionFacts, entryUrl, nominationsOf, type CompetitionRow } from "../data";
import type { EntrantKind } from "../schema";
import { stageBounds } from "../stages";
import {
  admittedPage,
  competitionOfEntry,
  entriesOfSubmitter,
  entryFacts,
  entryWithNames,
  expertOfEntry,
  insertEntryGuarded,
  isUnwritten,
  liveEntryOfProposal,
  nominationById,
  participantCounts,
  recountNomination,
  resultOfEntry,
  withdrawStatement,
  type EntryKey,
} from "./data";
import type { EntryInputValues } from "./dto";
import { contentFromProposal, ENTRY_LIMITS, participantOf, proposalRefusal, refusalField, refusalStatus, stageRefusal, whyNotWritten, type EnterRefusal } from "./rules";


/**
 * A refusal as a problem a person can act on: the title names the reason, the field (when there is
 * one) carries it next to the control, and the stage refusals say in `detail` when the entry stage
 * opens or closed, in Moscow time (the instants travel as ISO 8601 for programs).
 */
export function refusalProblem(locale: Ctx["locale"], r: EnterRefusal, c: CompetitionRow, params: Record<string, string | number> = {}): Problem {
  const key = `competitions.entries.problem.${r}` as const;
  const field = refusalField(r);
  const extra: Record<string, unknown> = {};
  if (r === "notOpen" || r === "closed") {
    const { start, end } = stageBounds(c, "entry");
    extra.entryOpensAt = new Date(start!).toISOString();
    extra.entryClosesAt = new Date(end!).toISOString();
    extra.detail = translate(locale, r === "notOpen" ? "competitions.entries.problem.notOpen.detail" : "competitions.entries.problem.closed.detail", {
      opens: formatDateTime(locale, start!),
      closes: formatDateTime(locale, end!),
    });
  }
  if (r === "limit") extra.detail = translate(locale, "competitions.entries.problem.limit.detail", { limit: c.entryLimit });
  if (r === "notEligible") extra.detail = translate(locale, "competitions.entries.problem.notEligible.detail", params);
  const status = refusalStatus(r);
  // The problem's type names the reason: entry-not-open, entry-limit, entry-not-eligible …
  const code = `entry-${r.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`)}`;
  return new Problem(status, code, key, field ? [{ field, code: key, params }] : [], extra);
}

/** The kinds of entrant a competition takes, as the reader's words ("НКО, ТОС"). */
const kindsInWords = (locale: Ctx["locale"], kinds: readonly EntrantKind[]) => kinds.map((k) => translate(locale, `competitions.entrant.${k}`)).join(", ");

/**
 * Enter a competition: in one's own name or for an organisation one is a confirmed member of, into
 * one nomination, a published proposal of the entrant or a city practice described here. Checks, in
 * order (each with its reason): the competition readable; the person allowed (e-mail confirmed, not
 * blocked); the entry stage; the nomination; the organisation and the membership; the eligibility of
 * that kind of entrant; the proposal; the limits. Then ONE batch: the entry — whose INSERT repeats the
 * stage, the limit and the rest, so concurrent entries cannot exceed the limit — its moderation queue
 * item and its audit record. A refused write changes nothing and says why.
 */
export async function enterCompetition(ctx: Ctx, actor: SessionUser, competitionId: string, input: EntryInputValues, now = Date.now()) {
  const { db } = ctx;
  const organisationId = input.organisationId ?? null;
  const proposalId = input.kind === "proposal" ? (input.proposalId ?? null) : null;
  const participant = participantOf(actor.id, organisationId);
  const [[row], [nomination], [organisation], membership, [proposal], [counts], proposalEntries] = await db.batch([
    competitionById(db, competitionId),
    nominationById(db, input.nominationId),
    getOrganisation(db, organisationId ?? ""),
    membershipOf(db, organisationId ?? "", actor.id),
    getProposal(db, proposalId ?? ""),
    participantCounts(db, input.nominationId, participant),
    liveEntryOfProposal(db, competitionId, proposalId ?? ""),
  ]);
  if (!row) throw notFound();
  const c = row.competition;
  const access = competitionAccess(competitionFacts(c), actor, now);
  if (!access.read) throw notFound();
  if (!can(actor, "entry.create")) throw new Problem(403, "email-unconfirmed", "competitions.entries.problem.confirmEmail");
  if (isBlocked(actor, now)) throw blockedProblem(actor);
  const refuse = (r: EnterRefusal, params?: Record<string, string | number>) => refusalProblem(ctx.locale, r, c, params);
  const stage = stageRefusal(access.stage);
  if (stage || !access.enter) throw refuse(stage ?? "closed");
  if (!nomination || nomination.competitionId !== competitionId) throw refuse("unknownNomination");
  if (organisationId) {
    if (!organisation) throw refuse("notMember");
    if (membership[0]?.status !== "confirmed") throw refuse("notMember");
  }
  const kind = entrantKind(organisation?.type ?? null);
  if (!eligibleAs(c.eligibility, kind)) throw refuse("notEligible", { kind: translate(ctx.locale, `competitions.entrant.${kind}`), allowed: kindsInWords(ctx.locale, c.eligibility) });
  let content: { title: string; problem: string; actions: string; results: string; city: string; period: string; budget: number | null };
  if (input.kind === "proposal") {
    const p = proposal?.p ?? null;
    const why = proposalRefusal(p && { status: p.status, hidden: p.hiddenAt !== null, authorId: p.authorId, organisationId: p.organisationId }, { userId: actor.id, organisationId });
    if (why || !p) throw refuse(why ?? "proposalUnavailable");
    if (proposalEntries.length > 0) throw refuse("alreadyEntered");
    content = contentFromProposal(p, organisation?.city ?? "");
  } else {
    content = { title: input.title!, problem: input.problem!, actions: input.actions!, results: input.results!, city: input.city!, period: input.period ?? "", budget: input.budget ?? null };
  }
  if ((counts?.live ?? 0) >= c.entryLimit) throw refuse("limit");
  if ((counts?.all ?? 0) >= ENTRY_LIMITS.triesPerNomination) throw refuse("tries");

  const id = crypto.randomUUID();
  try {
    await db.batch([
      insertEntryGuarded(db, {
        id,
        competitionId,
        nominationId: nomination.id,
        organiserId: c.organiserId,
        kind: input.kind,
        proposalId,
        submittedBy: actor.id,
        organisationId,
        participant,
        ...content,
        contact: input.contact,
        createdAt: now,
      }),
      openItemStatement(db, { organiserId: c.organiserId, targetType: "entry", targetId: id, kind: "review", authorId: actor.id, label: content.title }, now),
      auditRecord(
        db,
        { actorId: actor.id, action: "entry.create", objectType: "entry", objectId: id, organiserId: c.organiserId, details: { competitionId, nominationId: nomination.id, kind: input.kind, entrant: kind, organisationId, proposalId } },
        now,
      ),
    ]);
  } catch (e) {
    if (isUniqueViolation(e)) throw refuse("alreadyEntered");
    if (!isUnwritten(e)) throw e;
    // The stage closed, the limit filled up (a concurrent entry), the membership or the proposal changed: read why.
    const [[again], [countsNow], membershipNow, [proposalNow]] = await db.batch([
      competitionById(db, competitionId),
      participantCounts(db, nomination.id, participant),
      membershipOf(db, organisationId ?? "", actor.id),
      getProposal(db, proposalId ?? ""),
    ]);
    const cNow = again?.competition ?? c;
    const pNow = proposalNow?.p ?? null;
    const why = whyNotWritten({
      stage: competitionAccess(competitionFacts(cNow), actor, now).stage,
      nominationOk: true,
      live: countsNow?.live ?? 0,
      limit: cNow.entryLimit,
      tries: countsNow?.all ?? 0,
      memberOk: !organisationId || membershipNow[0]?.status === "confirmed",
      proposal: proposalId ? proposalRefusal(pNow && { status: pNow.status, hidden: pNow.hiddenAt !== null, authorId: pNow.authorId, organisationId: pNow.organisationId }, { userId: actor.id, organisationId }) : null,
    });
    throw refusalProblem(ctx.locale, why ?? "limit", cNow);
  }
  return { id, url: entryUrl(competitionId, id) };
}

/** The access of a viewer to an entry's competition and to the entry, from facts read with it. */
function accessesOf(c: CompetitionRow, e: { submittedBy: string; status: "submitted" | "admitted" | "rejected" | "withdrawn"; hiddenAt: number | null }, viewer: SessionUser | null, isExpert: boolean, now: number) {
  const access = competitionAccess(competitionFacts(c), viewer, now, isExpert);
  return { access, entry: entryAccess(access, e, viewer) };
}

/** Why the entrant cannot withdraw (409), in words: after the entry stage, or a decided entry. */
function withdrawRefusal(locale: Ctx["locale"], access: CompetitionAccess, c: CompetitionRow) {
  if (access.stage !== "entry") return refusalProblem(locale, "closed", c);
  return new Problem(409, "conflict", "competitions.entries.problem.notWithdrawable");
}

/**
 * The entrant withdraws their entry before the entry stage ends. One batch: the guarded status change
 * (still theirs, still live, still the entry stage when it runs), the nomination's counter recounted,
 * the open queue item closed and the audit record. Nobody else may (403; 404 where they cannot read it).
 */
export async function withdrawEntry(ctx: Ctx, actor: SessionUser, entryId: string, now = Date.now()) {
  const { db } = ctx;
  const [[f], [c]] = await db.batch([entryFacts(db, entryId), competitionOfEntry(db, entryId)]);
  if (!f || !c) throw notFound();
  const { access, entry } = accessesOf(c, f, actor, false, now);
  if (!entry.read) throw notFound();
  if (!entry.own) throw forbidden();
  if (!entry.withdraw) throw withdrawRefusal(ctx.locale, access, c);
  try {
    await db.batch([
      withdrawStatement(db, entryId, actor.id, f.competitionId, now),
      recountNomination(db, f.nominationId),
      closeItemStatement(db, "entry", entryId, "withdrawn", actor.id, now),
      auditRecord(db, { actorId: actor.id, action: "entry.withdraw", objectType: "entry", objectId: entryId, organiserId: f.organiserId, details: { from: f.status, competitionId: f.competitionId } }, now),
    ]);
  } catch (e) {
    if (!isUnwritten(e)) throw e;
    const [[again]] = await db.batch([competitionOfEntry(db, entryId)]);
    throw withdrawRefusal(ctx.locale, competitionAccess(competitionFacts(again ?? c), actor, now), again ?? c);
  }
  return { id: entryId, url: entryUrl(f.competitionId, entryId) };
}

/**
 * An entry as its page and the API show it, in one round trip: the entry with its names, its
 * competition, whether the viewer is its expert, its files and its result row. 404 unless this viewer
 * may read it (admitted entries to all; the others to the entrant and the organiser's staff). The
 * contact and the moderator's reason only to the entrant and staff; the result only once published.
 */
export async function showEntry(ctx: Ctx, viewer: SessionUser | null, entryId: string, now = Date.now()) {
  const { db } = ctx;
  const [[row], [c], expert, files, [result]] = await db.batch([
    entryWithNames(db, entryId),
    competitionOfEntry(db, entryId),
    expertOfEntry(db, entryId, viewer?.id ?? ""),
    listAttachmentsStatement(db, "entry", entryId),
    resultOfEntry(db, entryId),
  ]);
  if (!row || !c) throw notFound();
  const e = row.e;
  const { access, entry } = accessesOf(c, e, viewer, expert.length > 0, now);
  // An expert of the competition reads the entries given to them (their files follow the same rule).
  if (!entry.read && !(access.isExpert && e.status === "admitted")) throw notFound();
  const staffOrOwn = entry.own || access.manage || access.isModerator;
  return {
    entry: {
      ...e,
      contact: entry.readContact ? e.contact : null,
      reason: staffOrOwn ? e.reason : null,
      hidden: e.hiddenAt !== null,
      nominationTitle: row.nominationTitle,
      organisationName: row.organisationName,
      entrantKind: entrantKind((row.organisationType as Parameters<typeof entrantKind>[0]) ?? null),
      // The entrant's name on an entry in their own name (like a proposal's author); an organisation's entry shows the organisation.
      entrantName: e.organisationId ? null : row.entrantDeletedAt ? null : row.entrantName,
      entrantDeleted: row.entrantDeletedAt !== null,
    },
    competition: { id: c.id, title: c.title, organiserId: c.organiserId },
    files: files.map(toAttachmentView),
    result: access.resultsPublic && result ? { ...result, winner: !!result.winner } : null,
    access,
    entryAccess: entry,
  };
}
export type ShownEntry = Awaited<ReturnType<typeof showEntry>>;

/**
 * A nomination's admitted entries, paginated by key, with the competition and its nominations — one
 * round trip. Without a nomination, the competition's first. 404 for a competition the viewer cannot
 * read or a nomination not of this competition.
 */
export async function listAdmitted(ctx: Ctx, viewer: SessionUser | null, competitionId: string, f: { nominationId?: string; after?: EntryKey; limit: number }, now = Date.now()) {
  const { db } = ctx;
  const first = sql<string>`(SELECT id FROM competition_nominations WHERE competition_id = ${competitionId} ORDER BY position LIMIT 1)`;
  const [[row], noms, rows] = await db.batch([
    competitionById(db, competitionId),
    nominationsOf(db, competitionId),
    admittedPage(db, { competitionId, nominationId: f.nominationId ?? first, after: f.after, limit: f.limit + 1 }),
  ]);
  if (!row) throw notFound();
  const access = competitionAccess(competitionFacts(row.competition), viewer, now);
  if (!access.read) throw notFound();
  const nomination = f.nominationId ? noms.find((n) => n.id === f.nominationId) : noms[0];
  if (f.nominationId && !nomination) throw notFound();
  const items = rows.slice(0, f.limit);
  const last = items[items.length - 1];
  return {
    competition: row,
    access,
    nominations: noms,
    nomination: nomination ?? null,
    items,
    next: rows.length > f.limit && last ? { at: last.createdAt, id: last.id } : null,
  };
}

/** "My entries" across competitions, newest first, by key. */
export async function myEntries(ctx: Ctx, actor: SessionUser, f: { before?: EntryKey; limit: number }) {
  const rows = await entriesOfSubmitter(ctx.db, actor.id, { before: f.before, limit: f.limit + 1 });
  const items = rows.slice(0, f.limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > f.limit && last ? { at: last.createdAt, id: last.id } : null };
}
