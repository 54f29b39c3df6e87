import { beforeAll, describe, expect, it } from "vitest";
import { Browser } from "./client";
import { seedCompetition, seedEntries, setInstant, setStage, timesFor, type SeededCompetition } from "./competition-fixtures";
import { CYRILLIC, count, counts, createOrganiser, createUser, db, expectProblem, grantRole, newActor, row, rows, signedIn } from "./fixtures";
import { ctx, insertPublished, sessionUser, type Actor } from "./proposals-helpers";
import { enterCompetition, withdrawEntry } from "../../worker/competitions/entries/service";
import { insertEntryGuarded } from "../../worker/competitions/entries/data";
import { entryModeration } from "../../worker/competitions/entries/moderation";
import { UNCHECKED_REASON } from "../../worker/competitions/entries/stage-hook";
import { onStageChanged } from "../../worker/competitions/cron";
import { makeDb } from "../../worker/db/client";
import { Problem } from "../../worker/http/problem";
import { ENTRANT_KINDS } from "../../worker/competitions/schema";
import { env } from "cloudflare:workers";

/**
 * Entries of competitions through the real routes: entering (API and the page form), every refusal
 * with its reason and nothing written, the stage's edges, the entry limit under concurrency, other
 * people's entries, moderation through the one queue, withdrawal, escaping and personal data.
 */

const ORG = "ent-mag";
let admin: Actor;
let moderator: Actor;
let resident: Actor;
let other: Actor;

beforeAll(async () => {
  await createOrganiser(ORG);
  admin = await newActor({ displayName: "Секретариат МАГ" });
  moderator = await newActor({ displayName: "Модератор МАГ" });
  resident = await newActor({ displayName: "Анна Жительница" });
  other = await newActor({ displayName: "Чужой житель" });
  await grantRole(admin.user.id, "organiser_admin", ORG);
  await grantRole(moderator.user.id, "moderator", ORG);
});

const competition = (over: Partial<Parameters<typeof seedCompetition>[0]> = {}) => seedCompetition({ organiserId: ORG, createdBy: admin.user.id, ...over });

/** An organisation of `type` with these confirmed members (and optionally a pending one). */
async function organisation(type: "nko" | "tos" | "administration" | "other", members: string[], pending: string[] = []) {
  const id = crypto.randomUUID();
  const now = Date.now();
  await db.batch([
    db.prepare("INSERT INTO organisations (id, organiser_id, name, type, city, member_count, created_at) VALUES (?, ?, ?, ?, 'Томск', ?, ?)").bind(id, ORG, `Организация ${type} ${id.slice(0, 4)}`, type, members.length, now),
    ...members.map((u) => db.prepare("INSERT INTO organisation_members (organisation_id, user_id, status, requested_at, decided_at) VALUES (?, ?, 'confirmed', ?, ?)").bind(id, u, now, now)),
    ...pending.map((u) => db.prepare("INSERT INTO organisation_members (organisation_id, user_id, status, requested_at) VALUES (?, ?, 'requested', ?)").bind(id, u, now)),
  ]);
  return id;
}

const practice = (nominationId: string, over: Record<string, unknown> = {}) => ({
  kind: "practice",
  nominationId,
  city: "Томск",
  title: "Дворы для детей: площадки вместе с жителями",
  problem: "Во дворах старого фонда нет безопасных мест для игр.",
  actions: "Провели 12 встреч с жителями, спроектировали и построили 8 площадок.",
  results: "8 площадок, 1 200 детей, 30 % софинансирования жителей.",
  period: "май 2024 — сентябрь 2025",
  budget: 15_000_000,
  contact: "dvory@tomsk.example",
  ...over,
});

async function enter(b: Browser, c: SeededCompetition, body: Record<string, unknown>) {
  return b.api(`/competitions/${c.id}/entries`, { json: body });
}

