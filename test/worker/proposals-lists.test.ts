import { beforeAll, describe, expect, it } from "vitest";
import { Browser } from "./client";
import { count, createOrganiser, db, expectProblem, fillRateLimit, newActor, row } from "./fixtures";
import { complete, createProposal, insertPublished, type Actor } from "./proposals-helpers";

const ORG = "list-org";
const OTHER = "list-other";
let author: Actor;

beforeAll(async () => {
  await createOrganiser(ORG);
  await createOrganiser(OTHER);
  author = await newActor();
});

type Card = { id: string; supportCount: number; commentCount: number; publishedAt: number; organiserId: string; theme: string | null; city: string };

async function walk(query: string, limit: number) {
  const seen: Card[] = [];
  let after: string | null = null;
  for (let i = 0; i < 100; i++) {
    const res: Response = await new Browser().api(`/proposals?${query}&limit=${limit}${after ? `&after=${after}` : ""}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Card[]; next: string | null };
    seen.push(...body.items);
    if (!body.next) break;
    after = body.next;
  }
  return seen;
}

describe("the public list", () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const base = Date.now() - 1_000_000;
    // 23 published proposals of ORG with ties on every sort value, plus others that must never show.
    for (let i = 0; i < 23; i++)
      ids[`p${i}`] = await insertPublished({
        organiserId: ORG,
        authorId: author.user.id,
        theme: i % 2 ? "ecology" : "culture",
        city: i % 3 ? "Новосибирск" : "Бердск",
        supportCount: i % 4,
        commentCount: i % 5,
        publishedAt: base + (i % 7) * 1000,
      });
    ids.hidden = await insertPublished({ organiserId: ORG, authorId: author.user.id, hidden: true, theme: "culture" });
    ids.archived = await insertPublished({ organiserId: ORG, authorId: author.user.id, status: "archived", theme: "culture" });
    ids.submitted = await insertPublished({ organiserId: ORG, authorId: author.user.id, status: "submitted", theme: "culture" });
    ids.other = await insertPublished({ organiserId: OTHER, authorId: author.user.id, theme: "culture" });
  });

  const expected = (sortKey: (c: Card) => number, filter: (c: Card) => boolean, all: Card[]) =>
    all.filter(filter).sort((a, b) => sortKey(b) - sortKey(a) || (a.id < b.id ? 1 : -1)).map((c) => c.id);

  for (const sort of ["new", "supported", "discussed"] as const)
    for (const limit of [1, 4, 20])
      it(`sort=${sort}, pages of ${limit}: every proposal once, in order, across pages (ties broken by id)`, async () => {
        const pages = await walk(`organiser=${ORG}&sort=${sort}`, limit);
        const all = await walk(`organiser=${ORG}&sort=${sort}`, 100);
        expect(all.length).toBe(23);
        const key = sort === "new" ? (c: Card) => c.publishedAt : sort === "supported" ? (c: Card) => c.supportCount : (c: Card) => c.commentCount;
        expect(pages.map((c) => c.id)).toEqual(expected(key, () => true, all));
        expect(new Set(pages.map((c) => c.id)).size).toBe(23);
      });

  it("filters: theme, city, organiser, status; hidden, unpublished and other organisers' never mixed in", async () => {
    const all = await walk(`organiser=${ORG}`, 100);
    const ids23 = all.map((c) => c.id);
    expect(ids23).not.toContain(ids.hidden);
    expect(ids23).not.toContain(ids.archived);
    expect(ids23).not.toContain(ids.submitted);
    expect(ids23).not.toContain(ids.other);
    const eco = await walk(`organiser=${ORG}&theme=ecology&sort=supported`, 3);
    expect(eco.map((c) => c.id).sort()).toEqual(all.filter((c) => c.theme === "ecology").map((c) => c.id).sort());
    const berdsk = await walk(`organiser=${ORG}&city=${encodeURIComponent("Бердск")}`, 2);
    expect(berdsk.map((c) => c.id).sort()).toEqual(all.filter((c) => c.city === "Бердск").map((c) => c.id).sort());
    const archived = await walk(`organiser=${ORG}&status=archived`, 5);
    expect(archived.map((c) => c.id)).toEqual([ids.archived]);
    const anyOrganiser = await walk(`theme=culture`, 50);
    expect(anyOrganiser.map((c) => c.id)).toContain(ids.other);
    await expectProblem(await new Browser().api("/proposals?sort=oldest"), 422);
    await expectProblem(await new Browser().api("/proposals?status=draft"), 422);
    // A made-up cursor reads as the first page, never an error.
    expect((await walk(`organiser=${ORG}&after=garbage`, 100)).length).toBe(23);
  });

  it("the list page: filter form with labels, cards, «next» link carrying the filter; pages chain without repeats", async () => {
    const b = new Browser();
    const seen = new Set<string>();
    let href: string | null = `/proposals?organiser=${ORG}&sort=supported`;
    let pages = 0;
    while (href) {
      const html: string = await (await b.fetch(href)).text();
      for (const label of ['for="q-organiser"', 'for="q-theme"', 'for="q-city"', 'for="q-status"', 'for="q-sort"']) expect(html).toContain(label);
      for (const m of html.matchAll(/<a href="\/proposals\/([0-9a-f-]{36})">/g)) {
        expect(seen.has(m[1])).toBe(false);
        seen.add(m[1]);
      }
      const next: RegExpMatchArray | null = html.match(/<a href="([^"]+)" rel="next">/);
      href = next ? next[1].replace(/&amp;/g, "&") : null;
      if (href) expect(href).toContain(`organiser=${ORG}`);
      pages++;
    }
    expect(pages).toBe(2);
    expect(seen.size).toBe(23);
  });
});

describe("supports", () => {
  it("support once, take back; the count is exact and on the page", async () => {
    const id = await insertPublished({ organiserId: ORG, authorId: author.user.id });
    const fan = await newActor();
    const put = async () => (await (await fan.api(`/proposals/${id}/support`, { method: "PUT" })).json()) as { supported: boolean; supportCount: number };
    expect(await put()).toEqual({ supported: true, supportCount: 1 });
    expect(await put()).toEqual({ supported: true, supportCount: 1 });
    const html = await (await fan.fetch(`/proposals/${id}`)).text();
    expect(html).toContain("Поддержали: 1");
    expect(html).toContain("Отозвать поддержку");
    const del = await fan.api(`/proposals/${id}/support`, { method: "DELETE" });
    expect(await del.json()).toEqual({ supported: false, supportCount: 0 });
    // The page form (no JavaScript): support=on, then support=off.
    expect((await fan.fetch(`/proposals/${id}/support`, { form: { support: "on" } })).status).toBe(303);
    expect((await row<{ support_count: number }>("SELECT support_count FROM proposals WHERE id = ?", id))!.support_count).toBe(1);
    expect((await fan.fetch(`/proposals/${id}/support`, { form: { support: "off" } })).status).toBe(303);
    expect((await row<{ support_count: number }>("SELECT support_count FROM proposals WHERE id = ?", id))!.support_count).toBe(0);
  });

  it("50 concurrent supports by the same person → exactly 1", async () => {
    const id = await insertPublished({ organiserId: ORG, authorId: author.user.id });
    const fan = await newActor();
    await fan.csrfToken();
    const res = await Promise.all(Array.from({ length: 50 }, () => fan.api(`/proposals/${id}/support`, { method: "PUT" })));
    expect(res.every((r) => r.status === 200)).toBe(true);
    expect(await row("SELECT support_count FROM proposals WHERE id = ?", id)).toEqual({ support_count: 1 });
    expect(await count("proposal_supports", "proposal_id = ?", id)).toBe(1);
    // The author hears of the support once, not fifty times.
    expect(await count("notifications", "user_id = ? AND kind = 'proposal_support' AND url = ?", author.user.id, `/proposals/${id}`)).toBe(1);
  });

  it("40 people at once (each twice), then half of them taking it back at once → the count equals the rows", async () => {
    const id = await insertPublished({ organiserId: ORG, authorId: author.user.id });
    const fans = await Promise.all(Array.from({ length: 40 }, () => newActor()));
    await Promise.all(fans.map((f) => f.csrfToken()));
    // Each person twice at once: 80 requests in flight.
    await Promise.all(fans.flatMap((f) => [f.api(`/proposals/${id}/support`, { method: "PUT" }), f.api(`/proposals/${id}/support`, { method: "PUT" })]));
    expect(await row("SELECT support_count FROM proposals WHERE id = ?", id)).toEqual({ support_count: 40 });
    await Promise.all(fans.filter((_, i) => i % 2 === 0).map((f) => f.api(`/proposals/${id}/support`, { method: "DELETE" })));
    const rowsNow = await count("proposal_supports", "proposal_id = ?", id);
    expect(rowsNow).toBe(20);
    expect(await row("SELECT support_count FROM proposals WHERE id = ?", id)).toEqual({ support_count: 20 });
    // One note per person who really added a support; take-backs announce nothing.
    expect(await count("notifications", "user_id = ? AND kind = 'proposal_support' AND url = ?", author.user.id, `/proposals/${id}`)).toBe(40);
  });

  it("only published, visible proposals; only confirmed accounts; 401 signed out; rate-limited with 429", async () => {
    const fan = await newActor();
    const draft = await createProposal(author, complete(ORG));
    await expectProblem(await fan.api(`/proposals/${draft}/support`, { method: "PUT" }), 404);
    // The author sees their own draft but cannot support it.
    await expectProblem(await author.api(`/proposals/${draft}/support`, { method: "PUT" }), 403);
    const archived = await insertPublished({ organiserId: ORG, authorId: author.user.id, status: "archived" });
    await expectProblem(await fan.api(`/proposals/${archived}/support`, { method: "PUT" }), 403);
    const hidden = await insertPublished({ organiserId: ORG, authorId: author.user.id, hidden: true });
    await expectProblem(await fan.api(`/proposals/${hidden}/support`, { method: "PUT" }), 404);
    const open = await insertPublished({ organiserId: ORG, authorId: author.user.id });
    await expectProblem(await new Browser().api(`/proposals/${open}/support`, { method: "PUT" }), 401);
    const { createUser, signedIn } = await import("./fixtures");
    const unconfirmed = await signedIn(await createUser({ confirmed: false }));
    await expectProblem(await unconfirmed.api(`/proposals/${open}/support`, { method: "PUT" }), 403);
    expect(await count("proposal_supports", "proposal_id IN (?, ?, ?, ?)", draft, archived, hidden, open)).toBe(0);
    // The limit (60 per minute per account in wrangler.toml) — the 61st request in the window is refused.
    const eager = await newActor();
    await fillRateLimit(`support:${eager.user.id}`, 60, 60);
    const limited = await eager.api(`/proposals/${open}/support`, { method: "PUT" });
    await expectProblem(limited, 429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await count("proposal_supports", "proposal_id = ?", open)).toBe(0);
  });
});

describe("the home page", () => {
  it("shows the four newest published proposals, never drafts, hidden or archived ones, in one page with a link to all", async () => {
    const future = Date.now() + 86_400_000;
    const shown = [];
    for (let i = 0; i < 5; i++) shown.push(await insertPublished({ organiserId: ORG, authorId: author.user.id, title: `Новейшее предложение ${i}`, publishedAt: future + i }));
    await insertPublished({ organiserId: ORG, authorId: author.user.id, title: "Скрытое новейшее", publishedAt: future + 10, hidden: true });
    await insertPublished({ organiserId: ORG, authorId: author.user.id, title: "Архивное новейшее", publishedAt: future + 11, status: "archived" });
    await createProposal(author, complete(ORG, { title: "Черновик новейший" }));
    const html = await (await new Browser().fetch("/")).text();
    for (const i of [4, 3, 2, 1]) expect(html).toContain(`Новейшее предложение ${i}`);
    expect(html).not.toContain("Новейшее предложение 0");
    expect(html.indexOf("Новейшее предложение 4")).toBeLessThan(html.indexOf("Новейшее предложение 1"));
    for (const hidden of ["Скрытое новейшее", "Архивное новейшее", "Черновик новейший"]) expect(html).not.toContain(hidden);
    expect(html).toContain('href="/proposals"');
  });
});
