import { Hono, type Context } from "hono";
import type { MessageKey } from "../../../web/i18n";
import type { FormState } from "../../../web/page-data";
import type { CriterionView, ReviewEntryPageProps, ReviewListPageProps, ScoreGate, ShownSheet } from "../../../web/pages/competitions/scoring/props";
import type { AppEnv } from "../../http/context";
import { ctxOf } from "../../http/ctx";
import { handleForm } from "../../http/form-page";
import { enforce, limitsFor } from "../../http/rate-limit";
import { formFields, render } from "../../http/render";
import { pageUser, signedInPage } from "../../http/session";
import { competitionFacts } from "../data";
import { stageBounds } from "../stages";
import { sheetFromForm } from "./dto";
import { roundHalfAway, SCORING_LIMITS } from "./rules";
import * as scoring from "./service";

/**
 * The expert's pages: the list of assigned entries and one entry with the scoring form (save a
 * draft, submit), all working without JavaScript (post, then redirect back with a message). The
 * organiser may open an entry's page read-only (every submitted sheet, with names).
 */
export const scoringPages = new Hono<AppEnv>();
type C = Context<AppEnv>;

const reviewUrl = (competitionId: string) => `/competitions/${encodeURIComponent(competitionId)}/review`;
const reviewEntryUrl = (competitionId: string, entryId: string) => `${reviewUrl(competitionId)}/${encodeURIComponent(entryId)}`;

const DONE: MessageKey[] = ["competitions.scoring.done.draft", "competitions.scoring.done.submitted"];
const flashOf = (c: C) => {
  const k = c.req.query("done") as MessageKey | undefined;
  return k && DONE.includes(k) ? k : undefined;
};

scoringPages.use("/competitions/:id/review", signedInPage("/competitions"));
scoringPages.use("/competitions/:id/review/*", signedInPage("/competitions"));

scoringPages.get("/competitions/:id/review", async (c) => {
  const id = c.req.param("id");
  const r = await scoring.reviewList(ctxOf(c), pageUser(c), id, { after: c.req.query("after") });
  const comp = r.competition;
  const b = stageBounds(competitionFacts(comp), "evaluation");
  const base = reviewUrl(id);
  const props: ReviewListPageProps = {
    competition: { id, title: comp.title },
    counts: r.counts,
    items: r.items.map((i) => ({
      href: reviewEntryUrl(id, i.entryId),
      title: i.title,
      city: i.city,
      nomination: i.nominationTitle,
      state: i.state,
      total: i.total === null ? null : roundHalfAway(i.total, comp.precision),
      gone: i.gone,
    })),
    nextHref: r.next ? `${base}?after=${r.next}` : null,
    firstHref: r.isFirstPage ? null : base,
    phase: r.access.stage === "evaluation" ? "open" : Date.now() < b.start! ? "upcoming" : "closed",
    opensAt: b.start!,
    closesAt: b.end!,
    conflictsHref: `/competitions/${encodeURIComponent(id)}/conflicts`,
    precision: comp.precision,
  };
  const t = c.get("t");
  return render(c, "competitions/review", props, { title: `${t("competitions.scoring.list.title")} — ${comp.title}` });
});

const sheetScores = (scores: { criterionId: string; score: number; comment: string }[]) => Object.fromEntries(scores.map((s) => [s.criterionId, { score: s.score, comment: s.comment }]));

/** The sheet's saved values as the form's fields (a draft reopens as it was left). */
function formValuesOf(mine: scoring.MySheet | null): Record<string, string> {
  const v: Record<string, string> = {};
  for (const s of mine?.scores ?? []) {
    v[`score.${s.criterionId}`] = String(s.score);
    v[`comment.${s.criterionId}`] = s.comment;
  }
  return v;
}

