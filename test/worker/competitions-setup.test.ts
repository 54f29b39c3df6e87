import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { epochToMoscowLocal } from "../../worker/consultations/window";
import { advanceStages, onStageChanged, STAGE_HOOKS, type StageHook } from "../../worker/competitions/cron";
import { setupGuard, isSetupAborted } from "../../worker/competitions/setup/data";
import { makeDb } from "../../worker/db/client";
import worker from "../../worker/index";
import { Browser } from "./client";
import { HOUR, seedCompetition, seedExpert, setInstant, setStage, timesFor } from "./competition-fixtures";
import { count, createOrganiser, db, expectProblem, grantRole, newActor, row, rows, type TestUser } from "./fixtures";

/**
 * The setup of competitions through its API and pages, on the real local D1: create and edit, the
 * nominations and criteria, publishing; who may; every limit at its edge; nothing written by a
 * refused request; the list and the competition page; the stage cron.
 */

type Actor = Browser & { user: TestUser };
let org: string;
let org2: string;
let otherOrg: string;
let admin: Actor;
let twoOrgAdmin: Actor;
let otherAdmin: Actor;
let moderator: Actor;
let resident: Actor;
const anonymous = new Browser();

beforeAll(async () => {
  [org, org2, otherOrg] = await Promise.all([createOrganiser(), createOrganiser(), createOrganiser()]);
  [admin, twoOrgAdmin, otherAdmin, moderator, resident] = await Promise.all([newActor(), newActor(), newActor(), newActor(), newActor()]);
  await grantRole(admin.user.id, "organiser_admin", org);
  await grantRole(twoOrgAdmin.user.id, "organiser_admin", org);
  await grantRole(twoOrgAdmin.user.id, "organiser_admin", org2);
  await grantRole(otherAdmin.user.id, "organiser_admin", otherOrg);
  await grantRole(moderator.user.id, "moderator", org);
});

const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
/** Instants a week ahead, each stage a week long (whole minutes, so the Moscow form round-trips). */
function futureTimes(start = Math.ceil((Date.now() + 7 * DAY) / 60_000) * 60_000) {
  return { entryOpensAt: start, entryClosesAt: start + 7 * DAY, checkClosesAt: start + 14 * DAY, evaluationClosesAt: start + 21 * DAY, votingClosesAt: start + 28 * DAY };
}
const isoTimes = (t: ReturnType<typeof futureTimes>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, iso(v)]));

const input = (over: Record<string, unknown> = {}) => ({
  organiserId: org,
  title: "Город, где хочется жить",
  summary: "Смотр-конкурс лучших практик городов СНГ и ЕАЭС.",
  rulesText: "1. Общие положения.\n2. Номинации.",
  eligibility: ["administration", "nko"],
  ...isoTimes(futureTimes()),
  ...over,
});

