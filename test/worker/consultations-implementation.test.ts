import { beforeAll, describe, expect, it } from "vitest";
import type { DraftClause } from "../../worker/consultations/clause-types";
import { moscowToday } from "../../worker/consultations/window";
import { Browser } from "./client";
import { HOUR, SAMPLE_CLAUSES, seedConsultation } from "./consultation-fixtures";
import { count, createOrganiser, createUser, db, expectProblem, grantRole, row, rows, signedIn, type TestUser } from "./fixtures";

/**
 * Adoption of a consultation and the tracking of its commitments, through the real routes on a
 * real local D1: who may do it, what is refused (and then nothing changes), what one batch writes.
 */
type Actor = Browser & { user: TestUser };
let orgA: string;
let orgB: string;
let admin: Actor;
let otherAdmin: Actor;
let moderator: Actor;
let resident: Actor;
let outsiders: [string, Actor][];

const DAY = 24 * HOUR;
const today = () => moscowToday(Date.now());
const daysFromToday = (n: number) => moscowToday(Date.now() + n * DAY);
const MAYOR = "Мэрии города Новосибирска";
const COUNCIL = "Экспертному совету по развитию ТОС";

beforeAll(async () => {
  orgA = await createOrganiser();
  orgB = await createOrganiser();
  admin = await signedIn(await createUser());
  await grantRole(admin.user.id, "organiser_admin", orgA);
  otherAdmin = await signedIn(await createUser());
  await grantRole(otherAdmin.user.id, "organiser_admin", orgB);
  moderator = await signedIn(await createUser());
  await grantRole(moderator.user.id, "moderator", orgA);
  resident = await signedIn(await createUser());
  outsiders = [
    ["a resident", resident],
    ["the organiser's moderator", moderator],
    ["an admin of another organiser", otherAdmin],
  ];
});

/** A consultation of organiser A whose window closed an hour ago (its versions published now, by the fixture). */
const closed = (opts: Partial<Parameters<typeof seedConsultation>[0]> = {}) =>
  seedConsultation({ organiserId: orgA, createdBy: admin.user.id, opensAt: Date.now() - 2 * DAY, closesAt: Date.now() - HOUR, ...opts });

/** The same, adopted through the API with every candidate; returns the seeded consultation and its commitments in clause order. */
async function adopted(opts: Partial<Parameters<typeof seedConsultation>[0]> = {}) {
  const c = await closed(opts);
  const res = await admin.api(`/consultations/${c.id}/adopt`, { json: { adoptedOn: today() } });
  expect(res.status, await res.clone().text()).toBe(201);
  const list = await rows<{ id: string; clause_id: string; addressee: string; status: string; due_on: string | null }>(
    "SELECT id, clause_id, addressee, status, due_on FROM commitments WHERE consultation_id = ? ORDER BY clause_position, addressee",
    c.id,
  );
  return { c, list };
}

/** What a refused request must leave as it was. */
const snapshot = async (consultationId: string) => ({
  consultation: await row("SELECT status, updated_at FROM consultations WHERE id = ?", consultationId),
  versions: await rows("SELECT number, adopted_on, adopted_by, adopted_at FROM consultation_versions WHERE consultation_id = ? ORDER BY number", consultationId),
  commitments: await rows("SELECT * FROM commitments WHERE consultation_id = ? ORDER BY id", consultationId),
  notes: await rows("SELECT n.* FROM commitment_notes n JOIN commitments c ON c.id = n.commitment_id WHERE c.consultation_id = ? ORDER BY n.id", consultationId),
  events: await count("consultation_events", "consultation_id = ?", consultationId),
  audit: await count("audit_log", "object_id = ? OR object_id IN (SELECT id FROM commitments WHERE consultation_id = ?)", consultationId, consultationId),
});

const visible = (html: string) => html.slice(html.indexOf('<div id="app">'), html.indexOf('<script type="application/json" id="page-data">'));

