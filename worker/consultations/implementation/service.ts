import type { Ctx } from "../../accounts/service";
import type { SessionUser } from "../../accounts/session-user";
import { auditRecord } from "../../audit";
import { runBatch, type Statement } from "../../db/client";
import { forbidden, invalid, invalidField, notFound, type FieldIssue } from "../../http/problem";
import type { Actor } from "../../roles/rules";
import { consultationAccess } from "../access";
import { consultationById } from "../data";
import { eventStatement } from "../events";
import { commitments, type CommitmentStatus } from "../schema";
import { moscowToday } from "../window";
import { implementationUrl } from "./adoption";
import { addresseesOf, isOverdue, isStatusChange, statusCounts } from "./commitments";
import type { PortalKey } from "./cursor";
import {
  addresseeCounts,
  adoptedVersionOf,
  commitmentContext,
  commitmentsOfConsultation,
  deleteCommitmentStatements,
  insertNoteStatement,
  isNotesFull,
  notesOf,
  notesOfConsultation,
  overdueCountAll,
  portalCommitments,
  statusCountsAll,
  twinCommitment,
  updateCommitmentStatement,
  type PortalFilter,
} from "./data";
import { IMPLEMENTATION_LIMITS, type CommitmentPatchValues, type NoteInputValues } from "./dto";

export interface NoteRow {
  id: string;
  notedOn: string;
  body: string;
  status: CommitmentStatus | null;
  createdAt: number;
}

const commitmentAnchor = (consultationId: string, id: string) => `${implementationUrl(consultationId)}#commitment-${id}`;

// ---- the organiser's work on one commitment ----

/**
 * One commitment for its organiser's admins, with its notes (one round trip). 404 when there is no
 * such commitment; 403 for everyone who is not an admin of the consultation's organiser (the
 * commitment itself is public, so its existence is no secret).
 */
export async function loadCommitment(ctx: Ctx, actor: Actor | null, id: string, now = Date.now(), within?: string) {
  const [[row], notes] = await ctx.db.batch([commitmentContext(ctx.db, id), notesOf(ctx.db, id)]);
  // `within`: the consultation named in a page's address; a commitment of another one is not found there.
  if (!row || (within !== undefined && row.consultationId !== within)) throw notFound();
  const facts = { organiserId: row.organiserId, status: row.consultationStatus, opensAt: row.opensAt, closesAt: row.closesAt, currentVersion: row.currentVersion };
  const access = consultationAccess(facts, actor, now);
  if (!access.read) throw notFound();
  if (!access.track) throw forbidden();
  return { row, notes: notes as NoteRow[], access, today: moscowToday(now) };
}

type Loaded = Awaited<ReturnType<typeof loadCommitment>>["row"];

/** The feed entry of a status change: «Исполнение: «…» — пункт 2.1, Мэрия … — выполнено». */
const statusEvent = (ctx: Ctx, row: Loaded, addressee: string, status: CommitmentStatus, now: number) =>
  eventStatement(
    ctx.db,
    { consultationId: row.consultationId, organiserId: row.organiserId, kind: "commitment_status", params: { title: row.consultationTitle, addressee, status, clause: row.clauseNumber }, url: commitmentAnchor(row.consultationId, row.id) },
    now,
  );

/**
 * Edits a commitment: addressee, responsible organisation, due date, status. Only what differs is
 * written; a status change also gets its feed entry, in the same batch as the change and its audit
 * record. Any status may follow any other (see isStatusChange in ./commitments.ts).
 */
