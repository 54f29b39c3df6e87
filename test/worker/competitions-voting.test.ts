import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../worker/accounts/session-user";
import { d1BallotBox } from "../../worker/competitions/voting/ballot-box";
import { HOUR_MS, NETWORK_MIN_VOTERS } from "../../worker/competitions/voting/anomalies";
import { networkHash } from "../../worker/competitions/voting/network";
import { newReceiptCode, RECEIPT_PATTERN } from "../../worker/competitions/voting/receipt-code";
import { castVote } from "../../worker/competitions/voting/service";
import { makeDb } from "../../worker/db/client";
import { Problem } from "../../worker/http/problem";
import { Browser } from "./client";
import { seedCompetition, seedEntries, setInstant, timesFor, type SeededCompetition } from "./competition-fixtures";
import { count, createOrganiser, createUser, db, expectProblem, fillRateLimit, grantRole, newActor, row, rows, signedIn, type TestUser } from "./fixtures";
import { ctx, sessionUser, type Actor } from "./proposals-helpers";

const ORG = "voting-org";
const OTHER_ORG = "voting-other-org";
const SALT = (env as any).VOTE_NETWORK_SALT as string;
const box = d1BallotBox(makeDb((env as any).DB));

let admin: Actor;
let otherAdmin: Actor;
let moderator: Actor;

beforeAll(async () => {
  await createOrganiser(ORG);
  await createOrganiser(OTHER_ORG);
  admin = await newActor({ displayName: "Секретариат МАГ" });
  otherAdmin = await newActor({ displayName: "Чужой организатор" });
  moderator = await newActor({ displayName: "Модератор МАГ" });
  await grantRole(admin.user.id, "organiser_admin", ORG);
  await grantRole(otherAdmin.user.id, "organiser_admin", OTHER_ORG);
  await grantRole(moderator.user.id, "moderator", ORG);
});

interface Fixture {
  c: SeededCompetition;
  /** Admitted entries of the first nomination. */
  a: string;
  b: string;
  third: string;
  /** Admitted entry of the second nomination. */
  d: string;
  withdrawn: string;
  rejected: string;
  hidden: string;
}

/** A competition in the voting stage with entries in every state. */
async function votingCompetition(stage: "voting" | "evaluation" | "results" = "voting", opts: { resultsPublishedAt?: number } = {}): Promise<Fixture> {
  const c = await seedCompetition({ organiserId: ORG, createdBy: admin.user.id, stage, resultsPublishedAt: opts.resultsPublishedAt ?? null });
  const [n1, n2] = c.nominationIds;
  const by = admin.user.id;
  const [a, b, third, d, withdrawn, rejected, hidden] = await seedEntries(c, [
    { nominationId: n1, submittedBy: by, title: "Двор для всех" },
    { nominationId: n1, submittedBy: by, title: "Сквер у реки" },
    { nominationId: n1, submittedBy: by, title: "Зелёная улица" },
    { nominationId: n2, submittedBy: by, title: "Соседский центр" },
    { nominationId: n1, submittedBy: by, title: "Отозванная", status: "withdrawn" },
    { nominationId: n1, submittedBy: by, title: "Не допущенная", status: "rejected" },
    { nominationId: n1, submittedBy: by, title: "Скрытая" },
  ]);
  await db.prepare("UPDATE competition_entries SET hidden_at = ? WHERE id = ?").bind(Date.now(), hidden).run();
  await db.prepare("UPDATE competition_nominations SET entry_count = entry_count - 1 WHERE id = ?").bind(n1).run();
  return { c, a, b, third, d, withdrawn, rejected, hidden };
}

const vote = (b: Browser, f: Fixture, entryId: string) => b.api(`/competitions/${f.c.id}/votes`, { json: { entryId } });
const entryVotes = async (id: string) => (await row<{ n: number }>("SELECT vote_count AS n FROM competition_entries WHERE id = ?", id))!.n;
const nominationVotes = async (id: string) => (await row<{ n: number }>("SELECT vote_count AS n FROM competition_nominations WHERE id = ?", id))!.n;

/** Every counter of a competition equals the vote rows it counts (and the log tells the same story). */
async function expectCountersMatchRows(competitionId: string) {
  const entries = await rows<{ id: string; vote_count: number; counted: number }>(
    "SELECT e.id, e.vote_count, (SELECT count(*) FROM competition_votes v WHERE v.entry_id = e.id AND v.status = 'counted') AS counted FROM competition_entries e WHERE e.competition_id = ?",
    competitionId,
  );
  for (const e of entries) expect(e.vote_count, e.id).toBe(e.counted);
  const noms = await rows<{ id: string; vote_count: number; counted: number }>(
    "SELECT n.id, n.vote_count, (SELECT count(*) FROM competition_votes v WHERE v.nomination_id = n.id AND v.status = 'counted') AS counted FROM competition_nominations n WHERE n.competition_id = ?",
    competitionId,
  );
  for (const n of noms) expect(n.vote_count, n.id).toBe(n.counted);
}

async function castOk(res: Response) {
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { outcome: string; receipt: string; nominationId: string; entryId: string; changedAt: number; castAt: number };
}

/** The session user the routes would see (for calling the use case directly). */
const asVoter = (u: TestUser, over: Partial<SessionUser> = {}): SessionUser => ({ ...sessionUser(u), ...over });

