import { Hono, type Context } from "hono";
import type { MessageKey } from "../../../web/i18n";
import { emptyForm, type FormState } from "../../../web/page-data";
import type {
  AnnulPageProps,
  BallotGate,
  BallotPageProps,
  CastReceiptPageProps,
  NominationTab,
  ReceiptCheckPageProps,
  VotesListPageProps,
  VotesReportPageProps,
} from "../../../web/pages/competitions/voting/props";
import type { SessionUser } from "../../accounts/session-user";
import { clientIp } from "../../http/client-info";
import type { AppEnv } from "../../http/context";
import { ctxOf } from "../../http/ctx";
import { handleForm } from "../../http/form-page";
import { notFound } from "../../http/problem";
import { enforce, limitsFor } from "../../http/rate-limit";
import { formFields, render, safeNext } from "../../http/render";
import { parse } from "../../http/validate";
import { can } from "../../roles/rules";
import { competitionAccess, isBlocked } from "../access";
import { competitionById, competitionFacts, competitionUrl, entryUrl, nominationsOf, type NominationRow } from "../data";
import { stageBounds } from "../stages";
import { HOUR_MS } from "./anomalies";
import { decodeEntryKey, encodeEntryKey } from "../entries/cursor";
import { decodeLogCursor } from "./cursor";
import { ballotEntries, entryTitles, nominationOf, type VotesFilter } from "./data";
import { AnnulInput, CastInput, ListQuery, ReportQuery, VOTING_LIMITS } from "./dto";
import { networkHash } from "./network";
import { normaliseReceipt } from "./receipt-code";
import { annulTarget, annulVote, ballotBoxOf, castVote, checkReceipt, listVotes, votesReport, type CastResult } from "./service";

/**
 * The voting part's pages: the ballot of a nomination and its vote form, the receipt shown once after
 * a vote, the public receipt check, and the organiser's anomaly report with the votes behind it and
 * the annulment form. All work without JavaScript.
 *
 * Vote counts are NOT shown on the ballot, during voting or after it (the results page shows them
 * once the organiser publishes): a running count pulls late voters towards the leader (the
 * bandwagon effect), rewards mobilising early over being the better practice, and turns the last
 * days into a visible race that invites exactly the account farms the anomaly report looks for.
 * Many public contests hide counts until the end for these reasons. The organiser sees the counts
 * in the report, which is theirs to examine.
 */
export const votingPages = new Hono<AppEnv>();
type C = Context<AppEnv>;

export const ballotUrl = (id: string, nominationId?: string | null) => `/competitions/${encodeURIComponent(id)}/vote${nominationId ? `?nomination=${encodeURIComponent(nominationId)}` : ""}`;
export const receiptCheckUrl = (code?: string) => `/competitions/receipt${code ? `?code=${encodeURIComponent(code)}` : ""}`;
export const votesReportUrl = (id: string, nominationId?: string) => `/competitions/${encodeURIComponent(id)}/votes${nominationId ? `?nomination=${encodeURIComponent(nominationId)}` : ""}`;
const votesListUrl = (id: string, nominationId: string, f: { hour?: number; fresh?: boolean; network?: string }) => {
  const q = new URLSearchParams({ nomination: nominationId });
  if (f.hour !== undefined) q.set("hour", String(f.hour));
  if (f.fresh) q.set("fresh", "1");
  if (f.network) q.set("network", f.network);
  return `/competitions/${encodeURIComponent(id)}/votes/list?${q}`;
};
const annulUrl = (id: string, nominationId: string, voterId: string, back: string) =>
  `/competitions/${encodeURIComponent(id)}/votes/annul?${new URLSearchParams({ nomination: nominationId, voter: voterId, back })}`;

const here = (c: C) => {
  const u = new URL(c.req.url);
  return u.pathname + u.search;
};
const signIn = (c: C, back: string) => c.redirect(`/signin?next=${encodeURIComponent(back)}`, 303);
const link = (c: { id: string; title: string }) => ({ id: c.id, title: c.title });

/** The salted network hash of this request's address (never the address itself). */
const networkOf = (c: C) => networkHash(clientIp(c), c.env.VOTE_NETWORK_SALT);

const tabs = (nominations: NominationRow[], current: string, href: (n: NominationRow) => string, voted: Set<string>): NominationTab[] =>
  nominations.map((n) => ({ id: n.id, title: n.title, href: href(n), current: n.id === current, voted: voted.has(n.id) }));

