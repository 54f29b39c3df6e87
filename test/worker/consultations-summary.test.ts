import { beforeAll, describe, expect, it } from "vitest";
import { Browser } from "./client";
import { HOUR, SAMPLE_CLAUSES, seedConsultation, seedRemarks, setWindow, type SeededConsultation } from "./consultation-fixtures";
import { count, createOrganiser, db, expectProblem, grantRole, newActor, row, rows } from "./fixtures";
import { addOrganisation, type Actor } from "./proposals-helpers";

/**
 * The «сводка предложений»: dispositions (who, when, what), publication (guarded, notifying every
 * author), the public summary page and API, the CSV (matching the page) and the printable page.
 */
const ORG = "sum-org";
const OTHER = "sum-other";
let admin: Actor;
let moderator: Actor;
let otherAdmin: Actor;
let resident: Actor;
let authorA: Actor;
let authorB: Actor;

beforeAll(async () => {
  await createOrganiser(ORG);
  await createOrganiser(OTHER);
  admin = await newActor({ displayName: "Секретарь МАГ" });
  moderator = await newActor({ displayName: "Модератор" });
  otherAdmin = await newActor({ displayName: "Чужой администратор" });
  resident = await newActor();
  authorA = await newActor({ displayName: "Анна Открытая" });
  authorB = await newActor({ displayName: "Борис Тайный" });
  await grantRole(admin.user.id, "organiser_admin", ORG);
  await grantRole(moderator.user.id, "moderator", ORG);
  await grantRole(otherAdmin.user.id, "organiser_admin", OTHER);
});

/** A consultation whose window closed an hour ago, with remarks of several kinds and authors. */
async function closedWithRemarks(opts: { versions?: number; window?: "open" | "closed" } = {}) {
  const now = Date.now();
  const c = await seedConsultation({
    organiserId: ORG,
    createdBy: admin.user.id,
    title: `Проект резолюции «Город соседей» ${crypto.randomUUID().slice(0, 6)}`,
    opensAt: now - 48 * HOUR,
    closesAt: opts.window === "open" ? now + HOUR : now - HOUR,
    versions: Array.from({ length: opts.versions ?? 1 }, () => SAMPLE_CLAUSES),
  });
  const ids = await seedRemarks(c, [
    { authorId: authorA.user.id, clauseIndex: 1, kind: "comment", body: "Добавить сроки; и ответственных — «мэрия»" },
    { authorId: authorB.user.id, clauseIndex: 1, kind: "wording", body: "Точнее", proposedText: "Мэрии города Новосибирска до 1 июня 2027 г. утвердить план.", shownAs: "anonymous" },
    { authorId: authorA.user.id, clauseIndex: null, kind: "objection", body: "=СУММ(A1:A2) против документа в целом\nвторая строка" },
    { authorId: authorB.user.id, clauseIndex: 3, kind: "new_clause", body: "", proposedText: "2.1.1. Провести конкурс дважды в год.", shownAs: "anonymous" },
    { authorId: authorA.user.id, clauseIndex: 5, kind: "comment", body: "Скрытое замечание", status: "hidden" },
    { authorId: authorA.user.id, clauseIndex: 5, kind: "comment", body: "Удалённое замечание", status: "deleted" },
  ]);
  return { c, ids, visible: ids.slice(0, 4), hidden: ids[4], deleted: ids[5] };
}

