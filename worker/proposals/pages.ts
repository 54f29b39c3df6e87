import { contentOf } from "./completeness";
import { Hono, type Context } from "hono";
import type { MessageKey } from "../../web/i18n";
import type { FormState } from "../../web/page-data";
import type { ProposalFormProps } from "../../web/pages/proposals/ProposalFormPage";
import type { ProposalPageProps } from "../../web/pages/proposals/ProposalPage";
import type { Db } from "../db/client";
import type { AppEnv } from "../http/context";
import { ctxOf } from "../http/ctx";
import { handleForm } from "../http/form-page";
import { forbidden } from "../http/problem";
import { enforce, limitsFor } from "../http/rate-limit";
import { formFields, render } from "../http/render";
import { pageUser, signedInPage } from "../http/session";
import { parse } from "../http/validate";
import { membershipsOfUser } from "../organisations/data";
import { listOrganisers } from "../organisers/data";
import { can } from "../roles/rules";
import { loadDiscussion } from "../comments/index";
import { decodeKey, encodeKey } from "./cursor";
import { allThemeRows, listByAuthor, listPublic, sortValue, themeRowsOf } from "./data";
import { fromForm, LIST_STATUSES, ProposalInput, ProposalPatch, SORTS } from "./dto";
import { isEditable, transition } from "./lifecycle";
import * as proposals from "./service";
import { themeName, themesByOrganiser, themesOf, DEFAULT_THEMES } from "./themes";

/** The proposals pages: list, new/edit form, a proposal, my proposals; forms work without JavaScript. */
export const proposalsPages = new Hono<AppEnv>();
type C = Context<AppEnv>;
const PAGE = 20;

proposalsPages.use("/proposals/new", signedInPage("/proposals"));
proposalsPages.use("/proposals/:id/edit", signedInPage("/proposals"));

/** Flash messages a redirect may carry (`?done=`); unknown keys are ignored. */
const DONE: MessageKey[] = ["proposals.done.created", "proposals.done.saved", "proposals.done.submitted", "proposals.done.withdrawn", "proposals.done.supported", "proposals.done.unsupported"];
const flashOf = (c: C) => {
  const k = c.req.query("done") as MessageKey | undefined;
  return k && DONE.includes(k) ? k : undefined;
};
const name = (c: C, o: { nameRu: string; nameEn: string }) => (c.get("locale") === "en" ? o.nameEn : o.nameRu);
const pick = <T extends string>(v: string | undefined, allowed: readonly T[], d: T): T => (allowed.includes(v as T) ? (v as T) : d);

type CardRow = Awaited<ReturnType<typeof listPublic>>[number];

function cardsOf(rows: CardRow[], organiserName: Map<string, string>, themes: ReturnType<typeof themesByOrganiser>, locale: "ru" | "en") {
  return rows.map((p) => ({
    id: p.id,
    title: p.title,
    summary: p.summary,
    organiserName: organiserName.get(p.organiserId) ?? "",
    organisationName: p.organisationName,
    themeName: themeName(themes[p.organiserId] ?? DEFAULT_THEMES, p.theme, locale),
    city: p.city,
    supportCount: p.supportCount,
    commentCount: p.commentCount,
  }));
}

/** The newest published proposals for the home page: statements for its batch, then the cards. */
export const newestProposals = {
  statements: (db: Db, limit: number) => [listPublic(db, { status: "published", sort: "new", limit }), allThemeRows(db)] as const,
  cards: (c: Context<AppEnv>, rows: CardRow[], themeRows: Awaited<ReturnType<typeof allThemeRows>>, organisers: { id: string; nameRu: string; nameEn: string }[]) =>
    cardsOf(rows, new Map(organisers.map((o) => [o.id, name(c, o)])), themesByOrganiser(themeRows, organisers.map((o) => o.id)), c.get("locale")),
};