describe("casting a vote", () => {
  it("records one vote: the row, the log (hashed network, account age), the entry's and the nomination's counters, and a receipt", async () => {
    const f = await votingCompetition();
    const voter = await newActor();
    const r = await castOk(await vote(voter, f, f.a));
    expect(r.outcome).toBe("cast");
    expect(r.receipt).toMatch(RECEIPT_PATTERN);
    expect(r.nominationId).toBe(f.c.nominationIds[0]);
    expect(await row("SELECT entry_id, status, receipt, competition_id FROM competition_votes WHERE nomination_id = ? AND voter_id = ?", f.c.nominationIds[0], voter.user.id)).toEqual({
      entry_id: f.a,
      status: "counted",
      receipt: r.receipt,
      competition_id: f.c.id,
    });
    const log = await row<Record<string, unknown>>("SELECT * FROM competition_vote_log WHERE voter_id = ?", voter.user.id);
    const created = (await row<{ created_at: number }>("SELECT created_at FROM users WHERE id = ?", voter.user.id))!.created_at;
    expect(log).toMatchObject({ event: "cast", entry_id: f.a, previous_entry_id: null, receipt: r.receipt, account_created_at: created, actor_id: null });
    // The network is the salted hash of the caller's /24, never the address.
    expect(log!.network).toBe(await networkHash(voter.ip!, SALT));
    expect(log!.network).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(log)).not.toContain(voter.ip!);
    expect(await entryVotes(f.a)).toBe(1);
    expect(await nominationVotes(f.c.nominationIds[0])).toBe(1);
  });

  it("voting for the same entry again changes nothing and answers with the same receipt", async () => {
    const f = await votingCompetition();
    const voter = await newActor();
    const first = await castOk(await vote(voter, f, f.a));
    const again = await castOk(await vote(voter, f, f.a));
    expect(again.outcome).toBe("unchanged");
    expect(again.receipt).toBe(first.receipt);
    expect(await count("competition_vote_log", "voter_id = ?", voter.user.id)).toBe(1);
    expect(await entryVotes(f.a)).toBe(1);
    expect(await nominationVotes(f.c.nominationIds[0])).toBe(1);
  });

  it("a changed vote moves exactly one count: the old entry −1, the new +1, the nomination unchanged; a new receipt", async () => {
    const f = await votingCompetition();
    const [n1] = f.c.nominationIds;
    const others = [await newActor(), await newActor()];
    for (const o of others) await castOk(await vote(o, f, f.a));
    const voter = await newActor();
    const first = await castOk(await vote(voter, f, f.a));
    expect([await entryVotes(f.a), await entryVotes(f.b), await nominationVotes(n1)]).toEqual([3, 0, 3]);
    const changed = await castOk(await vote(voter, f, f.b));
    expect(changed.outcome).toBe("changed");
    expect(changed.receipt).not.toBe(first.receipt);
    expect(changed.castAt).toBe(first.castAt);
    expect([await entryVotes(f.a), await entryVotes(f.b), await nominationVotes(n1)]).toEqual([2, 1, 3]);
    expect(await row("SELECT event, entry_id, previous_entry_id, receipt FROM competition_vote_log WHERE voter_id = ? AND event = 'change'", voter.user.id)).toEqual({
      event: "change",
      entry_id: f.b,
      previous_entry_id: f.a,
      receipt: changed.receipt,
    });
    await expectCountersMatchRows(f.c.id);
  });

  it("one vote per nomination: a vote in another nomination is a vote of its own", async () => {
    const f = await votingCompetition();
    const voter = await newActor();
    await castOk(await vote(voter, f, f.a));
    const other = await castOk(await vote(voter, f, f.d));
    expect(other.outcome).toBe("cast");
    expect(await count("competition_votes", "voter_id = ?", voter.user.id)).toBe(2);
    expect([await nominationVotes(f.c.nominationIds[0]), await nominationVotes(f.c.nominationIds[1])]).toEqual([1, 1]);
    const mine = await voter.api(`/competitions/${f.c.id}/votes/mine`);
    expect(mine.status).toBe(200);
    const items = ((await mine.json()) as { items: Record<string, unknown>[] }).items;
    expect(items.map((i) => i.entryTitle).sort()).toEqual(["Двор для всех", "Соседский центр"]);
    // Receipts are handed out once, when voting; the list does not repeat them.
    expect(JSON.stringify(items)).not.toMatch(/receipt/);
  });
});

