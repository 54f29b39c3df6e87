import { Hono, type Context } from "hono";
import { translator, type MessageKey } from "../../../web/i18n";
import { CSV_COLUMNS, columnLabel, csvCells } from "../../../web/pages/competitions/results/cells";
import type { ResultsPageProps } from "../../../web/pages/competitions/results/ResultsPage";
import { attachmentHeader, BOM, csvText, neutralise } from "../../consultations/summary/csv";
import type { AppEnv } from "../../http/context";
import { ctxOf } from "../../http/ctx";
import { Problem } from "../../http/problem";
import { formStateFrom, render } from "../../http/render";
import { decodeRankKey, encodeRankKey } from "./cursor";
import * as service from "./service";

/**
 * Pages of the results part: /competitions/:id/results (the organiser's review before publication with
 * «Пересчитать» and «Опубликовать итоги»; the public ranking after), its CSV, and the two forms — all
 * without JavaScript (post, then redirect back with a message).
 */
export const resultsPages = new Hono<AppEnv>();
type C = Context<AppEnv>;

const DONE: MessageKey[] = ["competitions.results.done.computed", "competitions.results.done.published"];
const flashOf = (c: C) => {
  const k = c.req.query("done") as MessageKey | undefined;
  return k && DONE.includes(k) ? k : undefined;
};

const notPublishedPage = (c: C, e: Problem) =>
  render(c, "competitions/results-unpublished", { competition: e.extra.competition as { id: string; title: string } }, { title: c.get("t")("competitions.results.notPublished.title"), status: 404 });

/** Renders the results page; a refused form comes back on it with its reason (`failed`). */
async function resultsPage(c: C, failed: ResultsPageProps["failed"] = null, status = 200) {
  const id = c.req.param("id")!;
  const t = c.get("t");
  const nomination = (c.req.query("nomination") ?? "").slice(0, 64) || undefined;
  const after = nomination ? decodeRankKey(c.req.query("after")) : undefined;
  let r: service.LoadedResults;
  try {
    r = await service.loadResults(ctxOf(c), c.get("user"), id, { nomination, after, limit: service.RESULTS_LIMITS.page });
  } catch (e) {
    if (e instanceof Problem && e.code === "results-not-published") return notPublishedPage(c, e);
    throw e;
  }
  const comp = r.competition;
  const base = `/competitions/${id}/results`;
  const nominationQs = nomination ? `?nomination=${encodeURIComponent(nomination)}` : "";
  const props: ResultsPageProps = {
    competition: { id, title: comp.title, votingClosesAt: comp.votingClosesAt, resultsComputedAt: comp.resultsComputedAt, resultsPublishedAt: comp.resultsPublishedAt },
    organiserName: c.get("locale") === "en" ? r.organiser.nameEn : r.organiser.nameRu,
    mode: r.published ? "public" : "review",
    canDecide: r.access.decideResults,
    computed: r.computed,
    stale: r.stale,
    settings: r.settings as ResultsPageProps["settings"],
    nominations: r.nominations,
    selected: r.selected,
    nextHref: r.next ? `${base}${nominationQs}&after=${encodeRankKey(r.next)}` : null,
    firstHref: after ? `${base}${nominationQs}` : null,
    review: r.review,
    reviewMore: r.reviewMore,
    csvHref: r.published ? `${base}.csv` : null,
    failed,
  };
  return render(c, "competitions/results", props, {
    title: t("competitions.results.title", { title: comp.title }),
    status,
    flash: status === 200 ? flashOf(c) : undefined,
  });
}

resultsPages.get("/competitions/:id/results", (c) => resultsPage(c));

resultsPages.get("/competitions/:id/results.csv", async (c) => {
  let x: Awaited<ReturnType<typeof service.loadAllResults>>;
  try {
    x = await service.loadAllResults(ctxOf(c), c.get("user"), c.req.param("id"));
  } catch (e) {
    if (e instanceof Problem && e.code === "results-not-published") return notPublishedPage(c, e);
    throw e;
  }
  const locale = c.get("locale");
  const t = translator(locale);
  const p = x.settings.precision;
  const records = [CSV_COLUMNS.map((col) => columnLabel(t, col)), ...x.rows.map((r) => csvCells(t, locale, p, r).map(neutralise))];
  const name = `${t("competitions.results.csvName")} — ${x.competition.title}.csv`;
  return new Response(BOM + csvText(locale, records), {
    headers: {
      "content-type": "text/csv; charset=utf-8; header=present",
      "content-disposition": attachmentHeader(`results-${x.competition.id.slice(0, 8)}.csv`, name),
      // Published results are final; the file is in the reader's language, so no shared cache.
      "cache-control": "private, max-age=300",
    },
  });
});

/** Runs the review page's forms: on success back to the page with a message; a refusal shows the page again with the reason at that form. */
async function decideForm(c: C, target: "compute" | "publish", run: (user: NonNullable<AppEnv["Variables"]["user"]>) => Promise<unknown>, done: MessageKey) {
  const id = c.req.param("id")!;
  const user = c.get("user");
  if (!user) return c.redirect(`/signin?next=${encodeURIComponent(`/competitions/${id}/results`)}`, 303);
  try {
    await run(user);
    return c.redirect(`/competitions/${id}/results?done=${done}`, 303);
  } catch (e) {
    if (e instanceof Problem && e.status === 409) {
      const state = formStateFrom(c, e, {});
      return resultsPage(c, { target, message: state.message ?? "" }, 409);
    }
    throw e;
  }
}

resultsPages.post("/competitions/:id/results/compute", (c) => decideForm(c, "compute", (user) => service.recompute(ctxOf(c), user, c.req.param("id")), "competitions.results.done.computed"));

resultsPages.post("/competitions/:id/results/publish", (c) => decideForm(c, "publish", (user) => service.publishResults(ctxOf(c), user, c.req.param("id")), "competitions.results.done.published"));
