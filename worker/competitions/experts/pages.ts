import { Hono, type Context } from "hono";
import type { MessageKey } from "../../../web/i18n";
import type { FormState } from "../../../web/page-data";
import type { ConflictsPageProps, EvaluationPageProps, ExpertsPageProps, RunResultProps } from "../../../web/pages/competitions/experts/props";
import type { AppEnv } from "../../http/context";
import { ctxOf } from "../../http/ctx";
import { handleForm } from "../../http/form-page";
import { invalidField, Problem } from "../../http/problem";
import { formStateFrom, render } from "../../http/render";
import { pageUser, signedInPage } from "../../http/session";
import { parse } from "../../http/validate";
import { declare, loadDeclaration } from "./declaration";
import { AddExpertInput, DeclarationInput, EXPERTS_LIMITS, FlaggedInput } from "./dto";
import { decodeProgressKey, loadEvaluation } from "./evaluation";
import { addExpert, addToFlagged, listExperts, removeExpert, runAssignment, type RunResult } from "./service";

/**
 * Pages of the experts part: the organiser's jury page (add, remove, run the assignment), the
 * evaluation progress (with "add an expert" on flagged entries) and the expert's declaration of
 * conflicts of interest. Forms work without JavaScript; each page reads in one round trip.
 */
export const expertsPages = new Hono<AppEnv>();
type C = Context<AppEnv>;

for (const path of ["/competitions/:id/experts", "/competitions/:id/experts/*", "/competitions/:id/evaluation", "/competitions/:id/assignments", "/competitions/:id/assignments/*", "/competitions/:id/conflicts"]) {
  expertsPages.use(path, signedInPage("/competitions"));
}

const DONE: MessageKey[] = [
  "competitions.experts.done.added",
  "competitions.experts.done.removed",
  "competitions.experts.done.flagAdded",
  "competitions.experts.done.declared",
  "competitions.experts.done.declaredRemoved",
];
const flashOf = (c: C) => {
  const k = c.req.query("done") as MessageKey | undefined;
  return k && DONE.includes(k) ? k : undefined;
};
const enc = encodeURIComponent;
const str = (v: unknown) => (typeof v === "string" ? v : "");

// ——— The jury ———

async function expertsPage(c: C, over: { addForm?: FormState<{ email: string; city: string }>; actionForm?: FormState<Record<string, string>>; run?: RunResult } = {}, status = 200) {
  const id = c.req.param("id")!;
  const r = await listExperts(ctxOf(c), pageUser(c), id);
  const t = c.get("t");
  const run: RunResultProps | null = over.run
    ? { assigned: over.run.assigned.length, perExpert: over.run.perExpert, short: over.run.short.map((s) => ({ entryId: s.entryId, title: s.title, have: s.have, needed: s.needed })), undeclared: over.run.undeclared }
    : null;
  const props: ExpertsPageProps = {
    competition: { id, title: r.competition.title, published: r.access.published, minExperts: r.competition.minExperts },
    canChange: r.window.changeJury,
    canAssign: r.window.assign,
    closed: r.access.published && (r.access.stage === "voting" || r.access.stage === "results"),
    experts: r.experts,
    addForm: over.addForm ?? { values: { email: "", city: "" }, errors: [] },
    actionForm: over.actionForm ?? { values: {}, errors: [] },
    run,
    limits: { email: EXPERTS_LIMITS.emailMax, city: EXPERTS_LIMITS.cityMax },
  };
  return render(c, "competitions/experts", props, { title: t("competitions.experts.page.title", { title: r.competition.title }), status, flash: flashOf(c) });
}

expertsPages.get("/competitions/:id/experts", (c) => expertsPage(c));

expertsPages.post("/competitions/:id/experts", async (c) => {
  const user = pageUser(c);
  const body = await c.req.parseBody();
  const values = { email: str(body.email), city: str(body.city) };
  return handleForm(
    c,
    values,
    async () => {
      await addExpert(ctxOf(c), user, c.req.param("id"), parse(AddExpertInput, { email: values.email, city: values.city.trim() || undefined }));
      return c.redirect(`/competitions/${enc(c.req.param("id"))}/experts?done=competitions.experts.done.added`, 303);
    },
    (form, status) => expertsPage(c, { addForm: form }, status),
  );
});

expertsPages.post("/competitions/:id/experts/:userId/remove", async (c) => {
  const user = pageUser(c);
  return handleForm(
    c,
    {},
    async () => {
      await removeExpert(ctxOf(c), user, c.req.param("id"), c.req.param("userId"));
      return c.redirect(`/competitions/${enc(c.req.param("id"))}/experts?done=competitions.experts.done.removed`, 303);
    },
    (form, status) => expertsPage(c, { actionForm: form }, status),
  );
});

// The result is shown at once (what was assigned, what could not be); running again only tops up, so a reload does no harm.
expertsPages.post("/competitions/:id/assignments", async (c) => {
  const user = pageUser(c);
  return handleForm(
    c,
    {},
    async () => {
      const run = await runAssignment(ctxOf(c), user, c.req.param("id"));
      return expertsPage(c, { run });
    },
    (form, status) => expertsPage(c, { actionForm: form }, status),
  );
});

// ——— Evaluation progress ———

