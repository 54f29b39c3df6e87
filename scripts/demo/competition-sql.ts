// Writes one demo competition as SQL: the competition (its five instants refreshed on every load, so
// its stage is right whenever `npm start` runs), nominations, criteria, entries, experts with their
// conflicts, assignments and score sheets, votes with the vote log and receipts, and computed results.
//
// The rules come from the module itself, so the demo is what the portal would have produced:
// assignment (experts/assignment.ts), experts' totals and jury facts (scoring/rules.ts), receipt codes
// (voting/receipt-code.ts). Two rules are written out here because their modules cannot be loaded by
// a script: the ranking (results/ranking.ts imports scoring/rules.ts by a path Node's type stripping
// cannot resolve) and an entry's content from a proposal (entries/rules.ts's types reach the whole
// worker, which the scripts' tsconfig cannot check); test/worker/demo-competitions.test.ts checks both
// against rankNomination and contentFromProposal row by row.
//
// Everything random is drawn from generators seeded by fixed strings: the same demo on every load.
// Rows have fixed ids and ON CONFLICT DO NOTHING (what people did during a demo session stays), and
// every counter is recounted from its rows at the end of each load.
import { assign, eligibleExperts, type AssignEntry, type AssignExpert } from "../../worker/competitions/experts/assignment.ts";
import { expertTotal, juryFacts, roundHalfAway, type CriterionRule } from "../../worker/competitions/scoring/rules.ts";
import type { EntrantKind, EntryStatus, Stage, TieBreak } from "../../worker/competitions/schema.ts";
import type { StageTimes } from "../../worker/competitions/stages.ts";
import { newReceiptCode } from "../../worker/competitions/voting/receipt-code.ts";
import type { Organisation } from "./competition-people.ts";
import { accountCreatedAt } from "./competition-people.ts";
import type { DemoProposal } from "./proposals.ts";
import { q } from "./sql.ts";

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

// ——— Deterministic randomness ———

