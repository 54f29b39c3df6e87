import { Hono, type Context } from "hono";
import type { MessageKey } from "../../web/i18n";
import { emptyForm, type FormState } from "../../web/page-data";
import type { LibraryProps, PracticeCardProps } from "../../web/pages/library/LibraryPage";
import type { PracticeFormProps } from "../../web/pages/library/PracticeFormPage";
import type { PracticePageProps } from "../../web/pages/library/PracticePage";
import type { AppEnv } from "../http/context";
import { ctxOf } from "../http/ctx";
import { handleForm } from "../http/form-page";
import { forbidden, notFound } from "../http/problem";
import { formFields, render } from "../http/render";
import { pageUser, signedInPage } from "../http/session";
import { parse } from "../http/validate";
import { can } from "../roles/rules";
import { decodeBrowseKey, decodeSearchKey, encodeBrowseKey, encodeSearchKey } from "./cursor";
import { fromForm, HideInput, lastYear, LIMITS, PracticeInput } from "./dto";
import { highlight, snippet } from "./highlight";
import type { CardRow } from "./search";
import { addPractice, hidePractice, listPractices, managedOrganisers, showPractice } from "./service";

/** Pages of the library of city practices: /library, /library/new, /library/:id; forms work without JavaScript. */
export const libraryPages = new Hono<AppEnv>();
type C = Context<AppEnv>;

libraryPages.use("/library/new", signedInPage("/library"));

const DONE: MessageKey[] = ["library.done.created", "library.done.hidden"];
const flashOf = (c: C) => {
  const k = c.req.query("done") as MessageKey | undefined;
  return k && DONE.includes(k) ? k : undefined;
};
const name = (c: C, o: { nameRu: string; nameEn: string }) => (c.get("locale") === "en" ? o.nameEn : o.nameRu);

/** A filter value from the query string: trimmed, bounded; empty means "any". */
const filterValue = (v: string | undefined) => (v ?? "").trim().slice(0, LIMITS.filter);

export function cardProps(r: CardRow, terms: string[]): PracticeCardProps {
  return {
    id: r.id,
    title: highlight(r.title, terms),
    city: r.city,
    country: r.country,
    year: r.year,
    theme: r.theme,
    nomination: r.nomination,
    place: r.place,
    snippet: snippet([r.problem, r.actions, r.results], terms),
  };
}

libraryPages.get("/library", async (c) => {
  const query = c.req.query();
  const q = (query.q ?? "").trim().slice(0, LIMITS.query);
  const yearNumber = /^\d{4}$/.test(query.year ?? "") ? Number(query.year) : undefined;
  const filter = { city: filterValue(query.city), theme: filterValue(query.theme), year: yearNumber ? String(yearNumber) : "", nomination: filterValue(query.nomination) };
  const r = await listPractices(ctxOf(c), {
    q: q || undefined,
    city: filter.city || undefined,
    theme: filter.theme || undefined,
    year: yearNumber,
    nomination: filter.nomination || undefined,
    afterBrowse: decodeBrowseKey(query.after),
    afterSearch: decodeSearchKey(query.after),
    limit: LIMITS.pageSize,
  });
  const base = new URLSearchParams(Object.entries({ q, ...filter }).filter(([, v]) => v));
  const cursor = r.next ? (r.next.kind === "search" ? encodeSearchKey(r.next.key) : encodeBrowseKey(r.next.key)) : null;
  const user = c.get("user");
  const props: LibraryProps = {
    q,
    filter,
    facets: r.facets,
    items: r.items.map((x) => cardProps(x, r.terms)),
    searched: r.terms.length > 0,
    narrowed: base.size > 0,
    nextHref: cursor ? `/library?${new URLSearchParams([...base, ["after", cursor]])}` : null,
    firstHref: query.after ? `/library${base.size ? `?${base}` : ""}` : null,
    canAdd: can(user, "library.manage", { anyOrganiser: true }),
  };
  const t = c.get("t");
  return render(c, "library/list", props, { title: q ? `${q} — ${t("library.title")}` : t("library.title"), description: t("library.lead") });
});

async function formPage(c: C, form: FormState<Record<string, string>>, status?: number) {
  const mine = await managedOrganisers(ctxOf(c), pageUser(c));
  if (mine.length === 0) throw forbidden();
  const props: PracticeFormProps = {
    form,
    organisers: mine.map((o) => ({ id: o.id, name: name(c, o) })),
    limits: { title: LIMITS.title.max, place: LIMITS.place, theme: LIMITS.theme, longText: LIMITS.longText, period: LIMITS.period, firstYear: LIMITS.firstYear, lastYear: lastYear() },
  };
  return render(c, "library/new", props, { title: c.get("t")("library.form.title"), status });
}

libraryPages.get("/library/new", (c) => formPage(c, emptyForm()));

libraryPages.post("/library/new", async (c) => {
  const user = pageUser(c);
  const values = await formFields(c);
  return handleForm(
    c,
    values,
    async () => {
      const r = await addPractice(ctxOf(c), user, parse(PracticeInput, fromForm(values)));
      return c.redirect(`/library/${r.id}?done=library.done.created`, 303);
    },
    (form, status) => formPage(c, form, status),
  );
});

async function practicePage(c: C, id: string, hideForm?: FormState<{ reason: string }>, status?: number) {
  const r = await showPractice(ctxOf(c), c.get("user"), id);
  const x = r.practice;
  const props: PracticePageProps = {
    practice: {
      id: x.id,
      title: x.title,
      organiserName: name(c, { nameRu: r.organiserNameRu, nameEn: r.organiserNameEn }),
      city: x.city,
      country: x.country,
      theme: x.theme,
      year: x.year,
      nomination: x.nomination,
      place: x.place,
      problem: x.problem,
      actions: x.actions,
      results: x.results,
      period: x.period,
      budget: x.budget,
      source: x.source,
      hidden: x.hiddenAt !== null,
    },
    competition: x.competitionId ? { id: x.competitionId, title: r.competitionTitle ?? "", entryId: x.entryId } : null,
    hideForm: r.manage && x.hiddenAt === null ? (hideForm ?? emptyForm()) : null,
    reasonMax: LIMITS.reason.max,
  };
  return render(c, "library/show", props, { title: x.title, description: (x.problem || x.title).slice(0, 200), status, flash: flashOf(c) });
}

libraryPages.get("/library/:id", (c) => practicePage(c, c.req.param("id")));

libraryPages.post("/library/:id/hide", async (c) => {
  const id = c.req.param("id");
  const user = c.get("user");
  if (!user) return c.redirect(`/signin?next=${encodeURIComponent(`/library/${id}`)}`, 303);
  const values = await formFields(c);
  return handleForm(
    c,
    values,
    async () => {
      await hidePractice(ctxOf(c), user, id, parse(HideInput, values).reason);
      return c.redirect(`/library/${encodeURIComponent(id)}?done=library.done.hidden`, 303);
    },
    // Refused outright (not this person's library, no such practice): the error page, not the form.
    (form, status) => (status === 403 || status === 404 ? Promise.reject(status === 403 ? forbidden() : notFound()) : practicePage(c, id, form as FormState<{ reason: string }>, status)),
  );
});