export async function updateCommitment(ctx: Ctx, actor: SessionUser, id: string, patch: CommitmentPatchValues, within?: string) {
  const now = Date.now();
  const { row } = await loadCommitment(ctx, actor, id, now, within);
  const set: Partial<typeof commitments.$inferInsert> = {};
  const fields: string[] = [];
  if (patch.addressee !== undefined && patch.addressee !== row.addressee) {
    // One commitment per (clause, addressee): renaming onto another row of the same clause would make two.
    const [twin] = await twinCommitment(ctx.db, row, patch.addressee);
    if (twin) throw invalidField("addressee", "consultations.implementation.field.addresseeTaken");
    set.addressee = patch.addressee;
    fields.push("addressee");
  }
  if (patch.responsible !== undefined && patch.responsible !== row.responsible) {
    set.responsible = patch.responsible;
    fields.push("responsible");
  }
  if (patch.dueOn !== undefined && patch.dueOn !== row.dueOn) {
    set.dueOn = patch.dueOn;
    fields.push("dueOn");
  }
  const statusChanged = isStatusChange(row.status, patch.status);
  if (statusChanged) {
    set.status = patch.status;
    set.statusChangedAt = now;
    fields.push("status");
  }
  if (fields.length === 0) return { changed: false };
  set.updatedAt = now;
  const statements: Statement[] = [
    updateCommitmentStatement(ctx.db, id, set),
    auditRecord(
      ctx.db,
      {
        actorId: actor.id,
        action: "commitment.update",
        objectType: "commitment",
        objectId: id,
        organiserId: row.organiserId,
        details: { fields, ...(statusChanged ? { from: row.status, to: patch.status } : {}), ...(set.dueOn !== undefined ? { dueOn: set.dueOn } : {}) },
      },
      now,
    ),
  ];
  if (statusChanged) statements.push(statusEvent(ctx, row, set.addressee ?? row.addressee, patch.status!, now));
  await runBatch(ctx.db, statements);
  return { changed: true };
}

/**
 * A dated progress note, optionally changing the status (the note then records the new status).
 * Dated from the adoption to today in Moscow; at most IMPLEMENTATION_LIMITS.notesPerCommitment notes,
 * held exactly by the guarded insert.
 */
export async function addNote(ctx: Ctx, actor: SessionUser, id: string, input: NoteInputValues, within?: string) {
  const now = Date.now();
  const { row, today } = await loadCommitment(ctx, actor, id, now, within);
  const issues: FieldIssue[] = [];
  if (input.notedOn > today) issues.push({ field: "notedOn", code: "consultations.implementation.field.notedInFuture" });
  else if (row.adoptedOn && input.notedOn < row.adoptedOn) issues.push({ field: "notedOn", code: "consultations.implementation.field.notedBeforeAdoption", params: { date: row.adoptedOn } });
  if (issues.length) throw invalid(issues);
  const max = IMPLEMENTATION_LIMITS.notesPerCommitment;
  if (row.noteCount >= max) throw invalidField("body", "consultations.implementation.field.tooManyNotes", { max });
  const statusChanged = isStatusChange(row.status, input.status);
  const noteId = crypto.randomUUID();
  const statements: Statement[] = [
    insertNoteStatement(ctx.db, { id: noteId, commitmentId: id, authorId: actor.id, notedOn: input.notedOn, body: input.body, status: statusChanged ? input.status! : null, now }),
    updateCommitmentStatement(ctx.db, id, statusChanged ? { status: input.status, statusChangedAt: now, updatedAt: now } : { updatedAt: now }),
    auditRecord(
      ctx.db,
      { actorId: actor.id, action: "commitment.note", objectType: "commitment", objectId: id, organiserId: row.organiserId, details: { noteId, notedOn: input.notedOn, ...(statusChanged ? { from: row.status, to: input.status } : {}) } },
      now,
    ),
  ];
  if (statusChanged) statements.push(statusEvent(ctx, row, row.addressee, input.status!, now));
  try {
    await runBatch(ctx.db, statements);
  } catch (e) {
    if (isNotesFull(e)) throw invalidField("body", "consultations.implementation.field.tooManyNotes", { max });
    throw e;
  }
  return { id: noteId, statusChanged };
}

/** Removes a row that is not really a commitment (the organiser's correction after adoption), with its notes; audited. */
export async function deleteCommitment(ctx: Ctx, actor: SessionUser, id: string, within?: string, check?: () => void) {
  const now = Date.now();
  const { row } = await loadCommitment(ctx, actor, id, now, within);
  // The page's confirmation, checked only once the person may delete at all (403 comes first).
  check?.();
  await runBatch(ctx.db, [
    ...deleteCommitmentStatements(ctx.db, id),
    auditRecord(
      ctx.db,
      { actorId: actor.id, action: "commitment.delete", objectType: "commitment", objectId: id, organiserId: row.organiserId, details: { consultationId: row.consultationId, clause: row.clauseNumber, clauseId: row.clauseId, addressee: row.addressee, status: row.status } },
      now,
    ),
  ]);
  return { consultationId: row.consultationId };
}

