import { Hono, type Context } from "hono";
import type { MessageKey } from "../../../web/i18n";
import type { FormState } from "../../../web/page-data";
import type { AdoptPageProps } from "../../../web/pages/consultations/implementation/AdoptPage";
import type { CommitmentPageProps } from "../../../web/pages/consultations/implementation/CommitmentPage";
import type { ImplementationPageProps } from "../../../web/pages/consultations/implementation/ImplementationPage";
import type { CommitmentItemProps } from "../../../web/pages/consultations/implementation/parts";
import type { ImplementationPortalProps } from "../../../web/pages/consultations/implementation/PortalPage";
import type { AppEnv } from "../../http/context";
import { ctxOf } from "../../http/ctx";
import { handleForm } from "../../http/form-page";
import { invalidField, Problem } from "../../http/problem";
import { formStateFrom, render } from "../../http/render";
import { pageUser, signedInPage } from "../../http/session";
import { parse } from "../../http/validate";
import { COMMITMENT_STATUSES, type CommitmentStatus } from "../schema";
import { moscowToday } from "../window";
import { adopt, loadAdoption, refusalProblem } from "./adoption";
import { decodeKey, encodeKey } from "./cursor";
import { AdoptInput, CommitmentPatch, IMPLEMENTATION_LIMITS, NoteInput } from "./dto";
import { FEED_PATH, renderFeed } from "./feed";
import { feedEvents } from "./data";
import { addNote, consultationCommitments, deleteCommitment, loadCommitment, portalList, updateCommitment, type NoteRow } from "./service";

/**
 * Pages of the implementation part: adoption, one consultation's commitments, one commitment for
 * its organiser, the portal-wide list and the Atom feed. Mounted before the reading part, so
 * /consultations/feed.atom is matched here before /consultations/:id. Forms work without JavaScript.
 */
export const implementationPages = new Hono<AppEnv>();
type C = Context<AppEnv>;

implementationPages.use("/consultations/:id/adopt", signedInPage("/consultations"));
implementationPages.use("/consultations/:id/commitments/*", signedInPage("/implementation"));

const DONE: MessageKey[] = ["consultations.implementation.done.adopted", "consultations.implementation.done.saved", "consultations.implementation.done.noted", "consultations.implementation.done.deleted"];
const flashOf = (c: C) => {
  const k = c.req.query("done") as MessageKey | undefined;
  return k && DONE.includes(k) ? k : undefined;
};
const enc = encodeURIComponent;
const short = (s: string, n = 400) => (s.length > n ? `${s.slice(0, n)}…` : s);
const noteProps = (n: NoteRow) => ({ id: n.id, notedOn: n.notedOn, body: n.body, status: n.status });
const pickStatus = (v: string | undefined): CommitmentStatus | undefined => (COMMITMENT_STATUSES.includes(v as CommitmentStatus) ? (v as CommitmentStatus) : undefined);

// ---- the Atom feed ----

implementationPages.get(FEED_PATH, async (c) => {
  const locale = c.req.query("lang") === "en" ? "en" : "ru";
  const events = await feedEvents(c.get("db"), IMPLEMENTATION_LIMITS.feedEntries);
  // The newest entry decides the whole document (entries are never edited), so it makes the ETag.
  const etag = `W/"${events[0]?.id ?? "empty"}-${locale}"`;
  const headers = {
    "content-type": "application/atom+xml; charset=utf-8",
    // Public and the same for everyone (no session data in it): caches and feed readers may keep it a few minutes.
    "cache-control": "public, max-age=300",
    etag,
  };
  if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
  const origin = (c.env.PORTAL_ORIGIN || new URL(c.req.url).origin).replace(/\/+$/, "");
  return c.body(renderFeed(events, { locale, origin, now: Date.now() }), 200, headers);
});

// ---- public lists ----

implementationPages.get("/implementation", async (c) => {
  const q = c.req.query();
  const addressee = (q.addressee ?? "").trim().slice(0, IMPLEMENTATION_LIMITS.addresseeMax);
  const status = pickStatus(q.status);
  const overdue = q.overdue === "1";
  const after = decodeKey(q.after);
  const r = await portalList(ctxOf(c), { addressee: addressee || undefined, status, overdue }, after, IMPLEMENTATION_LIMITS.page);
  const base = new URLSearchParams([...(addressee ? [["addressee", addressee]] : []), ...(status ? [["status", status]] : []), ...(overdue ? [["overdue", "1"]] : [])]);
  const last = r.items[r.items.length - 1];
  const next = r.more && last ? new URLSearchParams([...base, ["after", encodeKey({ dueOn: last.dueOn, id: last.id })]]) : null;
  const props: ImplementationPortalProps = {
    items: r.items.map(
      (i): CommitmentItemProps => ({
        id: i.id,
        consultationId: i.consultationId,
        consultationTitle: i.consultationTitle,
        clauseNumber: i.clauseNumber,
        clauseText: short(i.clauseText, 300),
        addressee: i.addressee,
        responsible: i.responsible,
        dueOn: i.dueOn,
        status: i.status,
        overdue: i.overdue,
        latestNote: i.latestNote ? noteProps(i.latestNote) : null,
        notes: null,
      }),
    ),
    filter: { addressee, status: status ?? "", overdue },
    addressees: r.addressees,
    counts: r.counts,
    nextHref: next ? `/implementation?${next}` : null,
    firstHref: after ? `/implementation${base.size ? `?${base}` : ""}` : null,
  };
  return render(c, "consultations/implementation-portal", props, { title: c.get("t")("nav.implementation"), description: c.get("t")("consultations.implementation.all.lead") });
});

