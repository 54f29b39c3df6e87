import { zipSync, strToU8 } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import seed004 from "../../scripts/demo/seeds/004_4ae2ef571d6fa131.txt?raw";
import { DRAFT_TEXT_BODY_LIMIT_BYTES } from "../../worker/consultations/drafting/body-limit";
import { IMPORT_LIMITS } from "../../worker/consultations/parser/import";
import type { Browser } from "./client";
import { HOUR, SAMPLE_CLAUSES, seedConsultation, seedRemarks } from "./consultation-fixtures";
import { count, createOrganiser, createUser, db, expectProblem, grantRole, newActor, row, rows, signedIn, type TestUser } from "./fixtures";

/**
 * The organiser's side of a consultation through its API and pages, on the real local D1 with the
 * migration's triggers: create from a text (pasted, uploaded), correct the draft, publish, start
 * the next version, link remarks; who may do it; every limit; nothing written by a refused request.
 */

type Actor = Browser & { user: TestUser };
let org: string;
let otherOrg: string;
let admin: Actor;
let otherAdmin: Actor;
let resident: Actor;
let moderator: Actor;

beforeAll(async () => {
  org = await createOrganiser();
  otherOrg = await createOrganiser();
  admin = await newActor();
  await grantRole(admin.user.id, "organiser_admin", org);
  otherAdmin = await newActor();
  await grantRole(otherAdmin.user.id, "organiser_admin", otherOrg);
  resident = await newActor();
  moderator = await newActor();
  await grantRole(moderator.user.id, "moderator", org);
});

const iso = (ms: number) => new Date(ms).toISOString();
const SHORT = "Участники секции «Город соседей» РЕКОМЕНДУЮТ:\n1. Мэрии города Новосибирска продолжить работу.\n2. Мэрии города Новосибирска, Экспертному совету по развитию ТОС:\n2.1. Провести конкурс.\n2.2. Провести обучение.\n3. Активу ТОС привлекать молодёжь.";
const input = (over: Record<string, unknown> = {}) => ({
  organiserId: org,
  title: "Проект резолюции форума «Активный город»",
  adoptingBody: "Участники форума",
  description: "Обсуждение проекта резолюции.",
  opensAt: iso(Date.now() + HOUR),
  closesAt: iso(Date.now() + 48 * HOUR),
  text: SHORT,
  ...over,
});

async function create(over: Record<string, unknown> = {}, by: Actor = admin) {
  const res = await by.api("/consultations", { json: input(over) });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string; versionId: string; clauseCount: number };
}

interface ClauseDb {
  id: string;
  position: number;
  number: string;
  kind: string;
  depth: number;
  text: string;
  addressees: string;
  lineage: string;
  version_id: string;
}
const clausesOf = (versionId: string) => rows<ClauseDb>("SELECT * FROM consultation_clauses WHERE version_id = ? ORDER BY position", versionId);
const draftOf = (id: string) => row<{ id: string; number: number; clause_count: number; status: string; source_text: string }>("SELECT * FROM consultation_versions WHERE consultation_id = ? AND status = 'draft'", id);
const audits = (id: string, action?: string) => count("audit_log", action ? "object_id = ? AND action = ?" : "object_id = ?", ...(action ? [id, action] : [id]));
/** Everything a refused request must leave as it was. */
const snapshot = async (id: string) => ({
  consultation: await row("SELECT * FROM consultations WHERE id = ?", id),
  versions: await rows("SELECT id, number, status, note, clause_count, source_text FROM consultation_versions WHERE consultation_id = ? ORDER BY number", id),
  clauses: await rows("SELECT id, version_id, position, number, kind, depth, text, addressees, lineage FROM consultation_clauses WHERE consultation_id = ? ORDER BY version_id, position", id),
  links: await rows("SELECT l.* FROM remark_links l JOIN consultation_clauses c ON c.id = l.clause_id WHERE c.consultation_id = ? ORDER BY l.remark_id", id),
  audit: await audits(id),
  events: await count("consultation_events", "consultation_id = ?", id),
});
const totals = async () => ({ consultations: await count("consultations"), versions: await count("consultation_versions"), clauses: await count("consultation_clauses"), audit: await count("audit_log") });

