import { Hono, type Context } from "hono";
import type { MessageKey } from "../../../web/i18n";
import type { FormState } from "../../../web/page-data";
import type { ConsultationFormProps } from "../../../web/pages/consultations/drafting/ConsultationFormPage";
import type { DraftEditorProps, EditorClauseProps, FailedForm } from "../../../web/pages/consultations/drafting/DraftEditorPage";
import type { AppEnv } from "../../http/context";
import { ctxOf } from "../../http/ctx";
import { conflict, invalidField, Problem } from "../../http/problem";
import { formStateFrom, render } from "../../http/render";
import { pageUser, signedInPage } from "../../http/session";
import { parse } from "../../http/validate";
import { listOrganisers } from "../../organisers/data";
import { IMPORT_LIMITS } from "../parser/import";
import { epochToMoscowLocal, moscowLocalToEpoch, windowState } from "../window";
import { DRAFT_LIMITS, paragraphsOf } from "./clause-tree";
import { addresseesFromLines, ClausePatch, ConsultationInput, ConsultationPatch, CONSULTATION_LIMITS, InsertInput, intOrRaw, MoveInput, PublishInput, RemarkLinksInput, SplitInput } from "./dto";
import { uploadedText } from "./from-text";
import * as drafting from "./service";

/**
 * The organiser's pages: create a consultation, edit its properties, the draft's clause editor
 * (one form per action, each returning to the clause it changed), replacing the text, publishing,
 * and starting the next version. Every form works without JavaScript; a refused submission shows
 * the page again with the errors beside the fields, and nothing is written.
 */
export const draftingPages = new Hono<AppEnv>();
type C = Context<AppEnv>;

/** Clauses per page of the editor (pages by position, the clauses' own key). */
export const EDITOR_PAGE = 100;
const LIMITS = { title: CONSULTATION_LIMITS.title, adoptingBody: CONSULTATION_LIMITS.adoptingBody, description: CONSULTATION_LIMITS.description, textChars: IMPORT_LIMITS.textChars, fileKb: Math.round(IMPORT_LIMITS.fileBytes / 1024) };
const EDITOR_LIMITS: DraftEditorProps["limits"] = { number: DRAFT_LIMITS.number, text: DRAFT_LIMITS.text, depth: DRAFT_LIMITS.depth, addressees: DRAFT_LIMITS.addressees, addressee: DRAFT_LIMITS.addressee, marker: DRAFT_LIMITS.marker, note: CONSULTATION_LIMITS.note };

const DONE: MessageKey[] = [
  "consultations.drafting.done.created",
  "consultations.drafting.done.saved",
  "consultations.drafting.done.clause",
  "consultations.drafting.done.replaced",
  "consultations.drafting.done.renumbered",
  "consultations.drafting.done.links",
  "consultations.drafting.done.version",
];
const flashOf = (c: C) => {
  const k = c.req.query("done") as MessageKey | undefined;
  return k && DONE.includes(k) ? k : undefined;
};
const name = (c: C, o: { nameRu: string; nameEn: string }) => (c.get("locale") === "en" ? o.nameEn : o.nameRu);
const enc = encodeURIComponent;

draftingPages.use("/consultations/new", signedInPage("/consultations"));
for (const path of ["/consultations/:id/edit", "/consultations/:id/draft", "/consultations/:id/draft/*", "/consultations/:id/versions", "/consultations/:id/versions/new"])
  draftingPages.use(path, async (c, next) => {
    if (c.get("user")) return next();
    const id = c.req.param("id") ?? "";
    const back = c.req.method === "GET" ? new URL(c.req.url).pathname : `/consultations/${enc(id)}/draft`;
    return c.redirect(`/signin?next=${enc(back)}`, 303);
  });

/** A form's fields and its file (multipart or urlencoded), strings only for the values kept on the page. */
async function formWithFile(c: C) {
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") values[k] = v;
  const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
  return { values, file };
}

