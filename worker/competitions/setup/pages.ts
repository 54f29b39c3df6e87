import { Hono, type Context } from "hono";
import type { MessageKey } from "../../../web/i18n";
import type { FormState } from "../../../web/page-data";
import type { CompetitionFormProps } from "../../../web/pages/competitions/setup/CompetitionFormPage";
import type { CompetitionPageProps } from "../../../web/pages/competitions/setup/CompetitionPage";
import type { CompetitionsListProps } from "../../../web/pages/competitions/setup/CompetitionsListPage";
import type { CriteriaPageProps } from "../../../web/pages/competitions/setup/CriteriaPage";
import type { FailedItemForm, NominationsPageProps } from "../../../web/pages/competitions/setup/NominationsPage";
import { epochToMoscowLocal, moscowLocalToEpoch } from "../../consultations/window";
import type { AppEnv } from "../../http/context";
import { ctxOf } from "../../http/ctx";
import { invalid, Problem, type FieldIssue } from "../../http/problem";
import { formStateFrom, render } from "../../http/render";
import { pageUser } from "../../http/session";
import { parse } from "../../http/validate";
import { listOrganisers } from "../../organisers/data";
import type { CompetitionRow } from "../data";
import { ENTRANT_KINDS, JURY_NORMALISATIONS, PUBLIC_NORMALISATIONS, STAGES, TIE_BREAKS, type Stage } from "../schema";
import { stageBounds } from "../stages";
import { decodeKey, encodeKey } from "./cursor";
import { CompetitionInput, CompetitionPatch, type CompetitionInputValues, type CompetitionPatchValues, CriterionInput, CriterionPatch, MoveInput, NominationInput, NominationPatch, numOrRaw, SETUP_LIMITS } from "./dto";
import { criterionShares, levelsFromLines, levelsToLines, publishBlockers, rawSetupIssues, TIME_FIELDS } from "./rules";
import { EndStageInput, endableStage, endStageNow } from "./end-stage";
import * as setup from "./service";
import { stageNow, timelineOf } from "./view";

/**
 * The setup part's pages: the list, the competition page, create and edit, nominations, criteria,
 * publish. Every form works without JavaScript; a refused submission shows the page again with
 * the errors beside the fields (and the status of the problem), and nothing is written.
 */
export const setupPages = new Hono<AppEnv>();
type C = Context<AppEnv>;
const enc = encodeURIComponent;

const DONE: MessageKey[] = ["competitions.setup.done.created", "competitions.setup.done.saved", "competitions.setup.done.published", "competitions.setup.done.nomination", "competitions.setup.done.criterion", "competitions.setup.done.stageEnded", "competitions.setup.done.entryOpened", "attachments.uploaded", "attachments.deleted"];
const flashOf = (c: C) => {
  const k = c.req.query("done") as MessageKey | undefined;
  return k && DONE.includes(k) ? k : undefined;
};
const nameOf = (c: C, o: { nameRu: string; nameEn: string }) => (c.get("locale") === "en" ? o.nameEn : o.nameRu);

// Pages for the organiser's admins: without a session, sign in first and come back.
for (const path of ["/competitions/new", "/competitions/:id/edit", "/competitions/:id/publish", "/competitions/:id/nominations", "/competitions/:id/nominations/*", "/competitions/:id/criteria", "/competitions/:id/criteria/*", "/competitions/:id/stage"])
  setupPages.use(path, async (c, next) => {
    if (c.get("user")) return next();
    const id = c.req.param("id");
    const back = c.req.method === "GET" ? new URL(c.req.url).pathname : id ? `/competitions/${enc(id)}` : "/competitions";
    return c.redirect(`/signin?next=${enc(back)}`, 303);
  });

/** Runs a page form; a refused one (4xx other than 403/404) is shown again with its errors, anything else is the error page. */
async function onForm(c: C, values: Record<string, string>, run: () => Promise<Response>, rerender: (form: FormState<Record<string, string>>, status: number) => Response | Promise<Response>) {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Problem && e.status < 500 && e.status !== 403 && e.status !== 404 && e.code !== "csrf") return rerender(formStateFrom(c, e, values), e.status);
    throw e;
  }
}

