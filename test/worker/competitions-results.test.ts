import { beforeAll, describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { tickCompetitions } from "../../worker/competitions/cron";
import { computeResults } from "../../worker/competitions/results/service";
import { Browser } from "./client";
import { HOUR, seedCompetition, seedEntries, setInstant, setStage, type SeededCompetition } from "./competition-fixtures";
import { count, createOrganiser, db, expectProblem, grantRole, newActor, row, rows } from "./fixtures";
import { ctx, type Actor } from "./proposals-helpers";

/**
 * Results: computing from the entries' jury facts and counted votes (replacing earlier results),
 * who may compute and publish and when, the organiser's review, publication (once; entrants told;
 * winners into the library once), the public page, the API and the CSV matching the page.
 */
const ORG = "res-org";
const OTHER = "res-other";
let admin: Actor;
let moderator: Actor;
let otherAdmin: Actor;
let resident: Actor;
let entrantA: Actor;
let entrantB: Actor;

beforeAll(async () => {
  await createOrganiser(ORG);
  await createOrganiser(OTHER);
  admin = await newActor({ displayName: "Секретариат МАГ" });
  moderator = await newActor();
  otherAdmin = await newActor();
  resident = await newActor();
  entrantA = await newActor({ displayName: "Мэрия Новосибирска" });
  entrantB = await newActor({ displayName: "ТОС «Северный»" });
  await grantRole(admin.user.id, "organiser_admin", ORG);
  await grantRole(moderator.user.id, "moderator", ORG);
  await grantRole(otherAdmin.user.id, "organiser_admin", OTHER);
});

const T0 = Date.now() - 30 * 24 * HOUR;

/** Jury facts as the scoring part keeps them. */
async function jury(entryId: string, score: number | null, experts: number, flagged = false) {
  await db.prepare("UPDATE competition_entries SET jury_score = ?, jury_experts = ?, flagged = ? WHERE id = ?").bind(score, experts, flagged ? 1 : 0, entryId).run();
}

/**
 * A competition in the results stage (70/30, jury as is, votes against the leader, precision 2, one
 * winner, 3 experts) with two nominations of known numbers:
 * - «Комфортная городская среда»: E1 jury 80, 50 votes → 56 + 15 = 71; E2 jury 90, 10 votes → 63 + 3 = 66;
 *   E3 jury 60 by 2 experts (flagged), 100 votes → 42 + 30 = 72 (the winner); a hidden and a rejected
 *   entry with big numbers that must not count.
 * - «Город соседей», no votes at all: F2 jury 50.15 → 35.105 → 35.11 (winner), F3 the same but entered
 *   later → 2nd by the 'earlier' tie-break, F1 never scored → 0, 3rd.
 */
async function scenario(opts: { stage?: "voting" | "results"; title?: string } = {}) {
  const c = await seedCompetition({
    organiserId: ORG,
    createdBy: admin.user.id,
    stage: opts.stage ?? "results",
    title: opts.title ?? `Город, где хочется жить ${crypto.randomUUID().slice(0, 6)}`,
    nominations: ["Комфортная городская среда", "Город соседей"],
  });
  const [n1, n2] = c.nominationIds;
  const [e1, e2, e3, hidden, rejected, f1, f2, f3] = await seedEntries(c, [
    { nominationId: n1, submittedBy: entrantA.user.id, title: "Двор для всех", city: "Новосибирск", voteCount: 50, createdAt: T0 + 1 },
    { nominationId: n1, submittedBy: entrantB.user.id, title: "Сквер у реки", city: "Казань", voteCount: 10, createdAt: T0 + 2 },
    { nominationId: n1, submittedBy: entrantA.user.id, title: "Парк «Соседи» = общий сад", city: "Минск", voteCount: 100, createdAt: T0 + 3 },
    { nominationId: n1, submittedBy: entrantB.user.id, title: "Скрытая заявка", voteCount: 1000, createdAt: T0 + 4 },
    { nominationId: n1, submittedBy: entrantB.user.id, title: "Отклонённая заявка", status: "rejected", voteCount: 0, createdAt: T0 + 5 },
    { nominationId: n2, submittedBy: entrantB.user.id, title: "Соседский центр", city: "Алматы", createdAt: T0 + 6 },
    { nominationId: n2, submittedBy: entrantB.user.id, title: "Добрые соседи", city: "Бишкек", createdAt: T0 + 7 },
    { nominationId: n2, submittedBy: entrantA.user.id, title: "Соседи рядом", city: "Ереван", createdAt: T0 + 8 },
  ]);
  await jury(e1, 80, 3);
  await jury(e2, 90, 3);
  await jury(e3, 60, 2, true);
  await jury(hidden, 99, 3);
  await db.prepare("UPDATE competition_entries SET hidden_at = ? WHERE id = ?").bind(Date.now(), hidden).run();
  await jury(rejected, 99, 3);
  await jury(f2, 50.15, 3);
  await jury(f3, 50.15, 3);
  return { c, n1, n2, e1, e2, e3, hidden, rejected, f1, f2, f3 };
}
type Scenario = Awaited<ReturnType<typeof scenario>>;

const compute = (b: Browser, id: string) => b.api(`/competitions/${id}/results/compute`, { method: "POST" });
const publish = (b: Browser, id: string) => b.api(`/competitions/${id}/results/publish`, { method: "POST" });

type ResultDbRow = { entry_id: string; nomination_id: string; jury_score: number | null; jury_experts: number; votes: number; jury_part: number; public_part: number; total: number; rank: number; winner: number; decided_by: string | null };
const stored = (competitionId: string) =>
  rows<ResultDbRow>(
    "SELECT entry_id, nomination_id, jury_score, jury_experts, votes, jury_part, public_part, total, rank, winner, decided_by FROM competition_results WHERE competition_id = ? ORDER BY nomination_id, rank, entry_id",
    competitionId,
  );
const resultOf = async (competitionId: string, entryId: string) => (await stored(competitionId)).find((r) => r.entry_id === entryId);

describe("computing", () => {
  it("known numbers end to end: each nomination ranked from the admitted, visible entries' jury scores and counted votes", async () => {
    const s = await scenario();
    const res = await compute(admin, s.c.id);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ nominations: 2, entries: 6, winners: 2 });
    const r = await stored(s.c.id);
    expect(r).toHaveLength(6);
    const by = Object.fromEntries(r.map((x) => [x.entry_id, x]));
    expect(by[s.e3]).toMatchObject({ jury_score: 60, jury_experts: 2, votes: 100, jury_part: 60, public_part: 100, total: 72, rank: 1, winner: 1, decided_by: null });
    expect(by[s.e1]).toMatchObject({ jury_part: 80, public_part: 50, total: 71, rank: 2, winner: 0, decided_by: null });
    expect(by[s.e2]).toMatchObject({ jury_part: 90, public_part: 10, total: 66, rank: 3, winner: 0 });
    expect(by[s.f2]).toMatchObject({ jury_part: 50.15, public_part: 0, total: 35.11, rank: 1, winner: 1 });
    expect(by[s.f3]).toMatchObject({ total: 35.11, rank: 2, winner: 0, decided_by: "earlier" });
    expect(by[s.f1]).toMatchObject({ jury_score: null, jury_experts: 0, jury_part: 0, total: 0, rank: 3 });
    expect(by[s.hidden]).toBeUndefined();
    expect(by[s.rejected]).toBeUndefined();
    const c = await row<{ results_computed_at: number | null }>("SELECT results_computed_at FROM competitions WHERE id = ?", s.c.id);
    expect(c!.results_computed_at).toBeGreaterThan(Date.now() - 60_000);
    expect(await count("audit_log", "action = 'competition.results.compute' AND object_id = ? AND actor_id = ?", s.c.id, admin.user.id)).toBe(1);
  });

  it("recomputing replaces the stored results (a changed count, an entry hidden since)", async () => {
    const s = await scenario();
    expect((await compute(admin, s.c.id)).status).toBe(200);
    await db.prepare("UPDATE competition_entries SET vote_count = 400 WHERE id = ?").bind(s.e2).run();
    await db.prepare("UPDATE competition_entries SET hidden_at = ? WHERE id = ?").bind(Date.now(), s.e3).run();
    expect((await compute(admin, s.c.id)).status).toBe(200);
    const r = await stored(s.c.id);
    expect(r).toHaveLength(5);
    expect(await resultOf(s.c.id, s.e3)).toBeUndefined();
    // E2: 63 + 30 = 93; E1: 56 + 0.3 × 12.5 = 59.75.
    expect(await resultOf(s.c.id, s.e2)).toMatchObject({ votes: 400, public_part: 100, total: 93, rank: 1, winner: 1 });
    expect(await resultOf(s.c.id, s.e1)).toMatchObject({ public_part: 12.5, total: 59.75, rank: 2, winner: 0 });
    expect(await count("audit_log", "action = 'competition.results.compute' AND object_id = ?", s.c.id)).toBe(2);
  });

  it("not before voting closes: 409, nothing written — and at the instant it closes, it works", async () => {
    const s = await scenario({ stage: "voting" });
    const p = await expectProblem(await compute(admin, s.c.id), 409);
    expect(p.title).toBe("Итоги рассчитываются и публикуются только после окончания народного голосования");
    expect(await count("competition_results", "competition_id = ?", s.c.id)).toBe(0);
    expect(await count("audit_log", "action = 'competition.results.compute' AND object_id = ?", s.c.id)).toBe(0);
    // The cron's entry point refuses the same way.
    expect(await computeResults(ctx().db, s.c.id, Date.now())).toEqual({ ok: false, reason: "notResultsStage" });
    await setInstant(s.c.id, "voting_closes_at", Date.now());
    expect((await compute(admin, s.c.id)).status).toBe(200);
    expect(await count("competition_results", "competition_id = ?", s.c.id)).toBe(6);
  });

  it("the write itself checks the stage: computing 'at' an instant before voting closed writes nothing", async () => {
    const s = await scenario();
    const c = await row<{ voting_closes_at: number }>("SELECT voting_closes_at FROM competitions WHERE id = ?", s.c.id);
    expect(await computeResults(ctx().db, s.c.id, c!.voting_closes_at - 1)).toEqual({ ok: false, reason: "notResultsStage" });
    expect(await computeResults(ctx().db, s.c.id, c!.voting_closes_at)).toMatchObject({ ok: true, entries: 6 });
    // The cron computes with no actor; the audit says so.
    const audit = await row<{ actor_id: string | null; details: string }>("SELECT actor_id, details FROM audit_log WHERE action = 'competition.results.compute' AND object_id = ?", s.c.id);
    expect(audit!.actor_id).toBeNull();
    expect(JSON.parse(audit!.details)).toMatchObject({ by: "cron", entries: 6, winners: 2 });
  });

  it("the cron computes them when it sees the stage reach «Итоги» (and a later run changes nothing once published)", async () => {
    const s = await scenario({ stage: "voting" });
    expect(await count("competition_results", "competition_id = ?", s.c.id)).toBe(0);
    await setInstant(s.c.id, "voting_closes_at", Date.now() - 1000);
    const { changes, failures } = await tickCompetitions(ctx().db, env as any);
    expect(failures).toEqual([]);
    expect(changes.find((x) => x.competitionId === s.c.id)).toMatchObject({ from: "voting", to: "results" });
    expect(await count("competition_results", "competition_id = ?", s.c.id)).toBe(6);
    expect(await resultOf(s.c.id, s.e3)).toMatchObject({ total: 72, rank: 1, winner: 1 });
    expect((await row<{ stage: string }>("SELECT stage FROM competitions WHERE id = ?", s.c.id))!.stage).toBe("results");
  });

  it("only the competition's organiser admins: another organiser's admin, the organiser's moderator and a resident get 403; anonymous 401", async () => {
    const s = await scenario();
    for (const b of [otherAdmin, moderator, resident, entrantA]) {
      await expectProblem(await compute(b, s.c.id), 403);
      await expectProblem(await publish(b, s.c.id), 403);
    }
    await expectProblem(await new Browser().api(`/competitions/${s.c.id}/results/compute`, { method: "POST" }), 401);
    await expectProblem(await compute(admin, "no-such-competition"), 404);
    expect(await count("competition_results", "competition_id = ?", s.c.id)).toBe(0);
    // The page forms say the same: the form of someone else is refused, nothing written.
    const res = await otherAdmin.fetch(`/competitions/${s.c.id}/results/compute`, { form: {} });
    expect(res.status).toBe(403);
    expect(await count("competition_results", "competition_id = ?", s.c.id)).toBe(0);
  });

  it("500 entries in one nomination: computed in one read and one write batch (time noted)", async () => {
    const c = await seedCompetition({ organiserId: ORG, createdBy: admin.user.id, stage: "results", nominations: ["Комфортная городская среда"] });
    const list = Array.from({ length: 500 }, (_, i) => ({ nominationId: c.nominationIds[0], submittedBy: entrantA.user.id, voteCount: (i * 37) % 1000, createdAt: T0 + i }));
    const ids = await seedEntries(c, list);
    await db.batch(ids.map((id, i) => db.prepare("UPDATE competition_entries SET jury_score = ?, jury_experts = 3 WHERE id = ?").bind(40 + ((i * 13) % 600) / 10, id)));
    const t0 = performance.now();
    const r = await computeResults(ctx().db, c.id, Date.now());
    const first = performance.now() - t0;
    const t1 = performance.now();
    await computeResults(ctx().db, c.id, Date.now() + 1);
    const again = performance.now() - t1;
    expect(r).toMatchObject({ ok: true, entries: 500 });
    expect(await count("competition_results", "competition_id = ?", c.id)).toBe(500);
    const ranks = await rows<{ rank: number }>("SELECT rank FROM competition_results WHERE nomination_id = ? ORDER BY rank", c.nominationIds[0]);
    expect(ranks[0].rank).toBe(1);
    console.log(`[results scale] 500 entries: compute ${first.toFixed(0)} ms, recompute ${again.toFixed(0)} ms`);
  });
});