proposalsPages.get("/proposals", async (c) => {
  const db = c.get("db");
  const q = c.req.query();
  const filter = {
    organiser: (q.organiser ?? "").slice(0, 64),
    theme: (q.theme ?? "").slice(0, 64),
    city: (q.city ?? "").trim().slice(0, 100),
    status: pick(q.status, LIST_STATUSES, "published"),
    sort: pick(q.sort, SORTS, "new"),
  };
  const after = decodeKey(q.after);
  const [rows, organisers, themeRows] = await db.batch([
    listPublic(db, { organiserId: filter.organiser || undefined, theme: filter.theme || undefined, city: filter.city || undefined, status: filter.status, sort: filter.sort, after, limit: PAGE + 1 }),
    listOrganisers(db),
    allThemeRows(db),
  ]);
  const themes = themesByOrganiser(themeRows, organisers.map((o) => o.id));
  const items = rows.slice(0, PAGE);
  const organiserName = new Map(organisers.map((o) => [o.id, name(c, o)]));
  const locale = c.get("locale");
  // The theme filter offers the chosen organiser's themes, or every theme of every organiser.
  const offered = filter.organiser && themes[filter.organiser] ? themes[filter.organiser] : uniqueThemes(Object.values(themes).flat());
  const base = new URLSearchParams(Object.entries(filter).filter(([k, v]) => v && !(k === "status" && v === "published") && !(k === "sort" && v === "new")));
  const last = items[items.length - 1];
  const next = rows.length > PAGE && last ? new URLSearchParams([...base, ["after", encodeKey({ v: sortValue(last, filter.sort), id: last.id })]]) : null;
  return render(
    c,
    "proposals/list",
    {
      items: cardsOf(items, organiserName, themes, locale),
      filter,
      organisers: organisers.map((o) => ({ id: o.id, name: name(c, o) })),
      themes: offered.map((t) => ({ slug: t.slug, name: locale === "en" ? t.nameEn : t.nameRu })),
      nextHref: next ? `/proposals?${next}` : null,
      firstHref: after ? `/proposals${base.size ? `?${base}` : ""}` : null,
      canCreate: can(c.get("user"), "proposal.create"),
    },
    { title: c.get("t")("proposals.title"), description: c.get("t")("proposals.lead") },
  );
});

function uniqueThemes<T extends { slug: string }>(list: T[]) {
  const seen = new Set<string>();
  return list.filter((t) => (seen.has(t.slug) ? false : (seen.add(t.slug), true)));
}

/** The form's data: the organiser, its themes, the organisations the person may speak for. One round trip. */
async function formPage(c: C, props: Pick<ProposalFormProps, "mode" | "id" | "returned" | "form" | "files"> & { organiserId: string | null }, status = 200) {
  const db = c.get("db");
  const user = pageUser(c);
  const [organisers, themeRows, memberships] = await db.batch([listOrganisers(db), themeRowsOf(db, props.organiserId ?? ""), membershipsOfUser(db, user.id)]);
  const organiser = organisers.find((o) => o.id === props.organiserId);
  const t = c.get("t");
  const en = c.get("locale") === "en";
  const full: ProposalFormProps = {
    ...props,
    mode: organiser ? props.mode : "pick",
    organiserId: organiser?.id ?? "",
    organiserName: organiser ? name(c, organiser) : "",
    organisers: organisers.map((o) => ({ id: o.id, name: name(c, o) })),
    themes: themesOf(themeRows).map((x) => ({ slug: x.slug, name: en ? x.nameEn : x.nameRu })),
    organisations: memberships.filter((m) => m.status === "confirmed").map((m) => ({ id: m.organisationId, name: m.organisationName })),
  };
  return render(c, "proposals/form", full, { title: t(props.mode === "edit" ? "proposals.edit.title" : "proposals.new.title"), status });
}

proposalsPages.get("/proposals/new", async (c) => {
  if (!can(pageUser(c), "proposal.create")) throw forbidden();
  return formPage(c, { mode: "new", organiserId: c.req.query("organiser") ?? null, form: { values: {}, errors: [] } });
});