/** A form's fields as strings; repeated checkboxes (eligibility) joined with commas. */
async function formValues(c: C) {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === "_csrf") continue;
    const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
    if (list.length) out[k] = list.join(",");
  }
  return out;
}

/** A datetime-local value (Moscow time) as the API's instant; what cannot be read is passed on for validation to name. */
function instantOf(v: string | undefined) {
  if (v === undefined || v.trim() === "") return "";
  const ms = moscowLocalToEpoch(v);
  return ms === null ? v : new Date(ms).toISOString();
}

/** The setup form's values as the API's input (same validation, same messages). */
function setupInput(v: Record<string, string>) {
  return {
    title: v.title ?? "",
    summary: v.summary ?? "",
    rulesText: v.rulesText ?? "",
    eligibility: (v.eligibility ?? "").split(",").filter(Boolean),
    entryLimit: numOrRaw(v.entryLimit),
    ...Object.fromEntries(TIME_FIELDS.map((k) => [k, instantOf(v[k])])),
    minExperts: numOrRaw(v.minExperts),
    spreadThreshold: numOrRaw(v.spreadThreshold),
    precision: numOrRaw(v.precision),
    juryWeight: numOrRaw(v.juryWeight),
    publicWeight: numOrRaw(v.publicWeight),
    juryNormalisation: v.juryNormalisation,
    publicNormalisation: v.publicNormalisation,
    tieBreak: [v["tieBreak.0"], v["tieBreak.1"], v["tieBreak.2"]],
    winners: numOrRaw(v.winners),
  };
}

/** Parses the setup form; when fields are invalid, the cross-field problems that can still be seen are reported with them (all at once). */
function parseSetup<S extends typeof CompetitionInput | typeof CompetitionPatch>(schema: S, raw: Record<string, unknown>) {
  try {
    return parse(schema, raw);
  } catch (e) {
    if (!(e instanceof Problem) || e.status !== 422) throw e;
    const extra = rawSetupIssues(raw).filter((i) => !e.fields.some((f) => f.field === i.field));
    throw extra.length ? invalid([...e.fields, ...extra]) : e;
  }
}

/** A stored competition (or the defaults) as the form's values. */
function formValuesOf(x: typeof setup.SETUP_DEFAULTS & Partial<Pick<CompetitionRow, "title" | (typeof TIME_FIELDS)[number]>>): Record<string, string> {
  const out: Record<string, string> = {
    title: x.title ?? "",
    summary: x.summary,
    rulesText: x.rulesText,
    eligibility: x.eligibility.join(","),
    entryLimit: String(x.entryLimit),
    minExperts: String(x.minExperts),
    spreadThreshold: String(x.spreadThreshold),
    precision: String(x.precision),
    juryWeight: String(x.juryWeight),
    publicWeight: String(x.publicWeight),
    juryNormalisation: x.juryNormalisation,
    publicNormalisation: x.publicNormalisation,
    winners: String(x.winners),
  };
  x.tieBreak.forEach((k, i) => (out[`tieBreak.${i}`] = k));
  for (const k of TIME_FIELDS) if (x[k] !== undefined) out[k] = epochToMoscowLocal(x[k]!);
  return out;
}

const FORM_LIMITS: CompetitionFormProps["limits"] = {
  title: SETUP_LIMITS.title,
  summary: SETUP_LIMITS.summary,
  rulesText: SETUP_LIMITS.rulesText,
  entryLimit: SETUP_LIMITS.entryLimit,
  minExperts: SETUP_LIMITS.minExperts,
  spreadThreshold: SETUP_LIMITS.spreadThreshold,
  precision: SETUP_LIMITS.precision,
  winners: SETUP_LIMITS.winners,
};
const CHOICES = { entrantKinds: [...ENTRANT_KINDS], juryNormalisations: [...JURY_NORMALISATIONS], publicNormalisations: [...PUBLIC_NORMALISATIONS], tieBreaks: [...TIE_BREAKS] };

