import { Hono, type Context } from "hono";
import type { MessageKey } from "../../../web/i18n";
import type { FormState } from "../../../web/page-data";
import type { EnterPageProps } from "../../../web/pages/competitions/entries/EnterPage";
import type { EntriesListProps } from "../../../web/pages/competitions/entries/EntriesListPage";
import type { EntryPageProps } from "../../../web/pages/competitions/entries/EntryPage";
import type { MyEntriesProps } from "../../../web/pages/competitions/entries/MyEntriesPage";
import type { AppEnv } from "../../http/context";
import { ctxOf } from "../../http/ctx";
import { handleForm } from "../../http/form-page";
import { notFound } from "../../http/problem";
import { formFields, render } from "../../http/render";
import { pageUser, signedInPage } from "../../http/session";
import { parse } from "../../http/validate";
import { membershipsOfUser } from "../../organisations/data";
import { listByAuthor } from "../../proposals/data";
import { competitionAccess, eligibleAs, entrantKind } from "../access";
import { competitionById, competitionFacts, entryUrl, nominationsOf } from "../data";
import { decodeEntryKey, encodeEntryKey } from "./cursor";
import { EntryInput, fromForm } from "./dto";
import { ENTRY_LIMITS } from "./rules";
import * as entries from "./service";

/**
 * The entries pages: the entry form, a nomination's admitted entries, an entry, withdrawing it and
 * «Мои заявки». Forms work without JavaScript; each page reads what it shows in one D1 round trip.
 * /competitions/mine is declared here, before the setup part's /competitions/:id (see ../pages.ts).
 */
export const entriesPages = new Hono<AppEnv>();
type C = Context<AppEnv>;

entriesPages.use("/competitions/mine", signedInPage("/competitions"));
entriesPages.use("/competitions/:id/enter", signedInPage("/competitions"));

/** Flash messages a redirect may carry (`?done=`); unknown keys are ignored. */
const DONE: MessageKey[] = ["competitions.entries.done.entered", "competitions.entries.done.withdrawn"];
const flashOf = (c: C) => {
  const k = c.req.query("done") as MessageKey | undefined;
  return k && DONE.includes(k) ? k : undefined;
};

// ——— My entries ———

entriesPages.get("/competitions/mine", async (c) => {
  const user = pageUser(c);
  const before = decodeEntryKey(c.req.query("after"));
  const r = await entries.myEntries(ctxOf(c), user, { before, limit: ENTRY_LIMITS.page });
  const props: MyEntriesProps = {
    items: r.items.map(({ hiddenAt, ...x }) => ({ ...x, hidden: hiddenAt !== null })),
    nextHref: r.next ? `/competitions/mine?after=${encodeEntryKey(r.next)}` : null,
    firstHref: before ? "/competitions/mine" : null,
  };
  return render(c, "competitions/mine", props, { title: c.get("t")("competitions.entries.mine.title"), flash: flashOf(c) });
});

// ——— Entering ———

/** The form's data — the competition, its nominations, the person's organisations and proposals — in one round trip. */
async function enterPage(c: C, competitionId: string, kindParam: string | undefined, form: FormState<Record<string, string>>, status = 200) {
  const db = c.get("db");
  const user = pageUser(c);
  const [[row], noms, memberships, proposals] = await db.batch([
    competitionById(db, competitionId),
    nominationsOf(db, competitionId),
    membershipsOfUser(db, user.id),
    listByAuthor(db, user.id, { limit: 100 }),
  ]);
  if (!row) throw notFound();
  const comp = row.competition;
  const access = competitionAccess(competitionFacts(comp), user, Date.now());
  if (!access.read) throw notFound();
  const kind = kindParam === "proposal" ? "proposal" : "practice";
  const props: EnterPageProps = {
    competition: { id: comp.id, title: comp.title, eligibility: comp.eligibility, entryLimit: comp.entryLimit, entryOpensAt: comp.entryOpensAt, entryClosesAt: comp.entryClosesAt },
    stage: access.stage,
    canEnter: access.enter,
    emailConfirmed: user.emailConfirmed,
    kind,
    nominations: noms.map((n) => ({ id: n.id, title: n.title })),
    organisations: memberships
      .filter((m) => m.status === "confirmed")
      .map((m) => ({ id: m.organisationId, name: m.organisationName, kind: entrantKind(m.organisationType), eligible: eligibleAs(comp.eligibility, entrantKind(m.organisationType)) })),
    residentEligible: eligibleAs(comp.eligibility, "resident"),
    proposals: proposals.filter((x) => x.status === "published" && x.hiddenAt === null).map((x) => ({ id: x.id, title: x.title, organisationName: x.organisationName })),
    form,
    limits: { title: ENTRY_LIMITS.title, text: ENTRY_LIMITS.text, city: ENTRY_LIMITS.city, period: ENTRY_LIMITS.period, contact: ENTRY_LIMITS.contact, budget: ENTRY_LIMITS.budget },
  };
  return render(c, "competitions/enter", props, { title: `${c.get("t")("competitions.entries.enter.title")} — ${comp.title}`, status });
}

