import { sql } from "drizzle-orm";
import { auditRecord, auditRecordWhere } from "../audit";
import type { Ctx } from "../accounts/service";
import type { SessionUser } from "../accounts/session-user";
import { findUserById } from "../accounts/data";
import { forbidden, invalidField, notFound } from "../http/problem";
import { sendMail } from "../mail";
import { mailTemplates } from "../mail/templates";
import { getOrganiser } from "../organisers/data";
import { can } from "../roles/rules";
import {
  decideMembershipStatements,
  getOrganisation,
  insertOrganisation,
  membershipOf,
  publicMembers,
  requestMembershipStatement,
  updateOrganisation,
} from "./data";
import type { OrganisationType } from "./schema";

export interface OrganisationInputValues {
  organiserId: string;
  name: string;
  type: OrganisationType;
  city: string;
  description: string;
  inn?: string;
  ogrn?: string;
}

export async function createOrganisation(ctx: Ctx, actor: SessionUser, input: OrganisationInputValues) {
  if (!can(actor, "organisation.create")) throw forbidden();
  const [organiser] = await getOrganiser(ctx.db, input.organiserId);
  if (!organiser) throw invalidField("organiserId", "field.unknownOrganiser");
  const id = crypto.randomUUID();
  const now = Date.now();
  // The creator becomes its first member, waiting for a moderator's confirmation like anyone else.
  await ctx.db.batch([
    insertOrganisation(ctx.db, { id, ...input, inn: input.inn ?? null, ogrn: input.ogrn ?? null, createdBy: actor.id, createdAt: now }),
    requestMembershipStatement(ctx.db, id, actor.id, now),
    auditRecord(ctx.db, { actorId: actor.id, action: "organisation.create", objectType: "organisation", objectId: id, organiserId: input.organiserId }, now),
  ]);
  return { id };
}

export async function showOrganisation(ctx: Ctx, id: string, viewer: SessionUser | null) {
  const [[org], members, mine] = await ctx.db.batch([
    getOrganisation(ctx.db, id),
    publicMembers(ctx.db, id),
    membershipOf(ctx.db, id, viewer?.id ?? ""),
  ]);
  if (!org) throw notFound();
  return { org, members, myMembership: mine[0] ?? null };
}

export async function editOrganisation(ctx: Ctx, actor: SessionUser, id: string, patch: Partial<Omit<OrganisationInputValues, "organiserId">>) {
  const [[org], mine] = await ctx.db.batch([getOrganisation(ctx.db, id), membershipOf(ctx.db, id, actor.id)]);
  if (!org) throw notFound();
  const isMember = mine[0]?.status === "confirmed";
  if (!can(actor, "organisation.edit", { organiserId: org.organiserId, isMember })) throw forbidden();
  patch = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (Object.keys(patch).length === 0) return;
  await ctx.db.batch([
    updateOrganisation(ctx.db, id, patch),
    auditRecord(ctx.db, { actorId: actor.id, action: "organisation.update", objectType: "organisation", objectId: id, organiserId: org.organiserId, details: { fields: Object.keys(patch) } }),
  ]);
}

export async function requestMembership(ctx: Ctx, actor: SessionUser, organisationId: string) {
  const [org] = await getOrganisation(ctx.db, organisationId);
  if (!org) throw notFound();
  if (!actor.emailConfirmed) throw forbidden();
  const now = Date.now();
  // A repeated request (already pending or confirmed) changes nothing and is not recorded as a new one.
  const requested = sql`EXISTS (SELECT 1 FROM organisation_members WHERE organisation_id = ${organisationId} AND user_id = ${actor.id} AND status = 'requested' AND requested_at = ${now})`;
  await ctx.db.batch([
    requestMembershipStatement(ctx.db, organisationId, actor.id, now),
    auditRecordWhere(ctx.db, { actorId: actor.id, action: "membership.request", objectType: "organisation", objectId: organisationId, organiserId: org.organiserId }, requested, now),
  ]);
}

export async function decideMembership(
  ctx: Ctx,
  actor: SessionUser,
  organisationId: string,
  userId: string,
  decision: { decision: "confirmed" | "rejected"; reason?: string },
) {
  const [[org], [membership]] = await ctx.db.batch([getOrganisation(ctx.db, organisationId), membershipOf(ctx.db, organisationId, userId)]);
  if (!org || !membership) throw notFound();
  if (!can(actor, "membership.decide", { organiserId: org.organiserId })) throw forbidden();
  // A moderator does not decide on their own request.
  if (userId === actor.id) throw forbidden();
  if (membership.status !== "requested") throw invalidField("decision", "field.invalidChoice");
  const now = Date.now();
  const reason = decision.reason?.trim() || null;
  const action = `membership.${decision.decision}`;
  const objectId = `${organisationId}:${userId}`;
  // Audited only if this very decision was applied (a concurrent one may have won), and once.
  const applied = sql`EXISTS (SELECT 1 FROM organisation_members WHERE organisation_id = ${organisationId} AND user_id = ${userId} AND status = ${decision.decision} AND decided_by = ${actor.id} AND decided_at = ${now})
    AND NOT EXISTS (SELECT 1 FROM audit_log WHERE action = ${action} AND object_id = ${objectId} AND at = ${now})`;
  const [updated] = await ctx.db.batch([
    ...decideMembershipStatements(ctx.db, { organisationId, userId, decision: decision.decision, reason, decidedBy: actor.id, now }),
    auditRecordWhere(ctx.db, { actorId: actor.id, action, objectType: "membership", objectId, organiserId: org.organiserId, reason }, applied, now),
  ]);
  if (updated.length === 0) throw invalidField("decision", "field.invalidChoice");
  const person = await findUserById(ctx.db, userId);
  if (person && !person.deletedAt) {
    const locale = person.locale === "en" ? "en" : "ru";
    await sendMail(ctx.env, ctx.db, { to: person.email, ...mailTemplates.membershipDecided(locale, org.name, decision.decision === "confirmed", reason) });
  }
}
