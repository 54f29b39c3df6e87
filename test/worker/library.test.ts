import { beforeAll, describe, expect, it } from "vitest";
import { makeDb, runBatch } from "../../worker/db/client";
import { LIMITS, lastYear } from "../../worker/library/dto";
import { practiceStatements, type NewPractice } from "../../worker/library/index";
import { reindexAll, reindexChunkSql, type ReindexRow } from "../../worker/library/reindex";
import { practiceWords } from "../../worker/library/stemming";
import { Browser } from "./client";
import { SAMPLE_NOMINATIONS, seedCompetition, seedEntries } from "./competition-fixtures";
import { CYRILLIC, count, counts, createOrganiser, createUser, db, expectProblem, grantRole, newActor, row } from "./fixtures";

/**
 * The library of city practices: the issue's search example, filters, key pagination, hidden
 * practices, who may add and hide, validation, escaping. Practices are written with the module's own
 * practiceStatements (the path winners take), hand-added ones through the routes.
 */

type Actor = Browser & { user: { id: string } };
let ORG: string;
let OTHER: string;
let author: string;
let admin: Actor;
let otherAdmin: Actor;
let moderator: Actor;
let resident: Actor;
let platformAdmin: Actor;
const anon = new Browser();
/** A word no other practice in this file carries, so each test can find its own practices. */
const tag = () => `метка${Math.random().toString(36).slice(2, 8).replace(/\d/g, "")}`;

beforeAll(async () => {
  ORG = await createOrganiser();
  OTHER = await createOrganiser();
  author = (await createUser()).id;
  admin = await newActor();
  otherAdmin = await newActor();
  moderator = await newActor();
  resident = await newActor();
  platformAdmin = await newActor();
  await grantRole(admin.user.id, "organiser_admin", ORG);
  await grantRole(otherAdmin.user.id, "organiser_admin", OTHER);
  await grantRole(moderator.user.id, "moderator", ORG);
  await grantRole(platformAdmin.user.id, "platform_admin");
});

const practice = (over: Partial<NewPractice> = {}): NewPractice => ({
  id: crypto.randomUUID(),
  organiserId: ORG,
  source: "manual",
  city: "Казань",
  country: "Россия",
  title: "Дворы без барьеров",
  theme: "Благоустройство",
  year: 2024,
  problem: "Во дворах старой застройки не хватало мест для отдыха.",
  actions: "Жители вместе с администрацией выбрали дворы и составили проекты.",
  results: "Обновлено 12 дворов.",
  createdBy: author,
  createdAt: Date.now(),
  ...over,
});

async function seed(...list: NewPractice[]) {
  const d = makeDb(db);
  await runBatch(d, list.flatMap((p) => practiceStatements(d, p)));
  return list;
}