async function evaluationPage(c: C, flagForm: EvaluationPageProps["flagForm"] = null, status = 200) {
  const id = c.req.param("id")!;
  const after = decodeProgressKey(c.req.query("after"));
  const r = await loadEvaluation(ctxOf(c), pageUser(c), id, after);
  const t = c.get("t");
  const base = `/competitions/${enc(id)}/evaluation`;
  const props: EvaluationPageProps = {
    competition: { id, title: r.competition.title },
    minExperts: r.competition.minExperts,
    spreadThreshold: r.competition.spreadThreshold,
    precision: r.competition.precision,
    totalEntries: r.totalEntries,
    canAssign: r.canAssign,
    experts: r.experts.map(({ removable: _r, ...x }) => x),
    flagged: r.flagged,
    belowMinimum: r.belowMinimum,
    entries: r.entries,
    flagForm,
    nextHref: r.next ? `${base}?after=${enc(r.next)}` : null,
    firstHref: after ? base : null,
  };
  return render(c, "competitions/evaluation", props, { title: t("competitions.experts.evaluation.title", { title: r.competition.title }), status, flash: flashOf(c) });
}

expertsPages.get("/competitions/:id/evaluation", (c) => evaluationPage(c));

expertsPages.post("/competitions/:id/assignments/flagged", async (c) => {
  const user = pageUser(c);
  const body = await c.req.parseBody();
  const values = { entryId: str(body.entryId), expertId: str(body.expertId) };
  return handleForm(
    c,
    values,
    async () => {
      await addToFlagged(ctxOf(c), user, c.req.param("id"), parse(FlaggedInput, values));
      return c.redirect(`/competitions/${enc(c.req.param("id"))}/evaluation?done=competitions.experts.done.flagAdded#entry-${enc(values.entryId)}`, 303);
    },
    // Errors about the entry are shown on its own form (the select), where the organiser acts.
    (form, status) => evaluationPage(c, { entryId: values.entryId, form: { ...form, errors: form.errors.map((e) => ({ ...e, field: "expertId" })) } }, status),
  );
});

// ——— The expert's declaration ———

async function conflictsPage(c: C, sent: { form: FormState<{ city: string }>; ticked: string[]; reasons: Record<string, string> } | null = null, status = 200) {
  const id = c.req.param("id")!;
  const r = await loadDeclaration(ctxOf(c), pageUser(c), id);
  const t = c.get("t");
  const byNomination = r.nominations.map((n) => ({
    id: n.id,
    title: n.title,
    entries: r.entries.filter((e) => e.nominationId === n.id).map((e) => ({ id: e.id, title: e.title, city: e.city, automatic: e.automatic, assignment: e.assignment })),
  }));
  const props: ConflictsPageProps = {
    competition: { id, title: r.competition.title },
    declaredAt: r.expert.declaredAt,
    canDeclare: r.canDeclare,
    nominations: byNomination,
    form: sent?.form ?? { values: { city: r.expert.city }, errors: [] },
    ticked: sent?.ticked ?? r.entries.filter((e) => e.declared).map((e) => e.id),
    reasons: sent?.reasons ?? Object.fromEntries(r.entries.filter((e) => e.declared).map((e) => [e.id, e.reason])),
    more: r.more,
    shown: r.entries.length,
    limits: { city: EXPERTS_LIMITS.cityMax, reason: EXPERTS_LIMITS.conflictReasonMax },
  };
  return render(c, "competitions/conflicts", props, { title: t("competitions.experts.conflicts.title", { title: r.competition.title }), status, flash: flashOf(c) });
}

expertsPages.get("/competitions/:id/conflicts", (c) => conflictsPage(c));

expertsPages.post("/competitions/:id/conflicts", async (c) => {
  const user = pageUser(c);
  const body = await c.req.parseBody({ all: true });
  const ticked = [...new Set(([] as unknown[]).concat(body.entry ?? []).filter((v): v is string => typeof v === "string"))];
  const reasons: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (k.startsWith("reason-") && typeof v === "string" && v.trim()) reasons[k.slice(7)] = v;
  const city = str(body.city);
  const none = str(body.action) === "none";
  const list = ticked.map((entryId) => ({ entryId, reason: reasons[entryId] ?? "" }));
  try {
    if (none && ticked.length > 0) throw invalidField("entry", "competitions.experts.field.noneButTicked");
    const r = await declare(ctxOf(c), user, c.req.param("id"), parse(DeclarationInput, { city, conflicts: list }));
    const done = r.removedAssignments.length > 0 ? "competitions.experts.done.declaredRemoved" : "competitions.experts.done.declared";
    return c.redirect(`/competitions/${enc(c.req.param("id"))}/conflicts?done=${done}`, 303);
  } catch (e) {
    if (!(e instanceof Problem) || e.status >= 500 || e.status === 403 || e.status === 404 || e.code === "csrf") throw e;
    const form = formStateFrom<{ city: string }>(c, e, { city });
    // The API names an entry by its place in the list ("conflicts.3.entryId"); the page by its id.
    form.errors = form.errors.map((x) => {
      const m = /^conflicts\.(\d+)\.(entryId|reason)$/.exec(x.field);
      const entryId = m ? list[Number(m[1])]?.entryId : undefined;
      if (m && entryId) return { ...x, field: m[2] === "reason" ? `reason-${entryId}` : `entry-${entryId}` };
      if (x.field === "conflicts" || x.field === "entry") return { ...x, field: list[0] ? `entry-${list[0].entryId}` : "city" };
      return x;
    });
    return conflictsPage(c, { form, ticked, reasons }, e.status);
  }
});