describe("exact under concurrency", () => {
  // Straight to the ballot box (the rate limit would turn away all but 30 HTTP requests a minute;
  // it is tested at its edge below, and the same race through HTTP with 25 requests next).
  it("1,000 concurrent identical votes from one person count once", { timeout: 180_000 }, async () => {
    const f = await votingCompetition();
    const voter = await createUser();
    const results = await Promise.all(Array.from({ length: 1000 }, () => box.cast({ competitionId: f.c.id, entryId: f.a, voterId: voter.id, receipt: newReceiptCode(), network: "", now: Date.now() })));
    expect(results.filter((r) => r.kind === "cast")).toHaveLength(1);
    expect(results.filter((r) => r.kind === "unchanged")).toHaveLength(999);
    expect(new Set(results.map((r) => (r.kind === "cast" || r.kind === "unchanged" ? r.vote.receipt : r.kind))).size).toBe(1);
    expect(await count("competition_votes", "voter_id = ?", voter.id)).toBe(1);
    expect(await count("competition_vote_log", "voter_id = ?", voter.id)).toBe(1);
    expect(await entryVotes(f.a)).toBe(1);
    expect(await nominationVotes(f.c.nominationIds[0])).toBe(1);
  });

  it("the same through HTTP: 25 identical requests at once, every one answered 200, one vote", async () => {
    const f = await votingCompetition();
    const voter = await newActor();
    const answers = await Promise.all(Array.from({ length: 25 }, () => vote(voter, f, f.b)));
    const bodies = await Promise.all(answers.map(castOk));
    expect(bodies.filter((b) => b.outcome === "cast")).toHaveLength(1);
    expect(new Set(bodies.map((b) => b.receipt)).size).toBe(1);
    expect(await entryVotes(f.b)).toBe(1);
    expect(await nominationVotes(f.c.nominationIds[0])).toBe(1);
  });

  it("concurrent changes between two entries by many voters end consistent: counters equal rows, the log adds up", async () => {
    const f = await votingCompetition();
    const voters = await Promise.all(Array.from({ length: 10 }, () => createUser()));
    await Promise.all(voters.flatMap((v) => Array.from({ length: 20 }, (_, i) => castVote(ctx(), asVoter(v), f.c.id, i % 2 ? f.a : f.b, ""))));
    await expectCountersMatchRows(f.c.id);
    expect(await nominationVotes(f.c.nominationIds[0])).toBe(10);
    expect((await entryVotes(f.a)) + (await entryVotes(f.b))).toBe(10);
    // Each voter's log: one cast, then changes that alternate, ending at the vote row's entry.
    for (const v of voters) {
      const log = await rows<{ event: string; entry_id: string; previous_entry_id: string | null; receipt: string }>("SELECT event, entry_id, previous_entry_id, receipt FROM competition_vote_log WHERE voter_id = ? ORDER BY rowid", v.id);
      expect(log[0].event).toBe("cast");
      for (let i = 1; i < log.length; i++) {
        expect(log[i].event).toBe("change");
        expect(log[i].previous_entry_id).toBe(log[i - 1].entry_id);
      }
      const current = await row<{ entry_id: string; receipt: string }>("SELECT entry_id, receipt FROM competition_votes WHERE voter_id = ?", v.id);
      expect(current).toEqual({ entry_id: log[log.length - 1].entry_id, receipt: log[log.length - 1].receipt });
    }
    // The repair tool finds nothing to repair.
    const before = await rows("SELECT id, vote_count FROM competition_entries WHERE competition_id = ? ORDER BY id", f.c.id);
    await box.recount(f.c.nominationIds[0]);
    expect(await rows("SELECT id, vote_count FROM competition_entries WHERE competition_id = ? ORDER BY id", f.c.id)).toEqual(before);
    expect((await box.tally(f.c.nominationIds[0])).total).toBe(10);
  });
});

describe("the stage, at its edges (the write itself checks it)", () => {
  it("evaluation_closes_at − 1 ms refused, evaluation_closes_at accepted; voting_closes_at − 1 ms accepted, voting_closes_at refused", async () => {
    const f = await votingCompetition();
    const opens = Date.now() - HOUR_MS;
    const closes = Date.now() + HOUR_MS;
    await setInstant(f.c.id, "evaluation_closes_at", opens);
    await setInstant(f.c.id, "voting_closes_at", closes);
    const u = await createUser();
    const voter = asVoter(u);
    const refused = async (p: Promise<unknown>) => {
      const e = await p.then(() => null, (x) => x);
      expect(e).toBeInstanceOf(Problem);
      expect((e as Problem).status).toBe(409);
      expect((e as Problem).code).toBe("voting-closed");
    };
    await refused(castVote(ctx(), voter, f.c.id, f.a, "", opens - 1));
    expect(await count("competition_votes", "voter_id = ?", u.id)).toBe(0);
    expect((await castVote(ctx(), voter, f.c.id, f.a, "", opens)).outcome).toBe("cast");
    expect((await castVote(ctx(), voter, f.c.id, f.b, "", closes - 1)).outcome).toBe("changed");
    await refused(castVote(ctx(), voter, f.c.id, f.a, "", closes));
    expect(await row("SELECT entry_id FROM competition_votes WHERE voter_id = ?", u.id)).toEqual({ entry_id: f.b });
    await expectCountersMatchRows(f.c.id);
  });

  it("the ballot box alone (no page check before it) refuses outside [evaluation_closes_at, voting_closes_at)", async () => {
    const f = await votingCompetition();
    const opens = Date.now() - HOUR_MS;
    const closes = Date.now() + HOUR_MS;
    await setInstant(f.c.id, "evaluation_closes_at", opens);
    await setInstant(f.c.id, "voting_closes_at", closes);
    const u = await createUser();
    const at = (now: number, entryId = f.a) => box.cast({ competitionId: f.c.id, entryId, voterId: u.id, receipt: newReceiptCode(), network: "", now });
    expect(await at(opens - 1)).toEqual({ kind: "refused", because: "stage" });
    expect((await at(opens)).kind).toBe("cast");
    expect((await at(closes - 1, f.b)).kind).toBe("changed");
    expect(await at(closes, f.a)).toEqual({ kind: "refused", because: "stage" });
    await expectCountersMatchRows(f.c.id);
  });

  it("a draft competition takes no votes, and neither do competitions in evaluation or results", async () => {
    for (const stage of ["evaluation", "results"] as const) {
      const f = await votingCompetition(stage);
      const voter = await newActor();
      const body = await expectProblem(await vote(voter, f, f.a), 409);
      expect(body.type).toMatch(/voting-closed$/);
      // The voting dates travel as ISO 8601, like every stage problem of the module.
      const closesAt = String((body as { votingClosesAt?: unknown }).votingClosesAt);
      expect(closesAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Math.abs(Date.parse(closesAt) - timesFor(stage).votingClosesAt)).toBeLessThan(60_000);
      expect(await count("competition_votes", "competition_id = ?", f.c.id)).toBe(0);
    }
    const draft = await seedCompetition({ organiserId: ORG, createdBy: admin.user.id, stage: "voting", status: "draft" });
    const [e] = await seedEntries(draft, [{ nominationId: draft.nominationIds[0], submittedBy: admin.user.id }]);
    await expectProblem(await (await newActor()).api(`/competitions/${draft.id}/votes`, { json: { entryId: e } }), 404);
  });
});

