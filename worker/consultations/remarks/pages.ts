import { Hono, type Context } from "hono";
import type { MessageKey } from "../../../web/i18n";
import type { FormState } from "../../../web/page-data";
import type {
  ClauseRemarksPageProps,
  ConsultationHead,
  DocumentRemarksPageProps,
  RemarkFormGate,
  RemarkFormProps,
  RemarkFormValues,
  RemarkKindName,
  RemarkPageProps,
} from "../../../web/pages/consultations/remarks/props";
import { loadDiscussion } from "../../comments/index";
import type { AppEnv } from "../../http/context";
import { ctxOf } from "../../http/ctx";
import { handleForm } from "../../http/form-page";
import { notFound } from "../../http/problem";
import { enforce, limitsFor } from "../../http/rate-limit";
import { formFields, render, safeNext } from "../../http/render";
import { parse } from "../../http/validate";
import type { ConsultationRow } from "../data";
import { fromForm, RemarkInput } from "./dto";
import { REMARK_LIMITS } from "./rules";
import * as remarks from "./service";
import { clauseUrl, documentRemarksUrl, remarkUrl } from "./urls";
import { remarkCard } from "./view";

/**
 * The remarks' pages: a clause with its remarks and the form, the remarks on the document as a
 * whole, one remark with its replies; and the forms behind them (leave, support, delete), which all
 * work without JavaScript (post, then redirect back with a message).
 */
export const remarksPages = new Hono<AppEnv>();
type C = Context<AppEnv>;

const DONE: MessageKey[] = ["consultations.remarks.done.created", "consultations.remarks.done.deleted", "consultations.remarks.done.supported", "consultations.remarks.done.unsupported"];
const flashOf = (c: C) => {
  const k = c.req.query("done") as MessageKey | undefined;
  return k && DONE.includes(k) ? k : undefined;
};

const consultationHref = (id: string, versionNumber: number, current: number) => `/consultations/${encodeURIComponent(id)}${versionNumber !== current ? `?version=${versionNumber}` : ""}`;

function head(cons: ConsultationRow, versionNumber: number): ConsultationHead {
  return { id: cons.id, title: cons.title, href: consultationHref(cons.id, versionNumber, cons.currentVersion), versionNumber, notCurrent: versionNumber !== cons.currentVersion };
}

/** The path and query of this request (where a support form comes back to). */
const here = (c: C) => {
  const u = new URL(c.req.url);
  return u.pathname + u.search;
};

type Listing = remarks.ClausePageData | remarks.DocumentPageData;

function gateOf(c: C, l: Listing, back: string): RemarkFormGate | null {
  if (l.canRemark) return null;
  const cons = l.consultation;
  const why = l.refusal ?? l.person ?? "notPublished";
  return {
    why,
    opensAt: cons.opensAt,
    closesAt: cons.closesAt,
    summaryHref: l.refusal === "closed" || l.refusal === "adopted" ? `/consultations/${encodeURIComponent(cons.id)}/summary` : null,
    currentHref: l.refusal === "supersededVersion" ? `/consultations/${encodeURIComponent(cons.id)}` : null,
    signInHref: `/signin?next=${encodeURIComponent(back)}`,
  };
}

function formOf(l: Listing, clauseId: string | null, form: FormState<RemarkFormValues>): RemarkFormProps | null {
  if (!l.canRemark) return null;
  const kinds: RemarkKindName[] = clauseId ? ["comment", "wording", "new_clause", "objection"] : ["comment", "objection"];
  return {
    action: `/consultations/${encodeURIComponent(l.consultation.id)}/remarks`,
    clauseId,
    kinds,
    organisations: l.organisations,
    bodyMax: REMARK_LIMITS.bodyMax,
    proposedTextMax: REMARK_LIMITS.proposedTextMax,
    form,
  };
}

const emptyRemarkForm = (): FormState<RemarkFormValues> => ({ values: {}, errors: [] });

