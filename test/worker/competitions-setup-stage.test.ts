import { beforeAll, describe, expect, it } from "vitest";
import { stageAfter, STAGE_CLOSING } from "../../worker/competitions/setup/end-stage";
import { Browser } from "./client";
import { seedCompetition, seedEntries, seedExpert, type SeededCompetition } from "./competition-fixtures";
import { count, createOrganiser, expectProblem, grantRole, newActor, row, type TestUser } from "./fixtures";

/**
 * Ending the current stage of a published competition early (and opening entries early), through
 * the API and the competition page's form: the closing instant becomes now in one guarded write
 * with its audit record, the cached stage follows, the cron's hooks run (results computed when
 * voting ends); only the competition's organiser may; a stale stage or a race is a 409 and
 * changes nothing.
 */

type Actor = Browser & { user: TestUser };
let org: string;
let otherOrg: string;
let admin: Actor;
let otherAdmin: Actor;
let moderator: Actor;
let resident: Actor;
let expert: Actor;

beforeAll(async () => {
  [org, otherOrg] = await Promise.all([createOrganiser(), createOrganiser()]);
  [admin, otherAdmin, moderator, resident, expert] = await Promise.all([newActor(), newActor(), newActor(), newActor(), newActor()]);
  await grantRole(admin.user.id, "organiser_admin", org);
  await grantRole(otherAdmin.user.id, "organiser_admin", otherOrg);
  await grantRole(moderator.user.id, "moderator", org);
});

const COLUMN = { announced: "entry_opens_at", entry: "entry_closes_at", check: "check_closes_at", evaluation: "evaluation_closes_at", voting: "voting_closes_at" } as const;
type Endable = keyof typeof COLUMN;

const stateOf = (id: string) =>
  row<{ stage: string; entry_opens_at: number; entry_closes_at: number; check_closes_at: number; evaluation_closes_at: number; voting_closes_at: number; updated_at: number }>(
    "SELECT stage, entry_opens_at, entry_closes_at, check_closes_at, evaluation_closes_at, voting_closes_at, updated_at FROM competitions WHERE id = ?",
    id,
  );
const audits = (id: string) => count("audit_log", "object_id = ? AND action = 'competition.stage.end'", id);
const end = (by: Browser, id: string, stage: string, reason?: string) => by.api(`/competitions/${id}/stage/end`, { json: reason === undefined ? { stage } : { stage, reason } });
const seeded = (stage: Endable | "results", over: Partial<Parameters<typeof seedCompetition>[0]> = {}) => seedCompetition({ organiserId: org, createdBy: admin.user.id, stage, ...over });