/** The document's text: the uploaded file's if one was chosen, else the textarea's; problems name the field they came from. */
async function documentText(values: Record<string, string>, file: File | null) {
  if (!file) return { text: values.text ?? "", field: "text" };
  const r = uploadedText(file.name, new Uint8Array(await file.arrayBuffer()));
  if (!r.ok) throw invalidField("file", r.code, r.params);
  return { text: r.text, field: "file" };
}

/** A datetime-local value (Moscow time) as the API's instant; what cannot be read is passed on for validation to name. */
function instantOf(v: string | undefined) {
  if (v === undefined || v.trim() === "") return undefined;
  const ms = moscowLocalToEpoch(v);
  return ms === null ? v : new Date(ms).toISOString();
}

/** Runs a page form; a refused one (4xx Problem other than 403/404) re-renders with its errors, anything else is the error page. */
async function onForm(c: C, values: Record<string, string>, run: () => Promise<Response>, rerender: (form: FormState<Record<string, string>>, status: number) => Response | Promise<Response>) {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Problem && e.status < 500 && e.status !== 403 && e.status !== 404 && e.code !== "csrf") {
      const { text: _text, ...kept } = values;
      // A long pasted text goes back into the textarea only if it fits the page (it always came from the person).
      return rerender(formStateFrom(c, e, (values.text ?? "").length <= IMPORT_LIMITS.textChars ? values : kept), e.status);
    }
    throw e;
  }
}

// ---- create and edit ---------------------------------------------------------------------------

async function formPage(c: C, props: Omit<ConsultationFormProps, "organisers" | "limits">, status = 200) {
  const user = pageUser(c);
  const mine = new Set(drafting.managedOrganiserIds(user));
  const organisers = props.mode === "new" ? (await listOrganisers(c.get("db"))).filter((o) => mine.has(o.id)).map((o) => ({ id: o.id, name: name(c, o) })) : [];
  const t = c.get("t");
  return render(c, "consultations/form", { ...props, organisers, limits: LIMITS }, { title: t(props.mode === "new" ? "consultations.drafting.new.title" : "consultations.drafting.edit.title"), status, flash: flashOf(c) });
}

draftingPages.get("/consultations/new", (c) => formPage(c, { mode: "new", form: { values: {}, errors: [] } }));

draftingPages.post("/consultations", async (c) => {
  const user = c.get("user");
  if (!user) return c.redirect("/signin?next=/consultations/new", 303);
  const { values, file } = await formWithFile(c);
  return onForm(
    c,
    values,
    async () => {
      const { text, field } = await documentText(values, file);
      const input = parse(ConsultationInput, { organiserId: values.organiserId ?? "", title: values.title ?? "", adoptingBody: values.adoptingBody ?? "", description: values.description ?? "", opensAt: instantOf(values.opensAt), closesAt: instantOf(values.closesAt), text });
      const r = await drafting.createConsultation(ctxOf(c), user, input, { textField: field });
      return c.redirect(`/consultations/${enc(r.id)}/draft?done=consultations.drafting.done.created`, 303);
    },
    (form, status) => formPage(c, { mode: "new", form }, status),
  );
});

async function editPage(c: C, id: string, form: FormState<Record<string, string>> | null, status = 200) {
  const r = await drafting.showDraft(ctxOf(c), pageUser(c), id, { from: 0, size: 0 });
  const k = r.consultation;
  const values = { title: k.title, adoptingBody: k.adoptingBody, description: k.description, opensAt: epochToMoscowLocal(k.opensAt), closesAt: epochToMoscowLocal(k.closesAt) };
  return formPage(c, { mode: "edit", id, form: form ?? { values, errors: [] }, hasDraft: r.draft !== null, published: k.currentVersion > 0 }, status);
}

draftingPages.get("/consultations/:id/edit", (c) => editPage(c, c.req.param("id"), null));

draftingPages.post("/consultations/:id/edit", async (c) => {
  const user = pageUser(c);
  const id = c.req.param("id");
  const { values } = await formWithFile(c);
  return onForm(
    c,
    values,
    async () => {
      const patch = parse(ConsultationPatch, { title: values.title, adoptingBody: values.adoptingBody, description: values.description, opensAt: instantOf(values.opensAt) ?? "", closesAt: instantOf(values.closesAt) ?? "" });
      await drafting.updateConsultation(ctxOf(c), user, id, patch);
      return c.redirect(`/consultations/${enc(id)}/edit?done=consultations.drafting.done.saved`, 303);
    },
    (form, status) => editPage(c, id, form, status),
  );
});

