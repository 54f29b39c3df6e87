import { describe, expect, it } from "vitest";
import type { RoleGrantView } from "../../worker/accounts/session-user";
import { PERMISSIONS, can, hasRole, organisersWhere, scopeFor, type Actor, type Permission } from "../../worker/roles/rules";

/**
 * The permission table, read as a table: every permission against every kind of holder, for an
 * object that belongs to organiser A. The expectations are written out by hand (not derived from
 * PERMISSIONS), so a change to the table has to be made here too, on purpose.
 */
const A = "organiser-a";
const B = "organiser-b";

const grant = (role: RoleGrantView["role"], organiserId: string | null = null): RoleGrantView => ({
  id: `${role}-${organiserId}`,
  role,
  scope: organiserId ?? "",
  organiserId,
  competitionId: null,
});
const actor = (roles: RoleGrantView[], emailConfirmed = true): Actor => ({ id: "u", emailConfirmed, roles });

type HolderName =
  | "anonymous"
  | "unconfirmed"
  | "resident"
  | "member of the organisation"
  | "moderator of A"
  | "moderator of another organiser (B)"
  | "organiser admin of A"
  | "organiser admin of another organiser (B)"
  | "platform admin";

const holders: Record<HolderName, { actor: Actor | null; isMember?: boolean }> = {
  anonymous: { actor: null },
  unconfirmed: { actor: actor([], false) },
  resident: { actor: actor([]) },
  "member of the organisation": { actor: actor([]), isMember: true },
  "moderator of A": { actor: actor([grant("moderator", A)]) },
  "moderator of another organiser (B)": { actor: actor([grant("moderator", B)]) },
  "organiser admin of A": { actor: actor([grant("organiser_admin", A)]) },
  "organiser admin of another organiser (B)": { actor: actor([grant("organiser_admin", B)]) },
  "platform admin": { actor: actor([grant("platform_admin")]) },
};

const everyConfirmed: HolderName[] = [
  "resident",
  "member of the organisation",
  "moderator of A",
  "moderator of another organiser (B)",
  "organiser admin of A",
  "organiser admin of another organiser (B)",
  "platform admin",
];

const allowed: Record<Permission, HolderName[]> = {
  "role.grant.platform_admin": ["platform admin"],
  "role.grant.organiser_admin": ["platform admin"],
  "role.grant.moderator": ["platform admin", "organiser admin of A"],
  "role.grant.expert": ["platform admin", "organiser admin of A"],
  "membership.decide": ["platform admin", "organiser admin of A", "moderator of A"],
  "organisation.create": everyConfirmed,
  "organisation.edit": ["platform admin", "organiser admin of A", "member of the organisation"],
  "audit.view": ["platform admin", "organiser admin of A", "moderator of A"],
  "admin.enter": ["platform admin", "organiser admin of A", "moderator of A"],
  "proposal.create": everyConfirmed,
  "proposal.support": everyConfirmed,
  "comment.write": everyConfirmed,
  "report.create": everyConfirmed,
  "moderation.decide": ["platform admin", "organiser admin of A", "moderator of A"],
  "user.block": ["platform admin", "organiser admin of A", "moderator of A"],
  "moderation.settings": ["platform admin", "organiser admin of A"],
  "consultation.manage": ["organiser admin of A"],
  "remark.write": everyConfirmed,
  "remark.support": everyConfirmed,
  "disposition.record": ["organiser admin of A"],
  "commitment.update": ["organiser admin of A"],
  "competition.manage": ["organiser admin of A"],
  "entry.create": everyConfirmed,
  "vote.cast": everyConfirmed,
  "library.manage": ["platform admin", "organiser admin of A"],
};

