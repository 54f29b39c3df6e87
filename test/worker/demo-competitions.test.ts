import { beforeAll, describe, expect, it } from "vitest";
import { contentFromProposal } from "../../worker/competitions/entries/rules";
import { rankNomination } from "../../worker/competitions/results/ranking";
import { expertTotal, juryFacts } from "../../worker/competitions/scoring/rules";
import { stageAt } from "../../worker/competitions/stages";
import { ftsQuery } from "../../worker/library/stemming";
import { count, db, row, rows } from "./fixtures";

/**
 * The demo competitions and library (scripts/demo/competitions.ts, library.ts) loaded into this test's
 * D1 the way `npm start` loads them, with the accounts and proposals they refer to: every stage has a
 * competition, every counter equals its rows, jury facts and results are what the module's own rules
 * give, and loading twice changes nothing.
 *
 * The demo scripts import with `.ts` paths (Node's type stripping runs them), which the worker's
 * tsconfig does not accept: a computed specifier keeps tsc out of them while vite loads them.
 */
const script = (name: string) => import(/* @vite-ignore */ `../../scripts/demo/${name}.ts`);

const NOW = Date.now();
let statements: string[] = [];
let ids: Record<"results" | "evaluation" | "voting" | "entry" | "announced", string>;
let receipt: string;

async function run(list: string[]) {
  for (let i = 0; i < list.length; i += 50) await db.batch(list.slice(i, i + 50).map((s) => db.prepare(s)));
}

const TABLES = [
  "users",
  "organisations",
  "proposals",
  "competitions",
  "competition_nominations",
  "competition_criteria",
  "competition_entries",
  "competition_experts",
  "competition_conflicts",
  "competition_assignments",
  "competition_scores",
  "competition_votes",
  "competition_vote_log",
  "competition_results",
  "moderation_items",
  "practices",
  "practices_fts",
  "audit_log",
  "notifications",
  "role_grants",
];

beforeAll(async () => {
  const [accounts, proposals, competitions, library] = await Promise.all([script("accounts"), script("proposals"), script("competitions"), script("library")]);
  // A hash no password matches: these tests never sign in, and PBKDF2 would only slow them down.
  const hash = "pbkdf2-sha256$1$AAAA$AAAA";
  statements = [...accounts.accountsDemoSql(NOW, hash), ...proposals.proposalsDemoSql(NOW), ...competitions.competitionsDemoSql(NOW, hash), ...library.libraryDemoSql(NOW)];
  ids = competitions.DEMO_COMPETITIONS;
  receipt = competitions.buildDemoCompetitions(NOW).receipt;
  await run(statements);
});