// ---- the draft editor --------------------------------------------------------------------------

const pageStart = (position: number) => Math.max(0, Math.floor(position / EDITOR_PAGE) * EDITOR_PAGE);
const fromOf = (v: string | undefined) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? pageStart(n) : 0;
};
const excerpt = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

async function editorPage(c: C, id: string, from: number, failed: FailedForm | null, status = 200) {
  const r = await drafting.showDraft(ctxOf(c), pageUser(c), id, { from, size: EDITOR_PAGE });
  const k = r.consultation;
  const base = `/consultations/${enc(id)}/draft`;
  const clauses: EditorClauseProps[] = r.shown.map((cl) => {
    const linked = new Set(r.linked.get(cl.id) ?? []);
    const candidates = r.candidates.get(cl.id);
    return {
      id: cl.id,
      position: cl.position,
      number: cl.number,
      kind: cl.kind,
      depth: cl.depth,
      text: cl.text,
      addressees: cl.addressees,
      paragraphs: paragraphsOf(cl.text).map((p) => excerpt(p.trim(), 120)),
      remarks: candidates
        ? candidates.map((m) => ({
            id: m.id,
            kind: m.kind,
            clauseNumber: m.clauseNumber,
            afterPrevious: m.kind === "new_clause" && m.lineage !== null && m.lineage !== cl.lineage,
            excerpt: excerpt((m.body || m.proposedText || "").replace(/\s+/g, " ").trim(), 200),
            disposition: m.disposition,
            linked: linked.has(m.id),
          }))
        : null,
    };
  });
  const total = r.clauses.length;
  const props: DraftEditorProps = {
    consultation: { id: k.id, title: k.title, status: k.status, opensAt: k.opensAt, closesAt: k.closesAt, currentVersion: k.currentVersion },
    draft: r.draft ? { number: r.draft.number, clauseCount: total } : null,
    clauses,
    page: {
      from: r.from,
      to: r.from + r.shown.length,
      total,
      prevHref: r.from > 0 ? `${base}?from=${Math.max(0, r.from - EDITOR_PAGE)}` : null,
      nextHref: r.from + EDITOR_PAGE < total ? `${base}?from=${r.from + EDITOR_PAGE}` : null,
    },
    failed,
    limits: EDITOR_LIMITS,
  };
  const t = c.get("t");
  return render(c, "consultations/draft", props, { title: r.draft ? `${t("consultations.drafting.draft.title", { n: r.draft.number })}: ${k.title}` : k.title, status, flash: flashOf(c) });
}

draftingPages.get("/consultations/:id/draft", (c) => editorPage(c, c.req.param("id"), fromOf(c.req.query("from")), null));

/**
 * One of the editor's forms: run the change, then back to the page of the clause it concerns
 * (post/redirect/get, the clause's anchor focused); a refused change shows the editor again with
 * the form's errors beside its fields.
 */