describe("who may vote", () => {
  it("anonymous: 401; unconfirmed e-mail: 403; blocked: 403 — nothing written", async () => {
    const f = await votingCompetition();
    await expectProblem(await new Browser().api(`/competitions/${f.c.id}/votes`, { json: { entryId: f.a }, csrf: true }), 401);
    const unconfirmed = await newActor({ confirmed: false });
    const u = await expectProblem(await vote(unconfirmed, f, f.a), 403);
    expect(u.type).toMatch(/email-unconfirmed$/);
    const blocked = await newActor();
    await db.prepare("UPDATE users SET blocked_until = ? WHERE id = ?").bind(Date.now() + 86400_000, blocked.user.id).run();
    const b = await expectProblem(await vote(blocked, f, f.a), 403);
    expect(b.type).toMatch(/blocked$/);
    expect(await count("competition_vote_log", "competition_id = ?", f.c.id)).toBe(0);
    expect(await entryVotes(f.a)).toBe(0);
  });

  it("the ballot box itself refuses an unconfirmed or blocked voter (a check between the page's and the write's)", async () => {
    const f = await votingCompetition();
    const unconfirmed = await createUser({ confirmed: false });
    expect(await box.cast({ competitionId: f.c.id, entryId: f.a, voterId: unconfirmed.id, receipt: newReceiptCode(), network: "", now: Date.now() })).toEqual({ kind: "refused", because: "voter" });
    const blocked = await createUser();
    await db.prepare("UPDATE users SET blocked_until = ? WHERE id = ?").bind(Date.now() + 60_000, blocked.id).run();
    expect(await box.cast({ competitionId: f.c.id, entryId: f.a, voterId: blocked.id, receipt: newReceiptCode(), network: "", now: Date.now() })).toEqual({ kind: "refused", because: "voter" });
    expect(await count("competition_vote_log", "competition_id = ?", f.c.id)).toBe(0);
  });

  it("a withdrawn, rejected or hidden entry, an entry of another competition, an unknown entry: 422 on entryId, nothing written", async () => {
    const f = await votingCompetition();
    const other = await votingCompetition();
    const voter = await newActor();
    for (const [entryId, code] of [
      [f.withdrawn, "competitions.voting.field.entryNotOpen"],
      [f.rejected, "competitions.voting.field.entryNotOpen"],
      [f.hidden, "competitions.voting.field.entryNotOpen"],
      [other.a, "competitions.voting.field.entryUnknown"],
      ["no-such-entry", "competitions.voting.field.entryUnknown"],
    ]) {
      const body = await expectProblem(await vote(voter, f, entryId), 422);
      expect(body.errors).toEqual([expect.objectContaining({ field: "entryId", code })]);
    }
    await expectProblem(await vote(voter, f, "../etc"), 422);
    expect(await count("competition_vote_log", "voter_id = ?", voter.user.id)).toBe(0);
    // The write refuses them by itself too.
    for (const entryId of [f.hidden, other.a]) expect(await box.cast({ competitionId: f.c.id, entryId, voterId: voter.user.id, receipt: newReceiptCode(), network: "", now: Date.now() })).toEqual({ kind: "refused", because: "entry" });
    await expectCountersMatchRows(f.c.id);
    await expectCountersMatchRows(other.c.id);
  });

  it("the ballot rate limit: the 30th vote in a minute passes, the 31st is refused and writes nothing", async () => {
    const f = await votingCompetition();
    const voter = await newActor();
    await fillRateLimit(`ballot:${voter.user.id}`, 60, 29);
    await castOk(await vote(voter, f, f.a));
    const res = await vote(voter, f, f.b);
    await expectProblem(res, 429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await row("SELECT entry_id FROM competition_votes WHERE voter_id = ?", voter.user.id)).toEqual({ entry_id: f.a });
  });
});

