import { sql } from "drizzle-orm";
import type { Ctx } from "../../accounts/service";
import { auditRecord } from "../../audit";
import { runBatch, type Statement } from "../../db/client";
import { conflict, forbidden, invalid, invalidField, notFound, Problem } from "../../http/problem";
import { dispatchNotes } from "../../notifications";
import { can, type Actor } from "../../roles/rules";
import { consultationAccess } from "../access";
import { consultationById, versionsOf } from "../data";
import { eventStatement } from "../events";
import { DISPOSITIONS, type Disposition, type RemarkKind, type RemarkShownAs } from "../schema";
import { windowState } from "../window";
import type { RemarkKey } from "./cursor";
import * as data from "./data";
import { checkDisposition, DISPOSITION_LIMITS, dispositionRefusal, progressOf, publishRefusal, summaryReadable, type DispositionRefusal, type Progress } from "./dispositions";

/**
 * The summary's use cases: record dispositions (one remark or many), publish the summary (and tell
 * every author), and read it — a page, or all of it for the CSV and the printable page.
 */

const REFUSAL_TITLES = {
  notClosed: "consultations.summary.problem.notClosed",
  notPublished: "consultations.summary.problem.notPublished",
  summaryPublished: "consultations.summary.problem.summaryPublished",
} as const;

const refused = (r: DispositionRefusal) => conflict(REFUSAL_TITLES[r]);

/** A remark as the summary shows it (author already as they chose to be shown). */
export interface SummaryItem {
  id: string;
  clause: { id: string; number: string; kind: string } | null;
  author: { shownAs: RemarkShownAs; name: string | null };
  kind: RemarkKind;
  body: string;
  proposedText: string | null;
  supportCount: number;
  disposition: Disposition | null;
  reason: string | null;
  takenInto: { clauseId: string; number: string; version: number }[];
  url: string;
}

export function itemOf(consultationId: string, r: data.SummaryRow): SummaryItem {
  let links: [string, string, number][] = [];
  try {
    links = JSON.parse(r.links ?? "[]");
  } catch {
    links = [];
  }
  return {
    id: r.id,
    clause: r.clauseId ? { id: r.clauseId, number: r.clauseNumber ?? "", kind: r.clauseKind ?? "clause" } : null,
    author: { shownAs: r.shownAs, name: r.shownAs === "anonymous" ? null : r.authorName },
    kind: r.kind,
    body: r.body,
    proposedText: r.proposedText,
    supportCount: r.supportCount,
    disposition: r.disposition,
    reason: r.reason,
    takenInto: links.map(([clauseId, number, version]) => ({ clauseId, number, version })),
    url: `/consultations/${consultationId}/remarks/${r.id}`,
  };
}

export const keyOf = (r: { clausePosition: number; createdAt: number; id: string }): RemarkKey => ({ pos: r.clausePosition, at: r.createdAt, id: r.id });

type CountRow = { status: string; disposition: Disposition | null; n: number };

/** Visible remarks per disposition ("none": without one) and the hidden ones. */
export function countsOf(rows: CountRow[]) {
  const counts = Object.fromEntries([...DISPOSITIONS, "none"].map((d) => [d, 0])) as Record<Disposition | "none", number>;
  let hidden = 0;
  for (const r of rows) {
    if (r.status === "hidden") hidden += r.n;
    else counts[r.disposition ?? "none"] += r.n;
  }
  return { counts, hidden, progress: progressOf(counts) };
}

// ——— Recording dispositions ———

/**
 * Records one disposition on one or more remarks of one version (the bulk form sends up to 100).
 * Only the organiser's admins, once the window has closed, and only while the version's summary is
 * unpublished; changing an earlier disposition is allowed then and audited like the first. The
 * change, one audit record per remark and the new progress read are one batch.
 */