/** The development outbox receives queued copies asynchronously (miniflare's queue → the worker's consumer). */
async function waitForMail(to: string, subject: string) {
  for (let i = 0; i < 100; i++) {
    const found = await rows<{ subject: string; text: string }>("SELECT subject, text FROM dev_outbox WHERE to_address = ? ORDER BY id", to.toLowerCase());
    const m = found.find((x) => x.subject.includes(subject));
    if (m) return m;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail «${subject}» to ${to}`);
}

const dispositionOf = (id: string) => row<{ disposition: string | null; disposition_reason: string | null; disposed_by: string | null }>("SELECT disposition, disposition_reason, disposed_by FROM remarks WHERE id = ?", id);
const audits = (id: string) => count("audit_log", "object_type = 'remark' AND object_id = ? AND action = 'remark.disposition'", id);
const put = (b: Browser, id: string, body: unknown) => b.api(`/remarks/${id}/disposition`, { method: "PUT", json: body });
const publish = (b: Browser, id: string, body: unknown = {}) => b.api(`/consultations/${id}/summary/publish`, { json: body });

/** Every visible remark of the seeded consultation gets a disposition through the API. */
async function disposeAll(visible: string[]) {
  const ds = [
    { disposition: "accepted", reason: "" },
    { disposition: "partly", reason: "Сроки учтены; план — нет.\nСм. п. 1." },
    { disposition: "rejected", reason: "Противоречит Уставу МАГ" },
    { disposition: "out_of_scope", reason: "Не относится к предмету резолюции" },
  ];
  for (const [i, id] of visible.entries()) expect((await put(admin, id, ds[i % ds.length])).status).toBe(200);
}

describe("recording a disposition", () => {
  it("only the organiser's admins: a resident, the organiser's moderator and another organiser's admin get 403 and nothing changes", async () => {
    const { visible } = await closedWithRemarks();
    const id = visible[0];
    for (const b of [resident, moderator, otherAdmin]) {
      await expectProblem(await put(b, id, { disposition: "rejected", reason: "Нет" }), 403);
      // Even with input that would be invalid, the answer is about who, not what.
      await expectProblem(await put(b, id, { disposition: "rejected" }), 403);
    }
    await expectProblem(await new Browser().api(`/remarks/${id}/disposition`, { method: "PUT", json: { disposition: "accepted" } }), 401);
    expect(await dispositionOf(id)).toEqual({ disposition: null, disposition_reason: null, disposed_by: null });
    expect(await audits(id)).toBe(0);
  });

  it("not before the window closes: 409 with a clear reason, nothing written", async () => {
    const { c, visible } = await closedWithRemarks({ window: "open" });
    const body = await expectProblem(await put(admin, visible[0], { disposition: "accepted" }), 409);
    expect(body.title).toBe("Решения по замечаниям записываются только после завершения приёма замечаний");
    expect((await dispositionOf(visible[0]))!.disposition).toBeNull();
    // The moment the window closes, it works.
    await setWindow(c.id, Date.now() - 48 * HOUR, Date.now() - 1);
    expect((await put(admin, visible[0], { disposition: "accepted" })).status).toBe(200);
  });

  it("a reason is required unless «учтено»; bad input is a field problem and changes nothing", async () => {
    const { visible } = await closedWithRemarks();
    const id = visible[0];
    for (const reason of [undefined, "", "   \n  "]) {
      const p = await expectProblem(await put(admin, id, { disposition: "partly", reason }), 422);
      expect(p.errors).toEqual([{ field: "reason", code: "consultations.summary.field.reasonRequired", reason: "Укажите обоснование: оно обязательно для всех решений, кроме «Учтено»" }]);
    }
    const long = await expectProblem(await put(admin, id, { disposition: "rejected", reason: "я".repeat(2001) }), 422);
    expect(long.errors?.[0]).toMatchObject({ field: "reason", code: "field.tooLong" });
    expect((await expectProblem(await put(admin, id, { disposition: "maybe", reason: "x" }), 422)).errors?.[0].field).toBe("disposition");
    expect(await dispositionOf(id)).toEqual({ disposition: null, disposition_reason: null, disposed_by: null });
    expect(await audits(id)).toBe(0);

    // English problem texts for an English reader.
    admin.cookies.set("lang", "en");
    const en = await put(admin, id, { disposition: "rejected" });
    admin.cookies.delete("lang");
    expect((await expectProblem(en, 422)).errors?.[0].reason).toBe("Give a reason: it is required for every decision but “Accepted”");

    const ok = await put(admin, id, { disposition: "rejected", reason: "  Противоречит закону  " });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ids: [id], disposition: "rejected", reason: "Противоречит закону", left: 3 });
    expect(await dispositionOf(id)).toEqual({ disposition: "rejected", disposition_reason: "Противоречит закону", disposed_by: admin.user.id });
  });

  it("may be changed before publication, and each change is audited with the previous one", async () => {
    const { visible } = await closedWithRemarks();
    const id = visible[1];
    expect((await put(admin, id, { disposition: "accepted" })).status).toBe(200);
    expect((await put(admin, id, { disposition: "partly", reason: "Частично" })).status).toBe(200);
    expect(await dispositionOf(id)).toMatchObject({ disposition: "partly", disposition_reason: "Частично" });
    const log = await rows<{ reason: string | null; details: string }>("SELECT reason, details FROM audit_log WHERE object_id = ? AND action = 'remark.disposition' ORDER BY id", id);
    expect(log.map((l) => ({ reason: l.reason, ...JSON.parse(l.details) }))).toMatchObject([
      { reason: null, disposition: "accepted", previous: null },
      { reason: "Частично", disposition: "partly", previous: "accepted" },
    ]);
  });

  it("hidden remarks need none (409), deleted ones do not exist (404), unknown ids 404", async () => {
    const { hidden, deleted } = await closedWithRemarks();
    expect((await expectProblem(await put(admin, hidden, { disposition: "accepted" }), 409)).title).toMatch(/скрыто модератором/);
    await expectProblem(await put(admin, deleted, { disposition: "accepted" }), 404);
    await expectProblem(await put(admin, "00000000-0000-0000-0000-000000000000", { disposition: "accepted" }), 404);
    expect((await dispositionOf(hidden))!.disposition).toBeNull();
  });

  it("bulk: one disposition and reason for several remarks in one batch; limits and foreign ids refused whole", async () => {
    const { c, visible } = await closedWithRemarks();
    const other = await closedWithRemarks();
    const res = await admin.api(`/consultations/${c.id}/dispositions`, { json: { remarkIds: [visible[0], visible[2], visible[0]], disposition: "rejected", reason: "Вне компетенции" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ids: [visible[0], visible[2]], left: 2 });
    for (const id of [visible[0], visible[2]]) {
      expect(await dispositionOf(id)).toMatchObject({ disposition: "rejected", disposition_reason: "Вне компетенции" });
      expect(await audits(id)).toBe(1);
    }
    // A remark of another consultation in the list: refused, nothing written.
    const mixed = await expectProblem(await admin.api(`/consultations/${c.id}/dispositions`, { json: { remarkIds: [visible[1], other.visible[0]], disposition: "accepted" } }), 422);
    expect(mixed.errors?.[0]).toMatchObject({ field: "remarkIds", code: "consultations.summary.field.unknownRemarks" });
    expect((await dispositionOf(visible[1]))!.disposition).toBeNull();
    // At most 100 at a time; at least one.
    const many = Array.from({ length: 101 }, () => crypto.randomUUID());
    expect((await expectProblem(await admin.api(`/consultations/${c.id}/dispositions`, { json: { remarkIds: many, disposition: "accepted" } }), 422)).errors?.[0].field).toBe("remarkIds");
    expect((await expectProblem(await admin.api(`/consultations/${c.id}/dispositions`, { json: { remarkIds: [], disposition: "accepted" } }), 422)).errors?.[0].field).toBe("remarkIds");
    // Reason rule applies to the bulk form too; and other people get 403.
    expect((await expectProblem(await admin.api(`/consultations/${c.id}/dispositions`, { json: { remarkIds: [visible[1]], disposition: "partly" } }), 422)).errors?.[0].field).toBe("reason");
    await expectProblem(await otherAdmin.api(`/consultations/${c.id}/dispositions`, { json: { remarkIds: [visible[1]], disposition: "accepted" } }), 403);
    expect((await dispositionOf(visible[1]))!.disposition).toBeNull();
  });
});

describe("publishing the summary", () => {
  it("is refused with the count while remarks lack a disposition; then publishes once, announces, audits and notifies every author", async () => {
    const { c, visible, hidden } = await closedWithRemarks();
    expect((await put(admin, visible[0], { disposition: "accepted" })).status).toBe(200);

    const early = await expectProblem(await publish(admin, c.id), 409);
    expect(early).toMatchObject({ missing: 3, errors: [{ field: "remarks", reason: "Осталось без решения: 3 из 4" }] });
    expect((await row<{ s: number | null }>("SELECT summary_published_at AS s FROM consultation_versions WHERE id = ?", c.versions[0].id))!.s).toBeNull();
    await expectProblem(await publish(resident, c.id), 403);
    await expectProblem(await publish(moderator, c.id), 403);
    await expectProblem(await publish(otherAdmin, c.id), 403);

    await disposeAll(visible);
    const before = await count("notifications", "kind = 'remark_disposition'");
    const res = await publish(admin, c.id);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ version: 1, notified: 4 });
    expect((await row<{ s: number | null }>("SELECT summary_published_at AS s FROM consultation_versions WHERE id = ?", c.versions[0].id))!.s).toBeGreaterThan(0);
    expect(await count("consultation_events", "consultation_id = ? AND kind = 'summary'", c.id)).toBe(1);
    const event = await row<{ params: string; url: string }>("SELECT params, url FROM consultation_events WHERE consultation_id = ? AND kind = 'summary'", c.id);
    expect(JSON.parse(event!.params)).toMatchObject({ version: 1 });
    expect(event!.url).toBe(`/consultations/${c.id}/summary?version=1`);
    expect(await count("audit_log", "action = 'consultation.summary.publish' AND object_id = ? AND actor_id = ?", c.id, admin.user.id)).toBe(1);

    // One notification per visible remark, to its author, with its own disposition and reason; none for the hidden one.
    expect(await count("notifications", "kind = 'remark_disposition'")).toBe(before + 4);
    const notes = await rows<{ id: string; user_id: string; params: string; url: string }>("SELECT id, user_id, params, url FROM notifications WHERE kind = 'remark_disposition' AND substr(url, 1, ?) = ? ORDER BY url", `/consultations/${c.id}/remarks/`.length, `/consultations/${c.id}/remarks/`);
    expect(notes).toHaveLength(4);
    const byUrl = new Map(notes.map((n) => [n.url, n]));
    const second = byUrl.get(`/consultations/${c.id}/remarks/${visible[1]}`)!;
    expect(second.user_id).toBe(authorB.user.id);
    expect(JSON.parse(second.params)).toEqual({ title: expect.stringContaining("Город соседей"), disposition: "partly", reason: "Сроки учтены; план — нет.\nСм. п. 1." });
    expect(byUrl.has(`/consultations/${c.id}/remarks/${hidden}`)).toBe(false);
    // The author sees it on their notifications page in words.
    const page = await (await authorB.fetch("/me/notifications")).text();
    expect(page).toContain("учтено частично");
    // And by e-mail: the copies went through the queue (ids derived from the remarks) to the consumer.
    const mail = await waitForMail(authorB.user.email, "учтено частично");
    expect(mail.text).toContain(`/consultations/${c.id}/remarks/${visible[1]}`);
    expect(mail.text).toContain("Сроки учтены; план — нет.");

    // Twice is refused; the summary is final: no more dispositions.
    expect((await expectProblem(await publish(admin, c.id), 409)).title).toBe("Сводка этой редакции уже опубликована: решения окончательны");
    expect(await count("consultation_events", "consultation_id = ? AND kind = 'summary'", c.id)).toBe(1);
    expect(await count("notifications", "kind = 'remark_disposition'")).toBe(before + 4);
    await expectProblem(await put(admin, visible[0], { disposition: "rejected", reason: "Передумали" }), 409);
    expect((await dispositionOf(visible[0]))!.disposition).toBe("accepted");
  });

  it("a version without remarks publishes at once; a draft consultation's is 404 to others", async () => {
    const c = await seedConsultation({ organiserId: ORG, createdBy: admin.user.id, opensAt: Date.now() - 48 * HOUR, closesAt: Date.now() - HOUR });
    const res = await publish(admin, c.id);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ notified: 0 });
    const draft = await seedConsultation({ organiserId: ORG, createdBy: admin.user.id, status: "draft", closesAt: Date.now() - HOUR });
    await expectProblem(await publish(resident, draft.id), 404);
  });

  it("the guard inside the batch: a remark restored by a moderator after the check aborts the publication", async () => {
    const { c, visible, hidden } = await closedWithRemarks();
    await disposeAll(visible);
    // Simulate the race: the check passed, then a hidden remark (no disposition) became visible.
    const { publishSummaryStatement, isStalePublication } = await import("../../worker/consultations/summary/data");
    const { makeDb } = await import("../../worker/db/client");
    const { env } = await import("cloudflare:workers");
    await db.prepare("UPDATE remarks SET status = 'visible' WHERE id = ?").bind(hidden).run();
    const d = makeDb((env as any).DB);
    const err = await d.batch([publishSummaryStatement(d, c.versions[0].id, Date.now())]).then(
      () => null,
      (e) => e,
    );
    expect(isStalePublication(err)).toBe(true);
    expect((await row<{ s: number | null }>("SELECT summary_published_at AS s FROM consultation_versions WHERE id = ?", c.versions[0].id))!.s).toBeNull();
    // Through the route: 409 with the count.
    expect(await expectProblem(await publish(admin, c.id), 409)).toMatchObject({ missing: 1 });
  });
});

/** All items of the API summary for a filter, page after page. */
async function allItems(b: Browser, id: string, query: string) {
  const items: any[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const res = await b.api(`/consultations/${id}/summary?${query}&limit=2${after ? `&after=${after}` : ""}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: any[]; next: string | null };
    items.push(...body.items);
    after = body.next;
    pages++;
  } while (after && pages < 100);
  return items;
}

