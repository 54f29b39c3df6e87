import { Hono, type Context } from "hono";
import { translator, type MessageKey, type Translate } from "../../../web/i18n";
import type { FormState } from "../../../web/page-data";
import type { DispositionsProps } from "../../../web/pages/consultations/summary/DispositionsPage";
import { printEnd, printRows, printStart } from "../../../web/pages/consultations/summary/SummaryPrint";
import type { SummaryPageProps } from "../../../web/pages/consultations/summary/SummaryPage";
import type { AppEnv } from "../../http/context";
import { ctxOf } from "../../http/ctx";
import { Problem } from "../../http/problem";
import { formStateFrom, render } from "../../http/render";
import { pageUser, signedInPage } from "../../http/session";
import { REMARK_KINDS, type RemarkKind } from "../schema";
import { attachmentHeader, BOM, csvHeader, csvRecord, csvText } from "./csv";
import { decodeRemarkKey, encodeRemarkKey, type RemarkKey } from "./cursor";
import type { SummaryFilter } from "./data";
import { DISPOSITION_LIMITS } from "./dispositions";
import { DISPOSITION_FILTERS } from "./dto";
import * as summary from "./service";

/**
 * Pages of the summary part: the public summary, its CSV and printable forms, and the organiser's
 * work page with its forms (one remark, several at once, publication) — all work without JavaScript
 * (post, then redirect back to the same filter and page with a message).
 */
export const summaryPages = new Hono<AppEnv>();
type C = Context<AppEnv>;

summaryPages.use("/consultations/:id/dispositions", signedInPage("/consultations"));

const DONE: MessageKey[] = ["consultations.summary.done.saved", "consultations.summary.done.bulkSaved", "consultations.summary.done.published"];
const flashOf = (c: C) => {
  const k = c.req.query("done") as MessageKey | undefined;
  return k && DONE.includes(k) ? k : undefined;
};

const organiserName = (c: C, o: { nameRu: string; nameEn: string }) => (c.get("locale") === "en" ? o.nameEn : o.nameRu);

/** Query values as the pages accept them: anything unknown is ignored rather than refused. */
function readQuery(get: (k: string) => string | undefined) {
  const n = Number(get("version"));
  const version = Number.isSafeInteger(n) && n >= 1 && n <= 10_000 ? n : undefined;
  const clause = (get("clause") ?? "").slice(0, 64);
  const kind = (REMARK_KINDS as readonly string[]).includes(get("kind") ?? "") ? (get("kind") as RemarkKind) : undefined;
  const d = get("disposition") ?? "";
  const disposition = (DISPOSITION_FILTERS as readonly string[]).includes(d) ? (d as SummaryFilter["disposition"]) : undefined;
  return { version, clause, kind, disposition, pending: get("pending") === "1", after: decodeRemarkKey(get("after")), afterRaw: get("after") ?? "" };
}
type PageQuery = ReturnType<typeof readQuery>;

const filterOf = (q: PageQuery): SummaryFilter => ({ clause: q.clause || undefined, kind: q.kind, disposition: q.disposition });

/** A query string of the given values (empty ones left out). */
const qs = (values: Record<string, string | number | undefined | null | false>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== false && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
};

/** "п. 2.1 — Провести работу по …" for the clause filter. */
function clauseOptions(t: Translate, clauses: { id: string; number: string; kind: string; text: string }[]) {
  return clauses.map((c) => {
    const head = c.number ? t("consultations.summary.clauseOption", { number: c.number }) : t(`consultations.clauseKind.${c.kind}` as MessageKey);
    const text = c.text.replace(/\s+/g, " ").trim();
    return { id: c.id, label: `${head} — ${text.length > 60 ? `${text.slice(0, 59).trimEnd()}…` : text}` };
  });
}

const notPublishedPage = (c: C, e: Problem) =>
  render(c, "consultations/summary-unpublished", { consultation: e.extra.consultation as { id: string; title: string } }, { title: c.get("t")("consultations.summary.notPublished.title"), status: 404 });

// ——— The public summary ———