proposalsPages.post("/proposals", async (c) => {
  const user = c.get("user");
  if (!user) return c.redirect("/signin?next=/proposals/new", 303);
  const values = await formFields(c);
  const submit = values.intent === "submit";
  return handleForm(
    c,
    values,
    async () => {
      const input = parse(ProposalInput, fromForm(values));
      const r = await proposals.createProposal(ctxOf(c), user, { ...input, submit });
      return c.redirect(`/proposals/${r.id}?done=${submit ? "proposals.done.submitted" : "proposals.done.created"}`, 303);
    },
    (form, status) => formPage(c, { mode: "new", organiserId: values.organiserId ?? null, form }, status),
  );
});

/** A stored proposal as the form's string values. */
function formValuesOf(p: proposals.ShownProposal["proposal"]): Record<string, string> {
  const s = (v: string | number | null) => (v === null ? "" : String(v));
  return {
    organisationId: s(p.organisationId),
    title: p.title,
    summary: p.summary,
    problem: p.problem,
    goal: p.goal,
    tasks: p.tasks.join("\n"),
    expectedResults: p.expectedResults,
    city: p.city,
    district: p.district,
    tos: p.tos,
    theme: s(p.theme),
    beneficiaries: s(p.beneficiaries),
    budgetRequested: s(p.budgetRequested),
    cofinancing: s(p.cofinancing),
    startDate: s(p.startDate),
    endDate: s(p.endDate),
    team: p.team,
  };
}

async function editPage(c: C, id: string, form: FormState<Record<string, string>> | null, status = 200) {
  const r = await proposals.showProposal(ctxOf(c), id, pageUser(c));
  if (!r.access.isAuthor) throw forbidden();
  if (!r.access.edit) return c.redirect(`/proposals/${encodeURIComponent(id)}`, 303);
  return formPage(c, { mode: "edit", id, returned: r.proposal.status === "returned", organiserId: r.proposal.organiserId, files: r.attachments, form: form ?? { values: formValuesOf(r.proposal), errors: [] } }, status);
}

proposalsPages.get("/proposals/:id/edit", (c) => editPage(c, c.req.param("id"), null));

proposalsPages.post("/proposals/:id/edit", async (c) => {
  const user = pageUser(c);
  const id = c.req.param("id");
  const values = await formFields(c);
  const submit = values.intent === "submit";
  return handleForm(
    c,
    values,
    async () => {
      const { organiserId: _o, ...rest } = fromForm(values);
      await proposals.updateProposal(ctxOf(c), user, id, parse(ProposalPatch, rest), { submit });
      return c.redirect(`/proposals/${encodeURIComponent(id)}?done=${submit ? "proposals.done.submitted" : "proposals.done.saved"}`, 303);
    },
    (form, status) => editPage(c, id, form, status),
  );
});

/** Author's actions from the proposal page; a submission with missing fields opens the form with them marked. */
proposalsPages.post("/proposals/:id/submit", async (c) => {
  const user = c.get("user");
  const id = c.req.param("id");
  if (!user) return c.redirect(`/signin?next=/proposals/${encodeURIComponent(id)}`, 303);
  return handleForm(
    c,
    {},
    async () => {
      await proposals.submitProposal(ctxOf(c), user, id);
      return c.redirect(`/proposals/${encodeURIComponent(id)}?done=proposals.done.submitted`, 303);
    },
    async (form, status) => {
      const r = await proposals.showProposal(ctxOf(c), id, user);
      return editPage(c, id, { ...form, values: formValuesOf(r.proposal) }, status);
    },
  );
});

