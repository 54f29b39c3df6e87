import { beforeAll, describe, expect, it } from "vitest";
import { runAssignment } from "../../worker/competitions/experts/service";
import { Browser } from "./client";
import { seedAssignments, seedCompetition, seedEntries, seedExpert, setInstant, setStage, type SeededCompetition } from "./competition-fixtures";
import { count, createOrganiser, createUser, db, expectProblem, grantRole, newActor, row, rows, signedIn, type TestUser } from "./fixtures";
import { ctx, sessionUser, type Actor } from "./proposals-helpers";

/**
 * The experts part through its real routes: the jury (add, remove), declarations of conflicts, the
 * assignment run and its re-run, a further expert on a flagged entry, the evaluation progress; who
 * may do each (other organiser's admin, moderator, resident, an expert of another competition: 403
 * and nothing changed); the stage's edges; counters, audit records and notifications.
 */

const ORG = "exp-mag";
const OTHER_ORG = "exp-other";
let admin: Actor;
let otherAdmin: Actor;
let moderator: Actor;
let resident: Actor;

beforeAll(async () => {
  await createOrganiser(ORG);
  await createOrganiser(OTHER_ORG);
  admin = await newActor({ displayName: "Секретариат МАГ" });
  otherAdmin = await newActor({ displayName: "Чужой организатор" });
  moderator = await newActor({ displayName: "Модератор МАГ" });
  resident = await newActor({ displayName: "Житель" });
  await grantRole(admin.user.id, "organiser_admin", ORG);
  await grantRole(otherAdmin.user.id, "organiser_admin", OTHER_ORG);
  await grantRole(moderator.user.id, "moderator", ORG);
});

const competition = (over: Partial<Parameters<typeof seedCompetition>[0]> = {}) => seedCompetition({ organiserId: ORG, createdBy: admin.user.id, minExperts: 2, ...over });

async function organisation(members: string[]) {
  const id = crypto.randomUUID();
  const now = Date.now();
  await db.batch([
    db.prepare("INSERT INTO organisations (id, organiser_id, name, type, city, member_count, created_at) VALUES (?, ?, ?, 'nko', 'Тверь', ?, ?)").bind(id, ORG, `НКО ${id.slice(0, 4)}`, members.length, now),
    ...members.map((u) => db.prepare("INSERT INTO organisation_members (organisation_id, user_id, status, requested_at, decided_at) VALUES (?, ?, 'confirmed', ?, ?)").bind(id, u, now, now)),
  ]);
  return id;
}

const addExpert = (b: Browser, c: SeededCompetition, email: string, city?: string) => b.api(`/competitions/${c.id}/experts`, { json: city === undefined ? { email } : { email, city } });
const declare = (b: Browser, c: SeededCompetition, body: { city: string; conflicts: { entryId: string; reason?: string }[] }) => b.api(`/competitions/${c.id}/conflicts`, { method: "PUT", json: body });
const run = (b: Browser, c: SeededCompetition) => b.api(`/competitions/${c.id}/assignments`, { method: "POST" });

interface RunBody {
  assigned: { entryId: string; expertId: string }[];
  perExpert: { expertId: string; added: number; load: number }[];
  short: { entryId: string; title: string; have: number; needed: number; reason: string }[];
  undeclared: number;
}

/** Everything the experts part writes, for "nothing changed" checks. */
const snapshot = async (c: SeededCompetition) => ({
  experts: await rows("SELECT * FROM competition_experts WHERE competition_id = ? ORDER BY user_id", c.id),
  assignments: await rows("SELECT * FROM competition_assignments WHERE competition_id = ? ORDER BY entry_id, expert_id", c.id),
  conflicts: await rows("SELECT * FROM competition_conflicts WHERE competition_id = ? ORDER BY expert_id, entry_id", c.id),
  grants: await rows("SELECT * FROM role_grants WHERE scope = ? ORDER BY user_id", c.id),
  audit: await count("audit_log", "object_id = ? OR json_extract(details, '$.competitionId') = ?", c.id, c.id),
  notes: await count("notifications", "kind = 'expert_assignment' AND url = ?", `/competitions/${c.id}/review`),
});

/** Counters equal to the rows they count. */
async function expectCountersExact(c: SeededCompetition) {
  const bad = await rows(
    `SELECT e.user_id FROM competition_experts e WHERE e.competition_id = ?
       AND (e.assigned_count <> (SELECT count(*) FROM competition_assignments a WHERE a.competition_id = e.competition_id AND a.expert_id = e.user_id)
         OR e.submitted_count <> (SELECT count(*) FROM competition_assignments a WHERE a.competition_id = e.competition_id AND a.expert_id = e.user_id AND a.status = 'submitted'))`,
    c.id,
  );
  expect(bad).toEqual([]);
}