function gateOf(stage: string, user: SessionUser | null, now: number): BallotGate {
  if (stage === "voting") {
    if (!user) return "anonymous";
    if (isBlocked(user, now)) return "blocked";
    if (!can(user, "vote.cast")) return "unconfirmed";
    return null;
  }
  return stage === "results" ? "closed" : "notYet";
}

/**
 * The ballot of one nomination, in one D1 round trip for the competition, its nominations and the
 * page of entries, beside the ballot box's read of the viewer's votes (in parallel: the box is its
 * own interface, see ballot-box.ts). A second read only when the viewer's choice is on another page.
 */
async function ballotResponse(c: C, id: string, asked: string | undefined, after: string | undefined, form: FormState<{ entryId: string }>, status = 200) {
  const user = c.get("user");
  const db = c.get("db");
  const now = Date.now();
  const key = decodeEntryKey(after);
  const [[[comp], noms, rows], mine] = await Promise.all([
    db.batch([competitionById(db, id), nominationsOf(db, id), ballotEntries(db, nominationOf(id, asked), key, VOTING_LIMITS.ballotPage + 1)]),
    user ? ballotBoxOf(ctxOf(c)).votesOf(id, user.id) : Promise.resolve([]),
  ]);
  if (!comp) throw notFound();
  const access = competitionAccess(competitionFacts(comp.competition), user, now);
  if (!access.read) throw notFound();
  const nomination = asked ? noms.find((n) => n.id === asked) : noms[0];
  if (!nomination) throw notFound();
  const page = rows.slice(0, VOTING_LIMITS.ballotPage);
  const last = page[page.length - 1];
  const vote = mine.find((v) => v.nominationId === nomination.id) ?? null;
  let voteTitle = vote ? page.find((e) => e.id === vote.entryId)?.title : undefined;
  if (vote && voteTitle === undefined) voteTitle = (await entryTitles(db, [vote.entryId]))[0]?.title ?? "";
  const gate = gateOf(access.stage, user, now);
  const bounds = stageBounds(comp.competition, "voting");
  const base = ballotUrl(id, nomination.id);
  const props: BallotPageProps = {
    competition: link(comp.competition),
    nominations: tabs(noms, nomination.id, (n) => ballotUrl(id, n.id), new Set(mine.map((v) => v.nominationId))),
    nomination: { id: nomination.id, title: nomination.title, description: nomination.description },
    votingOpensAt: bounds.start!,
    votingClosesAt: bounds.end!,
    gate,
    signInHref: `/signin?next=${encodeURIComponent(base)}`,
    myVote: vote && { entryId: vote.entryId, entryTitle: voteTitle ?? "", href: entryUrl(id, vote.entryId), changedAt: vote.changedAt, status: vote.status },
    entries: page.map((e) => ({ id: e.id, title: e.title, city: e.city, href: entryUrl(id, e.id), mine: vote?.status === "counted" && vote.entryId === e.id })),
    canVote: gate === null && access.vote && vote?.status !== "annulled",
    action: `/competitions/${encodeURIComponent(id)}/vote`,
    receiptHref: receiptCheckUrl(),
    resultsHref: access.resultsPublic ? `/competitions/${encodeURIComponent(id)}/results` : null,
    nextHref: rows.length > VOTING_LIMITS.ballotPage && last ? `${base}&after=${encodeEntryKey({ at: last.createdAt, id: last.id })}#ballot-entries` : null,
    firstHref: key ? base : null,
    form,
  };
  const t = c.get("t");
  return render(c, "competitions/ballot", props, { title: t("competitions.voting.ballot.title", { nomination: `${nomination.title} — ${comp.competition.title}` }), status });
}

votingPages.get("/competitions/receipt", async (c) => {
  const typed = c.req.query("code");
  const t = c.get("t");
  const title = t("competitions.voting.check.title");
  const show = (props: ReceiptCheckPageProps, status = 200) => render(c, "competitions/receipt-check", props, { title, status });
  if (typed === undefined || typed.trim() === "") return show({ state: "empty", form: emptyForm(), result: null });
  const code = normaliseReceipt(typed);
  if (!code) return show({ state: "invalid", form: { values: { code: typed.slice(0, 64) }, errors: [{ field: "code", reason: t("competitions.voting.check.invalid") }] }, result: null }, 422);
  return handleForm(
    c,
    { code },
    async () => {
      // Per address: the check is anonymous, and guessing codes is what the limit is against.
      await enforce(c, limitsFor(c).receipt, clientIp(c));
      const r = await checkReceipt(ctxOf(c), code);
      if (!r) return show({ state: "unknown", form: { values: { code }, errors: [] }, result: null }, 404);
      return show({
        state: "found",
        form: { values: { code }, errors: [] },
        result: {
          receipt: r.receipt,
          status: r.status,
          competitionTitle: r.competitionTitle,
          competitionHref: competitionUrl(r.competitionId),
          nominationTitle: r.nominationTitle,
          entryTitle: r.entryTitle,
          at: r.at,
          replacedAt: r.replacedAt,
          annulledAt: r.annulledAt,
          reason: r.reason,
        },
      });
    },
    (form, status) => show({ state: "empty", form: { ...form, values: { code } }, result: null }, status),
  );
});

