import type { RoleGrantView } from "../accounts/session-user";
import type { Role } from "./schema";

/**
 * Who may do what — one table, read like CONSUL's abilities files. A holder is either a role
 * on the whole platform, a role scoped to the object's organiser ("@organiser"), or a relation
 * of the person to the object ("member" of the organisation, "resident" = any confirmed account).
 */
type Holder = "platform_admin" | "organiser_admin@organiser" | "moderator@organiser" | "member@organisation" | "resident";

export const PERMISSIONS = {
  "role.grant.platform_admin": ["platform_admin"],
  "role.grant.organiser_admin": ["platform_admin"],
  "role.grant.moderator": ["platform_admin", "organiser_admin@organiser"],
  "role.grant.expert": ["platform_admin", "organiser_admin@organiser"],
  "membership.decide": ["platform_admin", "organiser_admin@organiser", "moderator@organiser"],
  "organisation.create": ["resident"],
  "organisation.edit": ["platform_admin", "organiser_admin@organiser", "member@organisation"],
  "audit.view": ["platform_admin", "organiser_admin@organiser", "moderator@organiser"],
  "admin.enter": ["platform_admin", "organiser_admin@organiser", "moderator@organiser"],
  // Proposals, discussion and the moderation queue.
  "proposal.create": ["resident"],
  "proposal.support": ["resident"],
  "comment.write": ["resident"],
  "report.create": ["resident"],
  "moderation.decide": ["platform_admin", "organiser_admin@organiser", "moderator@organiser"],
  "user.block": ["platform_admin", "organiser_admin@organiser", "moderator@organiser"],
  "moderation.settings": ["platform_admin", "organiser_admin@organiser"],
  // Consultations on draft documents: the organiser's admins run them; residents leave remarks.
  "consultation.manage": ["organiser_admin@organiser"],
  "remark.write": ["resident"],
  "remark.support": ["resident"],
  "disposition.record": ["organiser_admin@organiser"],
  "commitment.update": ["organiser_admin@organiser"],
  // Competitions: the organiser's admins run them (experts are a relation to the competition, see
  // competitions/access.ts); residents and organisations enter, residents vote.
  "competition.manage": ["organiser_admin@organiser"],
  "entry.create": ["resident"],
  "vote.cast": ["resident"],
  // The library of city practices: winners arrive by themselves; organisers add and hide practices by hand.
  "library.manage": ["platform_admin", "organiser_admin@organiser"],
} as const satisfies Record<string, readonly Holder[]>;

export type Permission = keyof typeof PERMISSIONS;

export interface Actor {
  id: string;
  emailConfirmed: boolean;
  roles: RoleGrantView[];
}

export interface PermissionContext {
  /** The organiser the object belongs to. */
  organiserId?: string;
  /** Asks "for at least one organiser" (may this person open the admin area at all?). An explicit
   * flag rather than a wildcard id, so no user-supplied id can ever widen a check. */
  anyOrganiser?: boolean;
  /** Whether the actor is a confirmed member of the organisation in question. */
  isMember?: boolean;
}

/** With no scope: the role on any scope; with a scope: exactly there. */
export const hasRole = (actor: Actor, role: Role, scope?: string) =>
  actor.roles.some((r) => r.role === role && (scope === undefined || r.scope === scope));

const hasScopedRole = (actor: Actor, role: Role, ctx: PermissionContext) =>
  ctx.anyOrganiser ? hasRole(actor, role) : ctx.organiserId !== undefined && hasRole(actor, role, ctx.organiserId);

function holds(actor: Actor, holder: Holder, ctx: PermissionContext): boolean {
  switch (holder) {
    case "platform_admin":
      return hasRole(actor, "platform_admin");
    case "organiser_admin@organiser":
      return hasScopedRole(actor, "organiser_admin", ctx);
    case "moderator@organiser":
      return hasScopedRole(actor, "moderator", ctx);
    case "member@organisation":
      return ctx.isMember === true;
    case "resident":
      return actor.emailConfirmed;
  }
}

export function can(actor: Actor | null, permission: Permission, ctx: PermissionContext = {}): boolean {
  if (!actor) return false;
  return PERMISSIONS[permission].some((h) => holds(actor, h, ctx));
}

/** Organisers on which the actor holds any of the given scoped roles (for admin pages' scoping). */
export function organisersWhere(actor: Actor, roles: Role[]): string[] {
  return [...new Set(actor.roles.filter((r) => roles.includes(r.role) && r.organiserId).map((r) => r.organiserId as string))];
}

/** What scope a grant of `role` needs; a pure check used by both the API and the admin page. */
export function scopeFor(role: Role, organiserId: string | null | undefined, competitionId: string | null | undefined) {
  switch (role) {
    case "platform_admin":
      return { ok: true as const, scope: "", organiserId: null, competitionId: null };
    case "organiser_admin":
    case "moderator":
      return organiserId ? { ok: true as const, scope: organiserId, organiserId, competitionId: null } : { ok: false as const, field: "organiserId" };
    case "expert":
      return competitionId
        ? { ok: true as const, scope: competitionId, organiserId: organiserId ?? null, competitionId }
        : { ok: false as const, field: "competitionId" };
  }
}