async function entered(b: Browser, c: SeededCompetition, body: Record<string, unknown>) {
  const res = await enter(b, c, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const entryRow = (id: string) =>
  row<{ status: string; hidden_at: number | null; reason: string | null; participant: string; kind: string; contact: string; title: string; actions: string; city: string; budget: number | null; period: string }>(
    "SELECT status, hidden_at, reason, participant, kind, contact, title, actions, city, budget, period FROM competition_entries WHERE id = ?",
    id,
  );
const entryCount = async (nominationId: string) => (await row<{ entry_count: number }>("SELECT entry_count FROM competition_nominations WHERE id = ?", nominationId))!.entry_count;
const recounted = (nominationId: string) => count("competition_entries", "nomination_id = ? AND status = 'admitted' AND hidden_at IS NULL", nominationId);
const queueItem = (id: string) => row<{ id: string; status: string; kind: string; decision: string | null; author_id: string }>("SELECT id, status, kind, decision, author_id FROM moderation_items WHERE target_type = 'entry' AND target_id = ? ORDER BY created_at DESC", id);
const TABLES = ["competition_entries", "moderation_items", "audit_log"];

describe("entering through the API", () => {
  it("a city practice in one's own name: stored as submitted, a review item in the organiser's queue, audited — together", async () => {
    const c = await competition();
    const id = await entered(resident, c, practice(c.nominationIds[0]));
    expect(await entryRow(id)).toMatchObject({ status: "submitted", participant: `u:${resident.user.id}`, kind: "practice", city: "Томск", budget: 15_000_000, contact: "dvory@tomsk.example" });
    expect(await queueItem(id)).toMatchObject({ status: "open", kind: "review", author_id: resident.user.id });
    expect(await count("audit_log", "action = 'entry.create' AND object_id = ? AND actor_id = ? AND organiser_id = ?", id, resident.user.id, ORG)).toBe(1);
    // Not admitted yet: the nomination's count of admitted entries does not move.
    expect(await entryCount(c.nominationIds[0])).toBe(0);
  });
});

/** A published proposal of `authorId` (optionally for an organisation) with the fields an entry copies. */
async function proposalOf(authorId: string, over: { organisationId?: string; status?: string; hidden?: boolean; title?: string } = {}) {
  const id = await insertPublished({ organiserId: ORG, authorId, title: over.title ?? "Сквер у школы № 12", status: over.status, hidden: over.hidden, city: "Новосибирск" });
  await db
    .prepare(
      `UPDATE proposals SET organisation_id = ?, problem = 'Пустырь у школы зарос.', goal = 'Создать сквер для детей и жителей.', tasks = ?,
         expected_results = 'Сквер на 0,5 га, 40 деревьев.', start_date = '2027-05-01', end_date = '2027-09-30', budget_requested = 2500000 WHERE id = ?`,
    )
    .bind(over.organisationId ?? null, JSON.stringify(["Собрать жителей", "Посадить деревья"]), id)
    .run();
  return id;
}

const itemIdOf = async (entryId: string) => (await queueItem(entryId))!.id;
const decide = (b: Browser, entryId: string, body: Record<string, unknown>) => itemIdOf(entryId).then((item) => b.api(`/moderation/items/${item}/decision`, { json: body }));
const notes = (userId: string, url: string) => rows<{ kind: string; params: string }>("SELECT kind, params FROM notifications WHERE user_id = ? AND url = ? ORDER BY created_at", userId, url);

async function refused(p: Promise<unknown>, status: number) {
  const e = await p.then(
    () => null,
    (err) => err,
  );
  expect(e, "expected a Problem").toBeInstanceOf(Problem);
  expect((e as Problem).status).toBe(status);
  return e as Problem;
}

describe("entering a proposal", () => {
  it("one's own published proposal: its title, problem, goal and tasks, results, city, period and budget are copied into the entry", async () => {
    const c = await competition();
    const pid = await proposalOf(resident.user.id);
    const id = await entered(resident, c, { kind: "proposal", nominationId: c.nominationIds[1], proposalId: pid, contact: "+7 913 000-00-00" });
    expect(await entryRow(id)).toMatchObject({
      status: "submitted",
      kind: "proposal",
      title: "Сквер у школы № 12",
      actions: "Создать сквер для детей и жителей.\n\n1. Собрать жителей\n2. Посадить деревья",
      city: "Новосибирск",
      period: "2027-05-01 — 2027-09-30",
      budget: 2_500_000,
      participant: `u:${resident.user.id}`,
    });
    expect(await row("SELECT problem, results, proposal_id FROM competition_entries WHERE id = ?", id)).toEqual({ problem: "Пустырь у школы зарос.", results: "Сквер на 0,5 га, 40 деревьев.", proposal_id: pid });
  });

  it("an organisation's proposal, entered on its behalf by a confirmed member; the same proposal only once per competition, again after withdrawal", async () => {
    const c = await competition({ entryLimit: 3 });
    const member = await newActor();
    const tos = await organisation("tos", [member.user.id, resident.user.id]);
    const pid = await proposalOf(resident.user.id, { organisationId: tos });
    const id = await entered(member, c, { kind: "proposal", nominationId: c.nominationIds[0], proposalId: pid, organisationId: tos, contact: "tos@example.ru" });
    expect((await entryRow(id))!.participant).toBe(`o:${tos}`);
    // The author enters it again, in their own name, elsewhere in the same competition: once per competition.
    const before = await counts(...TABLES);
    const again = await expectProblem(await enter(member, c, { kind: "proposal", nominationId: c.nominationIds[1], proposalId: pid, organisationId: tos, contact: "x" }), 409);
    expect(again.errors).toEqual([expect.objectContaining({ field: "proposalId", code: "competitions.entries.problem.alreadyEntered" })]);
    expect(await counts(...TABLES)).toEqual(before);
    expect((await member.api(`/entries/${id}/withdraw`, { method: "POST" })).status).toBe(200);
    await entered(member, c, { kind: "proposal", nominationId: c.nominationIds[1], proposalId: pid, organisationId: tos, contact: "x" });
  });

  it.each([
    { name: "not published", over: { status: "submitted" }, code: "proposalUnavailable", status: 422 },
    { name: "hidden by moderation", over: { hidden: true }, code: "proposalUnavailable", status: 422 },
    { name: "someone else's", over: { author: "other" }, code: "proposalNotYours", status: 422 },
    { name: "an organisation's, entered in one's own name by a member who did not write it", over: { author: "other", org: true }, code: "proposalNotYours", status: 422 },
  ])("a proposal $name is refused with the reason, nothing written", async ({ over, code, status }) => {
    const c = await competition();
    const org = over.org ? await organisation("nko", [resident.user.id, other.user.id]) : undefined;
    const pid = await proposalOf(over.author === "other" ? other.user.id : resident.user.id, { status: over.status, hidden: over.hidden, organisationId: org });
    const before = await counts(...TABLES);
    const p = await expectProblem(await enter(resident, c, { kind: "proposal", nominationId: c.nominationIds[0], proposalId: pid, contact: "x" }), status);
    expect(p.errors).toEqual([expect.objectContaining({ field: "proposalId", code: `competitions.entries.problem.${code}`, reason: expect.stringMatching(CYRILLIC) })]);
    expect(await counts(...TABLES)).toEqual(before);
  });
});

describe("bad input: every error with its field and reason, nothing written", () => {
  const long = (n: number) => "я".repeat(n);
  it.each([
    { name: "no nomination", over: { nominationId: undefined }, fields: ["nominationId"] },
    { name: "an unknown kind", over: { kind: "poem" }, fields: ["kind"] },
    { name: "a practice without its texts", over: { city: "", title: " ", problem: undefined, actions: "", results: "" }, fields: ["actions", "city", "problem", "results", "title"] },
    { name: "a title over 200", over: { title: long(201) }, fields: ["title"] },
    { name: "texts over 5000", over: { problem: long(5001), actions: long(5001), results: long(5001) }, fields: ["actions", "problem", "results"] },
    { name: "a city over 100", over: { city: long(101) }, fields: ["city"] },
    { name: "a period over 100", over: { period: long(101) }, fields: ["period"] },
    { name: "no contact", over: { contact: "" }, fields: ["contact"] },
    { name: "a contact over 300", over: { contact: long(301) }, fields: ["contact"] },
    { name: "a negative budget", over: { budget: -1 }, fields: ["budget"] },
    { name: "a budget over 10^12", over: { budget: 1_000_000_000_001 }, fields: ["budget"] },
    { name: "a budget with kopecks", over: { budget: 10.5 }, fields: ["budget"] },
    { name: "a budget in words", over: { budget: "миллион" }, fields: ["budget"] },
    { name: "a proposal entry without the proposal", over: { kind: "proposal", proposalId: null }, fields: ["proposalId"] },
  ])("$name → 422", async ({ over, fields }) => {
    const c = await competition();
    const before = await counts(...TABLES);
    const p = await expectProblem(await enter(resident, c, practice(c.nominationIds[0], over)), 422);
    expect(p.errors!.map((e) => e.field).sort()).toEqual(fields);
    for (const e of p.errors!) expect(e.reason).toMatch(CYRILLIC);
    expect(await counts(...TABLES)).toEqual(before);
  });

  it("limits are inclusive: a title of 200, texts of 5000, a contact of 300 and a budget of 10^12 are taken", async () => {
    const c = await competition();
    await entered(resident, c, practice(c.nominationIds[0], { title: long(200), problem: long(5000), actions: long(5000), results: long(5000), contact: long(300), budget: 1_000_000_000_000, period: long(100), city: long(100) }));
  });

  it("a nomination of another competition → 422 on the nomination; an unknown competition → 404", async () => {
    const c = await competition();
    const elsewhere = await competition();
    const before = await counts(...TABLES);
    const p = await expectProblem(await enter(resident, c, practice(elsewhere.nominationIds[0])), 422);
    expect(p.errors).toEqual([expect.objectContaining({ field: "nominationId", code: "competitions.entries.problem.unknownNomination" })]);
    await expectProblem(await resident.api(`/competitions/${crypto.randomUUID()}/entries`, { json: practice(c.nominationIds[0]) }), 404);
    expect(await counts(...TABLES)).toEqual(before);
  });

  it("signed out → 401; an unconfirmed e-mail → 403 with the reason; a draft competition → 404", async () => {
    const c = await competition();
    await expectProblem(await new Browser().api(`/competitions/${c.id}/entries`, { json: practice(c.nominationIds[0]) }), 401);
    const unconfirmed = await signedIn(await createUser({ confirmed: false }));
    const p = await expectProblem(await enter(unconfirmed, c, practice(c.nominationIds[0])), 403);
    expect(p.title).toBe("Подтвердите адрес электронной почты, чтобы подать заявку");
    const draft = await competition({ status: "draft" });
    await expectProblem(await enter(resident, draft, practice(draft.nominationIds[0])), 404);
  });
});

describe("eligibility", () => {
  const kinds = ENTRANT_KINDS;
  it.each(kinds)("an entrant of kind %s is refused where the rules exclude that kind and accepted where they admit it", async (kind) => {
    const person = await newActor();
    const orgId = kind === "resident" ? null : await organisation(kind, [person.user.id]);
    const excluding = await competition({ eligibility: kinds.filter((k) => k !== kind) });
    const before = await counts(...TABLES);
    const p = await expectProblem(await enter(person, excluding, practice(excluding.nominationIds[0], { organisationId: orgId })), 403);
    expect(p.type).toMatch(/entry-not-eligible$/);
    expect(p.errors).toEqual([expect.objectContaining({ field: "organisationId", code: "competitions.entries.problem.notEligible" })]);
    expect((p as unknown as { detail: string }).detail).toMatch(CYRILLIC);
    expect(await counts(...TABLES)).toEqual(before);
    const admitting = await competition({ eligibility: [kind] });
    const id = await entered(person, admitting, practice(admitting.nominationIds[0], { organisationId: orgId }));
    expect((await entryRow(id))!.participant).toBe(orgId ? `o:${orgId}` : `u:${person.user.id}`);
  });

  it("on behalf of an organisation whose membership is not confirmed → 403 on the organisation field", async () => {
    const c = await competition();
    const nko = await organisation("nko", [], [resident.user.id]);
    const p = await expectProblem(await enter(resident, c, practice(c.nominationIds[0], { organisationId: nko })), 403);
    expect(p.errors).toEqual([expect.objectContaining({ field: "organisationId", code: "competitions.entries.problem.notMember" })]);
  });
});

describe("the entry stage, at its edges", () => {
  const actor = () => sessionUser(resident.user);
  const input = (c: SeededCompetition) => ({ kind: "practice" as const, nominationId: c.nominationIds[0], city: "Томск", title: "Практика", problem: "п", actions: "д", results: "р", contact: "c@example.ru" });

  it("entry_opens_at − 1 ms refused (not open yet), entry_opens_at accepted", async () => {
    const c = await competition();
    const t = Date.now() - 1000;
    await setInstant(c.id, "entry_opens_at", t);
    const p = await refused(enterCompetition(ctx(), actor(), c.id, input(c), t - 1), 409);
    expect(p.titleKey).toBe("competitions.entries.problem.notOpen");
    await enterCompetition(ctx(), actor(), c.id, input(c), t);
  });

  it("entry_closes_at − 1 ms accepted, entry_closes_at refused (closed)", async () => {
    const c = await competition({ entryLimit: 5 });
    const t = Date.now() + 1000;
    await setInstant(c.id, "entry_closes_at", t);
    await enterCompetition(ctx(), actor(), c.id, input(c), t - 1);
    const p = await refused(enterCompetition(ctx(), actor(), c.id, input(c), t), 409);
    expect(p.titleKey).toBe("competitions.entries.problem.closed");
  });

  it("the INSERT's own guard holds at the edges too (not just the check before it)", async () => {
    const c = await competition({ entryLimit: 5 });
    const opens = Date.now() - 5000;
    const closes = Date.now() + 5000;
    await setInstant(c.id, "entry_opens_at", opens);
    await setInstant(c.id, "entry_closes_at", closes);
    const d = makeDb((env as any).DB);
    const write = (createdAt: number) =>
      d.batch([
        insertEntryGuarded(d, { id: crypto.randomUUID(), competitionId: c.id, nominationId: c.nominationIds[0], organiserId: ORG, kind: "practice", proposalId: null, submittedBy: resident.user.id, organisationId: null, participant: `u:${resident.user.id}`, city: "", title: "т", problem: "", actions: "", results: "", period: "", budget: null, contact: "", createdAt }),
      ]);
    await expect(write(opens - 1)).rejects.toThrow(/NOT NULL constraint failed: competition_entries\.status/);
    await write(opens);
    await write(closes - 1);
    await expect(write(closes)).rejects.toThrow(/NOT NULL constraint failed/);
    expect(await count("competition_entries", "competition_id = ?", c.id)).toBe(2);
  });

  it.each(["announced", "check", "voting"] as const)("in the %s stage → 409 with when entries open or closed, in Moscow time", async (stage) => {
    const c = await competition({ stage });
    const before = await counts(...TABLES);
    const p = (await expectProblem(await enter(resident, c, practice(c.nominationIds[0])), 409)) as unknown as { type: string; detail: string; entryOpensAt: string; entryClosesAt: string };
    expect(p.type).toMatch(stage === "announced" ? /entry-not-open$/ : /entry-closed$/);
    expect(p.detail).toMatch(/по московскому времени/);
    expect(p.entryClosesAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(p.entryClosesAt) - timesFor(stage).entryClosesAt)).toBeLessThan(60_000);
    expect(await counts(...TABLES)).toEqual(before);
  });
});

describe("the entry limit", () => {
  it("10 concurrent entries against a limit of 1: exactly one written (one queue item, one audit record), nine refused with the reason", async () => {
    const c = await competition({ entryLimit: 1 });
    const person = await newActor();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => enter(person, c, practice(c.nominationIds[0], { title: `Практика ${i}` }))));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    for (const r of results.filter((x) => x.status === 409)) expect(((await r.json()) as { type: string }).type).toMatch(/entry-limit$/);
    expect(await count("competition_entries", "submitted_by = ? AND competition_id = ?", person.user.id, c.id)).toBe(1);
    expect(await count("moderation_items", "target_type = 'entry' AND author_id = ?", person.user.id)).toBe(1);
    expect(await count("audit_log", "action = 'entry.create' AND actor_id = ?", person.user.id)).toBe(1);
  });

  it("per participant per nomination: another nomination and an organisation are separate; withdrawn entries free a place", async () => {
    const c = await competition({ entryLimit: 2 });
    const person = await newActor();
    const nko = await organisation("nko", [person.user.id]);
    const a = await entered(person, c, practice(c.nominationIds[0]));
    await entered(person, c, practice(c.nominationIds[0]));
    const p = await expectProblem(await enter(person, c, practice(c.nominationIds[0])), 409);
    expect(p.errors).toEqual([expect.objectContaining({ field: "nominationId", code: "competitions.entries.problem.limit" })]);
    expect((p as unknown as { detail: string }).detail).toContain("не больше 2");
    await entered(person, c, practice(c.nominationIds[1]));
    await entered(person, c, practice(c.nominationIds[0], { organisationId: nko }));
    expect((await person.api(`/entries/${a}/withdraw`, { method: "POST" })).status).toBe(200);
    await entered(person, c, practice(c.nominationIds[0]));
  });

  it(`at most ${10} entries per participant per nomination in any state (an enter-withdraw loop stops)`, async () => {
    const c = await competition({ entryLimit: 1 });
    const person = await newActor();
    await seedEntries(c, Array.from({ length: 10 }, () => ({ nominationId: c.nominationIds[0], submittedBy: person.user.id, status: "withdrawn" as const })));
    const p = await expectProblem(await enter(person, c, practice(c.nominationIds[0])), 409);
    expect(p.type).toMatch(/entry-tries$/);
  });
});

