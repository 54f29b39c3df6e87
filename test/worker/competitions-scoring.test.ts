import { beforeAll, describe, expect, it } from "vitest";
import { makeDb } from "../../worker/db/client";
import { markDraft, sheetGuard } from "../../worker/competitions/scoring/data";
import { saveSheet } from "../../worker/competitions/scoring/service";
import { Problem } from "../../worker/http/problem";
import type { Browser } from "./client";
import { seedAssignments, seedCompetition, seedEntries, seedExpert, setInstant, setStage, type SeededCompetition } from "./competition-fixtures";
import { count, createOrganiser, createUser, db, expectProblem, fillRateLimit, grantRole, newActor, row, rows, signedIn } from "./fixtures";
import { ctx, sessionUser, type Actor } from "./proposals-helpers";

/**
 * Expert scoring through its routes and pages against the real D1: drafts and final submits, the
 * sheet's validation field by field, who may read whose scores before and after the evaluation
 * stage, refusals for everyone else, concurrency, the entry's jury facts and the stage edges.
 * Criteria (SAMPLE_CRITERIA): A 0–10 weight 40 comment below 3; B 0–10 weight 35; C 1–5 weight 25.
 */

let organiserId: string;
let admin: Actor;
let moderator: Actor;

beforeAll(async () => {
  organiserId = await createOrganiser();
  admin = await newActor({ displayName: "Секретарь МАГ" });
  moderator = await newActor({ displayName: "Модератор Конкурса" });
  await grantRole(admin.user.id, "organiser_admin", organiserId);
  await grantRole(moderator.user.id, "moderator", organiserId);
});

interface World {
  c: SeededCompetition;
  entries: string[];
  experts: Actor[];
}

/** A competition in evaluation with two admitted entries; `n` experts (fresh accounts: the write limit is per account), each assigned the first entry. */
async function world(n = 3, over: Partial<Parameters<typeof seedCompetition>[0]> = {}): Promise<World> {
  const c = await seedCompetition({ organiserId, createdBy: admin.user.id, stage: "evaluation", ...over });
  const entrant = await createUser();
  const entries = await seedEntries(c, [
    { nominationId: c.nominationIds[0], submittedBy: entrant.id, title: "Двор без машин" },
    { nominationId: c.nominationIds[0], submittedBy: entrant.id, title: "Сквер у школы" },
  ]);
  const experts: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const b = await newActor({ displayName: `Эксперт Иванов ${i + 1}` });
    await seedExpert(c, b.user.id, admin.user.id);
    await seedAssignments(c, b.user.id, [entries[0]], admin.user.id);
    experts.push(b);
  }
  return { c, entries, experts };
}

/** A sheet by the criteria's order: [A, B, C] scores and optional comments. */
const sheet = (c: SeededCompetition, s: (number | null)[], comments: (string | undefined)[] = []) => ({
  scores: Object.fromEntries(s.map((v, i) => [c.criterionIds[i], v]).filter(([, v]) => v !== undefined)),
  comments: Object.fromEntries(comments.map((v, i) => [c.criterionIds[i], v]).filter(([, v]) => v !== undefined)),
});
const put = (b: Browser, entryId: string, body: unknown) => b.api(`/entries/${entryId}/scores`, { method: "PUT", json: body });
const submit = (b: Browser, entryId: string, body: unknown) => b.api(`/entries/${entryId}/scores/submit`, { json: body });
const getScores = (b: Browser, entryId: string) => b.api(`/entries/${entryId}/scores`);
const assignment = (entryId: string, expertId: string) => row<{ status: string; total: number | null; submitted_at: number | null }>("SELECT status, total, submitted_at FROM competition_assignments WHERE entry_id = ? AND expert_id = ?", entryId, expertId);
const juryFacts = (entryId: string) => row<{ jury_experts: number; jury_score: number | null; jury_spread: number | null; flagged: number }>("SELECT jury_experts, jury_score, jury_spread, flagged FROM competition_entries WHERE id = ?", entryId);
const submittedCount = (c: SeededCompetition, expertId: string) => row<{ n: number }>("SELECT submitted_count AS n FROM competition_experts WHERE competition_id = ? AND user_id = ?", c.id, expertId).then((r) => r!.n);
const scoreRows = (entryId: string, expertId: string) => rows<{ criterion_id: string; score: number; comment: string }>("SELECT criterion_id, score, comment FROM competition_scores WHERE entry_id = ? AND expert_id = ? ORDER BY criterion_id", entryId, expertId);
const audits = (entryId: string, expertId: string, action: string) => count("audit_log", "object_type = 'competition_assignment' AND object_id = ? AND action = ?", `${entryId}:${expertId}`, action);