/** A small RFC 4180 parser (csv-parse is not a dependency): quotes, doubled quotes, delimiters and line breaks inside quotes. */
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
    else if (ch === "\r" && text[i + 1] === "\n") {
      rec.push(cell), out.push(rec), (rec = []), (cell = ""), i++;
    } else cell += ch;
  }
  if (cell !== "" || rec.length) rec.push(cell), out.push(rec);
  return out;
}

describe("the public summary", () => {
  let s: Awaited<ReturnType<typeof closedWithRemarks>>;
  beforeAll(async () => {
    s = await closedWithRemarks({ versions: 2 });
    // Version 2 took remark 1 into account in its clause 2.
    await db.prepare("INSERT INTO remark_links (remark_id, clause_id) VALUES (?, ?)").bind(s.visible[0], s.c.versions[1].clauseIds[2]).run();
    // The third remark speaks for an organisation.
    const orgId = await addOrganisation(ORG, "ТОС «Северный»", [{ userId: authorA.user.id, status: "confirmed" }]);
    await db.prepare("UPDATE remarks SET shown_as = 'organisation', organisation_id = ? WHERE id = ?").bind(orgId, s.visible[2]).run();
  });

  it("before publication: a clear 404 page for the public, a preview with a banner for the organiser", async () => {
    const page = await new Browser().fetch(`/consultations/${s.c.id}/summary`);
    expect(page.status).toBe(404);
    const html = await page.text();
    expect(html).toContain("Сводка предложений ещё не опубликована");
    expect(html).not.toContain("Добавить сроки");
    await expectProblem(await resident.api(`/consultations/${s.c.id}/summary`), 404);
    expect((await resident.fetch(`/consultations/${s.c.id}/summary.csv`)).status).toBe(404);
    expect((await resident.fetch(`/consultations/${s.c.id}/summary/print`)).status).toBe(404);

    const preview = await admin.fetch(`/consultations/${s.c.id}/summary?version=1`);
    expect(preview.status).toBe(200);
    const text = await preview.text();
    expect(text).toContain("Предварительный просмотр");
    expect(text).toContain("Осталось без решения: 4 из 4.");
    const api = (await (await admin.api(`/consultations/${s.c.id}/summary?version=1`)).json()) as { preview: boolean; progress: { left: number } };
    expect(api).toMatchObject({ preview: true, progress: { left: 4 } });
  });

  describe("after publication", () => {
    beforeAll(async () => {
      await disposeAll(s.visible);
      expect((await publish(admin, s.c.id, { version: 1 })).status).toBe(200);
    });

    it("the page: a captioned table with column headers, rows in document order, authors as they chose, counts, hidden count", async () => {
      const res = await new Browser().fetch(`/consultations/${s.c.id}/summary`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toMatch(/<caption>Замечания к редакции 1 и решения по ним<\/caption>/);
      expect(html.match(/<th scope="col"/g)).toHaveLength(9);
      // Document order: the whole document (position -1) first, then clause 1, then 2.1.
      const order = ["против документа в целом", "Добавить сроки", "Точнее", "Провести конкурс дважды"].map((x) => html.indexOf(x));
      expect(order.every((p, i) => p > 0 && (i === 0 || p > order[i - 1]))).toBe(true);
      expect(html).toContain("Участник обсуждения");
      expect(html).toContain("ТОС «Северный»");
      expect(html).toContain("Анна Открытая");
      // The anonymous author's real name is nowhere: not in the HTML, not in the page's JSON.
      expect(html).not.toContain("Борис Тайный");
      expect(html).toContain("Скрыто модератором");
      expect(html).toContain('href="/moderation/public"');
      expect(html).not.toContain("Скрытое замечание");
      expect(html).not.toContain("Удалённое замечание");
      // «учтено в п. 2 редакции 2», linking to the clause in version 2.
      expect(html).toContain(`href="/consultations/${s.c.id}?version=2#clause-${s.c.versions[1].clauseIds[2]}"`);
      expect(html).toContain("п. 2 редакции 2");
      // Counts per disposition.
      expect(html).toMatch(/<dt>Учтено частично<\/dt><dd>1<\/dd>/);
    });

    it("the API: the same rows, paginated by key, filters served by clause, kind, disposition", async () => {
      const all = await allItems(resident, s.c.id, "version=1");
      expect(all.map((i) => i.id)).toEqual([s.visible[2], s.visible[0], s.visible[1], s.visible[3]]);
      expect(JSON.stringify(all)).not.toContain("Борис Тайный");
      expect(all[2]).toMatchObject({ author: { shownAs: "anonymous", name: null }, kind: "wording", proposedText: "Мэрии города Новосибирска до 1 июня 2027 г. утвердить план.", disposition: "partly" });
      expect(all[1].takenInto).toEqual([{ clauseId: s.c.versions[1].clauseIds[2], number: "2", version: 2 }]);
      expect((await allItems(resident, s.c.id, `clause=${s.c.versions[0].clauseIds[1]}`)).map((i) => i.id)).toEqual([s.visible[0], s.visible[1]]);
      expect((await allItems(resident, s.c.id, "clause=document")).map((i) => i.id)).toEqual([s.visible[2]]);
      expect((await allItems(resident, s.c.id, "kind=new_clause")).map((i) => i.id)).toEqual([s.visible[3]]);
      expect((await allItems(resident, s.c.id, "disposition=rejected")).map((i) => i.id)).toEqual([s.visible[2]]);
      const body = (await (await resident.api(`/consultations/${s.c.id}/summary`)).json()) as any;
      expect(body).toMatchObject({ preview: false, version: { number: 1 }, counts: { accepted: 1, partly: 1, rejected: 1, out_of_scope: 1, none: 0 }, hidden: 1 });
      await expectProblem(await resident.api(`/consultations/${s.c.id}/summary?kind=bad`), 422);
      await expectProblem(await resident.api(`/consultations/00000000-0000-0000-0000-000000000000/summary`), 404);
    });

    it("the CSV matches the page: same columns, same words, same rows for the same filters", async () => {
      for (const query of ["version=1", `version=1&clause=${s.c.versions[0].clauseIds[1]}`, "version=1&kind=objection", "version=1&disposition=accepted"]) {
        for (const lang of ["ru", "en"] as const) {
          const b = new Browser(lang);
          const res = await b.fetch(`/consultations/${s.c.id}/summary.csv?${query}`);
          expect(res.status).toBe(200);
          expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
          const disposition = res.headers.get("content-disposition")!;
          expect(disposition).toMatch(new RegExp(`^attachment; filename="summary-${s.c.id.slice(0, 8)}-v1\\.csv"; filename\\*=UTF-8''`));
          expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toContain(lang === "ru" ? "Сводка предложений — Проект резолюции «Город соседей»" : "Summary of remarks — Проект");
          const bytes = new Uint8Array(await res.arrayBuffer());
          expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
          const text = new TextDecoder().decode(bytes.slice(3));
          const [header, ...records] = parseCsv(text, lang === "ru" ? ";" : ",");

          // The page's table for the same filters: its headers and its cells' words.
          const html = await (await b.fetch(`/consultations/${s.c.id}/summary?${query}`)).text();
          const ths = [...html.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
          expect(header).toEqual(ths);
          const items = await allItems(b, s.c.id, query);
          expect(records).toHaveLength(items.length);
          const t = lang === "ru" ? RU : EN;
          records.forEach((r, i) => {
            const it = items[i];
            const neutral = (x: string) => (/^[=+\-@\t\r]/.test(x) ? `'${x}` : x);
            expect(r).toEqual([
              it.clause ? it.clause.number : t.whole,
              it.author.name ?? t.anonymous,
              t.kinds[it.kind],
              neutral(it.body),
              it.proposedText ?? "",
              String(it.supportCount),
              t.dispositions[it.disposition],
              it.reason ?? "",
              it.takenInto.map((l: any) => (lang === "ru" ? `п. ${l.number} редакции ${l.version}` : `cl. ${l.number} of version ${l.version}`)).join("; "),
            ]);
            // And each row's words are on the page.
            expect(html).toContain(`id="remark-${it.id}"`);
          });
          expect(text).not.toContain("Борис Тайный");
        }
      }
    });

    it("the printable page: every row, the counts, print styles; no script, no navigation", async () => {
      const res = await resident.fetch(`/consultations/${s.c.id}/summary/print?version=1`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).not.toContain("<script");
      expect(html).not.toContain("site-nav");
      expect(html).toContain('<link rel="stylesheet" href="/assets/app.css">');
      expect(html.match(/<tr>/g)).toHaveLength(5);
      expect(html).toContain("Редакция 1");
      expect(html).toContain("Участники форума");
      expect(html).toContain("Сводка опубликована");
      expect(html).not.toContain("Борис Тайный");
      // The same filters as the page.
      const one = await (await resident.fetch(`/consultations/${s.c.id}/summary/print?version=1&kind=wording`)).text();
      expect(one.match(/<tr>/g)).toHaveLength(2);
    });

    it("the default version is the newest with a published summary (version 2 has none)", async () => {
      const body = (await (await new Browser().api(`/consultations/${s.c.id}/summary`)).json()) as any;
      expect(body.version.number).toBe(1);
      await expectProblem(await new Browser().api(`/consultations/${s.c.id}/summary?version=2`), 404);
      // The organiser previews version 2 (no remarks yet).
      expect(((await (await admin.api(`/consultations/${s.c.id}/summary?version=2`)).json()) as any).preview).toBe(true);
    });
  });
});

const RU = {
  whole: "Документ в целом",
  anonymous: "Участник обсуждения",
  kinds: { comment: "Комментарий", wording: "Новая редакция пункта", new_clause: "Новый пункт после этого", objection: "Возражение" } as Record<string, string>,
  dispositions: { accepted: "Учтено", partly: "Учтено частично", rejected: "Не учтено", out_of_scope: "Не относится к предмету" } as Record<string, string>,
};
const EN = {
  whole: "The document as a whole",
  anonymous: "A participant",
  kinds: { comment: "Comment", wording: "New wording of the clause", new_clause: "New clause after this one", objection: "Objection" } as Record<string, string>,
  dispositions: { accepted: "Accepted", partly: "Partly accepted", rejected: "Not accepted", out_of_scope: "Out of scope" } as Record<string, string>,
};

describe("the organiser's work page", () => {
  it("shows progress and filters, saves one remark's form and the bulk form without JavaScript, and returns to the same list", async () => {
    const { c, visible } = await closedWithRemarks();
    await expectProblem(await resident.api(`/consultations/${c.id}/summary/publish`, { json: {} }), 403);
    expect((await resident.fetch(`/consultations/${c.id}/dispositions`)).status).toBe(403);
    expect((await moderator.fetch(`/consultations/${c.id}/dispositions`)).status).toBe(403);
    const anon = await new Browser().fetch(`/consultations/${c.id}/dispositions`);
    expect(anon.status).toBe(303);

    const page = await admin.fetch(`/consultations/${c.id}/dispositions?pending=1`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Осталось без решения: 4 из 4");
    expect(html).toContain('<progress id="work-progress-bar"');
    expect(html.match(/<article class="card remark-work"/g)).toHaveLength(4);
    expect(html).toContain('form="bulk-form"');

    // One remark's form: a missing reason shows the page again with the error on that form (422), nothing saved.
    const back = "pending=1&version=1";
    const bad = await admin.fetch(`/consultations/${c.id}/dispositions/${visible[1]}`, { form: { disposition: "rejected", reason: " ", back } });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Укажите обоснование");
    expect((await dispositionOf(visible[1]))!.disposition).toBeNull();

    const ok = await admin.fetch(`/consultations/${c.id}/dispositions/${visible[1]}`, { form: { disposition: "rejected", reason: "Не по предмету", back } });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe(`/consultations/${c.id}/dispositions?version=1&pending=1&done=consultations.summary.done.saved#remark-${visible[1]}`);
    expect(await dispositionOf(visible[1])).toMatchObject({ disposition: "rejected", disposition_reason: "Не по предмету" });
    const after = await (await admin.fetch(ok.headers.get("location")!)).text();
    expect(after).toContain("Решение сохранено.");
    expect(after).toContain("Осталось без решения: 3 из 4");
    expect(after.match(/<article class="card remark-work"/g)).toHaveLength(3);

    // The bulk form refused (no reason for «не учтено»): shown again, with the same remarks still ticked.
    const refusedForm = new URLSearchParams([["remarkIds", visible[0]], ["remarkIds", visible[2]], ["disposition", "rejected"], ["reason", ""], ["back", back], ["_csrf", await admin.csrfToken()]]);
    const refused = await admin.fetch(`/consultations/${c.id}/dispositions`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: refusedForm.toString() });
    expect(refused.status).toBe(422);
    const refusedHtml = await refused.text();
    for (const [id, ticked] of [[visible[0], true], [visible[2], true], [visible[3], false]] as const) {
      const box = refusedHtml.match(new RegExp(`<input[^>]*id="r-${id}-pick"[^>]*>`))![0];
      expect(box.includes("checked"), id).toBe(ticked);
    }
    expect((await dispositionOf(visible[0]))!.disposition).toBeNull();

    // The bulk form: several checkboxes named remarkIds.
    const form = new URLSearchParams([["remarkIds", visible[0]], ["remarkIds", visible[2]], ["remarkIds", visible[3]], ["disposition", "accepted"], ["reason", ""], ["back", back], ["_csrf", await admin.csrfToken()]]);
    const bulk = await admin.fetch(`/consultations/${c.id}/dispositions`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() });
    expect(bulk.status).toBe(303);
    expect(bulk.headers.get("location")).toContain("done=consultations.summary.done.bulkSaved");
    for (const id of [visible[0], visible[2], visible[3]]) expect((await dispositionOf(id))!.disposition).toBe("accepted");

    // Everything decided: the publish button appears and works through the page form.
    const ready = await (await admin.fetch(`/consultations/${c.id}/dispositions`)).text();
    expect(ready).toContain("Осталось без решения: 0 из 4");
    expect(ready).toContain(`action="/consultations/${c.id}/summary/publish"`);
    const pub = await admin.fetch(`/consultations/${c.id}/summary/publish`, { form: { version: "1" } });
    expect(pub.status).toBe(303);
    expect(pub.headers.get("location")).toBe(`/consultations/${c.id}/dispositions?version=1&done=consultations.summary.done.published`);
    const done = await (await admin.fetch(pub.headers.get("location")!)).text();
    expect(done).toContain("Сводка предложений опубликована");
    expect(done).not.toContain('form="bulk-form"');
  });

  it("pages by key, 25 remarks a page, and keeps the filter", async () => {
    const c = await seedConsultation({ organiserId: ORG, createdBy: admin.user.id, opensAt: Date.now() - 48 * HOUR, closesAt: Date.now() - HOUR });
    await seedRemarks(c, Array.from({ length: 30 }, (_, i) => ({ authorId: authorA.user.id, clauseIndex: 1 + (i % 3), kind: i % 2 ? ("comment" as const) : ("objection" as const), body: `Замечание номер ${i}` })));
    const first = await (await admin.fetch(`/consultations/${c.id}/dispositions`)).text();
    expect(first.match(/<article class="card remark-work"/g)).toHaveLength(25);
    const next = first.match(/<a href="([^"]+)" rel="next"/)![1].replace(/&amp;/g, "&");
    const second = await (await admin.fetch(next)).text();
    expect(second.match(/<article class="card remark-work"/g)).toHaveLength(5);
    const kinds = await (await admin.fetch(`/consultations/${c.id}/dispositions?kind=comment`)).text();
    expect(kinds.match(/<article class="card remark-work"/g)).toHaveLength(15);
  });
});

