import { beforeAll, describe, expect, it } from "vitest";
import type { DraftClause } from "../../worker/consultations/clause-types";
import { Browser } from "./client";
import { SAMPLE_CLAUSES, seedConsultation, seedRemarks, type SeededConsultation } from "./consultation-fixtures";
import { createOrganiser, createUser, db, expectProblem, grantRole, newActor, signedIn } from "./fixtures";
import type { Actor } from "./proposals-helpers";

/**
 * Comparing versions through the API and the page, on a consultation written straight into D1:
 * version 1 (seed-004 shaped, plus two clauses that never change), version 2 published with every
 * kind of change, version 3 a draft. Lineages of versions 2 and 3 are set by hand (the drafting
 * part normally computes them), each clause inserted while its version is a draft, as the
 * migration's triggers require.
 */

const XSS = `<img src=x onerror=alert(1)>`;
const V1: DraftClause[] = [
  ...SAMPLE_CLAUSES,
  { kind: "clause", number: "4", depth: 0, text: "Секретариату МАГ разместить резолюцию на сайте форума.", addressees: ["Секретариату МАГ"] },
  { kind: "clause", number: "5", depth: 0, text: "Участникам форума провести следующий форум в 2025 году.", addressees: [] },
  { kind: "item", number: "", depth: 1, text: "подготовить программу форума;", addressees: [] },
];
// Indices in V1: 0 heading, 1 «1», 2 «2», 3 «2.1», 4 «2.2», 5 «3», 6 «4», 7 «5», 8 an item of «5».

type Row = [lineageOf: number | "new", clause: DraftClause];
const V2: Row[] = [
  [0, V1[0]],
  [1, { ...V1[1], text: `Мэрии города Новосибирска ${XSS} продолжить работу по реализации Стратегии развития ТОС до 2030 года.` }],
  [5, { ...V1[5], number: "2" }], // «3» moved up before «2» and renumbered
  [2, { ...V1[2], number: "3" }],
  [3, { ...V1[3], number: "3.1" }],
  // «2.2» removed
  [6, V1[6]],
  [7, V1[7]],
  [8, { ...V1[8], text: "подготовить программу форума до 1 марта;" }],
  ["new", { kind: "clause", number: "6", depth: 0, text: "Мэрии города Новосибирска ежегодно отчитываться об исполнении резолюции.", addressees: ["Мэрии города Новосибирска"] }],
];
/** Version 3 (a draft): version 2 with the markup taken out of clause «1» again; lineages index version 2's clauses. */
const V3: Row[] = V2.map(([, c], i) => [i, i === 1 ? { ...c, text: "Мэрии города Новосибирска продолжить работу по реализации Стратегии развития ТОС до 2030 года." } : c]);

/**
 * Adds version `number`: each clause descends from clause `lineageOf` of the version whose
 * lineages are `base` (or is new), optionally publishing it. Returns the new version's lineages.
 */