describe("moderation through the one queue", () => {
  it("admit: admitted, entry_count kept, audited, the queue item closed, the entrant notified; then public and listed", async () => {
    const c = await competition();
    const n = c.nominationIds[0];
    const id = await entered(resident, c, practice(n));
    // The queue shows it to the organiser's moderator, with its title and link.
    const queue = await (await moderator.fetch(`/moderation?organiser=${ORG}`)).text();
    expect(queue).toContain(practice(n).title);
    expect(queue).toContain(`/competitions/${c.id}/entries/${id}`);
    // Before the decision only the entrant and staff read it.
    await expectProblem(await new Browser().api(`/entries/${id}`), 404);
    expect((await decide(moderator, id, { action: "publish" })).status).toBe(200);
    expect(await entryRow(id)).toMatchObject({ status: "admitted", hidden_at: null, reason: null });
    expect(await entryCount(n)).toBe(1);
    expect(await recounted(n)).toBe(1);
    expect(await count("audit_log", "action = 'entry.publish' AND object_id = ? AND actor_id = ?", id, moderator.user.id)).toBe(1);
    expect(await queueItem(id)).toMatchObject({ status: "closed", decision: "publish" });
    const sent = await notes(resident.user.id, `/competitions/${c.id}/entries/${id}`);
    expect(sent.map((x) => x.kind)).toEqual(["entry_status"]);
    expect(JSON.parse(sent[0].params)).toEqual({ title: practice(n).title, competition: "Город, где хочется жить", status: "admitted", reason: "" });
    expect((await new Browser().api(`/entries/${id}`)).status).toBe(200);
    const list = (await (await new Browser().api(`/competitions/${c.id}/entries?nomination=${n}`)).json()) as { items: { id: string }[] };
    expect(list.items.map((x) => x.id)).toEqual([id]);
  });

  it("reject: a reason is required (422, nothing changes); with it the entrant reads it on the page, in the API and in the notification", async () => {
    const c = await competition();
    const id = await entered(resident, c, practice(c.nominationIds[0]));
    const before = await counts(...TABLES, "notifications");
    const p = await expectProblem(await decide(moderator, id, { action: "reject" }), 422);
    expect(p.errors).toEqual([expect.objectContaining({ field: "reason" })]);
    expect(await counts(...TABLES, "notifications")).toEqual(before);
    expect((await entryRow(id))!.status).toBe("submitted");
    expect((await decide(moderator, id, { action: "reject", reason: "Практика не из города-участника МАГ" })).status).toBe(200);
    expect(await entryRow(id)).toMatchObject({ status: "rejected", reason: "Практика не из города-участника МАГ" });
    expect(await entryCount(c.nominationIds[0])).toBe(0);
    const mine = (await (await resident.api(`/entries/${id}`)).json()) as { status: string; reason: string };
    expect(mine).toMatchObject({ status: "rejected", reason: "Практика не из города-участника МАГ" });
    const page = await (await resident.fetch(`/competitions/${c.id}/entries/${id}`)).text();
    expect(page).toContain("Не допущена");
    expect(page).toContain("Причина: Практика не из города-участника МАГ");
    const [note] = await notes(resident.user.id, `/competitions/${c.id}/entries/${id}`);
    expect(JSON.parse(note.params)).toMatchObject({ status: "rejected", reason: "Практика не из города-участника МАГ" });
    // Others never read a rejected entry.
    await expectProblem(await other.api(`/entries/${id}`), 404);
    expect((await other.fetch(`/competitions/${c.id}/entries/${id}`)).status).toBe(404);
  });

  it("reports on an admitted entry reach the queue; hide needs a reason, takes it out of the count and the list; the reporters' reports are upheld", async () => {
    const c = await competition();
    const n = c.nominationIds[0];
    const [id] = await seedEntries(c, [{ nominationId: n, submittedBy: resident.user.id }]);
    expect(await entryCount(n)).toBe(1);
    // The report form names the entry (its page links to it for others than the entrant).
    expect(await (await other.fetch(`/competitions/${c.id}/entries/${id}`)).text()).toContain(`href="/report?type=entry&amp;id=${id}"`);
    const form = await other.fetch(`/report?type=entry&id=${id}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("конкурсная заявка «Практика 1»");
    expect((await other.api("/reports", { json: { targetType: "entry", targetId: id, reason: "spam" } })).status).toBe(201);
    expect(await queueItem(id)).toMatchObject({ status: "open", kind: "reports" });
    await expectProblem(await decide(moderator, id, { action: "hide" }), 422);
    expect((await decide(moderator, id, { action: "hide", reason: "Реклама вместо практики" })).status).toBe(200);
    expect(await entryRow(id)).toMatchObject({ status: "admitted", reason: "Реклама вместо практики" });
    expect((await entryRow(id))!.hidden_at).toEqual(expect.any(Number));
    expect(await entryCount(n)).toBe(0);
    expect(await count("reports", "target_id = ? AND status = 'upheld'", id)).toBe(1);
    const list = (await (await new Browser().api(`/competitions/${c.id}/entries?nomination=${n}`)).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
    await expectProblem(await new Browser().api(`/entries/${id}`), 404);
    const [note] = await notes(resident.user.id, `/competitions/${c.id}/entries/${id}`);
    expect(JSON.parse(note.params)).toMatchObject({ status: "hidden", reason: "Реклама вместо практики" });
  });

  it("reports over the organiser's threshold hide an admitted entry until a moderator decides (the count follows in the same batch); restore brings it back", async () => {
    const org2 = await createOrganiser();
    const mod2 = await newActor();
    await grantRole(mod2.user.id, "moderator", org2);
    await db.prepare("INSERT INTO moderation_settings (organiser_id, report_threshold, stale_after_hours) VALUES (?, 1, 48)").bind(org2).run();
    const c = await seedCompetition({ organiserId: org2, createdBy: admin.user.id });
    const n = c.nominationIds[0];
    const [id] = await seedEntries(c, [{ nominationId: n, submittedBy: resident.user.id }]);
    expect((await other.api("/reports", { json: { targetType: "entry", targetId: id, reason: "insult" } })).status).toBe(201);
    expect((await entryRow(id))!.hidden_at).toEqual(expect.any(Number));
    expect(await entryCount(n)).toBe(0);
    expect((await decide(mod2, id, { action: "restore" })).status).toBe(200);
    expect(await entryRow(id)).toMatchObject({ status: "admitted", hidden_at: null, reason: null });
    expect(await entryCount(n)).toBe(1);
    expect(await recounted(n)).toBe(1);
    const sent = await notes(resident.user.id, `/competitions/${c.id}/entries/${id}`);
    expect(JSON.parse(sent[sent.length - 1].params)).toMatchObject({ status: "restored" });
  });

  it("after the voting stage began, reports reach the queue but hide nothing (nobody's reports take a rival off the ballot)", async () => {
    const org3 = await createOrganiser();
    await db.prepare("INSERT INTO moderation_settings (organiser_id, report_threshold, stale_after_hours) VALUES (?, 1, 48)").bind(org3).run();
    const c = await seedCompetition({ organiserId: org3, createdBy: admin.user.id, stage: "voting" });
    const [id] = await seedEntries(c, [{ nominationId: c.nominationIds[0], submittedBy: resident.user.id }]);
    expect((await other.api("/reports", { json: { targetType: "entry", targetId: id, reason: "spam" } })).status).toBe(201);
    expect((await entryRow(id))!.hidden_at).toBeNull();
    expect(await entryCount(c.nominationIds[0])).toBe(1);
    // Nothing was hidden, so the queue does not say so and no auto-hide is audited.
    expect(await row("SELECT auto_hidden_at FROM moderation_items WHERE target_id = ? AND status = 'open'", id)).toEqual({ auto_hidden_at: null });
    expect(await count("audit_log", "object_id = ? AND action = 'moderation.auto_hide'", id)).toBe(0);
  });

  it("hiding stays possible in every stage (illegal content comes down whenever it is found); admitting and rejecting do not", async () => {
    const org4 = await createOrganiser();
    await grantRole(moderator.user.id, "moderator", org4);
    const c = await seedCompetition({ organiserId: org4, createdBy: admin.user.id, stage: "voting" });
    const [id] = await seedEntries(c, [{ nominationId: c.nominationIds[0], submittedBy: resident.user.id }]);
    expect((await other.api("/reports", { json: { targetType: "entry", targetId: id, reason: "illegal" } })).status).toBe(201);
    await expectProblem(await decide(moderator, id, { action: "reject", reason: "Поздно" }), 409);
    expect((await decide(moderator, id, { action: "hide", reason: "Персональные данные третьих лиц" })).status).toBe(200);
    expect(await entryRow(id)).toMatchObject({ status: "admitted", reason: "Персональные данные третьих лиц" });
    expect((await entryRow(id))!.hidden_at).not.toBeNull();
    expect(await entryCount(c.nominationIds[0])).toBe(0);
    expect(JSON.parse((await notes(resident.user.id, `/competitions/${c.id}/entries/${id}`)).at(-1)!.params)).toMatchObject({ status: "hidden" });
  });

  it("decisions only during the entry and check stages: in the evaluation stage → 409 with the reason, nothing changes", async () => {
    const c = await competition();
    const id = await entered(resident, c, practice(c.nominationIds[0]));
    await setStage(c.id, "check");
    expect((await decide(moderator, id, { action: "publish" })).status).toBe(200);
    const late = await entered(resident, c, practice(c.nominationIds[1])).catch(() => null);
    expect(late).toBeNull();
    const id2 = (await seedEntries(c, [{ nominationId: c.nominationIds[1], submittedBy: other.user.id, status: "submitted" }]))[0];
    await db.prepare("INSERT INTO moderation_items (id, organiser_id, target_type, target_id, kind, author_id, label, created_at) VALUES (?, ?, 'entry', ?, 'review', ?, 'x', ?)").bind(crypto.randomUUID(), ORG, id2, other.user.id, Date.now()).run();
    await setStage(c.id, "evaluation");
    const before = await counts(...TABLES, "notifications");
    const p = (await expectProblem(await decide(moderator, id2, { action: "publish" }), 409)) as unknown as { title: string; detail: string };
    expect(p.title).toMatch(/Проверка заявок завершена/);
    expect(p.detail).toMatch(/по московскому времени/);
    expect(await counts(...TABLES, "notifications")).toEqual(before);
    expect((await entryRow(id2))!.status).toBe("submitted");
  });

  it("two moderators admitting at the same moment: one decision written, the other 409; the count is 1", async () => {
    const c = await competition();
    const id = await entered(resident, c, practice(c.nominationIds[0]));
    const m = sessionUser(moderator.user, [{ role: "moderator", organiserId: ORG }]);
    const outcomes = await Promise.allSettled([entryModeration.decide(ctx(), m, id, "publish", null), entryModeration.decide(ctx(), m, id, "publish", null)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const failed = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect((failed.reason as Problem).status).toBe(409);
    expect(await entryCount(c.nominationIds[0])).toBe(1);
    expect(await count("audit_log", "action = 'entry.publish' AND object_id = ?", id)).toBe(1);
    expect((await notes(resident.user.id, `/competitions/${c.id}/entries/${id}`)).length).toBe(1);
  });

  it("not on one's own entry; not by a moderator of another organiser", async () => {
    const c = await competition();
    const own = await entered(moderator, c, practice(c.nominationIds[0]));
    await expectProblem(await decide(moderator, own, { action: "publish" }), 403);
    const stranger = await newActor();
    const org4 = await createOrganiser();
    await grantRole(stranger.user.id, "moderator", org4);
    const id = await entered(resident, c, practice(c.nominationIds[1]));
    await expectProblem(await decide(stranger, id, { action: "publish" }), 403);
    expect((await entryRow(id))!.status).toBe("submitted");
  });

  it("a decision on an entry withdrawn in between → 409 (the queue item closed with the withdrawal)", async () => {
    const c = await competition();
    const id = await entered(resident, c, practice(c.nominationIds[0]));
    const item = await itemIdOf(id);
    expect((await resident.api(`/entries/${id}/withdraw`, { method: "POST" })).status).toBe(200);
    await expectProblem(await moderator.api(`/moderation/items/${item}/decision`, { json: { action: "publish" } }), 409);
    expect((await entryRow(id))!.status).toBe("withdrawn");
  });
});

describe("withdrawal", () => {
  it("a submitted entry: withdrawn, its queue item closed, audited; an admitted one also leaves the nomination's count", async () => {
    const c = await competition({ entryLimit: 3 });
    const n = c.nominationIds[0];
    const a = await entered(resident, c, practice(n));
    expect((await resident.api(`/entries/${a}/withdraw`, { method: "POST" })).status).toBe(200);
    expect((await entryRow(a))!.status).toBe("withdrawn");
    expect(await queueItem(a)).toMatchObject({ status: "closed", decision: "withdrawn" });
    expect(await count("audit_log", "action = 'entry.withdraw' AND object_id = ? AND actor_id = ?", a, resident.user.id)).toBe(1);
    const [b] = await seedEntries(c, [{ nominationId: n, submittedBy: resident.user.id }]);
    expect(await entryCount(n)).toBe(1);
    const res = await resident.fetch(`/competitions/${c.id}/entries/${b}/withdraw`, { form: {} });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/competitions/${c.id}/entries/${b}?done=competitions.entries.done.withdrawn`);
    expect(await entryCount(n)).toBe(0);
    expect(await recounted(n)).toBe(0);
    // Twice → 409; nothing changes.
    const before = await counts(...TABLES);
    const p = await expectProblem(await resident.api(`/entries/${a}/withdraw`, { method: "POST" }), 409);
    expect(p.title).toBe("Эту заявку уже нельзя отозвать");
    expect(await counts(...TABLES)).toEqual(before);
  });

  it("someone else's entry: 403 for an admitted one, 404 for one they cannot read; signed out 401", async () => {
    const c = await competition();
    const [admitted, submitted] = await seedEntries(c, [
      { nominationId: c.nominationIds[0], submittedBy: resident.user.id },
      { nominationId: c.nominationIds[1], submittedBy: resident.user.id, status: "submitted" },
    ]);
    await expectProblem(await other.api(`/entries/${admitted}/withdraw`, { method: "POST" }), 403);
    await expectProblem(await other.api(`/entries/${submitted}/withdraw`, { method: "POST" }), 404);
    await expectProblem(await new Browser().api(`/entries/${admitted}/withdraw`, { method: "POST" }), 401);
    expect(await count("competition_entries", "id IN (?, ?) AND status <> 'withdrawn'", admitted, submitted)).toBe(2);
  });

  it("entry_closes_at − 1 ms accepted, entry_closes_at refused (409 closed, with the dates)", async () => {
    const c = await competition({ entryLimit: 3 });
    const [a, b] = await seedEntries(c, [
      { nominationId: c.nominationIds[0], submittedBy: resident.user.id, status: "submitted" },
      { nominationId: c.nominationIds[0], submittedBy: resident.user.id, status: "submitted" },
    ]);
    const t = Date.now() + 2000;
    await setInstant(c.id, "entry_closes_at", t);
    const me = sessionUser(resident.user);
    await withdrawEntry(ctx(), me, a, t - 1);
    const p = await refused(withdrawEntry(ctx(), me, b, t), 409);
    expect(p.titleKey).toBe("competitions.entries.problem.closed");
    expect((await entryRow(b))!.status).toBe("submitted");
  });

  it("a rejected entry cannot be withdrawn (409); in the check stage nothing can (409 closed)", async () => {
    const c = await competition();
    const [rejected, live] = await seedEntries(c, [
      { nominationId: c.nominationIds[0], submittedBy: resident.user.id, status: "rejected" },
      { nominationId: c.nominationIds[1], submittedBy: resident.user.id },
    ]);
    await expectProblem(await resident.api(`/entries/${rejected}/withdraw`, { method: "POST" }), 409);
    await setStage(c.id, "check");
    const p = await expectProblem(await resident.api(`/entries/${live}/withdraw`, { method: "POST" }), 409);
    expect(p.title).toBe("Приём заявок завершён");
    expect((await entryRow(live))!.status).toBe("admitted");
  });
});