/** Scoring writes share the comment limit (10 a minute per account); tests of many refusals start the window afresh. */
const freshLimit = (b: Actor) => db.prepare("DELETE FROM rate_limits WHERE key = ?").bind(`comment:${b.user.id}`).run();

async function ok(res: Response) {
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json() as Promise<Record<string, any>>;
}

describe("saving a draft, then submitting (API)", () => {
  it("a partial draft is saved and replaced; the submit is final, with the total, the counter, the jury facts and audit records", async () => {
    const { c, entries, experts } = await world(1);
    const [e] = experts;
    const entry = entries[0];
    const d1 = await ok(await put(e, entry, sheet(c, [2], ["  Польза для жителей не показана  "])));
    expect(d1).toMatchObject({ entryId: entry, competitionId: c.id, status: "draft", total: null });
    expect(await scoreRows(entry, e.user.id)).toEqual([{ criterion_id: c.criterionIds[0], score: 2, comment: "Польза для жителей не показана" }]);
    expect(await assignment(entry, e.user.id)).toMatchObject({ status: "draft", total: null });

    // The next draft replaces the sheet as a whole.
    await ok(await put(e, entry, sheet(c, [null, 5])));
    expect((await scoreRows(entry, e.user.id)).map((r) => r.score)).toEqual([5]);
    expect((await ok(await getScores(e, entry))).mine).toMatchObject({ status: "draft", scores: [{ criterionId: c.criterionIds[1], score: 5, comment: "" }] });

    const s = await ok(await submit(e, entry, sheet(c, [7, 5, 3])));
    // (40·0.7 + 35·0.5 + 25·(3−1)/4) = 28 + 17.5 + 12.5 = 58
    expect(s).toMatchObject({ status: "submitted", total: 58 });
    expect(typeof s.submittedAt).toBe("string");
    expect(await assignment(entry, e.user.id)).toMatchObject({ status: "submitted", total: 58 });
    expect(await scoreRows(entry, e.user.id)).toHaveLength(3);
    expect(await submittedCount(c, e.user.id)).toBe(1);
    expect(await juryFacts(entry)).toEqual({ jury_experts: 1, jury_score: 58, jury_spread: 0, flagged: 0 });
    expect(await audits(entry, e.user.id, "competition.scores.draft")).toBe(2);
    expect(await audits(entry, e.user.id, "competition.scores.submit")).toBe(1);
  });

  it("bad sheets are refused field by field and change nothing", async () => {
    const { c, entries, experts } = await world(1);
    const [e] = experts;
    const entry = entries[0];
    await ok(await put(e, entry, sheet(c, [6])));
    const before = { scores: await scoreRows(entry, e.user.id), a: await assignment(entry, e.user.id), audit: await count("audit_log") };
    const [A, B, C] = c.criterionIds;
    const cases: [unknown, string[]][] = [
      [sheet(c, [7, 5]), [`scores.${C}`]],
      [sheet(c, [7, 11, 0]), [`scores.${B}`, `scores.${C}`]],
      [sheet(c, [7, 5.5, 3]), [`scores.${B}`]],
      [sheet(c, [2, 5, 3]), [`comments.${A}`]],
      [sheet(c, [2, 5, 3], ["   "]), [`comments.${A}`]],
      [sheet(c, [7, 5, 3], [undefined, "я".repeat(2001)]), [`comments.${B}`]],
      [{ scores: { [A]: 7, [B]: 5, [C]: 3, "other-criterion": 4 } }, ["scores.other-criterion"]],
      [{ scores: { [A]: "семь", [B]: 5, [C]: 3 } }, [`scores.${A}`]],
    ];
    for (const [body, fields] of cases) {
      await freshLimit(e);
      const p = await expectProblem(await submit(e, entry, body), 422);
      expect(p.errors!.map((x) => x.field).sort(), JSON.stringify(body).slice(0, 80)).toEqual(fields.sort());
      expect(p.errors!.every((x) => /[А-Яа-я]/.test(x.reason))).toBe(true);
    }
    // Drafts are checked too: on the scale, and no comment without a score.
    await freshLimit(e);
    expect((await expectProblem(await put(e, entry, sheet(c, [-1])), 422)).errors![0].field).toBe(`scores.${A}`);
    expect((await expectProblem(await put(e, entry, sheet(c, [null], ["Комментарий без оценки"])), 422)).errors![0]).toMatchObject({ field: `scores.${A}`, code: "competitions.scoring.field.scoreForComment" });
    expect(await scoreRows(entry, e.user.id)).toEqual(before.scores);
    expect(await assignment(entry, e.user.id)).toEqual(before.a);
    expect(await count("audit_log")).toBe(before.audit);
    const reason = (await expectProblem(await submit(e, entry, sheet(c, [1, 5, 3])), 422)).errors![0].reason;
    expect(reason).toBe("Напишите комментарий: он обязателен при оценке ниже 3");
  });

  it("a submitted sheet is final: another submit or draft is 409 and nothing changes", async () => {
    const { c, entries, experts } = await world(1);
    const [e] = experts;
    const entry = entries[0];
    await ok(await submit(e, entry, sheet(c, [7, 5, 3])));
    const before = { scores: await scoreRows(entry, e.user.id), a: await assignment(entry, e.user.id), audit: await count("audit_log") };
    expect((await expectProblem(await submit(e, entry, sheet(c, [10, 10, 5])), 409)).type).toMatch(/already-submitted$/);
    expect((await expectProblem(await put(e, entry, sheet(c, [1])), 409)).title).toBe("Оценка уже отправлена: изменить её нельзя");
    expect(await scoreRows(entry, e.user.id)).toEqual(before.scores);
    expect(await assignment(entry, e.user.id)).toEqual(before.a);
    expect(await count("audit_log")).toBe(before.audit);
    expect(await submittedCount(c, e.user.id)).toBe(1);
    expect(await juryFacts(entry)).toMatchObject({ jury_experts: 1, jury_score: 58 });
  });
});