// ---- the list --------------------------------------------------------------------------------

setupPages.get("/competitions", async (c) => {
  const q = c.req.query();
  const filter = {
    stage: (STAGES as readonly string[]).includes(q.stage ?? "") ? (q.stage as Stage) : ("" as const),
    organiser: (q.organiser ?? "").slice(0, SETUP_LIMITS.id),
  };
  const after = decodeKey(q.after);
  const now = Date.now();
  const r = await setup.listCompetitions(ctxOf(c), c.get("user"), { stage: filter.stage || undefined, organiserId: filter.organiser || undefined, after, limit: SETUP_LIMITS.pageSize });
  const names = new Map(r.organisers.map((o) => [o.id, nameOf(c, o)]));
  const card = (x: (typeof r.items)[number]) => {
    const stage = stageNow(x, now);
    const b = stageBounds(x, stage);
    return { id: x.id, title: x.title, summary: x.summary, organiserName: names.get(x.organiserId) ?? "", status: x.status, stage, resultsPublished: x.resultsPublishedAt !== null, stageStart: b.start, stageEnd: b.end, updatedAt: x.updatedAt };
  };
  const base = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
  const key = r.more ? setup.nextKey(r.items) : null;
  const props: CompetitionsListProps = {
    items: r.items.map(card),
    drafts: r.drafts.map(card),
    filter,
    organisers: r.organisers.map((o) => ({ id: o.id, name: nameOf(c, o) })),
    stages: [...STAGES],
    canCreate: r.canCreate,
    nextHref: key ? `/competitions?${new URLSearchParams([...base, ["after", encodeKey(key)]])}` : null,
    firstHref: after ? `/competitions${base.size ? `?${base}` : ""}` : null,
  };
  const t = c.get("t");
  return render(c, "competitions/list", props, { title: t("competitions.title"), description: t("competitions.setup.list.lead") });
});

// ---- create ----------------------------------------------------------------------------------

async function newPage(c: C, form: FormState<Record<string, string>> | null, status = 200) {
  const mine = new Set(setup.managedOrganisers(pageUser(c)));
  const organisers = (await listOrganisers(c.get("db"))).filter((o) => mine.has(o.id)).map((o) => ({ id: o.id, name: nameOf(c, o) }));
  const props: CompetitionFormProps = { mode: "new", organisers, form: form ?? { values: formValuesOf(setup.SETUP_DEFAULTS), errors: [] }, limits: FORM_LIMITS, ...CHOICES, editable: true };
  return render(c, "competitions/form", props, { title: c.get("t")("competitions.setup.new.title"), status });
}

setupPages.get("/competitions/new", (c) => newPage(c, null));

setupPages.post("/competitions", async (c) => {
  const user = c.get("user");
  if (!user) return c.redirect("/signin?next=/competitions/new", 303);
  const values = await formValues(c);
  return onForm(
    c,
    values,
    async () => {
      const input = parseSetup(CompetitionInput, { organiserId: values.organiserId ?? "", ...setupInput(values) }) as CompetitionInputValues;
      const r = await setup.createCompetition(ctxOf(c), user, input);
      return c.redirect(`/competitions/${enc(r.id)}/nominations?done=competitions.setup.done.created`, 303);
    },
    (form, status) => newPage(c, form, status),
  );
});

// ---- edit ------------------------------------------------------------------------------------

async function editPage(c: C, id: string, form: FormState<Record<string, string>> | null, status = 200) {
  const r = await setup.readManaged(ctxOf(c), pageUser(c), id);
  const x = r.competition;
  const props: CompetitionFormProps = {
    mode: "edit",
    id: x.id,
    title: x.title,
    organisers: [],
    form: form ?? { values: formValuesOf(x), errors: [] },
    limits: FORM_LIMITS,
    ...CHOICES,
    editable: r.access.editSetup,
    files: r.files,
  };
  return render(c, "competitions/form", props, { title: `${c.get("t")("competitions.setup.edit.title")}: ${x.title}`, status, flash: flashOf(c) });
}