describe("ending a stage early", () => {
  it("maps each stage to the instant that ends it, and to the next stage", () => {
    expect(STAGE_CLOSING).toEqual({ announced: "entryOpensAt", entry: "entryClosesAt", check: "checkClosesAt", evaluation: "evaluationClosesAt", voting: "votingClosesAt" });
    expect(["announced", "entry", "check", "evaluation", "voting"].map((s) => stageAfter(s as Endable))).toEqual(["entry", "check", "evaluation", "voting", "results"]);
  });

  for (const stage of Object.keys(COLUMN) as Endable[]) {
    it(`ends the ${stage} stage now: its instant becomes now, the cached stage moves on, audited with the reason; the others stay`, async () => {
      const c = await seeded(stage);
      const before = (await stateOf(c.id))!;
      const t0 = Date.now();
      const res = await end(admin, c.id, stage, "Все заявки уже поданы");
      expect(res.status, await res.clone().text()).toBe(200);
      const body = (await res.json()) as { ended: string; stage: string; at: number; hookFailures: number };
      const next = stageAfter(stage);
      expect(body).toMatchObject({ ended: stage, stage: next, hookFailures: 0 });
      const after = (await stateOf(c.id))!;
      expect(after.stage).toBe(next);
      expect(after[COLUMN[stage]]).toBe(body.at);
      expect(body.at).toBeGreaterThanOrEqual(t0);
      for (const col of Object.values(COLUMN)) if (col !== COLUMN[stage]) expect(after[col], col).toBe(before[col]);
      const log = await row<{ actor_id: string; reason: string; details: string }>("SELECT actor_id, reason, details FROM audit_log WHERE object_id = ? AND action = 'competition.stage.end'", c.id);
      expect(log).toMatchObject({ actor_id: admin.user.id, reason: "Все заявки уже поданы" });
      expect(JSON.parse(log!.details)).toMatchObject({ stage, next, was: before[COLUMN[stage]] });
      // Again with the stage just ended: it has moved on, nothing more is written.
      await expectProblem(await end(admin, c.id, stage), 409);
      expect(await stateOf(c.id)).toEqual(after);
      expect(await audits(c.id)).toBe(1);
    });
  }

  it("ending voting runs the cron's hook: the results are computed at once", async () => {
    const c = await seeded("voting", { minExperts: 1 });
    await seedEntries(c, [
      { nominationId: c.nominationIds[0], submittedBy: resident.user.id, voteCount: 3 },
      { nominationId: c.nominationIds[0], submittedBy: moderator.user.id, voteCount: 1 },
    ]);
    expect(await count("competition_results", "competition_id = ?", c.id)).toBe(0);
    const res = await end(admin, c.id, "voting");
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await count("competition_results", "competition_id = ?", c.id)).toBe(2);
    // The organiser's review is there now.
    const html = await (await admin.fetch(`/competitions/${c.id}/results`)).text();
    expect(html).toContain("Опубликовать итоги");
  });

  it("opening entries now makes the setup frozen", async () => {
    const c = await seeded("announced");
    expect((await admin.api(`/competitions/${c.id}`, { method: "PATCH", json: { title: "Новое название" } })).status).toBe(200);
    expect((await end(admin, c.id, "announced")).status).toBe(200);
    expect((await stateOf(c.id))!.stage).toBe("entry");
    await expectProblem(await admin.api(`/competitions/${c.id}`, { method: "PATCH", json: { title: "Ещё название" } }), 409);
  });

  it("refuses a stage other than the current one, the results stage, a draft and a long reason; nothing changes", async () => {
    const c = await seeded("check");
    const before = await stateOf(c.id);
    await expectProblem(await end(admin, c.id, "entry"), 409);
    await expectProblem(await end(admin, c.id, "evaluation"), 409);
    await expectProblem(await end(admin, c.id, "results"), 409);
    await expectProblem(await end(admin, c.id, "nonsense"), 422);
    const long = await expectProblem(await end(admin, c.id, "check", "я".repeat(501)), 422);
    expect(JSON.stringify(long)).toContain("reason");
    expect(await stateOf(c.id)).toEqual(before);
    expect(await audits(c.id)).toBe(0);
    // 500 characters are fine.
    expect((await end(admin, c.id, "check", "я".repeat(500))).status).toBe(200);

    const r = await seeded("results");
    await expectProblem(await end(admin, r.id, "results"), 409);
    const draft = await seeded("entry", { status: "draft" });
    await expectProblem(await end(admin, draft.id, "announced"), 409);
    expect(await audits(r.id)).toBe(0);
    expect(await audits(draft.id)).toBe(0);
  });

  it("only the competition's organiser may: another organiser's admin, its moderator, an expert, a resident → 403; anonymous → 401; unknown → 404", async () => {
    const c = await seeded("entry");
    await seedExpert(c, expert.user.id, admin.user.id);
    const before = await stateOf(c.id);
    for (const who of [otherAdmin, moderator, expert, resident]) await expectProblem(await end(who, c.id, "entry"), 403);
    await expectProblem(await end(new Browser(), c.id, "entry"), 401);
    await expectProblem(await end(admin, "no-such-competition", "entry"), 404);
    // Another organiser's draft is not even visible.
    const draft = await seedCompetition({ organiserId: otherOrg, createdBy: otherAdmin.user.id, status: "draft" });
    await expectProblem(await end(admin, draft.id, "announced"), 404);
    expect(await stateOf(c.id)).toEqual(before);
    expect(await audits(c.id)).toBe(0);
  });

  it("two organisers ending the same stage at once: one wins, the other gets 409, one record", async () => {
    const c = await seeded("entry");
    const second = await newActor();
    await grantRole(second.user.id, "organiser_admin", org);
    const results = await Promise.all([end(admin, c.id, "entry"), end(second, c.id, "entry"), end(admin, c.id, "entry")]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect((await stateOf(c.id))!.stage).toBe("check");
    expect(await audits(c.id)).toBe(1);
  });
});