async function clausePageResponse(c: C, consultationId: string, clauseId: string, form: FormState<RemarkFormValues>, status = 200) {
  const user = c.get("user");
  const l = await remarks.clausePage(ctxOf(c), user, consultationId, clauseId, { after: c.req.query("after") });
  const base = clauseUrl(consultationId, clauseId);
  const back = status === 200 ? here(c) : base;
  const props: ClauseRemarksPageProps = {
    consultation: head(l.consultation, l.clause.versionNumber),
    clause: { id: l.clause.id, number: l.clause.number, kind: l.clause.kind, text: l.clause.text, addressees: l.clause.addressees },
    remarks: {
      count: l.clause.remarkCount,
      items: l.items.map((r) => remarkCard(r, { clauseText: l.clause.text, canSupport: l.canRemark, signedIn: user !== null, back })),
      nextHref: l.next ? `${base}?after=${l.next}#remarks` : null,
      firstHref: l.isFirstPage ? null : `${base}#remarks`,
      form: formOf(l, l.clause.id, form),
      gate: gateOf(c, l, base),
    },
  };
  const t = c.get("t");
  const clauseName = l.clause.number ? t("consultations.clause", { number: l.clause.number }) : t(`consultations.clauseKind.${l.clause.kind}`);
  return render(c, "consultations/clause", props, { title: t("consultations.remarks.clause.title", { clause: clauseName, title: l.consultation.title }), status, flash: flashOf(c), description: l.clause.text.slice(0, 200) });
}

async function documentPageResponse(c: C, consultationId: string, form: FormState<RemarkFormValues>, status = 200) {
  const user = c.get("user");
  const v = Number(c.req.query("version"));
  const version = Number.isSafeInteger(v) && v >= 1 ? v : undefined;
  const l = await remarks.documentPage(ctxOf(c), user, consultationId, { version, after: c.req.query("after") });
  const base = documentRemarksUrl(consultationId) + (version !== undefined && version !== l.consultation.currentVersion ? `?version=${version}` : "");
  const back = status === 200 ? here(c) : base;
  const join = base.includes("?") ? "&" : "?";
  const props: DocumentRemarksPageProps = {
    consultation: head(l.consultation, l.version.number),
    remarks: {
      count: l.count,
      items: l.items.map((r) => remarkCard(r, { clauseText: null, canSupport: l.canRemark, signedIn: user !== null, back })),
      nextHref: l.next ? `${base}${join}after=${l.next}#remarks` : null,
      firstHref: l.isFirstPage ? null : `${base}#remarks`,
      form: formOf(l, null, form),
      gate: gateOf(c, l, base),
    },
  };
  const t = c.get("t");
  return render(c, "consultations/document-remarks", props, { title: t("consultations.remarks.document.title", { title: l.consultation.title }), status, flash: flashOf(c) });
}

remarksPages.get("/consultations/:id/clauses/:clauseId", (c) => clausePageResponse(c, c.req.param("id"), c.req.param("clauseId"), emptyRemarkForm()));

remarksPages.get("/consultations/:id/remarks", (c) => documentPageResponse(c, c.req.param("id"), emptyRemarkForm()));

/** The form of both pages: a remark on the clause named in the form, or on the document as a whole. */
remarksPages.post("/consultations/:id/remarks", async (c) => {
  const id = c.req.param("id");
  const values = await formFields(c);
  const clauseId = values.clauseId || null;
  const pageOf = () => (clauseId ? clauseUrl(id, clauseId) : documentRemarksUrl(id));
  const user = c.get("user");
  if (!user) return c.redirect(`/signin?next=${encodeURIComponent(pageOf())}`, 303);
  return handleForm(
    c,
    values,
    async () => {
      await enforce(c, limitsFor(c).comment, user.id);
      const r = await remarks.createRemark(ctxOf(c), user, id, parse(RemarkInput, fromForm(values)));
      return c.redirect(`${pageOf()}?done=consultations.remarks.done.created#remark-${r.id}`, 303);
    },
    (form, status) => {
      const kept = form as FormState<RemarkFormValues>;
      // A clause that does not belong here is "not found" (the page cannot be shown with it).
      return clauseId ? clausePageResponse(c, id, clauseId, kept, status) : documentPageResponse(c, id, kept, status);
    },
  );
});

