import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { makeDb } from "../../worker/db/client";
import { parseVersionNumber, readDocument } from "../../worker/consultations/reading/service";
import { clauseNumber, documentBlocks, type ClauseView } from "../../web/pages/consultations/reading/tree";
import { serverOnly } from "../../web/pages/consultations/reading/server-only";
import { formatDateTime } from "../../web/i18n";
import type { DraftClause } from "../../worker/consultations/clause-types";
import { Browser } from "./client";
import { HOUR, SAMPLE_CLAUSES, seedConsultation, seedRemarks, setWindow } from "./consultation-fixtures";
import { createOrganiser, createUser, db, expectProblem, grantRole, newActor, signedIn } from "./fixtures";
import { ctx, sessionUser, type Actor } from "./proposals-helpers";

/**
 * The reading part: the public list of consultations, the document page and its API, who may read
 * what (drafts and draft versions), bad version numbers, escaping, and the 300-clause page's size
 * and round trips.
 */
const ORG = "read-org";
const OTHER = "read-other";
let admin: Actor;
let otherAdmin: Actor;
let moderator: Actor;
let resident: Actor;
const anon = () => new Browser();

beforeAll(async () => {
  await createOrganiser(ORG);
  await createOrganiser(OTHER);
  admin = await newActor();
  await grantRole(admin.user.id, "organiser_admin", ORG);
  otherAdmin = await newActor();
  await grantRole(otherAdmin.user.id, "organiser_admin", OTHER);
  moderator = await newActor();
  await grantRole(moderator.user.id, "moderator", ORG);
  resident = await newActor();
});

const setPublishedAt = (id: string, at: number) => db.prepare("UPDATE consultations SET published_at = ? WHERE id = ?").bind(at, id).run();
const html = async (res: Response) => {
  expect(res.status, res.headers.get("location") ?? "").toBe(200);
  return res.text();
};
/** The page's hydration data (what the browser gets as JSON). */
const pageData = (page: string) => page.match(/<script type="application\/json" id="page-data">([\s\S]*?)<\/script>/)![1];

describe("document tree (pure)", () => {
  const cl = (kind: ClauseView["kind"], number: string, depth: number): ClauseView => ({ id: `${number || kind}-${depth}`, kind, number, depth, text: "т", addressees: [], remarkCount: 0 });

  it("headings split the document; clauses nest under the nearest shallower clause", () => {
    const blocks = documentBlocks([cl("text", "", 0), cl("heading", "", 0), cl("clause", "1", 0), cl("clause", "1.1", 1), cl("item", "", 2), cl("clause", "1.2", 1), cl("clause", "2", 0), cl("heading", "", 0), cl("clause", "3", 0)]);
    expect(blocks.map((b) => b.kind)).toEqual(["list", "heading", "list", "heading", "list"]);
    const list = blocks[2] as Extract<(typeof blocks)[number], { kind: "list" }>;
    expect(list.items.map((n) => n.clause.number)).toEqual(["1", "2"]);
    expect(list.items[0].children.map((n) => n.clause.number)).toEqual(["1.1", "1.2"]);
    expect(list.items[0].children[0].children.map((n) => n.clause.kind)).toEqual(["item"]);
  });

  it("a jump in depth nests one level; a document starting deep still has a root", () => {
    const blocks = documentBlocks([cl("clause", "1.1", 1), cl("clause", "1", 0), cl("clause", "1.1.1", 2), cl("clause", "2", 0)]);
    expect(blocks).toHaveLength(1);
    const items = (blocks[0] as { items: { clause: ClauseView; children: { clause: ClauseView }[] }[] }).items;
    expect(items.map((n) => n.clause.number)).toEqual(["1.1", "1", "2"]);
    expect(items[1].children.map((n) => n.clause.number)).toEqual(["1.1.1"]);
    expect(documentBlocks([])).toEqual([]);
  });

  it("numbers are shown as documents write them", () => {
    expect(clauseNumber("8.3")).toBe("8.3.");
    expect(clauseNumber("8.")).toBe("8.");
    expect(clauseNumber("а)")).toBe("а)");
    expect(clauseNumber("")).toBe("");
  });

  it("a server-only prop is left out of the JSON, the rest kept", () => {
    expect(JSON.parse(JSON.stringify({ a: 1, clauses: serverOnly([{ text: "x" }]) }))).toEqual({ a: 1 });
  });

  it("version numbers: empty is the default, whole numbers from 1 pass, anything else is a 422 on the field", () => {
    expect(parseVersionNumber(undefined)).toBeNull();
    expect(parseVersionNumber("")).toBeNull();
    expect(parseVersionNumber("1")).toBe(1);
    expect(parseVersionNumber("10000")).toBe(10000);
    for (const bad of ["0", "-1", "x", "1.5", "1e2", " 1", "10001", "9999999"]) expect(() => parseVersionNumber(bad), bad).toThrow(expect.objectContaining({ status: 422 }));
  });
});

