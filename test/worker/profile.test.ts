import { beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "../../worker/accounts/tokens";
import { Browser } from "./client";
import { PASSWORD, count, createOrganiser, createUser, expectProblem, grantRole, newActor, row, signedIn } from "./fixtures";

let organiserId: string;
let moderator: Browser;
beforeAll(async () => {
  organiserId = await createOrganiser("profile-org");
  const m = await createUser({ displayName: "Модератор" });
  await grantRole(m.id, "moderator", organiserId);
  moderator = await signedIn(m);
});

const userRow = (id: string) => row<Record<string, any>>("SELECT * FROM users WHERE id = ?", id);

/** A confirmed membership through the real routes: request, then the organiser's moderator confirms. */
async function confirmedMember(b: Browser & { user: { id: string } }, organisationId: string) {
  expect((await b.api(`/organisations/${organisationId}/membership`, { method: "POST" })).status).toBe(202);
  const res = await moderator.api(`/organisations/${organisationId}/members/${b.user.id}`, { method: "PUT", json: { decision: "confirmed" } });
  expect(res.status).toBe(200);
}

async function newOrganisation(creator: Browser, name = "ТОС «Левобережный»") {
  const res = await creator.api("/organisations", { json: { organiserId, name, type: "tos", city: "Новосибирск" } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe("changing a profile", () => {
  it("one's own: every field is saved and audited", async () => {
    const b = await newActor();
    const res = await b.api(`/users/${b.user.id}`, { method: "PATCH", json: { displayName: "  Ольга  ", city: "Барнаул", locale: "en", showMemberships: true } });
    expect(res.status).toBe(200);
    expect(await userRow(b.user.id)).toMatchObject({ display_name: "Ольга", city: "Барнаул", locale: "en", show_memberships: 1 });
    expect(await count("audit_log", "action = 'account.update_profile' AND actor_id = ?", b.user.id)).toBe(1);
    // The profile language now applies to the API's messages too.
    const problem = await expectProblem(await b.api(`/users/${b.user.id}`, { method: "PATCH", json: { displayName: "x" } }), 422);
    expect(problem.errors![0].reason).toMatch(/^[^А-Яа-я]+$/);
  });

  it("a partial change leaves the other fields as they were", async () => {
    const b = await newActor({ city: "Омск", showMemberships: true });
    expect((await b.api(`/users/${b.user.id}`, { method: "PATCH", json: { displayName: "Только имя" } })).status).toBe(200);
    expect(await userRow(b.user.id)).toMatchObject({ display_name: "Только имя", city: "Омск", locale: "ru", show_memberships: 1 });
    expect((await b.api(`/users/${b.user.id}`, { method: "PATCH", json: { showMemberships: false } })).status).toBe(200);
    expect(await userRow(b.user.id)).toMatchObject({ display_name: "Только имя", city: "Омск", show_memberships: 0 });
  });

  it("another person's: 403 and nothing changes", async () => {
    const me = await newActor();
    const other = await createUser({ displayName: "Чужой профиль", city: "Томск" });
    const before = await userRow(other.id);
    const audits = await count("audit_log");
    const problem = await expectProblem(await me.api(`/users/${other.id}`, { method: "PATCH", json: { displayName: "Взломано", city: "" } }), 403);
    expect(problem.title).toBe("Недостаточно прав для этого действия");
    expect(await userRow(other.id)).toEqual(before);
    expect(await userRow(me.user.id)).toMatchObject({ display_name: me.user.displayName });
    expect(await count("audit_log")).toBe(audits);
  });

  it("even a platform admin cannot edit someone else's profile", async () => {
    const admin = await newActor();
    await grantRole(admin.user.id, "platform_admin");
    const other = await createUser({ displayName: "Житель" });
    await expectProblem(await admin.api(`/users/${other.id}`, { method: "PATCH", json: { displayName: "Админ был тут" } }), 403);
    expect((await userRow(other.id))!.display_name).toBe("Житель");
  });

  it("without a session: 401", async () => {
    const target = await createUser({ displayName: "Не тронуть" });
    await expectProblem(await new Browser().api(`/users/${target.id}`, { method: "PATCH", json: { displayName: "Аноним" } }), 401);
    expect((await userRow(target.id))!.display_name).toBe("Не тронуть");
  });

  it("invalid values: 422 per field, nothing saved", async () => {
    const b = await newActor({ city: "Омск" });
    const problem = await expectProblem(await b.api(`/users/${b.user.id}`, { method: "PATCH", json: { displayName: "Я".repeat(81), locale: "de", city: "Омск-2" } }), 422);
    expect(problem.errors!.map((e) => [e.field, e.code]).sort()).toEqual([
      ["displayName", "field.tooLong"],
      ["locale", "field.invalidChoice"],
    ]);
    expect(await userRow(b.user.id)).toMatchObject({ display_name: b.user.displayName, city: "Омск", locale: "ru" });
  });
});

describe("GET /api/me/export (152-ФЗ: right of access)", () => {
  it("returns profile, consents, memberships, roles and sessions, and no password or token hashes", async () => {
    const b = await newActor({ city: "Красноярск" });
    await grantRole(b.user.id, "moderator", organiserId);
    const orgId = await newOrganisation(b, "НКО «Экспорт»");
    const res = await b.api("/me/export");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="uchastie-my-data\.json"/);
    const text = await res.text();
    const data = JSON.parse(text);

    expect(data.profile).toMatchObject({ id: b.user.id, email: b.user.email, displayName: b.user.displayName, city: "Красноярск", locale: "ru" });
    expect(data.consents).toEqual([{ version: "2026-11-01", acceptedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);
    expect(data.memberships).toEqual([expect.objectContaining({ organisationId: orgId, organisationName: "НКО «Экспорт»", status: "requested" })]);
    expect(data.roles).toEqual([expect.objectContaining({ role: "moderator", organiserId })]);
    expect(data.sessions).toHaveLength(1);
    expect(data.actions.map((a: { action: string }) => a.action)).toContain("organisation.create");

    const stored = await userRow(b.user.id);
    expect(text).not.toContain("pbkdf2");
    expect(text).not.toContain(stored!.password_hash.split("$")[3]);
    expect(text).not.toMatch(/token_?hash|passwordHash|password_hash/i);
    expect(text).not.toContain(await sha256(b.cookies.get("sid")!));
    expect(text).not.toContain(b.cookies.get("sid")!);
  });

  it("needs a session", async () => {
    await expectProblem(await new Browser().api("/me/export"), 401);
  });
});

describe("DELETE /api/me (withdrawal of consent)", () => {
  it("erases personal data, keeps a tombstone, ends sessions, corrects member counts exactly, keeps the audit record", async () => {
    const creator = await newActor({ displayName: "Основатель", city: "Иркутск", showMemberships: true });
    const orgA = await newOrganisation(creator, "ТОС «Первый»");
    const orgB = await newOrganisation(creator, "ТОС «Второй»");
    const leaving = await newActor({ displayName: "Уходящий Житель", city: "Иркутск", showMemberships: true });
    const second = await signedIn(leaving.user); // another device
    await confirmedMember(creator as never, orgA);
    await confirmedMember(leaving as never, orgA);
    await confirmedMember(leaving as never, orgB);
    // A request still pending elsewhere must not move any counter.
    const orgC = await newOrganisation(creator, "ТОС «Третий»");
    expect((await leaving.api(`/organisations/${orgC}/membership`, { method: "POST" })).status).toBe(202);
    await grantRole(leaving.user.id, "moderator", organiserId);

    const memberCount = async (id: string) => (await row<{ member_count: number }>("SELECT member_count FROM organisations WHERE id = ?", id))!.member_count;
    const recount = (id: string) => count("organisation_members", "organisation_id = ? AND status = 'confirmed'", id);
    expect([await memberCount(orgA), await memberCount(orgB), await memberCount(orgC)]).toEqual([2, 1, 0]);
    const publicPage = async () => ((await (await new Browser().api(`/organisations/${orgA}`)).json()) as { members: { displayName: string }[] }).members.map((m) => m.displayName);
    expect(await publicPage()).toContain("Уходящий Житель");

    // Without the confirmation word nothing happens.
    await expectProblem(await leaving.api("/me", { method: "DELETE", json: { confirm: "удалить" } }), 422);
    expect((await userRow(leaving.user.id))!.deleted_at).toBeNull();

    const res = await leaving.api("/me", { method: "DELETE", json: { confirm: "УДАЛИТЬ" } });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().find((c) => c.startsWith("sid="))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);

    const tomb = await userRow(leaving.user.id);
    expect(tomb).not.toBeNull();
    expect(tomb!.deleted_at).toEqual(expect.any(Number));
    expect(tomb!.email).not.toContain(leaving.user.email);
    expect(tomb!.email).not.toContain("@");
    expect(tomb!).toMatchObject({ display_name: "", city: null, password_hash: null, email_confirmed_at: null, show_memberships: 0 });

    expect(await count("sessions", "user_id = ?", leaving.user.id)).toBe(0);
    expect(await count("role_grants", "user_id = ?", leaving.user.id)).toBe(0);
    expect(await count("organisation_members", "user_id = ?", leaving.user.id)).toBe(0);
    expect(await count("email_tokens", "user_id = ?", leaving.user.id)).toBe(0);
    expect(await count("consents", "user_id = ?", leaving.user.id)).toBe(0);
    for (const b of [leaving, second]) await expectProblem(await b.api("/me"), 401);

    expect([await memberCount(orgA), await memberCount(orgB), await memberCount(orgC)]).toEqual([1, 0, 0]);
    for (const id of [orgA, orgB, orgC]) expect(await memberCount(id)).toBe(await recount(id));
    expect(await publicPage()).toEqual(["Основатель"]);

    expect(await count("audit_log", "action = 'account.delete' AND actor_id = ? AND object_id = ?", leaving.user.id, leaving.user.id)).toBe(1);
    // Earlier records by the person stay (attributed to the tombstone).
    expect(await count("audit_log", "action = 'membership.request' AND actor_id = ?", leaving.user.id)).toBe(3);

    // The address is free again, and the old password opens nothing.
    await expectProblem(await new Browser("ru", "198.18.0.1").api("/accounts/signin", { json: { email: leaving.user.email, password: PASSWORD } }), 401);
    const again = await new Browser("ru", "198.18.0.2").api("/accounts/signup", {
      json: { email: leaving.user.email, password: "новая-жизнь-1", displayName: "Снова я", consent: true, consentVersion: "2026-11-01" },
    });
    expect(again.status).toBe(201);
  });

  it("the profile page and export refuse the deleted account's old cookie", async () => {
    const b = await newActor();
    const token = b.cookies.get("sid")!;
    expect((await b.api("/me", { method: "DELETE", json: { confirm: "УДАЛИТЬ" } })).status).toBe(200);
    const replay = new Browser();
    replay.cookies.set("sid", token);
    await expectProblem(await replay.api("/me/export"), 401);
    const page = await replay.fetch("/me");
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toMatch(/^\/signin/);
  });
});