describe("the whole flow: experts, declarations, assignment, progress", () => {
  it("adds experts, they declare, the run respects every conflict and notifies each expert", async () => {
    const c = await competition({ stage: "check" });
    const orel = await signedIn(await createUser({ displayName: "Эксперт из Орла", city: "Орёл" }));
    const tver = await signedIn(await createUser({ displayName: "Эксперт из Твери", city: "Москва" }));
    const third = await signedIn(await createUser({ displayName: "Третий эксперт" }));
    const fourth = await signedIn(await createUser({ displayName: "Четвёртый эксперт" }));
    const org = await organisation([third.user.id]);
    const [eOrel, eOrg, eOwn, ePlain] = await seedEntries(c, [
      { nominationId: c.nominationIds[0], submittedBy: resident.user.id, city: "орел " },
      { nominationId: c.nominationIds[0], submittedBy: resident.user.id, organisationId: org, city: "Тверь" },
      { nominationId: c.nominationIds[1], submittedBy: fourth.user.id, city: "Казань" },
      { nominationId: c.nominationIds[1], submittedBy: resident.user.id, city: "Казань" },
    ]);

    // The jury: city from the profile, or given (editable).
    expect((await addExpert(admin, c, orel.user.email)).status).toBe(201);
    const added = await addExpert(admin, c, tver.user.email.toUpperCase(), "Тверь");
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ userId: tver.user.id, city: "Тверь" });
    expect((await addExpert(admin, c, third.user.email)).status).toBe(201);
    expect((await addExpert(admin, c, fourth.user.email)).status).toBe(201);
    expect(await row("SELECT city FROM competition_experts WHERE competition_id = ? AND user_id = ?", c.id, orel.user.id)).toEqual({ city: "Орёл" });
    const grants = await rows<{ user_id: string; role: string; scope: string; competition_id: string; organiser_id: string }>(
      "SELECT user_id, role, scope, competition_id, organiser_id FROM role_grants WHERE scope = ? ORDER BY user_id",
      c.id,
    );
    expect(grants).toHaveLength(4);
    for (const g of grants) expect(g).toMatchObject({ role: "expert", scope: c.id, competition_id: c.id, organiser_id: ORG });
    expect(await count("audit_log", "action = 'competition.expert.add' AND object_id = ?", c.id)).toBe(4);

    // Nobody declared yet: nothing assigned, every entry reported short.
    let res = await run(admin, c);
    expect(res.status).toBe(200);
    let body = (await res.json()) as RunBody;
    expect(body.assigned).toEqual([]);
    expect(body.undeclared).toBe(4);
    expect(body.short.map((s) => s.entryId).sort()).toEqual([eOrel, eOrg, eOwn, ePlain].sort());
    expect(body.short[0]).toMatchObject({ have: 0, needed: 2, reason: "notEnoughExperts" });
    expect(await count("competition_assignments", "competition_id = ?", c.id)).toBe(0);

    // Declarations: confirmed cities, one declared conflict with a reason.
    expect((await declare(orel, c, { city: "Орёл", conflicts: [] })).status).toBe(200);
    expect((await declare(tver, c, { city: "Тверь", conflicts: [{ entryId: ePlain, reason: "Консультировал проект" }] })).status).toBe(200);
    expect((await declare(third, c, { city: "", conflicts: [] })).status).toBe(200);
    expect((await declare(fourth, c, { city: "", conflicts: [] })).status).toBe(200);
    expect(await row("SELECT reason FROM competition_conflicts WHERE expert_id = ? AND entry_id = ?", tver.user.id, ePlain)).toEqual({ reason: "Консультировал проект" });

    res = await run(admin, c);
    expect(res.status).toBe(200);
    body = (await res.json()) as RunBody;
    expect(body.undeclared).toBe(0);
    expect(body.short).toEqual([]);
    expect(body.assigned).toHaveLength(8);
    const pairs = await rows<{ entry_id: string; expert_id: string; reason: string; status: string }>("SELECT entry_id, expert_id, reason, status FROM competition_assignments WHERE competition_id = ?", c.id);
    expect(pairs).toHaveLength(8);
    const forbidden = [
      [eOrel, orel.user.id], // own city (ё, case, spaces)
      [eOrg, third.user.id], // own organisation
      [eOrg, tver.user.id], // own city (given when added, confirmed)
      [eOwn, fourth.user.id], // own entry
      [ePlain, tver.user.id], // declared
    ];
    for (const [e, x] of forbidden) expect(pairs.some((p) => p.entry_id === e && p.expert_id === x), `${e} → ${x}`).toBe(false);
    for (const e of [eOrel, eOrg, eOwn, ePlain]) expect(pairs.filter((p) => p.entry_id === e)).toHaveLength(2);
    expect(pairs.every((p) => p.reason === "initial" && p.status === "assigned")).toBe(true);
    // Load: 8 pairs over 4 experts, 2 each.
    expect(new Set(body.perExpert.map((x) => x.added))).toEqual(new Set([2]));
    await expectCountersExact(c);
    // One notification per expert, with the count of entries written.
    const notes = await rows<{ user_id: string; params: string; url: string }>("SELECT user_id, params, url FROM notifications WHERE kind = 'expert_assignment' AND url = ?", `/competitions/${c.id}/review`);
    expect(notes).toHaveLength(4);
    for (const n of notes) expect(JSON.parse(n.params)).toEqual({ title: "Город, где хочется жить", count: 2 });
    expect(await count("audit_log", "action = 'competition.assignment.run' AND object_id = ?", c.id)).toBe(1);
    // The expert's notification renders in their list.
    const page = await orel.fetch("/me/notifications");
    expect(await page.text()).toContain("Вам назначены заявки конкурса «Город, где хочется жить» для оценки: 2");

    // The jury list and the evaluation progress.
    const list = (await (await admin.api(`/competitions/${c.id}/experts`)).json()) as { experts: { userId: string; assigned: number; declaredAt: number | null; removable: boolean }[]; canAssign: boolean };
    expect(list.canAssign).toBe(true);
    expect(list.experts.map((x) => x.assigned)).toEqual([2, 2, 2, 2]);
    expect(list.experts.every((x) => x.declaredAt !== null && x.removable)).toBe(true);
    const ev = (await (await admin.api(`/competitions/${c.id}/evaluation`)).json()) as { entries: { entryId: string; assigned: number; submitted: number }[]; belowMinimum: unknown[]; experts: unknown[] };
    expect(ev.entries).toHaveLength(4);
    expect(ev.entries.every((e) => e.assigned === 2 && e.submitted === 0)).toBe(true);
    expect(ev.belowMinimum).toEqual([]);
    expect(ev.experts).toHaveLength(4);

    // A second run with nothing new changes nothing.
    const before = await snapshot(c);
    body = (await (await run(admin, c)).json()) as RunBody;
    expect(body.assigned).toEqual([]);
    expect(await snapshot(c)).toEqual(before);
  });
});