describe("demo competitions", () => {
  it("has a published competition in each stage a visitor meets, the cached stage agreeing with the instants", async () => {
    const list = await rows<any>("SELECT * FROM competitions WHERE id LIKE 'demo-comp-%'");
    expect(list).toHaveLength(5);
    for (const [stage, id] of Object.entries(ids)) {
      const c = list.find((x) => x.id === id);
      expect(c.status).toBe("published");
      const t = { entryOpensAt: c.entry_opens_at, entryClosesAt: c.entry_closes_at, checkClosesAt: c.check_closes_at, evaluationClosesAt: c.evaluation_closes_at, votingClosesAt: c.voting_closes_at };
      expect(stageAt(t, NOW), id).toBe(stage);
      expect(c.stage).toBe(stage);
    }
    const results = list.find((x) => x.id === ids.results);
    expect(results.results_published_at).toBeLessThan(NOW);
    expect(results.results_computed_at).toBeLessThanOrEqual(results.results_published_at);
    // Мэрия Новосибирска's contest: nobody in the demo administers that organiser, so the platform admin created it.
    expect(list.find((x) => x.id === ids.voting)).toMatchObject({ organiser_id: "org-nsk", created_by: "demo-u-mayor" });
  });

  it("keeps every counter equal to its rows", async () => {
    const nominations = await rows<any>(
      `SELECT n.id, n.entry_count, n.vote_count,
         (SELECT count(*) FROM competition_entries e WHERE e.nomination_id = n.id AND e.status = 'admitted' AND e.hidden_at IS NULL) AS admitted,
         (SELECT count(*) FROM competition_votes v WHERE v.nomination_id = n.id AND v.status = 'counted') AS counted,
         (SELECT coalesce(sum(e.vote_count), 0) FROM competition_entries e WHERE e.nomination_id = n.id) AS entry_votes
       FROM competition_nominations n WHERE n.competition_id LIKE 'demo-comp-%'`,
    );
    expect(nominations.length).toBe(13);
    for (const n of nominations) {
      expect(n.entry_count, n.id).toBe(n.admitted);
      expect(n.vote_count, n.id).toBe(n.counted);
      expect(n.vote_count, n.id).toBe(n.entry_votes);
    }
    const entries = await rows<any>(
      "SELECT e.id, e.vote_count, (SELECT count(*) FROM competition_votes v WHERE v.entry_id = e.id AND v.status = 'counted') AS counted FROM competition_entries e WHERE e.competition_id LIKE 'demo-comp-%'",
    );
    for (const e of entries) expect(e.vote_count, e.id).toBe(e.counted);
    const experts = await rows<any>(
      `SELECT x.competition_id, x.user_id, x.assigned_count, x.submitted_count,
         (SELECT count(*) FROM competition_assignments a WHERE a.competition_id = x.competition_id AND a.expert_id = x.user_id) AS assigned,
         (SELECT count(*) FROM competition_assignments a WHERE a.competition_id = x.competition_id AND a.expert_id = x.user_id AND a.status = 'submitted') AS submitted
       FROM competition_experts x WHERE x.competition_id LIKE 'demo-comp-%'`,
    );
    expect(experts.length).toBe(14);
    for (const x of experts) {
      expect(x.assigned_count, `${x.competition_id} ${x.user_id}`).toBe(x.assigned);
      expect(x.submitted_count, `${x.competition_id} ${x.user_id}`).toBe(x.submitted);
    }
    // Every expert of a competition holds the expert role scoped to it.
    expect(await count("competition_experts x", "x.competition_id LIKE 'demo-comp-%' AND NOT EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = x.user_id AND g.role = 'expert' AND g.scope = x.competition_id)")).toBe(0);
  });

  it("holds jury facts and experts' totals that the scoring rules give from the score rows", async () => {
    const competitions = await rows<any>("SELECT id, precision, spread_threshold FROM competitions WHERE id LIKE 'demo-comp-%'");
    for (const c of competitions) {
      const criteria = (await rows<any>("SELECT id, weight, scale_min, scale_max, comment_below FROM competition_criteria WHERE competition_id = ?", c.id)).map((k) => ({
        id: k.id,
        weight: k.weight,
        scaleMin: k.scale_min,
        scaleMax: k.scale_max,
        commentBelow: k.comment_below,
      }));
      const assignments = await rows<any>("SELECT * FROM competition_assignments WHERE competition_id = ?", c.id);
      const scores = await rows<any>("SELECT s.* FROM competition_scores s JOIN competition_assignments a ON a.entry_id = s.entry_id AND a.expert_id = s.expert_id WHERE a.competition_id = ?", c.id);
      const totals = new Map<string, number[]>();
      for (const a of assignments) {
        const mine = scores.filter((s) => s.entry_id === a.entry_id && s.expert_id === a.expert_id);
        if (a.status === "submitted") {
          expect(mine).toHaveLength(criteria.length);
          // A submitted sheet carries the comments the criteria require.
          for (const s of mine) {
            const k = criteria.find((x) => x.id === s.criterion_id)!;
            if (k.commentBelow !== null && s.score < k.commentBelow) expect(s.comment).not.toBe("");
          }
          const total = expertTotal(criteria, Object.fromEntries(mine.map((s) => [s.criterion_id, s.score])));
          expect(a.total).toBe(total);
          totals.set(a.entry_id, [...(totals.get(a.entry_id) ?? []), total!]);
        } else {
          expect(a.total).toBeNull();
          expect(mine.length).toBeLessThan(criteria.length);
          if (a.status === "assigned") expect(mine).toHaveLength(0);
        }
      }
      const entries = await rows<any>("SELECT * FROM competition_entries WHERE competition_id = ?", c.id);
      for (const e of entries) {
        const facts = juryFacts(totals.get(e.id) ?? [], { precision: c.precision, spreadThreshold: c.spread_threshold });
        expect({ experts: e.jury_experts, score: e.jury_score, spread: e.jury_spread, flagged: !!e.flagged }, e.id).toEqual(facts);
      }
    }
  });

  it("never assigns an expert an entry of their own city or a declared conflict, and gives every admitted entry the minimum", async () => {
    const bad = await rows(
      `SELECT a.entry_id, a.expert_id FROM competition_assignments a
         JOIN competition_entries e ON e.id = a.entry_id JOIN competition_experts x ON x.competition_id = a.competition_id AND x.user_id = a.expert_id
       WHERE a.competition_id LIKE 'demo-comp-%' AND (lower(x.city) = lower(e.city) OR x.declared_at IS NULL
         OR EXISTS (SELECT 1 FROM competition_conflicts k WHERE k.expert_id = a.expert_id AND k.entry_id = a.entry_id))`,
    );
    expect(bad).toEqual([]);
    const short = await rows(
      `SELECT e.id FROM competition_entries e JOIN competitions c ON c.id = e.competition_id
       WHERE c.id IN (?, ?, ?) AND e.status = 'admitted' AND (SELECT count(*) FROM competition_assignments a WHERE a.entry_id = e.id) < c.min_experts`,
      ids.results,
      ids.evaluation,
      ids.voting,
    );
    expect(short).toEqual([]);
  });

  it("publishes 2025 results that rankNomination computes from the entries, with a tie the jury score decided and one entry flagged with a fourth expert", async () => {
    const c = await row<any>("SELECT * FROM competitions WHERE id = ?", ids.results);
    const nominations = await rows<any>("SELECT id FROM competition_nominations WHERE competition_id = ?", ids.results);
    let decided = 0;
    for (const n of nominations) {
      const entries = await rows<any>("SELECT * FROM competition_entries WHERE nomination_id = ? AND status = 'admitted'", n.id);
      expect(entries.length).toBeGreaterThanOrEqual(6);
      const expected = rankNomination(
        entries.map((e) => ({ id: e.id, juryScore: e.jury_score, juryExperts: e.jury_experts, votes: e.vote_count, createdAt: e.created_at })),
        {
          juryWeight: c.jury_weight,
          publicWeight: c.public_weight,
          juryNormalisation: c.jury_normalisation,
          publicNormalisation: c.public_normalisation,
          precision: c.precision,
          tieBreak: JSON.parse(c.tie_break),
          winners: c.winners,
          minExperts: c.min_experts,
        },
      );
      const stored = await rows<any>("SELECT * FROM competition_results WHERE nomination_id = ? ORDER BY rank, entry_id", n.id);
      expect(
        stored.map((r) => ({ id: r.entry_id, juryScore: r.jury_score, votes: r.votes, juryPart: r.jury_part, publicPart: r.public_part, total: r.total, rank: r.rank, winner: !!r.winner, decidedBy: r.decided_by })),
      ).toEqual(expected.map((r) => ({ id: r.id, juryScore: r.juryScore, votes: r.votes, juryPart: r.juryPart, publicPart: r.publicPart, total: r.total, rank: r.rank, winner: r.winner, decidedBy: r.decidedBy })));
      decided += expected.filter((r) => r.decidedBy === "jury").length;
    }
    expect(decided).toBe(1);
    const flagged = await rows<any>("SELECT id, jury_experts FROM competition_entries WHERE competition_id = ? AND flagged = 1", ids.results);
    expect(flagged).toHaveLength(1);
    expect(flagged[0].jury_experts).toBe(4);
    expect(await count("competition_assignments", "entry_id = ? AND reason = 'flag' AND status = 'submitted'", flagged[0].id)).toBe(1);
    // An annulled vote stays recorded and is not counted.
    expect(await count("competition_votes", "competition_id = ? AND status = 'annulled'", ids.results)).toBe(1);
    expect(await count("competition_vote_log", "competition_id = ? AND event = 'annul' AND reason IS NOT NULL AND actor_id IS NOT NULL", ids.results)).toBe(1);
  });

  it("shows expert@ mid-evaluation in 2026: a declared conflict, submitted sheets, one draft, entries still to score; one entry refused with a reason, one withdrawn", async () => {
    const expert = await row<any>("SELECT * FROM competition_experts WHERE competition_id = ? AND user_id = 'demo-u-expert'", ids.evaluation);
    expect(expert.declared_at).not.toBeNull();
    expect(await count("competition_conflicts", "competition_id = ? AND expert_id = 'demo-u-expert' AND reason <> ''", ids.evaluation)).toBe(1);
    const states = Object.fromEntries(
      (await rows<any>("SELECT status, count(*) AS n FROM competition_assignments WHERE competition_id = ? AND expert_id = 'demo-u-expert' GROUP BY status", ids.evaluation)).map((r) => [r.status, r.n]),
    );
    expect(states.draft).toBe(1);
    expect(states.submitted).toBeGreaterThanOrEqual(3);
    expect(states.assigned).toBeGreaterThanOrEqual(3);
    expect(await count("competition_entries", "competition_id = ? AND status = 'rejected' AND length(reason) > 20 AND decided_by IS NOT NULL", ids.evaluation)).toBe(1);
    expect(await count("competition_entries", "competition_id = ? AND status = 'withdrawn' AND withdrawn_at IS NOT NULL", ids.evaluation)).toBe(1);
    // A late expert, not declared yet, has nothing; one entry is flagged while the evaluation goes on.
    expect(await row("SELECT assigned_count FROM competition_experts WHERE competition_id = ? AND declared_at IS NULL", ids.evaluation)).toEqual({ assigned_count: 0 });
    expect(await count("competition_entries", "competition_id = ? AND flagged = 1", ids.evaluation)).toBe(1);
    expect(await count("competition_votes", "competition_id = ?", ids.evaluation)).toBe(0);
  });

  it("enters proposals into the ТОС contest and records member@'s vote in one nomination with the receipt `npm start` prints", async () => {
    const entries = await rows<any>("SELECT e.*, p.status AS proposal_status, p.organiser_id AS proposal_organiser FROM competition_entries e JOIN proposals p ON p.id = e.proposal_id WHERE e.competition_id = ?", ids.voting);
    expect(entries.length).toBe(10);
    for (const e of entries) {
      expect(e).toMatchObject({ kind: "proposal", status: "admitted", proposal_status: "published", proposal_organiser: "org-nsk" });
      expect(e.participant).toBe(`o:${e.organisation_id}`);
      // The entry holds what the entries module copies from a proposal.
      const p = await row<any>("SELECT * FROM proposals WHERE id = ?", e.proposal_id);
      const copied = contentFromProposal(
        { title: p.title, problem: p.problem, goal: p.goal, tasks: JSON.parse(p.tasks), expectedResults: p.expected_results, city: p.city, startDate: p.start_date, endDate: p.end_date, budgetRequested: p.budget_requested },
        "",
      );
      expect({ title: e.title, problem: e.problem, actions: e.actions, results: e.results, city: e.city, period: e.period, budget: e.budget }).toEqual(copied);
      // Entered after the proposal was published, while entries were open.
      expect(e.created_at).toBeGreaterThan(p.published_at);
    }
    const mine = await rows<any>("SELECT * FROM competition_votes WHERE competition_id = ? AND voter_id = 'demo-u-member'", ids.voting);
    expect(mine).toHaveLength(1);
    expect(mine[0].receipt).toBe(receipt);
    expect(await row("SELECT event, entry_id FROM competition_vote_log WHERE receipt = ?", receipt)).toEqual({ event: "cast", entry_id: mine[0].entry_id });
    // Every vote in force has its receipt in the log, and every receipt is unique.
    expect(await count("competition_votes v", "v.competition_id LIKE 'demo-comp-%' AND NOT EXISTS (SELECT 1 FROM competition_vote_log l WHERE l.receipt = v.receipt AND l.entry_id = v.entry_id)")).toBe(0);
    expect(await row("SELECT count(*) AS n, count(DISTINCT receipt) AS d FROM competition_vote_log WHERE receipt IS NOT NULL")).toEqual({ n: expect.any(Number), d: (await row<any>("SELECT count(*) AS n FROM competition_vote_log WHERE receipt IS NOT NULL"))!.n });
    // Votes are cast within the voting stage.
    const c = await row<any>("SELECT * FROM competitions WHERE id = ?", ids.voting);
    expect(await count("competition_vote_log", "competition_id = ? AND (at < ? OR at >= ?)", ids.voting, c.evaluation_closes_at, NOW)).toBe(0);
    // The burst from new accounts on one network, for the anomaly report.
    expect(await count("competition_vote_log", "competition_id = ? AND network = '4e7a19c2d05b8f31' AND at - account_created_at < 86400000", ids.voting)).toBe(6);
  });

  it("keeps one entry of the entry-stage competition in the moderation queue, one admitted, one by nko@ for its АНО", async () => {
    const entries = await rows<any>("SELECT id, status, submitted_by, organisation_id FROM competition_entries WHERE competition_id = ? ORDER BY created_at", ids.entry);
    expect(entries.map((e) => e.status)).toEqual(["admitted", "admitted", "submitted"]);
    expect(entries.find((e) => e.submitted_by === "demo-u-nko")).toMatchObject({ organisation_id: "demo-nko" });
    const waiting = entries.find((e) => e.status === "submitted");
    expect(await row("SELECT organiser_id, kind, status FROM moderation_items WHERE target_type = 'entry' AND target_id = ?", waiting.id)).toEqual({ organiser_id: "org-mag", kind: "review", status: "open" });
    expect(await count("competition_entries", "competition_id = ?", ids.announced)).toBe(0);
  });
});

