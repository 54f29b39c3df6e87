import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { makeDb } from "../../worker/db/client";
import { insertRemarkGuarded } from "../../worker/consultations/remarks/data";
import { createRemark } from "../../worker/consultations/remarks/service";
import { Problem } from "../../worker/http/problem";
import type { Browser } from "./client";
import { HOUR, SAMPLE_CLAUSES, seedConsultation, seedRemarks, setWindow, type SeededConsultation } from "./consultation-fixtures";
import { count, createOrganiser, createUser, db, expectProblem, fillRateLimit, grantRole, newActor, row, rows, signedIn } from "./fixtures";
import { addOrganisation, ctx, sessionUser, type Actor } from "./proposals-helpers";

const ORG = "remarks-org";
let admin: Actor;
let author: Actor;
let other: Actor;
let moderator: Actor;
let reader: Browser & { user: { id: string } };

beforeAll(async () => {
  await createOrganiser(ORG);
  admin = await newActor({ displayName: "Секретарь МАГ" });
  author = await newActor({ displayName: "Анна Петрова" });
  other = await newActor({ displayName: "Борис Иванов" });
  moderator = await newActor({ displayName: "Модератор Обсуждений" });
  reader = await newActor({ displayName: "Читатель" });
  await grantRole(admin.user.id, "organiser_admin", ORG);
  await grantRole(moderator.user.id, "moderator", ORG);
});

// Fresh authors for every test: leaving remarks counts towards the 10-a-minute limit per account.
beforeEach(async () => {
  author = await newActor({ displayName: "Анна Петрова" });
  other = await newActor({ displayName: "Борис Иванов" });
});

/** A fresh open consultation (window: an hour ago until tomorrow) with the sample clauses. */
const open = (over: Partial<Parameters<typeof seedConsultation>[0]> = {}) => seedConsultation({ organiserId: ORG, createdBy: admin.user.id, ...over });
const clause = (c: SeededConsultation, i: number, v = 1) => c.versions[v - 1].clauseIds[i];
const post = (b: Browser, c: SeededConsultation, body: Record<string, unknown>) => b.api(`/consultations/${c.id}/remarks`, { json: body });
const counters = async (c: SeededConsultation, clauseId: string | null, v = 1) => ({
  clause: clauseId ? (await row<{ n: number }>("SELECT remark_count AS n FROM consultation_clauses WHERE id = ?", clauseId))!.n : null,
  version: (await row<{ n: number }>("SELECT remark_count AS n FROM consultation_versions WHERE id = ?", c.versions[v - 1].id))!.n,
  consultation: (await row<{ n: number }>("SELECT remark_count AS n FROM consultations WHERE id = ?", c.id))!.n,
});
const remarkCount = (c: SeededConsultation) => count("remarks", "consultation_id = ?", c.id);

async function created(res: Response) {
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string; url: string }).id;
}

