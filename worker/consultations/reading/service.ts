import type { Ctx } from "../../accounts/service";
import type { SessionUser } from "../../accounts/session-user";
import type { Db } from "../../db/client";
import { invalidField, notFound } from "../../http/problem";
import { listOrganisers } from "../../organisers/data";
import { can, organisersWhere } from "../../roles/rules";
import { consultationAccess } from "../access";
import type { ConsultationRow } from "../data";
import type { ListKey } from "./cursor";
import { defaultVersionNumber, documentStatements, draftsOf, listPublic, type CardRow, type ClauseFacts, type ListState, type VersionFacts } from "./data";

/** The highest version number a request may name (far above any real document's history). */
export const MAX_VERSION = 10_000;

/**
 * `?version=` / `{number}` as a version number: absent or empty → null (the default version);
 * anything that is not a whole number from 1 to MAX_VERSION is a 422 on that field. A well-formed
 * number the consultation does not have is a 404, decided later.
 */
export function parseVersionNumber(raw: string | undefined | null, field = "version"): number | null {
  if (raw === undefined || raw === null || raw === "") return null;
  if (!/^\d{1,6}$/.test(raw)) throw invalidField(field, "consultations.reading.versionInvalid", { max: MAX_VERSION });
  const n = Number(raw);
  if (n < 1 || n > MAX_VERSION) throw invalidField(field, "consultations.reading.versionInvalid", { max: MAX_VERSION });
  return n;
}

/** Organisers whose consultations this person runs (their drafts are listed for them). */
export const managedOrganisers = (user: SessionUser | null) =>
  user ? organisersWhere(user, ["organiser_admin"]).filter((organiserId) => can(user, "consultation.manage", { organiserId })) : [];

/**
 * The public list, and the drafts of the organisers the viewer runs, in one round trip with the
 * organisers' names. `limit + 1` rows are read so the caller knows whether there is a next page.
 */
export async function listConsultations(ctx: Ctx, viewer: SessionUser | null, f: { organiserId?: string; state?: ListState; after?: ListKey; limit: number; withDrafts: boolean }, now = Date.now()) {
  const db = ctx.db;
  const managed = f.withDrafts ? managedOrganisers(viewer) : [];
  const [rows, organisers, drafts] = await db.batch([
    listPublic(db, { organiserId: f.organiserId, state: f.state, after: f.after, limit: f.limit + 1, now }),
    listOrganisers(db),
    // Nobody's drafts are asked for unless the viewer runs some organiser (the IN list is then empty).
    draftsOf(db, managed),
  ]);
  return { items: rows.slice(0, f.limit) as CardRow[], more: rows.length > f.limit, organisers, drafts: managed.length ? drafts : [], canCreate: managed.length > 0 };
}

export const nextKey = (items: CardRow[]): ListKey | null => {
  const last = items[items.length - 1];
  return last && last.publishedAt !== null ? { publishedAt: last.publishedAt, id: last.id } : null;
};

/** The consultations open for remarks now, newest first, for the home page's batch. */
export const openNowStatement = (db: Db, now: number, limit = 3) => listPublic(db, { state: "open", limit, now });

export interface DocumentRead {
  consultation: ConsultationRow;
  organiser: { nameRu: string; nameEn: string; shortName: string };
  access: ReturnType<typeof consultationAccess>;
  /** The version read; null only for an organiser's admin looking at a consultation without any version yet. */
  version: VersionFacts | null;
  /** The versions this viewer may see, oldest first (the public never sees a draft version). */
  versions: VersionFacts[];
  clauses: ClauseFacts[];
}

/**
 * A consultation's document, version `number` (null: the newest published one), for this viewer:
 * one D1 round trip (consultation + versions + clauses), then the one access rule. What the viewer
 * may not read — a draft consultation, a draft version — is a 404, as if it did not exist.
 */
export async function readDocument(ctx: Ctx, viewer: SessionUser | null, id: string, number: number | null, now = Date.now()): Promise<DocumentRead> {
  if (id.length > 64) throw notFound();
  const [[row], versions, clauses] = await ctx.db.batch(documentStatements(ctx.db, id, number));
  if (!row) throw notFound();
  const c = row.consultation;
  const wanted = number ?? defaultVersionNumber(c.currentVersion);
  const version = versions.find((v) => v.number === wanted) ?? null;
  const whole = consultationAccess(c, viewer, now);
  if (!whole.read) throw notFound();
  // A named version must exist; the default one may be missing only while an admin prepares the text.
  if (!version && (number !== null || !whole.manage)) throw notFound();
  const access = version ? consultationAccess(c, viewer, now, version) : whole;
  if (!access.read) throw notFound();
  return {
    consultation: c,
    organiser: { nameRu: row.organiserNameRu, nameEn: row.organiserNameEn, shortName: row.organiserShort },
    access,
    version,
    versions: access.manage ? versions : versions.filter((v) => v.status === "published"),
    clauses: version ? clauses : [],
  };
}