async function create(over: Record<string, unknown> = {}, by: Actor = admin) {
  const res = await by.api("/competitions", { json: input(over) });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const nomination = async (id: string, title = "Комфортная городская среда", by: Actor = admin) => {
  const res = await by.api(`/competitions/${id}/nominations`, { json: { title } });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
};
const CRITERION = { name: "Социальная значимость", weight: 40, scaleMin: 0, scaleMax: 10, levels: [{ score: 0, text: "Не соответствует" }, { score: 10, text: "Полностью соответствует" }], commentBelow: 3 };
const criterion = async (id: string, over: Record<string, unknown> = {}, by: Actor = admin) => {
  const res = await by.api(`/competitions/${id}/criteria`, { json: { ...CRITERION, ...over } });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
};
/** A draft ready to publish. */
async function ready(over: Record<string, unknown> = {}) {
  const id = await create(over);
  await nomination(id);
  await criterion(id);
  return id;
}

type CompetitionDb = Record<string, unknown> & { status: string; stage: string; published_at: number | null };
const competition = (id: string) => row<CompetitionDb>("SELECT * FROM competitions WHERE id = ?", id);
const audits = (id: string, action?: string) => count("audit_log", action ? "object_id = ? AND action = ?" : "object_id = ?", ...(action ? [id, action] : [id]));
/** Everything a refused request must leave as it was. */
const snapshot = async (id: string) => ({
  competition: await competition(id),
  nominations: await rows("SELECT * FROM competition_nominations WHERE competition_id = ? ORDER BY position", id),
  criteria: await rows("SELECT * FROM competition_criteria WHERE competition_id = ? ORDER BY position", id),
  audit: await audits(id),
});
const totals = async () => ({ competitions: await count("competitions"), nominations: await count("competition_nominations"), criteria: await count("competition_criteria"), audit: await count("audit_log") });

describe("creating a competition", () => {
  it("writes a draft with the given settings and the schema's defaults, and its audit record", async () => {
    const id = await create();
    const c = (await competition(id))!;
    expect(c).toMatchObject({ organiser_id: org, status: "draft", stage: "announced", title: "Город, где хочется жить", created_by: admin.user.id, published_at: null, entry_limit: 1, min_experts: 3, precision: 2, jury_weight: 70, public_weight: 30, winners: 1 });
    expect(JSON.parse(c.eligibility as string)).toEqual(["administration", "nko"]);
    expect(JSON.parse(c.tie_break as string)).toEqual(["jury", "public", "earlier"]);
    expect(await audits(id, "competition.create")).toBe(1);
    const view = (await (await admin.api(`/competitions/${id}`)).json()) as Record<string, unknown>;
    expect(view).toMatchObject({ id, status: "draft", stage: "announced", editable: true, nominations: [], criteria: [] });
  });

  it("an admin of several organisers chooses which; an organiser they do not run is a field problem; nothing written", async () => {
    const a = await create({ organiserId: org2 }, twoOrgAdmin);
    expect((await competition(a))!.organiser_id).toBe(org2);
    const before = await totals();
    const p = await expectProblem(await twoOrgAdmin.api("/competitions", { json: input({ organiserId: otherOrg }) }), 422);
    expect(p.errors).toEqual([expect.objectContaining({ field: "organiserId", code: "competitions.setup.field.notYourOrganiser" })]);
    expect(await totals()).toEqual(before);
  });

  it("moderators, residents and other organisers' admins may not create (403), anonymous 401; nothing written", async () => {
    const before = await totals();
    for (const b of [moderator, resident]) await expectProblem(await b.api("/competitions", { json: input() }), 403);
    await expectProblem(await otherAdmin.api("/competitions", { json: input() }), 422);
    await expectProblem(await anonymous.api("/competitions", { json: input() }), 401);
    expect(await totals()).toEqual(before);
  });

  const t = futureTimes();
  const cases: [string, Record<string, unknown>, string, string][] = [
    ["empty title", { title: "  " }, "title", "field.required"],
    ["title over 300", { title: "Т".repeat(301) }, "title", "field.tooLong"],
    ["summary over 1000", { summary: "с".repeat(1001) }, "summary", "field.tooLong"],
    ["rules over 20 000", { rulesText: "п".repeat(20_001) }, "rulesText", "field.tooLong"],
    ["no eligibility", { eligibility: [] }, "eligibility", "competitions.setup.field.eligibility"],
    ["repeated eligibility", { eligibility: ["nko", "nko"] }, "eligibility", "competitions.setup.field.eligibility"],
    ["unknown entrant kind", { eligibility: ["alien"] }, "eligibility.0", "field.invalidChoice"],
    ["entry limit 0", { entryLimit: 0 }, "entryLimit", "competitions.setup.field.atLeast"],
    ["entry limit 21", { entryLimit: 21 }, "entryLimit", "competitions.setup.field.atMost"],
    ["entry limit 1.5", { entryLimit: 1.5 }, "entryLimit", "competitions.setup.field.whole"],
    ["entry limit as text", { entryLimit: "два" }, "entryLimit", "competitions.setup.field.number"],
    ["min experts 0", { minExperts: 0 }, "minExperts", "competitions.setup.field.atLeast"],
    ["min experts 11", { minExperts: 11 }, "minExperts", "competitions.setup.field.atMost"],
    ["spread −1", { spreadThreshold: -1 }, "spreadThreshold", "competitions.setup.field.atLeast"],
    ["spread 100.5", { spreadThreshold: 100.5 }, "spreadThreshold", "competitions.setup.field.atMost"],
    ["spread 12.25", { spreadThreshold: 12.25 }, "spreadThreshold", "competitions.setup.field.oneDecimal"],
    ["precision 5", { precision: 5 }, "precision", "competitions.setup.field.atMost"],
    ["winners 0", { winners: 0 }, "winners", "competitions.setup.field.atLeast"],
    ["winners 11", { winners: 11 }, "winners", "competitions.setup.field.atMost"],
    ["jury weight 101", { juryWeight: 101, publicWeight: 0 }, "juryWeight", "competitions.setup.field.atMost"],
    ["weights 60 + 30", { juryWeight: 60, publicWeight: 30 }, "publicWeight", "competitions.setup.field.weightsSum"],
    ["unknown normalisation", { juryNormalisation: "median" }, "juryNormalisation", "field.invalidChoice"],
    ["repeated tie-break", { tieBreak: ["jury", "jury", "earlier"] }, "tieBreak.1", "competitions.setup.field.tieBreakRepeated"],
    ["two tie-breaks", { tieBreak: ["jury", "public"] }, "tieBreak", "competitions.setup.field.tieBreak"],
    ["instant without offset", { entryOpensAt: "2027-05-01T10:00" }, "entryOpensAt", "competitions.setup.field.instant"],
    ["entries close when they open", { entryClosesAt: iso(t.entryOpensAt) }, "entryClosesAt", "competitions.setup.field.stageOrder"],
    ["a 59-minute check", { checkClosesAt: iso(t.entryClosesAt + 59 * 60_000) }, "checkClosesAt", "competitions.setup.field.stageTooShort"],
    ["voting before evaluation ends", { votingClosesAt: iso(t.evaluationClosesAt - HOUR) }, "votingClosesAt", "competitions.setup.field.stageOrder"],
    ["longer than two years", { votingClosesAt: iso(t.entryOpensAt + 732 * DAY) }, "votingClosesAt", "competitions.setup.field.stageTooLong"],
  ];
  it.each(cases)("refuses %s with problem+json naming the field; nothing written", async (_name, over, field, code) => {
    const before = await totals();
    const body = input({ ...isoTimes(t), ...over });
    const p = await expectProblem(await admin.api("/competitions", { json: body }), 422);
    expect(p.errors, JSON.stringify(p.errors)).toContainEqual(expect.objectContaining({ field, code }));
    for (const e of p.errors!) expect(e.reason).not.toBe(e.code);
    expect(await totals()).toEqual(before);
  });

  it("accepts every limit at its edge", async () => {
    const start = futureTimes().entryOpensAt;
    const id = await create({
      title: "Т".repeat(300),
      summary: "с".repeat(1000),
      rulesText: "п".repeat(20_000),
      eligibility: ["resident", "nko", "tos", "administration", "other"],
      entryLimit: 20,
      minExperts: 10,
      spreadThreshold: 100,
      precision: 4,
      winners: 10,
      juryWeight: 100,
      publicWeight: 0,
      // Each stage exactly an hour.
      entryOpensAt: iso(start),
      entryClosesAt: iso(start + HOUR),
      checkClosesAt: iso(start + 2 * HOUR),
      evaluationClosesAt: iso(start + 3 * HOUR),
      votingClosesAt: iso(start + 4 * HOUR),
    });
    expect(await competition(id)).toMatchObject({ entry_limit: 20, min_experts: 10, spread_threshold: 100, precision: 4, winners: 10, jury_weight: 100, public_weight: 0 });
    const low = await create({ entryLimit: 1, minExperts: 1, spreadThreshold: 0, precision: 0, winners: 1, juryWeight: 0, publicWeight: 100, votingClosesAt: iso(start + 731 * DAY) });
    expect(await competition(low)).toMatchObject({ entry_limit: 1, min_experts: 1, spread_threshold: 0, precision: 0, winners: 1, jury_weight: 0, public_weight: 100 });
    await create({ spreadThreshold: 12.5 });
  });
});

describe("editing a competition", () => {
  it("changes the given fields, checks the merged setup, and records which fields changed", async () => {
    const id = await create();
    const res = await admin.api(`/competitions/${id}`, { method: "PATCH", json: { title: "Новое название", juryWeight: 60, publicWeight: 40, tieBreak: ["public", "earlier", "jury"] } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { changed: string[] }).changed.sort()).toEqual(["juryWeight", "publicWeight", "tieBreak", "title"]);
    const c = (await competition(id))!;
    expect(c).toMatchObject({ title: "Новое название", jury_weight: 60, public_weight: 40 });
    expect(JSON.parse(c.tie_break as string)).toEqual(["public", "earlier", "jury"]);
    const [a] = await rows<{ details: string; actor_id: string }>("SELECT details, actor_id FROM audit_log WHERE object_id = ? AND action = 'competition.update'", id);
    expect(JSON.parse(a.details).fields.sort()).toEqual(["juryWeight", "publicWeight", "tieBreak", "title"]);
    expect(a.actor_id).toBe(admin.user.id);

    // The weights are checked together with the stored one; nothing written.
    const before = await snapshot(id);
    const p = await expectProblem(await admin.api(`/competitions/${id}`, { method: "PATCH", json: { juryWeight: 70 } }), 422);
    expect(p.errors).toEqual([expect.objectContaining({ field: "publicWeight", code: "competitions.setup.field.weightsSum" })]);
    // So are the instants.
    const p2 = await expectProblem(await admin.api(`/competitions/${id}`, { method: "PATCH", json: { entryClosesAt: iso(Number(before.competition!.entry_opens_at) + 30 * 60_000) } }), 422);
    expect(p2.errors).toEqual([expect.objectContaining({ field: "entryClosesAt", code: "competitions.setup.field.stageTooShort" })]);
    // An unchanged patch writes nothing (no audit record either).
    expect((await admin.api(`/competitions/${id}`, { method: "PATCH", json: { title: "Новое название" } })).status).toBe(200);
    expect(await snapshot(id)).toEqual(before);
  });

  it("a draft is the organiser's admins' only: others get 404 and change nothing; anonymous 401", async () => {
    const id = await ready();
    const before = await snapshot(id);
    for (const b of [otherAdmin, moderator, resident]) {
      await expectProblem(await b.api(`/competitions/${id}`), 404);
      await expectProblem(await b.api(`/competitions/${id}`, { method: "PATCH", json: { title: "Чужое" } }), 404);
      await expectProblem(await b.api(`/competitions/${id}/nominations`, { json: { title: "Чужая" } }), 404);
      await expectProblem(await b.api(`/competitions/${id}/publish`, { method: "POST" }), 404);
      expect((await b.fetch(`/competitions/${id}`)).status).toBe(404);
      expect((await b.fetch(`/competitions/${id}/edit`)).status).toBe(404);
    }
    await expectProblem(await anonymous.api(`/competitions/${id}`), 404);
    await expectProblem(await anonymous.api(`/competitions/${id}`, { method: "PATCH", json: { title: "Чужое" } }), 401);
    expect((await anonymous.fetch(`/competitions/${id}`)).status).toBe(404);
    expect(await snapshot(id)).toEqual(before);
  });

  it("a published competition: others may read it but not change it (403)", async () => {
    const c = await seedCompetition({ organiserId: org, createdBy: admin.user.id, stage: "announced" });
    const before = await snapshot(c.id);
    for (const b of [otherAdmin, moderator, resident]) {
      expect((await b.api(`/competitions/${c.id}`)).status).toBe(200);
      await expectProblem(await b.api(`/competitions/${c.id}`, { method: "PATCH", json: { title: "Чужое" } }), 403);
      await expectProblem(await b.api(`/competitions/${c.id}/nominations/${c.nominationIds[0]}`, { method: "DELETE" }), 403);
      await expectProblem(await b.api(`/competitions/${c.id}/criteria/${c.criterionIds[0]}`, { method: "PATCH", json: { weight: 1 } }), 403);
      expect((await b.fetch(`/competitions/${c.id}/edit`)).status).toBe(403);
    }
    expect(await snapshot(c.id)).toEqual(before);
  });

  it("a published competition still announced may change; new instants move its cached stage", async () => {
    const c = await seedCompetition({ organiserId: org, createdBy: admin.user.id, stage: "announced" });
    expect((await admin.api(`/competitions/${c.id}`, { method: "PATCH", json: { summary: "Уточнено" } })).status).toBe(200);
    expect((await admin.api(`/competitions/${c.id}/nominations`, { json: { title: "Ещё одна" } })).status).toBe(201);
    // Opening entries early (now) is allowed while announced; the stage follows at once.
    const now = Date.now();
    const res = await admin.api(`/competitions/${c.id}`, { method: "PATCH", json: { entryOpensAt: iso(now - 60_000) } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await competition(c.id))!.stage).toBe("entry");
    // …and from then on the setup is frozen.
    await expectProblem(await admin.api(`/competitions/${c.id}`, { method: "PATCH", json: { summary: "Поздно" } }), 409);
  });

  it("a published competition's entries must still close in the future", async () => {
    const c = await seedCompetition({ organiserId: org, createdBy: admin.user.id, stage: "announced" });
    const t = timesFor("announced");
    const p = await expectProblem(await admin.api(`/competitions/${c.id}`, { method: "PATCH", json: { entryOpensAt: iso(Date.now() - 3 * HOUR), entryClosesAt: iso(Date.now() - HOUR), checkClosesAt: iso(t.checkClosesAt) } }), 422);
    expect(p.errors).toEqual([expect.objectContaining({ field: "entryClosesAt", code: "competitions.setup.field.entryClosedPast" })]);
  });

  it.each(["entry", "check", "evaluation", "voting", "results"] as const)("refuses every setup change once entries opened (stage %s): 409 with the reason, nothing changed", async (stage) => {
    const c = await seedCompetition({ organiserId: org, createdBy: admin.user.id, stage });
    const before = await snapshot(c.id);
    const n = c.nominationIds[0];
    const k = c.criterionIds[0];
    const attempts: [string, RequestInit & { json?: unknown }][] = [
      [`/competitions/${c.id}`, { method: "PATCH", json: { title: "Поздно" } }],
      [`/competitions/${c.id}/nominations`, { json: { title: "Поздно" } }],
      [`/competitions/${c.id}/nominations/${n}`, { method: "PATCH", json: { title: "Поздно" } }],
      [`/competitions/${c.id}/nominations/${n}`, { method: "DELETE" }],
      [`/competitions/${c.id}/nominations/${n}/move`, { json: { direction: "down" } }],
      [`/competitions/${c.id}/criteria`, { json: CRITERION }],
      [`/competitions/${c.id}/criteria/${k}`, { method: "PATCH", json: { weight: 1 } }],
      [`/competitions/${c.id}/criteria/${k}`, { method: "DELETE" }],
      [`/competitions/${c.id}/criteria/${k}/move`, { json: { direction: "down" } }],
    ];
    for (const [path, init] of attempts) {
      const p = await expectProblem(await admin.api(path, init), 409);
      expect(p.title).toMatch(/Приём заявок уже начался/);
    }
    expect(await snapshot(c.id)).toEqual(before);
    expect(((await (await admin.api(`/competitions/${c.id}`)).json()) as { editable: boolean }).editable).toBe(false);
  });

  it("at the instant entries open the setup is frozen, decided by the write itself", async () => {
    const c = await seedCompetition({ organiserId: org, createdBy: admin.user.id, stage: "announced" });
    const opens = Date.now() + HOUR;
    await setInstant(c.id, "entry_opens_at", opens);
    const d = makeDb((env as any).DB);
    // One millisecond before: the guard lets the batch through; at the instant: the batch is refused.
    await d.batch([setupGuard(d, c.id, opens - 1)]);
    const err = await d.batch([setupGuard(d, c.id, opens)]).catch((e) => e);
    expect(isSetupAborted(err)).toBe(true);
    expect((await competition(c.id))!.status).toBe("published");
    // Through the API: one millisecond after opening is too late.
    await setInstant(c.id, "entry_opens_at", Date.now() - 1);
    await expectProblem(await admin.api(`/competitions/${c.id}`, { method: "PATCH", json: { title: "Поздно" } }), 409);
  });
});

describe("nominations", () => {
  it("are added at the end, edited, moved and deleted, each with an audit record", async () => {
    const id = await create();
    const a = await nomination(id, "Комфортная городская среда");
    const b = await nomination(id, "Город соседей");
    const c = await nomination(id, "Открытый муниципалитет");
    const order = async () => (await rows<{ id: string }>("SELECT id FROM competition_nominations WHERE competition_id = ? ORDER BY position", id)).map((r) => r.id);
    expect(await order()).toEqual([a, b, c]);
    expect((await admin.api(`/competitions/${id}/nominations/${c}/move`, { json: { direction: "up" } })).status).toBe(200);
    expect(await order()).toEqual([a, c, b]);
    expect((await admin.api(`/competitions/${id}/nominations/${a}/move`, { json: { direction: "down" } })).status).toBe(200);
    expect(await order()).toEqual([c, a, b]);
    const edge = await expectProblem(await admin.api(`/competitions/${id}/nominations/${c}/move`, { json: { direction: "up" } }), 422);
    expect(edge.errors).toEqual([expect.objectContaining({ field: "direction", code: "competitions.setup.field.alreadyFirst" })]);
    expect((await admin.api(`/competitions/${id}/nominations/${a}`, { method: "PATCH", json: { title: "Комфортная среда", description: "Дворы и улицы" } })).status).toBe(200);
    expect(await row("SELECT title, description FROM competition_nominations WHERE id = ?", a)).toEqual({ title: "Комфортная среда", description: "Дворы и улицы" });
    expect((await admin.api(`/competitions/${id}/nominations/${b}`, { method: "DELETE" })).status).toBe(200);
    expect(await order()).toEqual([c, a]);
    const list = (await (await admin.api(`/competitions/${id}/nominations`)).json()) as { items: { id: string; entryCount: number }[] };
    expect(list.items.map((x) => x.id)).toEqual([c, a]);
    expect(await audits(id, "competition.nomination.add")).toBe(3);
    expect(await audits(id, "competition.nomination.move")).toBe(2);
    expect(await audits(id, "competition.nomination.update")).toBe(1);
    expect(await audits(id, "competition.nomination.delete")).toBe(1);
  });

  it("limits: title 1–200, description up to 2000, at most 20; a nomination of another competition is 404", async () => {
    const id = await create();
    await nomination(id, "Н".repeat(200));
    const before = await snapshot(id);
    for (const [body, field, code] of [
      [{ title: "" }, "title", "field.required"],
      [{ title: "Н".repeat(201) }, "title", "field.tooLong"],
      [{ title: "Номинация", description: "о".repeat(2001) }, "description", "field.tooLong"],
    ] as const) {
      const p = await expectProblem(await admin.api(`/competitions/${id}/nominations`, { json: body }), 422);
      expect(p.errors).toEqual([expect.objectContaining({ field, code })]);
    }
    expect(await snapshot(id)).toEqual(before);
    expect((await admin.api(`/competitions/${id}/nominations`, { json: { title: "Номинация", description: "о".repeat(2000) } })).status).toBe(201);
    for (let i = 2; i < 20; i++) await nomination(id, `Номинация ${i}`);
    expect(await count("competition_nominations", "competition_id = ?", id)).toBe(20);
    const full = await snapshot(id);
    const p = await expectProblem(await admin.api(`/competitions/${id}/nominations`, { json: { title: "Двадцать первая" } }), 409);
    expect(p.title).toMatch(/не больше 20 номинаций/);
    expect(await snapshot(id)).toEqual(full);

    const other = await create();
    const foreign = await nomination(other);
    await expectProblem(await admin.api(`/competitions/${id}/nominations/${foreign}`, { method: "PATCH", json: { title: "Чужая" } }), 404);
    await expectProblem(await admin.api(`/competitions/${id}/nominations/${foreign}`, { method: "DELETE" }), 404);
    expect(await count("competition_nominations", "id = ?", foreign)).toBe(1);
  });

  it("a published competition keeps its last nomination and criterion", async () => {
    const c = await seedCompetition({ organiserId: org, createdBy: admin.user.id, stage: "announced", nominations: ["Единственная"], criteria: [{ name: "Один", weight: 100, min: 0, max: 10, commentBelow: null }] });
    await expectProblem(await admin.api(`/competitions/${c.id}/nominations/${c.nominationIds[0]}`, { method: "DELETE" }), 409);
    await expectProblem(await admin.api(`/competitions/${c.id}/criteria/${c.criterionIds[0]}`, { method: "DELETE" }), 409);
    expect(await count("competition_nominations", "competition_id = ?", c.id)).toBe(1);
    expect(await count("competition_criteria", "competition_id = ?", c.id)).toBe(1);
  });
});

describe("criteria", () => {
  it("are added with their scale, level descriptions (sorted) and comment threshold; edited and moved", async () => {
    const id = await create();
    const a = await criterion(id, { levels: [{ score: 10, text: "Полностью" }, { score: 0, text: "Нет" }, { score: 5, text: "Частично" }] });
    const stored = (await row<{ levels: string; comment_below: number; scale_max: number }>("SELECT levels, comment_below, scale_max FROM competition_criteria WHERE id = ?", a))!;
    expect(JSON.parse(stored.levels).map((l: { score: number }) => l.score)).toEqual([0, 5, 10]);
    expect(stored.comment_below).toBe(3);
    const b = await criterion(id, { name: "Тиражируемость", weight: 25, scaleMin: 1, scaleMax: 5, levels: [], commentBelow: null });
    expect((await admin.api(`/competitions/${id}/criteria/${b}/move`, { json: { direction: "up" } })).status).toBe(200);
    expect((await rows<{ id: string }>("SELECT id FROM competition_criteria WHERE competition_id = ? ORDER BY position", id)).map((r) => r.id)).toEqual([b, a]);
    expect((await admin.api(`/competitions/${id}/criteria/${a}`, { method: "PATCH", json: { scaleMax: 100, weight: 100 } })).status).toBe(200);
    expect(await row("SELECT scale_max, weight FROM competition_criteria WHERE id = ?", a)).toEqual({ scale_max: 100, weight: 100 });
    expect(await audits(id, "competition.criterion.add")).toBe(2);
    expect(await audits(id, "competition.criterion.update")).toBe(1);
  });

  it("refuses each bad field with the reason; nothing written", async () => {
    const id = await create();
    const k = await criterion(id);
    const before = await snapshot(id);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: "" }, "name", "field.required"],
      [{ name: "К".repeat(201) }, "name", "field.tooLong"],
      [{ description: "о".repeat(2001) }, "description", "field.tooLong"],
      [{ weight: 0 }, "weight", "competitions.setup.field.atLeast"],
      [{ weight: 101 }, "weight", "competitions.setup.field.atMost"],
      [{ scaleMin: -1 }, "scaleMin", "competitions.setup.field.atLeast"],
      [{ scaleMax: 101 }, "scaleMax", "competitions.setup.field.atMost"],
      [{ scaleMin: 5, scaleMax: 5, levels: [], commentBelow: null }, "scaleMax", "competitions.setup.field.scaleOrder"],
      [{ levels: [{ score: 11, text: "Слишком" }] }, "levels", "competitions.setup.field.levelOutside"],
      [{ levels: [{ score: 1, text: "Раз" }, { score: 1, text: "Два" }] }, "levels", "competitions.setup.field.levelRepeated"],
      [{ levels: [{ score: 1, text: "Т".repeat(301) }] }, "levels.0.text", "field.tooLong"],
      [{ levels: Array.from({ length: 102 }, (_, i) => ({ score: i % 101, text: "т" })) }, "levels", "competitions.setup.field.tooManyLevels"],
      [{ commentBelow: 11 }, "commentBelow", "competitions.setup.field.commentBelowOutside"],
    ];
    for (const [over, field, code] of cases) {
      const p = await expectProblem(await admin.api(`/competitions/${id}/criteria`, { json: { ...CRITERION, ...over } }), 422);
      expect(p.errors, JSON.stringify([over, p.errors])).toContainEqual(expect.objectContaining({ field, code }));
    }
    // A patch is checked as it will be stored: shrinking the scale under the described levels is refused.
    const p = await expectProblem(await admin.api(`/competitions/${id}/criteria/${k}`, { method: "PATCH", json: { scaleMax: 5 } }), 422);
    expect(p.errors).toContainEqual(expect.objectContaining({ field: "levels", code: "competitions.setup.field.levelOutside" }));
    expect(await snapshot(id)).toEqual(before);
  });

  it("accepts the scale's edges (0–100, min < max by one) and at most 20 criteria", async () => {
    const id = await create();
    await criterion(id, { scaleMin: 0, scaleMax: 100, levels: [{ score: 0, text: "0" }, { score: 100, text: "100" }], commentBelow: 100, weight: 1 });
    await criterion(id, { scaleMin: 99, scaleMax: 100, levels: [], commentBelow: 99, weight: 100 });
    for (let i = 2; i < 20; i++) await criterion(id, { name: `Критерий ${i}` });
    const before = await snapshot(id);
    const p = await expectProblem(await admin.api(`/competitions/${id}/criteria`, { json: CRITERION }), 409);
    expect(p.title).toMatch(/не больше 20 критериев/);
    expect(await snapshot(id)).toEqual(before);
  });
});