interface Card {
  id: string;
  title: string;
  snippet: string;
  year: number;
}
async function apiList(query: Record<string, string>, b: Browser = anon) {
  const res = await b.api(`/practices?${new URLSearchParams(query)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { items: Card[]; next: string | null };
}
const ids = async (query: Record<string, string>) => (await apiList(query)).items.map((i) => i.id);

/** Every page of a list, following `next`. */
async function allPages(query: Record<string, string>) {
  const seen: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const page = await apiList({ ...query, ...(after ? { after } : {}) });
    seen.push(...page.items.map((i) => i.id));
    if (!page.next) return seen;
    after = page.next;
  }
  throw new Error("pagination did not end");
}

describe("practiceStatements", () => {
  it("writes the row and its stems; a repeat writes nothing more", async () => {
    const [p] = await seed(practice({ problem: "Во дворах не хватало детских площадок" }));
    await seed(p);
    expect(await count("practices", "id = ?", p.id)).toBe(1);
    expect(await count("practices_fts", "practice_id = ?", p.id)).toBe(1);
    expect((await row<{ words: string }>("SELECT words FROM practices_fts WHERE practice_id = ?", p.id))!.words).toContain("детск площадк");
  });

  it("a winner republished under a new id (same entry) is in the library once, and its page links to the competition and the entry", async () => {
    const t = tag();
    const c = await seedCompetition({ organiserId: ORG, createdBy: author, stage: "results", title: `Город, где хочется жить ${t}` });
    const [entryId] = await seedEntries(c, [{ nominationId: c.nominationIds[0], submittedBy: author, title: `Победитель ${t}` }]);
    const winner = () => practice({ source: "entry", competitionId: c.id, entryId, nomination: SAMPLE_NOMINATIONS[0], place: 1, title: `Победитель ${t}` });
    const [first] = await seed(winner());
    await seed(winner());
    expect(await count("practices", "entry_id = ?", entryId)).toBe(1);
    expect(await count("practices_fts", "practice_id IN (SELECT id FROM practices WHERE entry_id = ?)", entryId)).toBe(1);
    expect(await ids({ q: t })).toEqual([first.id]);
    const html = await (await anon.fetch(`/library/${first.id}`)).text();
    expect(html).toContain(`href="/competitions/${c.id}"`);
    expect(html).toContain(`Конкурс: Город, где хочется жить ${t}`);
    expect(html).toContain(`href="/competitions/${c.id}/entries/${entryId}"`);
    expect(html).toContain("Победитель, 1 место");
  });
});

describe("full-text search in any word form (the issue's example)", () => {
  let playground: NewPractice;
  let t: string;
  beforeAll(async () => {
    t = tag();
    [playground] = await seed(
      practice({ title: `Двор для всех ${t}`, problem: "Во дворах не хватало детских площадок и мест для отдыха.", actions: "Построили площадки вместе с жителями." }),
      practice({ title: `Велосипедный город ${t}`, problem: "Не было безопасных велодорожек.", actions: "Проложили 40 км велодорожек." }),
    );
  });

  it.each(["детская площадка", "детские площадки", "площадками", "Детских Площадок", "детск"])("«%s» finds the practice with «детских площадок»", async (q) => {
    expect(await ids({ q: `${q} ${t}` })).toEqual([playground.id]);
  });

  it("an unrelated word finds nothing; a word of the other practice finds only it", async () => {
    expect(await ids({ q: `фонтан ${t}` })).toEqual([]);
    expect(await ids({ q: `велодорожка ${t}` })).not.toContain(playground.id);
  });

  it("the snippet shows the text around the match (the API gives it as plain text)", async () => {
    const [card] = (await apiList({ q: `детская площадка ${t}` })).items;
    expect(card.snippet).toContain("детских площадок");
  });

  it("the page marks the matched words with <mark>, in the title and the snippet", async () => {
    const html = await (await anon.fetch(`/library?q=${encodeURIComponent(`детская площадка ${t}`)}`)).text();
    expect(html).toContain("<mark>детских</mark> <mark>площадок</mark>");
    expect(html).toContain(`<mark>${t}</mark>`);
    expect(html).toContain('role="search"');
  });

  it("FTS5 syntax in the query is a word, not an operator (no error, no widening)", async () => {
    for (const q of [`"площадка`, `площадка OR велодорожка ${t}`, `NEAR(площадка велодорожка) ${t}`, `words:площадка ${t}`, `(площадка) ${t}*`, `^площадка -велодорожка ${t}`]) {
      const res = await anon.api(`/practices?${new URLSearchParams({ q })}`);
      expect(res.status, q).toBe(200);
    }
    // "OR" is not an operator: the AND of площадка and велодорожка and the tag matches neither practice alone.
    expect(await ids({ q: `площадка OR велодорожка ${t}` })).toEqual([]);
    // Nothing searchable (punctuation only): the list is browsed instead of failing.
    expect((await anon.api(`/practices?${new URLSearchParams({ q: `"*():` })}`)).status).toBe(200);
  });
});

