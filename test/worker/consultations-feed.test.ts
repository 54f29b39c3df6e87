import { env } from "cloudflare:workers";
import { xml2js } from "xml-js";
import { beforeAll, describe, expect, it } from "vitest";
import { escapeHtml } from "../../worker/consultations/implementation/feed";
import { moscowToday } from "../../worker/consultations/window";
import { Browser } from "./client";
import { HOUR, seedConsultation } from "./consultation-fixtures";
import { createOrganiser, createUser, db, grantRole, rows, signedIn, type TestUser } from "./fixtures";

/**
 * The Atom feed of consultations (/consultations/feed.atom): the newest 50 events, each a sentence in
 * Russian (or English with ?lang=en), stable ids, absolute links, user text escaped, valid XML.
 * This file has its own database, so the feed holds exactly the events written here.
 */
let admin: Browser & { user: TestUser };
let orgId: string;
const ORIGIN = ((env as any).PORTAL_ORIGIN as string | undefined) || "https://uchastie.test";

interface Entry {
  title: { _attributes: { type: string }; _cdata: string | string[] };
  id: { _text: string };
  link: { _attributes: { href: string } } | { _attributes: { href: string } }[];
  updated: { _text: string };
  content?: { _attributes: { type: string }; _cdata: string | string[] };
}

const cdata = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join("") : (v ?? ""));
/** What a feed reader shows for a `type="html"` text: the HTML decoded. */
const shown = (html: string) => html.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

async function feed(query = "", headers: Record<string, string> = {}) {
  const res = await new Browser().fetch(`/consultations/feed.atom${query}`, { headers });
  const text = res.status === 200 ? await res.text() : "";
  const doc = text ? (xml2js(text, { compact: true }) as { feed: { title: { _text: string }; updated: { _text: string }; id: { _text: string }; entry?: Entry | Entry[] } }) : null;
  const entries = doc ? ([] as Entry[]).concat(doc.feed.entry ?? []) : [];
  return { res, text, doc, entries, titles: entries.map((e) => shown(cdata(e.title._cdata))) };
}