describe("creating a consultation", () => {
  it("parses the text into version 1's clauses and writes the consultation, the version and the audit record", async () => {
    const r = await create({ text: seed004 });
    const c = await row<Record<string, unknown>>("SELECT * FROM consultations WHERE id = ?", r.id);
    expect(c).toMatchObject({ organiser_id: org, status: "draft", current_version: 0, created_by: admin.user.id, title: "Проект резолюции форума «Активный город»", adopting_body: "Участники форума", published_at: null });
    const v = await draftOf(r.id);
    expect(v).toMatchObject({ id: r.versionId, number: 1, status: "draft", source_text: seed004 });
    const clauses = await clausesOf(r.versionId);
    expect(clauses.length).toBe(r.clauseCount);
    expect(v!.clause_count).toBe(clauses.length);
    expect(clauses.length).toBeGreaterThan(30);
    expect(clauses.map((x) => x.position)).toEqual(clauses.map((_, i) => i));
    // A fresh draft's clauses are their own lineage.
    for (const x of clauses) expect(x.lineage).toBe(x.id);
    const heading = clauses.find((x) => x.kind === "heading")!;
    expect(heading.text).toContain("Город соседей");
    const first = clauses.find((x) => x.number === "2.1")!;
    expect(JSON.parse(first.addressees)).toContain("Мэрии города Новосибирска");
    expect(await audits(r.id, "consultation.create")).toBe(1);
  });

  it("a draft consultation is visible only to its managers", async () => {
    const { id } = await create();
    expect((await admin.api(`/consultations/${id}/draft`)).status).toBe(200);
    for (const b of [otherAdmin, resident, moderator]) await expectProblem(await b.api(`/consultations/${id}/draft`), 404);
    for (const b of [otherAdmin, resident, moderator]) expect((await b.fetch(`/consultations/${id}/draft`)).status).toBe(404);
  });

  it("only an admin of the organiser may create (others: 403, nothing written)", async () => {
    const before = await totals();
    for (const b of [otherAdmin, resident, moderator]) await expectProblem(await b.api("/consultations", { json: input() }), 403);
    const anonymous = (await import("./client")).Browser;
    await expectProblem(await new anonymous().api("/consultations", { json: input() }), 401);
    expect(await totals()).toEqual(before);
  });

  it("refuses each field over its limit and a wrong window with problem+json naming the field; nothing written", async () => {
    const before = await totals();
    const cases: [Record<string, unknown>, string][] = [
      [{ title: "" }, "title"],
      [{ title: "Т".repeat(301) }, "title"],
      [{ adoptingBody: "О".repeat(301) }, "adoptingBody"],
      [{ description: "О".repeat(5001) }, "description"],
      [{ text: "" }, "text"],
      [{ text: "   " }, "text"],
      [{ text: `1. ${"Я".repeat(IMPORT_LIMITS.textChars)}` }, "text"],
      [{ opensAt: "2026-11-22T10:00" }, "opensAt"],
      [{ closesAt: "завтра" }, "closesAt"],
      [{ closesAt: iso(Date.now() + HOUR) }, "closesAt"],
      [{ closesAt: iso(Date.now() + HOUR + 59 * 60_000) }, "closesAt"],
      [{ closesAt: iso(Date.now() + HOUR + 367 * 24 * HOUR) }, "closesAt"],
      [{ organiserId: "" }, "organiserId"],
      [{ text: `1. Коротко.\n2. ${"Длинный пункт ".repeat(800)}` }, "text"],
    ];
    for (const [over, field] of cases) {
      const body = await expectProblem(await admin.api("/consultations", { json: input(over) }), 422);
      expect(body.errors?.map((e) => e.field), JSON.stringify(over).slice(0, 80)).toContain(field);
      expect(body.errors!.find((e) => e.field === field)!.reason).toMatch(/[А-Яа-я]/);
    }
    expect(await totals()).toEqual(before);
  });

  it("the limits at their edges are accepted", async () => {
    // Both instants from one clock reading: read twice, a second boundary between them made the window 59:59 (refused).
    const now = Date.now();
    const r = await create({ title: "Т".repeat(300), adoptingBody: "О".repeat(300), description: "О".repeat(5000), opensAt: iso(now + HOUR), closesAt: iso(now + 2 * HOUR) });
    expect(await row("SELECT length(title) AS t FROM consultations WHERE id = ?", r.id)).toEqual({ t: 300 });
  });

  it("a pasted text over 64 KB goes through (the drafting routes' own body limit), the whole of it", async () => {
    const clause = (i: number) => `${i}. Мэрии города Новосибирска рассмотреть вопрос номер ${i} о благоустройстве дворов, скверов и парков города в 2025 году.`;
    const text = Array.from({ length: 900 }, (_, i) => clause(i + 1)).join("\n");
    expect(new TextEncoder().encode(JSON.stringify({ text })).length).toBeGreaterThan(150 * 1024);
    const r = await create({ text });
    expect(r.clauseCount).toBe(900);
    const last = await row<ClauseDb>("SELECT * FROM consultation_clauses WHERE version_id = ? AND position = 899", r.versionId);
    expect(last?.number).toBe("900");
    // The global limit still holds for everything else: a 70 KB description is refused before it is read.
    await expectProblem(await admin.api(`/consultations/${r.id}`, { method: "PATCH", json: { description: "x".repeat(70 * 1024) } }), 413);
  });

  it("the 2,001st clause is refused", async () => {
    const text = Array.from({ length: 2001 }, (_, i) => `${Math.floor(i / 100) + 1}.${(i % 100) + 1}. Пункт.`).join("\n");
    const body = await expectProblem(await admin.api("/consultations", { json: input({ text }) }), 422);
    expect(body.errors?.[0]).toMatchObject({ field: "text", code: "consultations.drafting.field.tooManyClauses" });
    expect((await admin.api("/consultations", { json: input({ text: text.split("\n").slice(0, 2000).join("\n") }) })).status).toBe(201);
  });
});