/** A generator of numbers in [0, 1) seeded by a string (FNV-1a, then mulberry32). */
export function rng(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (r: () => number, digits: number) => Array.from({ length: digits }, () => Math.floor(r() * 16).toString(16)).join("");

// ——— What a demo competition is made of ———

export interface CriterionDef {
  name: string;
  description: string;
  weight: number;
  min: number;
  max: number;
  levels: { score: number; text: string }[];
  commentBelow: number | null;
  /** What experts write: for a low, middling and high score. */
  remarks: [low: string[], mid: string[], high: string[]];
}

export interface EntryDef {
  key: string;
  nomination: number;
  org: Organisation;
  /** An entered proposal (its content is copied as the entries module copies it). */
  proposal?: DemoProposal;
  city?: string;
  title?: string;
  problem?: string;
  actions?: string;
  results?: string;
  period?: string;
  budget?: number | null;
  contact: string;
  status?: EntryStatus;
  /** The moderator's reason for a refusal. */
  reason?: string;
  /** Hours after entries opened. */
  enteredAfterHours: number;
  /** How good experts find it, 0–10 (drives the generated score sheets). */
  quality?: number;
  /** Counted votes (including the special ones aimed at it). */
  votes?: number;
  /** The library's theme, for winners. */
  theme?: string;
}

export interface ExpertDef {
  userId: string;
  city: string;
  addedAt: number;
  declaredAt: number | null;
  conflicts?: { entryKey: string; reason: string }[];
  /** Assigned entries (in entry id order) whose sheets are submitted, then saved as drafts; the rest untouched. Absent: all submitted. */
  submitted?: number;
  drafts?: number;
}

/** A vote of its own: a demo account's (its receipt is shown), a changed one, an annulled one, a burst. */
export interface SpecialVote {
  voterId: string;
  entryKey: string;
  at: number;
  /** A first choice, changed at `at` to `entryKey`. */
  previous?: { entryKey: string; at: number };
  annulled?: { at: number; by: string; reason: string };
  network?: string;
}

export interface CompetitionDef {
  id: string;
  /** Short key for child ids (demo-entry-<key>-…). */
  key: string;
  organiserId: string;
  createdBy: string;
  title: string;
  summary: string;
  rulesText: string;
  /** The stage the instants put it in now (the cached column). */
  stage: Stage;
  eligibility: EntrantKind[];
  entryLimit: number;
  times: StageTimes;
  createdAt: number;
  publishedAt: number;
  minExperts: number;
  spreadThreshold: number;
  precision: number;
  juryWeight: number;
  publicWeight: number;
  juryNormalisation: "scale" | "leader";
  publicNormalisation: "leader" | "share";
  tieBreak: TieBreak[];
  winners: number;
  resultsComputedAt?: number;
  resultsPublishedAt?: number;
  nominations: { title: string; description: string }[];
  criteria: CriterionDef[];
  entries: EntryDef[];
  experts: ExpertDef[];
  /** Who decides entries (the organiser's moderator) and runs the assignment (the organiser's admin). */
  moderatorId: string;
  managerId: string;
  /** Sheets hand-written for an entry: by the entry's experts in id order (a tie or a flag by design). */
  sheets?: Record<string, number[][]>;
  /** An entry flagged for spread gets a further expert (reason 'flag'), who submits too. */
  flagExtra?: { entryKey: string; at: number };
  /** Voters for the ordinary votes (each votes at most once per nomination) and the special votes. */
  voters?: string[];
  specialVotes?: SpecialVote[];
}

export const nominationId = (c: CompetitionDef, i: number) => `demo-nom-${c.key}-${i + 1}`;
export const criterionId = (c: CompetitionDef, i: number) => `demo-crit-${c.key}-${i + 1}`;
export const entryId = (c: CompetitionDef, key: string) => `demo-entry-${c.key}-${key}`;

/** An entry's text: typed for a practice, copied from the proposal for a project (as entries/rules.ts contentFromProposal copies it). */
export function entryContent(e: EntryDef) {
  if (e.proposal) {
    const p = e.proposal;
    const tasks = p.tasks.map((task, i) => `${i + 1}. ${task}`).join("\n");
    const period = p.startDate || p.endDate ? `${p.startDate || "…"} — ${p.endDate || "…"}` : "";
    return { title: p.title, problem: p.problem, actions: [p.goal, tasks].filter(Boolean).join("\n\n"), results: p.expectedResults, city: p.city || e.org.city, period, budget: p.budgetRequested };
  }
  return { title: e.title!, problem: e.problem ?? "", actions: e.actions ?? "", results: e.results ?? "", city: e.city ?? e.org.city, period: e.period ?? "", budget: e.budget ?? null };
}

export const enteredAt = (c: CompetitionDef, e: EntryDef) => c.times.entryOpensAt + e.enteredAfterHours * HOUR;
const statusOf = (e: EntryDef): EntryStatus => e.status ?? "admitted";

// ——— Experts' work ———

interface Sheet {
  entryId: string;
  expertId: string;
  reason: "initial" | "flag";
  status: "assigned" | "draft" | "submitted";
  scores: number[];
  comments: string[];
  total: number | null;
  assignedAt: number;
  updatedAt: number;
  submittedAt: number | null;
}

const rules = (c: CompetitionDef): CriterionRule[] =>
  c.criteria.map((k, i) => ({ id: criterionId(c, i), weight: k.weight, scaleMin: k.min, scaleMax: k.max, commentBelow: k.commentBelow }));

function generatedScores(c: CompetitionDef, e: EntryDef, expertId: string, attempt: number): number[] {
  const r = rng(`${c.id}|${e.key}|${expertId}|${attempt}`);
  const bias = (rng(`bias|${expertId}`)() - 0.5) * 1.2;
  return c.criteria.map((k) => {
    const base = (e.quality ?? 7) + bias + (r() - 0.5) * 2.2;
    return Math.min(k.max, Math.max(k.min, Math.round(k.min + (base / 10) * (k.max - k.min))));
  });
}

function commentsFor(c: CompetitionDef, scores: number[], seed: string): string[] {
  const r = rng(`comments|${seed}`);
  return scores.map((s, i) => {
    const k = c.criteria[i];
    const needed = k.commentBelow !== null && s < k.commentBelow;
    if (!needed && r() < 0.45) return "";
    const share = (s - k.min) / (k.max - k.min);
    const bank = k.remarks[share < 0.45 ? 0 : share < 0.75 ? 1 : 2];
    return bank[Math.floor(r() * bank.length)];
  });
}

/** Assignments (by the module's rule), sheets in the state each expert's plan says, and each entry's jury facts. */
function experts(c: CompetitionDef, now: number): { sheets: Sheet[]; conflicts: { expertId: string; entryId: string }[] } {
  // Before the evaluation there is nobody to assign.
  if (c.experts.length === 0) return { sheets: [], conflicts: [] };
  const admitted = c.entries.filter((e) => statusOf(e) === "admitted");
  const byId = new Map(admitted.map((e) => [entryId(c, e.key), e]));
  const assignEntries: AssignEntry[] = admitted.map((e) => ({ id: entryId(c, e.key), organisationId: e.org.id, city: entryContent(e).city, submittedBy: e.org.repId }));
  const declared = c.experts.filter((x) => x.declaredAt !== null);
  const assignExperts: AssignExpert[] = declared.map((x) => ({ id: x.userId, city: x.city, organisationIds: [] }));
  const conflicts = c.experts.flatMap((x) => (x.conflicts ?? []).map((k) => ({ expertId: x.userId, entryId: entryId(c, k.entryKey) })));
  const { pairs, short } = assign({ entries: assignEntries, experts: assignExperts, conflicts, existing: [], min: c.minExperts });
  if (short.length) throw new Error(`demo competitions: ${c.id} has entries without enough experts`);

  const evalStart = c.times.checkClosesAt;
  const evalEnd = Math.min(c.times.evaluationClosesAt, now) - HOUR;
  const assignedAt = evalStart - 6 * HOUR;
  const sheets: Sheet[] = [];
  const budget = new Map(c.experts.map((x) => [x.userId, { submitted: x.submitted ?? Infinity, drafts: x.drafts ?? 0 }]));
  const onEntry = (id: string) => pairs.filter((p) => p.entryId === id).map((p) => p.expertId).sort();
  // Hand-written sheets are submitted whatever the plan says (they make the tie or the flag).
  const forced = new Set(Object.keys(c.sheets ?? {}).flatMap((key) => onEntry(entryId(c, key)).slice(0, c.sheets![key].length).map((x) => `${entryId(c, key)}|${x}`)));
  for (const p of forced) budget.get(p.split("|")[1])!.submitted--;

  const sorted = [...pairs].sort((a, b) => (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : a.expertId < b.expertId ? -1 : 1));
  let attempt = new Map<string, number>();
  const build = () => {
    sheets.length = 0;
    const left = new Map([...budget].map(([k, v]) => [k, { ...v }]));
    for (const p of sorted) {
      const e = byId.get(p.entryId)!;
      const isForced = forced.has(`${p.entryId}|${p.expertId}`);
      const plan = left.get(p.expertId)!;
      let status: Sheet["status"] = "assigned";
      if (isForced) status = "submitted";
      else if (plan.submitted > 0) {
        status = "submitted";
        plan.submitted--;
      } else if (plan.drafts > 0) {
        status = "draft";
        plan.drafts--;
      }
      const index = onEntry(p.entryId).indexOf(p.expertId);
      const scores = isForced ? c.sheets![e.key][index] : generatedScores(c, e, p.expertId, attempt.get(p.entryId) ?? 0);
      sheets.push(sheet(c, p.entryId, p.expertId, "initial", status, scores, assignedAt, evalStart, evalEnd));
    }
  };
  // A generated sheet must not flag an entry by chance: only the hand-written ones do.
  for (let round = 0; round < 50; round++) {
    build();
    const wrong = admitted.filter((e) => !c.sheets?.[e.key] && juryOf(c, sheets, entryId(c, e.key)).flagged);
    if (!wrong.length) break;
    attempt = new Map(attempt);
    for (const e of wrong) attempt.set(entryId(c, e.key), (attempt.get(entryId(c, e.key)) ?? 0) + 1);
    if (round === 49) throw new Error(`demo competitions: ${c.id} keeps flagging entries by chance`);
  }

  if (c.flagExtra) {
    const id = entryId(c, c.flagExtra.entryKey);
    if (!juryOf(c, sheets, id).flagged) throw new Error(`demo competitions: ${id} is meant to be flagged`);
    const e = byId.get(id)!;
    const existing = sheets.map((s) => ({ entryId: s.entryId, expertId: s.expertId, status: s.status }));
    const load = (x: string) => sheets.filter((s) => s.expertId === x).length;
    const [extra] = eligibleExperts(assignEntries.find((a) => a.id === id)!, assignExperts, conflicts, existing).sort((a, b) => load(a.id) - load(b.id) || (a.id < b.id ? -1 : 1));
    sheets.push(sheet(c, id, extra.id, "flag", "submitted", generatedScores(c, e, extra.id, 0), c.flagExtra.at, c.flagExtra.at + HOUR, c.flagExtra.at + 2 * DAY));
  }
  return { sheets, conflicts };
}

function sheet(c: CompetitionDef, entry: string, expertId: string, reason: Sheet["reason"], status: Sheet["status"], all: number[], assignedAt: number, from: number, to: number): Sheet {
  const r = rng(`time|${entry}|${expertId}`);
  const at = Math.round(from + r() * Math.max(HOUR, to - from));
  // A draft holds the first criteria only: the expert stopped half-way.
  const scores = status === "draft" ? all.slice(0, Math.max(1, Math.floor(all.length / 2))) : status === "assigned" ? [] : all;
  const comments = commentsFor(c, scores, `${entry}|${expertId}`);
  const total = status === "submitted" ? expertTotal(rules(c), Object.fromEntries(scores.map((s, i) => [criterionId(c, i), s]))) : null;
  return { entryId: entry, expertId, reason, status, scores, comments, total, assignedAt, updatedAt: status === "assigned" ? assignedAt : at, submittedAt: status === "submitted" ? at : null };
}

const juryOf = (c: CompetitionDef, sheets: Sheet[], entry: string) =>
  juryFacts(
    sheets.filter((s) => s.entryId === entry && s.status === "submitted").map((s) => s.total!),
    { precision: c.precision, spreadThreshold: c.spreadThreshold },
  );

// ——— Votes ———

interface Vote {
  nominationId: string;
  voterId: string;
  entryId: string;
  status: "counted" | "annulled";
  receipt: string;
  castAt: number;
  changedAt: number;
  log: { event: "cast" | "change" | "annul"; entryId: string; previousEntryId: string | null; receipt: string | null; at: number; actorId: string | null; reason: string | null }[];
  network: string;
}

function votes(c: CompetitionDef, now: number): Vote[] {
  if (!c.voters) return [];
  const r = rng(`votes|${c.id}`);
  const receipts = new Set<string>();
  const receipt = () => {
    for (;;) {
      const code = newReceiptCode((b) => b.map(() => Math.floor(r() * 256)));
      if (!receipts.has(code)) return receipts.add(code), code;
    }
  };
  const from = c.times.evaluationClosesAt;
  const to = Math.min(c.times.votingClosesAt, c.resultsComputedAt ?? Infinity, now) - HOUR;
  const out: Vote[] = [];
  const nominationOf = (key: string) => nominationId(c, c.entries.find((e) => e.key === key)!.nomination);
  for (const s of c.specialVotes ?? []) {
    const eid = entryId(c, s.entryKey);
    const log: Vote["log"] = [];
    let first = receipt();
    if (s.previous) {
      log.push({ event: "cast", entryId: entryId(c, s.previous.entryKey), previousEntryId: null, receipt: first, at: s.previous.at, actorId: null, reason: null });
      first = receipt();
      log.push({ event: "change", entryId: eid, previousEntryId: entryId(c, s.previous.entryKey), receipt: first, at: s.at, actorId: null, reason: null });
    } else log.push({ event: "cast", entryId: eid, previousEntryId: null, receipt: first, at: s.at, actorId: null, reason: null });
    if (s.annulled) log.push({ event: "annul", entryId: eid, previousEntryId: null, receipt: null, at: s.annulled.at, actorId: s.annulled.by, reason: s.annulled.reason });
    out.push({
      nominationId: nominationOf(s.entryKey),
      voterId: s.voterId,
      entryId: eid,
      status: s.annulled ? "annulled" : "counted",
      receipt: first,
      castAt: s.previous?.at ?? s.at,
      changedAt: s.at,
      log,
      network: s.network ?? hex(rng(`net|${s.voterId}`), 16),
    });
  }
  // Ordinary votes: each nomination's voters taken in turn from a rotated list, so nobody votes twice in one nomination.
  c.nominations.forEach((_, n) => {
    const nid = nominationId(c, n);
    const taken = new Set(out.filter((v) => v.nominationId === nid).map((v) => v.voterId));
    const pool = c.voters!.map((_, i) => c.voters![(i + n * 11) % c.voters!.length]).filter((v) => !taken.has(v));
    let next = 0;
    for (const e of c.entries.filter((x) => x.nomination === n && statusOf(x) === "admitted")) {
      const special = out.filter((v) => v.entryId === entryId(c, e.key) && v.status === "counted").length;
      const wanted = (e.votes ?? 0) - special;
      if (wanted < 0 || next + wanted > pool.length) throw new Error(`demo competitions: not enough voters for ${e.key}`);
      for (const voterId of pool.slice(next, next + wanted)) {
        const at = Math.round(from + r() * (to - from));
        const code = receipt();
        out.push({
          nominationId: nid,
          voterId,
          entryId: entryId(c, e.key),
          status: "counted",
          receipt: code,
          castAt: at,
          changedAt: at,
          log: [{ event: "cast", entryId: entryId(c, e.key), previousEntryId: null, receipt: code, at, actorId: null, reason: null }],
          network: hex(rng(`net|${voterId}`), 16),
        });
      }
      next += wanted;
    }
  });
  return out;
}

// ——— Results ———

export interface ResultRow {
  nominationId: string;
  nomination: string;
  entry: EntryDef;
  entryId: string;
  juryScore: number | null;
  juryExperts: number;
  votes: number;
  juryPart: number;
  publicPart: number;
  total: number;
  rank: number;
  winner: boolean;
  decidedBy: TieBreak | null;
}

/** The ranking of one nomination as results/ranking.ts states it (checked against it by the demo test). */
function rankNomination(c: CompetitionDef, list: Omit<ResultRow, "juryPart" | "publicPart" | "total" | "rank" | "winner" | "decidedBy">[]): ResultRow[] {
  const p = c.precision;
  const best = Math.max(0, ...list.map((e) => e.juryScore ?? 0));
  const most = Math.max(0, ...list.map((e) => e.votes));
  const all = list.reduce((s, e) => s + e.votes, 0);
  const base = c.publicNormalisation === "leader" ? most : all;
  const scored = list.map((e) => {
    const juryPart = roundHalfAway(e.juryScore === null ? 0 : c.juryNormalisation === "scale" ? e.juryScore : best > 0 ? (e.juryScore / best) * 100 : 0, p);
    const publicPart = roundHalfAway(base > 0 ? (e.votes / base) * 100 : 0, p);
    return { ...e, juryPart, publicPart, total: roundHalfAway((c.juryWeight * juryPart + c.publicWeight * publicPart) / 100, p) };
  });
  type Scored = (typeof scored)[number];
  const on = (k: TieBreak, a: Scored, b: Scored) =>
    k === "jury" ? (b.juryScore ?? -Infinity) - (a.juryScore ?? -Infinity) || 0 : k === "public" ? b.votes - a.votes : enteredAt(c, a.entry) - enteredAt(c, b.entry);
  const compare = (a: Scored, b: Scored) => (a.total !== b.total ? b.total - a.total : c.tieBreak.map((k) => on(k, a, b)).find((x) => x !== 0) ?? 0);
  const sorted = [...scored].sort((a, b) => compare(a, b) || (a.entryId < b.entryId ? -1 : 1));
  const out: ResultRow[] = [];
  sorted.forEach((e, i) => {
    const above = sorted[i - 1];
    const tied = above && compare(above, e) === 0;
    const rank = tied ? out[i - 1].rank : i + 1;
    const decidedBy = !tied && above && above.total === e.total ? c.tieBreak.find((k) => on(k, above, e) !== 0) ?? null : null;
    out.push({ ...e, rank, winner: rank <= c.winners, decidedBy });
  });
  return out;
}

// ——— The whole competition ———

export interface BuiltCompetition {
  def: CompetitionDef;
  lines: string[];
  results: ResultRow[];
  /** Receipts of the votes in force, by "<nomination id>|<voter id>". */
  receipts: Map<string, string>;
  /** Entries assigned to each expert. */
  assigned: Map<string, number>;
}

export function competitionSql(c: CompetitionDef, now: number): BuiltCompetition {
  const lines: string[] = [];
  const t = c.times;
  const instants = `entry_opens_at = excluded.entry_opens_at, entry_closes_at = excluded.entry_closes_at, check_closes_at = excluded.check_closes_at, evaluation_closes_at = excluded.evaluation_closes_at, voting_closes_at = excluded.voting_closes_at, stage = excluded.stage`;
  lines.push(
    `INSERT INTO competitions (id, organiser_id, title, summary, rules_text, status, stage, eligibility, entry_limit, entry_opens_at, entry_closes_at, check_closes_at, evaluation_closes_at, voting_closes_at, min_experts, spread_threshold, precision, jury_weight, public_weight, jury_normalisation, public_normalisation, tie_break, winners, created_by, created_at, updated_at, published_at, results_computed_at, results_published_at) VALUES (${[
      c.id, c.organiserId, c.title, c.summary, c.rulesText, "published", c.stage, JSON.stringify(c.eligibility), c.entryLimit, t.entryOpensAt, t.entryClosesAt, t.checkClosesAt, t.evaluationClosesAt, t.votingClosesAt,
      c.minExperts, c.spreadThreshold, c.precision, c.juryWeight, c.publicWeight, c.juryNormalisation, c.publicNormalisation, JSON.stringify(c.tieBreak), c.winners, c.createdBy, c.createdAt, c.publishedAt, c.publishedAt,
      c.resultsComputedAt ?? null, c.resultsPublishedAt ?? null,
    ].map(q).join(", ")}) ON CONFLICT (id) DO UPDATE SET ${instants};`,
  );
  c.nominations.forEach((n, i) =>
    lines.push(`INSERT INTO competition_nominations (id, competition_id, title, description, position) VALUES (${q(nominationId(c, i))}, ${q(c.id)}, ${q(n.title)}, ${q(n.description)}, ${i}) ON CONFLICT DO NOTHING;`),
  );
  c.criteria.forEach((k, i) =>
    lines.push(
      `INSERT INTO competition_criteria (id, competition_id, name, description, weight, scale_min, scale_max, levels, comment_below, position) VALUES (${[criterionId(c, i), c.id, k.name, k.description, k.weight, k.min, k.max, JSON.stringify(k.levels), k.commentBelow, i].map(q).join(", ")}) ON CONFLICT DO NOTHING;`,
    ),
  );

  const { sheets, conflicts } = experts(c, now);
  const allVotes = votes(c, now);

  for (const e of c.entries) {
    const id = entryId(c, e.key);
    const content = entryContent(e);
    const status = statusOf(e);
    const at = enteredAt(c, e);
    if (at >= t.entryClosesAt) throw new Error(`demo competitions: ${id} entered after entries closed`);
    const decided = status === "admitted" || status === "rejected" ? Math.min(at + 30 * HOUR, t.checkClosesAt - HOUR) : null;
    const withdrawn = status === "withdrawn" ? Math.min(at + 4 * DAY, t.entryClosesAt - HOUR) : null;
    const jury = juryOf(c, sheets, id);
    lines.push(
      `INSERT INTO competition_entries (id, competition_id, nomination_id, organiser_id, kind, proposal_id, submitted_by, organisation_id, participant, city, title, problem, actions, results, period, budget, contact, status, reason, decided_at, decided_by, vote_count, jury_experts, jury_score, jury_spread, flagged, created_at, updated_at, withdrawn_at) VALUES (${[
        id, c.id, nominationId(c, e.nomination), c.organiserId, e.proposal ? "proposal" : "practice", e.proposal?.id ?? null, e.org.repId, e.org.id, `o:${e.org.id}`,
        content.city, content.title, content.problem, content.actions, content.results, content.period, content.budget, e.contact, status, e.reason ?? null, decided, decided ? c.moderatorId : null,
        0, jury.experts, jury.score, jury.spread, jury.flagged, at, withdrawn ?? decided ?? at, withdrawn,
      ].map(q).join(", ")}) ON CONFLICT DO NOTHING;`,
      audit(at, e.org.repId, "entry.create", id, c.organiserId, null),
    );
    if (status === "admitted") lines.push(audit(decided!, c.moderatorId, "entry.publish", id, c.organiserId, null));
    if (status === "rejected") lines.push(audit(decided!, c.moderatorId, "entry.reject", id, c.organiserId, e.reason ?? null));
    if (status === "withdrawn") lines.push(audit(withdrawn!, e.org.repId, "entry.withdraw", id, c.organiserId, null));
    if (status === "submitted")
      lines.push(
        `INSERT INTO moderation_items (id, organiser_id, target_type, target_id, kind, author_id, label, created_at) VALUES (${q(`demo-mi-${id}`)}, ${q(c.organiserId)}, 'entry', ${q(id)}, 'review', ${q(e.org.repId)}, ${q(content.title.slice(0, 140))}, ${at}) ON CONFLICT DO NOTHING;`,
      );
  }

  for (const x of c.experts) {
    lines.push(
      `INSERT INTO competition_experts (competition_id, user_id, city, added_by, added_at, declared_at) VALUES (${[c.id, x.userId, x.city, c.managerId, x.addedAt, x.declaredAt].map(q).join(", ")}) ON CONFLICT DO NOTHING;`,
      `INSERT INTO role_grants (id, user_id, role, scope, organiser_id, competition_id, granted_by, granted_at) SELECT ${[`demo-g-expert-${c.key}-${x.userId}`, x.userId, "expert", c.id, c.organiserId, c.id, c.managerId, x.addedAt].map(q).join(", ")} WHERE NOT EXISTS (SELECT 1 FROM role_grants WHERE user_id = ${q(x.userId)} AND role = 'expert' AND scope = ${q(c.id)});`,
    );
    for (const k of x.conflicts ?? [])
      lines.push(
        `INSERT INTO competition_conflicts (competition_id, expert_id, entry_id, reason, declared_at) VALUES (${[c.id, x.userId, entryId(c, k.entryKey), k.reason, x.declaredAt].map(q).join(", ")}) ON CONFLICT DO NOTHING;`,
      );
  }
  if (conflicts.length !== c.experts.reduce((n, x) => n + (x.conflicts?.length ?? 0), 0)) throw new Error("demo competitions: conflicts lost");

  for (const s of sheets) {
    lines.push(
      `INSERT INTO competition_assignments (entry_id, expert_id, competition_id, reason, status, total, assigned_at, assigned_by, updated_at, submitted_at) VALUES (${[s.entryId, s.expertId, c.id, s.reason, s.status, s.total, s.assignedAt, c.managerId, s.updatedAt, s.submittedAt].map(q).join(", ")}) ON CONFLICT DO NOTHING;`,
    );
    s.scores.forEach((score, i) =>
      lines.push(
        `INSERT INTO competition_scores (entry_id, expert_id, criterion_id, score, comment, updated_at) VALUES (${[s.entryId, s.expertId, criterionId(c, i), score, s.comments[i], s.updatedAt].map(q).join(", ")}) ON CONFLICT DO NOTHING;`,
      ),
    );
  }

  const receipts = new Map<string, string>();
  let logNo = 0;
  for (const v of allVotes) {
    receipts.set(`${v.nominationId}|${v.voterId}`, v.receipt);
    lines.push(
      `INSERT INTO competition_votes (nomination_id, voter_id, competition_id, entry_id, status, receipt, cast_at, changed_at) VALUES (${[v.nominationId, v.voterId, c.id, v.entryId, v.status, v.receipt, v.castAt, v.changedAt].map(q).join(", ")}) ON CONFLICT DO NOTHING;`,
    );
    // Demo accounts are made at the first load: their creation time is read from the row.
    const created = accountCreatedAt(v.voterId, now);
    const createdSql = created === null ? `(SELECT created_at FROM users WHERE id = ${q(v.voterId)})` : String(created);
    for (const l of v.log) {
      lines.push(
        `INSERT INTO competition_vote_log (id, competition_id, nomination_id, voter_id, event, entry_id, previous_entry_id, receipt, network, account_created_at, actor_id, reason, at) SELECT ${[`demo-vl-${c.key}-${++logNo}`, c.id, v.nominationId, v.voterId, l.event, l.entryId, l.previousEntryId, l.receipt, v.network].map(q).join(", ")}, ${createdSql}, ${[l.actorId, l.reason, l.at].map(q).join(", ")} WHERE NOT EXISTS (SELECT 1 FROM competition_vote_log WHERE id = ${q(`demo-vl-${c.key}-${logNo}`)});`,
      );
    }
  }

  const results: ResultRow[] = [];
  if (c.resultsComputedAt) {
    c.nominations.forEach((n, i) => {
      const nid = nominationId(c, i);
      const list = c.entries
        .filter((e) => e.nomination === i && statusOf(e) === "admitted")
        .map((e) => {
          const id = entryId(c, e.key);
          const jury = juryOf(c, sheets, id);
          return { nominationId: nid, nomination: n.title, entry: e, entryId: id, juryScore: jury.score, juryExperts: jury.experts, votes: allVotes.filter((v) => v.entryId === id && v.status === "counted").length };
        });
      for (const r of rankNomination(c, list)) {
        results.push(r);
        lines.push(
          `INSERT INTO competition_results (nomination_id, entry_id, competition_id, jury_score, jury_experts, votes, jury_part, public_part, total, rank, winner, decided_by, computed_at) VALUES (${[nid, r.entryId, c.id, r.juryScore, r.juryExperts, r.votes, r.juryPart, r.publicPart, r.total, r.rank, r.winner, r.decidedBy, c.resultsComputedAt!].map(q).join(", ")}) ON CONFLICT DO NOTHING;`,
        );
      }
    });
  }
  const assigned = new Map<string, number>();
  for (const s of sheets) assigned.set(s.expertId, (assigned.get(s.expertId) ?? 0) + 1);
  return { def: c, lines, results, receipts, assigned };
}

/** Every counter of the demo competitions, recounted from its rows (after anything a demo session changed). */
export function recountSql(ids: string[]): string[] {
  const list = ids.map(q).join(", ");
  return [
    `UPDATE competition_entries SET vote_count = (SELECT count(*) FROM competition_votes v WHERE v.entry_id = competition_entries.id AND v.status = 'counted') WHERE competition_id IN (${list});`,
    `UPDATE competition_nominations SET entry_count = (SELECT count(*) FROM competition_entries e WHERE e.nomination_id = competition_nominations.id AND e.status = 'admitted' AND e.hidden_at IS NULL), vote_count = (SELECT count(*) FROM competition_votes v WHERE v.nomination_id = competition_nominations.id AND v.status = 'counted') WHERE competition_id IN (${list});`,
    `UPDATE competition_experts SET assigned_count = (SELECT count(*) FROM competition_assignments a WHERE a.competition_id = competition_experts.competition_id AND a.expert_id = competition_experts.user_id), submitted_count = (SELECT count(*) FROM competition_assignments a WHERE a.competition_id = competition_experts.competition_id AND a.expert_id = competition_experts.user_id AND a.status = 'submitted') WHERE competition_id IN (${list});`,
  ];
}

/** A history entry written once (the audit log has no natural key: NOT EXISTS keeps it idempotent). */
function audit(at: number, actorId: string, action: string, entry: string, organiserId: string, reason: string | null) {
  return `INSERT INTO audit_log (at, actor_id, action, object_type, object_id, organiser_id, reason) SELECT ${at}, ${q(actorId)}, ${q(action)}, 'entry', ${q(entry)}, ${q(organiserId)}, ${q(reason)} WHERE NOT EXISTS (SELECT 1 FROM audit_log WHERE object_type = 'entry' AND object_id = ${q(entry)} AND action = ${q(action)});`;
}