setupPages.get("/competitions/:id/edit", (c) => editPage(c, c.req.param("id"), null));

setupPages.post("/competitions/:id/edit", async (c) => {
  const user = pageUser(c);
  const id = c.req.param("id");
  const values = await formValues(c);
  return onForm(
    c,
    values,
    async () => {
      const patch = parseSetup(CompetitionPatch, setupInput(values)) as CompetitionPatchValues;
      await setup.updateCompetition(ctxOf(c), user, id, patch);
      return c.redirect(`/competitions/${enc(id)}/edit?done=competitions.setup.done.saved`, 303);
    },
    (form, status) => editPage(c, id, form, status),
  );
});

// ---- nominations -----------------------------------------------------------------------------

async function nominationsPage(c: C, id: string, failed: FailedItemForm | null, status = 200) {
  const r = await setup.readManaged(ctxOf(c), pageUser(c), id);
  const props: NominationsPageProps = {
    competition: { id: r.competition.id, title: r.competition.title, editable: r.access.editSetup },
    items: r.nominations.map((n) => ({ id: n.id, title: n.title, description: n.description, entryCount: n.entryCount })),
    failed,
    limits: { count: SETUP_LIMITS.nominations, title: SETUP_LIMITS.nominationTitle, description: SETUP_LIMITS.nominationDescription },
  };
  return render(c, "competitions/nominations", props, { title: `${c.get("t")("competitions.setup.nominations.title")}: ${r.competition.title}`, status, flash: flashOf(c) });
}

const backToNominations = (c: C, id: string, anchor = "") => c.redirect(`/competitions/${enc(id)}/nominations?done=competitions.setup.done.nomination${anchor}`, 303);

setupPages.get("/competitions/:id/nominations", (c) => nominationsPage(c, c.req.param("id"), null));

setupPages.post("/competitions/:id/nominations", async (c) => {
  const id = c.req.param("id");
  const values = await formValues(c);
  return onForm(
    c,
    values,
    async () => {
      const r = await setup.addNomination(ctxOf(c), pageUser(c), id, parse(NominationInput, { title: values.title ?? "", description: values.description ?? "" }));
      return backToNominations(c, id, `#n-${r.id}`);
    },
    (form, status) => nominationsPage(c, id, { item: "new", form }, status),
  );
});

setupPages.post("/competitions/:id/nominations/:itemId", async (c) => {
  const { id, itemId } = c.req.param();
  const values = await formValues(c);
  return onForm(
    c,
    values,
    async () => {
      await setup.updateNomination(ctxOf(c), pageUser(c), id, itemId, parse(NominationPatch, { title: values.title ?? "", description: values.description ?? "" }));
      return backToNominations(c, id, `#n-${itemId}`);
    },
    (form, status) => nominationsPage(c, id, { item: itemId, form }, status),
  );
});

setupPages.post("/competitions/:id/nominations/:itemId/move", async (c) => {
  const { id, itemId } = c.req.param();
  const values = await formValues(c);
  return onForm(
    c,
    values,
    async () => {
      await setup.moveNomination(ctxOf(c), pageUser(c), id, itemId, parse(MoveInput, { direction: values.direction }).direction);
      return backToNominations(c, id, `#n-${itemId}`);
    },
    (form, status) => nominationsPage(c, id, { item: itemId, form }, status),
  );
});

setupPages.post("/competitions/:id/nominations/:itemId/delete", async (c) => {
  const { id, itemId } = c.req.param();
  return onForm(
    c,
    {},
    async () => {
      await setup.deleteNomination(ctxOf(c), pageUser(c), id, itemId);
      return backToNominations(c, id);
    },
    (form, status) => nominationsPage(c, id, { item: itemId, form }, status),
  );
});

// ---- criteria --------------------------------------------------------------------------------