async function addVersion(s: SeededConsultation, number: number, rows: Row[], publish: boolean, base: string[]) {
  const versionId = crypto.randomUUID();
  const now = Date.now();
  const clauseIds: string[] = [];
  const lineages: string[] = [];
  const stmts: D1PreparedStatement[] = [
    db.prepare("INSERT INTO consultation_versions (id, consultation_id, number, status, clause_count, created_by, created_at) SELECT ?, id, ?, 'draft', ?, created_by, ? FROM consultations WHERE id = ?").bind(versionId, number, rows.length, now, s.id),
  ];
  rows.forEach(([from, c], i) => {
    const id = crypto.randomUUID();
    clauseIds.push(id);
    const lineage = from === "new" ? id : base[from];
    lineages.push(lineage);
    stmts.push(
      db
        .prepare("INSERT INTO consultation_clauses (id, version_id, consultation_id, position, depth, kind, number, text, addressees, lineage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(id, versionId, s.id, i, c.depth, c.kind, c.number, c.text, JSON.stringify(c.addressees), lineage),
    );
  });
  if (publish) {
    stmts.push(db.prepare("UPDATE consultation_versions SET status = 'published', published_at = ? WHERE id = ?").bind(now, versionId));
    stmts.push(db.prepare("UPDATE consultations SET current_version = ? WHERE id = ?").bind(number, s.id));
  }
  await db.batch(stmts);
  s.versions.push({ id: versionId, number, clauseIds });
  return lineages;
}

let organiserId: string;
let admin: Actor;
let otherAdmin: Actor;
let resident: Actor;
let anon: Browser;
let s: SeededConsultation;
let takenRemark: string;
let hiddenRemark: string;
let laterRemark: string;

beforeAll(async () => {
  organiserId = await createOrganiser();
  const otherOrganiser = await createOrganiser();
  const adminUser = await createUser();
  await grantRole(adminUser.id, "organiser_admin", organiserId);
  admin = await signedIn(adminUser);
  const otherUser = await createUser();
  await grantRole(otherUser.id, "organiser_admin", otherOrganiser);
  otherAdmin = await signedIn(otherUser);
  resident = await newActor();
  anon = new Browser("ru");
  s = await seedConsultation({ organiserId, createdBy: adminUser.id, versions: [V1] });
  // Version 1's clauses are where their lineages start.
  const v2 = await addVersion(s, 2, V2, true, s.versions[0].clauseIds);
  await addVersion(s, 3, V3, false, v2);
  // Three remarks on clause «1» of version 1, oldest first; the organiser took all into account in version 2's clause «1»; one was hidden since.
  [takenRemark, hiddenRemark, laterRemark] = await seedRemarks(s, [
    { authorId: resident.user.id, clauseIndex: 1, kind: "wording", body: "Добавить срок: до 2030 года.", version: 1 },
    { authorId: resident.user.id, clauseIndex: 1, body: "Скрытое замечание", version: 1, status: "hidden" },
    { authorId: resident.user.id, clauseIndex: 1, kind: "new_clause", body: "", proposedText: "Мэрии города Новосибирска ежегодно отчитываться.", version: 1 },
  ]);
  // Inserted newest first: the page orders them by the remarks' age, not by the links' rows.
  await db.batch([laterRemark, hiddenRemark, takenRemark].map((r) => db.prepare("INSERT INTO remark_links (remark_id, clause_id) VALUES (?, ?)").bind(r, s.versions[1].clauseIds[1])));
});

interface Entry {
  status: string;
  moved: boolean;
  fields: string[];
  before: { id: string; number: string; text: string } | null;
  after: { id: string; number: string; text: string } | null;
  words: { op: string; text: string }[] | null;
  takenRemarks: { id: string; excerpt: string }[];
}
interface Comparison {
  from: { number: number; status: string };
  to: { number: number; status: string };
  counts: Record<string, number>;
  entries: Entry[];
}
const shape = (entries: Entry[]) => entries.map((e) => `${(e.after ?? e.before)!.number}:${e.status}${e.moved ? "+moved" : ""}${e.fields.length ? `(${e.fields.join(",")})` : ""}`);

const V1_TO_V2 = ["'':same", "1:changed(text)", "2:changed+moved(number)", "3:changed(number)", "3.1:changed(number)", "2.2:removed", "4:same", "5:same", ":changed(text)", "6:added"].map((x) => x.replace("''", ""));

describe("GET /api/consultations/{id}/compare", () => {
  it("defaults to the newest published version against the one before, every kind of change in the later version's order", async () => {
    const res = await anon.api(`/consultations/${s.id}/compare`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Comparison;
    expect(body.from).toMatchObject({ number: 1, status: "published" });
    expect(body.to).toMatchObject({ number: 2, status: "published" });
    expect(shape(body.entries)).toEqual(V1_TO_V2);
    expect(body.counts).toEqual({ same: 3, changed: 5, added: 1, removed: 1, moved: 1 });
    // The moved clause was «3»; the removed one is placed after the clause it followed (2.1, now 3.1).
    expect(body.entries[2].before!.number).toBe("3");
    expect(body.entries[5].before!.text).toBe(V1[4].text);
    expect(body.entries[1].words).toEqual([
      { op: "same", text: "Мэрии города Новосибирска " },
      { op: "add", text: `${XSS} ` },
      { op: "same", text: "продолжить работу по реализации Стратегии развития ТОС" },
      { op: "add", text: " до 2030 года" },
      { op: "same", text: "." },
    ]);
    // The remarks taken into account in clause «1» of version 2, oldest first (the proposed text when there is no explanation); the hidden one is not listed.
    expect(body.entries[1].takenRemarks).toEqual([
      { id: takenRemark, kind: "wording", excerpt: "Добавить срок: до 2030 года." },
      { id: laterRemark, kind: "new_clause", excerpt: "Мэрии города Новосибирска ежегодно отчитываться." },
    ]);
    expect(body.entries.flatMap((e) => e.takenRemarks).map((r) => r.id)).not.toContain(hiddenRemark);
  });

  it("takes explicit numbers, `from` defaulting to the one before `to`, in either order", async () => {
    const explicit = (await (await anon.api(`/consultations/${s.id}/compare?from=1&to=2`)).json()) as Comparison;
    expect(shape(explicit.entries)).toEqual(V1_TO_V2);
    const onlyTo = (await (await anon.api(`/consultations/${s.id}/compare?to=2`)).json()) as Comparison;
    expect(onlyTo.from.number).toBe(1);
    const back = (await (await anon.api(`/consultations/${s.id}/compare?from=2&to=1`)).json()) as Comparison;
    expect(back.counts).toEqual({ same: 3, changed: 5, added: 1, removed: 1, moved: 1 });
    expect(back.entries.find((e) => e.status === "removed")!.before!.number).toBe("6");
  });

  it("a draft version is compared only by the organiser's admins; to anyone else it does not exist", async () => {
    const mine = await admin.api(`/consultations/${s.id}/compare?from=2&to=3`);
    expect(mine.status).toBe(200);
    const body = (await mine.json()) as Comparison;
    expect(body.to).toMatchObject({ number: 3, status: "draft" });
    expect(shape(body.entries).filter((x) => !x.endsWith(":same"))).toEqual(["1:changed(text)"]);
    for (const who of [anon, resident, otherAdmin]) {
      const p = await expectProblem(await who.api(`/consultations/${s.id}/compare?from=2&to=3`), 422);
      expect(p.errors).toEqual([{ field: "to", code: "consultations.versions.field.unknown", reason: "Такой редакции у документа нет." }]);
      const q = await expectProblem(await who.api(`/consultations/${s.id}/compare?from=3&to=1`), 422);
      expect(q.errors![0].field).toBe("from");
    }
  });

  it("bad and unknown numbers are 422 problems on the field", async () => {
    const cases: [string, string, string][] = [
      ["from=abc&to=2", "from", "consultations.versions.field.number"],
      ["from=1&to=0", "to", "consultations.versions.field.number"],
      ["to=1.5", "to", "consultations.versions.field.number"],
      ["to=10000", "to", "consultations.versions.field.number"],
      ["from=", "from", "consultations.versions.field.number"],
      ["from=1&to=99", "to", "consultations.versions.field.unknown"],
      ["from=7", "from", "consultations.versions.field.unknown"],
      ["to=1", "from", "consultations.versions.field.noEarlier"],
      ["from=2&to=2", "to", "consultations.versions.field.same"],
    ];
    for (const [q, field, code] of cases) {
      const p = await expectProblem(await anon.api(`/consultations/${s.id}/compare?${q}`), 422);
      expect(p.errors, q).toHaveLength(1);
      expect(p.errors![0], q).toMatchObject({ field, code });
    }
    const en = await expectProblem(await new Browser("en").api(`/consultations/${s.id}/compare?from=abc`), 422);
    expect(en.errors![0].reason).toBe("A version number is a whole number from 1 to 9999.");
  });

  it("an unknown consultation is 404; an unpublished one is 404 except to its organiser's admins", async () => {
    await expectProblem(await anon.api(`/consultations/00000000-0000-0000-0000-000000000000/compare`), 404);
    // Not yet published: its only version is a draft, seen by the organiser's admins alone.
    const draft = await seedConsultation({ organiserId, createdBy: admin.user.id, status: "draft", versions: [V1] });
    await expectProblem(await anon.api(`/consultations/${draft.id}/compare`), 404);
    await expectProblem(await resident.api(`/consultations/${draft.id}/compare`), 404);
    await expectProblem(await otherAdmin.api(`/consultations/${draft.id}/compare`), 404);
    expect((await otherAdmin.fetch(`/consultations/${draft.id}/compare`)).status).toBe(404);
    // Its admins reach it; with a single version there is still nothing to compare.
    const own = await expectProblem(await admin.api(`/consultations/${draft.id}/compare`), 422);
    expect(own.errors![0]).toMatchObject({ field: "to" });
    const page = await admin.fetch(`/consultations/${draft.id}/compare`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Текст документа ещё не опубликован — сравнивать не с чем.");
  });

  it("a consultation with one version has nothing to compare (422 on `from`)", async () => {
    const single = await seedConsultation({ organiserId, createdBy: admin.user.id, versions: [V1] });
    const p = await expectProblem(await anon.api(`/consultations/${single.id}/compare`), 422);
    expect(p.errors![0]).toMatchObject({ field: "from", code: "consultations.versions.field.noEarlier" });
  });
});

describe("/consultations/:id/compare page", () => {
  const page = async (b: Browser, q = "") => {
    const res = await b.fetch(`/consultations/${s.id}/compare${q}`);
    return { status: res.status, html: await res.text() };
  };

  it("shows the form, the counts and every change with a text badge, unchanged clauses folded", async () => {
    const { status, html } = await page(anon);
    expect(status).toBe(200);
    expect(html).toContain("<h1>Сравнение редакций</h1>");
    expect(html).toContain("Изменено: 5, добавлено: 1, удалено: 1, перемещено: 1");
    expect(html).toMatch(/<form method="get" action="\/consultations\/[^"]+\/compare"/);
    expect(html).toMatch(/<select id="f-from" name="from"[^>]*>.*<option value="1" selected>Редакция 1 от/s);
    expect(html).toMatch(/<select id="f-to" name="to"[^>]*>.*<option value="2" selected>Редакция 2 от/s);
    // The public does not get the draft as a choice.
    expect(html).not.toContain("Черновик редакции 3");
    expect(html).toMatch(/<input type="checkbox" id="f-changes" name="changes" value="1" checked/);
    for (const badge of ["Изменён", "Добавлен", "Удалён", "Перемещён"]) expect(html).toContain(`>${badge}</span>`);
    expect(html).toContain("был пунктом 3");
    expect(html).toContain("прежний номер: 2.1");
    // An unnumbered item says which clause it belongs to.
    expect(html).toMatch(/в пункте 5<\/span><\/p><p class="compare__text">подготовить программу форума<ins><span class="visually-hidden">добавлено: <\/span> до 1 марта<\/ins>;/);
    // «4» and «5» did not change: one <details>, expandable without JavaScript.
    expect(html).toMatch(/<details><summary>2 пункта без изменений<\/summary>.*Секретариату МАГ разместить резолюцию.*<\/details>/s);
    // The section heading stays visible as context.
    expect(html).toMatch(/<h3 class="compare__text compare__heading">Участники секции «Город соседей» РЕКОМЕНДУЮТ:<\/h3>/);
    // The moved clause carries both badges, in the later version's order before «3».
    const moved = html.indexOf("был пунктом 3");
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThan(html.indexOf("прежний номер: 2<"));
  });

  it("marks word changes with <ins>/<del> and hidden labels, escaping the clause's text", async () => {
    const { html } = await page(anon);
    expect(html).toContain(`<ins><span class="visually-hidden">добавлено: </span>&lt;img src=x onerror=alert(1)> </ins>`);
    expect(html).not.toContain("<img src=x");
    const draft = await page(admin, "?from=2&to=3");
    expect(draft.status).toBe(200);
    expect(draft.html).toContain(`<del><span class="visually-hidden">удалено: </span>&lt;img src=x onerror=alert(1)> </del>`);
    expect(draft.html).not.toContain("<img src=x");
    expect(draft.html).toContain("Среди сравниваемых есть черновик редакции");
    expect(draft.html).toContain("Черновик редакции 3 (не опубликован)");
  });

  it("the removed clause is struck through where it was, the added one is shown in full", async () => {
    const { html } = await page(anon);
    const removed = html.indexOf(V1[4].text);
    expect(removed).toBeGreaterThan(html.indexOf(V1[3].text));
    expect(html.slice(html.lastIndexOf("<li", removed), removed)).toContain("compare__item--removed");
    expect(html).toContain("Мэрии города Новосибирска ежегодно отчитываться об исполнении резолюции.");
  });

  it("links the remarks taken into account under the clause", async () => {
    const { html } = await page(anon);
    expect(html).toContain("Учтены замечания: 2");
    expect(html).toContain(`<a href="/consultations/${s.id}/remarks/${takenRemark}">Добавить срок: до 2030 года.</a>`);
    expect(html).not.toContain(hiddenRemark);
  });

  it("with «только изменения» off shows every clause in place, nothing folded", async () => {
    const { html } = await page(anon, "?from=1&to=2&changes=0");
    expect(html).not.toContain("<details>");
    expect(html).toContain("Секретариату МАГ разместить резолюцию на сайте форума.");
    expect(html).toMatch(/<input type="checkbox" id="f-changes" name="changes" value="1"(?! checked)/);
    // The hidden "0" followed by the checked box's "1" means on.
    expect((await page(anon, "?changes=0&changes=1")).html).toContain("<details>");
  });

  it("does not send the clauses twice: the comparison is left out of the page's JSON", async () => {
    const { html } = await page(anon);
    const json = html.slice(html.indexOf('<script type="application/json" id="page-data">'));
    expect(json).toContain('"counts":{"same":3,"changed":5');
    expect(json).not.toContain("Секретариату МАГ разместить");
    expect(html.split("Секретариату МАГ разместить").length - 1).toBe(1);
  });

  it("bad numbers: 422 with the message next to the field, the form kept", async () => {
    const { status, html } = await page(anon, "?from=abc&to=2");
    expect(status).toBe(422);
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('<a href="#f-from">Было — редакция: Номер редакции — целое число от 1 до 9999.</a>');
    expect(html).toMatch(/<select id="f-from" name="from" aria-invalid="true"/);
    expect(html).not.toContain("Изменено:");
    const unknown = await page(anon, "?from=1&to=3");
    expect(unknown.status).toBe(422);
    expect(unknown.html).toContain("Такой редакции у документа нет.");
    const same = await page(anon, "?from=2&to=2");
    expect(same.html).toContain("Выберите две разные редакции.");
  });

  it("in English", async () => {
    const res = await new Browser("en").fetch(`/consultations/${s.id}/compare`);
    const html = await res.text();
    expect(html).toContain("Changed: 5, added: 1, removed: 1, moved: 1");
    expect(html).toContain("was clause 3");
    expect(html).toContain("2 unchanged clauses");
    expect(html).toContain(`<span class="visually-hidden">added: </span>`);
  });

  it("a document with one version says there is nothing to compare; an unknown one is a 404 page", async () => {
    const single = await seedConsultation({ organiserId, createdBy: admin.user.id, versions: [V1] });
    const res = await anon.fetch(`/consultations/${single.id}/compare`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("У документа пока одна редакция — сравнивать не с чем.");
    expect(html).not.toContain('class="error-summary"');
    expect((await anon.fetch(`/consultations/00000000-0000-0000-0000-000000000000/compare`)).status).toBe(404);
  });
});

describe("two 300-clause versions", () => {
  it("compare in one request each, page and API, quickly (the diff itself is a few ms: test/unit/version-diff.test.ts)", async () => {
    const text = (i: number) => `Мэрии города Новосибирска в ${2025 + (i % 5)} году провести работу № ${i} по реализации Стратегии развития ТОС, включая обучение активистов, председателей советов ТОС и экспертов по оценке проектов.`;
    const a: DraftClause[] = Array.from({ length: 300 }, (_, i) => (i % 30 === 0 ? { kind: "heading", number: "", depth: 0, text: `Раздел ${i / 30 + 1}. Участники секции РЕКОМЕНДУЮТ:`, addressees: [] } : { kind: "clause", number: String(i % 30), depth: 0, text: text(i), addressees: ["Мэрии города Новосибирска"] }));
    const b = a.map((c, i) => (i % 10 === 5 ? { ...c, text: c.text.replace("Новосибирска", "Тюмени").replace("активистов", "волонтёров") } : c));
    const big = await seedConsultation({ organiserId, createdBy: admin.user.id, versions: [a, b] });
    // Warm up (the first request compiles the page's code), then time one.
    await (await anon.fetch(`/consultations/${big.id}/compare`)).text();
    const t0 = performance.now();
    const res = await anon.fetch(`/consultations/${big.id}/compare`);
    const html = await res.text();
    const pageMs = performance.now() - t0;
    expect(res.status).toBe(200);
    expect(html).toContain("Изменено: 30, добавлено: 0, удалено: 0, перемещено: 0");
    expect(html.match(/<ins>/g)).toHaveLength(60);
    const t1 = performance.now();
    const api = await anon.api(`/consultations/${big.id}/compare`);
    const body = (await api.json()) as Comparison;
    const apiMs = performance.now() - t1;
    expect(body.entries).toHaveLength(300);
    console.log(`compare 300 clauses: page ${pageMs.toFixed(0)} ms (${(html.length / 1024).toFixed(1)} KB), API ${apiMs.toFixed(0)} ms`);
    expect(pageMs).toBeLessThan(2000);
  });
});