describe("leaving a remark", () => {
  it("a comment on a clause: the row, the three counters and the audit record, in one batch", async () => {
    const c = await open();
    const res = await post(author, c, { clauseId: clause(c, 1), kind: "comment", body: "  Предлагаю уточнить сроки.\r\nВторая строка.  " });
    const id = await created(res);
    expect(await row("SELECT consultation_id, version_id, clause_id, clause_position, organiser_id, author_id, kind, body, proposed_text, status, shown_as FROM remarks WHERE id = ?", id)).toEqual({
      consultation_id: c.id,
      version_id: c.versions[0].id,
      clause_id: clause(c, 1),
      clause_position: 1,
      organiser_id: ORG,
      author_id: author.user.id,
      kind: "comment",
      body: "Предлагаю уточнить сроки.\nВторая строка.",
      proposed_text: null,
      status: "visible",
      shown_as: "name",
    });
    expect(await counters(c, clause(c, 1))).toEqual({ clause: 1, version: 1, consultation: 1 });
    expect(await count("audit_log", "action = 'remark.create' AND object_type = 'remark' AND object_id = ? AND actor_id = ?", id, author.user.id)).toBe(1);
  });

  it("a remark on the document as a whole (no clause): position -1, the clause counters untouched", async () => {
    const c = await open();
    const id = await created(await post(author, c, { kind: "objection", body: "Документ в целом слишком общий." }));
    expect(await row("SELECT clause_id, clause_position FROM remarks WHERE id = ?", id)).toEqual({ clause_id: null, clause_position: -1 });
    expect(await counters(c, clause(c, 1))).toEqual({ clause: 0, version: 1, consultation: 1 });
    const list = (await (await reader.api(`/consultations/${c.id}/remarks`)).json()) as { items: { id: string; clauseId: string | null }[] };
    expect(list.items.map((i) => i.id)).toEqual([id]);
  });

  it("a proposed wording keeps the full new text; the API returns it and the page shows a labelled word diff", async () => {
    const c = await open();
    const proposed = "Мэрии города Новосибирска завершить работу по реализации Стратегии развития ТОС.";
    const id = await created(await post(author, c, { clauseId: clause(c, 1), kind: "wording", proposedText: proposed }));
    const r = (await (await reader.api(`/remarks/${id}`)).json()) as Record<string, any>;
    expect(r).toMatchObject({ kind: "wording", proposedText: proposed, body: "", clauseNumber: "1", versionNumber: 1 });
    const html = await (await reader.fetch(`/consultations/${c.id}/clauses/${clause(c, 1)}`)).text();
    expect(html).toMatch(/<del><span class="visually-hidden"> \[удалено: <\/span>продолжить/);
    expect(html).toMatch(/<ins><span class="visually-hidden"> \[добавлено: <\/span>завершить/);
  });

  it("a wording equal to the clause's text, a wording or new clause on the whole document, a new clause without text: 422 on the field, nothing written", async () => {
    const c = await open();
    const p1 = await expectProblem(await post(author, c, { clauseId: clause(c, 1), kind: "wording", proposedText: ` ${SAMPLE_CLAUSES[1].text} ` }), 422);
    expect(p1.errors!.map((e) => `${e.field}:${e.code}`)).toEqual(["proposedText:consultations.remarks.field.sameWording"]);
    expect(p1.errors![0].reason).toMatch(/совпадает/);
    const p2 = await expectProblem(await post(author, c, { kind: "wording", proposedText: "Новый текст" }), 422);
    expect(p2.errors!.map((e) => e.field)).toEqual(["kind"]);
    const p3 = await expectProblem(await post(author, c, { clauseId: null, kind: "new_clause", proposedText: "Новый пункт" }), 422);
    expect(p3.errors!.map((e) => e.field)).toEqual(["kind"]);
    const p4 = await expectProblem(await post(author, c, { clauseId: clause(c, 1), kind: "new_clause", body: "Пояснение" }), 422);
    expect(p4.errors!.map((e) => `${e.field}:${e.code}`)).toEqual(["proposedText:field.required"]);
    const p5 = await expectProblem(await post(author, c, { clauseId: clause(c, 1), kind: "comment" }), 422);
    expect(p5.errors!.map((e) => `${e.field}:${e.code}`)).toEqual(["body:field.required"]);
    const p6 = await expectProblem(await post(author, c, { clauseId: clause(c, 1), kind: "proposal", body: "x" }), 422);
    expect(p6.errors!.map((e) => e.field)).toEqual(["kind"]);
    expect(await remarkCount(c)).toBe(0);
    expect(await counters(c, clause(c, 1))).toEqual({ clause: 0, version: 0, consultation: 0 });
  });

  it("limits at their edges: body 5,000 / 5,001, proposed text 10,000 / 10,001", async () => {
    const c = await open();
    await created(await post(author, c, { clauseId: clause(c, 1), kind: "comment", body: "ж".repeat(5000) }));
    const p = await expectProblem(await post(author, c, { clauseId: clause(c, 1), kind: "comment", body: "ж".repeat(5001) }), 422);
    expect(p.errors).toEqual([{ field: "body", code: "field.tooLong", reason: expect.stringMatching(/5000|5 000/) }]);
    await created(await post(author, c, { clauseId: clause(c, 1), kind: "wording", proposedText: "ж".repeat(10000) }));
    const q = await expectProblem(await post(author, c, { clauseId: clause(c, 1), kind: "wording", proposedText: "ж".repeat(10001) }), 422);
    expect(q.errors!.map((e) => `${e.field}:${e.code}`)).toEqual(["proposedText:field.tooLong"]);
    expect(await remarkCount(c)).toBe(2);
  });

  it("not signed in: 401; e-mail not confirmed: 403; blocked: 403 — nothing written", async () => {
    const c = await open();
    const body = { clauseId: clause(c, 1), kind: "comment", body: "Текст" };
    const anonymous = new (await import("./client")).Browser();
    await expectProblem(await anonymous.api(`/consultations/${c.id}/remarks`, { json: body }), 401);
    const unconfirmed = await signedIn(await createUser({ confirmed: false }));
    const p = await expectProblem(await post(unconfirmed, c, body), 403);
    expect(p.type).toMatch(/email-unconfirmed/);
    const blocked = await newActor();
    await db.prepare("UPDATE users SET blocked_until = ? WHERE id = ?").bind(Date.now() + 86400_000, blocked.user.id).run();
    expect((await expectProblem(await post(blocked, c, body), 403)).type).toMatch(/blocked/);
    expect(await remarkCount(c)).toBe(0);
  });

  it("a clause of another consultation, an unknown clause or consultation: 404", async () => {
    const c = await open();
    const d = await open();
    await expectProblem(await post(author, c, { clauseId: clause(d, 1), kind: "comment", body: "x" }), 404);
    await expectProblem(await post(author, c, { clauseId: "no-such-clause", kind: "comment", body: "x" }), 404);
    await expectProblem(await author.api(`/consultations/no-such/remarks`, { json: { kind: "comment", body: "x" } }), 404);
    expect(await remarkCount(c)).toBe(0);
  });

  it("a clause of a superseded version: 409 naming both versions; nothing written", async () => {
    const v2 = SAMPLE_CLAUSES.map((cl, i) => (i === 1 ? { ...cl, text: "Мэрии города Новосибирска завершить работу." } : cl));
    const c = await open({ versions: [SAMPLE_CLAUSES, v2] });
    const p = (await expectProblem(await post(author, c, { clauseId: clause(c, 1, 1), kind: "comment", body: "К старой редакции" }), 409)) as Record<string, any>;
    expect(p.type).toMatch(/superseded-version/);
    expect(p.title).toMatch(/прежней редакции/);
    expect(p.detail).toMatch(/редакции 1.*редакции 2/);
    expect(p.currentVersion).toBe(2);
    await created(await post(author, c, { clauseId: clause(c, 1, 2), kind: "comment", body: "К новой редакции" }));
    expect(await count("remarks", "consultation_id = ? AND version_id = ?", c.id, c.versions[0].id)).toBe(0);
  });

  it("a clause of a draft version: 404 to residents (they cannot see it), 409 to the organiser's admin; nothing written", async () => {
    const c = await open({ versions: [SAMPLE_CLAUSES, SAMPLE_CLAUSES], lastIsDraft: true });
    await expectProblem(await post(author, c, { clauseId: clause(c, 1, 2), kind: "comment", body: "К черновику" }), 404);
    const p = (await expectProblem(await post(admin, c, { clauseId: clause(c, 1, 2), kind: "comment", body: "К черновику" }), 409)) as Record<string, any>;
    expect(p.type).toMatch(/draft-version/);
    expect(p.detail).toMatch(/редакции 1/);
    expect(await remarkCount(c)).toBe(0);
  });

  it("on behalf of an organisation: only a confirmed member; shown under the organisation's name", async () => {
    const c = await open();
    const confirmed = await addOrganisation(ORG, "ТОС «Северный»", [{ userId: author.user.id, status: "confirmed" }]);
    const requested = await addOrganisation(ORG, "ТОС «Южный»", [{ userId: author.user.id, status: "requested" }]);
    const id = await created(await post(author, c, { clauseId: clause(c, 1), kind: "comment", body: "От ТОС", shownAs: "organisation", organisationId: confirmed }));
    const r = (await (await reader.api(`/remarks/${id}`)).json()) as Record<string, any>;
    expect(r.author).toEqual({ as: "organisation", name: "ТОС «Северный»", organisationId: confirmed, deletedAccount: false });
    const p = await expectProblem(await post(author, c, { clauseId: clause(c, 1), kind: "comment", body: "x", shownAs: "organisation", organisationId: requested }), 403);
    expect(p.type).toMatch(/not-member/);
    const q = await expectProblem(await post(author, c, { clauseId: clause(c, 1), kind: "comment", body: "x", shownAs: "organisation" }), 422);
    expect(q.errors!.map((e) => e.field)).toEqual(["organisationId"]);
    await expectProblem(await post(other, c, { clauseId: clause(c, 1), kind: "comment", body: "x", shownAs: "organisation", organisationId: confirmed }), 403);
    expect(await remarkCount(c)).toBe(1);
  });

  it("the rate limit (the comment kind, 10 a minute): the 10th passes, the 11th is 429 and writes nothing", async () => {
    const c = await open();
    const person = await newActor();
    await fillRateLimit(`comment:${person.user.id}`, 60, 9);
    await created(await post(person, c, { clauseId: clause(c, 1), kind: "comment", body: "Десятое" }));
    const res = await post(person, c, { clauseId: clause(c, 1), kind: "comment", body: "Одиннадцатое" });
    await expectProblem(res, 429);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await remarkCount(c)).toBe(1);
  });
});

describe("the comment window", () => {
  const input = (clauseId: string) => ({ clauseId, kind: "comment" as const, body: "На краю окна", proposedText: "", shownAs: "name" as const, organisationId: null });
  const user = () => sessionUser(author.user);

  it("at its edges (the service's clock): opensAt − 1 ms refused, opensAt accepted, closesAt − 1 ms accepted, closesAt refused", async () => {
    const c = await open();
    const opensAt = Date.now() + 10 * HOUR;
    const closesAt = opensAt + 24 * HOUR;
    await setWindow(c.id, opensAt, closesAt);
    const attempt = async (now: number) => {
      try {
        return (await createRemark(ctx(), user(), c.id, input(clause(c, 1)), now)).id;
      } catch (e) {
        if (e instanceof Problem) return e.code;
        throw e;
      }
    };
    expect(await attempt(opensAt - 1)).toBe("window-upcoming");
    const first = await attempt(opensAt);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    const last = await attempt(closesAt - 1);
    expect(last).toMatch(/^[0-9a-f-]{36}$/);
    expect(await attempt(closesAt)).toBe("window-closed");
    expect(await rows("SELECT created_at FROM remarks WHERE consultation_id = ? ORDER BY created_at", c.id)).toEqual([{ created_at: opensAt }, { created_at: closesAt - 1 }]);
    expect(await counters(c, clause(c, 1))).toEqual({ clause: 2, version: 2, consultation: 2 });
  });

  it("the write itself is guarded: an INSERT stamped outside the window (or on a superseded version) writes nothing", async () => {
    const c = await open();
    const opensAt = Date.now() - HOUR;
    const closesAt = Date.now() + HOUR;
    await setWindow(c.id, opensAt, closesAt);
    const d1 = makeDb(db);
    const base = { consultationId: c.id, versionId: c.versions[0].id, clauseId: clause(c, 1), clausePosition: 1, organiserId: ORG, authorId: author.user.id, organisationId: null, shownAs: "name" as const, kind: "comment" as const, body: "x", proposedText: null };
    await d1.batch([insertRemarkGuarded(d1, { ...base, id: crypto.randomUUID(), createdAt: closesAt })]);
    await d1.batch([insertRemarkGuarded(d1, { ...base, id: crypto.randomUUID(), createdAt: opensAt - 1 })]);
    // A clause of another version than the one named: refused as well.
    const e = await open();
    await d1.batch([insertRemarkGuarded(d1, { ...base, id: crypto.randomUUID(), clauseId: clause(e, 1), createdAt: Date.now() })]);
    expect(await remarkCount(c)).toBe(0);
    await d1.batch([insertRemarkGuarded(d1, { ...base, id: crypto.randomUUID(), createdAt: closesAt - 1 })]);
    expect(await remarkCount(c)).toBe(1);
  });

  it("through the API: before the window 409 says when it opens; after it 409 says when it closed (Moscow time)", async () => {
    const c = await open();
    const opensAt = Date.UTC(2030, 0, 15, 7, 0); // 10:00 in Moscow
    await setWindow(c.id, opensAt, opensAt + 48 * HOUR);
    const p = (await expectProblem(await post(author, c, { clauseId: clause(c, 1), kind: "comment", body: "Рано" }), 409)) as Record<string, any>;
    expect(p.type).toMatch(/window-upcoming/);
    expect(p.title).toBe("Приём замечаний ещё не начался");
    expect(p.detail).toMatch(/15 янв\. 2030 г\., 10:00/);
    expect(p.detail).toMatch(/московское/);
    expect(p.opensAt).toBe(new Date(opensAt).toISOString());
    const closedAt = Date.UTC(2020, 5, 1, 18, 0); // 21:00 in Moscow
    await setWindow(c.id, closedAt - 48 * HOUR, closedAt);
    const q = (await expectProblem(await post(author, c, { clauseId: clause(c, 1), kind: "comment", body: "Поздно" }), 409)) as Record<string, any>;
    expect(q.type).toMatch(/window-closed/);
    expect(q.detail).toMatch(/1 июн\. 2020 г\., 21:00/);
    const en = await signedIn(author.user, "en");
    en.cookies.set("lang", "en");
    const r = (await expectProblem(await post(en, c, { clauseId: clause(c, 1), kind: "comment", body: "Late" }), 409)) as Record<string, any>;
    expect(r.detail).toMatch(/Moscow time/);
    expect(await remarkCount(c)).toBe(0);
  });

  it("an adopted consultation takes no remarks", async () => {
    const c = await open({ status: "adopted" });
    expect(((await expectProblem(await post(author, c, { clauseId: clause(c, 1), kind: "comment", body: "x" }), 409)) as Record<string, any>).type).toMatch(/adopted/);
  });
});

describe("reading remarks", () => {
  it("a clause's remarks oldest first, 20 a page by key; hidden and deleted ones not listed; «Показать ещё» works without JS", async () => {
    const c = await open();
    const specs = Array.from({ length: 25 }, (_, i) => ({ authorId: author.user.id, clauseIndex: 2, body: `Замечание №${i + 1}`, status: (i === 3 ? "hidden" : i === 4 ? "deleted" : "visible") as "visible" | "hidden" | "deleted" }));
    await seedRemarks(c, specs);
    const first = (await (await reader.api(`/consultations/${c.id}/clauses/${clause(c, 2)}/remarks`)).json()) as { items: { body: string }[]; next: string };
    expect(first.items.map((i) => i.body)).toEqual([1, 2, 3, ...Array.from({ length: 17 }, (_, i) => i + 6)].map((n) => `Замечание №${n}`));
    const second = (await (await reader.api(`/consultations/${c.id}/clauses/${clause(c, 2)}/remarks?after=${first.next}`)).json()) as { items: { body: string }[]; next: string | null };
    expect(second.items.map((i) => i.body)).toEqual([23, 24, 25].map((n) => `Замечание №${n}`));
    expect(second.next).toBeNull();
    const html = await (await reader.fetch(`/consultations/${c.id}/clauses/${clause(c, 2)}`)).text();
    expect(html).not.toContain("Замечание №4<");
    expect(html).toContain("Замечание №22<");
    expect(html).not.toContain("Замечание №23<");
    const more = html.match(/href="([^"]+after=[^"]+)" rel="next">Показать ещё/);
    expect(more).not.toBeNull();
    const page2 = await (await reader.fetch(more![1].replace(/&amp;/g, "&"))).text();
    expect(page2).toContain("Замечание №23<");
    expect(page2).not.toContain("Замечание №22<");
    expect(page2).toContain("К первым замечаниям");
  });

  it("the clause page shows the number, text and addressees, and the count that includes hidden remarks", async () => {
    const c = await open();
    await seedRemarks(c, [{ authorId: author.user.id, clauseIndex: 3 }, { authorId: author.user.id, clauseIndex: 3, status: "hidden" }]);
    const res = await reader.fetch(`/consultations/${c.id}/clauses/${clause(c, 3)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<h1>Пункт 2.1</h1>");
    expect(html).toContain(SAMPLE_CLAUSES[3].text);
    expect(html).toContain("Экспертному совету по развитию ТОС");
    expect(html).toContain("Замечания (2)");
    expect(html).toContain(`href="/consultations/${c.id}#clause-${clause(c, 3)}"`);
  });

  it("an anonymous remark's author never leaves the server: not in the API, not in the page or its JSON, for anybody but a flag for the author", async () => {
    const c = await open();
    const secret = await newActor({ displayName: "Тайный Автор Ксенофонт" });
    const id = await created(await post(secret, c, { clauseId: clause(c, 1), kind: "objection", body: "Не согласен", shownAs: "anonymous" }));
    const api = await (await reader.api(`/remarks/${id}`)).text();
    expect(api).not.toContain("Ксенофонт");
    expect(api).not.toContain(secret.user.id);
    expect(JSON.parse(api).author).toEqual({ as: "anonymous", name: null, organisationId: null, deletedAccount: false });
    for (const b of [reader, new (await import("./client")).Browser(), moderator]) {
      for (const path of [`/consultations/${c.id}/clauses/${clause(c, 1)}`, `/consultations/${c.id}/remarks/${id}`, `/api/consultations/${c.id}/clauses/${clause(c, 1)}/remarks`]) {
        const text = await (await b.fetch(path)).text();
        expect(text, path).not.toContain("Ксенофонт");
        expect(text, path).not.toContain(secret.user.id);
      }
    }
    const page = await (await reader.fetch(`/consultations/${c.id}/clauses/${clause(c, 1)}`)).text();
    expect(page).toContain("Участник обсуждения");
    expect(((await (await secret.api(`/remarks/${id}`)).json()) as { mine: boolean }).mine).toBe(true);
  });

  it("user text is escaped in every field (body, proposed wording, new clause, author and organisation names) and intact in the API", async () => {
    const c = await open();
    const x = `<script>alert(1)</script><img src=x onerror=alert(2)>`;
    const evil = await newActor({ displayName: `Злоумышленник ${x}` });
    const orgId = await addOrganisation(ORG, `ТОС ${x}`, [{ userId: evil.user.id, status: "confirmed" }]);
    const ids = [
      await created(await post(evil, c, { clauseId: clause(c, 1), kind: "comment", body: `Текст ${x}` })),
      await created(await post(evil, c, { clauseId: clause(c, 1), kind: "wording", proposedText: `${SAMPLE_CLAUSES[1].text} ${x}`, body: `Пояснение ${x}` })),
      await created(await post(evil, c, { clauseId: clause(c, 1), kind: "new_clause", proposedText: `Новый ${x}`, shownAs: "organisation", organisationId: orgId })),
      await created(await post(evil, c, { kind: "comment", body: `В целом ${x}` })),
    ];
    for (const path of [`/consultations/${c.id}/clauses/${clause(c, 1)}`, `/consultations/${c.id}/remarks`, ...ids.map((id) => `/consultations/${c.id}/remarks/${id}`)]) {
      const html = await (await reader.fetch(path)).text();
      expect(html, path).not.toContain("<script>alert(1)");
      expect(html, path).not.toContain("<img src=x");
      expect(html, path).toContain("&lt;script>alert(1)&lt;/script>");
    }
    const r = (await (await reader.api(`/remarks/${ids[0]}`)).json()) as { body: string; author: { name: string } };
    expect(r.body).toBe(`Текст ${x}`);
    expect(r.author.name).toBe(`Злоумышленник ${x}`);
  });

  it("a hidden remark: 404 to others, readable by its author (with the moderator's reason) and by moderators", async () => {
    const c = await open();
    const [id] = await seedRemarks(c, [{ authorId: author.user.id, clauseIndex: 1, status: "hidden", body: "Скрытое замечание" }]);
    await expectProblem(await reader.api(`/remarks/${id}`), 404);
    expect((await reader.fetch(`/consultations/${c.id}/remarks/${id}`)).status).toBe(404);
    expect((await author.api(`/remarks/${id}`)).status).toBe(200);
    expect((await moderator.api(`/remarks/${id}`)).status).toBe(200);
    expect(await (await author.fetch(`/consultations/${c.id}/remarks/${id}`)).text()).toContain("скрыто модератором");
    // Under another consultation's address it does not exist.
    const d = await open();
    expect((await author.fetch(`/consultations/${d.id}/remarks/${id}`)).status).toBe(404);
  });

  it("the disposition is shown once recorded; its reason only after the summary is published", async () => {
    const c = await open();
    const [id] = await seedRemarks(c, [{ authorId: author.user.id, clauseIndex: 1, body: "Учесть опыт Тюмени" }]);
    await db.prepare("UPDATE remarks SET disposition = 'partly', disposition_reason = 'Учтено в пункте 2.2' WHERE id = ?").bind(id).run();
    let r = (await (await reader.api(`/remarks/${id}`)).json()) as Record<string, any>;
    expect(r).toMatchObject({ disposition: "partly", dispositionReason: null });
    let html = await (await reader.fetch(`/consultations/${c.id}/clauses/${clause(c, 1)}`)).text();
    expect(html).toContain("Учтено частично");
    expect(html).not.toContain("Учтено в пункте 2.2");
    await db.prepare("UPDATE consultation_versions SET summary_published_at = ? WHERE id = ?").bind(Date.now(), c.versions[0].id).run();
    r = (await (await reader.api(`/remarks/${id}`)).json()) as Record<string, any>;
    expect(r.dispositionReason).toBe("Учтено в пункте 2.2");
    html = await (await reader.fetch(`/consultations/${c.id}/clauses/${clause(c, 1)}`)).text();
    expect(html).toContain("Учтено в пункте 2.2");
  });

  it("a draft consultation's clause page is 404 to residents; a malformed id is 422 in the API", async () => {
    const c = await open({ status: "draft" });
    expect((await reader.fetch(`/consultations/${c.id}/clauses/${clause(c, 1)}`)).status).toBe(404);
    await expectProblem(await reader.api(`/consultations/${c.id}/clauses/${clause(c, 1)}/remarks`), 404);
    await expectProblem(await reader.api(`/consultations/${c.id}/clauses/%7Bx%7D/remarks`), 422);
  });
});

describe("the remark form on the pages", () => {
  it("open window, signed in: the form with the four kinds; anonymous visitor: «Войдите, чтобы оставить замечание»", async () => {
    const c = await open();
    const html = await (await author.fetch(`/consultations/${c.id}/clauses/${clause(c, 1)}`)).text();
    expect(html).toContain(`action="/consultations/${c.id}/remarks"`);
    for (const k of ["comment", "wording", "new_clause", "objection"]) expect(html).toContain(`value="${k}"`);
    expect(html).toContain("нельзя будет изменить");
    const anon = await (await new (await import("./client")).Browser().fetch(`/consultations/${c.id}/clauses/${clause(c, 1)}`)).text();
    expect(anon).toContain("Войдите, чтобы оставить замечание");
    expect(anon).not.toContain(`action="/consultations/${c.id}/remarks"`);
    // The whole-document form offers only comment and objection.
    const doc = await (await author.fetch(`/consultations/${c.id}/remarks`)).text();
    expect(doc).toContain('value="objection"');
    expect(doc).not.toContain('value="wording"');
  });

  it("upcoming: says when it opens; closed: when it closed and links the summary — no form", async () => {
    const c = await open();
    await setWindow(c.id, Date.UTC(2030, 0, 15, 7, 0), Date.UTC(2030, 0, 20, 7, 0));
    let html = await (await author.fetch(`/consultations/${c.id}/clauses/${clause(c, 1)}`)).text();
    expect(html).toMatch(/Приём замечаний откроется 15 янв\. 2030 г\., 10:00 \(время московское\)/);
    expect(html).not.toContain(`action="/consultations/${c.id}/remarks"`);
    await setWindow(c.id, Date.UTC(2020, 0, 15, 7, 0), Date.UTC(2020, 0, 20, 7, 0));
    html = await (await author.fetch(`/consultations/${c.id}/remarks`)).text();
    expect(html).toMatch(/Приём замечаний завершён 20 янв\. 2020 г\., 10:00/);
    expect(html).toContain(`href="/consultations/${c.id}/summary"`);
  });

  it("the form posts, redirects to the remark on its clause page; errors come back inline with the text kept, nothing written", async () => {
    const c = await open();
    const res = await author.fetch(`/consultations/${c.id}/remarks`, { form: { clauseId: clause(c, 1), kind: "comment", body: "Через форму", proposedText: "", shownAs: "name", organisationId: "" } });
    expect(res.status).toBe(303);
    const location = res.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^/consultations/${c.id}/clauses/${clause(c, 1)}\\?done=consultations\\.remarks\\.done\\.created#remark-`));
    expect(await (await author.fetch(location.split("#")[0])).text()).toContain("Замечание отправлено.");
    const bad = await author.fetch(`/consultations/${c.id}/remarks`, { form: { clauseId: clause(c, 1), kind: "wording", body: "Моё <b>пояснение</b>", proposedText: "" } });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('href="#f-proposedText"');
    expect(html).toContain("Моё &lt;b>пояснение&lt;/b>");
    const none = await author.fetch(`/consultations/${c.id}/remarks`, { form: { clauseId: clause(c, 1), body: "Без вида" } });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('href="#f-kind"');
    expect(await remarkCount(c)).toBe(1);
  });

  it("not signed in, the form sends to sign-in and back to the clause", async () => {
    const c = await open();
    const anon = new (await import("./client")).Browser();
    const res = await anon.fetch(`/consultations/${c.id}/remarks`, { form: { clauseId: clause(c, 1), kind: "comment", body: "x" } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/signin?next=${encodeURIComponent(`/consultations/${c.id}/clauses/${clause(c, 1)}`)}`);
  });
});

describe("deleting one's remark", () => {
  it("the author, while the window is open: status deleted, texts cleared, counters recounted, audited; the replies stay", async () => {
    const c = await open();
    const id = await created(await post(author, c, { clauseId: clause(c, 1), kind: "comment", body: "Передумал" }));
    const reply = await other.api("/comments", { json: { targetType: "remark", targetId: id, body: "Ответ на замечание" } });
    expect(reply.status).toBe(201);
    expect(await counters(c, clause(c, 1))).toEqual({ clause: 1, version: 1, consultation: 1 });
    expect((await author.api(`/remarks/${id}`, { method: "DELETE" })).status).toBe(200);
    expect(await row("SELECT status, body, proposed_text FROM remarks WHERE id = ?", id)).toEqual({ status: "deleted", body: "", proposed_text: null });
    expect(await counters(c, clause(c, 1))).toEqual({ clause: 0, version: 0, consultation: 0 });
    expect(await count("audit_log", "action = 'remark.delete' AND object_id = ?", id)).toBe(1);
    expect(await count("comments", "target_type = 'remark' AND target_id = ? AND status = 'visible'", id)).toBe(1);
    const page = await (await reader.fetch(`/consultations/${c.id}/remarks/${id}`)).text();
    expect(page).toContain("Замечание удалено автором.");
    expect(page).toContain("Ответ на замечание");
    // A second deletion changes nothing (and records nothing).
    expect((await author.api(`/remarks/${id}`, { method: "DELETE" })).status).toBe(200);
    expect(await count("audit_log", "action = 'remark.delete' AND object_id = ?", id)).toBe(1);
  });

  it("another person's remark: 403, nothing changed", async () => {
    const c = await open();
    const id = await created(await post(author, c, { clauseId: clause(c, 1), kind: "comment", body: "Моё" }));
    await expectProblem(await other.api(`/remarks/${id}`, { method: "DELETE" }), 403);
    await expectProblem(await moderator.api(`/remarks/${id}`, { method: "DELETE" }), 403);
    expect(await row("SELECT status, body FROM remarks WHERE id = ?", id)).toEqual({ status: "visible", body: "Моё" });
    expect(await counters(c, clause(c, 1))).toEqual({ clause: 1, version: 1, consultation: 1 });
  });

  it("after the window closed: 409, nothing changed; the page offers no delete button", async () => {
    const c = await open();
    const id = await created(await post(author, c, { clauseId: clause(c, 1), kind: "comment", body: "Поздно удалять" }));
    expect(await (await author.fetch(`/consultations/${c.id}/remarks/${id}`)).text()).toContain(`action="/consultations/${c.id}/remarks/${id}/delete"`);
    await setWindow(c.id, Date.now() - 48 * HOUR, Date.now() - HOUR);
    await expectProblem(await author.api(`/remarks/${id}`, { method: "DELETE" }), 409);
    expect(await row("SELECT status FROM remarks WHERE id = ?", id)).toEqual({ status: "visible" });
    expect(await (await author.fetch(`/consultations/${c.id}/remarks/${id}`)).text()).not.toContain("/delete");
  });

  it("the page form deletes and returns to the clause", async () => {
    const c = await open();
    const id = await created(await post(author, c, { clauseId: clause(c, 1), kind: "comment", body: "Удалю формой" }));
    const res = await author.fetch(`/consultations/${c.id}/remarks/${id}/delete`, { form: {} });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/consultations/${c.id}/clauses/${clause(c, 1)}?done=consultations.remarks.done.deleted#remarks`);
    expect(await row("SELECT status FROM remarks WHERE id = ?", id)).toEqual({ status: "deleted" });
    const stranger = await author.fetch(`/consultations/${c.id}/remarks/${id}/delete`, { form: {} });
    expect(stranger.status).toBe(303);
  });
});

describe("supporting a remark", () => {
  const support = (b: Browser, id: string, on = true) => b.api(`/remarks/${id}/support`, { method: on ? "PUT" : "DELETE" });

  it("once per person, the counter recounted; taking it back", async () => {
    const c = await open();
    const [id] = await seedRemarks(c, [{ authorId: author.user.id, clauseIndex: 1 }]);
    expect(await (await support(other, id)).json()).toEqual({ supported: true, supportCount: 1 });
    expect(await (await support(other, id)).json()).toEqual({ supported: true, supportCount: 1 });
    expect(await (await support(reader, id)).json()).toEqual({ supported: true, supportCount: 2 });
    expect(await (await support(other, id, false)).json()).toEqual({ supported: false, supportCount: 1 });
    expect(await row("SELECT support_count FROM remarks WHERE id = ?", id)).toEqual({ support_count: 1 });
    expect(((await (await reader.api(`/remarks/${id}`)).json()) as { supportedByMe: boolean }).supportedByMe).toBe(true);
  });

  it("30 simultaneous supports by one person count 1", async () => {
    const c = await open();
    const [id] = await seedRemarks(c, [{ authorId: author.user.id, clauseIndex: 1 }]);
    const person = await newActor();
    const results = await Promise.all(Array.from({ length: 30 }, () => support(person, id)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(await count("remark_supports", "remark_id = ?", id)).toBe(1);
    expect(await row("SELECT support_count FROM remarks WHERE id = ?", id)).toEqual({ support_count: 1 });
  });

  it("not one's own (403), not outside the window (409), not a hidden remark (404 to others); nothing written", async () => {
    const c = await open();
    const [mine, hidden] = await seedRemarks(c, [{ authorId: author.user.id, clauseIndex: 1 }, { authorId: author.user.id, clauseIndex: 1, status: "hidden" }]);
    expect((await expectProblem(await support(author, mine), 403)).type).toMatch(/own-remark/);
    await expectProblem(await support(other, hidden), 404);
    await setWindow(c.id, Date.now() - 48 * HOUR, Date.now() - HOUR);
    const p = (await expectProblem(await support(other, mine), 409)) as Record<string, any>;
    expect(p.detail).toMatch(/московское/);
    expect(await count("remark_supports", "remark_id IN (?, ?)", mine, hidden)).toBe(0);
  });

  it("unconfirmed and anonymous people cannot support", async () => {
    const c = await open();
    const [id] = await seedRemarks(c, [{ authorId: author.user.id, clauseIndex: 1 }]);
    const unconfirmed = await signedIn(await createUser({ confirmed: false }));
    await expectProblem(await support(unconfirmed, id), 403);
    await expectProblem(await new (await import("./client")).Browser().api(`/remarks/${id}/support`, { method: "PUT" }), 401);
  });

  it("the rate limit (the support kind, 60 a minute) at its edge", async () => {
    const c = await open();
    const [id] = await seedRemarks(c, [{ authorId: author.user.id, clauseIndex: 1 }]);
    const person = await newActor();
    await fillRateLimit(`support:${person.user.id}`, 60, 59);
    expect((await support(person, id)).status).toBe(200);
    await expectProblem(await support(person, id, false), 429);
    expect(await count("remark_supports", "remark_id = ?", id)).toBe(1);
  });

  it("the page button toggles and returns to the page it came from", async () => {
    const c = await open();
    const [id] = await seedRemarks(c, [{ authorId: author.user.id, clauseIndex: 1 }]);
    const page = `/consultations/${c.id}/clauses/${clause(c, 1)}`;
    const html = await (await other.fetch(page)).text();
    expect(html).toContain(`action="/consultations/${c.id}/remarks/${id}/support"`);
    expect(await (await author.fetch(page)).text()).not.toContain(`/remarks/${id}/support`);
    const res = await other.fetch(`/consultations/${c.id}/remarks/${id}/support`, { form: { support: "on", back: page } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${page}?done=consultations.remarks.done.supported#remark-${id}`);
    expect(await count("remark_supports", "remark_id = ? AND user_id = ?", id, other.user.id)).toBe(1);
    // A foreign `back` is not followed.
    const off = await other.fetch(`/consultations/${c.id}/remarks/${id}/support`, { form: { support: "off", back: "https://evil.example/" } });
    expect(off.headers.get("location")).toBe(`/consultations/${c.id}/remarks/${id}?done=consultations.remarks.done.unsupported#remark-${id}`);
    expect(await count("remark_supports", "remark_id = ?", id)).toBe(0);
  });
});

describe("replies (the comments module, target type remark)", () => {
  it("a reply is counted on the remark and notifies its author (remark_reply); the remark page shows the discussion", async () => {
    const c = await open();
    const id = await created(await post(author, c, { clauseId: clause(c, 1), kind: "comment", body: "Жду ответов", shownAs: "anonymous" }));
    const res = await other.api("/comments", { json: { targetType: "remark", targetId: id, body: "Поддерживаю, но уточните сроки" } });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { url: string }).url).toMatch(new RegExp(`^/consultations/${c.id}/remarks/${id}#comment-`));
    expect(await row("SELECT reply_count FROM remarks WHERE id = ?", id)).toEqual({ reply_count: 1 });
    const notes = await rows<{ kind: string; params: string; url: string }>("SELECT kind, params, url FROM notifications WHERE user_id = ? AND kind = 'remark_reply'", author.user.id);
    expect(notes).toHaveLength(1);
    expect(JSON.parse(notes[0].params)).toMatchObject({ title: "Проект резолюции форума «Активный город»", name: "Борис Иванов" });
    expect(notes[0].url).toMatch(`/consultations/${c.id}/remarks/${id}#comment-`);
    const page = await (await reader.fetch(`/consultations/${c.id}/remarks/${id}`)).text();
    expect(page).toContain("Поддерживаю, но уточните сроки");
    expect(page).toContain('id="comments"');
    // Replying to oneself notifies nobody.
    await author.api("/comments", { json: { targetType: "remark", targetId: id, body: "Сроки — до конца года" } });
    expect(await count("notifications", "user_id = ? AND kind = 'remark_reply'", author.user.id)).toBe(1);
  });

  it("closed window: no new replies (409); a hidden remark's thread is 404 to others", async () => {
    const c = await open();
    const [id, hidden] = await seedRemarks(c, [{ authorId: author.user.id, clauseIndex: 1 }, { authorId: author.user.id, clauseIndex: 1, status: "hidden" }]);
    await expectProblem(await other.api("/comments", { json: { targetType: "remark", targetId: hidden, body: "x" } }), 404);
    await setWindow(c.id, Date.now() - 48 * HOUR, Date.now() - HOUR);
    await expectProblem(await other.api("/comments", { json: { targetType: "remark", targetId: id, body: "Поздно" } }), 409);
    expect(await count("comments", "target_type = 'remark' AND target_id IN (?, ?)", id, hidden)).toBe(0);
    expect((await reader.api(`/comments?targetType=remark&targetId=${id}`)).status).toBe(200);
  });
});

describe("moderation (the one queue, post-moderation like comments)", () => {
  it("a report through /report reaches the organiser's queue; a moderator hides with a reason; the remark leaves the lists; restore brings it back", async () => {
    const c = await open();
    const id = await created(await post(author, c, { clauseId: clause(c, 1), kind: "comment", body: "Грубое замечание" }));
    const form = await other.fetch(`/report?type=remark&id=${id}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("Грубое замечание");
    const sent = await other.fetch("/report", { form: { targetType: "remark", targetId: id, reason: "insult", details: "" } });
    expect(sent.status).toBe(201);
    const item = await row<{ id: string; organiser_id: string; author_id: string; kind: string }>("SELECT id, organiser_id, author_id, kind FROM moderation_items WHERE target_type = 'remark' AND target_id = ? AND status = 'open'", id);
    expect(item).toMatchObject({ organiser_id: ORG, author_id: author.user.id, kind: "reports" });
    const queue = (await (await moderator.api(`/moderation/queue?organiser=${ORG}`)).json()) as { items: { targetType: string; targetId: string; url: string; actions: string[] }[] };
    expect(queue.items.find((i) => i.targetId === id)).toMatchObject({ targetType: "remark", url: `/consultations/${c.id}/remarks/${id}`, actions: ["hide", "dismiss"] });
    // A reason is required to hide.
    await expectProblem(await moderator.api(`/moderation/items/${item!.id}/decision`, { json: { action: "hide" } }), 422);
    const decided = await moderator.api(`/moderation/items/${item!.id}/decision`, { json: { action: "hide", reason: "Оскорбление участников" } });
    expect(decided.status).toBe(200);
    expect(await row("SELECT status FROM remarks WHERE id = ?", id)).toEqual({ status: "hidden" });
    expect(await count("audit_log", "action = 'remark.hide' AND object_id = ? AND reason = 'Оскорбление участников'", id)).toBe(1);
    expect(await row("SELECT status, decision FROM moderation_items WHERE id = ?", item!.id)).toEqual({ status: "closed", decision: "hide" });
    expect(await count("notifications", "user_id = ? AND kind = 'report_decided'", other.user.id)).toBe(1);
    // Counted (not deleted), not listed.
    expect(await counters(c, clause(c, 1))).toEqual({ clause: 1, version: 1, consultation: 1 });
    const list = (await (await reader.api(`/consultations/${c.id}/clauses/${clause(c, 1)}/remarks`)).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(0);
    expect(await (await reader.fetch(`/consultations/${c.id}/clauses/${clause(c, 1)}`)).text()).not.toContain("Грубое замечание");
    // The author sees it with the reason.
    const own = await (await author.fetch(`/consultations/${c.id}/remarks/${id}`)).text();
    expect(own).toContain("Причина: Оскорбление участников");
    // Restore: a report on a hidden object joins a new item; here the moderator restores through the adapter's queue path.
    await db.prepare("INSERT INTO moderation_items (id, organiser_id, target_type, target_id, kind, author_id, label, created_at) VALUES (?, ?, 'remark', ?, 'reports', ?, 'x', ?)").bind("restore-item-" + id, ORG, id, author.user.id, Date.now()).run();
    expect((await moderator.api(`/moderation/items/restore-item-${id}/decision`, { json: { action: "restore" } })).status).toBe(200);
    expect(await row("SELECT status FROM remarks WHERE id = ?", id)).toEqual({ status: "visible" });
  });

  it("reports from the organiser's threshold of people hide the remark automatically", async () => {
    const c = await open();
    const [id] = await seedRemarks(c, [{ authorId: author.user.id, clauseIndex: 1, body: "Спам" }]);
    for (let i = 0; i < 3; i++) {
      const r = await newActor();
      expect((await r.api("/reports", { json: { targetType: "remark", targetId: id, reason: "spam" } })).status).toBe(201);
    }
    expect(await row("SELECT status FROM remarks WHERE id = ?", id)).toEqual({ status: "hidden" });
    expect(await count("audit_log", "action = 'moderation.auto_hide' AND object_id = ?", id)).toBe(1);
  });

  it("one's own remark cannot be reported; a moderator cannot decide on their own remark; another organiser's moderator cannot decide", async () => {
    const c = await open();
    await expectProblem(await author.api("/reports", { json: { targetType: "remark", targetId: (await seedRemarks(c, [{ authorId: author.user.id, clauseIndex: 1 }]))[0], reason: "spam" } }), 422);
    const [byModerator] = await seedRemarks(c, [{ authorId: moderator.user.id, clauseIndex: 1 }]);
    await other.api("/reports", { json: { targetType: "remark", targetId: byModerator, reason: "spam" } });
    const item = await row<{ id: string }>("SELECT id FROM moderation_items WHERE target_id = ?", byModerator);
    await expectProblem(await moderator.api(`/moderation/items/${item!.id}/decision`, { json: { action: "hide", reason: "x" } }), 403);
    await createOrganiser("remarks-elsewhere");
    const foreign = await newActor();
    await grantRole(foreign.user.id, "moderator", "remarks-elsewhere");
    await expectProblem(await foreign.api(`/moderation/items/${item!.id}/decision`, { json: { action: "hide", reason: "x" } }), 403);
    expect(await row("SELECT status FROM remarks WHERE id = ?", byModerator)).toEqual({ status: "visible" });
  });
});

describe("personal data (152-ФЗ)", () => {
  it("the export holds the person's remarks and supports; deleting the account removes the supports (counters recounted) and keeps the remarks under «удалённый пользователь»", async () => {
    const c = await open();
    const leaving = await newActor({ displayName: "Уходящий Участник" });
    const id = await created(await post(leaving, c, { clauseId: clause(c, 1), kind: "comment", body: "Моё замечание" }));
    const [others] = await seedRemarks(c, [{ authorId: author.user.id, clauseIndex: 1 }]);
    await leaving.api(`/remarks/${others}/support`, { method: "PUT" });
    await other.api(`/remarks/${others}/support`, { method: "PUT" });
    const exported = (await (await leaving.api("/me/export")).json()) as Record<string, any[]>;
    expect(exported.remarks).toEqual([expect.objectContaining({ id, body: "Моё замечание", kind: "comment", shownAs: "name" })]);
    expect(exported.remarkSupports).toEqual([expect.objectContaining({ remarkId: others })]);
    expect((await leaving.api("/me", { method: "DELETE", json: { confirm: "УДАЛИТЬ" } })).status).toBe(200);
    expect(await count("remark_supports", "user_id = ?", leaving.user.id)).toBe(0);
    expect(await row("SELECT support_count FROM remarks WHERE id = ?", others)).toEqual({ support_count: 1 });
    expect(await row("SELECT status, body FROM remarks WHERE id = ?", id)).toEqual({ status: "visible", body: "Моё замечание" });
    const r = (await (await reader.api(`/remarks/${id}`)).json()) as Record<string, any>;
    expect(r.author).toEqual({ as: "name", name: null, organisationId: null, deletedAccount: true });
    const html = await (await reader.fetch(`/consultations/${c.id}/clauses/${clause(c, 1)}`)).text();
    expect(html).toContain("удалённый пользователь");
    expect(html).not.toContain("Уходящий Участник");
  });
});