/** The text of each cell of each row of the page's results tables, without the stacked layout's labels. */
function tableCells(html: string) {
  const text = (s: string) =>
    s
      .replace(/<span class="summary-table__label"[^>]*>.*?<\/span>/g, "")
      .replace(/<[^>]+>/g, "")
      .replace(/&quot;/g, '"')
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&")
      .trim();
  return [...html.matchAll(/<tr id="entry-([^"]+)"[^>]*>(.*?)<\/tr>/g)].map((m) => ({ id: m[1], cells: [...m[2].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => text(c[1])) }));
}

/** A small RFC 4180 parser: quotes, doubled quotes, delimiters and line breaks inside quotes. */
function parseCsv(text: string, delimiter: string): string[][] {
  const out: string[][] = [];
  let rec: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) rec.push(cell), (cell = "");
    else if (ch === "\r" && text[i + 1] === "\n") rec.push(cell), out.push(rec), (rec = []), (cell = ""), i++;
    else cell += ch;
  }
  if (cell !== "" || rec.length) rec.push(cell), out.push(rec);
  return out;
}

describe("before publication", () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await scenario();
    expect((await compute(admin, s.c.id)).status).toBe(200);
  });

  it("nobody but the organiser's admins sees the numbers: page, API and CSV say «итоги ещё не опубликованы»", async () => {
    for (const b of [new Browser(), resident, moderator, otherAdmin, entrantA]) {
      const page = await b.fetch(`/competitions/${s.c.id}/results`);
      expect(page.status).toBe(404);
      const html = await page.text();
      expect(html).toContain("Итоги ещё не опубликованы");
      expect(html).not.toContain("Двор для всех");
      expect(html).not.toMatch(/35,11|72,00/);
      const api = await expectProblem(await b.api(`/competitions/${s.c.id}/results`), 404);
      expect(api.type).toMatch(/results-not-published$/);
      expect(JSON.stringify(api)).not.toContain("Двор для всех");
      const csv = await b.fetch(`/competitions/${s.c.id}/results.csv`);
      expect(csv.status).toBe(404);
      expect(await csv.text()).not.toContain("Двор для всех");
    }
    // Even the organiser gets no CSV before publication: the review is the page.
    expect((await admin.fetch(`/competitions/${s.c.id}/results.csv`)).status).toBe(404);
  });

  it("the organiser's review: each part per nomination, flagged and short-of-experts entries called out, recompute and publish forms", async () => {
    const res = await admin.fetch(`/competitions/${s.c.id}/results`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Итоги не опубликованы.");
    expect(html).toContain("Пересчитать");
    expect(html).toContain(`action="/competitions/${s.c.id}/results/compute"`);
    expect(html).toContain(`action="/competitions/${s.c.id}/results/publish"`);
    expect(html).toContain("Опубликовать итоги");
    // Needs attention: E3 (flagged, 2 of 3 experts) and F1 (never scored).
    const attention = html.slice(html.indexOf("Требуют внимания"), html.indexOf("Как подсчитаны итоги"));
    expect(attention).toContain("Парк «Соседи» = общий сад");
    expect(attention).toContain("большой разброс оценок экспертов; оценили 2 из 3 экспертов");
    expect(attention).toContain("Соседский центр");
    expect(attention).not.toContain("Двор для всех");
    const cells = tableCells(html);
    expect(cells.find((r) => r.id === s.e3)!.cells.slice(0, 2)).toEqual(["1", "Парк «Соседи» = общий сад Большой разброс оценок Мало экспертов"]);
    const api = await admin.api(`/competitions/${s.c.id}/results`);
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ published: false, stale: false, method: { juryWeight: 70, publicWeight: 30, precision: 2, winners: 1, tieBreak: ["jury", "public", "earlier"] } });
  });

  it("results gone stale (a vote annulled since the computation): the review says so and publishing is refused until recomputed", async () => {
    const t = await scenario();
    expect((await compute(admin, t.c.id)).status).toBe(200);
    await db.prepare("UPDATE competition_entries SET vote_count = vote_count - 1 WHERE id = ?").bind(t.e1).run();
    expect(await (await admin.fetch(`/competitions/${t.c.id}/results`)).text()).toContain("Данные изменились после расчёта.");
    const p = await expectProblem(await publish(admin, t.c.id), 409);
    expect(p.title).toBe("Данные изменились после расчёта итогов: пересчитайте их перед публикацией");
    // The page form shows the reason at the form.
    const form = await admin.fetch(`/competitions/${t.c.id}/results/publish`, { form: {} });
    expect(form.status).toBe(409);
    expect(await form.text()).toContain("пересчитайте их перед публикацией");
    expect((await row<{ p: number | null }>("SELECT results_published_at AS p FROM competitions WHERE id = ?", t.c.id))!.p).toBeNull();
    // Recomputed through the page form: back to the page with a message, then publishable.
    const again = await admin.fetch(`/competitions/${t.c.id}/results/compute`, { form: {} });
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe(`/competitions/${t.c.id}/results?done=competitions.results.done.computed`);
    expect((await publish(admin, t.c.id)).status).toBe(200);
  });

  it("publishing before computing: 409, nothing published", async () => {
    const t = await scenario();
    const p = await expectProblem(await publish(admin, t.c.id), 409);
    expect(p.title).toBe("Сначала рассчитайте итоги");
    expect(await count("notifications", "kind = 'competition_result' AND id = ?", `cr-${t.e1}`)).toBe(0);
  });

  it("before the results stage the organiser is told when computing becomes possible", async () => {
    const t = await scenario({ stage: "voting" });
    const html = await (await admin.fetch(`/competitions/${t.c.id}/results`)).text();
    expect(html).toContain("Итоги можно будет рассчитать после окончания народного голосования");
    expect(html).not.toContain(`action="/competitions/${t.c.id}/results/compute"`);
  });
});