describe("demo library", () => {
  it("holds the 2025 winners and practices added by hand, each with its search row", async () => {
    const winners = await count("competition_results", "competition_id = ? AND winner = 1", ids.results);
    expect(await count("practices", "source = 'entry' AND competition_id = ?", ids.results)).toBe(winners);
    expect(await count("practices p", "p.source = 'entry' AND NOT EXISTS (SELECT 1 FROM competition_results r WHERE r.entry_id = p.entry_id AND r.winner = 1 AND r.rank = p.place)")).toBe(0);
    expect(await count("practices", "source = 'manual'")).toBeGreaterThanOrEqual(25);
    const years = await rows<any>("SELECT DISTINCT year FROM practices ORDER BY year");
    expect(years.map((y) => y.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    expect((await rows("SELECT DISTINCT theme FROM practices")).length).toBeGreaterThanOrEqual(8);
    expect((await rows("SELECT DISTINCT city FROM practices")).length).toBeGreaterThanOrEqual(15);
    expect(await count("practices p", "NOT EXISTS (SELECT 1 FROM practices_fts f WHERE f.rowid = p.rowid AND f.practice_id = p.id)")).toBe(0);
    expect(await count("practices_fts")).toBe(await count("practices"));
  });

  it("finds «детских площадок» and «дворовых территорий» for «детская площадка» and «дворовая территория»", async () => {
    const search = (q: string) => rows<any>("SELECT p.id, p.title, p.problem, p.actions, p.results FROM practices_fts f JOIN practices p ON p.id = f.practice_id WHERE practices_fts MATCH ?", ftsQuery(q));
    const playgrounds = await search("детская площадка");
    expect(playgrounds.length).toBeGreaterThanOrEqual(5);
    expect(playgrounds.some((p) => `${p.title} ${p.problem} ${p.actions} ${p.results}`.includes("детских площадок"))).toBe(true);
    const yards = await search("дворовая территория");
    expect(yards.some((p) => `${p.title} ${p.problem} ${p.actions} ${p.results}`.includes("дворовых территорий"))).toBe(true);
  });
});

describe("loading the demo again", () => {
  it("adds nothing and changes no counter", async () => {
    const snapshot = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await count(t)])));
    const counters = () => rows("SELECT id, entry_count, vote_count FROM competition_nominations ORDER BY id");
    const before = [await snapshot(), await counters()];
    await run(statements);
    expect([await snapshot(), await counters()]).toEqual(before);
  });
});