describe("concurrency", () => {
  it("two submits of the same sheet at once: one is written, the other is 409; the counter, facts and audit count it once", async () => {
    const { c, entries, experts } = await world(1);
    const [e] = experts;
    const entry = entries[0];
    const [r1, r2] = await Promise.all([submit(e, entry, sheet(c, [7, 5, 3])), submit(e, entry, sheet(c, [9, 6, 5]))]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const won = r1.status === 200 ? await r1.json<{ total: number }>() : await r2.json<{ total: number }>();
    expect(await assignment(entry, e.user.id)).toMatchObject({ status: "submitted", total: won.total });
    // The stored scores are the winner's sheet, not a mix.
    expect((await scoreRows(entry, e.user.id)).map((r) => r.score).sort()).toEqual(won.total === 58 ? [3, 5, 7] : [5, 6, 9]);
    expect(await submittedCount(c, e.user.id)).toBe(1);
    expect(await audits(entry, e.user.id, "competition.scores.submit")).toBe(1);
    expect(await juryFacts(entry)).toEqual({ jury_experts: 1, jury_score: won.total, jury_spread: 0, flagged: 0 });
  });

  it("three experts submitting the same entry at once: all are written and the jury facts count all three", async () => {
    const { c, entries, experts } = await world(3);
    const entry = entries[0];
    const res = await Promise.all([submit(experts[0], entry, sheet(c, [7, 5, 3])), submit(experts[1], entry, sheet(c, [8, 6, 3])), submit(experts[2], entry, sheet(c, [9, 6, 5]))]);
    expect(res.map((r) => r.status)).toEqual([200, 200, 200]);
    // 58, 65.5 and 82: mean 68.5, spread 24 > 20.
    expect(await juryFacts(entry)).toEqual({ jury_experts: 3, jury_score: 68.5, jury_spread: 24, flagged: 1 });
  });
});

describe("the entry's jury facts", () => {
  it("after two and three experts, with the flag and the competition's precision (halves away from zero)", async () => {
    const { c, entries, experts } = await world(3, { spreadThreshold: 20 });
    const entry = entries[0];
    expect(await juryFacts(entry)).toEqual({ jury_experts: 0, jury_score: null, jury_spread: null, flagged: 0 });
    await ok(await submit(experts[0], entry, sheet(c, [7, 5, 3]))); // 58
    await ok(await submit(experts[1], entry, sheet(c, [8, 6, 3]))); // 65.5
    expect(await juryFacts(entry)).toEqual({ jury_experts: 2, jury_score: 61.75, jury_spread: 7.5, flagged: 0 });
    // Precision 0 from here on: the mean of 58, 65.5 and 82 is 68.5, shown as 69.
    await db.prepare("UPDATE competitions SET precision = 0 WHERE id = ?").bind(c.id).run();
    await ok(await submit(experts[2], entry, sheet(c, [9, 6, 5]))); // 82
    expect(await juryFacts(entry)).toEqual({ jury_experts: 3, jury_score: 69, jury_spread: 24, flagged: 1 });
    // The organiser's view agrees with the stored facts.
    const o = await ok(await getScores(admin, entry));
    expect(o.jury).toEqual({ experts: 3, score: 69, spread: 24, flagged: true });
    expect(o.sheets.map((s: { total: number }) => s.total)).toEqual([58, 65.5, 82]);
  });

  it("a spread exactly at the threshold does not flag; one above does", async () => {
    const { c, entries, experts } = await world(2, { spreadThreshold: 24 });
    const entry = entries[0];
    await ok(await submit(experts[0], entry, sheet(c, [7, 5, 3]))); // 58
    await ok(await submit(experts[1], entry, sheet(c, [9, 6, 5]))); // 82
    expect(await juryFacts(entry)).toMatchObject({ jury_spread: 24, flagged: 0 });
    await db.prepare("UPDATE competitions SET spread_threshold = 23.99 WHERE id = ?").bind(c.id).run();
    const third = await newActor();
    await seedExpert(c, third.user.id, admin.user.id);
    await seedAssignments(c, third.user.id, [entry], admin.user.id);
    await ok(await submit(third, entry, sheet(c, [7, 5, 3])));
    expect(await juryFacts(entry)).toMatchObject({ jury_experts: 3, jury_spread: 24, flagged: 1 });
  });
});

describe("who reads whose scores", () => {
  it("before the stage ends an expert reads only their own sheet, by every route; afterwards every submitted sheet, numbered and unnamed", async () => {
    const { c, entries, experts } = await world(2);
    const [a, b] = experts;
    const entry = entries[0];
    await ok(await submit(a, entry, sheet(c, [2, 5, 3], ["Секретный комментарий эксперта А"])));
    await ok(await put(b, entry, sheet(c, [9], [])));

    const bView = await ok(await getScores(b, entry));
    expect(bView.sheets).toBeNull();
    expect(bView.jury).toBeNull();
    expect(bView.mine).toMatchObject({ status: "draft" });
    const bPage = await (await b.fetch(`/competitions/${c.id}/review/${entry}`)).text();
    expect(bPage).not.toContain("Секретный комментарий эксперта А");
    expect(bPage).not.toContain("Эксперт Иванов 1");
    const aPage = await (await a.fetch(`/competitions/${c.id}/review/${entry}`)).text();
    expect(aPage).toContain("Секретный комментарий эксперта А");
    expect(JSON.stringify(await ok(await getScores(a, entry)))).not.toContain('"score":9');

    // The organiser reads every SUBMITTED sheet, named, at any time — never another's draft.
    const o = await ok(await getScores(admin, entry));
    expect(o.mine).toBeNull();
    expect(o.sheets).toEqual([{ number: 1, name: "Эксперт Иванов 1", mine: false, total: 38, submittedAt: expect.any(String), scores: expect.any(Array) }]);
    const oPage = await (await admin.fetch(`/competitions/${c.id}/review/${entry}`)).text();
    expect(oPage).toContain("Эксперт Иванов 1");
    expect(oPage).toContain("Секретный комментарий эксперта А");
    expect(oPage).not.toContain('name="action"');

    await setStage(c.id, "voting");
    await db.prepare("UPDATE competition_assignments SET status = 'submitted', total = 90, submitted_at = ? WHERE entry_id = ? AND expert_id = ?").bind(Date.now(), entry, b.user.id).run();
    const after = await ok(await getScores(b, entry));
    expect(after.sheets.map((s: { number: number; name: string | null; mine: boolean }) => [s.number, s.name, s.mine])).toEqual([
      [1, null, false],
      [2, null, true],
    ]);
    expect(after.sheets[0].scores).toContainEqual({ criterionId: c.criterionIds[0], score: 2, comment: "Секретный комментарий эксперта А" });
    const afterPage = await (await b.fetch(`/competitions/${c.id}/review/${entry}`)).text();
    expect(afterPage).toContain("Секретный комментарий эксперта А");
    expect(afterPage).toContain("Эксперт 1");
    expect(afterPage).not.toContain("Эксперт Иванов 1");
  });

  it("an entry not assigned to the expert is not found, by every route", async () => {
    const { c, entries, experts } = await world(1);
    const [e] = experts;
    const other = entries[1];
    await expectProblem(await getScores(e, other), 404);
    await expectProblem(await put(e, other, sheet(c, [5])), 404);
    await expectProblem(await submit(e, other, sheet(c, [5, 5, 3])), 404);
    expect((await e.fetch(`/competitions/${c.id}/review/${other}`)).status).toBe(404);
    expect((await e.fetch(`/competitions/${c.id}/review/${other}`, { form: { action: "draft", [`score.${c.criterionIds[0]}`]: "5" } })).status).toBe(404);
    // Nor through another competition's address.
    const elsewhere = await seedCompetition({ organiserId, createdBy: admin.user.id, stage: "evaluation" });
    expect((await e.fetch(`/competitions/${elsewhere.id}/review/${entries[0]}`)).status).toBe(404);
    expect(await count("competition_scores", "entry_id = ?", other)).toBe(0);
  });

  it("an expert of another competition, a resident, a moderator, the organiser (read-only) and a visitor are refused", async () => {
    const { c, entries, experts } = await world(1);
    const entry = entries[0];
    await ok(await submit(experts[0], entry, sheet(c, [7, 5, 3])));
    const otherComp = await seedCompetition({ organiserId, createdBy: admin.user.id, stage: "evaluation" });
    const stranger = await newActor();
    await seedExpert(otherComp, stranger.user.id, admin.user.id);
    const resident = await newActor();
    for (const who of [stranger, resident, moderator]) {
      await expectProblem(await getScores(who, entry), 404);
      await expectProblem(await put(who, entry, sheet(c, [5])), 404);
      await expectProblem(await submit(who, entry, sheet(c, [5, 5, 3])), 404);
      expect((await who.fetch(`/competitions/${c.id}/review/${entry}`)).status).toBe(404);
      expect((await who.fetch(`/competitions/${c.id}/review`)).status).toBe(403);
    }
    // The organiser reads but never writes.
    expect((await expectProblem(await put(admin, entry, sheet(c, [5])), 403)).type).toMatch(/read-only$/);
    await expectProblem(await submit(admin, entry, sheet(c, [5, 5, 3])), 403);
    expect((await admin.fetch(`/competitions/${c.id}/review`)).status).toBe(403);
    // A visitor: 401 from the API, the sign-in page from the pages.
    const { Browser } = await import("./client");
    const visitor = new Browser();
    await expectProblem(await getScores(visitor, entry), 401);
    const page = await visitor.fetch(`/competitions/${c.id}/review/${entry}`);
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe(`/signin?next=${encodeURIComponent(`/competitions/${c.id}/review/${entry}`)}`);
    expect(await assignment(entry, experts[0].user.id)).toMatchObject({ status: "submitted", total: 58 });
    expect(await count("competition_scores", "entry_id = ?", entry)).toBe(3);
  });

  it("a draft competition's review does not exist for its would-be expert", async () => {
    const c = await seedCompetition({ organiserId, createdBy: admin.user.id, stage: "evaluation", status: "draft" });
    const e = await newActor();
    await seedExpert(c, e.user.id, admin.user.id);
    expect((await e.fetch(`/competitions/${c.id}/review`)).status).toBe(404);
  });
});

describe("the stage, checked by the write itself", () => {
  async function edges() {
    const w = await world(1);
    const t = (await row<{ check: number; evaluation: number }>("SELECT check_closes_at AS 'check', evaluation_closes_at AS evaluation FROM competitions WHERE id = ?", w.c.id))!;
    const u = sessionUser(w.experts[0].user);
    return { ...w, t, u };
  }
  const refusal = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (x) => x,
    );
    expect(e).toBeInstanceOf(Problem);
    return e as Problem;
  };

  it("check_closes_at − 1 ms is refused, check_closes_at accepted; evaluation_closes_at − 1 ms accepted, evaluation_closes_at refused", async () => {
    const { c, entries, t, u } = await edges();
    const entry = entries[0];
    const s = sheet(c, [7, 5, 3]);
    const early = await refusal(saveSheet(ctx(), u, null, entry, s, "draft", t.check - 1));
    expect([early.status, early.code]).toEqual([409, "evaluation-upcoming"]);
    expect(await assignment(entry, u.id)).toMatchObject({ status: "assigned" });
    expect(await saveSheet(ctx(), u, null, entry, s, "draft", t.check)).toMatchObject({ status: "draft" });
    const late = await refusal(saveSheet(ctx(), u, null, entry, s, "submit", t.evaluation));
    expect([late.status, late.code]).toEqual([409, "evaluation-closed"]);
    expect(late.extra.detail).toMatch(/время московское/);
    expect(await assignment(entry, u.id)).toMatchObject({ status: "draft" });
    expect(await saveSheet(ctx(), u, null, entry, s, "submit", t.evaluation - 1)).toMatchObject({ status: "submitted", total: 58 });
  });

  it("the guard in SQL refuses at the closing instant even when the check before it passed (a write racing the close)", async () => {
    const { c, entries, t, u } = await edges();
    const d = makeDb(db);
    const target = { entryId: entries[0], expertId: u.id, competitionId: c.id };
    expect(await markDraft(d, target, t.evaluation, sheetGuard(target, t.evaluation))).toEqual([]);
    expect(await markDraft(d, target, t.check - 1, sheetGuard(target, t.check - 1))).toEqual([]);
    expect(await assignment(entries[0], u.id)).toMatchObject({ status: "assigned" });
    expect(await markDraft(d, target, t.evaluation - 1, sheetGuard(target, t.evaluation - 1))).toEqual([{ entryId: entries[0] }]);
  });

  it("the closing instant moved by the organiser applies at once, through the API", async () => {
    const { c, entries, experts } = await world(1);
    await setInstant(c.id, "evaluation_closes_at", Date.now() - 1);
    const p = await expectProblem(await put(experts[0], entries[0], sheet(c, [5])), 409);
    expect(p.title).toBe("Экспертная оценка завершена");
    expect(await count("competition_scores", "entry_id = ?", entries[0])).toBe(0);
  });

  it("an entry hidden or withdrawn after it was assigned takes no scores", async () => {
    const { c, entries, experts } = await world(1);
    await db.prepare("UPDATE competition_entries SET hidden_at = ? WHERE id = ?").bind(Date.now(), entries[0]).run();
    expect((await expectProblem(await put(experts[0], entries[0], sheet(c, [5])), 409)).type).toMatch(/entry-gone$/);
  });

  it("scoring writes are rate limited per account (the comment limit): the 11th in a minute is 429 and writes nothing", async () => {
    const { c, entries, experts } = await world(1);
    await fillRateLimit(`comment:${experts[0].user.id}`, 60, 10);
    const res = await put(experts[0], entries[0], sheet(c, [5]));
    await expectProblem(res, 429);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await count("competition_scores", "entry_id = ?", entries[0])).toBe(0);
  });

  it("a blocked expert cannot score", async () => {
    const { c, entries, experts } = await world(1);
    await db.prepare("UPDATE users SET blocked_until = ? WHERE id = ?").bind(Date.now() + 86400_000, experts[0].user.id).run();
    await expectProblem(await put(experts[0], entries[0], sheet(c, [5])), 403);
  });
});

