import type { Ctx } from "../../accounts/service";
import type { SessionUser } from "../../accounts/session-user";
import { auditRecord } from "../../audit";
import { runBatch } from "../../db/client";
import { conflict, forbidden, invalid, invalidField, notFound, type FieldIssue } from "../../http/problem";
import type { MessageKey } from "../../../web/i18n";
import { consultationAccess } from "../access";
import { consultationById, versionsOf, type ClauseRow } from "../data";
import { eventStatement } from "../events";
import { moscowToday } from "../window";
import { adoptionRefusal, commitmentCandidates, keyedCandidates, type AdoptionRefusal, type CandidateClause, type CommitmentCandidate } from "./commitments";
import { adoptConsultationStatement, adoptVersionStatement, clausesOfVersionNumber, insertCommitmentsStatements, isStaleAdoption } from "./data";
import { IMPLEMENTATION_LIMITS, type AdoptInputValues } from "./dto";

export const implementationUrl = (consultationId: string) => `/consultations/${encodeURIComponent(consultationId)}/implementation`;

const toCandidate = (c: ClauseRow): CandidateClause => ({ id: c.id, position: c.position, kind: c.kind, number: c.number, depth: c.depth, text: c.text, addressees: c.addressees });

const REFUSAL_KEYS: Record<Exclude<AdoptionRefusal, "versionNotPublished">, MessageKey> = {
  alreadyAdopted: "consultations.implementation.problem.alreadyAdopted",
  notPublished: "consultations.implementation.problem.notPublished",
  windowNotClosed: "consultations.implementation.problem.windowNotClosed",
  draftPending: "consultations.implementation.problem.draftPending",
};

/** The refusal as the API gives it: the consultation's state is a conflict (409); a version that cannot be adopted is a bad field (422). */
export const refusalProblem = (r: AdoptionRefusal) =>
  r === "versionNotPublished" ? invalidField("version", "consultations.implementation.field.version") : conflict(REFUSAL_KEYS[r]);

/**
 * Everything the adoption needs, in one round trip: the consultation, its versions and the clauses
 * of the version to adopt (`number`, or the newest published one). Only the organiser's admins may
 * see it (others: 404 if they cannot read the consultation, 403 otherwise).
 */
export async function loadAdoption(ctx: Ctx, viewer: SessionUser | null, id: string, number: number | null, now: number) {
  const [[row], versions, clauses] = await ctx.db.batch([consultationById(ctx.db, id), versionsOf(ctx.db, id), clausesOfVersionNumber(ctx.db, id, number)]);
  if (!row) throw notFound();
  const c = row.consultation;
  const access = consultationAccess(c, viewer, now);
  if (!access.read) throw notFound();
  if (!access.manage) throw forbidden();
  const chosen = number ?? c.currentVersion;
  const version = versions.find((v) => v.number === chosen) ?? null;
  const refusal = adoptionRefusal({ status: c.status, windowState: access.window, hasDraftVersion: versions.some((v) => v.status === "draft") }, version);
  const candidates = version?.status === "published" ? keyedCandidates(commitmentCandidates(clauses.map(toCandidate))) : [];
  return { row, consultation: c, access, versions, version, refusal, candidates };
}

/**
 * Marks a version adopted and starts tracking its commitments. Adoption is final: one batch writes
 * the version's date and body, the consultation's status, the commitments, the audit record and the
 * feed entry, guarded so that a second adoption racing this one (or a draft version created
 * meanwhile) aborts it whole. `pickedKeys` is the page form's choice of candidate rows; the API
 * names the rows to leave out by clause and addressee instead.
 */