export async function recordDispositions(
  ctx: Ctx,
  actor: Actor,
  ids: string[],
  input: { disposition: unknown; reason?: string | null },
  opts: { consultationId?: string; now?: number } = {},
): Promise<{ ids: string[]; disposition: Disposition; reason: string | null; left: number; versionNumber: number }> {
  const now = opts.now ?? Date.now();
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw invalidField("remarkIds", "consultations.summary.field.noneSelected");
  if (unique.length > DISPOSITION_LIMITS.bulk) throw invalidField("remarkIds", "consultations.summary.field.tooMany", { max: DISPOSITION_LIMITS.bulk });
  const facts = await data.remarkFacts(ctx.db, unique);
  const consultationId = opts.consultationId ?? facts[0]?.consultationId;
  const mine = facts.filter((f) => f.consultationId === consultationId && f.status !== "deleted");
  const first = mine[0];
  if (!first) throw notFound();
  const access = consultationAccess(
    { organiserId: first.organiserId, status: first.consultationStatus, opensAt: first.opensAt, closesAt: first.closesAt, currentVersion: first.currentVersion },
    actor,
    now,
    { number: first.versionNumber, status: first.versionStatus },
  );
  if (!access.read) throw notFound();
  // Who first (a resident learns nothing about the state), then what state, then what input.
  if (!can(actor, "disposition.record", { organiserId: first.organiserId })) throw forbidden();
  if (mine.length !== unique.length) throw invalidField("remarkIds", "consultations.summary.field.unknownRemarks");
  if (mine.some((f) => f.versionId !== first.versionId)) throw invalidField("remarkIds", "consultations.summary.field.mixedVersions");
  const refusal = dispositionRefusal({ status: first.consultationStatus }, windowState(first, now), { status: first.versionStatus, summaryPublishedAt: first.summaryPublishedAt });
  if (refusal) throw refused(refusal);
  if (mine.some((f) => f.status === "hidden")) throw conflict("consultations.summary.problem.hiddenRemark");
  const checked = checkDisposition(input);
  if (!checked.ok) throw invalid(checked.issues);

  const versionRef = sql`${first.versionId}`;
  const statements: Statement[] = [
    data.disposeStatement(ctx.db, unique, checked, actor.id, now),
    ...mine.map((f) =>
      auditRecord(
        ctx.db,
        {
          actorId: actor.id,
          action: "remark.disposition",
          objectType: "remark",
          objectId: f.id,
          organiserId: f.organiserId,
          reason: checked.reason,
          details: { consultationId, version: f.versionNumber, disposition: checked.disposition, previous: f.disposition, ...(unique.length > 1 ? { bulk: unique.length } : {}) },
        },
        now,
      ),
    ),
    data.dispositionCounts(ctx.db, versionRef),
  ];
  let results: unknown[];
  try {
    results = await runBatch(ctx.db, statements);
  } catch (e) {
    if (data.isStaleDisposition(e)) throw conflict("consultations.summary.problem.changed");
    throw e;
  }
  const { progress } = countsOf(results[results.length - 1] as CountRow[]);
  return { ids: unique, disposition: checked.disposition, reason: checked.reason, left: progress.left, versionNumber: first.versionNumber };
}

// ——— Publishing the summary ———

/**
 * Publishes the summary of a version (default: the current one): refused while any visible remark
 * lacks a disposition (409 with the count), and a second time (409). One batch: the guarded mark,
 * the feed entry, the audit record and one notification per remark (a single INSERT … SELECT),
 * then the remark ids to queue their e-mail copies — in chunks of 100 messages per sendBatch.
 */
export async function publishSummary(ctx: Ctx, actor: Actor, consultationId: string, versionNumber: number | undefined, now = Date.now()) {
  const ref = versionNumber ? data.versionNumbered(consultationId, versionNumber) : data.currentVersionRef(consultationId);
  const [[c], [version], countRows] = await ctx.db.batch([data.consultationFacts(ctx.db, consultationId), data.versionAt(ctx.db, ref), data.dispositionCounts(ctx.db, ref)]);
  if (!c || !version) throw notFound();
  const access = consultationAccess(c, actor, now, version);
  if (!access.read) throw notFound();
  if (!can(actor, "disposition.record", { organiserId: c.organiserId })) throw forbidden();
  const { progress } = countsOf(countRows);
  const refusal = publishRefusal(c, windowState(c, now), version, progress);
  if (refusal === "missingDispositions") throw missing(progress);
  if (refusal) throw refused(refusal);

  const title = c.title;
  let results: unknown[];
  try {
    results = await runBatch(ctx.db, [
      data.publishSummaryStatement(ctx.db, version.id, now),
      eventStatement(ctx.db, { consultationId, organiserId: c.organiserId, kind: "summary", params: { title, version: version.number }, url: `/consultations/${consultationId}/summary?version=${version.number}` }, now),
      auditRecord(ctx.db, { actorId: actor.id, action: "consultation.summary.publish", objectType: "consultation", objectId: consultationId, organiserId: c.organiserId, details: { version: version.number, remarks: progress.total, counts: countsOf(countRows).counts } }, now),
      data.dispositionNotesStatement(ctx.db, version.id, title, now),
      data.notifiedRemarkIds(ctx.db, version.id),
    ]);
  } catch (e) {
    if (data.isStalePublication(e)) throw conflict("consultations.summary.problem.changed");
    throw e;
  }
  const remarkIds = (results[results.length - 1] as { id: string }[]).map((r) => r.id);
  // dispatchNotes sends 100 messages per sendBatch, one call after another (20,000 remarks: 200
  // calls, ≈ 1.8 s locally); four lanes of up to 5,000 ids each run side by side (≈ 0.8–1.7 s).
  const noteIds = remarkIds.map(data.dispositionNoteId);
  const lanes: string[][] = [];
  for (let i = 0; i < noteIds.length; i += DISPATCH_LANE) lanes.push(noteIds.slice(i, i + DISPATCH_LANE));
  for (let i = 0; i < lanes.length; i += DISPATCH_LANES) await Promise.all(lanes.slice(i, i + DISPATCH_LANES).map((ids) => dispatchNotes(ctx, { ids, statements: [] })));
  return { version: version.number, summaryPublishedAt: now, notified: remarkIds.length };
}

/** E-mail copies queued per lane, and lanes at a time (see publishSummary). */
const DISPATCH_LANE = 5000;
const DISPATCH_LANES = 4;

