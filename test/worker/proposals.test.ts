import { beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../../worker/proposals/dto";
import { REQUIRED_TO_SUBMIT } from "../../worker/proposals/completeness";
import { Browser } from "./client";
import { CYRILLIC, count, counts, createOrganiser, createUser, db, expectProblem, grantRole, newActor, row, signedIn } from "./fixtures";
import { addOrganisation, complete, createProposal, type Actor } from "./proposals-helpers";

const ORG = "prop-org";
const OTHER = "prop-other";
let author: Actor;
let stranger: Actor;
let moderator: Actor;

beforeAll(async () => {
  await createOrganiser(ORG);
  await createOrganiser(OTHER);
  author = await newActor({ displayName: "Анна Петрова" });
  stranger = await newActor({ displayName: "Посторонний" });
  moderator = await newActor({ displayName: "Модератор" });
  await grantRole(moderator.user.id, "moderator", ORG);
  // ORG keeps its own themes; OTHER has none and uses the default list.
  await db.batch([
    db.prepare("INSERT INTO organiser_themes (organiser_id, slug, name_ru, name_en, position) VALUES (?, 'improvement', 'Благоустройство', 'Improvement', 1)").bind(ORG),
    db.prepare("INSERT INTO organiser_themes (organiser_id, slug, name_ru, name_en, position) VALUES (?, 'tos-projects', 'Проекты ТОС', 'ТОС projects', 2)").bind(ORG),
  ]);
});

const get = async (b: Browser, id: string) => (await (await b.api(`/proposals/${id}`)).json()) as Record<string, any>;
const state = (id: string) => row<{ status: string; hidden_at: number | null; submitted_at: number | null; published_at: number | null }>("SELECT status, hidden_at, submitted_at, published_at FROM proposals WHERE id = ?", id);

describe("drafts", () => {
  it("a draft needs only the organiser (even the title may be empty); created and audited in one batch", async () => {
    const id = await createProposal(author, { organiserId: ORG });
    expect(await row("SELECT status, title, author_id, organisation_id, tasks FROM proposals WHERE id = ?", id)).toEqual({ status: "draft", title: "", author_id: author.user.id, organisation_id: null, tasks: "[]" });
    expect(await count("audit_log", "object_type = 'proposal' AND object_id = ? AND action = 'proposal.create' AND actor_id = ?", id, author.user.id)).toBe(1);
    expect(await count("moderation_items", "target_id = ?", id)).toBe(0);
  });

  it("a complete proposal is stored field by field; the API returns it to its author with the history", async () => {
    const id = await createProposal(author, complete(ORG));
    const p = await get(author, id);
    const { organiserId: _o, ...fields } = complete(ORG);
    expect(p).toMatchObject({ ...fields, status: "draft", authorName: "Анна Петрова", supportCount: 0, hidden: false });
    expect(p.history.map((h: { action: string }) => h.action)).toEqual(["proposal.create"]);
  });

  it("PATCH changes only what is sent; empty lines are not tasks", async () => {
    const id = await createProposal(author, complete(ORG));
    const res = await author.api(`/proposals/${id}`, { method: "PATCH", json: { title: "  Новое название  ", tasks: ["Первая", "", "Вторая"] } });
    expect(res.status).toBe(200);
    const p = await get(author, id);
    expect(p.title).toBe("Новое название");
    expect(p.tasks).toEqual(["Первая", "Вторая"]);
    expect(p.summary).toBe(complete(ORG).summary);
    expect(await count("audit_log", "object_id = ? AND action = 'proposal.update'", id)).toBe(1);
  });

  it("an organiser without its own themes takes a theme from the default list; another organiser's theme is refused", async () => {
    await createProposal(author, { organiserId: OTHER, theme: "ecology" });
    const problem = await expectProblem(await author.api("/proposals", { json: { organiserId: ORG, theme: "ecology" } }), 422);
    expect(problem.errors!.map((e) => e.field)).toEqual(["theme"]);
    const themes = (await (await new Browser().api(`/themes?organiser=${ORG}`)).json()) as { items: { slug: string }[] };
    expect(themes.items.map((t) => t.slug)).toEqual(["improvement", "tos-projects"]);
    const defaults = (await (await new Browser().api(`/themes?organiser=${OTHER}`)).json()) as { items: { slug: string; nameRu: string }[] };
    expect(defaults.items.map((t) => t.nameRu)).toContain("Межнациональные отношения");
    await expectProblem(await new Browser().api("/themes?organiser=nobody"), 404);
  });

  it("needs a session (401) and a confirmed address (403)", async () => {
    await expectProblem(await new Browser().api("/proposals", { json: { organiserId: ORG } }), 401);
    const unconfirmed = await signedIn(await createUser({ confirmed: false }));
    await expectProblem(await unconfirmed.api("/proposals", { json: { organiserId: ORG } }), 403);
  });
});

describe("limits: each one refused with 422 on its field, nothing written; the limit itself accepted", () => {
  const long = (n: number) => "я".repeat(n);
  const cases: { field: string; bad: unknown; ok: unknown }[] = [
    { field: "title", bad: long(LIMITS.title + 1), ok: long(LIMITS.title) },
    { field: "summary", bad: long(LIMITS.summary + 1), ok: long(LIMITS.summary) },
    { field: "problem", bad: long(LIMITS.longText + 1), ok: long(LIMITS.longText) },
    { field: "goal", bad: long(LIMITS.longText + 1), ok: long(LIMITS.longText) },
    { field: "expectedResults", bad: long(LIMITS.longText + 1), ok: long(LIMITS.longText) },
    { field: "tasks", bad: Array.from({ length: LIMITS.tasks + 1 }, (_, i) => `Задача ${i}`), ok: Array.from({ length: LIMITS.tasks }, (_, i) => `Задача ${i}`) },
    { field: "tasks.0", bad: [long(LIMITS.task + 1)], ok: [long(LIMITS.task)] },
    { field: "city", bad: long(LIMITS.place + 1), ok: long(LIMITS.place) },
    { field: "district", bad: long(LIMITS.place + 1), ok: long(LIMITS.place) },
    { field: "tos", bad: long(LIMITS.place + 1), ok: long(LIMITS.place) },
    { field: "team", bad: long(LIMITS.team + 1), ok: long(LIMITS.team) },
    { field: "beneficiaries", bad: LIMITS.beneficiaries + 1, ok: LIMITS.beneficiaries },
    { field: "beneficiaries", bad: -1, ok: 0 },
    { field: "beneficiaries", bad: 2.5, ok: 3 },
    { field: "budgetRequested", bad: LIMITS.money + 1, ok: LIMITS.money },
    { field: "budgetRequested", bad: "миллион", ok: null },
    { field: "cofinancing", bad: -100, ok: 0 },
    { field: "cofinancing", bad: LIMITS.money + 1, ok: LIMITS.money },
    { field: "startDate", bad: "2027-02-30", ok: "2027-02-28" },
    { field: "startDate", bad: "01.05.2027", ok: "2027-05-01" },
    { field: "endDate", bad: "2027-13-01", ok: "2027-12-01" },
  ];
  it.each(cases)("$field: $bad", async ({ field, bad, ok }) => {
    const key = field.split(".")[0];
    const before = await counts("proposals", "audit_log");
    const problem = await expectProblem(await author.api("/proposals", { json: { organiserId: ORG, [key]: field === "tasks.0" ? bad : bad } }), 422);
    expect(problem.errors!.map((e) => e.field)).toEqual([field]);
    expect(problem.errors![0].reason).toMatch(CYRILLIC);
    expect(await counts("proposals", "audit_log")).toEqual(before);
    await createProposal(author, { organiserId: ORG, [key]: ok });
  });

  it("the end before the start is refused even in a draft, on the end date", async () => {
    const problem = await expectProblem(await author.api("/proposals", { json: { organiserId: ORG, startDate: "2027-06-01", endDate: "2027-05-31" } }), 422);
    expect(problem.errors).toEqual([{ field: "endDate", code: "proposals.field.endBeforeStart", reason: "Дата окончания не может быть раньше даты начала" }]);
    const id = await createProposal(author, { organiserId: ORG, startDate: "2027-06-01" });
    await expectProblem(await author.api(`/proposals/${id}`, { method: "PATCH", json: { endDate: "2027-01-01" } }), 422);
  });

  it("an unknown organiser is a field error; an English reader gets English reasons", async () => {
    const problem = await expectProblem(await author.api("/proposals", { json: { organiserId: "nobody" } }), 422);
    expect(problem.errors!.map((e) => e.field)).toEqual(["organiserId"]);
    const en = await signedIn(await createUser({ locale: "en" }), "en");
    const p2 = await expectProblem(await en.api("/proposals", { json: { organiserId: ORG, budgetRequested: -1 } }), 422);
    expect(p2.errors![0].reason).toBe("At least 0");
  });
});

describe("submission", () => {
  it("an incomplete draft cannot be submitted: 422 names every missing field, nothing changes", async () => {
    const id = await createProposal(author, { organiserId: ORG, title: "Только название" });
    const before = await counts("audit_log", "moderation_items");
    const problem = await expectProblem(await author.api(`/proposals/${id}/submit`, { method: "POST" }), 422);
    expect(problem.errors!.map((e) => e.field).sort()).toEqual(REQUIRED_TO_SUBMIT.filter((f) => f !== "title").sort());
    expect((await state(id))!.status).toBe("draft");
    expect(await counts("audit_log", "moderation_items")).toEqual(before);
  });

  it("a complete draft goes to the queue: state, audit record and queue item together", async () => {
    const id = await createProposal(author, complete(ORG));
    expect((await author.api(`/proposals/${id}/submit`, { method: "POST" })).status).toBe(200);
    expect(await state(id)).toMatchObject({ status: "submitted" });
    expect((await state(id))!.submitted_at).toBeGreaterThan(0);
    expect(await count("audit_log", "object_id = ? AND action = 'proposal.submit'", id)).toBe(1);
    expect(await row("SELECT organiser_id, kind, status, author_id FROM moderation_items WHERE target_type = 'proposal' AND target_id = ?", id)).toEqual({ organiser_id: ORG, kind: "review", status: "open", author_id: author.user.id });
    // Submitting twice is a conflict, not a second queue item.
    await expectProblem(await author.api(`/proposals/${id}/submit`, { method: "POST" }), 409);
    expect(await count("moderation_items", "target_id = ?", id)).toBe(1);
  });

  it("create with submit: true is one step; incomplete → 422 and no draft is left behind", async () => {
    const before = await count("proposals");
    await expectProblem(await author.api("/proposals", { json: { organiserId: ORG, title: "Неполное", submit: true } }), 422);
    expect(await count("proposals")).toBe(before);
    const res = await author.api("/proposals", { json: { ...complete(ORG), submit: true } });
    expect(res.status).toBe(201);
    const { id, status } = (await res.json()) as { id: string; status: string };
    expect(status).toBe("submitted");
    expect(await count("moderation_items", "target_id = ? AND status = 'open'", id)).toBe(1);
  });

  it("withdraw closes the queue item and is audited with the optional reason", async () => {
    const id = await createProposal(author, { ...complete(ORG), submit: true });
    const res = await author.api(`/proposals/${id}/withdraw`, { json: { reason: "Передумали" } });
    expect(res.status).toBe(200);
    expect((await state(id))!.status).toBe("withdrawn");
    expect(await row("SELECT status, decision FROM moderation_items WHERE target_id = ?", id)).toEqual({ status: "closed", decision: "withdrawn" });
    expect(await row("SELECT reason FROM audit_log WHERE object_id = ? AND action = 'proposal.withdraw'", id)).toEqual({ reason: "Передумали" });
    await expectProblem(await author.api(`/proposals/${id}/withdraw`, { json: {} }), 409);
  });
});

describe("who may do what", () => {
  it("another person's draft: 404 to read, edit, submit and withdraw (it does not exist for them)", async () => {
    const id = await createProposal(author, complete(ORG));
    await expectProblem(await stranger.api(`/proposals/${id}`), 404);
    await expectProblem(await new Browser().api(`/proposals/${id}`), 404);
    await expectProblem(await stranger.api(`/proposals/${id}`, { method: "PATCH", json: { title: "Чужое" } }), 404);
    await expectProblem(await stranger.api(`/proposals/${id}/submit`, { method: "POST" }), 404);
    await expectProblem(await stranger.api(`/proposals/${id}/withdraw`, { json: {} }), 404);
    expect((await stranger.fetch(`/proposals/${id}`)).status).toBe(404);
    // The organiser's moderator reads it (the queue links here), another organiser's moderator does not.
    expect((await moderator.api(`/proposals/${id}`)).status).toBe(200);
  });

  it("editing someone else's readable proposal → 403; editing a submitted one → 409; nothing changes", async () => {
    const id = await createProposal(author, { ...complete(ORG), submit: true });
    await expectProblem(await moderator.api(`/proposals/${id}`, { method: "PATCH", json: { title: "Правка модератора" } }), 403);
    const problem = await expectProblem(await author.api(`/proposals/${id}`, { method: "PATCH", json: { title: "Поздно" } }), 409);
    expect(problem.title).toMatch(/черновик/);
    expect((await row<{ title: string }>("SELECT title FROM proposals WHERE id = ?", id))!.title).toBe(complete(ORG).title);
    expect(await count("audit_log", "object_id = ? AND action = 'proposal.update'", id)).toBe(0);
  });

  it("on behalf of an organisation: only its confirmed member; any organiser; its name is shown", async () => {
    const member = await newActor({ displayName: "Член ТОС" });
    const pending = await newActor();
    const orgId = await addOrganisation(OTHER, "ТОС «Северный»", [
      { userId: member.user.id, status: "confirmed" },
      { userId: pending.user.id, status: "requested" },
    ]);
    await expectProblem(await pending.api("/proposals", { json: { organiserId: ORG, organisationId: orgId } }), 403);
    await expectProblem(await stranger.api("/proposals", { json: { organiserId: ORG, organisationId: orgId } }), 403);
    expect(await count("proposals", "organisation_id = ?", orgId)).toBe(0);
    const id = await createProposal(member, { organiserId: ORG, organisationId: orgId, title: "От имени ТОС" });
    expect((await get(member, id)).organisationName).toBe("ТОС «Северный»");
    const html = await (await member.fetch(`/proposals/${id}`)).text();
    expect(html).toContain("ТОС «Северный»");
    // Switching to speak for an organisation one is not a member of is refused the same way.
    const own = await createProposal(stranger, { organiserId: ORG });
    await expectProblem(await stranger.api(`/proposals/${own}`, { method: "PATCH", json: { organisationId: orgId } }), 403);
  });
});

describe("user text is data, never markup", () => {
  const XSS = `<script>alert("x")</script><img src=x onerror=alert(1)>"'&`;
  const TEXT_FIELDS = ["title", "summary", "problem", "goal", "expectedResults", "city", "district", "tos", "team"] as const;

  it("every text field: escaped on the page, intact in the API", async () => {
    const body: Record<string, unknown> = { organiserId: ORG, tasks: [`${XSS} задача`] };
    for (const f of TEXT_FIELDS) body[f] = `${f}: ${XSS}`;
    const id = await createProposal(author, body);
    const p = await get(author, id);
    for (const f of TEXT_FIELDS) expect(p[f]).toBe(`${f}: ${XSS}`);
    expect(p.tasks).toEqual([`${XSS} задача`]);
    for (const path of [`/proposals/${id}`, `/proposals/${id}/edit`, "/me/proposals"]) {
      const html = await (await author.fetch(path)).text();
      const markup = html.slice(0, html.indexOf('<script type="application/json" id="page-data">'));
      expect(markup, path).not.toContain("<script>alert");
      expect(markup, path).not.toContain("<img src=x");
      expect(markup, path).toContain("&lt;script>alert");
      // The page data for hydration cannot close its script element either.
      const data = html.slice(html.indexOf('id="page-data">'));
      expect(data.slice(0, data.indexOf("</script>"))).not.toContain("<script>");
    }
  });
});

describe("pages", () => {
  it("new proposal: first the organiser (GET form), then the full form; errors inline with the summary, nothing written", async () => {
    const draft = await createProposal(author, { organiserId: ORG });
    const edit = await (await author.fetch(`/proposals/${draft}/edit`)).text();
    expect(edit).toContain('action="/attachments"');
    expect(edit).toContain(`name="ownerId" value="${draft}"`);
    const pick = await (await author.fetch("/proposals/new")).text();
    expect(pick).toContain('name="organiser"');
    const form = await (await author.fetch(`/proposals/new?organiser=${ORG}`)).text();
    for (const f of ["title", "summary", "problem", "goal", "tasks", "expectedResults", "city", "district", "tos", "theme", "beneficiaries", "budgetRequested", "cofinancing", "startDate", "endDate", "team"])
      expect(form, f).toContain(`name="${f}"`);
    expect(form).toContain("Сохранить черновик");
    expect(form).toContain("Отправить на модерацию");
    const before = await count("proposals");
    const res = await author.fetch("/proposals", { form: { organiserId: ORG, intent: "submit", title: "Неполное", budgetRequested: "1 500 000" } });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="error-summary"');
    expect(html).toContain('id="f-summary-error"');
    expect(html).not.toContain('id="f-budgetRequested-error"');
    expect(await count("proposals")).toBe(before);
  });

  it("the form saves a draft (numbers with spaces, tasks one per line) and sends a complete one", async () => {
    const c = complete(ORG);
    const values: Record<string, string> = { organiserId: ORG, intent: "draft", title: c.title, tasks: "Первая\n\nВторая\n", budgetRequested: "1 500 000" };
    const res = await author.fetch("/proposals", { form: values });
    expect(res.status).toBe(303);
    const id = res.headers.get("location")!.match(/\/proposals\/([^?]+)/)![1];
    expect(await row("SELECT status, tasks, budget_requested FROM proposals WHERE id = ?", id)).toEqual({ status: "draft", tasks: '["Первая","Вторая"]', budget_requested: 1500000 });
    const full: Record<string, string> = { intent: "submit", organiserId: ORG };
    for (const [k, v] of Object.entries(c)) if (k !== "organiserId") full[k] = Array.isArray(v) ? v.join("\n") : String(v);
    const sent = await author.fetch(`/proposals/${id}/edit`, { form: full });
    expect(sent.status).toBe(303);
    expect((await state(id))!.status).toBe("submitted");
    const page = await (await author.fetch(sent.headers.get("location")!)).text();
    expect(page).toContain("отправлено на модерацию");
    expect(page).toContain("1\u00a0500\u00a0000\u00a0₽");
    expect(page).toContain("1 мая 2027");
    // Once submitted the edit page sends the author back to the proposal.
    expect((await author.fetch(`/proposals/${id}/edit`)).status).toBe(303);
    expect((await stranger.fetch(`/proposals/${id}/edit`)).status).toBe(404);
  });

  it("submitting an incomplete draft from its page opens the form with every missing field marked", async () => {
    const id = await createProposal(author, { organiserId: ORG, title: "Черновик" });
    const res = await author.fetch(`/proposals/${id}/submit`, { form: {} });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="f-problem-error"');
    expect(html).toContain('value="Черновик"');
  });

  it("my proposals lists every state of mine only; signed out → sign-in", async () => {
    const id = await createProposal(author, { organiserId: ORG, title: "Мой уникальный черновик" });
    const html = await (await author.fetch("/me/proposals")).text();
    expect(html).toContain("Мой уникальный черновик");
    expect(html).toContain(`/proposals/${id}`);
    expect(await (await stranger.fetch("/me/proposals")).text()).not.toContain("Мой уникальный черновик");
    const anon = await new Browser().fetch("/me/proposals");
    expect(anon.status).toBe(303);
    const mine = (await (await author.api("/me/proposals?limit=100")).json()) as { items: { id: string }[] };
    expect(mine.items.map((i) => i.id)).toContain(id);
  });
});