describe("adoption", () => {
  it("the adoption page lists one pre-checked row per (clause, addressee), the sub-clauses of a lead-in and not the lead-in", async () => {
    const c = await closed();
    const res = await admin.fetch(`/consultations/${c.id}/adopt`);
    expect(res.status).toBe(200);
    const html = visible(await res.text());
    const picks = [...html.matchAll(/<input type="checkbox" id="pick-\d+" name="pick" value="([^"]+)"( checked)?/g)];
    // 1 (Мэрии), 2.1 × 2, 2.2 × 2, 3 (Активу ТОС); clause 2 «…:» is only the lead-in of 2.1 and 2.2.
    expect(picks.map((m) => m[1])).toEqual([`${c.versions[0].clauseIds[1]}#0`, `${c.versions[0].clauseIds[3]}#0`, `${c.versions[0].clauseIds[3]}#1`, `${c.versions[0].clauseIds[4]}#0`, `${c.versions[0].clauseIds[4]}#1`, `${c.versions[0].clauseIds[5]}#0`]);
    expect(picks.every((m) => m[2] === " checked")).toBe(true);
    expect(html).toContain("Пункт 2.1 — Мэрии города Новосибирска");
    expect(html).not.toContain("Пункт 2 — ");
    expect(html).toContain(`value="${today()}"`);
    expect(html).toContain('value="Участники форума"');
  });

  it("one batch: the version's date and body, the consultation adopted, every candidate a commitment, the audit record and the feed entry", async () => {
    const c = await closed();
    const res = await admin.api(`/consultations/${c.id}/adopt`, { json: { adoptedOn: today(), adoptedBy: "Правление МАГ" } });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ version: 1, adoptedOn: today(), adoptedBy: "Правление МАГ", commitments: 6 });
    expect(await row("SELECT status FROM consultations WHERE id = ?", c.id)).toEqual({ status: "adopted" });
    const v = await row<{ adopted_on: string; adopted_by: string; adopted_at: number }>("SELECT adopted_on, adopted_by, adopted_at FROM consultation_versions WHERE id = ?", c.versions[0].id);
    expect(v).toMatchObject({ adopted_on: today(), adopted_by: "Правление МАГ" });
    expect(v!.adopted_at).toBeGreaterThan(Date.now() - 60_000);
    const list = await rows<{ clause_id: string; clause_position: number; addressee: string; status: string; responsible: string; due_on: null; organiser_id: string; version_id: string }>(
      "SELECT clause_id, clause_position, addressee, status, responsible, due_on, organiser_id, version_id FROM commitments WHERE consultation_id = ? ORDER BY clause_position, addressee",
      c.id,
    );
    const ids = c.versions[0].clauseIds;
    expect(list.map((x) => [x.clause_id, x.clause_position, x.addressee])).toEqual([
      [ids[1], 1, MAYOR],
      [ids[3], 3, MAYOR],
      [ids[3], 3, COUNCIL],
      [ids[4], 4, MAYOR],
      [ids[4], 4, COUNCIL],
      [ids[5], 5, "Активу ТОС"],
    ]);
    expect(list.every((x) => x.status === "not_started" && x.responsible === "" && x.due_on === null && x.organiser_id === orgA && x.version_id === c.versions[0].id)).toBe(true);
    const audit = await row<{ action: string; actor_id: string; details: string }>("SELECT action, actor_id, details FROM audit_log WHERE object_id = ? AND action = 'consultation.adopt'", c.id);
    expect(audit).toMatchObject({ action: "consultation.adopt", actor_id: admin.user.id });
    expect(JSON.parse(audit!.details)).toEqual({ version: 1, adoptedOn: today(), adoptedBy: "Правление МАГ", commitments: 6 });
    const ev = await row<{ kind: string; params: string; url: string }>("SELECT kind, params, url FROM consultation_events WHERE consultation_id = ?", c.id);
    expect(ev!.kind).toBe("adopted");
    expect(JSON.parse(ev!.params)).toEqual({ title: "Проект резолюции форума «Активный город»", version: 1, adoptedOn: today(), adoptedBy: "Правление МАГ" });
    expect(ev!.url).toBe(`/consultations/${c.id}/implementation`);
  });

  it("the adopted version is final: a second adoption is 409 and changes nothing", async () => {
    const { c } = await adopted();
    const before = await snapshot(c.id);
    const p = await expectProblem(await admin.api(`/consultations/${c.id}/adopt`, { json: { adoptedOn: today() } }), 409);
    expect(p.title).toBe("Документ уже принят: принятая редакция окончательна");
    expect(await snapshot(c.id)).toEqual(before);
    // The page says so instead of offering the form.
    const html = visible(await (await admin.fetch(`/consultations/${c.id}/adopt`)).text());
    expect(html).toContain("Документ уже принят");
    expect(html).not.toContain('name="pick"');
  });

  it("after adoption the drafting routes refuse a new version (nothing about the document can change)", async () => {
    const { c } = await adopted();
    const before = await count("consultation_versions", "consultation_id = ?", c.id);
    const res = await admin.api(`/consultations/${c.id}/versions`, { json: { from: "current" } });
    expect(res.status).toBe(409);
    expect(await count("consultation_versions", "consultation_id = ?", c.id)).toBe(before);
  });

  it("only once two requests race: one adoption, one set of commitments", async () => {
    const c = await closed();
    const results = await Promise.all([1, 2, 3].map(() => admin.api(`/consultations/${c.id}/adopt`, { json: { adoptedOn: today() } })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await count("commitments", "consultation_id = ?", c.id)).toBe(6);
    expect(await count("consultation_events", "consultation_id = ? AND kind = 'adopted'", c.id)).toBe(1);
    expect(await count("audit_log", "object_id = ? AND action = 'consultation.adopt'", c.id)).toBe(1);
  });

  it("refused while the window is open or upcoming, before publication, and with a draft version pending (409, each with its reason)", async () => {
    const open = await seedConsultation({ organiserId: orgA, createdBy: admin.user.id, opensAt: Date.now() - HOUR, closesAt: Date.now() + HOUR });
    const upcoming = await seedConsultation({ organiserId: orgA, createdBy: admin.user.id, opensAt: Date.now() + HOUR, closesAt: Date.now() + DAY });
    const draft = await seedConsultation({ organiserId: orgA, createdBy: admin.user.id, status: "draft", opensAt: Date.now() - 2 * DAY, closesAt: Date.now() - HOUR });
    const pending = await closed({ versions: [SAMPLE_CLAUSES, SAMPLE_CLAUSES], lastIsDraft: true });
    const cases: [string, string][] = [
      [open.id, "Приём замечаний ещё не завершён: документ можно принять после его окончания"],
      [upcoming.id, "Приём замечаний ещё не завершён: документ можно принять после его окончания"],
      [draft.id, "Документ не опубликован: принять можно только опубликованный документ"],
      [pending.id, "Готовится черновик новой редакции: опубликуйте или удалите его, прежде чем принимать документ"],
    ];
    for (const [id, title] of cases) {
      const before = await snapshot(id);
      const p = await expectProblem(await admin.api(`/consultations/${id}/adopt`, { json: { adoptedOn: today() } }), 409);
      expect(p.title).toBe(title);
      expect(await snapshot(id)).toEqual(before);
    }
    // In English too.
    const en = await signedIn(admin.user, "en");
    en.cookies.set("lang", "en");
    expect((await expectProblem(await en.api(`/consultations/${pending.id}/adopt`, { json: { adoptedOn: today() } }), 409)).title).toBe(
      "A draft of a new version is being prepared: publish or delete it before adopting the document",
    );
  });

  it("bad input is a problem naming the field, and changes nothing", async () => {
    const c = await closed({ versions: [SAMPLE_CLAUSES, SAMPLE_CLAUSES] });
    const before = await snapshot(c.id);
    const ids = c.versions[1].clauseIds;
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ adoptedOn: daysFromToday(1) }, "adoptedOn", "Дата принятия не может быть позже сегодняшней"],
      [{ adoptedOn: "2026-02-30" }, "adoptedOn", "Введите существующую дату в формате ГГГГ-ММ-ДД"],
      [{ adoptedOn: "20.11.2026" }, "adoptedOn"],
      [{}, "adoptedOn"],
      // The version was published today: it cannot have been adopted before.
      [{ adoptedOn: daysFromToday(-10) }, "adoptedOn", `Документ не мог быть принят раньше публикации этой редакции (${today()})`],
      [{ adoptedOn: today(), adoptedBy: "б".repeat(301) }, "adoptedBy", "Слишком длинно: не больше 300 символов"],
      [{ adoptedOn: today(), version: 3 }, "version", "Выберите опубликованную редакцию"],
      [{ adoptedOn: today(), version: "2" }, "version"],
      [{ adoptedOn: today(), exclude: [{ clauseId: ids[2], addressee: MAYOR }] }, "exclude.0", "В этой редакции нет такого пункта с таким адресатом"],
      [{ adoptedOn: today(), exclude: [{ clauseId: c.versions[0].clauseIds[1], addressee: MAYOR }] }, "exclude.0"],
      [{ adoptedOn: today(), exclude: [{ clauseId: ids[1], addressee: "Кому-то ещё" }] }, "exclude.0"],
      [{ adoptedOn: today(), exclude: [{ clauseId: ids[1], addressee: MAYOR }, { clauseId: ids[1], addressee: MAYOR }] }, "exclude.1", "Эта строка указана дважды"],
      [{ adoptedOn: today(), exclude: [{ clauseId: ids[1], addressee: "" }] }, "exclude.0.addressee"],
      [{ adoptedOn: today(), exclude: [{ clauseId: ids[1], addressee: "а".repeat(301) }] }, "exclude.0.addressee"],
      [{ adoptedOn: today(), exclude: Array.from({ length: 1001 }, () => ({ clauseId: "x", addressee: "y" })) }, "exclude", "Слишком много поручений: не больше 1000"],
    ];
    for (const [body, field, reason] of cases) {
      const p = await expectProblem(await admin.api(`/consultations/${c.id}/adopt`, { json: body }), 422);
      const issue = p.errors?.find((e) => e.field === field);
      expect(issue, `${JSON.stringify(body).slice(0, 120)} → ${JSON.stringify(p.errors)}`).toBeDefined();
      if (reason) expect(issue!.reason).toBe(reason);
    }
    expect(await snapshot(c.id)).toEqual(before);
  });

  it("an adopting body is required when the consultation names none", async () => {
    const c = await closed();
    await db.prepare("UPDATE consultations SET adopting_body = '' WHERE id = ?").bind(c.id).run();
    const p = await expectProblem(await admin.api(`/consultations/${c.id}/adopt`, { json: { adoptedOn: today(), adoptedBy: "  " } }), 422);
    expect(p.errors).toEqual([{ field: "adoptedBy", code: "field.required", reason: "Заполните это поле" }]);
  });

  it("an earlier published version may be adopted; the excluded rows are left out", async () => {
    const second: DraftClause[] = [...SAMPLE_CLAUSES, { kind: "clause", number: "4", depth: 0, text: "Секретариату МАГ подготовить сборник.", addressees: ["Секретариату МАГ"] }];
    const c = await closed({ versions: [SAMPLE_CLAUSES, second] });
    const ids = c.versions[0].clauseIds;
    const exclude = [
      { clauseId: ids[3], addressee: MAYOR },
      { clauseId: ids[4], addressee: MAYOR },
      { clauseId: ids[4], addressee: COUNCIL },
      { clauseId: ids[5], addressee: "Активу ТОС" },
    ];
    const res = await admin.api(`/consultations/${c.id}/adopt`, { json: { version: 1, adoptedOn: today(), exclude } });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { commitments: number }).commitments).toBe(2);
    expect(await rows("SELECT clause_id, addressee FROM commitments WHERE consultation_id = ? ORDER BY clause_position", c.id)).toEqual([
      { clause_id: ids[1], addressee: MAYOR },
      { clause_id: ids[3], addressee: COUNCIL },
    ]);
    expect(await row("SELECT adopted_on FROM consultation_versions WHERE id = ?", c.versions[1].id)).toEqual({ adopted_on: null });
  });

  it("a document without addressees is adopted without commitments", async () => {
    const c = await closed({ versions: [[{ kind: "clause", number: "1", depth: 0, text: "Одобрить итоги форума.", addressees: [] }]] });
    const res = await admin.api(`/consultations/${c.id}/adopt`, { json: { adoptedOn: today() } });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { commitments: number }).commitments).toBe(0);
    expect(await row("SELECT status FROM consultations WHERE id = ?", c.id)).toEqual({ status: "adopted" });
  });

  it("at most 1,000 commitments: a version with 1,002 candidate rows cannot be adopted whole, with two rows left out it can", async () => {
    const clauses: DraftClause[] = Array.from({ length: 501 }, (_, i) => ({ kind: "clause", number: String(i + 1), depth: 0, text: `Пункт ${i + 1}.`, addressees: ["Мэрии", "Секретариату"] }));
    const c = await closed({ versions: [clauses] });
    const p = await expectProblem(await admin.api(`/consultations/${c.id}/adopt`, { json: { adoptedOn: today() } }), 422);
    expect(p.errors?.[0]).toMatchObject({ field: "commitments", reason: "Слишком много поручений: не больше 1000" });
    expect(await row("SELECT status FROM consultations WHERE id = ?", c.id)).toEqual({ status: "published" });
    const last = c.versions[0].clauseIds[500];
    const res = await admin.api(`/consultations/${c.id}/adopt`, { json: { adoptedOn: today(), exclude: [{ clauseId: last, addressee: "Мэрии" }, { clauseId: last, addressee: "Секретариату" }] } });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await count("commitments", "consultation_id = ?", c.id)).toBe(1000);
  });

  it("only the organiser's admins: a resident, a moderator, another organiser's admin get 403; a visitor 401; nothing changes", async () => {
    const c = await closed();
    const before = await snapshot(c.id);
    for (const [who, b] of outsiders) {
      expect((await b.api(`/consultations/${c.id}/adopt`, { json: { adoptedOn: today() } })).status, who).toBe(403);
      expect((await b.fetch(`/consultations/${c.id}/adopt`)).status, who).toBe(403);
      expect((await b.fetch(`/consultations/${c.id}/adopt`, { form: { adoptedOn: today(), adoptedBy: "x", version: "1", pick: `${c.versions[0].clauseIds[1]}#0` } })).status, who).toBe(403);
    }
    expect((await new Browser().api(`/consultations/${c.id}/adopt`, { json: { adoptedOn: today() } })).status).toBe(401);
    const page = await new Browser().fetch(`/consultations/${c.id}/adopt`);
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe(`/signin?next=${encodeURIComponent(`/consultations/${c.id}/adopt`)}`);
    expect(await snapshot(c.id)).toEqual(before);
    await expectProblem(await admin.api(`/consultations/no-such-consultation/adopt`, { json: { adoptedOn: today() } }), 404);
    // Someone else's draft consultation is not even shown to exist.
    const hidden = await seedConsultation({ organiserId: orgA, createdBy: admin.user.id, status: "draft" });
    await expectProblem(await otherAdmin.api(`/consultations/${hidden.id}/adopt`, { json: { adoptedOn: today() } }), 404);
  });

  it("the page form: unticked rows are left out, then the implementation page opens with the flash", async () => {
    const c = await closed();
    const ids = c.versions[0].clauseIds;
    const form = new URLSearchParams({ _csrf: await admin.csrfToken(), version: "1", adoptedOn: today(), adoptedBy: "Участники форума" });
    for (const k of [`${ids[1]}#0`, `${ids[3]}#0`, `${ids[3]}#1`, `${ids[5]}#0`]) form.append("pick", k);
    const res = await admin.fetch(`/consultations/${c.id}/adopt`, { method: "POST", body: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/consultations/${c.id}/implementation?done=consultations.implementation.done.adopted`);
    expect(await rows("SELECT clause_id, addressee FROM commitments WHERE consultation_id = ? ORDER BY clause_position, addressee", c.id)).toEqual([
      { clause_id: ids[1], addressee: MAYOR },
      { clause_id: ids[3], addressee: MAYOR },
      { clause_id: ids[3], addressee: COUNCIL },
      { clause_id: ids[5], addressee: "Активу ТОС" },
    ]);
    const html = visible(await (await admin.fetch(res.headers.get("location")!)).text());
    expect(html).toContain("Документ принят. Поручения перечислены ниже.");
  });

  it("the page form with a wrong date: 422, the error next to the field, the ticks and values kept, nothing written", async () => {
    const c = await closed();
    const ids = c.versions[0].clauseIds;
    const before = await snapshot(c.id);
    const form = new URLSearchParams({ _csrf: await admin.csrfToken(), version: "1", adoptedOn: daysFromToday(2), adoptedBy: "<b>Правление</b>" });
    form.append("pick", `${ids[1]}#0`);
    form.append("pick", "forged-key#0");
    const res = await admin.fetch(`/consultations/${c.id}/adopt`, { method: "POST", body: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(422);
    const html = visible(await res.text());
    expect(html).toContain("Дата принятия не может быть позже сегодняшней");
    expect(html).toContain("В этой редакции нет такого пункта с таким адресатом");
    expect(html).toContain('href="#f-adoptedOn"');
    expect(html).toContain("&lt;b>Правление&lt;/b>");
    expect(html).not.toContain("<b>Правление</b>");
    expect(html).toMatch(new RegExp(`value="${ids[1]}#0" checked`));
    expect(html).not.toMatch(new RegExp(`value="${ids[3]}#0" checked`));
    expect(await snapshot(c.id)).toEqual(before);
  });
});

describe("commitments: the organiser's edits and notes", () => {
  it("edit responsible, due date and status: one batch with the audit record and (for the status) the feed entry", async () => {
    const { c, list } = await adopted();
    const target = list.find((x) => x.clause_id === c.versions[0].clauseIds[3] && x.addressee === MAYOR)!;
    let res = await admin.api(`/commitments/${target.id}`, { method: "PATCH", json: { responsible: "Департамент по социальной политике", dueOn: "2027-03-31" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ changed: true });
    expect(await row("SELECT responsible, due_on, status FROM commitments WHERE id = ?", target.id)).toEqual({ responsible: "Департамент по социальной политике", due_on: "2027-03-31", status: "not_started" });
    expect(await count("consultation_events", "consultation_id = ? AND kind = 'commitment_status'", c.id)).toBe(0);

    res = await admin.api(`/commitments/${target.id}`, { method: "PATCH", json: { status: "done" } });
    expect(res.status).toBe(200);
    const ev = await row<{ params: string; url: string }>("SELECT params, url FROM consultation_events WHERE consultation_id = ? AND kind = 'commitment_status'", c.id);
    expect(JSON.parse(ev!.params)).toEqual({ title: "Проект резолюции форума «Активный город»", addressee: MAYOR, status: "done", clause: "2.1" });
    expect(ev!.url).toBe(`/consultations/${c.id}/implementation#commitment-${target.id}`);
    const audits = await rows<{ action: string; details: string }>("SELECT action, details FROM audit_log WHERE object_id = ? ORDER BY id", target.id);
    expect(audits.map((a) => [a.action, JSON.parse(a.details)])).toEqual([
      ["commitment.update", { fields: ["responsible", "dueOn"], dueOn: "2027-03-31" }],
      ["commitment.update", { fields: ["status"], from: "not_started", to: "done" }],
    ]);

    // Back and forth is allowed (a result that fell through), and recorded each time.
    expect((await admin.api(`/commitments/${target.id}`, { method: "PATCH", json: { status: "in_progress" } })).status).toBe(200);
    expect(await row("SELECT status FROM commitments WHERE id = ?", target.id)).toEqual({ status: "in_progress" });
    expect(await count("consultation_events", "consultation_id = ? AND kind = 'commitment_status'", c.id)).toBe(2);

    // The same values again change nothing and record nothing; null clears the due date.
    const audited = await count("audit_log", "object_id = ?", target.id);
    expect(await (await admin.api(`/commitments/${target.id}`, { method: "PATCH", json: { status: "in_progress", responsible: "Департамент по социальной политике" } })).json()).toEqual({ changed: false });
    expect(await count("audit_log", "object_id = ?", target.id)).toBe(audited);
    await admin.api(`/commitments/${target.id}`, { method: "PATCH", json: { dueOn: null } });
    expect(await row("SELECT due_on FROM commitments WHERE id = ?", target.id)).toEqual({ due_on: null });
  });

  it("edits: bad input names the field and changes nothing; an addressee the clause already has is refused", async () => {
    const { c, list } = await adopted();
    const target = list.find((x) => x.clause_id === c.versions[0].clauseIds[3] && x.addressee === MAYOR)!;
    const before = await snapshot(c.id);
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ dueOn: "2027-02-29" }, "dueOn", "Введите существующую дату в формате ГГГГ-ММ-ДД"],
      [{ dueOn: "31.03.2027" }, "dueOn"],
      [{ status: "started" }, "status", "Выберите одно из предложенных значений"],
      [{ addressee: "" }, "addressee", "Заполните это поле"],
      [{ addressee: "   " }, "addressee"],
      [{ addressee: "а".repeat(301) }, "addressee", "Слишком длинно: не больше 300 символов"],
      [{ responsible: "о".repeat(301) }, "responsible", "Слишком длинно: не больше 300 символов"],
      [{ addressee: COUNCIL }, "addressee", "У этого пункта уже есть поручение этому адресату"],
    ];
    for (const [body, field, reason] of cases) {
      const p = await expectProblem(await admin.api(`/commitments/${target.id}`, { method: "PATCH", json: body }), 422);
      const issue = p.errors?.find((e) => e.field === field);
      expect(issue, JSON.stringify(p.errors)).toBeDefined();
      if (reason) expect(issue!.reason).toBe(reason);
    }
    expect(await snapshot(c.id)).toEqual(before);
    // At the limits: 300 characters are fine.
    expect((await admin.api(`/commitments/${target.id}`, { method: "PATCH", json: { addressee: "а".repeat(300), responsible: "о".repeat(300) } })).status).toBe(200);
  });

  it("a dated note changing the status: the note records it, the commitment moves, one feed entry; a plain note does not announce anything", async () => {
    const { c, list } = await adopted();
    const target = list.find((x) => x.clause_id === c.versions[0].clauseIds[5])!;
    let res = await admin.api(`/commitments/${target.id}/notes`, { json: { notedOn: today(), body: "Собрание актива ТОС проведено, 40 участников.", status: "in_progress" } });
    expect(res.status).toBe(201);
    const { id: noteId, statusChanged } = (await res.json()) as { id: string; statusChanged: boolean };
    expect(statusChanged).toBe(true);
    expect(await row("SELECT commitment_id, author_id, noted_on, body, status FROM commitment_notes WHERE id = ?", noteId)).toEqual({
      commitment_id: target.id,
      author_id: admin.user.id,
      noted_on: today(),
      body: "Собрание актива ТОС проведено, 40 участников.",
      status: "in_progress",
    });
    expect(await row("SELECT status FROM commitments WHERE id = ?", target.id)).toEqual({ status: "in_progress" });
    const ev = await row<{ params: string }>("SELECT params FROM consultation_events WHERE consultation_id = ? AND kind = 'commitment_status'", c.id);
    expect(JSON.parse(ev!.params)).toMatchObject({ status: "in_progress", clause: "3", addressee: "Активу ТОС" });

    res = await admin.api(`/commitments/${target.id}/notes`, { json: { notedOn: today(), body: "Подготовлен план на следующий год.", status: "in_progress" } });
    expect(await res.json()).toMatchObject({ statusChanged: false });
    expect(await row("SELECT status FROM commitment_notes WHERE body = ?", "Подготовлен план на следующий год.")).toEqual({ status: null });
    expect(await count("consultation_events", "consultation_id = ? AND kind = 'commitment_status'", c.id)).toBe(1);
    expect(await count("audit_log", "object_id = ? AND action = 'commitment.note'", target.id)).toBe(2);
  });

  it("notes: dated from the adoption to today, 1 to 5,000 characters; refusals change nothing", async () => {
    const { c, list } = await adopted();
    const target = list[0];
    // Adopted today: yesterday is before the adoption.
    const before = await snapshot(c.id);
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ notedOn: daysFromToday(1), body: "x" }, "notedOn", "Дата отметки не может быть позже сегодняшней"],
      [{ notedOn: daysFromToday(-1), body: "x" }, "notedOn", `Отметка не может быть раньше принятия документа (${today()})`],
      [{ notedOn: "2026-13-01", body: "x" }, "notedOn"],
      [{ body: "x" }, "notedOn"],
      [{ notedOn: today(), body: "" }, "body", "Заполните это поле"],
      [{ notedOn: today(), body: " \n " }, "body"],
      [{ notedOn: today(), body: "я".repeat(5001) }, "body", "Слишком длинно: не больше 5000 символов"],
      [{ notedOn: today(), body: "x", status: "finished" }, "status"],
    ];
    for (const [body, field, reason] of cases) {
      const p = await expectProblem(await admin.api(`/commitments/${target.id}/notes`, { json: body }), 422);
      const issue = p.errors?.find((e) => e.field === field);
      expect(issue, JSON.stringify(p.errors)).toBeDefined();
      if (reason) expect(issue!.reason).toBe(reason);
    }
    expect(await snapshot(c.id)).toEqual(before);
    expect((await admin.api(`/commitments/${target.id}/notes`, { json: { notedOn: today(), body: "я".repeat(5000) } })).status).toBe(201);
  });

  it("at most 50 notes per commitment, exactly, even when the last places are raced for", async () => {
    const { list } = await adopted();
    const target = list[0];
    const stmts = Array.from({ length: 48 }, (_, i) =>
      db.prepare("INSERT INTO commitment_notes (id, commitment_id, author_id, noted_on, body, status, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?)").bind(crypto.randomUUID(), target.id, admin.user.id, today(), `Отметка ${i}`, Date.now()),
    );
    await db.batch(stmts);
    const results = await Promise.all([1, 2, 3, 4].map((i) => admin.api(`/commitments/${target.id}/notes`, { json: { notedOn: today(), body: `Гонка ${i}`, status: "done" } })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 422, 422]);
    expect(await count("commitment_notes", "commitment_id = ?", target.id)).toBe(50);
    const p = await expectProblem(await admin.api(`/commitments/${target.id}/notes`, { json: { notedOn: today(), body: "Ещё одна" } }), 422);
    expect(p.errors?.[0]).toMatchObject({ field: "body", reason: "У поручения уже 50 отметок: больше добавить нельзя" });
    expect(await count("commitment_notes", "commitment_id = ?", target.id)).toBe(50);
    // The refused ones wrote no audit record (the batch aborted whole).
    expect(await count("audit_log", "object_id = ? AND action = 'commitment.note'", target.id)).toBe(2);
  });

  it("remove a row that is not a commitment: its notes go with it, the removal is audited", async () => {
    const { c, list } = await adopted();
    const target = list[1];
    await admin.api(`/commitments/${target.id}/notes`, { json: { notedOn: today(), body: "Ошибочная строка" } });
    const res = await admin.api(`/commitments/${target.id}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(await count("commitments", "id = ?", target.id)).toBe(0);
    expect(await count("commitment_notes", "commitment_id = ?", target.id)).toBe(0);
    expect(await count("commitments", "consultation_id = ?", c.id)).toBe(list.length - 1);
    const audit = await row<{ actor_id: string; details: string }>("SELECT actor_id, details FROM audit_log WHERE object_id = ? AND action = 'commitment.delete'", target.id);
    expect(audit!.actor_id).toBe(admin.user.id);
    expect(JSON.parse(audit!.details)).toMatchObject({ consultationId: c.id, addressee: target.addressee });
    await expectProblem(await admin.api(`/commitments/${target.id}`, { method: "DELETE" }), 404);
  });

  it("only the organiser's admins edit, note and remove: 403 for a resident, a moderator, another organiser's admin (pages too); 401 for a visitor; nothing changes", async () => {
    const { c, list } = await adopted();
    const target = list[0];
    const before = await snapshot(c.id);
    const base = `/consultations/${c.id}/commitments/${target.id}`;
    for (const [who, b] of outsiders) {
      expect((await b.api(`/commitments/${target.id}`, { method: "PATCH", json: { status: "done" } })).status, who).toBe(403);
      expect((await b.api(`/commitments/${target.id}/notes`, { json: { notedOn: today(), body: "x", status: "done" } })).status, who).toBe(403);
      expect((await b.api(`/commitments/${target.id}`, { method: "DELETE" })).status, who).toBe(403);
      expect((await b.fetch(base)).status, who).toBe(403);
      expect((await b.fetch(base, { form: { addressee: "x", status: "done" } })).status, who).toBe(403);
      expect((await b.fetch(`${base}/notes`, { form: { notedOn: today(), body: "x", newStatus: "done" } })).status, who).toBe(403);
      expect((await b.fetch(`${base}/delete`, { form: { confirm: "on" } })).status, who).toBe(403);
    }
    const visitor = new Browser();
    expect((await visitor.api(`/commitments/${target.id}`, { method: "PATCH", json: { status: "done" } })).status).toBe(401);
    expect((await visitor.api(`/commitments/${target.id}/notes`, { json: { notedOn: today(), body: "x" } })).status).toBe(401);
    expect((await visitor.api(`/commitments/${target.id}`, { method: "DELETE" })).status).toBe(401);
    expect(await snapshot(c.id)).toEqual(before);
    await expectProblem(await admin.api(`/commitments/no-such-commitment`, { method: "PATCH", json: { status: "done" } }), 404);
    // A commitment under another consultation's address is not found.
    const other = await adopted();
    expect((await admin.fetch(`/consultations/${other.c.id}/commitments/${target.id}`)).status).toBe(404);
    expect((await admin.fetch(`/consultations/${other.c.id}/commitments/${target.id}/delete`, { form: { confirm: "on" } })).status).toBe(404);
    expect(await snapshot(c.id)).toEqual(before);
  });

  it("the commitment page: edit, note and removal through the forms, errors inline", async () => {
    const { c, list } = await adopted();
    const target = list[0];
    const base = `/consultations/${c.id}/commitments/${target.id}`;
    const page = visible(await (await admin.fetch(base)).text());
    expect(page).toContain("Поручение: Пункт 1 — Мэрии города Новосибирска");
    expect(page).toContain(`value="${today()}"`);

    let res = await admin.fetch(base, { form: { addressee: MAYOR, responsible: "Управление общественных связей", dueOn: "2027-06-30", status: "in_progress" } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${base}?done=consultations.implementation.done.saved`);
    expect(await row("SELECT responsible, due_on, status FROM commitments WHERE id = ?", target.id)).toEqual({ responsible: "Управление общественных связей", due_on: "2027-06-30", status: "in_progress" });

    res = await admin.fetch(`${base}/notes`, { form: { notedOn: today(), body: "Проведён семинар", newStatus: "done" } });
    expect(res.status).toBe(303);
    expect(await row("SELECT status FROM commitments WHERE id = ?", target.id)).toEqual({ status: "done" });

    res = await admin.fetch(`${base}/notes`, { form: { notedOn: daysFromToday(3), body: "Завтрашняя отметка", newStatus: "in_progress" } });
    expect(res.status).toBe(422);
    let html = visible(await res.text());
    expect(html).toContain("Дата отметки не может быть позже сегодняшней");
    expect(html).toContain(`value="${daysFromToday(3)}"`);
    expect(html).toContain("Завтрашняя отметка</textarea>");
    res = await admin.fetch(`${base}/notes`, { form: { notedOn: today(), body: "", newStatus: "bogus" } });
    expect(res.status).toBe(422);
    html = visible(await res.text());
    expect(html).toContain('<a href="#f-body">Что сделано: Заполните это поле</a>');
    expect(html).toContain('id="f-newStatus-error"');
    expect(await count("commitment_notes", "commitment_id = ?", target.id)).toBe(1);

    res = await admin.fetch(base, { form: { addressee: "", responsible: "", dueOn: "завтра", status: "done" } });
    expect(res.status).toBe(422);
    html = visible(await res.text());
    expect(html).toContain("Заполните это поле");
    expect(html).toContain("Введите существующую дату в формате ГГГГ-ММ-ДД");

    res = await admin.fetch(`${base}/delete`, { form: {} });
    expect(res.status).toBe(422);
    expect(visible(await res.text())).toContain("Отметьте, что строку действительно нужно удалить");
    expect(await count("commitments", "id = ?", target.id)).toBe(1);
    res = await admin.fetch(`${base}/delete`, { form: { confirm: "on" } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/consultations/${c.id}/implementation?done=consultations.implementation.done.deleted`);
    expect(await count("commitments", "id = ?", target.id)).toBe(0);
  });
});

describe("public pages", () => {
  it("one consultation's page: clause order, status in words, overdue marked, latest note and all notes, counts, filter by addressee", async () => {
    const { c, list } = await adopted({ title: "Резолюция <script>alert(1)</script>" });
    const [first, second] = list;
    await db.prepare("UPDATE commitments SET due_on = ?, responsible = 'Отдел ТОС' WHERE id = ?").bind(daysFromToday(-5), first.id).run();
    await db.prepare("UPDATE commitments SET due_on = ?, status = 'done' WHERE id = ?").bind(daysFromToday(-5), second.id).run();
    await admin.api(`/commitments/${first.id}/notes`, { json: { notedOn: today(), body: "Первая <i>отметка</i>" } });
    await admin.api(`/commitments/${first.id}/notes`, { json: { notedOn: today(), body: "Вторая отметка", status: "in_progress" } });

    const res = await new Browser().fetch(`/consultations/${c.id}/implementation`);
    expect(res.status).toBe(200);
    const html = visible(await res.text());
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("Исполнение: Резолюция &lt;script>alert(1)&lt;/script>");
    // Clause order: 1, 2.1, 2.1, 2.2, 2.2, 3.
    const headings = [...html.matchAll(/<h2 class="card__title">([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual([`Пункт 1 — ${MAYOR}`, `Пункт 2.1 — ${MAYOR}`, `Пункт 2.1 — ${COUNCIL}`, `Пункт 2.2 — ${MAYOR}`, `Пункт 2.2 — ${COUNCIL}`, "Пункт 3 — Активу ТОС"]);
    const card = (id: string) => html.slice(html.indexOf(`id="commitment-${id}"`), html.indexOf("</article>", html.indexOf(`id="commitment-${id}"`)));
    expect(card(first.id)).toContain("В работе");
    expect(card(first.id)).toContain("Просрочено");
    expect(card(first.id)).toContain("Отдел ТОС");
    expect(card(first.id)).toContain("Вторая отметка");
    expect(card(first.id)).toContain("<details>");
    expect(card(first.id)).toContain("Первая &lt;i>отметка&lt;/i>");
    expect(card(second.id)).toContain("Выполнено");
    expect(card(second.id)).not.toContain("Просрочено");
    expect(card(second.id)).not.toContain("<details>");
    expect(html).not.toContain("Изменить");
    expect(html).toMatch(/В работе: <strong>1<\/strong>/);
    expect(html).toMatch(/Не начато: <strong>4<\/strong>/);
    expect(html).toMatch(/Выполнено: <strong>1<\/strong>/);
    expect(html).toMatch(/Просрочено: <strong>1<\/strong>/);
    expect(html).toContain(`<option value="${COUNCIL}">${COUNCIL} (2)</option>`);

    const filtered = visible(await (await new Browser().fetch(`/consultations/${c.id}/implementation?addressee=${encodeURIComponent(COUNCIL)}`)).text());
    expect([...filtered.matchAll(/<h2 class="card__title">([^<]*)<\/h2>/g)].map((m) => m[1])).toEqual([`Пункт 2.1 — ${COUNCIL}`, `Пункт 2.2 — ${COUNCIL}`]);
    expect(filtered).toMatch(/Не начато: <strong>2<\/strong>/);

    // The organiser's admin gets an edit link per commitment.
    const mine = visible(await (await admin.fetch(`/consultations/${c.id}/implementation`)).text());
    expect(mine).toContain(`href="/consultations/${c.id}/commitments/${first.id}"`);

    // The API gives the same, with every note.
    const api = (await (await new Browser().api(`/consultations/${c.id}/commitments`)).json()) as { adopted: unknown; counts: Record<string, number>; items: { id: string; overdue: boolean; notes: unknown[]; latestNote: { body: string } | null }[] };
    expect(api.adopted).toEqual({ version: 1, adoptedOn: today(), adoptedBy: "Участники форума" });
    expect(api.counts).toEqual({ not_started: 4, in_progress: 1, done: 1, failed: 0, overdue: 1 });
    expect(api.items[0]).toMatchObject({ id: first.id, overdue: true, latestNote: { body: "Вторая отметка" } });
    expect(api.items[0].notes).toHaveLength(2);
  });

  it("a consultation not yet adopted says so (with the way to adopt for its organiser); a draft is not found for others", async () => {
    const c = await closed();
    const html = visible(await (await new Browser().fetch(`/consultations/${c.id}/implementation`)).text());
    expect(html).toContain("Документ ещё не принят");
    expect(html).not.toContain(`/consultations/${c.id}/adopt`);
    expect(visible(await (await admin.fetch(`/consultations/${c.id}/implementation`)).text())).toContain(`href="/consultations/${c.id}/adopt"`);
    const draft = await seedConsultation({ organiserId: orgA, createdBy: admin.user.id, status: "draft" });
    expect((await new Browser().fetch(`/consultations/${draft.id}/implementation`)).status).toBe(404);
    expect((await new Browser().api(`/consultations/${draft.id}/commitments`)).status).toBe(404);
  });

  it("the portal-wide page: soonest due first and undated last, 50 a page by key, filters by addressee, status and overdue; the API agrees", async () => {
    // A consultation of its own addressee, so other tests' commitments do not get in the way.
    const who = `Администрации района ${crypto.randomUUID().slice(0, 8)}`;
    const clauses: DraftClause[] = Array.from({ length: 60 }, (_, i) => ({ kind: "clause", number: String(i + 1), depth: 0, text: `Пункт ${i + 1}.`, addressees: [who] }));
    const { list } = await adopted({ versions: [clauses] });
    // Due dates: clauses 1–50 get dates in reverse order (clause 1 latest); 51–60 none; some overdue, some done.
    const byClause = await rows<{ id: string; clause_position: number }>("SELECT id, clause_position FROM commitments WHERE addressee = ? ORDER BY clause_position", who);
    const due = (pos: number) => moscowToday(Date.now() + (25 - pos) * DAY);
    await db.batch(byClause.filter((x) => x.clause_position < 50).map((x) => db.prepare("UPDATE commitments SET due_on = ? WHERE id = ?").bind(due(x.clause_position), x.id)));
    await db.prepare("UPDATE commitments SET status = 'done' WHERE id = ?").bind(byClause[49].id).run();
    await db.prepare("UPDATE commitments SET status = 'failed' WHERE id = ?").bind(byClause[48].id).run();
    expect(list).toHaveLength(60);

    const api = async (q: string) => (await (await new Browser().api(`/commitments?addressee=${encodeURIComponent(who)}${q}`)).json()) as { items: { id: string; dueOn: string | null; overdue: boolean; status: string }[]; next: string | null; counts: Record<string, number>; addressees: { addressee: string; count: number }[] };
    const page1 = await api("");
    expect(page1.items).toHaveLength(50);
    // Positions 0–49 are dated: the first page is exactly the dated ones, soonest first; the undated follow.
    const dates = page1.items.map((i) => i.dueOn);
    expect(dates).toEqual([...dates].sort());
    expect(dates[0]).toBe(due(49));
    expect(dates[49]).toBe(due(0));
    expect(page1.next).not.toBeNull();
    const page2 = await api(`&after=${page1.next}`);
    expect(page2.items).toHaveLength(10);
    expect(page2.items.every((i) => i.dueOn === null)).toBe(true);
    expect(page2.next).toBeNull();
    expect(new Set([...page1.items, ...page2.items].map((i) => i.id)).size).toBe(60);
    expect(page1.addressees.find((a) => a.addressee === who)).toEqual({ addressee: who, count: 60 });

    // Overdue: due before today and not done or failed (positions 26–47 open and past due; 48 failed, 49 done are not).
    const overdue = await api("&overdue=1");
    expect(overdue.items.map((i) => i.dueOn).every((d) => d !== null && d < today())).toBe(true);
    expect(overdue.items).toHaveLength(22);
    expect(overdue.items.every((i) => i.overdue && i.status === "not_started")).toBe(true);
    expect((await api("&status=done")).items.map((i) => i.id)).toEqual([byClause[49].id]);
    expect((await api("&status=done&overdue=1")).items).toEqual([]);
    expect((await api("&status=not_started&overdue=1")).items).toHaveLength(22);

    // Bad filters are problems.
    await expectProblem(await new Browser().api("/commitments?status=started"), 422);
    await expectProblem(await new Browser().api(`/commitments?addressee=${"x".repeat(301)}`), 422);

    // The page renders the same first 50, links the next page, and keeps the filters.
    const html = visible(await (await new Browser().fetch(`/implementation?addressee=${encodeURIComponent(who)}`)).text());
    expect([...html.matchAll(/id="commitment-([0-9a-f-]{36})"/g)].map((m) => m[1])).toEqual(page1.items.map((i) => i.id));
    expect(html).toContain(`rel="next"`);
    expect(html).toContain(`selected>${who} (60)</option>`);
    const overduePage = visible(await (await new Browser().fetch(`/implementation?addressee=${encodeURIComponent(who)}&overdue=1`)).text());
    expect((overduePage.match(/Просрочено<\/span>/g) ?? []).length).toBe(22);
    expect(overduePage).toMatch(/id="q-overdue" name="overdue" value="1" checked/);
    const next = html.match(/href="(\/implementation\?[^"]+)" rel="next"/)![1].replace(/&amp;/g, "&");
    const html2 = visible(await (await new Browser().fetch(next)).text());
    expect([...html2.matchAll(/id="commitment-([0-9a-f-]{36})"/g)].map((m) => m[1])).toEqual(page2.items.map((i) => i.id));
  });
});