async function entryPageResponse(c: C, competitionId: string, entryId: string, form: FormState<Record<string, string>> | null, status = 200) {
  const r = await scoring.reviewEntry(ctxOf(c), pageUser(c), competitionId, entryId);
  const comp = r.competition;
  const b = stageBounds(competitionFacts(comp), "evaluation");
  const round = (n: number | null) => (n === null ? null : roundHalfAway(n, comp.precision));
  const criteria: CriterionView[] = r.criteria.map((k) => ({
    id: k.id,
    name: k.name,
    description: k.description,
    weight: k.weight,
    scaleMin: k.scaleMin,
    scaleMax: k.scaleMax,
    levels: k.levels,
    commentBelow: k.commentBelow,
  }));
  const submitted = r.mine?.status === "submitted";
  const live = r.entry.status === "admitted" && r.entry.hiddenAt === null;
  const gate: ScoreGate | null = !r.mine || submitted || r.canScore ? null : !live ? "gone" : r.access.stage === "evaluation" ? "blocked" : r.access.stage === "results" || r.access.stage === "voting" ? "closed" : "upcoming";
  const shown = (s: scoring.SheetView): ShownSheet => ({ number: s.number, name: s.name, mine: s.mine, total: round(s.total), scores: sheetScores(s.scores) });
  const props: ReviewEntryPageProps = {
    competition: { id: comp.id, title: comp.title },
    listHref: r.assigned ? reviewUrl(comp.id) : null,
    entry: {
      title: r.entry.title,
      city: r.entry.city,
      nomination: r.entry.nominationTitle,
      kind: r.entry.kind,
      problem: r.entry.problem,
      actions: r.entry.actions,
      results: r.entry.results,
      period: r.entry.period,
      budget: r.entry.budget,
      proposalHref: r.entry.proposalId ? `/proposals/${encodeURIComponent(r.entry.proposalId)}` : null,
      gone: !live,
    },
    files: r.files,
    criteria,
    weightSum: r.criteria.reduce((a, k) => a + k.weight, 0),
    precision: comp.precision,
    spreadThreshold: comp.spreadThreshold,
    viewer: r.assigned ? "expert" : "organiser",
    state: r.mine ? (r.mine.status === "assigned" ? "todo" : r.mine.status) : null,
    form: r.canScore
      ? { action: reviewEntryUrl(comp.id, entryId), values: form ?? { values: formValuesOf(r.mine), errors: [] }, radioLevelsMax: SCORING_LIMITS.radioLevelsMax, commentMax: SCORING_LIMITS.commentMax }
      : null,
    message: !r.canScore && form?.message ? form.message : null,
    gate,
    opensAt: b.start!,
    closesAt: b.end!,
    mine: submitted ? { number: 0, name: null, mine: true, total: round(r.mine!.total), scores: sheetScores(r.mine!.scores) } : null,
    sheets: r.sheets ? r.sheets.map(shown) : null,
    jury: r.jury ? { ...r.jury, score: round(r.jury.score), spread: round(r.jury.spread) } : null,
  };
  const t = c.get("t");
  return render(c, "competitions/review-entry", props, { title: `${r.entry.title} — ${t("competitions.scoring.list.title")}`, status, flash: flashOf(c) });
}

scoringPages.get("/competitions/:id/review/:entryId", (c) => entryPageResponse(c, c.req.param("id"), c.req.param("entryId"), null));

/** The form: `action=draft` saves, `action=submit` submits (with the box "submitted scores are final" ticked). */
scoringPages.post("/competitions/:id/review/:entryId", async (c) => {
  const id = c.req.param("id");
  const entryId = c.req.param("entryId");
  const user = pageUser(c);
  const values = await formFields(c);
  const mode = values.action === "submit" ? "submit" : "draft";
  return handleForm(
    c,
    values,
    async () => {
      await enforce(c, limitsFor(c).comment, user.id);
      await scoring.saveSheet(ctxOf(c), user, id, entryId, sheetFromForm(values), mode, Date.now(), { unconfirmed: mode === "submit" && values.confirmFinal !== "on" });
      const done: MessageKey = mode === "submit" ? "competitions.scoring.done.submitted" : "competitions.scoring.done.draft";
      return c.redirect(`${reviewEntryUrl(id, entryId)}?done=${done}`, 303);
    },
    (form, status) => entryPageResponse(c, id, entryId, form as FormState<Record<string, string>>, status),
  );
});