entriesPages.get("/competitions/:id/enter", (c) => {
  const nomination = (c.req.query("nomination") ?? "").slice(0, ENTRY_LIMITS.id);
  return enterPage(c, c.req.param("id"), c.req.query("kind"), { values: nomination ? { nominationId: nomination } : {}, errors: [] });
});

entriesPages.post("/competitions/:id/enter", async (c) => {
  const user = pageUser(c);
  const id = c.req.param("id");
  const values = await formFields(c);
  return handleForm(
    c,
    values,
    async () => {
      const input = parse(EntryInput, fromForm(values));
      const r = await entries.enterCompetition(ctxOf(c), user, id, input);
      return c.redirect(`${r.url}?done=competitions.entries.done.entered`, 303);
    },
    (form, status) => enterPage(c, id, values.kind, form, status),
  );
});

// ——— A nomination's admitted entries ———

entriesPages.get("/competitions/:id/entries", async (c) => {
  const id = c.req.param("id");
  const nominationId = (c.req.query("nomination") ?? "").slice(0, ENTRY_LIMITS.id) || undefined;
  const after = decodeEntryKey(c.req.query("after"));
  const r = await entries.listAdmitted(ctxOf(c), c.get("user"), id, { nominationId, after, limit: ENTRY_LIMITS.page });
  const base = `/competitions/${id}/entries`;
  const nom = r.nomination ? `nomination=${encodeURIComponent(r.nomination.id)}` : "";
  const comp = r.competition.competition;
  const props: EntriesListProps = {
    competition: { id: comp.id, title: comp.title },
    nominations: r.nominations.map((n) => ({ id: n.id, title: n.title, entryCount: n.entryCount })),
    nominationId: r.nomination?.id ?? null,
    items: r.items,
    nextHref: r.next ? `${base}?${nom ? `${nom}&` : ""}after=${encodeEntryKey(r.next)}` : null,
    firstHref: after ? `${base}${nom ? `?${nom}` : ""}` : null,
    canEnter: r.access.published && r.access.stage === "entry",
  };
  return render(c, "competitions/entries", props, { title: c.get("t")("competitions.entries.list.title", { title: comp.title }) });
});

// ——— An entry ———

entriesPages.get("/competitions/:id/entries/:entryId", async (c) => {
  const id = c.req.param("id");
  const user = c.get("user");
  const r = await entries.showEntry(ctxOf(c), user, c.req.param("entryId"));
  // The entry lives under its own competition's address only.
  if (r.competition.id !== id) throw notFound();
  const e = r.entry;
  const a = r.access;
  const props: EntryPageProps = {
    competition: { id: r.competition.id, title: r.competition.title },
    entry: {
      id: e.id,
      kind: e.kind,
      proposalId: e.proposalId,
      nominationId: e.nominationId,
      nominationTitle: e.nominationTitle,
      entrantKind: e.entrantKind,
      organisationId: e.organisationId,
      organisationName: e.organisationName,
      entrantName: e.entrantName,
      entrantDeleted: e.entrantDeleted,
      city: e.city,
      title: e.title,
      problem: e.problem,
      actions: e.actions,
      results: e.results,
      period: e.period,
      budget: e.budget,
      contact: e.contact,
      status: e.status,
      hidden: e.hidden,
      reason: e.reason,
      createdAt: e.createdAt,
    },
    showStatus: r.entryAccess.own || a.manage || a.isModerator,
    canWithdraw: r.entryAccess.withdraw,
    canEditFiles: r.entryAccess.editFiles,
    files: r.files,
    voteHref: r.entryAccess.isPublic && a.stage === "voting" ? `/competitions/${id}/vote?nomination=${encodeURIComponent(e.nominationId)}` : null,
    result: r.result,
    canReport: user !== null && !r.entryAccess.own && r.entryAccess.isPublic,
  };
  return render(c, "competitions/entry", props, { title: e.title, description: e.problem.slice(0, 200) || undefined, flash: flashOf(c) });
});

entriesPages.post("/competitions/:id/entries/:entryId/withdraw", async (c) => {
  const user = c.get("user");
  const id = c.req.param("id");
  const entryId = c.req.param("entryId");
  if (!user) return c.redirect(`/signin?next=${encodeURIComponent(entryUrl(id, entryId))}`, 303);
  const r = await entries.withdrawEntry(ctxOf(c), user, entryId);
  return c.redirect(`${r.url}?done=competitions.entries.done.withdrawn`, 303);
});