implementationPages.get("/consultations/:id/implementation", async (c) => {
  const id = c.req.param("id");
  const addressee = (c.req.query("addressee") ?? "").trim().slice(0, IMPLEMENTATION_LIMITS.addresseeMax);
  const r = await consultationCommitments(ctxOf(c), c.get("user"), id, addressee || undefined);
  const title = r.row.consultation.title;
  const props: ImplementationPageProps = {
    consultation: { id, title },
    adopted: r.adopted ? { version: r.adopted.number, adoptedOn: r.adopted.adoptedOn, adoptedBy: r.adopted.adoptedBy } : null,
    canAdopt: r.access.manage && r.row.consultation.status === "published" && r.access.window === "closed",
    canTrack: r.access.track,
    addressee,
    addressees: r.addressees,
    counts: r.counts,
    items: r.items.map((i) => ({
      id: i.id,
      consultationId: id,
      consultationTitle: title,
      clauseNumber: i.clauseNumber,
      clauseText: short(i.clauseText),
      addressee: i.addressee,
      responsible: i.responsible,
      dueOn: i.dueOn,
      status: i.status,
      overdue: i.overdue,
      latestNote: i.notes[0] ? noteProps(i.notes[0]) : null,
      notes: i.notes.map(noteProps),
    })),
  };
  const t = c.get("t");
  return render(c, "consultations/implementation", props, { title: t("consultations.implementation.page.title", { title }), flash: flashOf(c) });
});

// ---- adoption ----

async function adoptPage(c: C, versionParam: string | undefined, form: FormState<{ adoptedOn: string; adoptedBy: string }> | null, picked: string[] | null, status = 200) {
  const n = Number(versionParam);
  const number = versionParam && Number.isSafeInteger(n) && n > 0 ? n : null;
  const a = await loadAdoption(ctxOf(c), pageUser(c), c.req.param("id")!, number, Date.now());
  const t = c.get("t");
  let refusal: string | null = null;
  if (a.refusal) {
    const p = refusalProblem(a.refusal);
    refusal = p.fields.length ? t(p.fields[0].code) : t(p.titleKey);
  }
  const props: AdoptPageProps = {
    consultation: { id: a.consultation.id, title: a.consultation.title, adoptingBody: a.consultation.adoptingBody },
    refusal,
    versions: a.versions.filter((v) => v.status === "published").map((v) => v.number),
    version: a.version?.number ?? a.consultation.currentVersion,
    form: form ?? { values: { adoptedOn: moscowToday(Date.now()), adoptedBy: a.consultation.adoptingBody }, errors: [] },
    candidates: a.candidates.map((x) => ({ key: x.key, number: x.number, text: x.text, addressee: x.addressee })),
    picked,
  };
  return render(c, "consultations/adopt", props, { title: `${t("consultations.implementation.adopt.title")}: ${a.consultation.title}`, status });
}

implementationPages.get("/consultations/:id/adopt", (c) => adoptPage(c, c.req.query("version"), null, null));

implementationPages.post("/consultations/:id/adopt", async (c) => {
  const user = pageUser(c);
  const id = c.req.param("id");
  const body = await c.req.parseBody({ all: true });
  const one = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");
  const picks = ([] as unknown[]).concat(body.pick ?? []).filter((v): v is string => typeof v === "string");
  const values = { adoptedOn: one("adoptedOn").trim(), adoptedBy: one("adoptedBy") };
  const version = Number(one("version"));
  return handleForm(
    c,
    values,
    async () => {
      const input = parse(AdoptInput, { ...values, version: Number.isSafeInteger(version) && version > 0 ? version : undefined });
      await adopt(ctxOf(c), user, id, input, { pickedKeys: picks });
      return c.redirect(`/consultations/${enc(id)}/implementation?done=consultations.implementation.done.adopted`, 303);
    },
    (form, status) => adoptPage(c, one("version"), form, picks, status),
  );
});