async function editorForm(c: C, action: FailedForm["action"], clauseId: string | null, run: (values: Record<string, string>) => Promise<{ clauseId: string | null; position: number }>, done: MessageKey) {
  const id = c.req.param("id")!;
  const { values } = await formWithFile(c);
  const from = fromOf(values.from);
  return onForm(
    c,
    values,
    async () => {
      const r = await run(values);
      const to = r.position >= 0 ? pageStart(r.position) : from;
      return c.redirect(`/consultations/${enc(id)}/draft?from=${to}&done=${done}${r.clauseId ? `#clause-${enc(r.clauseId)}` : ""}`, 303);
    },
    (form, status) => editorPage(c, id, from, { clauseId, action, form }, status),
  );
}

/** A clause form's fields as the API's shape (depth as a number, addressees one per line). */
const clauseFromForm = (v: Record<string, string>) => ({ number: v.number ?? "", kind: v.kind, depth: intOrRaw(v.depth), text: v.text ?? "", addressees: addresseesFromLines(v.addressees) });

draftingPages.post("/consultations/:id/draft/clauses/:clauseId", (c) => {
  const clauseId = c.req.param("clauseId");
  return editorForm(c, "save", clauseId, (v) => drafting.editDraft(ctxOf(c), pageUser(c), c.req.param("id"), { op: "update", clauseId, patch: parse(ClausePatch, clauseFromForm(v)) }), "consultations.drafting.done.clause");
});

draftingPages.post("/consultations/:id/draft/clauses", async (c) => {
  // Which insert form failed is the clause it was to follow ("" for the one at the top).
  const body = await c.req.parseBody();
  const after = typeof body.after === "string" && body.after ? body.after : null;
  return editorForm(
    c,
    "insert",
    after,
    (v) => {
      const input = parse(InsertInput, { after, clause: clauseFromForm(v) });
      return drafting.editDraft(ctxOf(c), pageUser(c), c.req.param("id"), { op: "insert", after: input.after, clause: input.clause });
    },
    "consultations.drafting.done.clause",
  );
});

draftingPages.post("/consultations/:id/draft/clauses/:clauseId/move", (c) => {
  const clauseId = c.req.param("clauseId");
  return editorForm(c, "move", clauseId, (v) => drafting.editDraft(ctxOf(c), pageUser(c), c.req.param("id"), { op: "move", clauseId, direction: parse(MoveInput, { direction: v.direction }).direction }), "consultations.drafting.done.clause");
});

draftingPages.post("/consultations/:id/draft/clauses/:clauseId/merge", (c) => {
  const clauseId = c.req.param("clauseId");
  return editorForm(c, "merge", clauseId, () => drafting.editDraft(ctxOf(c), pageUser(c), c.req.param("id"), { op: "merge", clauseId }), "consultations.drafting.done.clause");
});

draftingPages.post("/consultations/:id/draft/clauses/:clauseId/delete", (c) => {
  const clauseId = c.req.param("clauseId");
  return editorForm(c, "delete", clauseId, () => drafting.editDraft(ctxOf(c), pageUser(c), c.req.param("id"), { op: "delete", clauseId }), "consultations.drafting.done.saved");
});

draftingPages.post("/consultations/:id/draft/clauses/:clauseId/split", (c) => {
  const clauseId = c.req.param("clauseId");
  return editorForm(
    c,
    "split",
    clauseId,
    (v) => {
      // A chosen paragraph wins; the typed text is used when no paragraph is chosen.
      const paragraph = v.paragraph?.trim() ? intOrRaw(v.paragraph) : undefined;
      const input = parse(SplitInput, paragraph !== undefined ? { paragraph } : { marker: v.marker ?? "" });
      const at = input.paragraph !== undefined ? { paragraph: input.paragraph } : { marker: input.marker ?? "" };
      return drafting.editDraft(ctxOf(c), pageUser(c), c.req.param("id"), { op: "split", clauseId, at });
    },
    "consultations.drafting.done.clause",
  );
});

draftingPages.post("/consultations/:id/draft/clauses/:clauseId/remarks", async (c) => {
  const clauseId = c.req.param("clauseId");
  // Checkboxes: every checked `remarkIds` (parseBody keeps only the last of repeated keys unless asked for all).
  const body = await c.req.parseBody({ all: true });
  const raw = body.remarkIds;
  const remarkIds = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((x): x is string => typeof x === "string");
  return editorForm(
    c,
    "remarks",
    clauseId,
    async () => {
      const input = parse(RemarkLinksInput, { remarkIds });
      await drafting.setRemarkLinks(ctxOf(c), pageUser(c), c.req.param("id"), clauseId, input.remarkIds);
      return { clauseId, position: -1 };
    },
    "consultations.drafting.done.links",
  );
});

draftingPages.post("/consultations/:id/draft/renumber", (c) =>
  editorForm(c, "renumber", null, () => drafting.editDraft(ctxOf(c), pageUser(c), c.req.param("id"), { op: "renumber" }), "consultations.drafting.done.renumbered"),
);

draftingPages.post("/consultations/:id/draft/publish", async (c) => {
  const id = c.req.param("id");
  const { values } = await formWithFile(c);
  return onForm(
    c,
    values,
    async () => {
      await drafting.publishDraft(ctxOf(c), pageUser(c), id, parse(PublishInput, { note: values.note ?? "" }).note);
      return c.redirect(`/consultations/${enc(id)}`, 303);
    },
    (form, status) => editorPage(c, id, fromOf(values.from), { clauseId: null, action: "publish", form }, status),
  );
});

// ---- replacing the text ------------------------------------------------------------------------

async function textPage(c: C, id: string, form: FormState<Record<string, string>>, status = 200) {
  const r = await drafting.showDraft(ctxOf(c), pageUser(c), id, { from: 0, size: 0 });
  if (!r.draft) throw drafting.noDraftProblem();
  return render(c, "consultations/draft-text", { consultation: { id, title: r.consultation.title }, draftNumber: r.draft.number, form, limits: { textChars: LIMITS.textChars, fileKb: LIMITS.fileKb } }, { title: c.get("t")("consultations.drafting.replace.title"), status });
}

draftingPages.get("/consultations/:id/draft/text", (c) => textPage(c, c.req.param("id"), { values: {}, errors: [] }));

draftingPages.post("/consultations/:id/draft/text", async (c) => {
  const id = c.req.param("id");
  const { values, file } = await formWithFile(c);
  return onForm(
    c,
    values,
    async () => {
      const { text, field } = await documentText(values, file);
      if (values.confirm !== "on") throw invalidField("confirm", "consultations.drafting.field.confirmReplace");
      if (!text.trim()) throw invalidField("text", "consultations.drafting.field.textOrFile");
      await drafting.replaceDraftText(ctxOf(c), pageUser(c), id, text, { textField: field });
      return c.redirect(`/consultations/${enc(id)}/draft?done=consultations.drafting.done.replaced`, 303);
    },
    (form, status) => textPage(c, id, form, status),
  );
});

// ---- the next version --------------------------------------------------------------------------

async function versionPage(c: C, id: string, form: FormState<Record<string, string>>, status = 200) {
  const r = await drafting.showDraft(ctxOf(c), pageUser(c), id, { from: 0, size: 0 });
  const k = r.consultation;
  // A draft consultation is still on its first version; an adopted one is final.
  if (k.status === "draft") return c.redirect(`/consultations/${enc(id)}/draft`, 303);
  if (k.status === "adopted") throw conflict("consultations.drafting.problem.adopted");
  return render(
    c,
    "consultations/version-new",
    {
      consultation: { id, title: k.title, currentVersion: k.currentVersion, closesAt: k.closesAt },
      windowOpen: windowState(k, Date.now()) === "open",
      draftNumber: r.draft?.number ?? null,
      form,
      limits: { textChars: LIMITS.textChars, fileKb: LIMITS.fileKb },
    },
    { title: c.get("t")("consultations.drafting.version.title"), status },
  );
}

draftingPages.get("/consultations/:id/versions/new", (c) => versionPage(c, c.req.param("id"), { values: { from: "current" }, errors: [] }));

draftingPages.post("/consultations/:id/versions", async (c) => {
  const id = c.req.param("id");
  const { values, file } = await formWithFile(c);
  return onForm(
    c,
    values,
    async () => {
      const from = values.from === "text" ? "text" : values.from === "current" ? "current" : null;
      if (!from) throw invalidField("from", "field.invalidChoice");
      const source = from === "text" ? await documentText(values, file) : null;
      if (source && !source.text.trim()) throw invalidField("text", "consultations.drafting.field.textOrFile");
      await drafting.startNextVersion(ctxOf(c), pageUser(c), id, { from, text: source?.text }, { textField: source?.field });
      return c.redirect(`/consultations/${enc(id)}/draft?done=consultations.drafting.done.version`, 303);
    },
    (form, status) => versionPage(c, id, form, status),
  );
});