describe("receipts", () => {
  it("counted, then replaced (with when), the new one counted; unknown and malformed codes", async () => {
    const f = await votingCompetition();
    const voter = await newActor();
    const first = await castOk(await vote(voter, f, f.a));
    const anyone = new Browser("ru", "192.0.2.10");
    const check = async (code: string) => anyone.api(`/votes/receipts/${encodeURIComponent(code)}`);
    let res = await check(first.receipt.toLowerCase());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ receipt: first.receipt, status: "counted", entryTitle: "Двор для всех", nominationTitle: "Комфортная городская среда", competitionId: f.c.id, at: first.changedAt, replacedAt: null });
    const second = await castOk(await vote(voter, f, f.b));
    res = await check(first.receipt);
    expect(await res.json()).toMatchObject({ status: "replaced", entryTitle: "Двор для всех", replacedAt: second.changedAt });
    expect(await (await check(second.receipt)).json()).toMatchObject({ status: "counted", entryTitle: "Сквер у реки" });
    const unknown = await expectProblem(await check("0000-0000-0000-0000"), 404);
    expect(unknown.type).toMatch(/receipt-unknown$/);
    const bad = await expectProblem(await check("not-a-code"), 422);
    expect(bad.errors![0].field).toBe("id");
  });

  it("the receipt check page: the form, a found receipt, an unknown one, a malformed one (ru/en)", async () => {
    const f = await votingCompetition();
    const voter = await newActor();
    const r = await castOk(await vote(voter, f, f.a));
    const b = new Browser("ru", "192.0.2.11");
    let html = await (await b.fetch("/competitions/receipt")).text();
    expect(html).toContain("Проверка квитанции");
    const found = await b.fetch(`/competitions/receipt?code=${encodeURIComponent(r.receipt.replace(/-/g, " ").toLowerCase())}`);
    expect(found.status).toBe(200);
    html = await found.text();
    expect(html).toContain("Голос учтён");
    expect(html).toContain("Двор для всех");
    const unknown = await b.fetch("/competitions/receipt?code=ZZZZ-ZZZZ-ZZZZ-ZZZZ");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Квитанция с таким кодом не найдена");
    const bad = await b.fetch("/competitions/receipt?code=%3Cscript%3E");
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Это не код квитанции");
    expect(badHtml).not.toContain("<script>");
    const en = await new Browser("en", "192.0.2.12").fetch(`/competitions/receipt?code=${r.receipt}`);
    expect(await en.text()).toContain("Vote counted");
  });

  it("checking is rate-limited per address against guessing", async () => {
    const b = new Browser("ru", "192.0.2.99");
    await fillRateLimit("receipt:192.0.2.99", 60, 30);
    await expectProblem(await b.api("/votes/receipts/0000-0000-0000-0000"), 429);
    expect((await b.fetch("/competitions/receipt?code=0000-0000-0000-0000")).status).toBe(429);
    // Another address is not held back.
    await expectProblem(await new Browser("ru", "192.0.2.98").api("/votes/receipts/0000-0000-0000-0000"), 404);
  });
});