describe("who may", () => {
  it("other organiser's admin, moderator, resident, an expert of another competition: 403 and nothing changed; anonymous 401", async () => {
    const c = await competition({ stage: "evaluation" });
    const elsewhere = await competition({ stage: "evaluation" });
    const theirExpert = await signedIn(await createUser({ displayName: "Эксперт другого конкурса" }));
    await seedExpert(elsewhere, theirExpert.user.id, admin.user.id);
    const mine = await createUser({ displayName: "Эксперт этого конкурса" });
    await seedExpert(c, mine.id, admin.user.id);
    const [e1] = await seedEntries(c, [{ nominationId: c.nominationIds[0], submittedBy: resident.user.id }]);
    await db.prepare("UPDATE competition_entries SET flagged = 1 WHERE id = ?").bind(e1).run();
    const victim = await createUser();
    const before = await snapshot(c);
    for (const who of [otherAdmin, moderator, resident, theirExpert]) {
      await expectProblem(await who.api(`/competitions/${c.id}/experts`), 403);
      await expectProblem(await addExpert(who, c, victim.email), 403);
      await expectProblem(await who.api(`/competitions/${c.id}/experts/${mine.id}`, { method: "DELETE" }), 403);
      await expectProblem(await run(who, c), 403);
      await expectProblem(await who.api(`/competitions/${c.id}/assignments/flagged`, { json: { entryId: e1, expertId: mine.id } }), 403);
      await expectProblem(await who.api(`/competitions/${c.id}/evaluation`), 403);
      await expectProblem(await declare(who, c, { city: "", conflicts: [] }), 403);
      // The pages too.
      expect((await who.fetch(`/competitions/${c.id}/experts`)).status).toBe(403);
      expect((await who.fetch(`/competitions/${c.id}/evaluation`)).status).toBe(403);
      expect((await who.fetch(`/competitions/${c.id}/conflicts`)).status).toBe(403);
      expect((await who.fetch(`/competitions/${c.id}/assignments`, { form: {} })).status).toBe(403);
    }
    // The organiser runs the competition but is not its expert: no declaration.
    await expectProblem(await declare(admin, c, { city: "", conflicts: [] }), 403);
    const anon = new Browser();
    await expectProblem(await anon.api(`/competitions/${c.id}/experts`), 401);
    await expectProblem(await run(anon, c), 401);
    expect((await anon.fetch(`/competitions/${c.id}/experts`)).status).toBe(303);
    expect(await snapshot(c)).toEqual(before);
  });

  it("a draft is not found for anyone but its organiser, who cannot add experts to it yet", async () => {
    const c = await competition({ status: "draft" });
    const u = await createUser();
    await expectProblem(await otherAdmin.api(`/competitions/${c.id}/experts`), 404);
    await expectProblem(await resident.api(`/competitions/${c.id}/evaluation`), 404);
    const body = await expectProblem(await addExpert(admin, c, u.email), 409);
    expect(body.title).toMatch(/опубликованного конкурса/);
    expect(await count("competition_experts", "competition_id = ?", c.id)).toBe(0);
    await expectProblem(await admin.api(`/competitions/00000000-0000-0000-0000-000000000000/experts`), 404);
  });
});

describe("adding experts", () => {
  it("refuses unknown, unconfirmed and duplicate accounts with the field and a reason, writing nothing", async () => {
    const c = await competition({ stage: "announced" });
    const unconfirmed = await createUser({ confirmed: false });
    const ok = await createUser();
    let body = await expectProblem(await addExpert(admin, c, "nobody@example.ru"), 422);
    expect(body.errors).toEqual([expect.objectContaining({ field: "email", code: "competitions.experts.field.unknownAccount" })]);
    body = await expectProblem(await addExpert(admin, c, unconfirmed.email), 422);
    expect(body.errors?.[0].code).toBe("competitions.experts.field.unconfirmedAccount");
    body = await expectProblem(await addExpert(admin, c, "not-an-email"), 422);
    expect(body.errors?.[0].field).toBe("email");
    body = await expectProblem(await addExpert(admin, c, ok.email, "Г".repeat(81)), 422);
    expect(body.errors?.[0]).toMatchObject({ field: "city", code: "field.tooLong" });
    expect(await count("competition_experts", "competition_id = ?", c.id)).toBe(0);
    // Allowed while the competition is announced.
    expect((await addExpert(admin, c, ok.email)).status).toBe(201);
    body = await expectProblem(await addExpert(admin, c, ok.email), 422);
    expect(body.errors?.[0].code).toBe("competitions.experts.field.alreadyExpert");
    expect(await count("competition_experts", "competition_id = ?", c.id)).toBe(1);
    expect(await count("role_grants", "scope = ?", c.id)).toBe(1);
  });

  it("at most EXPERTS_LIMITS.expertsPerCompetition experts", async () => {
    const c = await competition({ stage: "entry" });
    const now = Date.now();
    const ids = Array.from({ length: 200 }, () => crypto.randomUUID());
    const stmts = ids.flatMap((id, i) => [
      db.prepare("INSERT INTO users (id, email, email_confirmed_at, display_name, created_at) VALUES (?, ?, ?, 'Эксперт', ?)").bind(id, `limit-${i}-${id}@example.ru`, now, now),
      db.prepare("INSERT INTO competition_experts (competition_id, user_id, city, added_by, added_at) VALUES (?, ?, '', ?, ?)").bind(c.id, id, admin.user.id, now),
    ]);
    for (let i = 0; i < stmts.length; i += 100) await db.batch(stmts.slice(i, i + 100));
    const one = await createUser();
    const body = await expectProblem(await addExpert(admin, c, one.email), 422);
    expect(body.errors?.[0]).toMatchObject({ field: "email", code: "competitions.experts.field.tooManyExperts" });
    expect(body.errors?.[0].reason).toContain("200");
  });

  it("the jury closes when the evaluation ends (409), at the instant", async () => {
    const c = await competition({ stage: "evaluation" });
    const u = await createUser();
    await setInstant(c.id, "evaluation_closes_at", Date.now() - 1);
    await expectProblem(await addExpert(admin, c, u.email), 409);
    await setStage(c.id, "results");
    await expectProblem(await addExpert(admin, c, u.email), 409);
    expect(await count("competition_experts", "competition_id = ?", c.id)).toBe(0);
  });
});

