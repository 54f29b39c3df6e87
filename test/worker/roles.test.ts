import { beforeAll, describe, expect, it } from "vitest";
import { Browser } from "./client";
import { count, createOrganiser, createUser, db, expectProblem, grantRole, newActor, row, rows, signedIn } from "./fixtures";

type Actor = Browser & { user: { id: string; email: string; displayName: string } };

const A = "org-a-mag";
const B = "org-b-city";
let resident: Actor;
let moderatorA: Actor;
let adminA: Actor;
let platformAdmin: Actor;
let orgInA: string;
let orgInB: string;

async function organisationIn(organiserId: string, creator: Actor, name: string) {
  const res = await creator.api("/organisations", { json: { organiserId, name, type: "nko", city: "Новосибирск" } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  await createOrganiser(A);
  await createOrganiser(B);
  resident = await newActor({ displayName: "Житель" });
  moderatorA = await newActor({ displayName: "Модератор А" });
  adminA = await newActor({ displayName: "Админ А" });
  platformAdmin = await newActor({ displayName: "Админ платформы" });
  await grantRole(moderatorA.user.id, "moderator", A);
  await grantRole(adminA.user.id, "organiser_admin", A);
  await grantRole(platformAdmin.user.id, "platform_admin");
  orgInA = await organisationIn(A, resident, "НКО в А");
  orgInB = await organisationIn(B, resident, "НКО в Б");
});

const grantsOf = (userId: string) => rows<{ role: string; scope: string; organiser_id: string | null; granted_by: string }>("SELECT role, scope, organiser_id, granted_by FROM role_grants WHERE user_id = ?", userId);
const auditCount = () => count("audit_log");

describe("the admin area refuses people without an admin role", () => {
  it("a resident gets 403 on the admin page and on every admin API", async () => {
    const page = await resident.fetch("/admin");
    expect(page.status).toBe(403);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain("Недостаточно прав");
    expect(html).not.toContain("Журнал аудита");

    await expectProblem(await resident.api("/admin/roles"), 403);
    await expectProblem(await resident.api("/admin/audit"), 403);
    const before = await auditCount();
    await expectProblem(await resident.api("/admin/roles", { json: { email: resident.user.email, role: "platform_admin" } }), 403);
    expect(await grantsOf(resident.user.id)).toEqual([]);
    expect(await auditCount()).toBe(before);
  });

  it("an anonymous visitor is sent to sign in (page) or gets 401 (API)", async () => {
    const anon = new Browser();
    const page = await anon.fetch("/admin");
    expect(page.status).toBe(303);
    const location = new URL(page.headers.get("location")!, "https://x.test");
    expect(location.pathname).toBe("/signin");
    expect(location.searchParams.get("next")).toBe("/admin");
    await expectProblem(await anon.api("/admin/roles"), 401);
    await expectProblem(await anon.api("/admin/roles", { json: { email: resident.user.email, role: "moderator", organiserId: A } }), 401);
  });

  it("the admin page opens for a moderator and shows only their organiser's requests", async () => {
    const res = await moderatorA.fetch("/admin");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("НКО в А");
    expect(html).not.toContain("НКО в Б");
  });
});

describe("a moderator of organiser A", () => {
  it("cannot decide on a membership in organiser B's organisation (403, nothing changes)", async () => {
    const before = await row("SELECT status, decided_by FROM organisation_members WHERE organisation_id = ? AND user_id = ?", orgInB, resident.user.id);
    const audits = await auditCount();
    const res = await moderatorA.api(`/organisations/${orgInB}/members/${resident.user.id}`, { method: "PUT", json: { decision: "confirmed" } });
    await expectProblem(res, 403);
    expect(await row("SELECT status, decided_by FROM organisation_members WHERE organisation_id = ? AND user_id = ?", orgInB, resident.user.id)).toEqual(before);
    expect(before).toEqual({ status: "requested", decided_by: null });
    expect((await row<{ member_count: number }>("SELECT member_count FROM organisations WHERE id = ?", orgInB))!.member_count).toBe(0);
    expect(await auditCount()).toBe(audits);
  });

  it("nor through the admin form", async () => {
    const res = await moderatorA.fetch(`/admin/memberships/${orgInB}/${resident.user.id}`, { form: { decision: "confirmed", reason: "" } });
    expect(res.status).toBe(403);
    expect((await row("SELECT status FROM organisation_members WHERE organisation_id = ? AND user_id = ?", orgInB, resident.user.id))!.status).toBe("requested");
  });

  it("cannot grant any role, not even a moderator for A", async () => {
    const target = await createUser();
    const audits = await auditCount();
    for (const body of [
      { email: target.email, role: "moderator", organiserId: A },
      { email: target.email, role: "organiser_admin", organiserId: A },
      { email: target.email, role: "platform_admin" },
    ]) {
      await expectProblem(await moderatorA.api("/admin/roles", { json: body }), 403);
    }
    expect(await grantsOf(target.id)).toEqual([]);
    expect(await auditCount()).toBe(audits);
  });
});

describe("an organiser admin of A", () => {
  it("can grant a moderator for A: the grant and its audit record are written together", async () => {
    const target = await createUser();
    const res = await adminA.api("/admin/roles", { json: { email: target.email.toUpperCase(), role: "moderator", organiserId: A } });
    expect(res.status).toBe(201);
    const { id, userId } = (await res.json()) as { id: string; userId: string };
    expect(userId).toBe(target.id);
    expect(await grantsOf(target.id)).toEqual([{ role: "moderator", scope: A, organiser_id: A, granted_by: adminA.user.id }]);
    const audit = await row<Record<string, any>>("SELECT * FROM audit_log WHERE action = 'role.grant' AND object_id = ?", target.id);
    expect(audit).toMatchObject({ actor_id: adminA.user.id, object_type: "user", organiser_id: A });
    expect(JSON.parse(audit!.details)).toEqual({ role: "moderator", scope: A, grantId: id });

    // The new moderator can work at once.
    const asModerator = await signedIn(target);
    expect((await asModerator.fetch("/admin")).status).toBe(200);
  });

  it("cannot grant a moderator for B, an organiser admin, or a platform admin", async () => {
    const target = await createUser();
    const audits = await auditCount();
    for (const body of [
      { email: target.email, role: "moderator", organiserId: B },
      { email: target.email, role: "organiser_admin", organiserId: A },
      { email: target.email, role: "platform_admin" },
    ]) {
      await expectProblem(await adminA.api("/admin/roles", { json: body }), 403);
    }
    expect(await grantsOf(target.id)).toEqual([]);
    expect(await auditCount()).toBe(audits);
  });

  it('cannot reach another organiser through the "*" wildcard', async () => {
    const target = await createUser();
    const res = await adminA.api("/admin/roles", { json: { email: target.email, role: "moderator", organiserId: "*" } });
    expect([403, 422]).toContain(res.status);
    expect(await grantsOf(target.id)).toEqual([]);
  });

  it("a duplicate grant is a 409 and leaves no audit record (both or neither)", async () => {
    const target = await createUser();
    expect((await adminA.api("/admin/roles", { json: { email: target.email, role: "moderator", organiserId: A } })).status).toBe(201);
    const audits = await auditCount();
    const problem = await expectProblem(await adminA.api("/admin/roles", { json: { email: target.email, role: "moderator", organiserId: A } }), 409);
    expect(problem.errors![0].field).toBe("role");
    expect(await grantsOf(target.id)).toHaveLength(1);
    expect(await auditCount()).toBe(audits);
  });

  it("a grant needs its scope and a known person", async () => {
    const target = await createUser();
    expect((await expectProblem(await adminA.api("/admin/roles", { json: { email: target.email, role: "moderator" } }), 422)).errors![0].field).toBe("organiserId");
    expect((await expectProblem(await adminA.api("/admin/roles", { json: { email: "ghost@example.ru", role: "moderator", organiserId: A } }), 422)).errors![0].field).toBe("email");
  });

  it("can revoke a grant of A (audited) but not one of B", async () => {
    const target = await createUser();
    const grantA = await grantRole(target.id, "moderator", A);
    const grantB = await grantRole(target.id, "moderator", B);

    const audits = await auditCount();
    await expectProblem(await adminA.api(`/admin/roles/${grantB}`, { method: "DELETE" }), 403);
    expect(await count("role_grants", "id = ?", grantB)).toBe(1);
    expect(await auditCount()).toBe(audits);

    expect((await adminA.api(`/admin/roles/${grantA}`, { method: "DELETE" })).status).toBe(200);
    expect(await count("role_grants", "id = ?", grantA)).toBe(0);
    const audit = await row<Record<string, any>>("SELECT * FROM audit_log WHERE action = 'role.revoke' AND object_id = ?", target.id);
    expect(audit).toMatchObject({ actor_id: adminA.user.id, organiser_id: A });
    expect(JSON.parse(audit!.details)).toEqual({ role: "moderator", scope: A, grantId: grantA });
    await expectProblem(await adminA.api(`/admin/roles/${grantA}`, { method: "DELETE" }), 404);
  });

  it("sees only A's grants and A's audit records", async () => {
    const target = await createUser();
    await grantRole(target.id, "moderator", B);
    const { items } = (await (await adminA.api("/admin/roles")).json()) as { items: { organiserId: string | null }[] };
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((g) => g.organiserId))).toEqual(new Set([A]));
    const audit = (await (await adminA.api("/admin/audit")).json()) as { items: { organiserId: string | null }[] };
    expect(audit.items.length).toBeGreaterThan(0);
    expect(new Set(audit.items.map((e) => e.organiserId))).toEqual(new Set([A]));
  });
});