describe("publishing", () => {
  it("is refused with every reason while something is missing; nothing changed", async () => {
    const id = await create();
    const before = await snapshot(id);
    const p = await expectProblem(await admin.api(`/competitions/${id}/publish`, { method: "POST" }), 409);
    expect(p.title).toBe("Конкурс пока нельзя опубликовать");
    expect(p.errors!.map((e) => e.field).sort()).toEqual(["criteria", "nominations"]);
    expect(await snapshot(id)).toEqual(before);

    // Entries that would already be closed.
    const past = await ready({ entryOpensAt: iso(Date.now() - 3 * HOUR), entryClosesAt: iso(Date.now() - HOUR), checkClosesAt: iso(Date.now() + DAY), evaluationClosesAt: iso(Date.now() + 2 * DAY), votingClosesAt: iso(Date.now() + 3 * DAY) });
    const p2 = await expectProblem(await admin.api(`/competitions/${past}/publish`, { method: "POST" }), 409);
    expect(p2.errors).toEqual([expect.objectContaining({ field: "entryClosesAt", code: "competitions.setup.field.entryClosedPast" })]);
    expect((await competition(past))!.status).toBe("draft");
  });

  it("sets status, published_at and the stage of now, with its audit record; a second publish is 409", async () => {
    const id = await ready();
    const res = await admin.api(`/competitions/${id}/publish`, { method: "POST" });
    expect(res.status, await res.clone().text()).toBe(200);
    const c = (await competition(id))!;
    expect(c.status).toBe("published");
    expect(c.stage).toBe("announced");
    expect(c.published_at).toBeGreaterThan(Date.now() - 60_000);
    expect(await audits(id, "competition.publish")).toBe(1);
    const again = await expectProblem(await admin.api(`/competitions/${id}/publish`, { method: "POST" }), 409);
    expect(again.title).toBe("Конкурс уже опубликован");
    expect(await audits(id, "competition.publish")).toBe(1);
    // Now everyone sees it.
    expect((await resident.api(`/competitions/${id}`)).status).toBe(200);
    expect((await anonymous.fetch(`/competitions/${id}`)).status).toBe(200);

    // Published with entries already open: the stage is entry at once.
    const open = await ready({ entryOpensAt: iso(Date.now() - HOUR) });
    expect((await admin.api(`/competitions/${open}/publish`, { method: "POST" })).status).toBe(200);
    expect((await competition(open))!.stage).toBe("entry");
  });

  it("two publishes at once: one wins, the other gets 409, one audit record", async () => {
    const id = await ready();
    const results = await Promise.all([admin.api(`/competitions/${id}/publish`, { method: "POST" }), admin.api(`/competitions/${id}/publish`, { method: "POST" })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await audits(id, "competition.publish")).toBe(1);
  });

  it("only the organiser's admins may publish", async () => {
    const id = await ready();
    for (const b of [otherAdmin, moderator, resident]) await expectProblem(await b.api(`/competitions/${id}/publish`, { method: "POST" }), 404);
    await expectProblem(await anonymous.api(`/competitions/${id}/publish`, { method: "POST" }), 401);
    expect((await competition(id))!.status).toBe("draft");
  });
});

describe("the list", () => {
  it("shows published competitions to everyone and drafts only to their organiser's admins", async () => {
    const draft = await create({ title: "Черновик для списка" });
    const pub = await seedCompetition({ organiserId: org, createdBy: admin.user.id, stage: "entry", title: "Опубликованный для списка" });
    const mine = (await (await admin.api(`/competitions?organiser=${org}`)).json()) as { items: { id: string }[]; drafts: { id: string }[] };
    expect(mine.drafts.map((d) => d.id)).toContain(draft);
    expect(mine.items.map((d) => d.id)).toContain(pub.id);
    expect(mine.items.map((d) => d.id)).not.toContain(draft);
    for (const b of [otherAdmin, resident, anonymous]) {
      const theirs = (await (await b.api(`/competitions?organiser=${org}`)).json()) as { items: { id: string }[]; drafts: { id: string }[] };
      expect(theirs.drafts).toEqual([]);
      expect(theirs.items.map((d) => d.id)).not.toContain(draft);
      const html = await (await b.fetch(`/competitions?organiser=${org}`)).text();
      expect(html).toContain("Опубликованный для списка");
      expect(html).not.toContain("Черновик для списка");
    }
    const adminHtml = await (await admin.fetch("/competitions")).text();
    expect(adminHtml).toContain("Черновик для списка");
    expect(adminHtml).toContain('href="/competitions/new"');
  });

  it("filters by the cached stage and by organiser, and pages by key without repeats", async () => {
    const o = await createOrganiser();
    const ids: string[] = [];
    for (let i = 0; i < 22; i++) ids.push((await seedCompetition({ organiserId: o, createdBy: admin.user.id, stage: i < 3 ? "voting" : "entry", title: `Конкурс ${i}` })).id);
    // Distinct publication times, newest first.
    for (const [i, id] of ids.entries()) await db.prepare("UPDATE competitions SET published_at = ? WHERE id = ?").bind(1_700_000_000_000 + i * 1000, id).run();
    const first = (await (await anonymous.api(`/competitions?organiser=${o}`)).json()) as { items: { id: string; stage: string }[]; next: string | null };
    expect(first.items).toHaveLength(20);
    expect(first.next).not.toBeNull();
    const second = (await (await anonymous.api(`/competitions?organiser=${o}&after=${first.next}`)).json()) as { items: { id: string }[]; next: string | null };
    expect(second.next).toBeNull();
    expect([...first.items, ...second.items].map((x) => x.id)).toEqual([...ids].reverse());
    const voting = (await (await anonymous.api(`/competitions?organiser=${o}&stage=voting`)).json()) as { items: { id: string }[] };
    expect(voting.items.map((x) => x.id).sort()).toEqual(ids.slice(0, 3).sort());
    // The stage filter reads the cron's cached column: a competition whose instants moved on is listed under its new stage once the cron ran.
    await setStage(ids[0], "results");
    await db.prepare("UPDATE competitions SET stage = 'voting' WHERE id = ?").bind(ids[0]).run();
    expect(((await (await anonymous.api(`/competitions?organiser=${o}&stage=results`)).json()) as { items: unknown[] }).items).toHaveLength(0);
    await advanceStages(makeDb((env as any).DB), Date.now());
    expect(((await (await anonymous.api(`/competitions?organiser=${o}&stage=results`)).json()) as { items: { id: string }[] }).items.map((x) => x.id)).toEqual([ids[0]]);
    // The page: the filter form shows the applied choice; the next link carries the filter.
    const html = await (await anonymous.fetch(`/competitions?organiser=${o}`)).text();
    expect(html).toMatch(new RegExp(`<option value="${o}" selected`));
    expect(html).toMatch(/href="\/competitions\?organiser=[^"&]+&amp;after=[^"]+" rel="next"/);
    await expectProblem(await anonymous.api("/competitions?stage=finished"), 422);
  });
});

describe("the competition page", () => {
  it("shows the rules, the timeline in Moscow time with the current stage in words, nominations with counts, criteria and the method in words", async () => {
    const c = await seedCompetition({ organiserId: org, createdBy: admin.user.id, stage: "entry", minExperts: 3, spreadThreshold: 20, juryWeight: 70, publicWeight: 30 });
    const html = await (await anonymous.fetch(`/competitions/${c.id}`)).text();
    expect(html).toContain("<h1>Город, где хочется жить</h1>");
    expect(html).toContain("Этапы конкурса");
    expect(html).toContain("Время московское.");
    expect(html).toMatch(/aria-current="step"[^>]*><strong>Приём заявок<\/strong>[\s\S]*?идёт сейчас/);
    expect(html).toMatch(/<strong>Объявлен<\/strong>[\s\S]*?завершён/);
    expect(html).toMatch(/<strong>Итоги<\/strong>[\s\S]*?впереди/);
    expect(html).toContain(`href="/competitions/${c.id}/entries?nomination=${c.nominationIds[0]}"`);
    expect(html).toContain("Допущенных заявок: 0");
    expect(html).toContain("Социальная значимость");
    expect(html).toContain("Балл ниже 3 — только с комментарием");
    // The method in words.
    expect(html).toContain("Как подводятся итоги");
    expect(html).toContain("не меньше 3 экспертов");
    expect(html).toContain("больше чем на 20 (из 100)");
    expect(html).toContain("Итоговый балл = 70 % оценки жюри + 30 % результата народного голосования.");
    expect(html).toContain("1) более высокая оценка жюри; 2) больше голосов; 3) заявка подана раньше");
    expect(html).toContain("округляются до 2 знаков после запятой");
    // Entry stage: «Подать заявку» for visitors; no vote or results yet.
    expect(html).toContain(`href="/competitions/${c.id}/enter"`);
    expect(html).not.toContain(`href="/competitions/${c.id}/vote"`);
    expect(html).not.toContain("Управление конкурсом");
    // The dates are Moscow time: 12 hours into the entry stage, it closes at entry_closes_at.
    const t = (await competition(c.id))!;
    expect(html).toContain(new Intl.DateTimeFormat("ru-RU", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Moscow" }).format(new Date(Number(t.entry_closes_at))));
  });

  it("gives stage-dependent links to the organiser and to experts", async () => {
    const c = await seedCompetition({ organiserId: org, createdBy: admin.user.id, stage: "voting" });
    const expert = await newActor();
    await seedExpert(c, expert.user.id, admin.user.id);
    const visitor = await (await resident.fetch(`/competitions/${c.id}`)).text();
    expect(visitor).toContain(`href="/competitions/${c.id}/vote"`);
    expect(visitor).not.toContain(`href="/competitions/${c.id}/review"`);
    const own = await (await admin.fetch(`/competitions/${c.id}`)).text();
    for (const path of ["edit", "nominations", "criteria", "experts", "evaluation", "votes"]) expect(own).toContain(`href="/competitions/${c.id}/${path}"`);
    expect(own).toContain("Приём заявок начался: настройки конкурса больше не меняются.");
    const ex = await (await expert.fetch(`/competitions/${c.id}`)).text();
    expect(ex).toContain(`href="/competitions/${c.id}/review"`);
    expect(ex).toContain(`href="/competitions/${c.id}/conflicts"`);

    const done = await seedCompetition({ organiserId: org, createdBy: admin.user.id, stage: "results", resultsPublishedAt: Date.now() });
    const r = await (await anonymous.fetch(`/competitions/${done.id}`)).text();
    expect(r).toContain(`href="/competitions/${done.id}/results"`);
    expect(r).toContain("Итоги опубликованы");
    const checking = await seedCompetition({ organiserId: org, createdBy: admin.user.id, stage: "check" });
    expect(await (await admin.fetch(`/competitions/${checking.id}`)).text()).toContain('href="/moderation"');
  });

  it("a draft's page lists for its admins why it cannot be published yet, and publishes by its form", async () => {
    const id = await create();
    const html = await (await admin.fetch(`/competitions/${id}`)).text();
    expect(html).toContain("Чтобы опубликовать конкурс, исправьте:");
    expect(html).toContain(`href="/competitions/${id}/nominations"`);
    const refused = await admin.fetch(`/competitions/${id}/publish`, { form: {} });
    expect(refused.status).toBe(409);
    const body = await refused.text();
    expect(body).toContain("Конкурс пока нельзя опубликовать");
    expect(body).toContain("Добавьте хотя бы одну номинацию");
    await nomination(id);
    await criterion(id);
    const ok = await admin.fetch(`/competitions/${id}/publish`, { form: {} });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe(`/competitions/${id}?done=competitions.setup.done.published`);
    expect((await competition(id))!.status).toBe("published");
  });

  it("escapes user text (title, summary, rules, nominations, criteria) everywhere", async () => {
    const XSS = `<script>alert(1)</script>"><img src=x onerror=alert(2)>`;
    const id = await create({ title: XSS, summary: XSS, rulesText: XSS });
    await nomination(id, XSS);
    await criterion(id, { name: XSS, description: XSS, levels: [{ score: 1, text: XSS }] });
    expect((await admin.api(`/competitions/${id}/publish`, { method: "POST" })).status).toBe(200);
    for (const path of [`/competitions/${id}`, "/competitions", `/competitions/${id}/edit`, `/competitions/${id}/nominations`, `/competitions/${id}/criteria`]) {
      const html = await (await admin.fetch(path)).text();
      expect(html, path).not.toContain("<script>alert(1)");
      expect(html, path).not.toContain("<img src=x");
      expect(html.match(/<script\b/g), path).toHaveLength(2);
    }
  });

  it("answers in English too", async () => {
    const c = await seedCompetition({ organiserId: org, createdBy: admin.user.id, stage: "evaluation" });
    const html = await (await new Browser("en").fetch(`/competitions/${c.id}`)).text();
    expect(html).toContain("How the results are made");
    expect(html).toContain("at least 3 experts");
    expect(html).toContain("Total = 70 % of the jury score + 30 % of the public vote.");
    expect(html).toMatch(/<strong>Expert evaluation<\/strong>[\s\S]*?now/);
  });
});

describe("the setup pages (forms without JavaScript)", () => {
  const formOf = (t: ReturnType<typeof futureTimes>, over: Record<string, string> = {}) => ({
    organiserId: org,
    title: "Конкурс социально значимых проектов ТОС",
    summary: "Мэрия Новосибирска поддерживает проекты ТОС.",
    rulesText: "Положение.",
    eligibility: "tos",
    entryLimit: "2",
    entryOpensAt: epochToMoscowLocal(t.entryOpensAt),
    entryClosesAt: epochToMoscowLocal(t.entryClosesAt),
    checkClosesAt: epochToMoscowLocal(t.checkClosesAt),
    evaluationClosesAt: epochToMoscowLocal(t.evaluationClosesAt),
    votingClosesAt: epochToMoscowLocal(t.votingClosesAt),
    minExperts: "2",
    spreadThreshold: "15,5",
    precision: "1",
    juryWeight: "60",
    publicWeight: "40",
    juryNormalisation: "leader",
    publicNormalisation: "share",
    "tieBreak.0": "public",
    "tieBreak.1": "jury",
    "tieBreak.2": "earlier",
    winners: "3",
    ...over,
  });

  it("the new form creates a draft from Moscow-time fields and lands on its nominations", async () => {
    const page = await admin.fetch("/competitions/new");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<legend>Сроки этапов (время московское)</legend>");
    expect(html).toMatch(/<fieldset[^>]*>\s*<legend>Кто может подать заявку/);
    const t = futureTimes();
    const res = await admin.fetch("/competitions", { form: formOf(t) });
    expect(res.status, await res.clone().text()).toBe(303);
    const id = res.headers.get("location")!.match(/^\/competitions\/([^/]+)\/nominations\?done=competitions\.setup\.done\.created$/)![1];
    const c = (await competition(id))!;
    expect(c).toMatchObject({ title: "Конкурс социально значимых проектов ТОС", entry_limit: 2, min_experts: 2, spread_threshold: 15.5, precision: 1, jury_weight: 60, public_weight: 40, jury_normalisation: "leader", public_normalisation: "share", winners: 3 });
    expect(Number(c.entry_opens_at)).toBe(t.entryOpensAt);
    expect(Number(c.voting_closes_at)).toBe(t.votingClosesAt);
    expect(JSON.parse(c.tie_break as string)).toEqual(["public", "jury", "earlier"]);
    expect(JSON.parse(c.eligibility as string)).toEqual(["tos"]);

    // The edit form shows the stored values back (Moscow time) and saves a change.
    const edit = await (await admin.fetch(`/competitions/${id}/edit`)).text();
    expect(edit).toContain(`value="${epochToMoscowLocal(t.checkClosesAt)}"`);
    expect(edit).toMatch(/<option value="public" selected/);
    const saved = await admin.fetch(`/competitions/${id}/edit`, { form: { ...formOf(t), eligibility: "tos", title: "Исправленное название" } });
    expect(saved.status).toBe(303);
    expect((await competition(id))!.title).toBe("Исправленное название");
  });

  it("a refused form comes back (422) with an error summary, each error on its field, the values kept; nothing written", async () => {
    const t = futureTimes();
    const before = await totals();
    const form = new URLSearchParams({ ...formOf(t), title: "Оставленное название", entryLimit: "21", "tieBreak.1": "public", entryClosesAt: epochToMoscowLocal(t.entryOpensAt + 30 * 60_000) });
    form.delete("eligibility");
    form.set("_csrf", await admin.csrfToken());
    const res = await admin.fetch("/competitions", { method: "POST", body: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('href="#f-eligibility"');
    expect(html).toContain('href="#f-entryLimit"');
    expect(html).toContain('href="#f-tieBreak.1"');
    expect(html).toContain('href="#f-entryClosesAt"');
    expect(html).toContain("Отметьте хотя бы одну категорию участников");
    expect(html).toContain("Не больше 20");
    expect(html).toContain("Это правило уже выбрано выше");
    expect(html).toContain("Этап должен длиться не меньше 60 минут");
    expect(html).toContain('value="Оставленное название"');
    expect(await totals()).toEqual(before);
  });

  it("the nominations page adds, edits, moves and deletes by forms; a refused form is shown beside its item", async () => {
    const id = await create();
    const added = await admin.fetch(`/competitions/${id}/nominations`, { form: { title: "Город соседей", description: "" } });
    expect(added.status).toBe(303);
    const [n] = await rows<{ id: string }>("SELECT id FROM competition_nominations WHERE competition_id = ?", id);
    expect(added.headers.get("location")).toBe(`/competitions/${id}/nominations?done=competitions.setup.done.nomination#n-${n.id}`);
    await admin.fetch(`/competitions/${id}/nominations`, { form: { title: "Открытый муниципалитет" } });
    const refused = await admin.fetch(`/competitions/${id}/nominations/${n.id}`, { form: { title: "" } });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain(`href="#f-${n.id}-title"`);
    expect(html).toContain(`id="f-${n.id}-title-error"`);
    expect((await admin.fetch(`/competitions/${id}/nominations/${n.id}/move`, { form: { direction: "down" } })).status).toBe(303);
    expect((await rows<{ id: string }>("SELECT id FROM competition_nominations WHERE competition_id = ? ORDER BY position", id))[1].id).toBe(n.id);
    expect((await admin.fetch(`/competitions/${id}/nominations/${n.id}/delete`, { form: {} })).status).toBe(303);
    expect(await count("competition_nominations", "competition_id = ?", id)).toBe(1);
    // Another organiser's admin: the page and its forms are 404 for a draft.
    expect((await otherAdmin.fetch(`/competitions/${id}/nominations`)).status).toBe(404);
    expect((await otherAdmin.fetch(`/competitions/${id}/nominations`, { form: { title: "Чужая" } })).status).toBe(404);
    expect(await count("competition_nominations", "competition_id = ?", id)).toBe(1);
    // Anonymous: to sign in first.
    const anon = await new Browser().fetch(`/competitions/${id}/nominations`);
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toBe(`/signin?next=${encodeURIComponent(`/competitions/${id}/nominations`)}`);
  });

  it("the criteria page reads level descriptions «балл — текст» per line and names a bad line", async () => {
    const id = await create();
    const res = await admin.fetch(`/competitions/${id}/criteria`, { form: { name: "Измеримые результаты", description: "", weight: "35", scaleMin: "0", scaleMax: "10", levels: "0 — нет результатов\n\n5 – частично\n10: полностью", commentBelow: "" } });
    expect(res.status, await res.clone().text()).toBe(303);
    const [k] = await rows<{ levels: string; comment_below: number | null }>("SELECT levels, comment_below FROM competition_criteria WHERE competition_id = ?", id);
    expect(JSON.parse(k.levels)).toEqual([
      { score: 0, text: "нет результатов" },
      { score: 5, text: "частично" },
      { score: 10, text: "полностью" },
    ]);
    expect(k.comment_below).toBeNull();
    const bad = await admin.fetch(`/competitions/${id}/criteria`, { form: { name: "Ещё", weight: "10", scaleMin: "0", scaleMax: "10", levels: "0 — нет\nчастично", commentBelow: "" } });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain("Строка 2: напишите «балл — описание»");
    expect(html).toContain('href="#f-new-levels"');
    expect(await count("competition_criteria", "competition_id = ?", id)).toBe(1);
    // The page shows the stored levels back in the same form.
    expect(await (await admin.fetch(`/competitions/${id}/criteria`)).text()).toContain("0 — нет результатов\n5 — частично\n10 — полностью");
  });

  it("the rules document: a PDF while the setup may change, nothing else, and no more once entries opened", async () => {
    const id = await create();
    const upload = async (b: Browser, name: string, bytes: Uint8Array<ArrayBuffer>, type: string, owner = id) => {
      const form = new FormData();
      form.set("ownerType", "competition");
      form.set("ownerId", owner);
      form.set("next", `/competitions/${owner}/edit`);
      form.set("file", new File([bytes], name, { type }));
      return b.api("/attachments", { method: "POST", body: form });
    };
    const pdf = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await upload(admin, "Положение.pdf", pdf, "application/pdf")).status).toBe(201);
    const refused = await expectProblem(await upload(admin, "photo.png", png, "image/png"), 422);
    expect(refused.errors).toEqual([expect.objectContaining({ field: "file", code: "attachments.fileTypePdf" })]);
    expect(await count("attachments", "owner_type = 'competition' AND owner_id = ?", id)).toBe(1);
    expect(await (await admin.fetch(`/competitions/${id}/edit`)).text()).toContain("Положение.pdf");
    const c = await seedCompetition({ organiserId: org, createdBy: admin.user.id, stage: "entry" });
    await expectProblem(await upload(admin, "Положение.pdf", pdf, "application/pdf", c.id), 403);
  });
});

describe("the stage cron", () => {
  const d = () => makeDb((env as any).DB);

  it("moves cached stages to the instants' stage of `now`, once, and reports each change with the stages entered", async () => {
    const o = await createOrganiser();
    const a = await seedCompetition({ organiserId: o, createdBy: admin.user.id, stage: "check" });
    // The cached stage lags two stages behind (the cron missed runs).
    await db.prepare("UPDATE competitions SET stage = 'announced' WHERE id = ?").bind(a.id).run();
    const b = await seedCompetition({ organiserId: o, createdBy: admin.user.id, stage: "voting" });
    const draft = await seedCompetition({ organiserId: o, createdBy: admin.user.id, status: "draft", stage: "voting" });
    const now = Date.now();
    const changes = (await advanceStages(d(), now)).filter((c) => c.organiserId === o);
    expect(changes).toEqual([{ competitionId: a.id, organiserId: o, from: "announced", to: "check", entered: ["entry", "check"], at: now }]);
    expect((await competition(a.id))!.stage).toBe("check");
    expect((await competition(draft.id))!.stage).toBe("announced");
    expect((await advanceStages(d(), now)).filter((c) => c.organiserId === o)).toEqual([]);
    // Twelve hours and a minute later, voting has closed for b and the check for a.
    const later = now + 12 * HOUR + 60_000;
    const next = (await advanceStages(d(), later)).filter((c) => c.organiserId === o);
    expect(next.map((c) => [c.competitionId, c.from, c.to]).sort()).toEqual([
      [a.id, "check", "evaluation"],
      [b.id, "voting", "results"],
    ].sort());
    // At the edge: the instant a stage closes, the next one is open (half-open intervals).
    const t = (await competition(a.id))!;
    expect((await advanceStages(d(), Number(t.evaluation_closes_at) - 1)).filter((c) => c.competitionId === a.id)).toEqual([]);
    expect((await advanceStages(d(), Number(t.evaluation_closes_at))).filter((c) => c.competitionId === a.id).map((c) => c.to)).toEqual(["voting"]);
  });

  it("two runs at once move a competition once", async () => {
    const o = await createOrganiser();
    const a = await seedCompetition({ organiserId: o, createdBy: admin.user.id, stage: "evaluation" });
    await db.prepare("UPDATE competitions SET stage = 'check' WHERE id = ?").bind(a.id).run();
    const now = Date.now();
    const runs = await Promise.all([advanceStages(d(), now), advanceStages(d(), now), advanceStages(d(), now)]);
    expect(runs.flat().filter((c) => c.competitionId === a.id)).toHaveLength(1);
  });

  it("runs the hooks of every stage entered, in order; a failing hook does not stop the others", async () => {
    const calls: string[] = [];
    const ok: StageHook = async (_ctx, ch) => void calls.push(`ok:${ch.competitionId}:${ch.to}`);
    const bad: StageHook = async () => {
      throw new Error("boom");
    };
    const hooks = { ...STAGE_HOOKS, entry: [ok], check: [bad, ok], results: [] };
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const r = await onStageChanged({ db: d(), env: env as any, now: 0 }, [{ competitionId: "x", organiserId: "o", from: "announced", to: "check", entered: ["entry", "check"], at: 0 }], hooks);
    spy.mockRestore();
    expect(calls).toEqual(["ok:x:check", "ok:x:check"]);
    expect(r.failures).toEqual([{ competitionId: "x", stage: "check", error: "boom" }]);
    // With no hooks registered, the cron only moves stages.
    expect(Object.values(STAGE_HOOKS).every((list) => Array.isArray(list))).toBe(true);
  });

  it("the every-minute trigger moves stages; the 15-minute one does housekeeping only", async () => {
    const o = await createOrganiser();
    const a = await seedCompetition({ organiserId: o, createdBy: admin.user.id, stage: "entry" });
    await db.prepare("UPDATE competitions SET stage = 'announced' WHERE id = ?").bind(a.id).run();
    const quarter = createExecutionContext();
    await worker.scheduled!(createScheduledController({ scheduledTime: Date.now(), cron: "*/15 * * * *" }), env as any, quarter);
    await waitOnExecutionContext(quarter);
    expect((await competition(a.id))!.stage).toBe("announced");
    const minute = createExecutionContext();
    await worker.scheduled!(createScheduledController({ scheduledTime: Date.now(), cron: "* * * * *" }), env as any, minute);
    await waitOnExecutionContext(minute);
    expect((await competition(a.id))!.stage).toBe("entry");
  });
});