describe("the pages", () => {
  it("the list: to do first, the states counted, 20 a page by key", async () => {
    const c = await seedCompetition({ organiserId, createdBy: admin.user.id, stage: "evaluation" });
    const entrant = await createUser();
    const ids = await seedEntries(
      c,
      Array.from({ length: 23 }, (_, i) => ({ nominationId: c.nominationIds[i % 2], submittedBy: entrant.id, title: `Практика №${String(i + 1).padStart(2, "0")}` })),
    );
    const e = await newActor();
    await seedExpert(c, e.user.id, admin.user.id);
    await seedAssignments(c, e.user.id, ids, admin.user.id);
    // The first entry submitted, the second a draft: they go to the end of the list.
    await db.prepare("UPDATE competition_assignments SET status = 'submitted', total = 58 WHERE entry_id = ? AND expert_id = ?").bind(ids[0], e.user.id).run();
    await db.prepare("UPDATE competition_assignments SET status = 'draft' WHERE entry_id = ? AND expert_id = ?").bind(ids[1], e.user.id).run();
    const res = await e.fetch(`/competitions/${c.id}/review`);
    expect(res.status).toBe(200);
    // The visible page (the props travel again in the page data for hydration).
    const html = (await res.text()).split('<script type="application/json"')[0];
    const titles = [...html.matchAll(/Практика №(\d\d)/g)].map((m) => Number(m[1]));
    expect(titles).toEqual([...Array.from({ length: 20 }, (_, i) => i + 3)]);
    expect(html).toMatch(/Не оценена: <strong>21<\/strong>/);
    expect(html).toMatch(/Черновик: <strong>1<\/strong>/);
    expect(html).toMatch(/Оценка отправлена: <strong>1<\/strong>/);
    const next = html.match(/href="([^"]+\?after=[^"]+)"/)![1].replace(/&amp;/g, "&");
    const page2 = (await (await e.fetch(next)).text()).split('<script type="application/json"')[0];
    expect([...page2.matchAll(/Практика №(\d\d)/g)].map((m) => Number(m[1]))).toEqual([23, 2, 1]);
    expect(page2).toContain("ваш балл: 58,00");
  });

  it("the form: a fieldset per criterion, a draft kept, errors linked to their fields, the confirmation, then the submitted sheet", async () => {
    const { c, entries, experts } = await world(1);
    const [e] = experts;
    const entry = entries[0];
    const url = `/competitions/${c.id}/review/${entry}`;
    const [A, B, C] = c.criterionIds;
    const page = await (await e.fetch(url)).text();
    expect(page).toContain("Двор без машин");
    expect(page).toContain("Во дворах нет мест для игр.");
    expect(page.match(/<fieldset class="criterion/g)).toHaveLength(3);
    expect(page).toMatch(/<legend>1\. Социальная значимость<\/legend>/);
    expect(page).toContain(`id="f-score-${A}"`);
    expect(page).toContain("комментарий обязателен при оценке ниже 3");
    expect(page).toContain("Сохранить черновик");
    expect(page).toContain("Отправить оценку");

    const draft = await e.fetch(url, { form: { action: "draft", [`score.${A}`]: "2", [`comment.${A}`]: "Слабое обоснование", [`score.${C}`]: "4" } });
    expect(draft.status).toBe(303);
    expect(draft.headers.get("location")).toBe(`${url}?done=competitions.scoring.done.draft`);
    const reopened = await (await e.fetch(`${url}?done=competitions.scoring.done.draft`)).text();
    expect(reopened).toContain("Черновик оценки сохранён.");
    expect(reopened).toMatch(new RegExp(`id="f-score-${C}-4"[^>]*checked|checked[^>]*id="f-score-${C}-4"`));
    expect(reopened).toContain("Слабое обоснование");

    // Submit with B missing, A's comment cleared and the box not ticked: every problem at once, linked, nothing changed.
    const bad = await e.fetch(url, { form: { action: "submit", [`score.${A}`]: "2", [`comment.${A}`]: "", [`score.${C}`]: "4" } });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    for (const anchor of [`#f-score-${B}`, `#f-comment-${A}`, "#f-confirmFinal"]) expect(html).toContain(`href="${anchor}"`);
    expect(html).toContain(`id="f-comment-${A}-error"`);
    expect(html).toContain(`aria-describedby="criterion-${B}-about f-score-${B}-error"`);
    expect(await assignment(entry, e.user.id)).toMatchObject({ status: "draft" });
    expect((await scoreRows(entry, e.user.id)).find((r) => r.criterion_id === A)?.comment).toBe("Слабое обоснование");

    const done = await e.fetch(url, { form: { action: "submit", [`score.${A}`]: "2", [`comment.${A}`]: "Слабое обоснование", [`score.${B}`]: "5", [`score.${C}`]: "4", confirmFinal: "on" } });
    expect(done.status).toBe(303);
    // 40·0.2 + 35·0.5 + 25·0.75 = 8 + 17.5 + 18.75 = 44.25
    expect(await assignment(entry, e.user.id)).toMatchObject({ status: "submitted", total: 44.25 });
    const final = await (await e.fetch(`${url}?done=competitions.scoring.done.submitted`)).text();
    expect(final).toContain("Оценка отправлена. Спасибо!");
    expect(final).toContain("Итог по критериям: 44,25 из 100");
    expect(final).not.toContain('name="action"');
    // A late post of the form: the refusal is shown, nothing changes.
    const again = await e.fetch(url, { form: { action: "draft", [`score.${A}`]: "9" } });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Оценка уже отправлена: изменить её нельзя");
    expect(await assignment(entry, e.user.id)).toMatchObject({ total: 44.25 });
  });

  it("English pages and messages", async () => {
    const { c, entries } = await world(0);
    const en = await signedIn(await createUser({ locale: "en" }), "en");
    await seedExpert(c, en.user.id, admin.user.id);
    await seedAssignments(c, en.user.id, [entries[0]], admin.user.id);
    const page = await (await en.fetch(`/competitions/${c.id}/review/${entries[0]}`)).text();
    expect(page).toContain("Save draft");
    expect(page).toContain("Submit scores");
    const p = await expectProblem(await en.api(`/entries/${entries[0]}/scores/submit`, { json: sheet(c, [7, 5]) }), 422);
    expect(p.errors![0].reason).toBe("Score this criterion");
  });
});