export async function adopt(ctx: Ctx, actor: SessionUser, id: string, input: AdoptInputValues, opts: { pickedKeys?: string[] } = {}) {
  const now = Date.now();
  const a = await loadAdoption(ctx, actor, id, input.version ?? null, now);
  if (a.refusal) throw refusalProblem(a.refusal);
  const c = a.consultation;
  const version = a.version!;
  const issues: FieldIssue[] = [];
  const today = moscowToday(now);
  const published = version.publishedAt === null ? null : moscowToday(version.publishedAt);
  if (input.adoptedOn > today) issues.push({ field: "adoptedOn", code: "consultations.implementation.field.adoptedInFuture" });
  else if (published && input.adoptedOn < published) issues.push({ field: "adoptedOn", code: "consultations.implementation.field.adoptedBeforePublished", params: { date: published } });
  const adoptedBy = input.adoptedBy?.trim() || c.adoptingBody.trim();
  if (!adoptedBy) issues.push({ field: "adoptedBy", code: "field.required" });
  const selected = select(a.candidates, input.exclude, opts.pickedKeys, issues);
  if (selected.length > IMPLEMENTATION_LIMITS.commitmentsPerAdoption)
    issues.push({ field: "commitments", code: "consultations.implementation.field.tooManyCommitments", params: { max: IMPLEMENTATION_LIMITS.commitmentsPerAdoption } });
  if (issues.length) throw invalid(issues);

  const ids = orderedIds(selected.length, now);
  const rows = selected.map((s, i) => ({
    id: ids[i],
    consultationId: c.id,
    organiserId: c.organiserId,
    versionId: version.id,
    clauseId: s.clauseId,
    clausePosition: s.clausePosition,
    addressee: s.addressee,
    responsible: "",
    dueOn: null,
    status: "not_started" as const,
    statusChangedAt: now,
    createdAt: now,
    updatedAt: now,
  }));
  try {
    await runBatch(ctx.db, [
      // First: if the consultation is no longer adoptable, nothing after it runs.
      adoptConsultationStatement(ctx.db, c.id, now),
      adoptVersionStatement(ctx.db, version.id, { adoptedOn: input.adoptedOn, adoptedBy, now }),
      ...insertCommitmentsStatements(ctx.db, rows),
      auditRecord(
        ctx.db,
        { actorId: actor.id, action: "consultation.adopt", objectType: "consultation", objectId: c.id, organiserId: c.organiserId, details: { version: version.number, adoptedOn: input.adoptedOn, adoptedBy, commitments: rows.length } },
        now,
      ),
      eventStatement(ctx.db, { consultationId: c.id, organiserId: c.organiserId, kind: "adopted", params: { title: c.title, version: version.number, adoptedOn: input.adoptedOn, adoptedBy }, url: implementationUrl(c.id) }, now),
    ]);
  } catch (e) {
    if (isStaleAdoption(e)) throw conflict("consultations.implementation.problem.changed");
    throw e;
  }
  return { version: version.number, adoptedOn: input.adoptedOn, adoptedBy, commitments: rows.length };
}

/**
 * Ids in the shape of a UUID (version 7: time first) that sort in the order given. Commitments are
 * listed by (clause position, id), so the addressees of one clause keep the order the clause names
 * them in rather than a random one.
 */
export function orderedIds(n: number, now: number): string[] {
  const ts = now.toString(16).padStart(12, "0").slice(-12);
  return Array.from({ length: n }, (_, i) => {
    const rnd = crypto.randomUUID().split("-");
    // 12 bits of sequence: up to 4,096 rows, above the limit of one adoption.
    return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${i.toString(16).padStart(3, "0")}-${rnd[3]}-${rnd[4]}`;
  });
}

/** The rows to track: the form's picked keys, or every candidate but the API's excluded (clause, addressee) pairs. Unknown or repeated rows are field issues. */
function select(candidates: (CommitmentCandidate & { key: string })[], exclude: AdoptInputValues["exclude"], keys: string[] | undefined, issues: FieldIssue[]) {
  if (keys) {
    const byKey = new Map(candidates.map((c) => [c.key, c]));
    const picked = [...new Set(keys)].map((k) => byKey.get(k));
    if (picked.some((p) => !p)) issues.push({ field: "commitments", code: "consultations.implementation.field.notACandidate" });
    return picked.filter((p): p is CommitmentCandidate & { key: string } => !!p);
  }
  const pairKey = (p: { clauseId: string; addressee: string }) => `${p.clauseId}\n${p.addressee}`;
  const known = new Set(candidates.map(pairKey));
  const left = new Set<string>();
  (exclude ?? []).forEach((p, i) => {
    const k = pairKey(p);
    if (!known.has(k)) issues.push({ field: `exclude.${i}`, code: "consultations.implementation.field.notACandidate" });
    else if (left.has(k)) issues.push({ field: `exclude.${i}`, code: "consultations.implementation.field.duplicate" });
    else left.add(k);
  });
  return candidates.filter((c) => !left.has(pairKey(c)));
}