// ---- one commitment (the organiser's page) ----

type CommitmentForms = Pick<CommitmentPageProps, "editForm" | "noteForm" | "deleteForm">;

async function commitmentPage(c: C, forms: Partial<CommitmentForms> = {}, status = 200) {
  const id = c.req.param("commitmentId")!;
  // The commitment must belong to the consultation in the address.
  const { row, notes, today } = await loadCommitment(ctxOf(c), pageUser(c), id, Date.now(), c.req.param("id"));
  const t = c.get("t");
  const props: CommitmentPageProps = {
    consultation: { id: row.consultationId, title: row.consultationTitle },
    commitment: {
      id: row.id,
      clauseNumber: row.clauseNumber,
      clauseText: row.clauseText,
      addressee: row.addressee,
      responsible: row.responsible,
      dueOn: row.dueOn,
      status: row.status,
      overdue: row.dueOn !== null && row.dueOn < today && (row.status === "not_started" || row.status === "in_progress"),
    },
    notes: notes.map(noteProps),
    editForm: forms.editForm ?? { values: { addressee: row.addressee, responsible: row.responsible, dueOn: row.dueOn ?? "", status: row.status }, errors: [] },
    noteForm: forms.noteForm ?? { values: { notedOn: today, body: "", newStatus: "" }, errors: [] },
    deleteForm: forms.deleteForm ?? { values: {}, errors: [] },
    limits: { addressee: IMPLEMENTATION_LIMITS.addresseeMax, responsible: IMPLEMENTATION_LIMITS.responsibleMax, note: IMPLEMENTATION_LIMITS.noteMax },
  };
  const clause = row.clauseNumber ? t("consultations.implementation.clause", { number: row.clauseNumber }) : t("consultations.implementation.clauseUnnumbered");
  return render(c, "consultations/commitment", props, { title: t("consultations.implementation.commitment.title", { clause, addressee: row.addressee }), status, flash: flashOf(c) });
}

const backTo = (c: C, done: MessageKey) => c.redirect(`/consultations/${enc(c.req.param("id")!)}/commitments/${enc(c.req.param("commitmentId")!)}?done=${done}`, 303);

implementationPages.get("/consultations/:id/commitments/:commitmentId", (c) => commitmentPage(c));

implementationPages.post("/consultations/:id/commitments/:commitmentId", async (c) => {
  const user = pageUser(c);
  const body = await c.req.parseBody();
  const s = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");
  const values = { addressee: s("addressee"), responsible: s("responsible"), dueOn: s("dueOn").trim(), status: s("status") };
  return handleForm(
    c,
    values,
    async () => {
      const patch = parse(CommitmentPatch, { addressee: values.addressee, responsible: values.responsible, dueOn: values.dueOn || null, status: values.status || undefined });
      await updateCommitment(ctxOf(c), user, c.req.param("commitmentId"), patch, c.req.param("id"));
      return backTo(c, "consultations.implementation.done.saved");
    },
    (form, status) => commitmentPage(c, { editForm: form }, status),
  );
});

implementationPages.post("/consultations/:id/commitments/:commitmentId/notes", async (c) => {
  const user = pageUser(c);
  const body = await c.req.parseBody();
  const s = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");
  const values = { notedOn: s("notedOn").trim(), body: s("body"), newStatus: s("newStatus") };
  try {
    const input = parse(NoteInput, { notedOn: values.notedOn, body: values.body, status: values.newStatus || undefined });
    await addNote(ctxOf(c), user, c.req.param("commitmentId"), input, c.req.param("id"));
    return backTo(c, "consultations.implementation.done.noted");
  } catch (e) {
    if (!(e instanceof Problem) || e.status >= 500 || e.status === 403 || e.status === 404) throw e;
    // The form's status field is named newStatus (the edit form above has its own "status").
    const form = formStateFrom(c, e, values);
    form.errors = form.errors.map((x) => (x.field === "status" ? { ...x, field: "newStatus" } : x));
    return commitmentPage(c, { noteForm: form }, e.status);
  }
});

implementationPages.post("/consultations/:id/commitments/:commitmentId/delete", async (c) => {
  const user = pageUser(c);
  const body = await c.req.parseBody();
  const confirmed = body.confirm === "on" || body.confirm === "1";
  return handleForm(
    c,
    {},
    async () => {
      const r = await deleteCommitment(ctxOf(c), user, c.req.param("commitmentId"), c.req.param("id"), () => {
        if (!confirmed) throw invalidField("confirm", "consultations.implementation.field.confirmDelete");
      });
      return c.redirect(`/consultations/${enc(r.consultationId)}/implementation?done=consultations.implementation.done.deleted`, 303);
    },
    (form, status) => commitmentPage(c, { deleteForm: form }, status),
  );
});