describe("removing experts", () => {
  it("an expert with a submitted score stays (409); one with drafts goes with assignments, draft scores, conflicts and the grant", async () => {
    const c = await competition({ stage: "evaluation" });
    const entryIds = await seedEntries(c, [1, 2, 3].map(() => ({ nominationId: c.nominationIds[0], submittedBy: resident.user.id })));
    const scored = await createUser();
    const drafting = await createUser();
    await seedExpert(c, scored.id, admin.user.id);
    await seedExpert(c, drafting.id, admin.user.id);
    await seedAssignments(c, scored.id, entryIds.slice(0, 2), admin.user.id);
    await seedAssignments(c, drafting.id, entryIds, admin.user.id);
    const now = Date.now();
    await db.batch([
      db.prepare("UPDATE competition_assignments SET status = 'submitted', total = 70, submitted_at = ? WHERE entry_id = ? AND expert_id = ?").bind(now, entryIds[0], scored.id),
      db.prepare("UPDATE competition_experts SET submitted_count = 1 WHERE competition_id = ? AND user_id = ?").bind(c.id, scored.id),
      db.prepare("UPDATE competition_assignments SET status = 'draft' WHERE entry_id = ? AND expert_id = ?").bind(entryIds[1], drafting.id),
      db.prepare("INSERT INTO competition_scores (entry_id, expert_id, criterion_id, score, comment, updated_at) VALUES (?, ?, ?, 7, '', ?)").bind(entryIds[1], drafting.id, c.criterionIds[0], now),
      db.prepare("INSERT INTO competition_scores (entry_id, expert_id, criterion_id, score, comment, updated_at) VALUES (?, ?, ?, 8, '', ?)").bind(entryIds[0], scored.id, c.criterionIds[0], now),
      db.prepare("INSERT INTO competition_conflicts (competition_id, expert_id, entry_id, reason, declared_at) VALUES (?, ?, ?, '', ?)").bind(c.id, drafting.id, entryIds[2], now),
    ]);
    const before = await snapshot(c);
    const body = await expectProblem(await admin.api(`/competitions/${c.id}/experts/${scored.id}`, { method: "DELETE" }), 409);
    expect(body.title).toMatch(/отправленные оценки/);
    expect(await snapshot(c)).toEqual(before);

    const res = await admin.api(`/competitions/${c.id}/experts/${drafting.id}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ userId: drafting.id, removedAssignments: 3 });
    expect(await count("competition_experts", "competition_id = ? AND user_id = ?", c.id, drafting.id)).toBe(0);
    expect(await count("competition_assignments", "expert_id = ?", drafting.id)).toBe(0);
    expect(await count("competition_scores", "expert_id = ?", drafting.id)).toBe(0);
    expect(await count("competition_conflicts", "expert_id = ?", drafting.id)).toBe(0);
    expect(await count("role_grants", "user_id = ? AND scope = ?", drafting.id, c.id)).toBe(0);
    expect(await count("audit_log", "action = 'competition.expert.remove' AND object_id = ?", c.id)).toBe(1);
    // The other expert's rows and scores are untouched.
    expect(await count("competition_assignments", "expert_id = ?", scored.id)).toBe(2);
    expect(await count("competition_scores", "expert_id = ?", scored.id)).toBe(1);
    await expectCountersExact(c);
    // Not an expert (any more): 404.
    await expectProblem(await admin.api(`/competitions/${c.id}/experts/${drafting.id}`, { method: "DELETE" }), 404);
  });

  it("not after the evaluation (409)", async () => {
    const c = await competition({ stage: "voting" });
    const u = await createUser();
    await seedExpert(c, u.id, admin.user.id);
    await expectProblem(await admin.api(`/competitions/${c.id}/experts/${u.id}`, { method: "DELETE" }), 409);
    expect(await count("competition_experts", "competition_id = ?", c.id)).toBe(1);
  });
});

describe("running the assignment at the stage's edges", () => {
  async function ready(stage: "entry" | "check" | "evaluation" | "voting") {
    const c = await competition({ stage });
    await seedEntries(c, [1, 2].map(() => ({ nominationId: c.nominationIds[0], submittedBy: resident.user.id })));
    for (let i = 0; i < 2; i++) await seedExpert(c, (await createUser()).id, admin.user.id);
    return c;
  }

  it("before the check (entry stage) and after the evaluation (voting): 409, nothing written", async () => {
    for (const stage of ["entry", "voting"] as const) {
      const c = await ready(stage);
      const body = await expectProblem(await run(admin, c), 409);
      expect(body.title).toMatch(/проверки заявок и экспертной оценки/);
      expect(await count("competition_assignments", "competition_id = ?", c.id)).toBe(0);
    }
  });

  it("the instants: a millisecond before the check opens no, at it yes; at the evaluation's close no, a millisecond before yes", async () => {
    const instants = async (id: string) =>
      (await row<{ entry_closes_at: number; evaluation_closes_at: number }>("SELECT entry_closes_at, evaluation_closes_at FROM competitions WHERE id = ?", id))!;
    const c = await ready("check");
    const t = await instants(c.id);
    const me = sessionUser(admin.user, [{ role: "organiser_admin", organiserId: ORG }]);
    const early = await runAssignment(ctx(), me, c.id, t.entry_closes_at - 1).catch((e) => e);
    expect(early.status).toBe(409);
    const atClose = await runAssignment(ctx(), me, c.id, t.evaluation_closes_at).catch((e) => e);
    expect(atClose.status).toBe(409);
    expect(await count("competition_assignments", "competition_id = ?", c.id)).toBe(0);
    expect((await runAssignment(ctx(), me, c.id, t.entry_closes_at)).assigned).toHaveLength(4);
    const c2 = await ready("evaluation");
    const t2 = await instants(c2.id);
    expect((await runAssignment(ctx(), me, c2.id, t2.evaluation_closes_at - 1)).assigned).toHaveLength(4);
  });

  it("the write carries its own stage guard: at the evaluation's closing instant the insert writes nothing, a millisecond before it does", async () => {
    const c = await ready("evaluation");
    const { insertAssignments, ASSIGN_STAGES } = await import("../../worker/competitions/experts/data");
    const d = ctx().db;
    const [{ id: entryId }] = await rows<{ id: string }>("SELECT id FROM competition_entries WHERE competition_id = ?", c.id);
    const [{ user_id: expertId }] = await rows<{ user_id: string }>("SELECT user_id FROM competition_experts WHERE competition_id = ?", c.id);
    const { evaluation_closes_at: closes } = (await row<{ evaluation_closes_at: number }>("SELECT evaluation_closes_at FROM competitions WHERE id = ?", c.id))!;
    const write = (now: number) => d.batch([insertAssignments(d, { competitionId: c.id, pairs: [{ entryId, expertId }], reason: "initial", by: admin.user.id, now, stages: ASSIGN_STAGES })]);
    await write(closes);
    expect(await count("competition_assignments", "competition_id = ?", c.id)).toBe(0);
    await write(closes - 1);
    expect(await count("competition_assignments", "competition_id = ?", c.id)).toBe(1);
  });
});

describe("re-running after a late expert", () => {
  it("keeps every existing pair, its state and scores; tops up new entries; the late expert takes the new load", async () => {
    const c = await competition({ stage: "evaluation" });
    const first = await seedEntries(c, [1, 2, 3, 4, 5, 6].map(() => ({ nominationId: c.nominationIds[0], submittedBy: resident.user.id, city: "" })));
    const experts: TestUser[] = [];
    for (let i = 0; i < 3; i++) {
      const u = await createUser({ displayName: `Эксперт ${i}` });
      experts.push(u);
      await seedExpert(c, u.id, admin.user.id);
    }
    const r1 = (await (await run(admin, c)).json()) as RunBody;
    expect(r1.assigned).toHaveLength(12);
    // Scores come in: one submitted, one draft.
    const [sub, dr] = await rows<{ entry_id: string; expert_id: string }>("SELECT entry_id, expert_id FROM competition_assignments WHERE competition_id = ? ORDER BY rowid LIMIT 2", c.id);
    const now = Date.now();
    await db.batch([
      db.prepare("UPDATE competition_assignments SET status = 'submitted', total = 64.5, submitted_at = ?, updated_at = ? WHERE entry_id = ? AND expert_id = ?").bind(now, now, sub.entry_id, sub.expert_id),
      db.prepare("INSERT INTO competition_scores (entry_id, expert_id, criterion_id, score, comment, updated_at) VALUES (?, ?, ?, 6, 'Хорошо', ?)").bind(sub.entry_id, sub.expert_id, c.criterionIds[0], now),
      db.prepare("UPDATE competition_assignments SET status = 'draft', updated_at = ? WHERE entry_id = ? AND expert_id = ?").bind(now, dr.entry_id, dr.expert_id),
      db.prepare("INSERT INTO competition_scores (entry_id, expert_id, criterion_id, score, comment, updated_at) VALUES (?, ?, ?, 3, '', ?)").bind(dr.entry_id, dr.expert_id, c.criterionIds[0], now),
    ]);
    const existingBefore = await rows("SELECT * FROM competition_assignments WHERE competition_id = ? ORDER BY entry_id, expert_id", c.id);
    const scoresBefore = await rows("SELECT * FROM competition_scores ORDER BY entry_id, expert_id, criterion_id");
    // Late admissions and a late expert.
    const late = await seedEntries(c, [1, 2, 3].map(() => ({ nominationId: c.nominationIds[1], submittedBy: resident.user.id, city: "" })));
    const lateExpert = await signedIn(await createUser({ displayName: "Поздний эксперт" }));
    expect((await addExpert(admin, c, lateExpert.user.email)).status).toBe(201);
    // Undeclared, the late expert gets nothing yet.
    let r2 = (await (await run(admin, c)).json()) as RunBody;
    expect(r2.undeclared).toBe(1);
    expect(r2.perExpert.some((x) => x.expertId === lateExpert.user.id)).toBe(false);
    expect(r2.assigned).toHaveLength(6);
    // Declared now; a third late entry batch needs experts: the late expert (least loaded) takes most.
    expect((await declare(lateExpert, c, { city: "", conflicts: [] })).status).toBe(200);
    const later = await seedEntries(c, [1, 2].map(() => ({ nominationId: c.nominationIds[2], submittedBy: resident.user.id, city: "" })));
    r2 = (await (await run(admin, c)).json()) as RunBody;
    expect(r2.assigned).toHaveLength(4);
    expect(r2.assigned.filter((p) => p.expertId === lateExpert.user.id)).toHaveLength(2);
    expect(r2.assigned.every((p) => later.includes(p.entryId))).toBe(true);
    expect(await row("SELECT count(DISTINCT reason) AS n, min(reason) AS r FROM competition_assignments WHERE competition_id = ? AND entry_id IN (?, ?)", c.id, ...later)).toEqual({ n: 1, r: "rerun" });
    // Everything that existed is exactly as it was, scores too.
    const after = await rows<Record<string, unknown>>("SELECT * FROM competition_assignments WHERE competition_id = ? ORDER BY entry_id, expert_id", c.id);
    for (const a of existingBefore) expect(after).toContainEqual(a);
    expect(await rows("SELECT * FROM competition_scores WHERE entry_id IN (?, ?) ORDER BY entry_id, expert_id, criterion_id", sub.entry_id, dr.entry_id)).toEqual(
      scoresBefore.filter((s: any) => s.entry_id === sub.entry_id || s.entry_id === dr.entry_id),
    );
    for (const e of [...first, ...late, ...later]) expect(await count("competition_assignments", "entry_id = ?", e)).toBe(2);
    await expectCountersExact(c);
    expect(await row("SELECT submitted_count FROM competition_experts WHERE competition_id = ? AND user_id = ?", c.id, sub.expert_id)).toEqual({ submitted_count: 1 });
  });
});

describe("declaring conflicts", () => {
  it("a conflict on an assigned, unsubmitted entry withdraws it with its draft; the entry shows below the minimum; a submitted one is refused", async () => {
    const c = await competition({ stage: "evaluation" });
    const [a, b, d] = await seedEntries(c, [1, 2, 3].map((i) => ({ nominationId: c.nominationIds[0], submittedBy: resident.user.id, title: `Заявка ${i}` })));
    const expert = await signedIn(await createUser());
    const other = await createUser();
    await seedExpert(c, expert.user.id, admin.user.id);
    await seedExpert(c, other.id, admin.user.id);
    await seedAssignments(c, expert.user.id, [a, b, d], admin.user.id);
    await seedAssignments(c, other.id, [a, b, d], admin.user.id);
    const now = Date.now();
    await db.batch([
      db.prepare("UPDATE competition_assignments SET status = 'draft' WHERE entry_id = ? AND expert_id = ?").bind(a, expert.user.id),
      db.prepare("INSERT INTO competition_scores (entry_id, expert_id, criterion_id, score, comment, updated_at) VALUES (?, ?, ?, 5, '', ?)").bind(a, expert.user.id, c.criterionIds[0], now),
      db.prepare("UPDATE competition_assignments SET status = 'submitted', total = 50 WHERE entry_id = ? AND expert_id = ?").bind(d, expert.user.id),
      db.prepare("UPDATE competition_experts SET submitted_count = 1 WHERE competition_id = ? AND user_id = ?").bind(c.id, expert.user.id),
    ]);

    // The submitted one cannot be declared a conflict: 422 on that item, nothing written.
    const before = await snapshot(c);
    const refused = await expectProblem(await declare(expert, c, { city: "", conflicts: [{ entryId: a }, { entryId: d }] }), 422);
    expect(refused.errors).toEqual([expect.objectContaining({ field: "conflicts.1.entryId", code: "competitions.experts.field.alreadyScored" })]);
    const unknown = await expectProblem(await declare(expert, c, { city: "", conflicts: [{ entryId: crypto.randomUUID() }] }), 422);
    expect(unknown.errors?.[0].code).toBe("competitions.experts.field.unknownEntry");
    expect(await snapshot(c)).toEqual(before);

    const res = await declare(expert, c, { city: "Самара", conflicts: [{ entryId: a, reason: "Мой коллега в команде" }, { entryId: b }] });
    expect(res.status).toBe(200);
    expect((await res.json()) as { removedAssignments: string[] }).toMatchObject({ conflicts: 2, removedAssignments: expect.arrayContaining([a, b]) });
    expect(await count("competition_assignments", "expert_id = ? AND entry_id IN (?, ?)", expert.user.id, a, b)).toBe(0);
    expect(await count("competition_scores", "expert_id = ? AND entry_id = ?", expert.user.id, a)).toBe(0);
    expect(await row("SELECT city, assigned_count, submitted_count FROM competition_experts WHERE competition_id = ? AND user_id = ?", c.id, expert.user.id)).toEqual({ city: "Самара", assigned_count: 1, submitted_count: 1 });
    expect(await count("competition_assignments", "expert_id = ?", other.id)).toBe(3);
    await expectCountersExact(c);
    expect(await count("audit_log", "action = 'competition.conflicts.declare' AND actor_id = ?", expert.user.id)).toBe(1);

    // The organiser sees the entries now below the minimum.
    const ev = (await (await admin.api(`/competitions/${c.id}/evaluation`)).json()) as { belowMinimum: { entryId: string; assigned: number }[] };
    expect(ev.belowMinimum.map((e) => [e.entryId, e.assigned]).sort()).toEqual([[a, 1], [b, 1]].sort());
    const html = await (await admin.fetch(`/competitions/${c.id}/evaluation`)).text();
    expect(html).toContain("Заявки, которым не хватает экспертов (2)");

    // Dropping a conflict keeps nothing assigned (a re-run tops it up), and the declaration is replaced.
    expect((await declare(expert, c, { city: "Самара", conflicts: [{ entryId: b }] })).status).toBe(200);
    expect(await rows("SELECT entry_id FROM competition_conflicts WHERE expert_id = ?", expert.user.id)).toEqual([{ entry_id: b }]);
    // The re-run tops a up with the expert again (no longer a conflict); b gets nobody (the only other expert is on it).
    const r = (await (await run(admin, c)).json()) as RunBody;
    expect(r.assigned).toEqual([{ entryId: a, expertId: expert.user.id }]);
    expect(r.short.map((s) => s.entryId)).toEqual([b]);
  });

  it("until the evaluation ends (409 after), and not for a non-expert", async () => {
    const c = await competition({ stage: "voting" });
    const expert = await signedIn(await createUser());
    await seedExpert(c, expert.user.id, admin.user.id, { declared: false });
    await expectProblem(await declare(expert, c, { city: "", conflicts: [] }), 409);
    expect(await row("SELECT declared_at FROM competition_experts WHERE competition_id = ? AND user_id = ?", c.id, expert.user.id)).toEqual({ declared_at: null });
    const tooMany = await expectProblem(
      await declare(expert, c, { city: "", conflicts: Array.from({ length: 301 }, () => ({ entryId: crypto.randomUUID() })) }),
      422,
    );
    expect(tooMany.errors?.[0]).toMatchObject({ field: "conflicts", code: "competitions.experts.field.tooManyConflicts" });
  });
});

describe("a further expert on a flagged entry", () => {
  it("adds an eligible expert with reason 'flag' and notifies them; refuses each conflict and the unflagged", async () => {
    const c = await competition({ stage: "evaluation" });
    const [flagged, plain] = await seedEntries(c, [
      { nominationId: c.nominationIds[0], submittedBy: resident.user.id, city: "Пермь" },
      { nominationId: c.nominationIds[0], submittedBy: resident.user.id, city: "Пермь" },
    ]);
    await db.prepare("UPDATE competition_entries SET flagged = 1, jury_score = 55, jury_spread = 30, jury_experts = 2 WHERE id = ?").bind(flagged).run();
    const onIt = await createUser();
    const fromPerm = await createUser();
    const free = await createUser({ displayName: "Свободный эксперт" });
    const undeclared = await createUser();
    for (const u of [onIt, free]) await seedExpert(c, u.id, admin.user.id);
    await seedExpert(c, fromPerm.id, admin.user.id, { city: "пермь" });
    await seedExpert(c, undeclared.id, admin.user.id, { declared: false });
    await seedAssignments(c, onIt.id, [flagged], admin.user.id);

    // The evaluation page offers only the free expert.
    const ev = (await (await admin.api(`/competitions/${c.id}/evaluation`)).json()) as { flagged: { entryId: string; eligible: { userId: string }[] }[] };
    expect(ev.flagged).toHaveLength(1);
    expect(ev.flagged[0].eligible.map((x) => x.userId)).toEqual([free.id]);

    const add = (entryId: string, expertId: string) => admin.api(`/competitions/${c.id}/assignments/flagged`, { json: { entryId, expertId } });
    const before = await snapshot(c);
    expect((await expectProblem(await add(flagged, fromPerm.id), 422)).errors?.[0].code).toBe("competitions.experts.field.conflict.city");
    expect((await expectProblem(await add(flagged, onIt.id), 422)).errors?.[0].code).toBe("competitions.experts.field.alreadyAssigned");
    expect((await expectProblem(await add(flagged, undeclared.id), 422)).errors?.[0].code).toBe("competitions.experts.field.notDeclared");
    expect((await expectProblem(await add(plain, free.id), 422)).errors?.[0]).toMatchObject({ field: "entryId", code: "competitions.experts.field.notFlagged" });
    expect((await expectProblem(await add(flagged, resident.user.id), 422)).errors?.[0].code).toBe("competitions.experts.field.unknownExpert");
    expect(await snapshot(c)).toEqual(before);

    const res = await add(flagged, free.id);
    expect(res.status).toBe(201);
    expect(await row("SELECT reason, status FROM competition_assignments WHERE entry_id = ? AND expert_id = ?", flagged, free.id)).toEqual({ reason: "flag", status: "assigned" });
    expect(await row("SELECT assigned_count FROM competition_experts WHERE competition_id = ? AND user_id = ?", c.id, free.id)).toEqual({ assigned_count: 1 });
    const note = await row<{ params: string }>("SELECT params FROM notifications WHERE user_id = ? AND kind = 'expert_assignment'", free.id);
    expect(JSON.parse(note!.params)).toEqual({ title: "Город, где хочется жить", count: 1 });
    expect(await count("audit_log", "action = 'competition.assignment.flag' AND object_id = ?", flagged)).toBe(1);

    // Not during voting.
    await setStage(c.id, "voting");
    await expectProblem(await add(flagged, fromPerm.id), 409);
  });
});

describe("the pages", () => {
  it("the organiser adds an expert and runs the assignment through forms; errors come back readable", async () => {
    const c = await competition({ stage: "check" });
    await seedEntries(c, [{ nominationId: c.nominationIds[0], submittedBy: resident.user.id, title: "Дворы <script>alert(1)</script>" }]);
    const e = await signedIn(await createUser({ displayName: "Мария <b>Экспертова</b>", city: "Казань" }));
    let res = await admin.fetch(`/competitions/${c.id}/experts`);
    expect(res.status).toBe(200);
    let html = await res.text();
    expect(html).toContain("Добавить эксперта");
    expect(html).toContain("Распределить заявки");

    res = await admin.fetch(`/competitions/${c.id}/experts`, { form: { email: "nobody@example.ru", city: "" } });
    expect(res.status).toBe(422);
    html = await res.text();
    expect(html).toContain("Учётной записи с таким адресом нет");
    expect(html).toContain('href="#f-email"');

    res = await admin.fetch(`/competitions/${c.id}/experts`, { form: { email: e.user.email, city: "" } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("done=competitions.experts.done.added");
    html = await (await admin.fetch(res.headers.get("location")!)).text();
    expect(html).toContain("Мария &lt;b>Экспертова&lt;/b>");
    expect(html).not.toContain("<b>Экспертова");
    expect(html).toContain("Казань");

    // The expert declares through the form (city confirmed, "no conflicts").
    res = await e.fetch(`/competitions/${c.id}/conflicts`);
    expect(res.status).toBe(200);
    html = await res.text();
    expect(html).toContain("Дворы &lt;script>");
    expect(html).not.toContain("<script>alert(1)</script>");
    const entryId = (await rows<{ id: string }>("SELECT id FROM competition_entries WHERE competition_id = ?", c.id))[0].id;
    // Ticking an entry and pressing "no conflicts" is a contradiction, told on the page.
    res = await e.fetch(`/competitions/${c.id}/conflicts`, { form: { city: "Казань", entry: entryId, action: "none" } });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Снимите отметки");
    res = await e.fetch(`/competitions/${c.id}/conflicts`, { form: { city: "Казань", action: "none" } });
    expect(res.status).toBe(303);
    expect(await row("SELECT city, declared_at IS NOT NULL AS d FROM competition_experts WHERE user_id = ?", e.user.id)).toEqual({ city: "Казань", d: 1 });

    res = await admin.fetch(`/competitions/${c.id}/assignments`, { form: {} });
    expect(res.status).toBe(200);
    html = await res.text();
    expect(html).toContain("Результат распределения");
    // min 2, one expert: the entry is short.
    expect(html).toContain("недостаточно экспертов без конфликта интересов");
    expect(await count("competition_assignments", "competition_id = ?", c.id)).toBe(1);

    // A run refused by the stage comes back as a message on the page.
    await setStage(c.id, "voting");
    res = await admin.fetch(`/competitions/${c.id}/assignments`, { form: {} });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("только на этапах проверки заявок и экспертной оценки");

    // The evaluation page, in English too.
    res = await admin.fetch(`/competitions/${c.id}/evaluation`, { headers: { "accept-language": "en" } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/Expert evaluation progress|Ход экспертной оценки/);
  });

  it("the declaration form ticks an entry with a reason, and a declared conflict shows ticked", async () => {
    const c = await competition({ stage: "entry" });
    const [entryId] = await seedEntries(c, [{ nominationId: c.nominationIds[0], submittedBy: resident.user.id, title: "Сквер у школы" }]);
    const e = await signedIn(await createUser());
    await seedExpert(c, e.user.id, admin.user.id, { declared: false });
    let res = await e.fetch(`/competitions/${c.id}/conflicts`, { form: { city: "", entry: entryId, [`reason-${entryId}`]: "Я автор идеи", action: "save" } });
    expect(res.status).toBe(303);
    expect(await row("SELECT reason FROM competition_conflicts WHERE expert_id = ? AND entry_id = ?", e.user.id, entryId)).toEqual({ reason: "Я автор идеи" });
    res = await e.fetch(`/competitions/${c.id}/conflicts?done=competitions.experts.done.declared`);
    const html = await res.text();
    expect(html).toContain("Декларация сохранена");
    expect(html).toMatch(new RegExp(`id="c-${entryId}"[^>]*checked|checked[^>]*id="c-${entryId}"`));
    expect(html).toContain('value="Я автор идеи"');
  });

  it("a long evaluation list pages by key", async () => {
    const c = await competition({ stage: "evaluation" });
    await seedEntries(c, Array.from({ length: 60 }, (_, i) => ({ nominationId: c.nominationIds[0], submittedBy: resident.user.id, title: `Практика №${i}` })));
    const p1 = (await (await admin.api(`/competitions/${c.id}/evaluation`)).json()) as { entries: { entryId: string }[]; next: string | null };
    expect(p1.entries).toHaveLength(50);
    expect(p1.next).not.toBeNull();
    const p2 = (await (await admin.api(`/competitions/${c.id}/evaluation?after=${p1.next}`)).json()) as { entries: { entryId: string }[]; next: string | null };
    expect(p2.entries).toHaveLength(10);
    expect(p2.next).toBeNull();
    expect(new Set([...p1.entries, ...p2.entries].map((e) => e.entryId)).size).toBe(60);
    const html = await (await admin.fetch(`/competitions/${c.id}/evaluation?after=${p1.next}`)).text();
    expect(html).toContain("К началу списка");
  });
});