describe("scale: 2,000 remarks", () => {
  it("publishes in one batch and exports the CSV in chunks; times reported", async () => {
    const c = await seedConsultation({ organiserId: ORG, createdBy: admin.user.id, opensAt: Date.now() - 48 * HOUR, closesAt: Date.now() - HOUR });
    const N = 2000;
    const now = Date.now();
    const stmts: D1PreparedStatement[] = [];
    for (let i = 0; i < N; i++) {
      stmts.push(
        db
          .prepare(
            "INSERT INTO remarks (id, consultation_id, version_id, clause_id, clause_position, organiser_id, author_id, shown_as, kind, body, status, created_at, disposition, disposition_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'comment', ?, 'visible', ?, ?, ?)",
          )
          .bind(crypto.randomUUID(), c.id, c.versions[0].id, c.versions[0].clauseIds[1 + (i % 5)], 1 + (i % 5), ORG, i % 2 ? authorA.user.id : authorB.user.id, i % 3 ? "name" : "anonymous", `Замечание ${i}; с «кавычками» и "двойными"`, now - N + i, i % 4 ? "rejected" : "accepted", i % 4 ? `Причина ${i}` : null),
      );
    }
    for (let i = 0; i < stmts.length; i += 200) await db.batch(stmts.slice(i, i + 200));

    let t0 = performance.now();
    const res = await publish(admin, c.id);
    const publishMs = performance.now() - t0;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ notified: N });
    expect(await count("notifications", "kind = 'remark_disposition' AND substr(url, 1, ?) = ?", `/consultations/${c.id}/remarks/`.length, `/consultations/${c.id}/remarks/`)).toBe(N);

    t0 = performance.now();
    const csv = await resident.fetch(`/consultations/${c.id}/summary.csv`);
    const text = await csv.text();
    const csvMs = performance.now() - t0;
    const records = parseCsv(text.slice(1), ";");
    expect(records).toHaveLength(N + 1);
    expect(new Set(records.slice(1).map((r) => r[3])).size).toBe(N);

    t0 = performance.now();
    const print = await (await resident.fetch(`/consultations/${c.id}/summary/print`)).text();
    const printMs = performance.now() - t0;
    expect(print.match(/<tr>/g)).toHaveLength(N + 1);

    t0 = performance.now();
    const page = await resident.fetch(`/consultations/${c.id}/summary`);
    await page.text();
    const pageMs = performance.now() - t0;
    console.log(
      `[summary scale] ${N} remarks: publish ${publishMs.toFixed(0)} ms (incl. ${N / 100} sendBatch calls); CSV ${csvMs.toFixed(0)} ms, ${(text.length / 1024).toFixed(0)} KB; print ${printMs.toFixed(0)} ms, ${(new TextEncoder().encode(print).length / 1024).toFixed(0)} KB; first page ${pageMs.toFixed(0)} ms`,
    );
  }, 120_000);
});
