import { asc, eq } from "drizzle-orm";
import type { Ctx } from "../../accounts/service";
import type { Db } from "../../db/client";
import { invalidField, notFound, type Problem } from "../../http/problem";
import type { Actor } from "../../roles/rules";
import { consultationAccess } from "../access";
import { consultationById } from "../data";
import { consultationVersions, type RemarkKind, type VersionStatus } from "../schema";
import { clausesOfNumber, takenRemarksOfNumber, versionNumber } from "./data";
import { diffVersions, type VersionDiff } from "./diff";

/** A version as the compare form offers it. */
export interface VersionChoice {
  number: number;
  status: VersionStatus;
  publishedAt: number | null;
}

export interface TakenRemark {
  id: string;
  kind: RemarkKind;
  excerpt: string;
}

export interface Comparison {
  consultation: { id: string; title: string };
  /** The versions this viewer may compare, oldest first (drafts only for the organiser's admins). */
  versions: VersionChoice[];
  /** What the form shows as chosen (the request's numbers or the defaults). */
  from: number | null;
  to: number | null;
  /** The comparison, or why there is none: a field problem (422), or null with fewer than two versions. */
  result: { diff: VersionDiff; from: VersionChoice; to: VersionChoice; takenRemarks: Map<string, TakenRemark[]> } | null;
  problem: Problem | null;
}

/** The slim list of versions (not their source texts). */
const versionList = (db: Db, consultationId: string) =>
  db
    .select({ number: consultationVersions.number, status: consultationVersions.status, publishedAt: consultationVersions.publishedAt })
    .from(consultationVersions)
    .where(eq(consultationVersions.consultationId, consultationId))
    .orderBy(asc(consultationVersions.number));

/**
 * Compares two versions of a consultation: `from` (default: the one before `to`) and `to`
 * (default: the newest published). Published versions are for everyone who may read the
 * consultation, a draft version only for the organiser's admins (the same rule as the document
 * page, `consultationAccess`); a number that is not one of the viewer's versions is a field
 * problem, never a hint that a draft exists. One D1 round trip: the consultation, its versions,
 * both versions' clauses and the remarks taken into account in the later one.
 *
 * Throws 404 for a consultation the viewer may not read; returns field problems in the result so
 * the page can show them next to the form (the API throws them).
 */
export async function compareVersions(ctx: Ctx, viewer: Actor | null, consultationId: string, q: { from?: number; to?: number }, now = Date.now()): Promise<Comparison> {
  const db = ctx.db;
  const toN = versionNumber(consultationId, q.to);
  const fromN = q.from ?? (q.to !== undefined ? q.to - 1 : versionNumber(consultationId, undefined, 1));
  const [found, versionRows, fromRows, toRows, takenRows] = await db.batch([
    consultationById(db, consultationId),
    versionList(db, consultationId),
    clausesOfNumber(db, consultationId, fromN),
    clausesOfNumber(db, consultationId, toN),
    takenRemarksOfNumber(db, consultationId, toN),
  ]);
  const row = found[0];
  if (!row) throw notFound();
  const c = row.consultation;
  const access = consultationAccess(c, viewer, now);
  if (!access.read) throw notFound();

  const versions = versionRows.filter((v) => v.status === "published" || access.manage);
  const to = q.to ?? c.currentVersion;
  const from = q.from ?? to - 1;
  const base = { consultation: { id: c.id, title: c.title }, versions, from: from >= 1 ? from : null, to: to >= 1 ? to : null };
  const published = versions.filter((v) => v.status === "published");
  // Nothing to compare yet: the page explains, the API answers with the field.
  if (versions.length < 2 && q.from === undefined && q.to === undefined) {
    return { ...base, result: null, problem: published.length ? invalidField("from", "consultations.versions.field.noEarlier") : invalidField("to", "consultations.versions.field.unknown") };
  }
  const toChoice = versions.find((v) => v.number === to);
  const fromChoice = versions.find((v) => v.number === from);
  if (!toChoice) return { ...base, result: null, problem: invalidField("to", "consultations.versions.field.unknown") };
  if (!fromChoice) return { ...base, result: null, problem: invalidField("from", from < 1 ? "consultations.versions.field.noEarlier" : "consultations.versions.field.unknown") };
  if (from === to) return { ...base, result: null, problem: invalidField("to", "consultations.versions.field.same") };

  // Each clause's remarks oldest first (the query leaves that order to us, so it needs no sort).
  const byClause = new Map<string, typeof takenRows>();
  for (const r of takenRows) {
    const list = byClause.get(r.clauseId);
    if (list) list.push(r);
    else byClause.set(r.clauseId, [r]);
  }
  const takenRemarks = new Map<string, TakenRemark[]>();
  for (const [clauseId, list] of byClause) {
    list.sort((x, y) => x.createdAt - y.createdAt || (x.remarkId < y.remarkId ? -1 : 1));
    takenRemarks.set(clauseId, list.map((r) => ({ id: r.remarkId, kind: r.kind, excerpt: r.excerpt })));
  }
  return { ...base, result: { diff: diffVersions(fromRows, toRows), from: fromChoice, to: toChoice, takenRemarks }, problem: null };
}