describe("the page forms: paste, upload, errors", () => {
  const form = (over: Record<string, string> = {}) => ({
    organiserId: org,
    title: "Решение XVII сессии МАГ",
    adoptingBody: "Генеральная Ассамблея МАГ",
    description: "",
    opensAt: "2026-11-22T10:00",
    closesAt: "2026-12-22T18:00",
    text: SHORT,
    ...over,
  });

  it("the new form lists only the organisers the person administers; others are told they cannot", async () => {
    const html = await (await admin.fetch("/consultations/new")).text();
    expect(html).toContain(`value="${org}"`);
    expect(html).not.toContain(`value="${otherOrg}"`);
    expect(html).toContain('type="datetime-local"');
    expect(html).toContain('enctype="multipart/form-data"');
    const theirs = await (await resident.fetch("/consultations/new")).text();
    expect(theirs).toContain("нет такой роли");
    expect((await new (await import("./client")).Browser().fetch("/consultations/new")).status).toBe(303);
  });

  it("a pasted text (urlencoded) creates the draft; the window is read as Moscow time", async () => {
    const res = await admin.fetch("/consultations", { form: form() });
    expect(res.status).toBe(303);
    const id = res.headers.get("location")!.match(/^\/consultations\/([^/]+)\/draft\?done=/)![1];
    const c = await row<{ opens_at: number; closes_at: number }>("SELECT opens_at, closes_at FROM consultations WHERE id = ?", id);
    expect(c!.opens_at).toBe(Date.UTC(2026, 10, 22, 7, 0));
    expect(c!.closes_at).toBe(Date.UTC(2026, 11, 22, 15, 0));
    const page = await (await admin.fetch(res.headers.get("location")!)).text();
    expect(page).toContain("Черновик редакции 1");
    expect(page).toContain("Провести конкурс.");
  });

  it("a pasted text of 250,000 characters in a urlencoded form (≈1.5 MB encoded) is accepted", async () => {
    const line = "Мэрии города Новосибирска провести работу по благоустройству территорий ТОС и парков. ";
    const text = Array.from({ length: 200 }, (_, i) => `${i + 1}. ${line.repeat(Math.floor(1250 / line.length))}`).join("\n");
    expect(text.length).toBeGreaterThan(240_000);
    const res = await admin.fetch("/consultations", { form: form({ text }) });
    expect(res.status, (await res.clone().text()).slice(0, 300)).toBe(303);
  });

  it("refused input shows the form again with the reasons and what was typed, and writes nothing", async () => {
    const before = await totals();
    const res = await admin.fetch("/consultations", { form: form({ title: "", closesAt: "2026-11-22T10:30", text: "  " }) });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('href="#f-title"');
    expect(html).toContain("Заполните это поле");
    expect(html).toContain('value="2026-11-22T10:30"');
    expect(await totals()).toEqual(before);
    const late = await admin.fetch("/consultations", { form: form({ closesAt: "2026-11-22T10:30" }) });
    expect(late.status).toBe(422);
    expect(await late.text()).toContain("не меньше 60 минут");
    const wrongDate = await admin.fetch("/consultations", { form: form({ opensAt: "2026-02-30T10:00" }) });
    expect(wrongDate.status).toBe(422);
    expect(await totals()).toEqual(before);
  });

  it("an uploaded .txt (windows-1251 too) and .docx are read; the file wins over the textarea", async () => {
    const send = async (name: string, bytes: Uint8Array, text = "") => {
      const fd = new FormData();
      for (const [k, v] of Object.entries(form({ text }))) fd.set(k, v);
      fd.set("file", new File([bytes as BlobPart], name));
      return admin.fetch("/consultations", { method: "POST", body: fd });
    };
    const txt = await send("проект.txt", new TextEncoder().encode(SHORT), "1. Этот текст не используется.");
    expect(txt.status, await txt.clone().text()).toBe(303);
    const id = txt.headers.get("location")!.split("/")[2];
    const v = await draftOf(id);
    expect(v!.source_text).toBe(SHORT);
    expect((await clausesOf(v!.id)).map((x) => x.number)).toEqual(["", "1", "2", "2.1", "2.2", "3"]);

    // The same text saved by an old Word as windows-1251.
    const cp1251 = new Uint8Array([...SHORT].map((ch) => {
      const code = ch.codePointAt(0)!;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      return { "Ё": 0xa8, "ё": 0xb8, "«": 0xab, "»": 0xbb }[ch]!;
    }));
    const old = await send("проект-1251.txt", cp1251);
    expect(old.status, await old.clone().text()).toBe(303);
    expect((await draftOf(old.headers.get("location")!.split("/")[2]))!.source_text).toBe(SHORT);

    const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${SHORT.split("\n")
      .map((l) => `<w:p><w:r><w:t xml:space="preserve">${l.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</w:t></w:r></w:p>`)
      .join("")}</w:body></w:document>`;
    const docx = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "word/document.xml": strToU8(xml) });
    const d = await send("проект.docx", docx);
    expect(d.status, await d.clone().text()).toBe(303);
    const dv = await draftOf(d.headers.get("location")!.split("/")[2]);
    expect((await clausesOf(dv!.id)).map((x) => x.number)).toEqual(["", "1", "2", "2.1", "2.2", "3"]);
  });

  it("a wrong file is named on the file field; nothing written", async () => {
    const before = await totals();
    for (const [name, bytes, reason] of [
      ["проект.pdf", strToU8("%PDF-1.4"), "txt, .md или .docx"],
      ["проект.docx", strToU8("не zip"), "docx"],
      ["пусто.txt", strToU8("   \n  "), "нет текста"],
      ["большой.txt", new Uint8Array(IMPORT_LIMITS.fileBytes + 1).fill(0x41), "КБ"],
    ] as const) {
      const fd = new FormData();
      for (const [k, v] of Object.entries(form({ text: "" }))) fd.set(k, v);
      fd.set("file", new File([bytes as BlobPart], name));
      const res = await admin.fetch("/consultations", { method: "POST", body: fd });
      expect(res.status, name).toBe(422);
      const html = await res.text();
      expect(html).toContain('href="#f-file"');
      expect(html, name).toContain(reason);
    }
    expect(await totals()).toEqual(before);
  });

  it("a body over the drafting routes' own limit is refused with 413 before it is read; nothing written", async () => {
    const before = await totals();
    const fd = new FormData();
    for (const [k, v] of Object.entries(form())) fd.set(k, v);
    fd.set("file", new File([new Uint8Array(DRAFT_TEXT_BODY_LIMIT_BYTES + 1024).fill(0x41)], "огромный.txt"));
    const page = await admin.fetch("/consultations", { method: "POST", body: fd });
    expect(page.status).toBe(413);
    expect(await page.text()).toContain("Слишком большой запрос");
    const api = await admin.api("/consultations", { json: input({ text: "Я".repeat(DRAFT_TEXT_BODY_LIMIT_BYTES / 2 + 1) }) });
    const body = await expectProblem(api, 413);
    expect(body.errors?.[0]).toMatchObject({ field: "text" });
    expect(await totals()).toEqual(before);
  });
});

describe("editing a consultation's properties", () => {
  it("changes the title, body, description and window, audited; bad windows and long fields refused", async () => {
    const { id } = await create();
    const res = await admin.api(`/consultations/${id}`, { method: "PATCH", json: { title: "Новое название", description: "Новое описание", closesAt: iso(Date.now() + 100 * HOUR) } });
    expect(res.status).toBe(200);
    expect(await row("SELECT title, description FROM consultations WHERE id = ?", id)).toEqual({ title: "Новое название", description: "Новое описание" });
    expect(await audits(id, "consultation.update")).toBe(1);
    const before = await snapshot(id);
    for (const [json, field] of [
      [{ closesAt: iso(Date.now()) }, "closesAt"],
      [{ opensAt: iso(Date.now() + 200 * HOUR) }, "closesAt"],
      [{ title: "" }, "title"],
      [{ title: "Т".repeat(301) }, "title"],
      [{ adoptingBody: "Т".repeat(301) }, "adoptingBody"],
      [{ description: "Т".repeat(5001) }, "description"],
    ] as const) {
      const body = await expectProblem(await admin.api(`/consultations/${id}`, { method: "PATCH", json }), 422);
      expect(body.errors?.map((e) => e.field)).toContain(field);
    }
    expect(await snapshot(id)).toEqual(before);
  });

  it("the edit page shows the window in Moscow time and saves through the form", async () => {
    const { id } = await create({ opensAt: "2026-11-22T10:00:00+03:00", closesAt: "2026-11-30T18:00:00+03:00" });
    const html = await (await admin.fetch(`/consultations/${id}/edit`)).text();
    expect(html).toContain('value="2026-11-22T10:00"');
    expect(html).toContain('value="2026-11-30T18:00"');
    const res = await admin.fetch(`/consultations/${id}/edit`, { form: { title: "Исправленное название", adoptingBody: "", description: "", opensAt: "2026-11-22T10:00", closesAt: "2026-11-23T18:00" } });
    expect(res.status).toBe(303);
    expect(await row("SELECT title, closes_at FROM consultations WHERE id = ?", id)).toEqual({ title: "Исправленное название", closes_at: Date.UTC(2026, 10, 23, 15, 0) });
    const bad = await admin.fetch(`/consultations/${id}/edit`, { form: { title: "Исправленное название", opensAt: "2026-11-22T10:00", closesAt: "2026-11-21T18:00" } });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("закончиться позже");
  });

  it("others may not: another organiser's admin, a resident, a moderator (404 for a draft, 403 once published)", async () => {
    const { id } = await create();
    const before = await snapshot(id);
    for (const b of [otherAdmin, resident, moderator]) await expectProblem(await b.api(`/consultations/${id}`, { method: "PATCH", json: { title: "Чужое" } }), 404);
    expect(await snapshot(id)).toEqual(before);
    expect((await admin.api(`/consultations/${id}/draft/publish`, { json: {} })).status).toBe(200);
    const published = await snapshot(id);
    for (const b of [otherAdmin, resident, moderator]) {
      await expectProblem(await b.api(`/consultations/${id}`, { method: "PATCH", json: { title: "Чужое" } }), 403);
      expect((await b.fetch(`/consultations/${id}/edit`, { form: { title: "Чужое" } })).status).toBe(403);
    }
    expect(await snapshot(id)).toEqual(published);
  });

  it("an adopted consultation no longer changes (409)", async () => {
    const s = await seedConsultation({ organiserId: org, createdBy: admin.user.id, status: "adopted" });
    const before = await snapshot(s.id);
    await expectProblem(await admin.api(`/consultations/${s.id}`, { method: "PATCH", json: { title: "Поздно" } }), 409);
    await expectProblem(await admin.api(`/consultations/${s.id}/versions`, { json: { from: "current" } }), 409);
    expect(await snapshot(s.id)).toEqual(before);
  });
});

describe("the draft editor's operations", () => {
  async function fresh() {
    const r = await create();
    const clauses = await clausesOf(r.versionId);
    return { ...r, clauses, byNumber: (n: string) => clauses.find((x) => x.number === n)! };
  }
  const expectContiguous = async (versionId: string) => {
    const list = await clausesOf(versionId);
    expect(list.map((x) => x.position)).toEqual(list.map((_, i) => i));
    expect((await row<{ clause_count: number }>("SELECT clause_count FROM consultation_versions WHERE id = ?", versionId))!.clause_count).toBe(list.length);
    return list;
  };

  it("edits a clause's fields (audited) and keeps its id and lineage", async () => {
    const d = await fresh();
    const target = d.byNumber("2.1");
    const res = await admin.api(`/consultations/${d.id}/draft/clauses/${target.id}`, { method: "PATCH", json: { number: "2.1.", text: "Провести конкурс ТОС в 2025 году.", addressees: ["Мэрии города Новосибирска", " ", "мэрии города новосибирска"], depth: 1, kind: "clause" } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ clauseId: target.id, position: target.position });
    const after = await row<ClauseDb>("SELECT * FROM consultation_clauses WHERE id = ?", target.id);
    expect(after).toMatchObject({ number: "2.1.", text: "Провести конкурс ТОС в 2025 году.", lineage: target.lineage, position: target.position });
    expect(JSON.parse(after!.addressees)).toEqual(["Мэрии города Новосибирска"]);
    expect(await audits(d.id, "consultation.draft.update")).toBe(1);
  });

  it("each clause field's limit: 422 on the field, nothing changed", async () => {
    const d = await fresh();
    const target = d.byNumber("1");
    const before = await snapshot(d.id);
    for (const [json, field] of [
      [{ text: "" }, "text"],
      [{ text: "   " }, "text"],
      [{ text: "Я".repeat(10_001) }, "text"],
      [{ number: "1".repeat(31) }, "number"],
      [{ depth: 10 }, "depth"],
      [{ depth: -1 }, "depth"],
      [{ depth: 1.5 }, "depth"],
      [{ kind: "chapter" }, "kind"],
      [{ addressees: Array.from({ length: 11 }, (_, i) => `Адресат ${i}`) }, "addressees"],
      [{ addressees: ["А".repeat(301)] }, "addressees"],
    ] as const) {
      const body = await expectProblem(await admin.api(`/consultations/${d.id}/draft/clauses/${target.id}`, { method: "PATCH", json }), 422);
      expect(body.errors?.[0]?.field, JSON.stringify(json).slice(0, 60)).toMatch(new RegExp(`^${field}`));
    }
    expect(await snapshot(d.id)).toEqual(before);
    expect((await admin.api(`/consultations/${d.id}/draft/clauses/${target.id}`, { method: "PATCH", json: { text: "Я".repeat(10_000), number: "1".repeat(30), depth: 9, addressees: Array.from({ length: 10 }, () => "А".repeat(300)).map((a, i) => a.slice(0, 299) + i) } })).status).toBe(200);
  });

  it("merge keeps the previous clause with both texts and the union of addressees; split gives the second part a new lineage", async () => {
    const d = await fresh();
    const two = d.byNumber("2");
    const twoOne = d.byNumber("2.1");
    const m = await admin.api(`/consultations/${d.id}/draft/clauses/${twoOne.id}/merge`, { json: {} });
    expect(m.status, await m.clone().text()).toBe(200);
    let list = await expectContiguous(d.versionId);
    expect(list.find((x) => x.id === twoOne.id)).toBeUndefined();
    const merged = list.find((x) => x.id === two.id)!;
    expect(merged.text).toBe(`${two.text}\n${twoOne.text}`);
    expect(merged.lineage).toBe(two.lineage);
    expect(JSON.parse(merged.addressees)).toEqual([...new Set([...JSON.parse(two.addressees), ...JSON.parse(twoOne.addressees)])]);

    const s = await admin.api(`/consultations/${d.id}/draft/clauses/${two.id}/split`, { json: { paragraph: 1 } });
    expect(s.status, await s.clone().text()).toBe(200);
    const split = (await s.json()) as { clauseId: string; position: number };
    list = await expectContiguous(d.versionId);
    expect(list.map((x) => x.id), JSON.stringify([list.map((x) => x.text), d.clauses.map((x) => x.text)])).toEqual(d.clauses.map((x) => (x.id === twoOne.id ? split.clauseId : x.id)));
    const first = list.find((x) => x.id === two.id)!;
    const second = list.find((x) => x.id === split.clauseId)!;
    expect(first).toMatchObject({ text: two.text, lineage: two.lineage });
    expect(second).toMatchObject({ text: twoOne.text, lineage: split.clauseId, number: "", position: first.position + 1 });
    expect(second.lineage).not.toBe(two.lineage);

    const marker = await admin.api(`/consultations/${d.id}/draft/clauses/${second.id}/split`, { json: { marker: "конкурс" } });
    expect(marker.status).toBe(200);
    expect((await expectContiguous(d.versionId)).map((x) => x.text)).toContain("конкурс.");
  });

  it("refused splits and merges name the field and change nothing", async () => {
    const d = await fresh();
    const before = await snapshot(d.id);
    const one = d.byNumber("1");
    for (const [path, json, field] of [
      [`${one.id}/split`, { paragraph: 1 }, "paragraph"],
      [`${one.id}/split`, { marker: "нет такого текста" }, "marker"],
      [`${one.id}/split`, { marker: "М".repeat(201) }, "marker"],
      [`${one.id}/split`, {}, "paragraph"],
      [`${one.id}/split`, { paragraph: 1, marker: "Мэрии" }, "paragraph"],
      [`${d.clauses[0].id}/merge`, {}, "clauseId"],
      [`${d.clauses[0].id}/move`, { direction: "up" }, "direction"],
      [`${d.clauses[d.clauses.length - 1].id}/move`, { direction: "down" }, "direction"],
      [`${one.id}/move`, { direction: "left" }, "direction"],
    ] as const) {
      const body = await expectProblem(await admin.api(`/consultations/${d.id}/draft/clauses/${path}`, { json }), 422);
      expect(body.errors?.[0]?.field, path).toBe(field);
    }
    await expectProblem(await admin.api(`/consultations/${d.id}/draft/clauses/${crypto.randomUUID()}/merge`, { json: {} }), 404);
    expect(await snapshot(d.id)).toEqual(before);
  });

  it("insert after, at the beginning; move up and down; delete; renumber like the seeds", async () => {
    const d = await fresh();
    const ins = await admin.api(`/consultations/${d.id}/draft/clauses`, { json: { after: d.byNumber("2.2").id, clause: { kind: "clause", depth: 1, text: "Новый подпункт.", addressees: ["Мэрии города Новосибирска"] } } });
    expect(ins.status, await ins.clone().text()).toBe(201);
    const added = (await ins.json()) as { clauseId: string; position: number };
    expect(added.position).toBe(d.byNumber("2.2").position + 1);
    const top = await admin.api(`/consultations/${d.id}/draft/clauses`, { json: { after: null, clause: { kind: "text", depth: 0, text: "Преамбула." } } });
    expect(top.status).toBe(201);
    let list = await expectContiguous(d.versionId);
    expect(list[0].text).toBe("Преамбула.");
    expect(list.find((x) => x.id === added.clauseId)!.lineage).toBe(added.clauseId);

    const three = d.byNumber("3");
    expect((await admin.api(`/consultations/${d.id}/draft/clauses/${three.id}/move`, { json: { direction: "up" } })).status).toBe(200);
    list = await expectContiguous(d.versionId);
    expect(list[list.length - 1].id).toBe(added.clauseId);
    expect(list[list.length - 2].id).toBe(three.id);
    expect((await admin.api(`/consultations/${d.id}/draft/clauses/${three.id}/move`, { json: { direction: "down" } })).status).toBe(200);
    list = await expectContiguous(d.versionId);
    expect(list[list.length - 1].id).toBe(three.id);

    expect((await admin.api(`/consultations/${d.id}/draft/clauses/${d.byNumber("1").id}`, { method: "DELETE" })).status).toBe(200);
    list = await expectContiguous(d.versionId);
    expect(list.map((x) => x.number)).toEqual(["", "", "2", "2.1", "2.2", "", "3"]);

    expect((await admin.api(`/consultations/${d.id}/draft/renumber`, { json: {} })).status).toBe(200);
    list = await expectContiguous(d.versionId);
    expect(list.map((x) => [x.kind, x.number])).toEqual([
      ["text", ""],
      ["heading", ""],
      ["clause", "1"],
      ["clause", "1.1"],
      ["clause", "1.2"],
      ["clause", "1.3"],
      ["clause", "2"],
    ]);
    for (const a of ["insert", "move", "delete", "renumber"]) expect(await audits(d.id, `consultation.draft.${a}`), a).toBeGreaterThan(0);
    // Nothing to change is no write at all.
    const before = await audits(d.id);
    expect((await admin.api(`/consultations/${d.id}/draft/renumber`, { json: {} })).status).toBe(200);
    expect(await audits(d.id)).toBe(before);
  });

  it("replacing the text discards the edits; the page asks for a confirmation first", async () => {
    const d = await fresh();
    const res = await admin.api(`/consultations/${d.id}/draft/text`, { method: "PUT", json: { text: "1. Первый.\n2. Второй." } });
    expect(res.status).toBe(200);
    const list = await expectContiguous(d.versionId);
    expect(list.map((x) => x.text)).toEqual(["Первый.", "Второй."]);
    expect((await draftOf(d.id))!.source_text).toBe("1. Первый.\n2. Второй.");
    const before = await snapshot(d.id);
    const page = await admin.fetch(`/consultations/${d.id}/draft/text`, { form: { text: "1. Третий." } });
    expect(page.status).toBe(422);
    expect(await page.text()).toContain("правки черновика будут потеряны");
    expect(await snapshot(d.id)).toEqual(before);
    const ok = await admin.fetch(`/consultations/${d.id}/draft/text`, { form: { text: "1. Третий.", confirm: "on" } });
    expect(ok.status).toBe(303);
    expect((await clausesOf(d.versionId)).map((x) => x.text)).toEqual(["Третий."]);
  });

  it("another organiser's admin, a resident and a moderator change nothing (404 on a draft)", async () => {
    const d = await fresh();
    const before = await snapshot(d.id);
    const one = d.byNumber("1");
    for (const b of [otherAdmin, resident, moderator]) {
      await expectProblem(await b.api(`/consultations/${d.id}/draft/clauses/${one.id}`, { method: "PATCH", json: { text: "Чужая правка." } }), 404);
      await expectProblem(await b.api(`/consultations/${d.id}/draft/renumber`, { json: {} }), 404);
      await expectProblem(await b.api(`/consultations/${d.id}/draft/publish`, { json: {} }), 404);
      await expectProblem(await b.api(`/consultations/${d.id}/draft/text`, { method: "PUT", json: { text: "1. Чужой." } }), 404);
      expect((await b.fetch(`/consultations/${d.id}/draft/clauses/${one.id}`, { form: { text: "Чужая правка." } })).status).toBe(404);
    }
    expect(await snapshot(d.id)).toEqual(before);
  });

  it("two changes computed on the same draft at once: one is written, the other gets 409; the order stays whole", async () => {
    const d = await fresh();
    const insert = () => admin.api(`/consultations/${d.id}/draft/clauses`, { json: { after: null, clause: { kind: "text", depth: 0, text: "Преамбула." } } });
    const results = await Promise.all([insert(), insert(), admin.api(`/consultations/${d.id}/draft/clauses/${d.byNumber("3").id}/move`, { json: { direction: "up" } })]);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((x) => x === 201 || x === 200).length).toBeGreaterThanOrEqual(1);
    for (const r of results) if (r.status !== 200 && r.status !== 201) await expectProblem(r, 409);
    const list = await expectContiguous(d.versionId);
    expect(list.length).toBe(d.clauses.length + statuses.filter((x) => x === 201).length);
  });

  it("a clause of another consultation's draft is not found through this one", async () => {
    const a = await fresh();
    const b = await fresh();
    await expectProblem(await admin.api(`/consultations/${a.id}/draft/clauses/${b.clauses[1].id}`, { method: "PATCH", json: { text: "Не туда." } }), 404);
    expect((await clausesOf(b.versionId))[1].text).toBe(b.clauses[1].text);
  });
});

describe("publishing", () => {
  it("publishes version 1: version frozen, consultation published, audit and the feed's «published» in one go", async () => {
    const { id, versionId } = await create();
    const res = await admin.api(`/consultations/${id}/draft/publish`, { json: { note: "" } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ version: 1 });
    expect(await row("SELECT status, current_version, published_at IS NOT NULL AS p FROM consultations WHERE id = ?", id)).toEqual({ status: "published", current_version: 1, p: 1 });
    expect(await row("SELECT status, published_at IS NOT NULL AS p FROM consultation_versions WHERE id = ?", versionId)).toEqual({ status: "published", p: 1 });
    expect(await rows("SELECT kind, url, params FROM consultation_events WHERE consultation_id = ?", id)).toEqual([{ kind: "published", url: `/consultations/${id}`, params: JSON.stringify({ title: "Проект резолюции форума «Активный город»" }) }]);
    expect(await audits(id, "consultation.publish")).toBe(1);
    // No draft any more.
    await expectProblem(await admin.api(`/consultations/${id}/draft/publish`, { json: {} }), 409);
  });

  it("a route cannot change a published version: 409, nothing changed", async () => {
    const { id, versionId } = await create();
    expect((await admin.api(`/consultations/${id}/draft/publish`, { json: {} })).status).toBe(200);
    const clauses = await clausesOf(versionId);
    const before = await snapshot(id);
    const frozen = await expectProblem(await admin.api(`/consultations/${id}/draft/clauses/${clauses[1].id}`, { method: "PATCH", json: { text: "Правка опубликованного." } }), 409);
    expect(frozen.title).toContain("Опубликованная редакция не меняется");
    await expectProblem(await admin.api(`/consultations/${id}/draft/clauses/${clauses[1].id}`, { method: "DELETE" }), 409);
    await expectProblem(await admin.api(`/consultations/${id}/draft/clauses/${clauses[2].id}/merge`, { json: {} }), 409);
    await expectProblem(await admin.api(`/consultations/${id}/draft/renumber`, { json: {} }), 409);
    await expectProblem(await admin.api(`/consultations/${id}/draft/text`, { method: "PUT", json: { text: "1. Новое." } }), 409);
    expect((await admin.fetch(`/consultations/${id}/draft/clauses/${clauses[1].id}`, { form: { text: "Правка." } })).status).toBe(409);
    expect(await snapshot(id)).toEqual(before);
  });

  it("two publishes at once give one version; the other gets 409", async () => {
    const { id } = await create();
    const results = await Promise.all([admin.api(`/consultations/${id}/draft/publish`, { json: {} }), admin.api(`/consultations/${id}/draft/publish`, { json: {} })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await count("consultation_events", "consultation_id = ?", id)).toBe(1);
    expect(await audits(id, "consultation.publish")).toBe(1);
  });

  it("an empty draft cannot be published; the note has a limit", async () => {
    const { id } = await create({ text: "1. Единственный пункт." });
    const only = (await clausesOf((await draftOf(id))!.id))[0];
    expect((await admin.api(`/consultations/${id}/draft/clauses/${only.id}`, { method: "DELETE" })).status).toBe(200);
    await expectProblem(await admin.api(`/consultations/${id}/draft/publish`, { json: {} }), 409);
    const body = await expectProblem(await admin.api(`/consultations/${id}/draft/publish`, { json: { note: "Н".repeat(2001) } }), 422);
    expect(body.errors?.[0].field).toBe("note");
    expect(await row("SELECT status FROM consultations WHERE id = ?", id)).toEqual({ status: "draft" });
  });

  it("without a draft the editor page offers to start the next version", async () => {
    const { id } = await create();
    expect((await admin.api(`/consultations/${id}/draft/publish`, { json: {} })).status).toBe(200);
    const html = await (await admin.fetch(`/consultations/${id}/draft`)).text();
    expect(html).toContain("нет черновика");
    expect(html).toContain(`href="/consultations/${id}/versions/new"`);
    await expectProblem(await admin.api(`/consultations/${id}/draft`), 409);
  });

  it("the page's publish button goes to the document page", async () => {
    const { id } = await create();
    const html = await (await admin.fetch(`/consultations/${id}/draft`)).text();
    expect(html).toContain(`action="/consultations/${id}/draft/publish"`);
    const res = await admin.fetch(`/consultations/${id}/draft/publish`, { form: { from: "0" } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/consultations/${id}`);
  });
});

