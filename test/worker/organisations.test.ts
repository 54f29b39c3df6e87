import { beforeAll, describe, expect, it } from "vitest";
import { Browser } from "./client";
import { CYRILLIC, count, counts, createOrganiser, createUser, expectProblem, grantRole, newActor, row, rows, signedIn } from "./fixtures";

type Actor = Browser & { user: { id: string; email: string; displayName: string } };

const ORGANISER = "mag-siberia";
const OTHER = "city-tomsk";
let founder: Actor;
let moderator: Actor;
let secondModerator: Actor;

beforeAll(async () => {
  await createOrganiser(ORGANISER);
  await createOrganiser(OTHER);
  founder = await newActor({ displayName: "Основатель" });
  moderator = await newActor({ displayName: "Модератор" });
  secondModerator = await newActor({ displayName: "Второй модератор" });
  await grantRole(moderator.user.id, "moderator", ORGANISER);
  await grantRole(secondModerator.user.id, "moderator", ORGANISER);
});

const input = (over: Record<string, unknown> = {}) => ({ organiserId: ORGANISER, name: "НКО «Сибирские просторы»", type: "nko", city: "Новосибирск", description: "Помогаем соседям", ...over });

async function create(b: Browser, over: Record<string, unknown> = {}) {
  const res = await b.api("/organisations", { json: input(over) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const membership = (orgId: string, userId: string) =>
  row<{ status: string; reason: string | null; decided_by: string | null }>("SELECT status, reason, decided_by FROM organisation_members WHERE organisation_id = ? AND user_id = ?", orgId, userId);
const memberCount = async (orgId: string) => (await row<{ member_count: number }>("SELECT member_count FROM organisations WHERE id = ?", orgId))!.member_count;
const recount = (orgId: string) => count("organisation_members", "organisation_id = ? AND status = 'confirmed'", orgId);
const decide = (b: Browser, orgId: string, userId: string, body: Record<string, unknown>) => b.api(`/organisations/${orgId}/members/${userId}`, { method: "PUT", json: body });

describe("creating an organisation", () => {
  it.each([
    { name: "ИНН with a wrong check digit", over: { inn: "7707083894" }, fields: ["inn"] },
    { name: "ИНН of 11 digits", over: { inn: "77070838931" }, fields: ["inn"] },
    { name: "ОГРН with a wrong check digit", over: { ogrn: "1027700132196" }, fields: ["ogrn"] },
    { name: "ОГРН of 14 digits", over: { ogrn: "10277001321955" }, fields: ["ogrn"] },
    { name: "both wrong", over: { inn: "1234567890", ogrn: "1234567890123" }, fields: ["inn", "ogrn"] },
  ])("$name → 422 with field errors, nothing written", async ({ over, fields }) => {
    const before = await counts("organisations", "organisation_members", "audit_log");
    const problem = await expectProblem(await founder.api("/organisations", { json: input(over) }), 422);
    expect(problem.errors!.map((e) => e.field).sort()).toEqual(fields);
    for (const e of problem.errors!) {
      expect(e.code).toBe(`field.${e.field}`);
      expect(e.reason).toMatch(CYRILLIC);
    }
    expect(await counts("organisations", "organisation_members", "audit_log")).toEqual(before);
  });

  it("with a valid ИНН and ОГРН: stored, the creator's membership waits for a moderator, audited", async () => {
    const id = await create(founder, { name: "ПАО-подобная НКО", inn: " 7707083893 ", ogrn: "1027700132195" });
    expect(await row("SELECT inn, ogrn, member_count, created_by FROM organisations WHERE id = ?", id)).toEqual({ inn: "7707083893", ogrn: "1027700132195", member_count: 0, created_by: founder.user.id });
    expect(await membership(id, founder.user.id)).toEqual({ status: "requested", reason: null, decided_by: null });
    expect(await count("audit_log", "action = 'organisation.create' AND object_id = ? AND organiser_id = ?", id, ORGANISER)).toBe(1);
  });

  it("empty ИНН/ОГРН are stored as absent; an unknown organiser is a field error", async () => {
    const id = await create(founder, { name: "Без реквизитов", inn: "", ogrn: "  " });
    expect(await row("SELECT inn, ogrn FROM organisations WHERE id = ?", id)).toEqual({ inn: null, ogrn: null });
    const problem = await expectProblem(await founder.api("/organisations", { json: input({ organiserId: "no-such-organiser" }) }), 422);
    expect(problem.errors!.map((e) => e.field)).toEqual(["organiserId"]);
  });

  it("needs a session (401) and a confirmed address (403)", async () => {
    await expectProblem(await new Browser().api("/organisations", { json: input() }), 401);
    const unconfirmed = await signedIn(await createUser({ confirmed: false }));
    await expectProblem(await unconfirmed.api("/organisations", { json: input() }), 403);
  });

  it("the form re-renders with inline errors on a bad ИНН", async () => {
    const res = await founder.fetch("/organisations", { form: { organiserId: ORGANISER, name: "Форма", type: "tos", city: "Томск", description: "", inn: "1111111111", ogrn: "" } });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="f-inn-error"');
    expect(html).toContain("ИНН — 10 цифр");
  });
});

describe("the list, paginated by key", () => {
  it("walks 25+ organisations with `next`: no duplicates, no gaps, in (name, id) order, even when one is added mid-walk", async () => {
    const walker = await newActor();
    const names = [...Array.from({ length: 20 }, (_, i) => `Пагинация ${String(i).padStart(2, "0")}`), ...Array.from({ length: 5 }, () => "Пагинация дубль")];
    for (const name of names) await create(walker, { name });

    const seen: string[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const res = await new Browser().api(`/organisations?limit=10${next ? `&after=${encodeURIComponent(next)}` : ""}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: { id: string; name: string }[]; next: string | null };
      expect(page.items.length).toBeLessThanOrEqual(10);
      seen.push(...page.items.map((o) => o.id));
      next = page.next;
      pages++;
      // Something that sorts before the cursor appears in the middle of the walk.
      if (pages === 1) await create(walker, { name: "Ааа, новая" });
      expect(pages).toBeLessThan(20);
    } while (next);

    const all = await rows<{ id: string }>("SELECT id FROM organisations ORDER BY name, id");
    expect(new Set(seen).size).toBe(seen.length);
    // Everything that existed before the walk is there, in order; the late one (sorting first) is not.
    const lateId = (await row<{ id: string }>("SELECT id FROM organisations WHERE name = 'Ааа, новая'"))!.id;
    expect(seen).not.toContain(lateId);
    expect(seen).toEqual(all.map((o) => o.id).filter((id) => id !== lateId));
    expect(seen.length).toBeGreaterThanOrEqual(25);
  });

  it("the HTML list shows 20 a page with a working «next page» link", async () => {
    const first = await new Browser().fetch("/organisations");
    expect(first.status).toBe(200);
    const html = await first.text();
    const next = html.match(/href="(\/organisations\?after=[^"]+)"/);
    expect(next).not.toBeNull();
    const firstIds = [...html.matchAll(/<a href="\/organisations\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(firstIds).toHaveLength(20);
    const second = await (await new Browser().fetch(next![1].replace(/&amp;/g, "&"))).text();
    const secondIds = [...second.matchAll(/<a href="\/organisations\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(secondIds.length).toBeGreaterThan(0);
    expect(secondIds.filter((id) => firstIds.includes(id))).toEqual([]);
  });

  it("refuses a limit out of range; a garbled cursor starts from the beginning", async () => {
    await expectProblem(await new Browser().api("/organisations?limit=0"), 422);
    await expectProblem(await new Browser().api("/organisations?limit=101"), 422);
    const res = await new Browser().api("/organisations?after=%%%not-a-cursor");
    expect(res.status).toBe(200);
  });
});

describe("membership", () => {
  it("request → moderator confirms → count 1 → the public page lists only members who chose to be shown", async () => {
    const orgId = await create(founder, { name: "ТОС «Видимые и скрытые»" });
    const shown = await newActor({ displayName: "Показанный Член", showMemberships: true });
    const hidden = await newActor({ displayName: "Скрытый Член", showMemberships: false });

    expect((await shown.api(`/organisations/${orgId}/membership`, { method: "POST" })).status).toBe(202);
    expect(await membership(orgId, shown.user.id)).toMatchObject({ status: "requested" });
    expect((await decide(moderator, orgId, shown.user.id, { decision: "confirmed" })).status).toBe(200);
    expect(await membership(orgId, shown.user.id)).toEqual({ status: "confirmed", reason: null, decided_by: moderator.user.id });
    expect(await memberCount(orgId)).toBe(1);
    expect(await count("audit_log", "action = 'membership.confirmed' AND object_id = ?", `${orgId}:${shown.user.id}`)).toBe(1);

    // Requested only: not counted, not shown.
    expect((await hidden.api(`/organisations/${orgId}/membership`, { method: "POST" })).status).toBe(202);
    const api = (await (await new Browser().api(`/organisations/${orgId}`)).json()) as { memberCount: number; members: { displayName: string }[] };
    expect(api.memberCount).toBe(1);
    expect(api.members.map((m) => m.displayName)).toEqual(["Показанный Член"]);

    expect((await decide(moderator, orgId, hidden.user.id, { decision: "confirmed" })).status).toBe(200);
    expect(await memberCount(orgId)).toBe(2);
    expect(await memberCount(orgId)).toBe(await recount(orgId));
    const page = await (await new Browser().fetch(`/organisations/${orgId}`)).text();
    expect(page).toContain("Показанный Член");
    expect(page).not.toContain("Скрытый Член");
    expect(page).toContain("Подтверждённых участников: 2");
    const again = (await (await new Browser().api(`/organisations/${orgId}`)).json()) as { members: { displayName: string }[] };
    expect(again.members.map((m) => m.displayName)).toEqual(["Показанный Член"]);

    // The person is told by mail.
    expect(await count("dev_outbox", "to_address = ? AND subject LIKE '%Видимые и скрытые%'", shown.user.email)).toBe(1);
  });

  it("a decision cannot be taken twice, and the count never moves twice", async () => {
    const orgId = await create(founder, { name: "ТОС «Дважды»" });
    const person = await newActor();
    await person.api(`/organisations/${orgId}/membership`, { method: "POST" });
    expect((await decide(moderator, orgId, person.user.id, { decision: "confirmed" })).status).toBe(200);
    await expectProblem(await decide(secondModerator, orgId, person.user.id, { decision: "confirmed" }), 422);
    await expectProblem(await decide(secondModerator, orgId, person.user.id, { decision: "rejected", reason: "поздно" }), 422);
    expect(await memberCount(orgId)).toBe(1);
    expect(await membership(orgId, person.user.id)).toMatchObject({ status: "confirmed", decided_by: moderator.user.id });
  });

  it("two moderators confirming the same request at the same moment count it once", async () => {
    const orgId = await create(founder, { name: "ТОС «Гонка»" });
    const people = await Promise.all([newActor(), newActor(), newActor()]);
    for (const p of people) await p.api(`/organisations/${orgId}/membership`, { method: "POST" });
    for (const p of people) {
      const results = await Promise.all([decide(moderator, orgId, p.user.id, { decision: "confirmed" }), decide(secondModerator, orgId, p.user.id, { decision: "confirmed" })]);
      expect(results.map((r) => r.status)).toContain(200);
    }
    expect(await recount(orgId)).toBe(3);
    expect(await memberCount(orgId)).toBe(3);
    expect(await count("audit_log", "action = 'membership.confirmed' AND object_id LIKE ?", `${orgId}:%`)).toBe(3);
  });

  it("rejecting needs a reason; the reason is stored and mailed; the person may ask again", async () => {
    const orgId = await create(founder, { name: "ТОС «Строгий»" });
    const person = await newActor();
    await person.api(`/organisations/${orgId}/membership`, { method: "POST" });

    for (const body of [{ decision: "rejected" }, { decision: "rejected", reason: "   " }]) {
      const problem = await expectProblem(await decide(moderator, orgId, person.user.id, body), 422);
      expect(problem.errors).toEqual([{ field: "reason", code: "field.reasonRequired", reason: expect.stringMatching(CYRILLIC) }]);
    }
    expect(await membership(orgId, person.user.id)).toMatchObject({ status: "requested" });

    expect((await decide(moderator, orgId, person.user.id, { decision: "rejected", reason: "Не живёт на территории ТОС" })).status).toBe(200);
    expect(await membership(orgId, person.user.id)).toEqual({ status: "rejected", reason: "Не живёт на территории ТОС", decided_by: moderator.user.id });
    expect(await memberCount(orgId)).toBe(0);
    expect((await row<{ reason: string }>("SELECT reason FROM audit_log WHERE action = 'membership.rejected' AND object_id = ?", `${orgId}:${person.user.id}`))!.reason).toBe("Не живёт на территории ТОС");
    const mail = await row<{ text: string }>("SELECT text FROM dev_outbox WHERE to_address = ? ORDER BY id DESC", person.user.email);
    expect(mail!.text).toContain("Не живёт на территории ТОС");

    expect((await person.api(`/organisations/${orgId}/membership`, { method: "POST" })).status).toBe(202);
    expect(await membership(orgId, person.user.id)).toEqual({ status: "requested", reason: null, decided_by: null });
  });

  it("a moderator cannot decide their own request", async () => {
    const orgId = await create(founder, { name: "ТОС «Свой»" });
    await moderator.api(`/organisations/${orgId}/membership`, { method: "POST" });
    await expectProblem(await decide(moderator, orgId, moderator.user.id, { decision: "confirmed" }), 403);
    expect(await membership(orgId, moderator.user.id)).toMatchObject({ status: "requested" });
    expect(await memberCount(orgId)).toBe(0);
    // Another moderator can.
    expect((await decide(secondModerator, orgId, moderator.user.id, { decision: "confirmed" })).status).toBe(200);
  });

  it("a moderator of another organiser cannot decide; a resident cannot either", async () => {
    const orgId = await create(founder, { name: "ТОС «Чужой»" });
    const person = await newActor();
    await person.api(`/organisations/${orgId}/membership`, { method: "POST" });
    const otherModerator = await newActor();
    await grantRole(otherModerator.user.id, "moderator", OTHER);
    await expectProblem(await decide(otherModerator, orgId, person.user.id, { decision: "confirmed" }), 403);
    await expectProblem(await decide(founder, orgId, person.user.id, { decision: "confirmed" }), 403);
    expect(await membership(orgId, person.user.id)).toMatchObject({ status: "requested" });
  });

  it("repeating a request does not reset a confirmed membership", async () => {
    const orgId = await create(founder, { name: "ТОС «Повтор»" });
    const person = await newActor();
    await person.api(`/organisations/${orgId}/membership`, { method: "POST" });
    await decide(moderator, orgId, person.user.id, { decision: "confirmed" });
    const requests = () => count("audit_log", "action = 'membership.request' AND actor_id = ? AND object_id = ?", person.user.id, orgId);
    expect(await requests()).toBe(1);
    expect((await person.api(`/organisations/${orgId}/membership`, { method: "POST" })).status).toBe(202);
    expect(await membership(orgId, person.user.id)).toMatchObject({ status: "confirmed" });
    expect(await memberCount(orgId)).toBe(1);
    // Nothing changed, so the audit log does not claim a new request.
    expect(await requests()).toBe(1);
  });

  it("an unknown organisation is 404", async () => {
    await expectProblem(await founder.api("/organisations/00000000-0000-0000-0000-000000000000/membership", { method: "POST" }), 404);
    await expectProblem(await new Browser().api("/organisations/00000000-0000-0000-0000-000000000000"), 404);
  });
});

describe("editing an organisation", () => {
  it("its confirmed members may; others may not (403, nothing changes)", async () => {
    const orgId = await create(founder, { name: "ТОС «Правки»" });
    const stranger = await newActor();
    await expectProblem(await stranger.api(`/organisations/${orgId}`, { method: "PATCH", json: { city: "Омск" } }), 403);
    await expectProblem(await founder.api(`/organisations/${orgId}`, { method: "PATCH", json: { city: "Омск" } }), 403); // still only requested
    await decide(moderator, orgId, founder.user.id, { decision: "confirmed" });
    expect((await founder.api(`/organisations/${orgId}`, { method: "PATCH", json: { city: "Омск" } })).status).toBe(200);
    expect((await row<{ city: string }>("SELECT city FROM organisations WHERE id = ?", orgId))!.city).toBe("Омск");
    await expectProblem(await founder.api(`/organisations/${orgId}`, { method: "PATCH", json: { inn: "7707083894" } }), 422);
    expect(await count("audit_log", "action = 'organisation.update' AND object_id = ?", orgId)).toBe(1);
  });

  it("changes only the fields sent: the description and registration numbers stay", async () => {
    const orgId = await create(founder, { name: "ТОС «Частичная правка»", description: "Длинное описание, которое нельзя терять", inn: "7707083893" });
    await decide(moderator, orgId, founder.user.id, { decision: "confirmed" });
    expect((await founder.api(`/organisations/${orgId}`, { method: "PATCH", json: { name: "ТОС «Новое имя»" } })).status).toBe(200);
    expect(await row("SELECT name, description, inn, city FROM organisations WHERE id = ?", orgId)).toEqual({
      name: "ТОС «Новое имя»",
      description: "Длинное описание, которое нельзя терять",
      inn: "7707083893",
      city: "Новосибирск",
    });
    // An empty change is accepted and writes nothing.
    const audits = await count("audit_log");
    expect((await founder.api(`/organisations/${orgId}`, { method: "PATCH", json: {} })).status).toBe(200);
    expect(await count("audit_log")).toBe(audits);
  });
});