describe("the competition page's form", () => {
  let c: SeededCompetition;
  beforeAll(async () => {
    c = await seeded("entry");
  });

  it("shows the organiser a labelled button for the current stage; nobody else", async () => {
    const html = await (await admin.fetch(`/competitions/${c.id}`)).text();
    expect(html).toContain(`action="/competitions/${c.id}/stage"`);
    expect(html).toContain("Завершить этап «Приём заявок» сейчас");
    expect(html).toContain('<input type="hidden" name="stage" value="entry"');
    expect(html).toMatch(/<label for="f-stage-reason">Причина \(необязательно, попадёт в журнал\)<\/label>/);
    for (const who of [otherAdmin, moderator, resident, new Browser()]) expect(await (await who.fetch(`/competitions/${c.id}`)).text()).not.toContain("/stage\"");
    const announced = await seeded("announced");
    expect(await (await admin.fetch(`/competitions/${announced.id}`)).text()).toContain("Открыть приём заявок сейчас");
    const finished = await seeded("results");
    expect(await (await admin.fetch(`/competitions/${finished.id}`)).text()).not.toContain(`/competitions/${finished.id}/stage"`);
    const english = await (await new Browser("en").fetch(`/competitions/${c.id}`)).text();
    expect(english).not.toContain("End the stage");
  });

  it("a long reason is shown back with the error beside the field; then the form ends the stage and says so", async () => {
    const refused = await admin.fetch(`/competitions/${c.id}/stage`, { form: { stage: "entry", reason: "я".repeat(501) } });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('href="#f-stage-reason"');
    expect(html).toContain("Слишком длинно: не больше 500 символов");
    expect((await stateOf(c.id))!.stage).toBe("entry");

    const ok = await admin.fetch(`/competitions/${c.id}/stage`, { form: { stage: "entry", reason: "Приём закрыт по решению оргкомитета" } });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe(`/competitions/${c.id}?done=competitions.setup.done.stageEnded`);
    const page = await (await admin.fetch(ok.headers.get("location")!)).text();
    expect(page).toContain("Этап завершён, начался следующий");
    expect(page).toContain("Завершить этап «Проверка заявок» сейчас");

    // The same form again (a second tab): the stage has moved on, a readable 409 on the page.
    const stale = await admin.fetch(`/competitions/${c.id}/stage`, { form: { stage: "entry" } });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("Конкурс уже перешёл к другому этапу");
    expect((await stateOf(c.id))!.stage).toBe("check");
  });

  it("another organiser's admin posting the form gets the error page and changes nothing; a visitor is sent to sign in", async () => {
    const d = await seeded("evaluation");
    const before = await stateOf(d.id);
    expect((await otherAdmin.fetch(`/competitions/${d.id}/stage`, { form: { stage: "evaluation" } })).status).toBe(403);
    const anon = await new Browser().fetch(`/competitions/${d.id}/stage`, { form: { stage: "evaluation" } });
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toContain("/signin");
    expect(await stateOf(d.id)).toEqual(before);
    expect(await audits(d.id)).toBe(0);
  });
});