describe("annulling a vote", () => {
  it("the organiser annuls with a reason: counters, the row, the log, the audit record; the receipt reports it; no new vote there", async () => {
    const f = await votingCompetition();
    const [n1] = f.c.nominationIds;
    const voter = await newActor();
    const r = await castOk(await vote(voter, f, f.a));
    const res = await admin.api(`/competitions/${f.c.id}/votes/annul`, { json: { nominationId: n1, voterId: voter.user.id, reason: "  Массовая регистрация из одной сети  " } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect([await entryVotes(f.a), await nominationVotes(n1)]).toEqual([0, 0]);
    expect(await row("SELECT status, receipt FROM competition_votes WHERE voter_id = ?", voter.user.id)).toEqual({ status: "annulled", receipt: r.receipt });
    expect(await row("SELECT event, entry_id, actor_id, reason, receipt FROM competition_vote_log WHERE voter_id = ? AND event = 'annul'", voter.user.id)).toEqual({
      event: "annul",
      entry_id: f.a,
      actor_id: admin.user.id,
      reason: "Массовая регистрация из одной сети",
      receipt: null,
    });
    expect(await row("SELECT action, organiser_id, reason FROM audit_log WHERE object_type = 'competition_vote' AND object_id = ?", `${n1}:${voter.user.id}`)).toEqual({
      action: "vote.annul",
      organiser_id: ORG,
      reason: "Массовая регистрация из одной сети",
    });
    const receipt = await (await new Browser("ru", "192.0.2.20").api(`/votes/receipts/${r.receipt}`)).json();
    expect(receipt).toMatchObject({ status: "annulled", reason: "Массовая регистрация из одной сети" });
    expect((receipt as { annulledAt: number }).annulledAt).toBeGreaterThan(0);
    // Annulled stays annulled: voting again in that nomination is refused, for any entry.
    for (const e of [f.a, f.b]) {
      const body = await expectProblem(await vote(voter, f, e), 409);
      expect(body.title).toContain("аннулирован");
    }
    // A second annulment finds nothing to annul and writes nothing.
    await expectProblem(await admin.api(`/competitions/${f.c.id}/votes/annul`, { json: { nominationId: n1, voterId: voter.user.id, reason: "ещё раз" } }), 409);
    expect(await count("competition_vote_log", "voter_id = ? AND event = 'annul'", voter.user.id)).toBe(1);
    expect(await count("audit_log", "object_id = ?", `${n1}:${voter.user.id}`)).toBe(1);
    await expectCountersMatchRows(f.c.id);
  });

  it("another organiser's admin, a moderator and the voter cannot annul; a reason is required; nothing changes", async () => {
    const f = await votingCompetition();
    const [n1] = f.c.nominationIds;
    const voter = await newActor();
    await castOk(await vote(voter, f, f.a));
    const body = { nominationId: n1, voterId: voter.user.id, reason: "Подозрительно" };
    for (const who of [otherAdmin, moderator, voter]) await expectProblem(await who.api(`/competitions/${f.c.id}/votes/annul`, { json: body }), 403);
    const noReason = await expectProblem(await admin.api(`/competitions/${f.c.id}/votes/annul`, { json: { ...body, reason: "   " } }), 422);
    expect(noReason.errors![0].field).toBe("reason");
    await expectProblem(await admin.api(`/competitions/${f.c.id}/votes/annul`, { json: { ...body, reason: "x".repeat(1001) } }), 422);
    expect(await row("SELECT status FROM competition_votes WHERE voter_id = ?", voter.user.id)).toEqual({ status: "counted" });
    expect(await entryVotes(f.a)).toBe(1);
  });

  it("after results are published the report stays readable but nothing can be annulled", async () => {
    const f = await votingCompetition();
    const voter = await newActor();
    await castOk(await vote(voter, f, f.a));
    await db.prepare("UPDATE competitions SET evaluation_closes_at = ?, voting_closes_at = ?, results_published_at = ? WHERE id = ?").bind(Date.now() - 3 * HOUR_MS, Date.now() - HOUR_MS, Date.now(), f.c.id).run();
    const body = await expectProblem(await admin.api(`/competitions/${f.c.id}/votes/annul`, { json: { nominationId: f.c.nominationIds[0], voterId: voter.user.id, reason: "Поздно" } }), 409);
    expect(body.title).toContain("до публикации итогов");
    expect((await admin.api(`/competitions/${f.c.id}/votes/report`)).status).toBe(200);
    expect(await entryVotes(f.a)).toBe(1);
  });

  it("the annulment pages: the form, a missing reason shown next to its field, then the list with the vote annulled", async () => {
    const f = await votingCompetition();
    const [n1] = f.c.nominationIds;
    const voter = await newActor({ displayName: "Иван <b>Голосов</b>" });
    await castOk(await vote(voter, f, f.a));
    const hour = Math.floor(Date.now() / HOUR_MS);
    const listUrl = `/competitions/${f.c.id}/votes/list?nomination=${n1}&hour=${hour}`;
    let html = await (await admin.fetch(listUrl)).text();
    expect(html).toContain("Иван &lt;b>Голосов&lt;/b>");
    expect(html).not.toContain("<b>Голосов");
    const annulHref = html.match(/href="(\/competitions\/[^"]+\/votes\/annul\?[^"]+)"/)![1].replace(/&amp;/g, "&");
    const form = await admin.fetch(annulHref);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("Аннулировать голос");
    const back = new URL(annulHref, "https://x").searchParams.get("back")!;
    const refused = await admin.fetch(`/competitions/${f.c.id}/votes/annul`, { form: { nominationId: n1, voterId: voter.user.id, reason: "", back } });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('id="f-reason-error"');
    const done = await admin.fetch(`/competitions/${f.c.id}/votes/annul`, { form: { nominationId: n1, voterId: voter.user.id, reason: "Фиктивная учётная запись", back } });
    expect(done.status).toBe(303);
    const location = done.headers.get("location")!;
    expect(location).toContain("done=competitions.voting.annul.done");
    html = await (await admin.fetch(location)).text();
    expect(html).toContain("Голос аннулирован.");
    expect(html).toContain("аннулирован");
    // Another organiser's admin gets neither the list nor the form.
    expect((await otherAdmin.fetch(listUrl)).status).toBe(403);
    expect((await otherAdmin.fetch(annulHref)).status).toBe(403);
  });
});

describe("the anomaly report", () => {
  it("votes per hour with new accounts' bursts, crowded networks, and the votes behind each figure", async () => {
    const f = await votingCompetition();
    const [n1] = f.c.nominationIds;
    const now = Date.now();
    // 12 accounts created minutes ago (new) and 5 older ones, all voting now.
    const fresh = await Promise.all(Array.from({ length: 12 }, () => createUser()));
    const old = await Promise.all(Array.from({ length: 5 }, () => createUser()));
    for (const u of old) await db.prepare("UPDATE users SET created_at = ? WHERE id = ?").bind(now - 30 * 24 * HOUR_MS, u.id).run();
    // One more account than the threshold from one network; one fewer from another; the rest each from its own.
    const farm = await networkHash("198.51.100.7", SALT);
    const office = await networkHash("203.0.113.5", SALT);
    const own = (i: number) => networkHash(`192.0.${i}.1`, SALT);
    const farmSize = NETWORK_MIN_VOTERS + 1;
    const officeSize = NETWORK_MIN_VOTERS - 1;
    await Promise.all(fresh.map(async (u, i) => castVote(ctx(), asVoter(u), f.c.id, f.a, i < farmSize ? farm : i < farmSize + officeSize ? office : await own(i), now)));
    await Promise.all(old.map(async (u, i) => castVote(ctx(), asVoter(u), f.c.id, f.b, await own(100 + i), now)));

    const res = await admin.api(`/competitions/${f.c.id}/votes/report?nomination=${n1}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const report = (await res.json()) as { counted: number; hours: { hour: number; votes: number; fresh: number; burst: boolean }[]; networks: { network: string; voters: number; votes: number }[]; older: number | null };
    expect(report.counted).toBe(17);
    const thisHour = report.hours.find((h) => h.hour === Math.floor(now / HOUR_MS))!;
    expect(thisHour).toEqual({ hour: Math.floor(now / HOUR_MS), votes: 17, fresh: 12, burst: true });
    expect(report.hours.filter((h) => h.votes > 0)).toHaveLength(1);
    // Voting opened 12 hours ago: 13 hours so far, newest first.
    expect(report.hours).toHaveLength(13);
    expect(report.hours[0].hour).toBeGreaterThan(report.hours[12].hour);
    expect(report.networks).toEqual([{ network: farm, voters: farmSize, votes: farmSize, lastAt: now }]);

    const list = async (q: string) => (await (await admin.api(`/competitions/${f.c.id}/votes/list?nomination=${n1}&${q}`)).json()) as { items: { voterId: string; accountAgeHours: number; current: string; annullable: boolean; entryTitle: string }[]; next: string | null };
    const all = await list(`hour=${thisHour.hour}`);
    expect(all.items).toHaveLength(17);
    const newOnly = await list(`hour=${thisHour.hour}&fresh=1`);
    expect(newOnly.items.map((i) => i.voterId).sort()).toEqual(fresh.map((u) => u.id).sort());
    expect(newOnly.items.every((i) => i.accountAgeHours < 24 && i.current === "counted" && i.annullable)).toBe(true);
    const fromFarm = await list(`network=${farm}`);
    expect(fromFarm.items.map((i) => i.voterId).sort()).toEqual(fresh.slice(0, farmSize).map((u) => u.id).sort());
    expect(fromFarm.items.every((i) => i.entryTitle === "Двор для всех")).toBe(true);

    // The page: the table and the networks, with links to the votes behind them.
    const html = await (await admin.fetch(`/competitions/${f.c.id}/votes?nomination=${n1}`)).text();
    expect(html).toContain("Голоса по часам");
    expect(html).toContain("Всплеск");
    expect(html).toContain(farm);
    expect(html).toContain(`/votes/list?nomination=${n1}&amp;hour=${thisHour.hour}&amp;fresh=1`);
    expect(html).toContain(`/votes/list?nomination=${n1}&amp;network=${farm}`);
    const en = await signedIn(admin.user, "en");
    en.cookies.set("lang", "en");
    expect(await (await en.fetch(`/competitions/${f.c.id}/votes?nomination=${n1}`)).text()).toContain("Votes per hour");
  });

  it("the votes behind a figure are paginated by key: 50 a page, then the rest, none twice", async () => {
    const f = await votingCompetition();
    const [n1] = f.c.nominationIds;
    const now = Date.now();
    const voters = await Promise.all(Array.from({ length: 53 }, () => createUser()));
    await Promise.all(voters.map((u, i) => castVote(ctx(), asVoter(u), f.c.id, f.a, "", now - (i % 3))));
    const hour = Math.floor(now / HOUR_MS);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res = await admin.api(`/competitions/${f.c.id}/votes/list?nomination=${n1}&hour=${hour}${after ? `&after=${after}` : ""}`);
      const body = (await res.json()) as { items: { voterId: string }[]; next: string | null };
      seen.push(...body.items.map((i) => i.voterId));
      after = body.next;
      pages++;
    } while (after && pages < 5);
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(53);
    // The edge of the hour belongs to the next hour.
    expect(seen.length).toBe(53);
  });

  it("only the competition's organiser admins see it, and only from the voting stage on", async () => {
    const f = await votingCompetition();
    for (const who of [otherAdmin, moderator, await newActor()]) {
      await expectProblem(await who.api(`/competitions/${f.c.id}/votes/report`), 403);
      await expectProblem(await who.api(`/competitions/${f.c.id}/votes/list?nomination=${f.c.nominationIds[0]}&hour=1`), 403);
      expect((await who.fetch(`/competitions/${f.c.id}/votes`)).status).toBe(403);
    }
    await expectProblem(await new Browser().api(`/competitions/${f.c.id}/votes/report`), 401);
    expect((await new Browser().fetch(`/competitions/${f.c.id}/votes`)).status).toBe(303);
    const early = await votingCompetition("evaluation");
    await expectProblem(await admin.api(`/competitions/${early.c.id}/votes/report`), 409);
    await expectProblem(await admin.api(`/competitions/${f.c.id}/votes/report?nomination=${early.c.nominationIds[0]}`), 422);
  });
});

describe("the ballot page", () => {
  it("lists the admitted, visible entries with a «Голосовать» button each and no vote counts; the vote's page shows the receipt once", async () => {
    const f = await votingCompetition();
    const [n1] = f.c.nominationIds;
    const voter = await newActor();
    const res = await voter.fetch(`/competitions/${f.c.id}/vote?nomination=${n1}`);
    expect(res.status).toBe(200);
    let html = await res.text();
    for (const t of ["Двор для всех", "Сквер у реки", "Зелёная улица"]) expect(html).toContain(t);
    for (const t of ["Отозванная", "Не допущенная", "Скрытая", "Соседский центр"]) expect(html).not.toContain(t);
    expect(html.match(/>Голосовать</g)).toHaveLength(3);
    expect(html).toContain("за заявку «Двор для всех»");
    expect(html).not.toMatch(/гол\.|Голосов:/);

    const cast = await voter.fetch(`/competitions/${f.c.id}/vote`, { form: { entryId: f.a, nomination: n1 } });
    expect(cast.status).toBe(200);
    html = await cast.text();
    expect(html).toContain("Ваш голос принят");
    const receipt = (await row<{ receipt: string }>("SELECT receipt FROM competition_votes WHERE voter_id = ?", voter.user.id))!.receipt;
    expect(html).toContain(`<code>${receipt}</code>`);
    expect(html).toContain('href="/competitions/receipt"');

    // Back on the ballot: «Ваш голос» marks the choice, the others offer to move the vote; the code is not shown again.
    html = await (await voter.fetch(`/competitions/${f.c.id}/vote?nomination=${n1}`)).text();
    expect(html).toContain("Ваш голос");
    expect(html).toContain("Изменить голос: нажмите кнопку у другой заявки");
    expect(html.match(/Отдать голос этой заявке/g)).toHaveLength(2);
    expect(html).not.toContain(receipt);

    // Changing by the form: the new receipt page.
    const changed = await voter.fetch(`/competitions/${f.c.id}/vote`, { form: { entryId: f.b, nomination: n1 } });
    expect(await changed.text()).toContain("Ваш голос изменён");
    expect(await entryVotes(f.a)).toBe(0);
    expect(await entryVotes(f.b)).toBe(1);
  });

  it("explains instead of buttons: not signed in, unconfirmed e-mail, outside the voting stage; a refused form comes back with the reason", async () => {
    const f = await votingCompetition();
    const [n1] = f.c.nominationIds;
    let html = await (await new Browser().fetch(`/competitions/${f.c.id}/vote?nomination=${n1}`)).text();
    expect(html).toContain(`/signin?next=${encodeURIComponent(`/competitions/${f.c.id}/vote?nomination=${n1}`)}`);
    expect(html).not.toContain(">Голосовать<");
    const anon = await new Browser().fetch(`/competitions/${f.c.id}/vote`, { form: { entryId: f.a, nomination: n1 } });
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toMatch(/^\/signin\?next=/);

    const unconfirmed = await newActor({ confirmed: false });
    html = await (await unconfirmed.fetch(`/competitions/${f.c.id}/vote`)).text();
    expect(html).toContain("подтвердите адрес электронной почты");
    const refused = await unconfirmed.fetch(`/competitions/${f.c.id}/vote`, { form: { entryId: f.a, nomination: n1 } });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Подтвердите адрес электронной почты, чтобы голосовать");

    const voter = await newActor();
    const bad = await voter.fetch(`/competitions/${f.c.id}/vote`, { form: { entryId: f.hidden, nomination: n1 } });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("За эту заявку нельзя голосовать");

    const later = await votingCompetition("evaluation");
    html = await (await voter.fetch(`/competitions/${later.c.id}/vote`)).text();
    expect(html).toContain("Голосование ещё не началось");
    expect(html).not.toContain(">Голосовать<");
    const over = await votingCompetition("results");
    html = await (await voter.fetch(`/competitions/${over.c.id}/vote`)).text();
    expect(html).toContain("Голосование завершилось");
    const en = await signedIn(voter.user, "en");
    en.cookies.set("lang", "en");
    expect(await (await en.fetch(`/competitions/${f.c.id}/vote`)).text()).toContain("Public vote: Комфортная городская среда");
  });

  it("is paginated by key, 50 entries a page, in the order they were entered", async () => {
    const c = await seedCompetition({ organiserId: ORG, createdBy: admin.user.id, stage: "voting" });
    const base = Date.now() - 1000;
    await seedEntries(c, Array.from({ length: 55 }, (_, i) => ({ nominationId: c.nominationIds[0], submittedBy: admin.user.id, title: `Практика №${String(i + 1).padStart(2, "0")}`, createdAt: base + i })));
    const b = await newActor();
    const first = await (await b.fetch(`/competitions/${c.id}/vote`)).text();
    expect(first.match(/Практика №\d\d/g)!.filter((x, i, a) => a.indexOf(x) === i)).toHaveLength(50);
    expect(first).toContain("Практика №50");
    expect(first).not.toContain("Практика №51");
    const next = first.match(/href="([^"]*after=[^"#]+)/)![1].replace(/&amp;/g, "&");
    const second = await (await b.fetch(next)).text();
    expect(second.match(/Практика №\d\d/g)!.filter((x, i, a) => a.indexOf(x) === i)).toEqual(["Практика №51", "Практика №52", "Практика №53", "Практика №54", "Практика №55"]);
    // An unknown nomination of this competition is not found.
    expect((await b.fetch(`/competitions/${c.id}/vote?nomination=nope`)).status).toBe(404);
  });
});