describe("permission table", () => {
  it("lists exactly the permissions this test knows about", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(allowed).sort());
  });

  const cases = (Object.keys(allowed) as Permission[]).flatMap((permission) =>
    (Object.keys(holders) as HolderName[]).map((holder) => ({ permission, holder, expected: allowed[permission].includes(holder) })),
  );

  it.each(cases)("$permission × $holder → $expected", ({ permission, holder, expected }) => {
    const h = holders[holder];
    expect(can(h.actor, permission, { organiserId: A, isMember: h.isMember })).toBe(expected);
  });

  it("a moderator of another organiser is refused for A's objects, and allowed for B's", () => {
    const modB = holders["moderator of another organiser (B)"].actor;
    expect(can(modB, "membership.decide", { organiserId: A })).toBe(false);
    expect(can(modB, "membership.decide", { organiserId: B })).toBe(true);
  });

  it("scoped roles grant nothing when the object's organiser is not given", () => {
    for (const name of ["moderator of A", "organiser admin of A"] as const) {
      for (const p of ["membership.decide", "role.grant.moderator", "admin.enter", "audit.view"] as const) {
        expect(can(holders[name].actor, p), `${name} / ${p}`).toBe(false);
      }
    }
    expect(can(holders["platform admin"].actor, "membership.decide")).toBe(true);
  });

  it("anyOrganiser asks \"for at least one organiser\": any scoped moderator may enter the admin area, a resident may not", () => {
    expect(can(holders["moderator of another organiser (B)"].actor, "admin.enter", { anyOrganiser: true })).toBe(true);
    expect(can(holders.resident.actor, "admin.enter", { anyOrganiser: true })).toBe(false);
    expect(can(holders["member of the organisation"].actor, "admin.enter", { anyOrganiser: true, isMember: true })).toBe(false);
  });

  it('an organiser id of "*" is just an unknown organiser, never a wildcard', () => {
    expect(can(holders["moderator of another organiser (B)"].actor, "admin.enter", { organiserId: "*" })).toBe(false);
    expect(can(holders["organiser admin of A"].actor, "role.grant.moderator", { organiserId: "*" })).toBe(false);
  });

  it("an expert grant carries no admin rights", () => {
    const expert = actor([{ id: "e", role: "expert", scope: "comp-1", organiserId: A, competitionId: "comp-1" }]);
    for (const p of Object.keys(PERMISSIONS) as Permission[]) {
      // What every confirmed resident may do is not an admin right.
      if (PERMISSIONS[p].some((h) => h === "resident")) continue;
      expect(can(expert, p, { organiserId: A }), p).toBe(false);
    }
  });
});

describe("role helpers", () => {
  it("hasRole matches the scope exactly unless none is asked", () => {
    const a = actor([grant("moderator", A)]);
    expect(hasRole(a, "moderator", A)).toBe(true);
    expect(hasRole(a, "moderator", B)).toBe(false);
    expect(hasRole(a, "moderator")).toBe(true);
    expect(hasRole(a, "moderator", "*")).toBe(false);
    expect(hasRole(a, "organiser_admin")).toBe(false);
  });

  it("organisersWhere lists each organiser once, only for the asked roles", () => {
    const a = actor([grant("moderator", A), grant("organiser_admin", A), grant("moderator", B), grant("platform_admin")]);
    expect(organisersWhere(a, ["moderator", "organiser_admin"]).sort()).toEqual([A, B]);
    expect(organisersWhere(a, ["organiser_admin"])).toEqual([A]);
    expect(organisersWhere(actor([]), ["moderator"])).toEqual([]);
  });

  it("scopeFor: platform admin is unscoped, organiser roles need an organiser, experts a competition", () => {
    expect(scopeFor("platform_admin", A, null)).toEqual({ ok: true, scope: "", organiserId: null, competitionId: null });
    expect(scopeFor("moderator", A, null)).toEqual({ ok: true, scope: A, organiserId: A, competitionId: null });
    expect(scopeFor("organiser_admin", undefined, null)).toEqual({ ok: false, field: "organiserId" });
    expect(scopeFor("moderator", "", null)).toEqual({ ok: false, field: "organiserId" });
    expect(scopeFor("expert", A, undefined)).toEqual({ ok: false, field: "competitionId" });
    expect(scopeFor("expert", A, "comp-1")).toEqual({ ok: true, scope: "comp-1", organiserId: A, competitionId: "comp-1" });
  });
});