describe("reading entries", () => {
  it("a submitted entry: its entrant and the organiser's staff read it with the contact; others get 404 (API and page)", async () => {
    const c = await competition();
    const id = await entered(resident, c, practice(c.nominationIds[0]));
    for (const b of [resident, moderator, admin]) {
      const v = (await (await b.api(`/entries/${id}`)).json()) as { contact: string; status: string };
      expect(v).toMatchObject({ contact: "dvory@tomsk.example", status: "submitted" });
    }
    await expectProblem(await other.api(`/entries/${id}`), 404);
    await expectProblem(await new Browser().api(`/entries/${id}`), 404);
    expect((await other.fetch(`/competitions/${c.id}/entries/${id}`)).status).toBe(404);
  });

  it("an admitted entry is public, but its contact and the moderator's reason only to the entrant and staff", async () => {
    const c = await competition();
    const id = await entered(resident, c, practice(c.nominationIds[0]));
    expect((await decide(moderator, id, { action: "publish" })).status).toBe(200);
    for (const b of [other, new Browser()]) {
      const v = (await (await b.api(`/entries/${id}`)).json()) as { contact: string | null; reason: string | null; title: string };
      expect(v).toMatchObject({ contact: null, reason: null, title: practice("").title });
      const html = await (await b.fetch(`/competitions/${c.id}/entries/${id}`)).text();
      expect(html).toContain(practice("").title);
      expect(html).not.toContain("dvory@tomsk.example");
      expect(html).not.toContain("Допущена");
    }
    const own = await (await resident.fetch(`/competitions/${c.id}/entries/${id}`)).text();
    expect(own).toContain("dvory@tomsk.example");
    expect(own).toContain("Допущена");
    expect(own).toContain("Отозвать заявку");
    // Another competition's address does not serve it.
    const elsewhere = await competition();
    expect((await other.fetch(`/competitions/${elsewhere.id}/entries/${id}`)).status).toBe(404);
  });

  it("the page: the organisation's name, the proposal's link, a vote link during voting, the result row once published", async () => {
    const c = await competition();
    const nko = await organisation("nko", [resident.user.id]);
    const pid = await proposalOf(resident.user.id, { organisationId: nko, title: "Сквер НКО" });
    const id = await entered(resident, c, { kind: "proposal", nominationId: c.nominationIds[0], proposalId: pid, organisationId: nko, contact: "nko@example.ru" });
    let html = await (await resident.fetch(`/competitions/${c.id}/entries/${id}`)).text();
    expect(html).toContain(`href="/organisations/${nko}"`);
    expect(html).toContain(`href="/proposals/${pid}"`);
    expect(html).toContain("На проверке");
    expect(html).toContain('action="/attachments"');
    expect((await decide(moderator, id, { action: "publish" })).status).toBe(200);
    await setStage(c.id, "voting");
    html = await (await new Browser().fetch(`/competitions/${c.id}/entries/${id}`)).text();
    expect(html).toContain(`href="/competitions/${c.id}/vote?nomination=${c.nominationIds[0]}"`);
    expect(html).toContain("Голосовать в номинации");
    expect(html).not.toContain('action="/attachments"');
    await setStage(c.id, "results");
    await db.prepare("INSERT INTO competition_results (nomination_id, entry_id, competition_id, jury_score, jury_experts, votes, jury_part, public_part, total, rank, winner, computed_at) VALUES (?, ?, ?, 81.5, 3, 40, 57.05, 30, 87.05, 1, 1, ?)").bind(c.nominationIds[0], id, c.id, Date.now()).run();
    html = await (await new Browser().fetch(`/competitions/${c.id}/entries/${id}`)).text();
    expect(html).not.toContain("Место в номинации");
    await db.prepare("UPDATE competitions SET results_published_at = ? WHERE id = ?").bind(Date.now(), c.id).run();
    html = await (await new Browser().fetch(`/competitions/${c.id}/entries/${id}`)).text();
    expect(html).toContain("Место в номинации: 1");
    expect(html).toContain("Победитель номинации");
    expect(html).not.toContain("Голосовать в номинации");
    const api = (await (await new Browser().api(`/entries/${id}`)).json()) as { result: unknown };
    expect(api.result).toEqual({ rank: 1, winner: true, juryScore: 81.5, votes: 40, total: 87.05 });
  });

  it("a nomination's list: admitted and visible entries only, in order of entering, paginated by key without repeats; a switcher of nominations", async () => {
    const c = await competition();
    const [n1, n2] = c.nominationIds;
    const t0 = Date.now() - 100_000;
    const ids = await seedEntries(c, Array.from({ length: 23 }, (_, i) => ({ nominationId: n1, submittedBy: resident.user.id, title: `Практика ${String(i).padStart(2, "0")}`, createdAt: t0 + (i < 2 ? 0 : i) })));
    await seedEntries(c, [
      { nominationId: n1, submittedBy: other.user.id, status: "submitted", title: "Ждёт проверки" },
      { nominationId: n1, submittedBy: other.user.id, status: "rejected", title: "Отклонённая" },
      { nominationId: n2, submittedBy: other.user.id, title: "Другая номинация" },
    ]);
    await db.prepare("UPDATE competition_entries SET hidden_at = ? WHERE id = ?").bind(Date.now(), ids[5]).run();
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const r = (await (await new Browser().api(`/competitions/${c.id}/entries?nomination=${n1}&limit=10${next ? `&after=${next}` : ""}`)).json()) as { items: { id: string; title: string }[]; next: string | null };
      seen.push(...r.items.map((x) => x.id));
      next = r.next;
    } while (next);
    expect(seen).toEqual([...ids.slice(0, 2).sort(), ...ids.slice(2)].filter((x) => x !== ids[5]));
    // The page: first 20 and a next link, the nomination switcher, the second page from the cursor.
    const first = await (await new Browser().fetch(`/competitions/${c.id}/entries?nomination=${n1}`)).text();
    expect(first.match(/<li><section class="card">/g)?.length ?? first.split(`/competitions/${c.id}/entries/`).length - 1).toBeGreaterThanOrEqual(20);
    expect(first).toContain(`href="/competitions/${c.id}/entries?nomination=${n2}"`);
    expect(first).not.toContain("Ждёт проверки");
    expect(first).not.toContain("Отклонённая");
    const nextHref = first.match(/href="([^"]+after=[^"]+)" rel="next"/)![1].replace(/&amp;/g, "&");
    const second = await (await new Browser().fetch(nextHref)).text();
    expect(second).toContain("Практика 22");
    expect(second).not.toContain("Практика 03<");
    // Without a nomination: the first one. An unknown nomination: 404.
    const byDefault = (await (await new Browser().api(`/competitions/${c.id}/entries`)).json()) as { nominationId: string };
    expect(byDefault.nominationId).toBe(n1);
    await expectProblem(await new Browser().api(`/competitions/${c.id}/entries?nomination=${c.nominationIds[2]}x`), 404);
  });

  it("user text is escaped everywhere it is shown (entry page, list, my entries)", async () => {
    const c = await competition();
    const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const id = await entered(resident, c, practice(c.nominationIds[0], { title: evil, problem: evil, city: evil }));
    expect((await decide(moderator, id, { action: "publish" })).status).toBe(200);
    for (const [b, path] of [
      [new Browser(), `/competitions/${c.id}/entries/${id}`],
      [new Browser(), `/competitions/${c.id}/entries?nomination=${c.nominationIds[0]}`],
      [resident, "/competitions/mine"],
    ] as const) {
      const html = await (await b.fetch(path)).text();
      expect(html, path).not.toContain("<script>alert");
      expect(html, path).not.toContain("<img src=x");
      expect(html, path).toContain("&lt;script");
    }
  });

  it("«Мои заявки»: one's entries in every competition with status and reason, paginated by key; nobody else's", async () => {
    const person = await newActor();
    const c1 = await competition({ title: "Конкурс один" });
    const c2 = await competition({ title: "Конкурс два" });
    const a = await entered(person, c1, practice(c1.nominationIds[0], { title: "Первая заявка" }));
    const b = await entered(person, c2, practice(c2.nominationIds[0], { title: "Вторая заявка" }));
    await entered(other, c2, practice(c2.nominationIds[1], { title: "Чужая заявка" }));
    expect((await decide(moderator, b, { action: "reject", reason: "Нет цифр в результатах" })).status).toBe(200);
    const html = await (await person.fetch("/competitions/mine")).text();
    expect(html).toContain("Первая заявка");
    expect(html).toContain("Вторая заявка");
    expect(html).toContain("Нет цифр в результатах");
    expect(html).toContain("Конкурс «Конкурс два», номинация");
    expect(html).not.toContain("Чужая заявка");
    expect(html.indexOf("Вторая заявка")).toBeLessThan(html.indexOf("Первая заявка"));
    const page1 = (await (await person.api("/me/entries?limit=1")).json()) as { items: { id: string; status: string; reason: string | null }[]; next: string };
    expect(page1.items).toEqual([expect.objectContaining({ id: b, status: "rejected", reason: "Нет цифр в результатах" })]);
    const page2 = (await (await person.api(`/me/entries?limit=1&after=${page1.next}`)).json()) as { items: { id: string }[]; next: string | null };
    expect(page2.items.map((x) => x.id)).toEqual([a]);
    expect(page2.next).toBeNull();
    const signedOut = await new Browser().fetch("/competitions/mine");
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get("location")).toBe("/signin?next=%2Fcompetitions%2Fmine");
  });
});