votingPages.get("/competitions/:id/vote", (c) => ballotResponse(c, c.req.param("id"), c.req.query("nomination") || undefined, c.req.query("after"), emptyForm()));

/** The vote form: a page with the receipt code on success, the ballot with the reason otherwise. */
votingPages.post("/competitions/:id/vote", async (c) => {
  const id = c.req.param("id");
  const values = await formFields(c);
  const nomination = values.nomination || undefined;
  const user = c.get("user");
  if (!user) return signIn(c, ballotUrl(id, nomination));
  return handleForm(
    c,
    values,
    async () => {
      await enforce(c, limitsFor(c).ballot, user.id);
      const input = parse(CastInput, values);
      const r = await castVote(ctxOf(c), user, id, input.entryId, await networkOf(c));
      return castReceiptResponse(c, id, r);
    },
    (form, status) => ballotResponse(c, id, nomination, undefined, form as FormState<{ entryId: string }>, status),
  );
});

/**
 * The receipt, shown once: in the response to the vote itself (no redirect, so the code never sits in
 * a URL or the history). Sending the form again gives the same code: the vote is already there.
 */
function castReceiptResponse(c: C, id: string, r: CastResult) {
  const t = c.get("t");
  const props: CastReceiptPageProps = {
    competition: link(r.competition),
    outcome: r.outcome,
    nominationTitle: r.nominationTitle,
    entryTitle: r.entryTitle,
    entryHref: entryUrl(id, r.entryId),
    receipt: r.receipt,
    at: r.changedAt,
    checkHref: receiptCheckUrl(),
    ballotHref: ballotUrl(id, r.nominationId),
    nominations: tabs(r.nominations, r.nominationId, (n) => ballotUrl(id, n.id), new Set([r.nominationId])),
  };
  const res = render(c, "competitions/vote-receipt", props, { title: t(`competitions.voting.cast.title.${r.outcome}`) });
  return res;
}

const REPORT_DONE: MessageKey[] = ["competitions.voting.annul.done"];
const doneOf = (c: C) => {
  const k = c.req.query("done") as MessageKey | undefined;
  return k && REPORT_DONE.includes(k) ? k : undefined;
};

/** The anomaly report of one nomination (the organiser's admins). */
votingPages.get("/competitions/:id/votes", async (c) => {
  const id = c.req.param("id");
  const user = c.get("user");
  if (!user) return signIn(c, here(c));
  const q = parse(ReportQuery, { nomination: c.req.query("nomination") || undefined, before: c.req.query("before") || undefined });
  const r = await votesReport(ctxOf(c), user, id, q);
  const l = r.loaded;
  const base = votesReportUrl(id, r.nomination.id);
  const props: VotesReportPageProps = {
    competition: link(l.row),
    nominations: tabs(l.nominations, r.nomination.id, (n) => votesReportUrl(id, n.id), new Set()),
    nomination: { id: r.nomination.id, title: r.nomination.title },
    counted: r.counted,
    hours: r.hours.map((h) => ({
      ...h,
      at: h.hour * HOUR_MS,
      votesHref: h.votes > 0 ? votesListUrl(id, r.nomination.id, { hour: h.hour }) : null,
      freshHref: h.fresh > 0 ? votesListUrl(id, r.nomination.id, { hour: h.hour, fresh: true }) : null,
    })),
    olderHref: r.older !== null ? `${base}&before=${r.older}#hours-title` : null,
    newestHref: q.before !== undefined ? `${base}#hours-title` : null,
    networks: r.networks.map((n) => ({ ...n, href: votesListUrl(id, r.nomination.id, { network: n.network }) })),
    thresholds: { newAccountHours: r.thresholds.newAccountHours, burstMinNew: r.thresholds.burstMinNew, burstSharePercent: Math.round(r.thresholds.burstShare * 100), networkMinVoters: r.thresholds.networkMinVoters },
    canAnnul: l.access.examineVotes,
  };
  return render(c, "competitions/votes-report", props, { title: c.get("t")("competitions.voting.report.title", { nomination: r.nomination.title }), flash: doneOf(c) });
});

