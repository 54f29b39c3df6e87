import { auditRecord } from "../audit";
import type { Ctx } from "../accounts/service";
import type { SessionUser } from "../accounts/session-user";
import { findUserByEmail } from "../accounts/data";
import { isUniqueViolation } from "../db/errors";
import { conflict, forbidden, invalidField, notFound } from "../http/problem";
import { getOrganiser } from "../organisers/data";
import { deleteGrant, findGrant, insertGrant } from "./data";
import { can, scopeFor, type Permission } from "./rules";
import type { Role } from "./schema";

const grantPermission = (role: Role) => `role.grant.${role}` as Permission;

export async function grantRole(
  ctx: Ctx,
  actor: SessionUser,
  input: { email: string; role: Role; organiserId?: string; competitionId?: string },
) {
  const scope = scopeFor(input.role, input.organiserId, input.competitionId);
  if (!scope.ok) throw invalidField(scope.field, "field.scopeRequired");
  if (!can(actor, grantPermission(input.role), { organiserId: scope.organiserId ?? undefined })) throw forbidden();
  if (scope.organiserId) {
    const [organiser] = await getOrganiser(ctx.db, scope.organiserId);
    if (!organiser) throw invalidField("organiserId", "field.unknownOrganiser");
  }
  const user = await findUserByEmail(ctx.db, input.email);
  if (!user) throw invalidField("email", "field.unknownUser");
  const id = crypto.randomUUID();
  try {
    await ctx.db.batch([
      insertGrant(ctx.db, { id, userId: user.id, role: input.role, scope: scope.scope, organiserId: scope.organiserId, competitionId: scope.competitionId, grantedBy: actor.id }),
      auditRecord(ctx.db, {
        actorId: actor.id,
        action: "role.grant",
        objectType: "user",
        objectId: user.id,
        organiserId: scope.organiserId,
        details: { role: input.role, scope: scope.scope, grantId: id },
      }),
    ]);
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict("problem.duplicate", [{ field: "role", code: "problem.duplicate" }]);
    throw e;
  }
  return { id, userId: user.id };
}

export async function revokeRole(ctx: Ctx, actor: SessionUser, grantId: string) {
  const grant = await findGrant(ctx.db, grantId);
  if (!grant) throw notFound();
  if (!can(actor, grantPermission(grant.role), { organiserId: grant.organiserId ?? undefined })) throw forbidden();
  await ctx.db.batch([
    deleteGrant(ctx.db, grantId),
    auditRecord(ctx.db, {
      actorId: actor.id,
      action: "role.revoke",
      objectType: "user",
      objectId: grant.userId,
      organiserId: grant.organiserId,
      details: { role: grant.role, scope: grant.scope, grantId },
    }),
  ]);
}

/** Roles this actor may hand out at all (for the admin form). */
export function grantableRoles(actor: SessionUser): Role[] {
  const all: Role[] = ["platform_admin", "organiser_admin", "moderator", "expert"];
  return all.filter((r) => can(actor, grantPermission(r), { anyOrganiser: true }));
}