summaryPages.get("/consultations/:id/summary", async (c) => {
  const id = c.req.param("id");
  const q = readQuery((k) => c.req.query(k));
  const t = c.get("t");
  let r: summary.LoadedSummary;
  try {
    r = await summary.loadSummary(ctxOf(c), c.get("user"), id, { version: q.version, filter: filterOf(q), after: q.after, limit: DISPOSITION_LIMITS.summaryPage });
  } catch (e) {
    if (e instanceof Problem && e.code === "summary-not-published") return notPublishedPage(c, e);
    throw e;
  }
  const v = r.version.number;
  const filter = { clause: q.clause, kind: q.kind ?? "", disposition: q.disposition ?? "" };
  const base = { version: v, ...filter };
  const path = `/consultations/${id}`;
  const props: SummaryPageProps = {
    consultation: { id, title: r.consultation.title },
    organiserName: organiserName(c, r.organiser),
    version: { number: v, summaryPublishedAt: r.version.summaryPublishedAt },
    versions: r.versions.filter((x) => x.summaryPublishedAt !== null || r.access.manage),
    preview: r.preview,
    canWork: r.access.manage,
    progress: r.progress,
    counts: r.counts,
    hidden: r.hidden,
    filter,
    filtered: !!(filter.clause || filter.kind || filter.disposition),
    clauses: clauseOptions(t, r.clauses),
    items: r.items,
    nextHref: r.next ? `${path}/summary${qs({ ...base, after: encodeRemarkKey(r.next) })}` : null,
    firstHref: q.after ? `${path}/summary${qs(base)}` : null,
    csvHref: `${path}/summary.csv${qs(base)}`,
    printHref: `${path}/summary/print${qs(base)}`,
  };
  return render(c, "consultations/summary", props, { title: t("consultations.summary.title", { title: r.consultation.title }), description: t("consultations.summary.lead", { n: v }) });
});

/** Opens the whole summary for a download; a summary not yet published is a plain 404 page. */
async function openExport(c: C) {
  const q = readQuery((k) => c.req.query(k));
  try {
    return { q, x: await summary.openExport(ctxOf(c), c.get("user"), c.req.param("id")!, { version: q.version, filter: filterOf(q) }) };
  } catch (e) {
    if (e instanceof Problem && e.code === "summary-not-published") return { q, page: await notPublishedPage(c, e) };
    throw e;
  }
}

/** A text stream written as the rows are read (the export reads 5,000 rows per round trip). */
function textStream(parts: () => AsyncGenerator<string>) {
  const encoder = new TextEncoder();
  const it = parts();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await it.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (e) {
        console.error("summary export failed", e);
        controller.error(e);
      }
    },
  });
}

summaryPages.get("/consultations/:id/summary.csv", async (c) => {
  const o = await openExport(c);
  if (o.page) return o.page;
  const x = o.x!;
  const locale = c.get("locale");
  const t = translator(locale);
  const v = x.version.number;
  const name = `${t("consultations.summary.printTitle")} — ${x.consultation.title} — ${t("consultations.version", { n: v })}.csv`;
  return new Response(
    textStream(async function* () {
      yield BOM + csvText(locale, [csvHeader(t)]);
      for await (const rows of x.rows()) yield csvText(locale, rows.map((r) => csvRecord(t, r)));
    }),
    {
      headers: {
        "content-type": "text/csv; charset=utf-8; header=present",
        "content-disposition": attachmentHeader(`summary-${x.consultation.id.slice(0, 8)}-v${v}.csv`, name),
        // Published summaries are final; a preview is the organiser's own.
        "cache-control": x.preview ? "no-store" : "private, max-age=60",
      },
    },
  );
});

summaryPages.get("/consultations/:id/summary/print", async (c) => {
  const o = await openExport(c);
  if (o.page) return o.page;
  const x = o.x!;
  const q = o.q;
  const locale = c.get("locale");
  const id = x.consultation.id;
  const v = x.version.number;
  const filtered = !!(q.clause || q.kind || q.disposition);
  return new Response(
    textStream(async function* () {
      yield printStart({
        locale,
        consultation: x.consultation,
        organiserName: organiserName(c, x.organiser),
        version: { number: v, summaryPublishedAt: x.version.summaryPublishedAt },
        preview: x.preview,
        counts: x.counts,
        total: x.progress.total,
        hidden: x.hidden,
        filtered,
        backHref: `/consultations/${id}/summary${qs({ version: v, clause: q.clause, kind: q.kind, disposition: q.disposition })}`,
        now: Date.now(),
      });
      for await (const rows of x.rows()) yield printRows(locale, rows);
      yield printEnd();
    }),
    { headers: { "content-type": "text/html; charset=utf-8", "cache-control": x.preview ? "no-store" : "private, max-age=60" } },
  );
});

// ——— The organiser's work page ———

/** The work page's own query (filter and page) as the forms send it back; only known keys survive. */
function backQuery(raw: string | undefined) {
  const p = new URLSearchParams(raw ?? "");
  return readQuery((k) => p.get(k) ?? undefined);
}

const workQs = (q: PageQuery, extra: Record<string, string> = {}) =>
  qs({ version: q.version, pending: q.pending ? "1" : undefined, clause: q.clause, kind: q.kind, after: q.after ? q.afterRaw : undefined, ...extra });