describe("publishing", () => {
  let s: Scenario;
  let first: Response[];
  beforeAll(async () => {
    s = await scenario({ title: "Город, где хочется жить — 2026" });
    expect((await compute(admin, s.c.id)).status).toBe(200);
    // Two publications at once: exactly one happens.
    first = await Promise.all([publish(admin, s.c.id), publish(admin, s.c.id)]);
  });

  it("once: concurrent publications → one 200 and one 409; a third is refused too; computing is closed", async () => {
    expect(first.map((r) => r.status).sort()).toEqual([200, 409]);
    const ok = first.find((r) => r.status === 200)!;
    expect(await ok.json()).toMatchObject({ notified: 6, winners: 2 });
    expect(((await first.find((r) => r.status === 409)!.json()) as { title: string }).title).toBe("Итоги уже опубликованы");
    const p = await expectProblem(await publish(admin, s.c.id), 409);
    expect(p.title).toBe("Итоги уже опубликованы");
    await expectProblem(await compute(admin, s.c.id), 409);
    expect(await count("audit_log", "action = 'competition.results.publish' AND object_id = ?", s.c.id)).toBe(1);
    expect((await row<{ p: number | null }>("SELECT results_published_at AS p FROM competitions WHERE id = ?", s.c.id))!.p).not.toBeNull();
  });

  it("every ranked entry's entrant is notified once, with the place and whether they won", async () => {
    const notes = await rows<{ id: string; user_id: string; params: string; url: string }>(
      "SELECT id, user_id, params, url FROM notifications WHERE kind = 'competition_result' AND id IN (?, ?, ?, ?, ?, ?, ?, ?)",
      ...[s.e1, s.e2, s.e3, s.f1, s.f2, s.f3, s.hidden, s.rejected].map((e) => `cr-${e}`),
    );
    expect(notes).toHaveLength(6);
    expect(notes.filter((n) => n.user_id === entrantA.user.id)).toHaveLength(3);
    expect(notes.filter((n) => n.user_id === entrantB.user.id)).toHaveLength(3);
    const e3 = notes.find((n) => n.id === `cr-${s.e3}`)!;
    expect(JSON.parse(e3.params)).toEqual({ title: "Парк «Соседи» = общий сад", competition: "Город, где хочется жить — 2026", nomination: "Комфортная городская среда", rank: 1, winner: 1 });
    expect(e3.url).toBe(`/competitions/${s.c.id}/results?nomination=${s.n1}`);
    expect(JSON.parse(notes.find((n) => n.id === `cr-${s.f3}`)!.params)).toMatchObject({ rank: 2, winner: 0, nomination: "Город соседей" });
    // The entrant reads it in the portal.
    const page = await (await entrantA.fetch("/me/notifications")).text();
    expect(page).toContain("Итоги конкурса «Город, где хочется жить — 2026»: заявка «Парк «Соседи» = общий сад» — победитель в номинации «Комфортная городская среда» (1-е место)");
  });

  it("the winners enter the library once (with their search rows), however often publication is tried", async () => {
    const lib = await rows<{ id: string; entry_id: string; place: number; nomination: string; theme: string; city: string; title: string; year: number; source: string; competition_id: string; problem: string }>(
      "SELECT id, entry_id, place, nomination, theme, city, title, year, source, competition_id, problem FROM practices WHERE competition_id = ? ORDER BY place, title",
      s.c.id,
    );
    expect(lib.map((p) => p.entry_id).sort()).toEqual([s.e3, s.f2].sort());
    const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Europe/Moscow", year: "numeric" }).format((await row<{ v: number }>("SELECT voting_closes_at AS v FROM competitions WHERE id = ?", s.c.id))!.v));
    expect(lib.find((p) => p.entry_id === s.e3)).toMatchObject({ source: "entry", place: 1, nomination: "Комфортная городская среда", theme: "Комфортная городская среда", city: "Минск", title: "Парк «Соседи» = общий сад", year, problem: "Во дворах нет мест для игр." });
    const fts = async () => count("practices_fts", "practice_id IN (SELECT id FROM practices WHERE competition_id = ?)", s.c.id);
    expect(await fts()).toBe(2);
    // Another try (refused) and the library statements run again by hand: still one practice and one search row each.
    await expectProblem(await publish(admin, s.c.id), 409);
    const { practiceStatements } = await import("../../worker/library");
    const again = practiceStatements(ctx().db, { id: crypto.randomUUID(), organiserId: ORG, source: "entry", competitionId: s.c.id, entryId: s.e3, city: "Минск", title: "x", year, createdBy: admin.user.id, createdAt: Date.now() });
    await ctx().db.batch(again as [any, ...any[]]);
    expect(await count("practices", "competition_id = ?", s.c.id)).toBe(2);
    expect(await fts()).toBe(2);
  });

  it("the public page: per nomination the ranking with each part, winners marked in words, tie-breaks named, the method in words", async () => {
    const res = await new Browser().fetch(`/competitions/${s.c.id}/results`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain("Итоги не опубликованы.");
    expect(html).not.toContain("Пересчитать");
    expect(html).not.toContain("Требуют внимания");
    expect(html).toMatch(/<caption>Номинация «Комфортная городская среда»: первые места \(всего участников: 3\)<\/caption>/);
    expect(html).toContain('<th scope="col">Балл жюри</th>');
    expect(html).toContain(`href="/competitions/${s.c.id}/entries/${s.e3}"`);
    const cells = tableCells(html);
    expect(cells.map((r) => r.id)).toEqual([s.e3, s.e1, s.e2, s.f2, s.f3, s.f1]);
    expect(cells[0].cells).toEqual(["1", "Парк «Соседи» = общий сад", "Минск", "60,00", "2", "100", "60,00", "100,00", "72,00", "Победитель", ""]);
    expect(cells[4].cells).toEqual(["2", "Соседи рядом", "Ереван", "50,15", "3", "0", "50,15", "0,00", "35,11", "Участник", "при равенстве баллов по дополнительному критерию: заявка подана раньше"]);
    expect(cells[5].cells.slice(3, 5)).toEqual(["нет оценок", "0"]);
    // The method in words, from the shared vocabulary.
    expect(html).toContain("Итоговый балл = 70 % балла жюри + 30 % балла голосов (народное голосование).");
    expect(html).toContain("оценка жюри берётся как есть");
    expect(html).toContain("голоса делятся на число голосов лидера номинации");
    expect(html).toContain("1) более высокая оценка жюри; 2) больше голосов; 3) заявка подана раньше");
    expect(html).toContain("Победитель номинации — заявка, занявшая 1-е место");
    expect(html).toContain(`href="/competitions/${s.c.id}/results.csv"`);
    // In English too.
    const en = await (await new Browser("en").fetch(`/competitions/${s.c.id}/results`)).text();
    expect(tableCells(en)[0].cells).toEqual(["1", "Парк «Соседи» = общий сад", "Минск", "60.00", "2", "100", "60.00", "100.00", "72.00", "Winner", ""]);
    expect(en).toContain("Total = 70 % of the jury points + 30 % of the public vote points.");
    // The API gives the same to anyone.
    const api = await new Browser().api(`/competitions/${s.c.id}/results`);
    expect(api.status).toBe(200);
    const body = (await api.json()) as any;
    expect(body).toMatchObject({ published: true, stale: false });
    expect(body.nominations[1].items.map((i: any) => [i.rank, i.total, i.winner, i.decidedBy])).toEqual([
      [1, 35.11, true, null],
      [2, 35.11, false, "earlier"],
      [3, 0, false, null],
    ]);
  });

  it("the CSV says what the table says: the same columns (plus the nomination), the same words, the same rows", async () => {
    for (const lang of ["ru", "en"] as const) {
      const b = new Browser(lang);
      const res = await b.fetch(`/competitions/${s.c.id}/results.csv`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="results-${s.c.id.slice(0, 8)}\\.csv"`));
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...records] = parseCsv(new TextDecoder().decode(bytes.slice(3)), lang === "ru" ? ";" : ",");
      const html = await (await b.fetch(`/competitions/${s.c.id}/results`)).text();
      const ths = [...html.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
      const columns = ths.slice(0, ths.length / 2);
      expect(header).toEqual([lang === "ru" ? "Номинация" : "Nomination", ...columns]);
      const table = tableCells(html);
      expect(records).toHaveLength(table.length);
      records.forEach((r, i) => {
        expect(r[0]).toBe(i < 3 ? "Комфортная городская среда" : "Город соседей");
        expect(r.slice(1)).toEqual(table[i].cells);
      });
    }
  });

  it("one nomination's whole ranking, paginated by key", async () => {
    const p1 = await (await new Browser().api(`/competitions/${s.c.id}/results?nomination=${s.n1}&limit=2`)).json() as any;
    expect(p1.nominations).toHaveLength(1);
    expect(p1.nominations[0].items.map((i: any) => i.entryId)).toEqual([s.e3, s.e1]);
    expect(p1.next).toBeTruthy();
    const p2 = await (await new Browser().api(`/competitions/${s.c.id}/results?nomination=${s.n1}&limit=2&after=${p1.next}`)).json() as any;
    expect(p2.nominations[0].items.map((i: any) => i.entryId)).toEqual([s.e2]);
    expect(p2.next).toBeNull();
    const html = await (await new Browser().fetch(`/competitions/${s.c.id}/results?nomination=${s.n2}`)).text();
    expect(tableCells(html).map((r) => r.id)).toEqual([s.f2, s.f3, s.f1]);
    expect(html).toContain("Все номинации");
    await expectProblem(await new Browser().api(`/competitions/${s.c.id}/results?nomination=other`), 404);
  });
});

describe("published results and moderation", () => {
  it("an entry hidden after publication keeps its place, but not its title or link — on the page, in the API and in the CSV", async () => {
    const s = await scenario();
    expect((await compute(admin, s.c.id)).status).toBe(200);
    expect((await publish(admin, s.c.id)).status).toBe(200);
    await db.prepare("UPDATE competition_entries SET hidden_at = ? WHERE id = ?").bind(Date.now(), s.e1).run();
    const html = await (await new Browser().fetch(`/competitions/${s.c.id}/results`)).text();
    expect(html).not.toContain("Двор для всех");
    expect(html).not.toContain(`href="/competitions/${s.c.id}/entries/${s.e1}"`);
    expect(tableCells(html).find((r) => r.id === s.e1)!.cells.slice(0, 3)).toEqual(["2", "Скрыта модератором", "Новосибирск"]);
    const api = (await (await new Browser().api(`/competitions/${s.c.id}/results`)).json()) as any;
    expect(api.nominations[0].items[1]).toMatchObject({ entryId: s.e1, rank: 2, title: null, url: null });
    const csv = await (await new Browser().fetch(`/competitions/${s.c.id}/results.csv`)).text();
    expect(csv).not.toContain("Двор для всех");
    expect(csv).toContain("Комфортная городская среда;2;Скрыта модератором;Новосибирск");
  });
});

describe("a draft competition", () => {
  it("its results do not exist for anyone but its organiser's admins", async () => {
    const c: SeededCompetition = await seedCompetition({ organiserId: ORG, createdBy: admin.user.id, status: "draft" });
    await expectProblem(await new Browser().api(`/competitions/${c.id}/results`), 404);
    expect((await resident.fetch(`/competitions/${c.id}/results`)).status).toBe(404);
    await expectProblem(await compute(admin, c.id), 409);
    await setStage(c.id, "results");
    await expectProblem(await compute(admin, c.id), 409);
  });
});