/** Where a form on a remark returns to: the page it came from (a local path), or the remark's page. */
const backTo = (values: Record<string, string>, fallback: string) => {
  const b = safeNext(values.back);
  return b ? b.split("#")[0] : fallback;
};
const withDone = (path: string, done: MessageKey, anchor: string) => `${path}${path.includes("?") ? "&" : "?"}done=${done}#${anchor}`;

/** The support toggle: `support=on` supports, `support=off` takes it back. */
remarksPages.post("/consultations/:id/remarks/:remarkId/support", async (c) => {
  const remarkId = c.req.param("remarkId");
  const page = remarkUrl(c.req.param("id"), remarkId);
  const user = c.get("user");
  if (!user) return c.redirect(`/signin?next=${encodeURIComponent(page)}`, 303);
  const values = await formFields(c);
  const on = values.support !== "off";
  await enforce(c, limitsFor(c).support, user.id);
  const r = await remarks.showRemark(ctxOf(c), user, remarkId);
  if (r.facts.consultationId !== c.req.param("id")) throw notFound();
  await remarks.setSupport(ctxOf(c), user, remarkId, on);
  const back = backTo(values, page).replace(/([?&])done=[^&#]*&?/, "$1").replace(/[?&]$/, "");
  return c.redirect(withDone(back, on ? "consultations.remarks.done.supported" : "consultations.remarks.done.unsupported", `remark-${remarkId}`), 303);
});

/** The author's deletion (while the window is open). */
remarksPages.post("/consultations/:id/remarks/:remarkId/delete", async (c) => {
  const id = c.req.param("id");
  const remarkId = c.req.param("remarkId");
  const user = c.get("user");
  if (!user) return c.redirect(`/signin?next=${encodeURIComponent(remarkUrl(id, remarkId))}`, 303);
  const r = await remarks.showRemark(ctxOf(c), user, remarkId);
  if (r.facts.consultationId !== id) throw notFound();
  await remarks.deleteRemark(ctxOf(c), user, remarkId);
  const list = r.facts.clauseId ? clauseUrl(id, r.facts.clauseId) : documentRemarksUrl(id);
  return c.redirect(`${list}?done=consultations.remarks.done.deleted#remarks`, 303);
});

remarksPages.get("/consultations/:id/remarks/:remarkId", async (c) => {
  const id = c.req.param("id");
  const remarkId = c.req.param("remarkId");
  const user = c.get("user");
  // The remark and its replies load side by side; both refuse what this viewer may not read.
  const [r, discussion] = await Promise.all([
    remarks.showRemark(ctxOf(c), user, remarkId),
    loadDiscussion(ctxOf(c), user, { type: "remark", id: remarkId }, { after: c.req.query("comments_after") ?? null }),
  ]);
  const f = r.facts;
  if (f.consultationId !== id) throw notFound();
  const page = remarkUrl(id, remarkId);
  const t = c.get("t");
  const card = remarkCard(r.remark, { clauseText: f.clauseText, canSupport: r.canSupport, signedIn: user !== null, back: page });
  const props: RemarkPageProps = {
    consultation: { id, title: f.title, href: consultationHref(id, f.versionNumber, f.currentVersion), versionNumber: f.versionNumber, notCurrent: f.versionNumber !== f.currentVersion },
    clause: f.clauseId && f.clauseText !== null ? { id: f.clauseId, number: f.clauseNumber ?? "", text: f.clauseText } : null,
    remark: { ...card, placeLabel: f.clauseId ? null : t("consultations.remarks.on.document"), placeHref: null },
    hiddenReason: r.hiddenReason,
    deleteAction: r.canDelete ? `${page}/delete` : null,
    discussion,
  };
  return render(c, "consultations/remark", props, { title: t("consultations.remarks.page.title", { title: f.title }), flash: flashOf(c) });
});