async function criteriaPage(c: C, id: string, failed: FailedItemForm | null, status = 200) {
  const r = await setup.readManaged(ctxOf(c), pageUser(c), id);
  const shares = criterionShares(r.criteria.map((k) => k.weight));
  const props: CriteriaPageProps = {
    competition: { id: r.competition.id, title: r.competition.title, editable: r.access.editSetup },
    items: r.criteria.map((k, i) => ({ id: k.id, name: k.name, description: k.description, weight: k.weight, share: shares[i], scaleMin: k.scaleMin, scaleMax: k.scaleMax, levels: k.levels, commentBelow: k.commentBelow, levelsText: levelsToLines(k.levels) })),
    failed,
    limits: { count: SETUP_LIMITS.criteria, name: SETUP_LIMITS.criterionName, description: SETUP_LIMITS.criterionDescription, weight: SETUP_LIMITS.criterionWeight, scale: SETUP_LIMITS.scale, levelText: SETUP_LIMITS.levelText },
  };
  return render(c, "competitions/criteria", props, { title: `${c.get("t")("competitions.setup.criteria.title")}: ${r.competition.title}`, status, flash: flashOf(c) });
}

const backToCriteria = (c: C, id: string, anchor = "") => c.redirect(`/competitions/${enc(id)}/criteria?done=competitions.setup.done.criterion${anchor}`, 303);

/** The criterion form's values as the API's input; the levels textarea parsed (a bad line is named on the field). */
function criterionInput(v: Record<string, string>) {
  const levels = levelsFromLines(v.levels ?? "");
  if (!levels.ok) throw new Problem(422, "validation", "problem.validation", [levels.issue as FieldIssue]);
  return {
    name: v.name ?? "",
    description: v.description ?? "",
    weight: numOrRaw(v.weight),
    scaleMin: numOrRaw(v.scaleMin),
    scaleMax: numOrRaw(v.scaleMax),
    levels: levels.levels,
    commentBelow: (v.commentBelow ?? "").trim() === "" ? null : numOrRaw(v.commentBelow),
  };
}

setupPages.get("/competitions/:id/criteria", (c) => criteriaPage(c, c.req.param("id"), null));

setupPages.post("/competitions/:id/criteria", async (c) => {
  const id = c.req.param("id");
  const values = await formValues(c);
  return onForm(
    c,
    values,
    async () => {
      const r = await setup.addCriterion(ctxOf(c), pageUser(c), id, parse(CriterionInput, criterionInput(values)));
      return backToCriteria(c, id, `#k-${r.id}`);
    },
    (form, status) => criteriaPage(c, id, { item: "new", form }, status),
  );
});

setupPages.post("/competitions/:id/criteria/:itemId", async (c) => {
  const { id, itemId } = c.req.param();
  const values = await formValues(c);
  return onForm(
    c,
    values,
    async () => {
      await setup.updateCriterion(ctxOf(c), pageUser(c), id, itemId, parse(CriterionPatch, criterionInput(values)));
      return backToCriteria(c, id, `#k-${itemId}`);
    },
    (form, status) => criteriaPage(c, id, { item: itemId, form }, status),
  );
});

setupPages.post("/competitions/:id/criteria/:itemId/move", async (c) => {
  const { id, itemId } = c.req.param();
  const values = await formValues(c);
  return onForm(
    c,
    values,
    async () => {
      await setup.moveCriterion(ctxOf(c), pageUser(c), id, itemId, parse(MoveInput, { direction: values.direction }).direction);
      return backToCriteria(c, id, `#k-${itemId}`);
    },
    (form, status) => criteriaPage(c, id, { item: itemId, form }, status),
  );
});

setupPages.post("/competitions/:id/criteria/:itemId/delete", async (c) => {
  const { id, itemId } = c.req.param();
  return onForm(
    c,
    {},
    async () => {
      await setup.deleteCriterion(ctxOf(c), pageUser(c), id, itemId);
      return backToCriteria(c, id);
    },
    (form, status) => criteriaPage(c, id, { item: itemId, form }, status),
  );
});