/** The votes behind a figure of the report: an hour, its new accounts, or a network. */
votingPages.get("/competitions/:id/votes/list", async (c) => {
  const id = c.req.param("id");
  const user = c.get("user");
  if (!user) return signIn(c, here(c));
  const q = parse(ListQuery, { nomination: c.req.query("nomination"), hour: c.req.query("hour") || undefined, fresh: c.req.query("fresh") || undefined, network: c.req.query("network") || undefined, after: c.req.query("after") });
  if (q.hour === undefined && !q.network) throw notFound();
  const filter: VotesFilter = q.network ? { network: q.network } : { hour: q.hour!, fresh: q.fresh === "1" };
  const key = decodeLogCursor(q.after);
  const r = await listVotes(ctxOf(c), user, id, q.nomination, filter, key);
  const base = votesListUrl(id, r.nomination.id, q.network ? { network: q.network } : { hour: q.hour, fresh: q.fresh === "1" });
  const back = here(c);
  const props: VotesListPageProps = {
    competition: link(r.loaded.row),
    nomination: { id: r.nomination.id, title: r.nomination.title },
    filter: "network" in filter ? { kind: "network", network: filter.network } : { kind: "hour", at: filter.hour * HOUR_MS, fresh: filter.fresh },
    items: r.items.map((v) => ({
      at: v.at,
      event: v.event,
      voterName: v.voterName,
      accountAgeHours: v.accountAgeHours,
      entryTitle: v.entryTitle,
      entryHref: entryUrl(id, v.entryId),
      current: v.current,
      annulHref: v.annullable ? annulUrl(id, r.nomination.id, v.voterId, back) : null,
    })),
    reportHref: votesReportUrl(id, r.nomination.id),
    nextHref: r.next ? `${base}&after=${r.next}` : null,
    firstHref: key ? base : null,
  };
  const t = c.get("t");
  return render(c, "competitions/votes-list", props, { title: t("competitions.voting.report.title", { nomination: r.nomination.title }), flash: doneOf(c) });
});

async function annulPageResponse(c: C, id: string, user: SessionUser, nominationId: string, voterId: string, back: string, form: FormState<{ reason: string }>, status = 200) {
  const target = await annulTarget(ctxOf(c), user, id, nominationId, voterId);
  const props: AnnulPageProps = {
    competition: link(target.loaded.row),
    nomination: { id: target.nomination.id, title: target.nomination.title },
    voter: target.voter,
    vote: { entryTitle: target.entryTitle, changedAt: target.vote.changedAt },
    action: `/competitions/${encodeURIComponent(id)}/votes/annul`,
    back,
    reasonMax: VOTING_LIMITS.reasonMax,
    form,
  };
  return render(c, "competitions/vote-annul", props, { title: c.get("t")("competitions.voting.annul.title"), status });
}

votingPages.get("/competitions/:id/votes/annul", async (c) => {
  const id = c.req.param("id");
  const user = c.get("user");
  if (!user) return signIn(c, here(c));
  const nominationId = c.req.query("nomination") ?? "";
  const back = safeNext(c.req.query("back")) ?? votesReportUrl(id, nominationId);
  return annulPageResponse(c, id, user, nominationId, c.req.query("voter") ?? "", back, emptyForm());
});

votingPages.post("/competitions/:id/votes/annul", async (c) => {
  const id = c.req.param("id");
  const values = await formFields(c);
  const user = c.get("user");
  if (!user) return signIn(c, votesReportUrl(id, values.nominationId));
  const back = safeNext(values.back) ?? votesReportUrl(id, values.nominationId);
  return handleForm(
    c,
    values,
    async () => {
      await annulVote(ctxOf(c), user, id, parse(AnnulInput, values));
      const path = back.split("#")[0].replace(/([?&])done=[^&]*&?/, "$1").replace(/[?&]$/, "");
      return c.redirect(`${path}${path.includes("?") ? "&" : "?"}done=competitions.voting.annul.done`, 303);
    },
    (form, status) => annulPageResponse(c, id, user, values.nominationId ?? "", values.voterId ?? "", back, form as FormState<{ reason: string }>, status),
  );
});