describe("the next version", () => {
  it("from the current version: same lineages, new ids; only one draft; published as «version» in the feed", async () => {
    const { id, versionId } = await create();
    expect((await admin.api(`/consultations/${id}/draft/publish`, { json: {} })).status).toBe(200);
    const v1 = await clausesOf(versionId);
    const res = await admin.api(`/consultations/${id}/versions`, { json: { from: "current" } });
    expect(res.status, await res.clone().text()).toBe(201);
    const v2 = (await res.json()) as { versionId: string; number: number };
    expect(v2.number).toBe(2);
    const copy = await clausesOf(v2.versionId);
    expect(copy.map((x) => [x.lineage, x.text, x.number, x.addressees])).toEqual(v1.map((x) => [x.lineage, x.text, x.number, x.addressees]));
    expect(copy.some((x) => v1.some((y) => y.id === x.id))).toBe(false);
    await expectProblem(await admin.api(`/consultations/${id}/versions`, { json: { from: "current" } }), 409);
    // Editing version 2's draft leaves version 1 alone.
    expect((await admin.api(`/consultations/${id}/draft/clauses/${copy[1].id}`, { method: "PATCH", json: { text: "Изменённый пункт." } })).status).toBe(200);
    expect((await clausesOf(versionId))[1].text).toBe(v1[1].text);
    const pub = await admin.api(`/consultations/${id}/draft/publish`, { json: { note: "Учтены замечания." } });
    expect(pub.status).toBe(200);
    expect(await row("SELECT current_version, status FROM consultations WHERE id = ?", id)).toEqual({ current_version: 2, status: "published" });
    expect(await row("SELECT note FROM consultation_versions WHERE id = ?", v2.versionId)).toEqual({ note: "Учтены замечания." });
    expect(await rows("SELECT kind, url FROM consultation_events WHERE consultation_id = ? ORDER BY created_at", id)).toEqual([
      { kind: "published", url: `/consultations/${id}` },
      { kind: "version", url: `/consultations/${id}?version=2` },
    ]);
  });

  it("from a text: lineage matched to the previous version; a draft consultation cannot start one", async () => {
    const { id, versionId } = await create();
    await expectProblem(await admin.api(`/consultations/${id}/versions`, { json: { from: "current" } }), 409);
    expect((await admin.api(`/consultations/${id}/draft/publish`, { json: {} })).status).toBe(200);
    const v1 = await clausesOf(versionId);
    const text = SHORT.replace("Провести обучение.", "Провести обучение активистов.") + "\n4. Секретариату МАГ разместить резолюцию.";
    const res = await admin.api(`/consultations/${id}/versions`, { json: { from: "text", text } });
    expect(res.status, await res.clone().text()).toBe(201);
    const v2 = await clausesOf(((await res.json()) as { versionId: string }).versionId);
    expect(v2.slice(0, 6).map((x) => x.lineage), JSON.stringify([v1.map((x) => x.text), v2.map((x) => x.text)])).toEqual(v1.map((x) => x.lineage));
    expect(v2[6].lineage).toBe(v2[6].id);
    const body = await expectProblem(await admin.api(`/consultations/${id}/versions`, { json: { from: "text" } }), 422);
    expect(body.errors?.[0].field).toBe("text");
  });

  it("two next versions at once: one draft", async () => {
    const { id } = await create();
    expect((await admin.api(`/consultations/${id}/draft/publish`, { json: {} })).status).toBe(200);
    const results = await Promise.all([1, 2, 3].map(() => admin.api(`/consultations/${id}/versions`, { json: { from: "current" } })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await count("consultation_versions", "consultation_id = ?", id)).toBe(2);
  });

  it("the page says when remarks are still accepted, and starts the draft", async () => {
    const { id } = await create({ opensAt: iso(Date.now() - HOUR), closesAt: iso(Date.now() + 24 * HOUR) });
    expect((await admin.api(`/consultations/${id}/draft/publish`, { json: {} })).status).toBe(200);
    const html = await (await admin.fetch(`/consultations/${id}/versions/new`)).text();
    expect(html).toContain("ещё идёт");
    expect(html).toContain("С копии редакции 1");
    const res = await admin.fetch(`/consultations/${id}/versions`, { form: { from: "current" } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(new RegExp(`^/consultations/${id}/draft\\?done=`));
    expect(await (await admin.fetch(`/consultations/${id}/versions/new`)).text()).toContain("уже начат");
    for (const b of [otherAdmin, resident, moderator]) expect((await b.fetch(`/consultations/${id}/versions`, { form: { from: "current" } })).status).toBe(403);
  });
});

describe("remarks taken into account", () => {
  async function withRemarks() {
    const s = await seedConsultation({ organiserId: org, createdBy: admin.user.id, versions: [SAMPLE_CLAUSES, SAMPLE_CLAUSES], lastIsDraft: true, opensAt: Date.now() - 48 * HOUR, closesAt: Date.now() - HOUR });
    const author = await createUser();
    const [onTwo, onTwoRejected, whole, newAfterOne, onThree, deleted] = await seedRemarks(s, [
      { authorId: author.id, clauseIndex: 2, kind: "wording" },
      { authorId: author.id, clauseIndex: 2 },
      { authorId: author.id, clauseIndex: null },
      { authorId: author.id, clauseIndex: 1, kind: "new_clause" },
      { authorId: author.id, clauseIndex: 5, kind: "objection" },
      { authorId: author.id, clauseIndex: 2, status: "deleted" },
    ]);
    await db.batch([
      db.prepare("UPDATE remarks SET disposition = 'accepted' WHERE id IN (?, ?, ?, ?)").bind(onTwo, whole, newAfterOne, deleted),
      db.prepare("UPDATE remarks SET disposition = 'rejected', disposition_reason = 'Не относится' WHERE id = ?").bind(onTwoRejected),
      db.prepare("UPDATE remarks SET disposition = 'partly', disposition_reason = 'Частично' WHERE id = ?").bind(onThree),
    ]);
    const draft = s.versions[1];
    return { s, draft, remarks: { onTwo, onTwoRejected, whole, newAfterOne, onThree, deleted } };
  }

  it("offers each draft clause the accepted remarks of its lineage, the whole document's and new-clause remarks of the clause before", async () => {
    const { s, draft, remarks } = await withRemarks();
    const html = await (await admin.fetch(`/consultations/${s.id}/draft`)).text();
    expect(html).toContain("Учтённые замечания");
    const block = (i: number) => {
      const start = html.indexOf(`id="clause-${draft.clauseIds[i]}"`);
      const end = i + 1 < draft.clauseIds.length ? html.indexOf(`id="clause-${draft.clauseIds[i + 1]}"`) : html.length;
      return html.slice(start, end);
    };
    // Clause «2» (index 2): its accepted wording, the whole document's; the new clause proposed after «1» too.
    expect(block(2)).toContain(`value="${remarks.onTwo}"`);
    expect(block(2)).toContain(`value="${remarks.whole}"`);
    expect(block(2)).toContain(`value="${remarks.newAfterOne}"`);
    expect(block(2)).not.toContain(`value="${remarks.onTwoRejected}"`);
    expect(block(2)).not.toContain(`value="${remarks.deleted}"`);
    expect(block(5)).toContain(`value="${remarks.onThree}"`);
    expect(block(5)).not.toContain(`value="${remarks.onTwo}"`);
  });

  it("links are written for the clause, replaced on the next save, and shown checked", async () => {
    const { s, draft, remarks } = await withRemarks();
    const clause = draft.clauseIds[2];
    const res = await admin.api(`/consultations/${s.id}/draft/clauses/${clause}/remarks`, { method: "PUT", json: { remarkIds: [remarks.onTwo, remarks.whole, remarks.onTwo] } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await rows<{ remark_id: string }>("SELECT remark_id FROM remark_links WHERE clause_id = ? ORDER BY remark_id", clause)).map((r) => r.remark_id)).toEqual([remarks.onTwo, remarks.whole].sort());
    const api = (await (await admin.api(`/consultations/${s.id}/draft`)).json()) as { clauses: { id: string; linkedRemarkIds: string[] }[] };
    expect(api.clauses.find((x) => x.id === clause)!.linkedRemarkIds.sort()).toEqual([remarks.onTwo, remarks.whole].sort());
    // The page form: the checkboxes.
    const page = await admin.fetch(`/consultations/${s.id}/draft/clauses/${clause}/remarks`, { form: { from: "0", remarkIds: remarks.newAfterOne } });
    expect(page.status).toBe(303);
    expect((await rows<{ remark_id: string }>("SELECT remark_id FROM remark_links WHERE clause_id = ?", clause)).map((r) => r.remark_id)).toEqual([remarks.newAfterOne]);
    const html = await (await admin.fetch(`/consultations/${s.id}/draft`)).text();
    expect(html).toMatch(new RegExp(`value="${remarks.newAfterOne}" checked`));
    expect(await audits(s.id, "consultation.draft.links")).toBe(2);
    // Merging the clause into the one before carries its links along.
    expect((await admin.api(`/consultations/${s.id}/draft/clauses/${clause}/merge`, { json: {} })).status).toBe(200);
    expect((await rows<{ remark_id: string }>("SELECT remark_id FROM remark_links WHERE clause_id = ?", draft.clauseIds[1])).map((r) => r.remark_id)).toEqual([remarks.newAfterOne]);
  });

  it("refuses remarks that are not accepted, deleted, of another consultation or of the draft's own version; a published clause is frozen", async () => {
    const { s, draft, remarks } = await withRemarks();
    const other = await withRemarks();
    const clause = draft.clauseIds[2];
    const before = await snapshot(s.id);
    for (const ids of [[remarks.onTwoRejected], [remarks.deleted], [other.remarks.onTwo], [crypto.randomUUID()], [remarks.onTwo, remarks.onTwoRejected]]) {
      const body = await expectProblem(await admin.api(`/consultations/${s.id}/draft/clauses/${clause}/remarks`, { method: "PUT", json: { remarkIds: ids } }), 422);
      expect(body.errors?.[0].field).toBe("remarkIds");
    }
    const tooMany = await expectProblem(await admin.api(`/consultations/${s.id}/draft/clauses/${clause}/remarks`, { method: "PUT", json: { remarkIds: Array.from({ length: 501 }, () => crypto.randomUUID()) } }), 422);
    expect(tooMany.errors?.[0].field).toBe("remarkIds");
    await expectProblem(await admin.api(`/consultations/${s.id}/draft/clauses/${s.versions[0].clauseIds[2]}/remarks`, { method: "PUT", json: { remarkIds: [remarks.onTwo] } }), 409);
    const page = await admin.fetch(`/consultations/${s.id}/draft/clauses/${clause}/remarks`, { form: { from: "0", remarkIds: remarks.onTwoRejected } });
    expect(page.status).toBe(422);
    expect(await page.text()).toContain("Отметить можно только учтённые");
    // Another organiser's admin and a moderator: 403 on a published consultation, nothing written.
    for (const b of [otherAdmin, moderator, resident]) await expectProblem(await b.api(`/consultations/${s.id}/draft/clauses/${clause}/remarks`, { method: "PUT", json: { remarkIds: [remarks.onTwo] } }), 403);
    expect(await snapshot(s.id)).toEqual(before);
  });
});

describe("the editor page", () => {
  it("renders every clause with its forms, escapes the text, and returns a form's errors beside the clause", async () => {
    const xss = `<script>alert(1)</script>`;
    const { id, versionId } = await create({ text: `1. Первый пункт ${xss}.\n2. Второй пункт.\nВторой абзац второго пункта.` });
    const clauses = await clausesOf(versionId);
    const res = await admin.fetch(`/consultations/${id}/draft`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).not.toContain(xss);
    expect(html).toContain("&lt;script>");
    for (const x of clauses) expect(html).toContain(`id="clause-${x.id}"`);
    expect(html).toContain(`action="/consultations/${id}/draft/clauses/${clauses[1].id}/split"`);
    expect(html).toContain("Второй абзац второго пункта.");
    expect(html).toContain('type="radio"');

    const ok = await admin.fetch(`/consultations/${id}/draft/clauses/${clauses[1].id}/split`, { form: { from: "0", paragraph: "1" } });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toMatch(new RegExp(`/consultations/${id}/draft\\?from=0&done=[^#]+#clause-`));
    expect(await count("consultation_clauses", "version_id = ?", versionId)).toBe(3);

    const before = await snapshot(id);
    const bad = await admin.fetch(`/consultations/${id}/draft/clauses/${clauses[0].id}/split`, { form: { from: "0", marker: "нет такого" } });
    expect(bad.status).toBe(422);
    const page = await bad.text();
    expect(page).toContain(`href="#c-${clauses[0].id}-split-marker"`);
    expect(page).toContain("Такого текста в пункте нет");
    const save = await admin.fetch(`/consultations/${id}/draft/clauses/${clauses[0].id}`, { form: { from: "0", number: "1", kind: "clause", depth: "один", text: "Изменено", addressees: "" } });
    expect(save.status).toBe(422);
    const saved = await save.text();
    expect(saved).toContain(`href="#c-${clauses[0].id}-save-depth"`);
    expect(saved).toContain("Изменено");
    expect(await snapshot(id)).toEqual(before);
  });

  it("shows at most 100 clauses a page, the next ones by position", async () => {
    const text = Array.from({ length: 150 }, (_, i) => `${i + 1}. Пункт номер ${i + 1}.`).join("\n");
    const { id } = await create({ text });
    const first = await (await admin.fetch(`/consultations/${id}/draft`)).text();
    expect(first).toContain("Пункт номер 100.");
    expect(first).not.toContain("Пункт номер 101.");
    expect(first).toContain(`href="/consultations/${id}/draft?from=100"`);
    const second = await (await admin.fetch(`/consultations/${id}/draft?from=100`)).text();
    expect(second).toContain("Пункт номер 150.");
    expect(second).not.toContain("Пункт номер 100.");
  });
});