proposalsPages.post("/proposals/:id/withdraw", async (c) => {
  const user = c.get("user");
  const id = c.req.param("id");
  if (!user) return c.redirect(`/signin?next=/proposals/${encodeURIComponent(id)}`, 303);
  const values = await formFields(c);
  await proposals.withdrawProposal(ctxOf(c), user, id, values.reason?.trim().slice(0, 1000) || null);
  return c.redirect(`/proposals/${encodeURIComponent(id)}?done=proposals.done.withdrawn`, 303);
});

/** The support button (works without JavaScript): `support=on` supports, `support=off` takes it back. */
proposalsPages.post("/proposals/:id/support", async (c) => {
  const user = c.get("user");
  const id = c.req.param("id");
  if (!user) return c.redirect(`/signin?next=/proposals/${encodeURIComponent(id)}`, 303);
  const values = await formFields(c);
  const on = values.support !== "off";
  await enforce(c, limitsFor(c).support, user.id);
  await proposals.setSupport(ctxOf(c), user, id, on);
  return c.redirect(`/proposals/${encodeURIComponent(id)}?done=${on ? "proposals.done.supported" : "proposals.done.unsupported"}#support`, 303);
});

proposalsPages.get("/proposals/:id", async (c) => {
  const user = c.get("user");
  const id = c.req.param("id");
  // The discussion loads alongside (both refuse what the viewer may not read); "показать ещё" without JS: ?comments_after=.
  const [r, discussion] = await Promise.all([
    proposals.showProposal(ctxOf(c), id, user),
    loadDiscussion(ctxOf(c), user, { type: "proposal", id }, { after: c.req.query("comments_after") ?? null }),
  ]);
  const p = r.proposal;
  const organiser = r.organiser;
  const hidden = p.hidden;
  const props: ProposalPageProps = {
    proposal: {
      id: p.id,
      ...contentOf(p),
      themeName: themeName(r.themes, p.theme, c.get("locale")),
      status: p.status,
      hidden,
      supportCount: p.supportCount,
      commentCount: p.commentCount,
      publishedAt: p.publishedAt,
      organiserName: organiser ? name(c, organiser) : "",
      authorName: p.authorName,
      organisationId: p.organisationId,
      organisationName: p.organisationName,
    },
    supportedByMe: r.supportedByMe,
    canSupport: r.access.participate,
    isAuthor: r.access.isAuthor,
    canEdit: r.access.edit && isEditable(p.status),
    canSubmit: r.access.edit && transition({ status: p.status, hidden }, "submit", "author").ok,
    canWithdraw: r.access.isAuthor && transition({ status: p.status, hidden }, "withdraw", "author").ok,
    history: r.history,
    attachments: r.attachments,
    discussion,
  };
  const t = c.get("t");
  return render(c, "proposals/show", props, { title: p.title || t("proposals.untitled"), description: (p.summary || p.problem).slice(0, 200) || undefined, flash: flashOf(c) });
});

proposalsPages.get("/me/proposals", async (c) => {
  const user = pageUser(c);
  const db = c.get("db");
  const after = decodeKey(c.req.query("after"));
  const [rows, organisers] = await db.batch([listByAuthor(db, user.id, { after, limit: PAGE + 1 }), listOrganisers(db)]);
  const r = { items: rows.slice(0, PAGE), more: rows.length > PAGE };
  const organiserName = new Map(organisers.map((o) => [o.id, name(c, o)]));
  const last = r.items[r.items.length - 1];
  return render(
    c,
    "proposals/mine",
    {
      items: r.items.map((x) => ({ id: x.id, title: x.title, status: x.status, hidden: x.hiddenAt !== null, updatedAt: x.updatedAt, supportCount: x.supportCount, commentCount: x.commentCount, organiserName: organiserName.get(x.organiserId) ?? "" })),
      nextHref: r.more && last ? `/me/proposals?after=${encodeKey({ v: last.updatedAt, id: last.id })}` : null,
      firstHref: after ? "/me/proposals" : null,
    },
    { title: c.get("t")("proposals.my.title"), flash: flashOf(c) },
  );
});