// ---- public reads ----

/**
 * One consultation's commitments, in clause order, with every note (one round trip). The counts and
 * the list of addressees cover the whole consultation; rows and notes are one addressee's when
 * `addressee` is given. A consultation not adopted yet has none (the page says so).
 */
export async function consultationCommitments(ctx: Ctx, viewer: Actor | null, id: string, addressee: string | undefined, now = Date.now()) {
  const [[row], adopted, all, notes] = await ctx.db.batch([
    consultationById(ctx.db, id),
    adoptedVersionOf(ctx.db, id),
    commitmentsOfConsultation(ctx.db, id),
    notesOfConsultation(ctx.db, id, addressee),
  ]);
  if (!row) throw notFound();
  const access = consultationAccess(row.consultation, viewer, now);
  if (!access.read) throw notFound();
  const today = moscowToday(now);
  const notesBy = new Map<string, NoteRow[]>();
  for (const n of notes) {
    const list = notesBy.get(n.commitmentId) ?? [];
    list.push({ id: n.id, notedOn: n.notedOn, body: n.body, status: n.status, createdAt: n.createdAt });
    notesBy.set(n.commitmentId, list);
  }
  // Newest first, as on the commitment's own page (notesOf).
  for (const list of notesBy.values()) list.sort((a, b) => (a.notedOn === b.notedOn ? b.createdAt - a.createdAt : a.notedOn < b.notedOn ? 1 : -1));
  const shown = addressee === undefined ? all : all.filter((c) => c.addressee === addressee);
  const items = shown.map((c) => ({ ...c, consultationTitle: row.consultation.title, overdue: isOverdue(c, today), notes: notesBy.get(c.id) ?? [] }));
  return {
    row,
    access,
    adopted: adopted[0] ?? null,
    items,
    addressees: addresseesOf(all),
    counts: { ...statusCounts(shown), overdue: items.filter((i) => i.overdue).length },
    today,
  };
}

/**
 * The portal-wide list (one round trip): a page of commitments soonest due first, the undated last;
 * the addressees with their counts for the filter; counts per status and of overdue ones.
 */
type PortalRow = Awaited<NonNullable<ReturnType<typeof portalCommitments>["dated"]>>[number];

export async function portalList(ctx: Ctx, f: { addressee?: string; status?: CommitmentStatus; overdue: boolean }, after: PortalKey | undefined, limit: number, now = Date.now()) {
  const today = moscowToday(now);
  const filter: PortalFilter = { addressee: f.addressee, status: f.status, overdueBefore: f.overdue ? today : undefined };
  // Finished work is never overdue: that combination is empty without asking.
  const impossible = f.overdue && (f.status === "done" || f.status === "failed");
  const q = portalCommitments(ctx.db, filter, after, limit + 1);
  const reads = [addresseeCounts(ctx.db), statusCountsAll(ctx.db), overdueCountAll(ctx.db, today), ...(impossible ? [] : [q.dated, q.undated].filter((x) => x !== null))];
  const results = (await runBatch(ctx.db, reads as Statement[])) as unknown[][];
  const [addressees, byStatus, [overdue]] = results as [{ addressee: string; count: number }[], { status: CommitmentStatus; count: number }[], { count: number }[]];
  const rows = (impossible ? [] : results.slice(3).flat()) as PortalRow[];
  const page = rows.slice(0, limit);
  const counts = { not_started: 0, in_progress: 0, done: 0, failed: 0, overdue: overdue?.count ?? 0 };
  for (const s of byStatus) counts[s.status] = s.count;
  return {
    items: page.map((r) => ({ ...r, overdue: isOverdue(r, today), latestNote: r.latestNote ? (JSON.parse(r.latestNote) as NoteRow) : null })),
    more: rows.length > limit,
    addressees,
    counts,
    today,
  };
}

export type PortalItem = Awaited<ReturnType<typeof portalList>>["items"][number];