async function insertEvent(consultationId: string, kind: string, params: Record<string, string | number>, createdAt: number, url = `/consultations/${consultationId}`) {
  const id = crypto.randomUUID();
  await db
    .prepare("INSERT INTO consultation_events (id, consultation_id, organiser_id, kind, params, url, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .bind(id, consultationId, orgId, kind, JSON.stringify(params), url, createdAt)
    .run();
  return id;
}

let consultationId: string;
let xssId: string;
const XSS_TITLE = `<script>alert(1)</script> & ]]> «Город»`;

beforeAll(async () => {
  orgId = await createOrganiser();
  admin = await signedIn(await createUser());
  await grantRole(admin.user.id, "organiser_admin", orgId);
  const c = await seedConsultation({ organiserId: orgId, createdBy: admin.user.id, opensAt: Date.now() - 48 * HOUR, closesAt: Date.now() - HOUR });
  consultationId = c.id;
  const t0 = Date.now() - 10 * HOUR;
  await insertEvent(c.id, "published", { title: "Проект резолюции форума «Активный город»" }, t0);
  await insertEvent(c.id, "version", { title: "Проект резолюции форума «Активный город»", version: 2 }, t0 + 1000);
  await insertEvent(c.id, "summary", { title: "Проект резолюции форума «Активный город»", version: 2 }, t0 + 2000, `/consultations/${c.id}/summary?version=2`);
  // Adoption and a status change go through the real routes, which write their events.
  expect((await admin.api(`/consultations/${c.id}/adopt`, { json: { adoptedOn: moscowToday(Date.now()), adoptedBy: "Участники форума" } })).status).toBe(201);
  const [commitment] = await rows<{ id: string }>("SELECT id FROM commitments WHERE consultation_id = ? AND clause_position = 3 ORDER BY id LIMIT 1", c.id);
  expect((await admin.api(`/commitments/${commitment.id}`, { method: "PATCH", json: { status: "done" } })).status).toBe(200);

  const x = await seedConsultation({ organiserId: orgId, createdBy: admin.user.id, title: XSS_TITLE });
  xssId = x.id;
});

describe("the Atom feed", () => {
  it("is Atom 1.0 XML with the right type and cache headers, newest first, one sentence per kind in Russian", async () => {
    const f = await feed();
    expect(f.res.status).toBe(200);
    expect(f.res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    expect(f.res.headers.get("cache-control")).toBe("public, max-age=300");
    expect(f.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(f.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(f.doc!.feed.title._text).toBe("Обсуждения документов — «Участие»");
    expect(f.doc!.feed.id._text).toBe(`${ORIGIN}/consultations/feed.atom`);
    expect(f.titles).toEqual([
      "Исполнение: «Проект резолюции форума «Активный город»» — пункт 2.1, Мэрии города Новосибирска — выполнено",
      "Принят документ «Проект резолюции форума «Активный город»»",
      "Опубликована сводка предложений по проекту «Проект резолюции форума «Активный город»» (редакция 2)",
      "Опубликована редакция 2 проекта «Проект резолюции форума «Активный город»»",
      "Опубликован проект «Проект резолюции форума «Активный город»» для обсуждения",
    ]);
    expect(shown(cdata(f.entries[1].content?._cdata))).toMatch(/^Документ «Проект резолюции форума «Активный город»» принят \d+ ноября 2026 г\.: Участники форума\. Принятая редакция 1/);
  });

  it("entries: ids are the events' own (urn:uuid), updated is when the event happened, links are absolute", async () => {
    const events = await rows<{ id: string; created_at: number; url: string }>("SELECT id, created_at, url FROM consultation_events ORDER BY created_at DESC, id DESC");
    const f = await feed();
    expect(f.entries.map((e) => e.id._text)).toEqual(events.map((e) => `urn:uuid:${e.id}`));
    expect(f.entries.map((e) => e.updated._text)).toEqual(events.map((e) => new Date(e.created_at).toISOString()));
    expect(f.doc!.feed.updated._text).toBe(new Date(events[0].created_at).toISOString());
    const href = (e: Entry) => ([] as { _attributes: { href: string } }[]).concat(e.link)[0]._attributes.href;
    expect(f.entries.map(href)).toEqual(events.map((e) => ORIGIN + e.url));
    expect(href(f.entries[0])).toMatch(new RegExp(`^${ORIGIN}/consultations/${consultationId}/implementation#commitment-`));
    expect(href(f.entries[2])).toBe(`${ORIGIN}/consultations/${consultationId}/summary?version=2`);
    // Stable: the same request gives the same ids.
    expect((await feed()).entries.map((e) => e.id._text)).toEqual(f.entries.map((e) => e.id._text));
  });

  it("?lang=en gives English sentences", async () => {
    const f = await feed("?lang=en");
    expect(f.doc!.feed.title._text).toBe("Consultations on documents — Uchastie");
    expect(f.titles).toEqual([
      "Implementation: “Проект резолюции форума «Активный город»” — clause 2.1, Мэрии города Новосибирска — done",
      "Document “Проект резолюции форума «Активный город»” adopted",
      "Summary of remarks on the draft “Проект резолюции форума «Активный город»” published (version 2)",
      "Version 2 of the draft “Проект резолюции форума «Активный город»” published",
      "Draft “Проект резолюции форума «Активный город»” published for consultation",
    ]);
  });

  it("user text is escaped: a title with markup, an ampersand, a CDATA end and control characters still gives valid XML that shows the text as written", async () => {
    const id = await insertEvent(xssId, "published", { title: `${XSS_TITLE}\u0001\u001f` }, Date.now() + 1000);
    const f = await feed();
    expect(f.text).not.toContain("<script>");
    expect(f.text).not.toContain("\u0001");
    const entry = f.entries.find((e) => e.id._text === `urn:uuid:${id}`)!;
    expect(entry.title._attributes.type).toBe("html");
    const html = cdata(entry.title._cdata);
    expect(html).not.toMatch(/[<>]/);
    expect(shown(html)).toBe(`Опубликован проект «${XSS_TITLE}» для обсуждения`);
    expect(shown(cdata(entry.content?._cdata))).toContain(XSS_TITLE);
    await db.prepare("DELETE FROM consultation_events WHERE id = ?").bind(id).run();
  });

  it("escapeHtml: markup characters and XML-forbidden controls", () => {
    expect(escapeHtml(`<a href="x">'&'</a>\u0000\u0008\t\n`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\t\n");
  });

  it("holds the newest 50 events only", async () => {
    const base = Date.now() + 10_000;
    const ids: string[] = [];
    for (let i = 0; i < 55; i++) ids.push(await insertEvent(consultationId, "version", { title: "Проект", version: i + 3 }, base + i));
    const f = await feed();
    expect(f.entries).toHaveLength(50);
    expect(f.entries.map((e) => e.id._text)).toEqual(ids.slice(5).reverse().map((id) => `urn:uuid:${id}`));
    expect(f.titles[0]).toBe("Опубликована редакция 57 проекта «Проект»");
  });

  it("answers 304 to a reader that has the newest version (ETag of the newest entry and the language)", async () => {
    const first = await feed();
    const etag = first.res.headers.get("etag")!;
    expect(etag).toMatch(/^W\/".+-ru"$/);
    const again = await feed("", { "if-none-match": etag });
    expect(again.res.status).toBe(304);
    expect((await feed("?lang=en", { "if-none-match": etag })).res.status).toBe(200);
    await insertEvent(consultationId, "published", { title: "Новый" }, Date.now() + 100_000);
    expect((await feed("", { "if-none-match": etag })).res.status).toBe(200);
  });

  it("is reached before /consultations/:id (the reading part's page) and linked from the implementation pages", async () => {
    expect((await feed()).res.headers.get("content-type")).toMatch(/^application\/atom\+xml/);
    const html = await (await new Browser().fetch("/implementation")).text();
    expect(html).toContain('href="/consultations/feed.atom" type="application/atom+xml"');
  });

  it("every page announces the feed to readers in its head, in the page's language", async () => {
    const ru = await (await new Browser("ru").fetch("/")).text();
    expect(ru).toMatch(/<head>[\s\S]*<link rel="alternate" type="application\/atom\+xml" title="[^"]+" href="\/consultations\/feed\.atom">[\s\S]*<\/head>/);
    const en = await (await new Browser("en").fetch("/proposals")).text();
    expect(en).toContain('type="application/atom+xml" title="Consultations and implementation" href="/consultations/feed.atom?lang=en"');
  });
});