// ---- the competition page and publishing ------------------------------------------------------

async function competitionPage(c: C, id: string, publishForm: FormState | null, status = 200, stageForm: FormState | null = null) {
  const t = c.get("t");
  const r = await setup.readCompetition(ctxOf(c), c.get("user"), id);
  const x = r.competition;
  const a = r.access;
  const shares = criterionShares(r.criteria.map((k) => k.weight));
  const blockers = a.manage && !a.published ? publishBlockers({ ...x, nominations: r.nominations.length, criteria: r.criteria.length }, r.now) : [];
  const props: CompetitionPageProps = {
    competition: {
      id: x.id,
      title: x.title,
      summary: x.summary,
      rulesText: x.rulesText,
      organiserName: nameOf(c, r.organiser),
      status: x.status,
      stage: a.stage,
      resultsPublished: a.resultsPublic,
      eligibility: x.eligibility,
      entryLimit: x.entryLimit,
    },
    method: {
      minExperts: x.minExperts,
      spreadThreshold: x.spreadThreshold,
      precision: x.precision,
      juryWeight: x.juryWeight,
      publicWeight: x.publicWeight,
      juryNormalisation: x.juryNormalisation,
      publicNormalisation: x.publicNormalisation,
      tieBreak: x.tieBreak,
      winners: x.winners,
    },
    timeline: timelineOf(x, r.now, a.published),
    nominations: r.nominations.map((n) => ({ id: n.id, title: n.title, description: n.description, entryCount: n.entryCount })),
    criteria: r.criteria.map((k, i) => ({ id: k.id, name: k.name, description: k.description, weight: k.weight, share: shares[i], scaleMin: k.scaleMin, scaleMax: k.scaleMax, levels: k.levels, commentBelow: k.commentBelow })),
    files: r.files,
    links: { enter: a.published && a.stage === "entry", entries: a.published && a.stage !== "announced", vote: a.published && a.stage === "voting", results: a.resultsPublic },
    organiser: a.manage
      ? {
          editable: a.editSetup,
          runEvaluation: a.runEvaluation,
          moderate: a.moderate,
          examineVotes: a.examineVotes,
          resultsReview: a.decideResults,
          blockers: blockers.map((b) => ({ field: b.field, reason: t(b.code, b.params) })),
          endStage: a.published && endableStage(a.stage) ? a.stage : null,
        }
      : null,
    expert: a.isExpert,
    publishForm,
    stageForm,
  };
  return render(c, "competitions/page", props, { title: x.title, description: x.summary || undefined, status, flash: flashOf(c) });
}

setupPages.get("/competitions/:id", (c) => competitionPage(c, c.req.param("id"), null));

setupPages.post("/competitions/:id/publish", async (c) => {
  const id = c.req.param("id");
  return onForm(
    c,
    {},
    async () => {
      await setup.publishCompetition(ctxOf(c), pageUser(c), id);
      return c.redirect(`/competitions/${enc(id)}?done=competitions.setup.done.published`, 303);
    },
    // The summary's heading says what was refused (its items say why).
    (form, status) => competitionPage(c, id, { ...form, message: form.message ?? c.get("t")("competitions.setup.problem.notReady") }, status),
  );
});

// ---- ending the current stage early ------------------------------------------------------------

setupPages.post("/competitions/:id/stage", async (c) => {
  const id = c.req.param("id");
  const values = await formValues(c);
  return onForm(
    c,
    values,
    async () => {
      const input = parse(EndStageInput, { stage: values.stage ?? "", reason: values.reason ?? "" });
      const r = await endStageNow(ctxOf(c), pageUser(c), id, input.stage, input.reason || null);
      return c.redirect(`/competitions/${enc(id)}?done=${r.ended === "announced" ? "competitions.setup.done.entryOpened" : "competitions.setup.done.stageEnded"}`, 303);
    },
    (form, status) => competitionPage(c, id, null, status, form),
  );
});
