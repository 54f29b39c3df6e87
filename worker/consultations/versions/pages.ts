import { Hono } from "hono";
import type { CompareEntryView, ComparePageProps } from "../../../web/pages/consultations/versions/ComparePage";
import type { AppEnv } from "../../http/context";
import { ctxOf } from "../../http/ctx";
import { Problem } from "../../http/problem";
import { formStateFrom, render } from "../../http/render";
import { parse } from "../../http/validate";
import type { DiffEntry } from "./diff";
import { CompareQuery } from "./dto";
import { compareVersions, type TakenRemark } from "./service";

/** Pages of the consultations' versions part (see ../pages.ts). */
export const versionsPages = new Hono<AppEnv>();

/** Links to remarks taken into account shown under one clause; the rest are counted. */
export const TAKEN_SHOWN = 5;

/**
 * Left out of the page's JSON (the browser keeps the server's markup of the list): the clauses of
 * two long versions would otherwise travel twice, as HTML and as hydration data. The same
 * technique as the document page (web/pages/consultations/reading/server-only.ts).
 */
function serverOnly<T extends object>(value: T): T {
  Object.defineProperty(value, "toJSON", { value: () => undefined, enumerable: false });
  return value;
}

/**
 * The entries for the page. An unnumbered item or paragraph inside a clause («— провести семинар»)
 * is named by the nearest numbered clause above it, so a change shown out of context still says
 * where it is («в пункте 8.3»).
 */
function entryViews(entries: DiffEntry[], taken: Map<string, TakenRemark[]>): CompareEntryView[] {
  const open: { depth: number; number: string }[] = [];
  return entries.map((e) => {
    const clause = (e.after ?? e.before)!;
    while (open.length && open[open.length - 1].depth >= clause.depth) open.pop();
    const parent = clause.number === "" && clause.kind !== "heading" ? ([...open].reverse().find((x) => x.number !== "")?.number ?? null) : null;
    if (clause.kind === "heading") open.length = 0;
    else open.push({ depth: clause.depth, number: clause.number });
    return entryView(e, taken, parent);
  });
}

function entryView(e: DiffEntry, taken: Map<string, TakenRemark[]>, parentNumber: string | null): CompareEntryView {
  const clause = (e.after ?? e.before)!;
  const remarks = (e.after && taken.get(e.after.id)) ?? [];
  return {
    status: e.status,
    moved: e.moved,
    id: clause.id,
    kind: clause.kind,
    depth: clause.depth,
    number: clause.number,
    parentNumber,
    text: e.words ? null : clause.text,
    words: e.words,
    prevNumber: e.before && (e.moved || e.fields.includes("number")) ? e.before.number : null,
    prevKind: e.before && e.fields.includes("kind") ? e.before.kind : null,
    addressees: clause.addressees,
    prevAddressees: e.before && e.fields.includes("addressees") ? e.before.addressees : null,
    taken: remarks.slice(0, TAKEN_SHOWN).map((r) => ({ id: r.id, excerpt: r.excerpt })),
    takenMore: Math.max(0, remarks.length - TAKEN_SHOWN),
  };
}

/**
 * /consultations/:id/compare?from=1&to=2&changes=1 — works without JavaScript (a GET form). Bad or
 * unknown numbers re-render the form with the message next to the field (422), like the API.
 */
versionsPages.get("/consultations/:id/compare", async (c) => {
  const id = c.req.param("id");
  const t = c.get("t");
  const raw = { from: c.req.query("from") || undefined, to: c.req.query("to") || undefined };
  // «Только изменения» is on unless the form said otherwise (its hidden "0" precedes the checkbox's "1").
  const changes = c.req.queries("changes");
  const onlyChanges = !changes || changes[changes.length - 1] !== "0";
  let query: { from?: number; to?: number } = {};
  let badInput: Problem | null = null;
  try {
    query = parse(CompareQuery, raw);
  } catch (e) {
    if (!(e instanceof Problem)) throw e;
    badInput = e;
  }
  const r = await compareVersions(ctxOf(c), c.get("user"), id, badInput ? {} : query);
  const problem = badInput ?? r.problem;
  const published = r.versions.filter((v) => v.status === "published").length;
  const notice = r.versions.length < 2 ? (published ? "onlyOne" : "noVersion") : null;
  const values = badInput ? { from: raw.from ?? "", to: raw.to ?? "" } : { from: r.from ? String(r.from) : "", to: r.to ? String(r.to) : "" };
  const result = !badInput && r.result;
  const props: ComparePageProps = {
    consultation: r.consultation,
    versions: r.versions,
    form: problem && !notice ? formStateFrom(c, problem, values) : { values, errors: [] },
    onlyChanges,
    notice,
    result: result
      ? {
          from: result.from.number,
          to: result.to.number,
          draftShown: result.from.status === "draft" || result.to.status === "draft",
          counts: result.diff.counts,
          entries: serverOnly(entryViews(result.diff.entries, result.takenRemarks)),
        }
      : null,
  };
  return render(c, "consultations/compare", props, { title: `${t("consultations.versions.title")}: ${r.consultation.title}`, status: problem && !notice ? problem.status : 200 });
});