describe("the list", () => {
  const LIST = "read-list";
  const PAGED = "read-paged";
  const ids: Record<string, string> = {};
  const now = Date.now();
  beforeAll(async () => {
    await createOrganiser(LIST);
    await createOrganiser(PAGED);
    const mk = async (key: string, o: { status?: "draft" | "published" | "adopted"; opensAt?: number; closesAt?: number; publishedAt?: number; organiserId?: string }) => {
      const c = await seedConsultation({ organiserId: o.organiserId ?? LIST, createdBy: admin.user.id, title: `Обсуждение ${key}`, status: o.status, opensAt: o.opensAt, closesAt: o.closesAt });
      if (o.publishedAt && o.status !== "draft") await setPublishedAt(c.id, o.publishedAt);
      ids[key] = c.id;
    };
    await mk("open", { opensAt: now - HOUR, closesAt: now + 24 * HOUR, publishedAt: now - 5000 });
    await mk("upcoming", { opensAt: now + 24 * HOUR, closesAt: now + 48 * HOUR, publishedAt: now - 4000 });
    await mk("closed", { opensAt: now - 48 * HOUR, closesAt: now - HOUR, publishedAt: now - 3000 });
    await mk("adopted", { status: "adopted", opensAt: now - 96 * HOUR, closesAt: now - 48 * HOUR, publishedAt: now - 6000 });
    await mk("draft", { status: "draft" });
    await mk("otherDraft", { status: "draft", organiserId: OTHER });
    // 23 in PAGED with ties on published_at, published and adopted mixed, so the merge is exercised.
    for (let i = 0; i < 23; i++) await mk(`p${i}`, { organiserId: PAGED, status: i % 3 ? "published" : "adopted", publishedAt: now - 100_000 + (i % 5) * 1000 });
    await mk("pDraft", { organiserId: PAGED, status: "draft" });
  });

  type Card = { id: string; publishedAt: number; status: string; window: string; organiserId: string };
  async function walk(query: string, limit: number) {
    const seen: Card[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const res: Response = await anon().api(`/consultations?${query}&limit=${limit}${after ? `&after=${after}` : ""}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: Card[]; next: string | null };
      seen.push(...body.items);
      if (!body.next) break;
      after = body.next;
    }
    return seen;
  }

  for (const limit of [1, 4, 20])
    it(`pages of ${limit}: published and adopted, each once, newest published first (ties by id), never a draft`, async () => {
      const pages = await walk(`organiser=${PAGED}`, limit);
      const expected = Array.from({ length: 23 }, (_, i) => ({ id: ids[`p${i}`], at: now - 100_000 + (i % 5) * 1000 }))
        .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))
        .map((x) => x.id);
      expect(pages.map((c) => c.id)).toEqual(expected);
      expect(pages.map((c) => c.id)).not.toContain(ids.pDraft);
      expect(new Set(pages.map((c) => c.status))).toEqual(new Set(["published", "adopted"]));
    });

  it("state follows the window now: open, upcoming, closed; adopted by status", async () => {
    const of = async (state: string) => (await walk(`organiser=${LIST}&state=${state}`, 10)).map((c) => c.id);
    expect(await of("open")).toEqual([ids.open]);
    expect(await of("upcoming")).toEqual([ids.upcoming]);
    expect(await of("closed")).toEqual([ids.closed]);
    expect(await of("adopted")).toEqual([ids.adopted]);
    const all = await walk(`organiser=${LIST}`, 10);
    expect(all.map((c) => c.id)).toEqual([ids.closed, ids.upcoming, ids.open, ids.adopted]);
    expect(Object.fromEntries(all.map((c) => [c.id, c.window]))).toEqual({ [ids.closed]: "closed", [ids.upcoming]: "upcoming", [ids.open]: "open", [ids.adopted]: "closed" });
  });

  it("a window's edges: open from opens_at (inclusive) to closes_at (exclusive)", async () => {
    const t = Date.now();
    const c = await seedConsultation({ organiserId: "read-edge", createdBy: admin.user.id }).catch(async () => {
      await createOrganiser("read-edge");
      return seedConsultation({ organiserId: "read-edge", createdBy: admin.user.id });
    });
    await setWindow(c.id, t - 10, t + HOUR);
    expect((await walk(`organiser=read-edge&state=open`, 5)).map((x) => x.id)).toEqual([c.id]);
    await setWindow(c.id, t - 2 * HOUR, Date.now());
    expect((await walk(`organiser=read-edge&state=open`, 5)).map((x) => x.id)).toEqual([]);
    expect((await walk(`organiser=read-edge&state=closed`, 5)).map((x) => x.id)).toEqual([c.id]);
  });

  it("bad filters are 422 problems; a foreign cursor reads as the first page", async () => {
    const body = await expectProblem(await anon().api("/consultations?state=finished"), 422);
    expect(body.errors?.[0].field).toBe("state");
    await expectProblem(await anon().api("/consultations?limit=0"), 422);
    await expectProblem(await anon().api("/consultations?limit=101"), 422);
    const res = await anon().api(`/consultations?organiser=${LIST}&after=not-a-cursor`);
    expect(((await res.json()) as { items: unknown[] }).items).toHaveLength(4);
  });

  it("the page: cards with organiser, adopting body, window badge and sentence in Moscow time, remark count and version; filters kept; next page by key", async () => {
    const page = await html(await anon().fetch(`/consultations?organiser=${LIST}`));
    expect(page).toContain(`href="/consultations/${ids.open}"`);
    expect(page).toContain(`Организатор ${LIST}`);
    expect(page).toContain("Принимает: Участники форума");
    const open = (await db.prepare("SELECT closes_at FROM consultations WHERE id = ?").bind(ids.open).first<{ closes_at: number }>())!;
    expect(page).toContain(`Замечания принимаются до ${formatDateTime("ru", open.closes_at)}`);
    expect(page).toContain("Идёт обсуждение");
    expect(page).toContain("Скоро");
    expect(page).toContain("Обсуждение завершено");
    expect(page).toContain("Принят");
    expect(page).toContain("Замечаний: 0");
    expect(page).toContain("Редакция 1");
    expect(page).not.toContain(ids.draft);
    expect(page).not.toContain("Черновики");
    const filtered = await html(await anon().fetch(`/consultations?organiser=${LIST}&state=upcoming`));
    expect(filtered).toContain(ids.upcoming);
    expect(filtered).not.toContain(ids.open);
    const paged = await html(await anon().fetch(`/consultations?organiser=${PAGED}`));
    const next = paged.match(/href="(\/consultations\?organiser=read-paged&amp;after=[^"]+)"/);
    expect(next, "next page link").not.toBeNull();
    const second = await html(await anon().fetch(next![1].replace(/&amp;/g, "&")));
    expect(second).toContain('href="/consultations?organiser=read-paged"');
    // A bad state in the page's query is ignored (the list unfiltered), never an error page.
    expect((await anon().fetch(`/consultations?state=<b>`)).status).toBe(200);
    // English
    const en = await html(await new Browser("en").fetch(`/consultations?organiser=${LIST}`));
    expect(en).toContain("Remarks are accepted until");
  });

  it("organiser admins see their organisers' drafts (linking to the draft editor) and «Новое обсуждение»; nobody else does", async () => {
    const mine = await seedConsultation({ organiserId: ORG, createdBy: admin.user.id, status: "draft", title: "Мой черновик" });
    const page = await html(await admin.fetch("/consultations"));
    expect(page).toContain("Черновики");
    expect(page).toContain('href="/consultations/new"');
    expect(page).toContain(`href="/consultations/${mine.id}/draft"`);
    // Drafts of organisers this admin does not run stay out, whoever created them.
    expect(page).not.toContain(ids.draft);
    expect(page).not.toContain(ids.pDraft);
    expect(page).not.toContain(ids.otherDraft);
    const other = await html(await otherAdmin.fetch("/consultations"));
    expect(other).toContain(`href="/consultations/${ids.otherDraft}/draft"`);
    expect(other).not.toContain(mine.id);
    for (const b of [moderator, resident, anon()]) {
      const p = await html(await b.fetch("/consultations"));
      expect(p).not.toContain("Черновики");
      expect(p).not.toContain('href="/consultations/new"');
      expect(p).not.toContain(mine.id);
    }
    // The API lists no drafts, not even to their admins (they read them one by one).
    const api = (await (await admin.api(`/consultations?organiser=${ORG}`)).json()) as { items: { id: string }[] };
    expect(api.items.map((x) => x.id)).not.toContain(mine.id);
  });

  it("the home page shows at most three consultations open for remarks, in its one batch", async () => {
    const page = await html(await anon().fetch("/"));
    expect(page).toContain(`href="/consultations/${ids.open}"`);
    expect(page).not.toContain(`href="/consultations/${ids.upcoming}"`);
    expect(page).not.toContain(`href="/consultations/${ids.closed}"`);
    expect(page).toContain("Обсуждение документа");
    expect(page).toContain('<a href="/consultations?state=open">Все открытые обсуждения</a>');
    for (let i = 0; i < 4; i++) await seedConsultation({ organiserId: LIST, createdBy: admin.user.id, title: `Открытое ${i}` });
    const after = await html(await anon().fetch("/"));
    const open = after.match(/<a href="\/consultations\/[0-9a-f-]{36}">/g) ?? [];
    expect(open).toHaveLength(3);
  });
});

describe("the document page", () => {
  let c: Awaited<ReturnType<typeof seedConsultation>>;
  beforeAll(async () => {
    c = await seedConsultation({ organiserId: ORG, createdBy: admin.user.id });
    await seedRemarks(c, [
      { authorId: resident.user.id, clauseIndex: 1 },
      { authorId: resident.user.id, clauseIndex: 1 },
      { authorId: resident.user.id, clauseIndex: 1, status: "deleted" },
      { authorId: resident.user.id, clauseIndex: null },
    ]);
  });

  it("anyone reads a published consultation clause by clause: ids, numbers, text, addressees, remark counts linking to the clause page", async () => {
    const page = await html(await anon().fetch(`/consultations/${c.id}`));
    const [heading, one, two, twoOne] = c.versions[0].clauseIds;
    expect(page).toMatch(new RegExp(`<h3 id="clause-${heading}"[^>]*>Участники секции «Город соседей» РЕКОМЕНДУЮТ:</h3>`));
    expect(page).toContain(`id="clause-${one}"`);
    expect(page).toContain("<b>1. </b>Мэрии города Новосибирска продолжить работу");
    expect(page).toContain("<b>2.1. </b>");
    expect(page).toContain("Адресаты: Мэрии города Новосибирска; Экспертному совету по развитию ТОС");
    // 2.1 and 2.2 are addressed like 2: the line is not repeated under them.
    expect(page.match(/Адресаты: Мэрии города Новосибирска; Экспертному совету по развитию ТОС/g)).toHaveLength(1);
    // Two remarks that are not deleted on clause 1, as the counter says.
    expect(page).toContain(`<a href="${c.id}/clauses/${one}">Замечаний: 2</a>`);
    // While open, a clause without remarks invites one.
    expect(page).toContain(`<a href="${c.id}/clauses/${two}">Оставить замечание</a>`);
    // The links are relative to the page: they resolve to the clause page of the contract.
    expect(new URL(`${c.id}/clauses/${one}`, `https://uchastie.test/consultations/${c.id}?version=1`).pathname).toBe(`/consultations/${c.id}/clauses/${one}`);
    // Sub-clauses are nested inside their clause.
    expect(page).toMatch(new RegExp(`id="clause-${two}"[\\s\\S]*?<ol><li id="clause-${twoOne}"`));
    // The window: open, the exact closing instant in Moscow time, remarks on the whole document.
    const row = (await db.prepare("SELECT opens_at, closes_at FROM consultations WHERE id = ?").bind(c.id).first<{ opens_at: number; closes_at: number }>())!;
    expect(page).toContain(`Замечания принимаются до ${formatDateTime("ru", row.closes_at)}`);
    expect(page).toContain(`Приём замечаний: с ${formatDateTime("ru", row.opens_at)} по ${formatDateTime("ru", row.closes_at)} (время московское)`);
    expect(page).toContain(`href="/consultations/${c.id}/remarks"`);
    expect(page).toContain("Оставить замечание к документу в целом");
    // Open Graph like the proposal page.
    expect(page).toContain('<meta property="og:title" content="Проект резолюции форума «Активный город» — Участие">');
    expect(page).toContain('<meta property="og:description" content="Проект резолюции для обсуждения.">');
    // No management links for the public, no version switcher with one version.
    expect(page).not.toContain(`/consultations/${c.id}/edit`);
    expect(page).not.toContain("Редакции документа");
    // The clause texts travel once: not in the hydration JSON.
    expect(pageData(page)).not.toContain("продолжить работу");
  });

  it("the API gives the same document with the counts", async () => {
    const res = await anon().api(`/consultations/${c.id}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { consultation: { window: string; acceptsRemarks: boolean; remarkCount: number }; version: { number: number }; clauses: { id: string; remarkCount: number; addressees: string[]; depth: number }[]; versions: unknown[] };
    expect(body.consultation.window).toBe("open");
    expect(body.consultation.acceptsRemarks).toBe(true);
    expect(body.consultation.remarkCount).toBe(3);
    expect(body.version.number).toBe(1);
    expect(body.clauses.map((x) => x.id)).toEqual(c.versions[0].clauseIds);
    expect(body.clauses[1].remarkCount).toBe(2);
    expect(body.clauses[2].addressees).toEqual(["Мэрии города Новосибирска", "Экспертному совету по развитию ТОС"]);
    expect(body.clauses[3].depth).toBe(1);
    const v1 = await anon().api(`/consultations/${c.id}/versions/1`);
    expect(((await v1.json()) as { clauses: unknown[] }).clauses).toHaveLength(SAMPLE_CLAUSES.length);
  });

  it("upcoming and closed windows explain themselves with the exact Moscow times; no invitation to remark", async () => {
    const up = await seedConsultation({ organiserId: ORG, createdBy: admin.user.id, opensAt: Date.now() + 24 * HOUR, closesAt: Date.now() + 48 * HOUR });
    const row = (await db.prepare("SELECT opens_at, closes_at FROM consultations WHERE id = ?").bind(up.id).first<{ opens_at: number; closes_at: number }>())!;
    const page = await html(await anon().fetch(`/consultations/${up.id}`));
    expect(page).toContain(`Приём замечаний откроется ${formatDateTime("ru", row.opens_at)}`);
    expect(page).not.toContain("Оставить замечание");
    const closed = await seedConsultation({ organiserId: ORG, createdBy: admin.user.id, opensAt: Date.now() - 48 * HOUR, closesAt: Date.now() - HOUR });
    await seedRemarks(closed, [{ authorId: resident.user.id, clauseIndex: 2 }]);
    const r2 = (await db.prepare("SELECT closes_at FROM consultations WHERE id = ?").bind(closed.id).first<{ closes_at: number }>())!;
    const p2 = await html(await anon().fetch(`/consultations/${closed.id}`));
    expect(p2).toContain(`Приём замечаний завершён ${formatDateTime("ru", r2.closes_at)}`);
    expect(p2).not.toContain("Оставить замечание");
    // Counts stay readable after the window, and the whole-document remarks are linked.
    expect(p2).toContain(`href="${closed.id}/clauses/${closed.versions[0].clauseIds[2]}">Замечаний: 1</a>`);
    expect(p2).toContain(`href="/consultations/${closed.id}/remarks"`);
  });

  it("versions: a switcher, the superseded version says so and links to the newest, compare with the previous, the adopted version marked, summary and implementation linked", async () => {
    const changed: DraftClause[] = SAMPLE_CLAUSES.map((x, i) => (i === 1 ? { ...x, text: `${x.text} В 2025 году.` } : x));
    const v = await seedConsultation({ organiserId: ORG, createdBy: admin.user.id, status: "adopted", versions: [SAMPLE_CLAUSES, changed, changed], opensAt: Date.now() - 96 * HOUR, closesAt: Date.now() - 48 * HOUR });
    await db.batch([
      db.prepare("UPDATE consultation_versions SET summary_published_at = ? WHERE id = ?").bind(Date.now(), v.versions[0].id),
      db.prepare("UPDATE consultation_versions SET adopted_on = '2024-10-30', adopted_by = 'Участники форума', adopted_at = ? WHERE id = ?").bind(Date.now(), v.versions[2].id),
    ]);
    const newest = await html(await anon().fetch(`/consultations/${v.id}`));
    expect(newest).toContain("Редакции документа");
    expect(newest).toContain(`href="/consultations/${v.id}?version=1"`);
    expect(newest).toContain(`href="/consultations/${v.id}?version=2"`);
    expect(newest).toMatch(new RegExp(`href="/consultations/${v.id}\\?version=3" aria-current="page"><strong>Принятая редакция 3</strong>`));
    expect(newest).toContain("Принятая редакция: принята 30 октября 2024 г. — Участники форума");
    expect(newest).toContain(`href="/consultations/${v.id}/compare?from=2&amp;to=3"`);
    expect(newest).toContain(`href="/consultations/${v.id}/summary?version=1"`);
    expect(newest).toContain(`href="/consultations/${v.id}/implementation"`);
    expect(newest).not.toContain("Это не последняя редакция");
    const old = await html(await anon().fetch(`/consultations/${v.id}?version=1`));
    expect(old).toContain("Это не последняя редакция документа.");
    expect(old).toContain(`<a href="/consultations/${v.id}">Перейти к действующей редакции 3</a>`);
    expect(old).not.toContain("compare?from=");
    // The whole-document remarks of an older version are that version's, not the newest one's.
    expect(old).toContain(`href="/consultations/${v.id}/remarks?version=1"`);
    expect(newest).toContain(`href="/consultations/${v.id}/remarks"`);
    expect(old).toContain("Мэрии города Новосибирска продолжить работу по реализации Стратегии развития ТОС.</p>");
    const second = await html(await anon().fetch(`/consultations/${v.id}?version=2`));
    expect(second).toContain("В 2025 году.");
    expect(second).toContain(`compare?from=1&amp;to=2`);
  });

  it("organiser admins get the management links; residents, moderators and other organisers' admins do not", async () => {
    const closed = await seedConsultation({ organiserId: ORG, createdBy: admin.user.id, opensAt: Date.now() - 48 * HOUR, closesAt: Date.now() - HOUR });
    const page = await html(await admin.fetch(`/consultations/${closed.id}`));
    for (const path of ["edit", "versions/new", "dispositions", "adopt"]) expect(page, path).toContain(`href="/consultations/${closed.id}/${path}"`);
    expect(page).not.toContain(`/consultations/${closed.id}/draft"`);
    const drafting = await seedConsultation({ organiserId: ORG, createdBy: admin.user.id, versions: [SAMPLE_CLAUSES, SAMPLE_CLAUSES], lastIsDraft: true });
    const p2 = await html(await admin.fetch(`/consultations/${drafting.id}`));
    expect(p2).toContain(`href="/consultations/${drafting.id}/draft"`);
    expect(p2).not.toContain(`/consultations/${drafting.id}/versions/new`);
    // Window open: no dispositions yet.
    expect(p2).not.toContain(`/consultations/${drafting.id}/dispositions`);
    for (const b of [resident, moderator, otherAdmin, anon()]) {
      const p = await html(await b.fetch(`/consultations/${closed.id}`));
      expect(p).not.toContain("Управление обсуждением");
      expect(p).not.toContain(`/consultations/${closed.id}/edit`);
    }
  });
});

describe("who may read", () => {
  let draft: Awaited<ReturnType<typeof seedConsultation>>;
  let withDraftVersion: Awaited<ReturnType<typeof seedConsultation>>;
  beforeAll(async () => {
    draft = await seedConsultation({ organiserId: ORG, createdBy: admin.user.id, status: "draft", title: "Черновик решения сессии" });
    withDraftVersion = await seedConsultation({ organiserId: ORG, createdBy: admin.user.id, versions: [SAMPLE_CLAUSES, [{ kind: "clause", number: "1", depth: 0, text: "Тайная новая редакция.", addressees: [] }]], lastIsDraft: true });
  });

  it("a draft consultation is 404 to visitors, residents, the organiser's moderators and other organisers' admins (page and API)", async () => {
    for (const b of [anon(), resident, moderator, otherAdmin]) {
      const page = await b.fetch(`/consultations/${draft.id}`);
      expect(page.status).toBe(404);
      expect(await page.text()).not.toContain("Черновик решения сессии");
      await expectProblem(await b.api(`/consultations/${draft.id}`), 404);
      await expectProblem(await b.api(`/consultations/${draft.id}/versions/1`), 404);
    }
  });

  it("its organiser's admins read the draft, marked as not published", async () => {
    const page = await html(await admin.fetch(`/consultations/${draft.id}`));
    expect(page).toContain("Черновик решения сессии");
    expect(page).toContain("Обсуждение ещё не опубликовано");
    expect(page).toContain("Черновик редакции 1");
    // No remark links on a draft version.
    expect(page).not.toContain(`${draft.id}/clauses/`);
    expect((await admin.api(`/consultations/${draft.id}`)).status).toBe(200);
  });

  it("a draft version: 404 to the public by ?version= and by the API, missing from their switcher; its organiser's admins see it marked", async () => {
    for (const b of [anon(), resident, moderator, otherAdmin]) {
      expect((await b.fetch(`/consultations/${withDraftVersion.id}?version=2`)).status).toBe(404);
      await expectProblem(await b.api(`/consultations/${withDraftVersion.id}/versions/2`), 404);
      const page = await html(await b.fetch(`/consultations/${withDraftVersion.id}`));
      expect(page).not.toContain("Тайная новая редакция");
      expect(page).not.toContain("?version=2");
      const api = (await (await b.api(`/consultations/${withDraftVersion.id}`)).json()) as { versions: { number: number }[]; version: { number: number } };
      expect(api.versions.map((v) => v.number)).toEqual([1]);
      expect(api.version.number).toBe(1);
    }
    const page = await html(await admin.fetch(`/consultations/${withDraftVersion.id}?version=2`));
    expect(page).toContain("Тайная новая редакция.");
    expect(page).toContain("Черновик редакции: его видят только администраторы организатора");
    const own = await html(await admin.fetch(`/consultations/${withDraftVersion.id}`));
    expect(own).toContain("Черновик редакции 2");
    expect((await admin.api(`/consultations/${withDraftVersion.id}/versions/2`)).status).toBe(200);
  });

  it("bad version numbers: not a whole number from 1 → 422 on the field; a number without a version → 404", async () => {
    for (const bad of ["0", "-1", "x", "1.5"]) {
      const res = await anon().fetch(`/consultations/${withDraftVersion.id}?version=${bad}`);
      expect(res.status, bad).toBe(422);
      const body = await expectProblem(await anon().api(`/consultations/${withDraftVersion.id}/versions/${bad}`), 422);
      expect(body.errors?.[0].field).toBe("number");
      expect(body.errors?.[0].reason).toMatch(/^Номер редакции — целое число от 1 до 10\s000$/);
    }
    expect((await anon().fetch(`/consultations/${withDraftVersion.id}?version=99`)).status).toBe(404);
    await expectProblem(await anon().api(`/consultations/${withDraftVersion.id}/versions/99`), 404);
    await expectProblem(await anon().api(`/consultations/00000000-0000-0000-0000-000000000000`), 404);
    expect((await anon().fetch(`/consultations/${"x".repeat(80)}`)).status).toBe(404);
  });
});

describe("escaping", () => {
  it("XSS payloads in title, description, clause text and addressees are escaped on the pages and intact in the API", async () => {
    const payload = `<script>alert(1)</script>"><img src=x onerror=alert(2)>`;
    const c = await seedConsultation({
      organiserId: ORG,
      createdBy: admin.user.id,
      title: `Решение ${payload}`,
      versions: [[{ kind: "clause", number: "1", depth: 0, text: `Текст ${payload}\nвторой абзац`, addressees: [`Мэрии ${payload}`] }]],
    });
    await db.prepare("UPDATE consultations SET description = ?, adopting_body = ? WHERE id = ?").bind(`Описание ${payload}`, `Совет ${payload}`, c.id).run();
    for (const path of [`/consultations/${c.id}`, `/consultations?organiser=${ORG}`, "/"]) {
      const page = await html(await anon().fetch(path));
      expect(page, path).not.toContain("<script>alert(1)");
      expect(page, path).not.toContain("<img src=x");
      expect(page, path).toContain("&lt;script>alert(1)&lt;/script>");
    }
    const page = await html(await anon().fetch(`/consultations/${c.id}`));
    expect(page).toContain("Текст &lt;script>alert(1)&lt;/script>&quot;>&lt;img src=x onerror=alert(2)>\nвторой абзац");
    expect(page).toContain("Адресаты: Мэрии &lt;script>");
    expect(page).toContain("Описание &lt;script>");
    expect(page).toContain('content="Решение &lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt; — Участие"');
    const api = (await (await anon().api(`/consultations/${c.id}`)).json()) as { consultation: { title: string; description: string }; clauses: { text: string; addressees: string[] }[] };
    expect(api.consultation.title).toBe(`Решение ${payload}`);
    expect(api.clauses[0].text).toBe(`Текст ${payload}\nвторой абзац`);
    expect(api.clauses[0].addressees).toEqual([`Мэрии ${payload}`]);
  });
});

describe("a 300-clause document", () => {
  /** 300 clauses in the shape of seed 004: sections, clauses, sub-clauses and bullets, most with addressees. */
  function bigDocument(): DraftClause[] {
    const out: DraftClause[] = [];
    for (let s = 1; out.length < 300; s++) {
      out.push({ kind: "heading", number: "", depth: 0, text: `Участники секции № ${s} «Город соседей» — общественные инициативы ТОС, РЕКОМЕНДУЮТ:`, addressees: [] });
      for (let k = 1; k <= 4 && out.length < 300; k++) {
        out.push({ kind: "clause", number: `${s}.${k}`, depth: 0, text: `Мэрии города Новосибирска, Экспертному совету по развитию ТОС продолжить работу по реализации Стратегии развития ТОС в городе до 2030 года (${s}.${k}).`, addressees: ["Мэрии города Новосибирска", "Экспертному совету по развитию ТОС"] });
        // Sub-clauses carry their lead-in's addressees, as the parser gives them.
        for (let m = 1; m <= 3 && out.length < 300; m++)
          out.push({ kind: "clause", number: `${s}.${k}.${m}`, depth: 1, text: `Провести обучение активистов и председателей советов ТОС по критериям конкурса социально значимых проектов.`, addressees: ["Мэрии города Новосибирска", "Экспертному совету по развитию ТОС"] });
        if (out.length < 300) out.push({ kind: "item", number: "", depth: 2, text: "проводить круглые столы по обмену опытом, в том числе выездные семинары;", addressees: [] });
      }
    }
    return out;
  }

  it("renders in one D1 round trip, counts from the clauses' counters, under 150 KB of HTML", async () => {
    const clauses = bigDocument();
    expect(clauses).toHaveLength(300);
    const c = await seedConsultation({ organiserId: ORG, createdBy: admin.user.id, versions: [clauses] });
    // Counters set straight on the clauses with no remark rows behind them: the page can only show
    // these numbers if it reads the counters and never counts remarks.
    await db.prepare("UPDATE consultation_clauses SET remark_count = position * 7 WHERE version_id = ?").bind(c.versions[0].id).run();

    // Round trips of the document's read, counted on the real D1 binding (a pass-through spy).
    let trips = 0;
    const real = new WeakMap<object, D1PreparedStatement>();
    const d1 = (env as any).DB as D1Database;
    const wrap = (s: D1PreparedStatement): D1PreparedStatement => {
      const p = new Proxy(s, {
        get(t, k) {
          if (k === "bind") return (...a: unknown[]) => wrap(t.bind(...a));
          if (k === "all" || k === "raw" || k === "first" || k === "run") trips++;
          const v = (t as any)[k];
          return typeof v === "function" ? v.bind(t) : v;
        },
      });
      real.set(p, s);
      return p;
    };
    const spy = { prepare: (q: string) => wrap(d1.prepare(q)), batch: (stmts: D1PreparedStatement[]) => (trips++, d1.batch(stmts.map((s) => real.get(s) ?? s))), exec: d1.exec.bind(d1), dump: () => { throw new Error("no"); }, withSession: d1.withSession?.bind(d1) } as unknown as D1Database;
    const r = await readDocument({ ...ctx(), db: makeDb(spy) }, sessionUser(await createUser()), c.id, null);
    expect(trips).toBe(1);
    expect(r.clauses).toHaveLength(300);
    expect(r.clauses[299].remarkCount).toBe(299 * 7);

    const res = await anon().fetch(`/consultations/${c.id}`);
    const page = await html(res);
    const bytes = new TextEncoder().encode(page).length;
    const textBytes = new TextEncoder().encode(clauses.map((x) => x.text).join("")).length;
    console.log(`300-clause document page: ${(bytes / 1024).toFixed(1)} KB of HTML, ${(textBytes / 1024).toFixed(1)} KB of it clause text`);
    expect(bytes).toBeLessThan(150 * 1024);
    // What the page adds to the text (markup, links, addressee lines, the layout): under 300 bytes a
    // clause, whatever the clauses' length (real clauses of 150–350 characters make the text itself
    // most of the page).
    expect(bytes - textBytes).toBeLessThan(300 * 300);
    expect(page.match(/id="clause-/g)).toHaveLength(300);
    expect(page).toContain(`Замечаний: ${(299 * 7).toLocaleString("ru-RU")}`.replace(/\u00a0/g, "\u00a0"));
    expect(pageData(page).length).toBeLessThan(4 * 1024);
  });
});