async function workPage(c: C, q: PageQuery, failed: DispositionsProps["failed"] = null, status = 200) {
  const id = c.req.param("id")!;
  const t = c.get("t");
  const r = await summary.loadSummary(
    ctxOf(c),
    pageUser(c),
    id,
    { version: q.version, filter: { clause: q.clause || undefined, kind: q.kind, disposition: q.pending ? "none" : undefined }, after: q.after, limit: DISPOSITION_LIMITS.workPage },
    "work",
  );
  const v = r.version.number;
  const self = { ...q, version: v };
  const path = `/consultations/${id}/dispositions`;
  const props: DispositionsProps = {
    consultation: { id, title: r.consultation.title, closesAt: r.consultation.closesAt },
    version: { number: v, summaryPublishedAt: r.version.summaryPublishedAt },
    versions: r.versions.map((x) => x.number),
    progress: r.progress,
    hidden: r.hidden,
    refusal: r.refusal,
    filter: { pending: q.pending, clause: q.clause, kind: q.kind ?? "" },
    clauses: clauseOptions(t, r.clauses),
    items: r.items,
    back: workQs(self).slice(1),
    nextHref: r.next ? `${path}${workQs({ ...self, after: r.next, afterRaw: encodeRemarkKey(r.next) })}` : null,
    firstHref: q.after ? `${path}${workQs({ ...self, after: undefined })}` : null,
    limits: { reason: DISPOSITION_LIMITS.reason, bulk: DISPOSITION_LIMITS.bulk },
    failed,
  };
  return render(c, "consultations/dispositions", props, { title: t("consultations.summary.work.title", { title: r.consultation.title }), status, flash: status === 200 ? flashOf(c) : undefined });
}

summaryPages.get("/consultations/:id/dispositions", (c) => workPage(c, readQuery((k) => c.req.query(k))));

/**
 * Runs one of the work page's forms: on success back to the same list with a message (and the
 * remark in view); a refused submission shows the page again with the errors on that form.
 */
async function workForm(c: C, target: string, values: Record<string, string>, run: () => Promise<{ version: number; done: MessageKey; anchor?: string }>) {
  const q = backQuery(values.back);
  try {
    const r = await run();
    const anchor = r.anchor ? `#${r.anchor}` : "";
    return c.redirect(`/consultations/${c.req.param("id")}/dispositions${workQs({ ...q, version: r.version }, { done: r.done })}${anchor}`, 303);
  } catch (e) {
    if (e instanceof Problem && (e.status === 422 || e.status === 409)) {
      const { back: _b, _csrf: _c, ...kept } = values;
      const state: FormState<Record<string, string>> = formStateFrom(c, e, kept);
      return workPage(c, q, { target, state }, e.status);
    }
    throw e;
  }
}

/** The form values as strings; `remarkIds` may come several times (the bulk form's checkboxes). */
async function formOf(c: C) {
  const body = await c.req.parseBody({ all: true });
  const values: Record<string, string> = {};
  let ids: string[] = [];
  for (const [k, v] of Object.entries(body)) {
    if (k === "remarkIds") ids = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
    else if (typeof v === "string") values[k] = v;
    else if (Array.isArray(v) && typeof v[0] === "string") values[k] = v[0];
  }
  return { values, ids };
}

summaryPages.post("/consultations/:id/dispositions/:remarkId", async (c) => {
  const user = c.get("user");
  if (!user) return c.redirect(`/signin?next=${encodeURIComponent(`/consultations/${c.req.param("id")}/dispositions`)}`, 303);
  const remarkId = c.req.param("remarkId");
  const { values } = await formOf(c);
  return workForm(c, remarkId, values, async () => {
    const r = await summary.recordDispositions(ctxOf(c), user, [remarkId], { disposition: values.disposition, reason: values.reason }, { consultationId: c.req.param("id") });
    return { version: r.versionNumber, done: "consultations.summary.done.saved", anchor: `remark-${remarkId}` };
  });
});

summaryPages.post("/consultations/:id/dispositions", async (c) => {
  const user = c.get("user");
  if (!user) return c.redirect(`/signin?next=${encodeURIComponent(`/consultations/${c.req.param("id")}/dispositions`)}`, 303);
  const { values, ids } = await formOf(c);
  // Kept for the page shown again on a refusal, so the ticked remarks stay ticked.
  return workForm(c, "bulk", { ...values, remarkIds: ids.join(",") }, async () => {
    const r = await summary.recordDispositions(ctxOf(c), user, ids, { disposition: values.disposition, reason: values.reason }, { consultationId: c.req.param("id") });
    return { version: r.versionNumber, done: "consultations.summary.done.bulkSaved" };
  });
});

summaryPages.post("/consultations/:id/summary/publish", async (c) => {
  const user = c.get("user");
  const id = c.req.param("id");
  if (!user) return c.redirect(`/signin?next=${encodeURIComponent(`/consultations/${id}/dispositions`)}`, 303);
  const { values } = await formOf(c);
  const n = Number(values.version);
  const version = Number.isSafeInteger(n) && n >= 1 ? n : undefined;
  return workForm(c, "publish", { ...values, back: qs({ version }).slice(1) }, async () => {
    const r = await summary.publishSummary(ctxOf(c), user, id, version);
    return { version: r.version, done: "consultations.summary.done.published" };
  });
});

export type { RemarkKey };