describe("the entry form (works without JavaScript)", () => {
  it("shows both kinds with labelled fields in fieldsets; signed out → sign in and back", async () => {
    const c = await competition();
    const practiceForm = await (await resident.fetch(`/competitions/${c.id}/enter`)).text();
    for (const name of ["nominationId", "organisationId", "city", "title", "problem", "actions", "results", "period", "budget", "contact"]) expect(practiceForm).toContain(`<label for="f-${name}"`);
    expect(practiceForm).toContain("<legend>О практике</legend>");
    expect(practiceForm).toContain(`href="/competitions/${c.id}/enter?kind=proposal"`);
    const pid = await proposalOf(resident.user.id, { title: "Моё опубликованное" });
    const proposalForm = await (await resident.fetch(`/competitions/${c.id}/enter?kind=proposal`)).text();
    expect(proposalForm).toContain(`<option value="${pid}"`);
    expect(proposalForm).toContain("Моё опубликованное");
    expect(proposalForm).not.toContain('<label for="f-problem"');
    const signedOut = await new Browser().fetch(`/competitions/${c.id}/enter`);
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get("location")).toBe(`/signin?next=${encodeURIComponent(`/competitions/${c.id}/enter`)}`);
  });

  it("outside the entry stage the page says when, instead of the form", async () => {
    const c = await competition({ stage: "announced" });
    const html = await (await resident.fetch(`/competitions/${c.id}/enter`)).text();
    expect(html).toContain("Приём заявок начнётся");
    expect(html).not.toContain('name="contact"');
  });

  it("a valid form → 303 to the entry's page with the flash; a bad one → 422 with the error summary and inline errors, nothing written", async () => {
    const c = await competition();
    const before = await counts(...TABLES);
    const bad = await resident.fetch(`/competitions/${c.id}/enter`, { form: { kind: "practice", nominationId: c.nominationIds[0], organisationId: "", city: "Томск", title: "", problem: "п", actions: "д", results: "р", period: "", budget: "1,5 млн", contact: "" } });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('href="#f-title"');
    expect(html).toContain('href="#f-budget"');
    expect(html).toContain('href="#f-contact"');
    expect(html).toContain("Введите целое число рублей, без копеек");
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain(">Томск<".slice(1, -1));
    expect(await counts(...TABLES)).toEqual(before);

    const ok = await resident.fetch(`/competitions/${c.id}/enter`, { form: { kind: "practice", nominationId: c.nominationIds[0], organisationId: "", city: "Томск", title: "Практика из формы", problem: "п", actions: "д", results: "р", period: "", budget: "1 500 000", contact: "form@example.ru" } });
    expect(ok.status).toBe(303);
    const location = ok.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^/competitions/${c.id}/entries/[0-9a-f-]{36}\\?done=competitions\\.entries\\.done\\.entered$`));
    const id = location.split("/").pop()!.split("?")[0];
    expect(await entryRow(id)).toMatchObject({ title: "Практика из формы", budget: 1_500_000, status: "submitted" });
    const page = await (await resident.fetch(location)).text();
    expect(page).toContain("Заявка подана и отправлена на проверку");
  });

  it("an excluded kind of entrant → 403 with the reason next to the organisation field", async () => {
    const c = await competition({ eligibility: ["administration"] });
    const res = await resident.fetch(`/competitions/${c.id}/enter`, { form: { kind: "practice", nominationId: c.nominationIds[0], organisationId: "", city: "Томск", title: "т", problem: "п", actions: "д", results: "р", contact: "c@example.ru" } });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain("Этот конкурс не принимает заявки от участников такого вида");
    expect(html).toContain('href="#f-organisationId"');
    expect(html).toContain("не допускается положением");
  });
});

describe("personal data (152-ФЗ)", () => {
  it("the export lists the person's entries with their contact", async () => {
    const person = await newActor();
    const c = await competition();
    const id = await entered(person, c, practice(c.nominationIds[0], { contact: "моя-почта@example.ru" }));
    const exported = (await (await person.api("/me/export")).json()) as { competitionEntries: { id: string; contact: string; status: string; createdAt: string }[] };
    expect(exported.competitionEntries).toEqual([expect.objectContaining({ id, contact: "моя-почта@example.ru", status: "submitted", createdAt: expect.stringMatching(/Z$/) })]);
  });

  it("deleting the account withdraws entries waiting for the check (queue item closed, audited) and clears every contact; admitted entries stay and keep their count", async () => {
    const leaving = await newActor({ displayName: "Уходящий Заявитель" });
    const c = await competition({ entryLimit: 3 });
    const n = c.nominationIds[0];
    const waiting = await entered(leaving, c, practice(n, { contact: "leaving@example.ru" }));
    const admitted = await entered(leaving, c, practice(n, { contact: "leaving@example.ru", title: "Останется в конкурсе" }));
    expect((await decide(moderator, admitted, { action: "publish" })).status).toBe(200);
    expect(await entryCount(n)).toBe(1);
    expect((await leaving.api("/me", { method: "DELETE", json: { confirm: "УДАЛИТЬ" } })).status).toBe(200);
    expect(await entryRow(waiting)).toMatchObject({ status: "withdrawn", contact: "" });
    expect(await queueItem(waiting)).toMatchObject({ status: "closed", decision: "withdrawn" });
    expect(await count("audit_log", "action = 'entry.withdraw' AND object_id = ?", waiting)).toBe(1);
    expect(await entryRow(admitted)).toMatchObject({ status: "admitted", contact: "" });
    expect(await entryCount(n)).toBe(1);
    const html = await (await admin.fetch(`/competitions/${c.id}/entries/${admitted}`)).text();
    expect(html).toContain("Останется в конкурсе");
    expect(html).not.toContain("Уходящий Заявитель");
    expect(html).not.toContain("leaving@example.ru");
  });
});

describe("when the check stage ends", () => {
  it("entries nobody decided on are not admitted: «не допущена» with the reason, queue item closed, audited, the entrant notified; once only", async () => {
    const c = await competition({ entryLimit: 3 });
    const waiting = await entered(resident, c, practice(c.nominationIds[0], { title: "Не успели проверить" }));
    const admitted = await entered(resident, c, practice(c.nominationIds[0]));
    expect((await decide(moderator, admitted, { action: "publish" })).status).toBe(200);
    await setStage(c.id, "evaluation");
    const change = { competitionId: c.id, organiserId: ORG, from: "check" as const, to: "evaluation" as const, entered: ["evaluation" as const], at: Date.now() };
    const hookCtx = { db: makeDb((env as any).DB), env: env as any, now: Date.now() };
    await onStageChanged(hookCtx, [change]);
    expect(await entryRow(waiting)).toMatchObject({ status: "rejected", reason: UNCHECKED_REASON });
    expect(await queueItem(waiting)).toMatchObject({ status: "closed", decision: "expired" });
    expect(await count("audit_log", "action = 'entry.expire' AND object_id = ?", waiting)).toBe(1);
    const [note] = await notes(resident.user.id, `/competitions/${c.id}/entries/${waiting}`);
    expect(JSON.parse(note.params)).toEqual({ title: "Не успели проверить", competition: "Город, где хочется жить", status: "rejected", reason: UNCHECKED_REASON });
    expect((await entryRow(admitted))!.status).toBe("admitted");
    expect(await entryCount(c.nominationIds[0])).toBe(1);
    // A repeated run changes nothing.
    const before = await counts(...TABLES, "notifications");
    await onStageChanged(hookCtx, [change]);
    expect(await counts(...TABLES, "notifications")).toEqual(before);
  });
});