describe("filters", () => {
  let t: string;
  let list: NewPractice[];
  beforeAll(async () => {
    t = tag();
    const city = `Город-${t}`;
    list = await seed(
      practice({ city, theme: `Тема-${t}`, year: 2021, nomination: `Номинация-${t}`, title: `Площадки ${t} один` }),
      practice({ city, theme: `Тема-${t}`, year: 2022, title: `Площадки ${t} два` }),
      practice({ city, theme: `Другая-${t}`, year: 2022, title: `Скверы ${t} три` }),
      practice({ city: `Иной-${t}`, theme: `Тема-${t}`, year: 2022, nomination: `Номинация-${t}`, title: `Площадки ${t} четыре` }),
    );
  });

  it("each filter alone, exact values, newest year first", async () => {
    const byCity = await ids({ city: `Город-${t}` });
    expect(new Set(byCity)).toEqual(new Set([list[0].id, list[1].id, list[2].id]));
    expect(byCity[2]).toBe(list[0].id); // 2021 last
    expect(new Set(await ids({ theme: `Тема-${t}` }))).toEqual(new Set([list[0].id, list[1].id, list[3].id]));
    expect(new Set(await ids({ nomination: `Номинация-${t}` }))).toEqual(new Set([list[0].id, list[3].id]));
    expect(await ids({ city: `город-${t}` })).toEqual([]); // exact, not a search
  });

  it("filters combined with each other and with text", async () => {
    expect(await ids({ city: `Город-${t}`, theme: `Тема-${t}`, year: "2022" })).toEqual([list[1].id]);
    expect(new Set(await ids({ q: `площадка ${t}`, theme: `Тема-${t}` }))).toEqual(new Set([list[0].id, list[1].id, list[3].id]));
    expect(await ids({ q: `площадка ${t}`, city: `Город-${t}`, year: "2021" })).toEqual([list[0].id]);
    expect(await ids({ q: `сквер ${t}`, theme: `Тема-${t}` })).toEqual([]);
  });

  it("the facets offer the distinct values; the page keeps the chosen ones selected", async () => {
    const html = await (await anon.fetch(`/library?city=${encodeURIComponent(`Город-${t}`)}&year=2022`)).text();
    expect(html).toContain(`<option value="Город-${t}" selected>`);
    expect(html).toContain(`<option value="Иной-${t}">`);
    expect(html).toContain(`<option value="Другая-${t}">`);
    expect(html).toContain(`<option value="2022" selected>`);
    expect(html).toContain(`<option value="Номинация-${t}">`);
    expect(html).not.toMatch(/<option value="">Все<\/option>\s*<option value="">/);
  });

  it("a wrong filter value in the API is a 422 with the field", async () => {
    const p = await expectProblem(await anon.api("/practices?year=abc"), 422);
    expect(p.errors!.map((e) => e.field)).toEqual(["year"]);
    await expectProblem(await anon.api(`/practices?q=${"а".repeat(LIMITS.query + 1)}`), 422);
  });
});