describe("the role grant list", () => {
  it("pages newest first without gaps or repeats, even when grants share a timestamp", async () => {
    const at = Date.now() + 3600_000; // newer than everything else in this file
    const people = await Promise.all(Array.from({ length: 7 }, () => createUser()));
    for (const p of people) {
      await db.prepare("INSERT INTO role_grants (id, user_id, role, scope, organiser_id, granted_at) VALUES (?, ?, 'moderator', ?, ?, ?)").bind(crypto.randomUUID(), p.id, B, B, at).run();
    }
    const seen: string[] = [];
    let query = "limit=3";
    for (let i = 0; i < 10; i++) {
      const page = (await (await platformAdmin.api(`/admin/roles?${query}`)).json()) as { items: { id: string; grantedAt: number }[] };
      if (page.items.length === 0) break;
      seen.push(...page.items.map((g) => g.id));
      const last = page.items[page.items.length - 1];
      query = `limit=3&before=${last.grantedAt}&beforeId=${last.id}`;
    }
    const all = await rows<{ id: string }>("SELECT id FROM role_grants ORDER BY granted_at DESC, id DESC");
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(all.map((g) => g.id));
  });
});

describe("a platform admin", () => {
  it("can grant and revoke every role anywhere; each grant and revoke is audited with its grant id", async () => {
    const target = await createUser();
    const granted: string[] = [];
    for (const body of [
      { role: "platform_admin" },
      { role: "organiser_admin", organiserId: B },
      { role: "moderator", organiserId: B },
      { role: "moderator", organiserId: A },
    ]) {
      const res = await platformAdmin.api("/admin/roles", { json: { email: target.email, ...body } });
      expect(res.status, JSON.stringify(body)).toBe(201);
      granted.push(((await res.json()) as { id: string }).id);
    }
    expect((await grantsOf(target.id)).map((g) => `${g.role}@${g.scope}`).sort()).toEqual(["moderator@org-a-mag", "moderator@org-b-city", "organiser_admin@org-b-city", "platform_admin@"]);
    for (const id of granted) expect((await platformAdmin.api(`/admin/roles/${id}`, { method: "DELETE" })).status).toBe(200);
    expect(await grantsOf(target.id)).toEqual([]);

    const audit = await rows<{ action: string; details: string; actor_id: string }>("SELECT action, details, actor_id FROM audit_log WHERE object_id = ? ORDER BY id", target.id);
    expect(audit.map((a) => a.action)).toEqual(["role.grant", "role.grant", "role.grant", "role.grant", "role.revoke", "role.revoke", "role.revoke", "role.revoke"]);
    expect(audit.every((a) => a.actor_id === platformAdmin.user.id)).toBe(true);
    expect(audit.map((a) => JSON.parse(a.details).grantId)).toEqual([...granted, ...granted]);
  });

  it("can decide memberships of any organiser", async () => {
    const res = await platformAdmin.api(`/organisations/${orgInB}/members/${resident.user.id}`, { method: "PUT", json: { decision: "confirmed" } });
    expect(res.status).toBe(200);
    expect((await row<{ member_count: number }>("SELECT member_count FROM organisations WHERE id = ?", orgInB))!.member_count).toBe(1);
  });
});