const missing = (p: Progress) =>
  new Problem(409, "missing-dispositions", "consultations.summary.problem.missing", [{ field: "remarks", code: "consultations.summary.field.missing", params: { n: p.left, total: p.total } }], { missing: p.left });

// ——— Reading the summary ———

export interface SummaryQuery {
  version?: number;
  filter: data.SummaryFilter;
  after?: RemarkKey;
  limit: number;
}

/** Why a summary cannot be shown: the public is told plainly that it is not published yet. */
export const notYetPublished = (c: { id: string; title: string }) =>
  new Problem(404, "summary-not-published", "consultations.summary.problem.notYetPublished", [], { consultation: { id: c.id, title: c.title } });

/**
 * One page of the summary — the consultation, the version, counts, the clause filter's options and
 * the rows — in ONE batch: the version is named by an SQL expression (./data.ts), so even "the
 * default version" needs no read before the rest.
 */
export async function loadSummary(ctx: Ctx, viewer: Actor | null, consultationId: string, q: SummaryQuery, mode: "summary" | "work" = "summary", now = Date.now()) {
  const ref = q.version ? data.versionNumbered(consultationId, q.version) : mode === "work" ? data.currentVersionRef(consultationId) : data.defaultSummaryVersionRef(consultationId);
  const [[row], [version], versions, countRows, rows, clauses] = await ctx.db.batch([
    consultationById(ctx.db, consultationId),
    data.versionAt(ctx.db, ref),
    versionsOf(ctx.db, consultationId),
    data.dispositionCounts(ctx.db, ref),
    data.summaryRows(ctx.db, ref, q.filter, q.after, q.limit + 1),
    data.clausesWithRemarks(ctx.db, ref),
  ]);
  if (!row) throw notFound();
  const c = row.consultation;
  const access = consultationAccess(c, viewer, now, version);
  if (!access.read) throw notFound();
  if (!version) throw mode === "work" ? notFound() : notYetPublished(c);
  if (mode === "summary" && !summaryReadable(version, access.manage)) throw notYetPublished(c);
  if (mode === "work" && !access.manage) throw forbidden();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    consultation: c,
    organiser: { nameRu: row.organiserNameRu, nameEn: row.organiserNameEn },
    version,
    versions: versions.filter((v) => v.status === "published").map((v) => ({ number: v.number, summaryPublishedAt: v.summaryPublishedAt })),
    access,
    preview: version.summaryPublishedAt === null,
    ...countsOf(countRows),
    clauses,
    items: page.map((r) => itemOf(consultationId, r)),
    next: rows.length > q.limit && last ? keyOf(last) : null,
    refusal: dispositionRefusal(c, windowState(c, now), version),
  };
}

export type LoadedSummary = Awaited<ReturnType<typeof loadSummary>>;

/** Chunks read per batch when the whole summary is exported (each chunk ≤ DISPOSITION_LIMITS.exportChunk rows). */
const CHUNKS_PER_BATCH = 5;

/**
 * The whole summary for the given filters (CSV, printable page): the first round trip brings the
 * consultation, the version, the counts and the key of every 1,000th row; then the rows come in
 * batches of five 1,000-row key ranges — 20,000 remarks are 1 + 4 round trips, each chunk a walk
 * of an order index. `rows()` yields one batch's rows at a time, so the caller can stream them.
 */
export async function openExport(ctx: Ctx, viewer: Actor | null, consultationId: string, q: { version?: number; filter: data.SummaryFilter }, now = Date.now()) {
  const ref = q.version ? data.versionNumbered(consultationId, q.version) : data.defaultSummaryVersionRef(consultationId);
  const every = DISPOSITION_LIMITS.exportChunk;
  const [[row], [version], countRows, bounds] = await ctx.db.batch([
    consultationById(ctx.db, consultationId),
    data.versionAt(ctx.db, ref),
    data.dispositionCounts(ctx.db, ref),
    data.chunkBoundaries(ctx.db, ref, q.filter, every),
  ]);
  if (!row) throw notFound();
  const c = row.consultation;
  const access = consultationAccess(c, viewer, now, version);
  if (!access.read) throw notFound();
  if (!version || !summaryReadable(version, access.manage)) throw notYetPublished(c);
  const starts: (RemarkKey | undefined)[] = [undefined, ...bounds.sort((a, b) => a.rn - b.rn).map((b) => ({ pos: b.pos, at: b.at, id: b.id }))];
  const versionRef = sql`${version.id}`;
  const db = ctx.db;
  async function* rows(): AsyncGenerator<SummaryItem[]> {
    for (let i = 0; i < starts.length; i += CHUNKS_PER_BATCH) {
      const reads = starts.slice(i, i + CHUNKS_PER_BATCH).map((after) => data.summaryRows(db, versionRef, q.filter, after, every));
      const chunks = await runBatch(db, reads);
      yield (chunks as data.SummaryRow[][]).flat().map((r) => itemOf(consultationId, r));
    }
  }
  return { consultation: c, organiser: { nameRu: row.organiserNameRu, nameEn: row.organiserNameEn }, version, preview: version.summaryPublishedAt === null, ...countsOf(countRows), rows };
}