describe("pagination by key", () => {
  let t: string;
  let made: NewPractice[];
  beforeAll(async () => {
    t = tag();
    // 45 practices over three years, several with the same year (ties broken by id) and — for the
    // search — the same text, so that bm25 ties too.
    made = await seed(...Array.from({ length: 45 }, (_, i) => practice({ city: `Пагинск-${t}`, year: 2010 + (i % 3), title: `Площадка ${t} номер ${i}` })));
  });

  it("browsing: every practice exactly once, in (year, id) descending order", async () => {
    const seen = await allPages({ city: `Пагинск-${t}`, limit: "7" });
    expect(seen).toHaveLength(45);
    expect(new Set(seen).size).toBe(45);
    const expected = [...made].sort((a, b) => b.year - a.year || (a.id < b.id ? 1 : -1)).map((p) => p.id);
    expect(seen).toEqual(expected);
  });

  it("searching: every match exactly once, best first, ties by id", async () => {
    const seen = await allPages({ q: `площадка ${t}`, limit: "6" });
    expect(seen).toHaveLength(45);
    expect(new Set(seen).size).toBe(45);
  });

  it("the page links to the next page with the filters kept, and back to the first", async () => {
    const html = await (await anon.fetch(`/library?city=${encodeURIComponent(`Пагинск-${t}`)}`)).text();
    const next = html.match(/href="(\/library\?[^"]*after=[^"]+)" rel="next"/)![1].replaceAll("&amp;", "&");
    expect(next).toContain(`city=${encodeURIComponent(`Пагинск-${t}`)}`);
    const second = await (await anon.fetch(next)).text();
    expect(second).toContain(`href="/library?city=${encodeURIComponent(`Пагинск-${t}`)}"`);
    const firstIds = [...html.matchAll(/href="\/library\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    const secondIds = [...second.matchAll(/href="\/library\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(firstIds).toHaveLength(LIMITS.pageSize);
    expect(secondIds.filter((id) => firstIds.includes(id))).toEqual([]);
  });

  it("a cursor of the other kind, or edited, reads from the start", async () => {
    const browse = await apiList({ city: `Пагинск-${t}`, limit: "5" });
    const fromSearch = await apiList({ q: `площадка ${t}`, limit: "5", after: browse.next! });
    expect(fromSearch.items).toHaveLength(5);
    expect((await apiList({ city: `Пагинск-${t}`, limit: "5", after: "bm90LWEtY3Vyc29y" })).items.map((i) => i.id)).toEqual(browse.items.map((i) => i.id));
  });
});

describe("adding a practice by hand", () => {
  const input = (over: Record<string, unknown> = {}) => ({
    organiserId: ORG,
    title: "Народный бюджет в микрорайонах",
    city: "Тюмень",
    country: "Россия",
    theme: "Инициативное бюджетирование",
    year: 2023,
    problem: "Жители не влияли на выбор объектов благоустройства.",
    actions: "Провели голосование за проекты в каждом микрорайоне.",
    results: "Реализовано 35 проектов, проголосовали 18 000 жителей.",
    period: "2022–2023",
    budget: 120_000_000,
    ...over,
  });

  it("the organiser's admin adds one through the form: stored, searchable, audited, shown", async () => {
    const t = tag();
    const page = await admin.fetch("/library/new");
    expect(page.status).toBe(200);
    const res = await admin.fetch("/library/new", { form: { ...(input({ title: `Народный бюджет ${t}` }) as any), year: "2023", budget: "120 000 000" } });
    expect(res.status).toBe(303);
    const id = res.headers.get("location")!.match(/^\/library\/([0-9a-f-]{36})\?done=library\.done\.created$/)![1];
    expect(await row("SELECT organiser_id, source, budget, created_by, hidden_at FROM practices WHERE id = ?", id)).toEqual({ organiser_id: ORG, source: "manual", budget: 120_000_000, created_by: admin.user.id, hidden_at: null });
    expect(await count("audit_log", "action = 'practice.create' AND object_id = ? AND organiser_id = ? AND actor_id = ?", id, ORG, admin.user.id)).toBe(1);
    expect(await ids({ q: `бюджета ${t}` })).toEqual([id]);
    const html = await (await anon.fetch(`/library/${id}`)).text();
    expect(html).toContain("Реализовано 35 проектов, проголосовали 18 000 жителей.");
    expect(html).toMatch(/120\s000\s000 руб\./);
    expect(html).not.toContain("/hide");
  });

  it("through the API, and a platform admin may name any organiser", async () => {
    const res = await admin.api("/practices", { json: input() });
    expect(res.status).toBe(201);
    const res2 = await platformAdmin.api("/practices", { json: input({ organiserId: OTHER }) });
    expect(res2.status).toBe(201);
    await expectProblem(await platformAdmin.api("/practices", { json: input({ organiserId: "no-such-organiser" }) }), 422);
  });

  it.each([
    ["another organiser's admin", () => otherAdmin],
    ["the organiser's moderator", () => moderator],
    ["a resident", () => resident],
  ])("%s cannot add (403, nothing written)", async (name, who) => {
    const before = await counts("practices", "practices_fts", "audit_log");
    await expectProblem(await who().api("/practices", { json: input() }), 403);
    // The other organiser's admin may open the form (for their own organiser), not add to this one.
    expect((await who().fetch("/library/new")).status).toBe(name === "another organiser's admin" ? 200 : 403);
    expect((await who().fetch("/library/new", { form: input() as any })).status).toBe(403);
    expect(await counts("practices", "practices_fts", "audit_log")).toEqual(before);
  });

  it("without a session: 401 from the API, the sign-in page for the form", async () => {
    await expectProblem(await anon.api("/practices", { json: input() }), 401);
    const res = await new Browser().fetch("/library/new");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signin?next=%2Flibrary%2Fnew");
  });

  it.each([
    { name: "title too short", over: { title: "аб" }, field: "title" },
    { name: "title too long", over: { title: "а".repeat(LIMITS.title.max + 1) }, field: "title" },
    { name: "no city", over: { city: "" }, field: "city" },
    { name: "year before 1990", over: { year: 1989 }, field: "year" },
    { name: "year after next year", over: { year: lastYear() + 1 }, field: "year" },
    { name: "year not whole", over: { year: 2020.5 }, field: "year" },
    { name: "problem too long", over: { problem: "а".repeat(LIMITS.longText + 1) }, field: "problem" },
    { name: "no results", over: { results: "" }, field: "results" },
    { name: "negative budget", over: { budget: -1 }, field: "budget" },
    { name: "budget over the limit", over: { budget: LIMITS.budget + 1 }, field: "budget" },
    { name: "period too long", over: { period: "а".repeat(LIMITS.period + 1) }, field: "period" },
  ])("$name → 422 on the field with a reason, nothing written", async ({ over, field }) => {
    const before = await counts("practices", "practices_fts", "audit_log");
    const p = await expectProblem(await admin.api("/practices", { json: input(over) }), 422);
    expect(p.errors!.map((e) => e.field)).toEqual([field]);
    expect(p.errors![0].reason).toMatch(CYRILLIC);
    expect(await counts("practices", "practices_fts", "audit_log")).toEqual(before);
  });

  it("the limits hold at the edges: 1990, next year, the longest texts", async () => {
    for (const over of [{ year: LIMITS.firstYear }, { year: lastYear() }, { title: "а".repeat(LIMITS.title.max), problem: "б".repeat(LIMITS.longText), budget: LIMITS.budget }]) {
      expect((await admin.api("/practices", { json: input(over) })).status).toBe(201);
    }
  });

  it("the form shows the errors in Russian next to the fields and keeps what was typed", async () => {
    const before = await count("practices");
    const res = await admin.fetch("/library/new", { form: { ...(input() as any), year: "198", budget: "много", title: "Парк <b>x</b>" } });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('href="#f-year"');
    expect(html).toContain("Год — целое число от 1990 до следующего года");
    expect(html).toContain("Бюджет — целое число рублей");
    expect(html).toContain('value="Парк &lt;b>x&lt;/b>"');
    expect(await count("practices")).toBe(before);
  });
});

describe("hiding a practice", () => {
  it("the organiser's admin hides it with a reason: gone from lists and search, audited, its page 404 for others", async () => {
    const t = tag();
    const [p] = await seed(practice({ title: `Скрываемая площадка ${t}` }));
    expect(await ids({ q: `площадка ${t}` })).toEqual([p.id]);
    const page = await (await admin.fetch(`/library/${p.id}`)).text();
    expect(page).toContain(`action="/library/${p.id}/hide"`);
    const res = await admin.fetch(`/library/${p.id}/hide`, { form: { reason: "Дубликат практики" } });
    expect(res.status).toBe(303);
    expect(await count("audit_log", "action = 'practice.hide' AND object_id = ? AND reason = ? AND actor_id = ?", p.id, "Дубликат практики", admin.user.id)).toBe(1);
    expect(await ids({ q: `площадка ${t}` })).toEqual([]);
    expect(await ids({ city: "Казань", limit: "50" })).not.toContain(p.id);
    expect((await anon.fetch(`/library/${p.id}`)).status).toBe(404);
    await expectProblem(await anon.api(`/practices/${p.id}`), 404);
    expect(await (await admin.fetch(`/library/${p.id}`)).text()).toContain("Практика скрыта");
    // Hiding again: a conflict, no second record.
    await expectProblem(await admin.api(`/practices/${p.id}/hide`, { json: { reason: "Ещё раз" } }), 409);
    expect(await count("audit_log", "action = 'practice.hide' AND object_id = ?", p.id)).toBe(1);
  });

  it("the facets do not offer values only hidden practices carry", async () => {
    const t = tag();
    const [p] = await seed(practice({ city: `Невидимск-${t}` }));
    await admin.api(`/practices/${p.id}/hide`, { json: { reason: "Неверные данные" } });
    expect(await (await anon.fetch("/library")).text()).not.toContain(`Невидимск-${t}`);
  });

  it.each([
    ["another organiser's admin", () => otherAdmin],
    ["the organiser's moderator", () => moderator],
    ["a resident", () => resident],
  ])("%s cannot hide (403, nothing changed)", async (_, who) => {
    const [p] = await seed(practice());
    const before = await count("audit_log");
    await expectProblem(await who().api(`/practices/${p.id}/hide`, { json: { reason: "Не нравится" } }), 403);
    expect((await who().fetch(`/library/${p.id}/hide`, { form: { reason: "Не нравится" } })).status).toBe(403);
    expect(await row("SELECT hidden_at FROM practices WHERE id = ?", p.id)).toEqual({ hidden_at: null });
    expect(await count("audit_log")).toBe(before);
    expect(await (await who().fetch(`/library/${p.id}`)).text()).not.toContain("/hide");
  });

  it("a reason is required and bounded; an unknown practice is 404", async () => {
    const [p] = await seed(practice());
    let problem = await expectProblem(await admin.api(`/practices/${p.id}/hide`, { json: { reason: "" } }), 422);
    expect(problem.errors!.map((e) => e.field)).toEqual(["reason"]);
    problem = await expectProblem(await admin.api(`/practices/${p.id}/hide`, { json: { reason: "а".repeat(LIMITS.reason.max + 1) } }), 422);
    expect(problem.errors!.map((e) => e.field)).toEqual(["reason"]);
    const form = await admin.fetch(`/library/${p.id}/hide`, { form: { reason: "" } });
    expect(form.status).toBe(422);
    expect(await form.text()).toContain('href="#f-reason"');
    expect(await row("SELECT hidden_at FROM practices WHERE id = ?", p.id)).toEqual({ hidden_at: null });
    await expectProblem(await admin.api(`/practices/${crypto.randomUUID()}/hide`, { json: { reason: "Дубликат" } }), 404);
  });
});

describe("the practice page", () => {
  it("every field, the place as a word, and no competition links for a hand-added practice", async () => {
    const [p] = await seed(practice({ nomination: "Лучший двор", place: 1, period: "2023–2024", budget: 5_000_000 }));
    const html = await (await anon.fetch(`/library/${p.id}`)).text();
    for (const s of ["Дворы без барьеров", "Казань", "Россия", "Благоустройство", "2024", "Лучший двор", "Победитель, 1 место", "2023–2024", "Во дворах старой застройки", "Жители вместе с администрацией", "Обновлено 12 дворов."]) expect(html, s).toContain(s);
    expect(html).toMatch(/5\s000\s000 руб\./);
    expect(html).not.toContain("/competitions/");
    const en = await (await new Browser("en").fetch(`/library/${p.id}`)).text();
    expect(en).toContain("Winner, Place 1");
    expect((await anon.fetch(`/library/${crypto.randomUUID()}`)).status).toBe(404);
  });
});

describe("escaping user text", () => {
  it("markup in every field is text on the list, the highlighted snippet and the page", async () => {
    const x = `<script>alert(1)</script><img src=x onerror=alert(2)>`;
    const t = tag();
    const [p] = await seed(practice({ title: `${x} площадка ${t}`, city: `${x}город`, country: x, theme: x, nomination: x, problem: `${x} детских площадок ${x}`, actions: x, results: x, period: x }));
    const list = await (await anon.fetch(`/library?q=${encodeURIComponent(`площадка ${t}`)}`)).text();
    const page = await (await anon.fetch(`/library/${p.id}`)).text();
    for (const html of [list, page]) {
      expect(html).not.toContain("<script>alert");
      expect(html).not.toContain("<img src=x");
      expect(html).toContain("&lt;script>alert(1)&lt;/script>");
    }
    expect(list).toContain("<mark>площадок</mark>");
    const data = await (await anon.api(`/practices?${new URLSearchParams({ q: `площадка ${t}` })}`)).json();
    expect((data as any).items[0].title).toBe(`${x} площадка ${t}`);
  });
});

describe("accessibility of the list", () => {
  it("a labelled search landmark, labelled controls, a results list; English too", async () => {
    const html = await (await anon.fetch("/library")).text();
    expect(html).toMatch(/<form[^>]*role="search"[^>]*aria-label="Поиск по библиотеке"/);
    expect(html).toContain('<label for="q">');
    for (const id of ["f-city", "f-theme", "f-year", "f-nomination"]) expect(html).toContain(`<label for="${id}">`);
    expect(html).toContain('<ul class="cards">');
    const en = await (await new Browser("en").fetch("/library?q=zzzzqqq")).text();
    expect(en).toContain("Nothing found");
  });
});

describe("rebuilding the full-text table (npm run library:reindex)", () => {
  const read = async (sql: string) => (await db.prepare(sql).all<ReindexRow>()).results;
  const write = async (statements: string[]) => void (await db.batch(statements.map((s) => db.prepare(s))));

  it("after the FTS table is lost or damaged, the rebuild restores search, with rowids aligned and strays gone", async () => {
    const t = tag();
    const [p] = await seed(practice({ title: `Восстановленная площадка ${t}` }));
    const practicesCount = await count("practices");
    // A restore without the FTS table: empty, plus a stray row pointing nowhere.
    await db.batch([db.prepare("DELETE FROM practices_fts"), db.prepare("INSERT INTO practices_fts (rowid, practice_id, words) VALUES (999999999, 'gone', 'площадк')")]);
    expect(await ids({ q: `площадка ${t}` })).toEqual([]);
    // Small chunks, so that several chunk boundaries are crossed.
    const n = await reindexAll(read, write, practiceWords, 7);
    expect(n).toBe(practicesCount);
    expect(await count("practices_fts")).toBe(practicesCount);
    expect(await count("practices_fts f", "NOT EXISTS (SELECT 1 FROM practices p WHERE p.rowid = f.rowid AND p.id = f.practice_id)")).toBe(0);
    expect(await ids({ q: `площадки ${t}` })).toEqual([p.id]);
    // Idempotent, and the guard of practiceStatements still sees the row as indexed.
    expect(await reindexAll(read, write, practiceWords)).toBe(practicesCount);
    await seed(p);
    expect(await count("practices_fts", "practice_id = ?", p.id)).toBe(1);
  });

  it("the chunk's statements quote the text and bound the rowid range", () => {
    const rows: ReindexRow[] = [{ rowid: 5, id: "a'b", title: "Д'Артаньян", city: "Казань" }];
    expect(reindexChunkSql(rows, 0, false, practiceWords)).toEqual(["DELETE FROM practices_fts WHERE rowid > 0 AND rowid <= 5", "INSERT INTO practices_fts (rowid, practice_id, words) VALUES (5, 'a''b', 'д артанья д артанья казан')"]);
    expect(reindexChunkSql([], 5, true, practiceWords)).toEqual(["DELETE FROM practices_fts WHERE rowid > 5"]);
  });
});

describe("ranking", () => {
  it("a practice named after the query ranks above one that mentions it once in passing", async () => {
    const t = tag();
    const [passing, named] = await seed(
      // Once each in the text; the passing mention is in the shorter practice, which bm25 alone would
      // rank first — the title counted twice (practiceWords) puts the named one first. (Checked to fail without.)
      practice({ title: `Обновление ${t}`, problem: "Скамейки.", actions: "", results: "" }),
      practice({ title: `Скамейки ${t}`, problem: "Поставили урны.", actions: "", results: "" }),
    );
    expect(await ids({ q: `скамейка ${t}` })).toEqual([named.id, passing.id]);
  });
});
