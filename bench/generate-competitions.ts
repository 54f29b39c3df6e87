// Generates the benchmark's competition (issue 5) as SQL files, on top of the accounts, organisers and
// organisations of bench/generate.ts: МАГ's смотр-конкурс «Город, где хочется жить — 2026», published
// and in its VOTING stage, with
// - one nomination of --entries admitted entries (500) and --votes counted votes (1,000,000), and
//   --other-nominations smaller ones (--other-entries entries, --other-votes votes each), so that
//   computing the results covers a whole competition;
// - its experts: the accounts bench/generate.ts granted 'expert' for this competition, assigned by the
//   module's own rule (experts/assignment.ts `assign`: three per entry, no conflicts of city,
//   organisation or authorship), every score sheet submitted, totals and jury facts (score, spread,
//   flag) computed by scoring/rules.ts — the rows the evaluation stage would have left;
// - one vote per person per nomination: votes need as many DISTINCT voters as there are votes, so
//   the 100,000 accounts of bench/generate.ts are joined by lean voter accounts (only the columns
//   a vote needs: id, e-mail, confirmed, name, city, created; no password — they never sign in by
//   one — and no consent row), up to the --votes voters plus --vote-sessions fresh voters;
// - every vote as the ballot box leaves it: the vote row (receipt in force) and its 'cast' row in the
//   append-only log (receipt, hashed network, the account's creation time), counters equal to rows;
// - signed-in sessions (stored as the worker stores one: SHA-256 of the token) for the measurements:
//   --vote-sessions voters who have not voted in the big nomination (each request a real first cast),
//   as many who have (each request a real change), one voter for the ballot page, the organiser's admin.
//
// How it is written (wrangler's local execute costs about a second per megabyte of SQL): the
// competition, entries, experts, sheets and sessions as literal rows (a few MB); the voter accounts
// and the votes by INSERT … SELECT over recursive CTEs, from numbers chosen here: each entry's vote
// count (skewed, log-normal: entry k owns that many consecutive vote slots), and for vote slot s of a
// nomination the voter 1 + (s·step) mod V (a permutation: distinct voters, each entry's scattered over
// the voting days, which pass in voter order), the receipt (two bijections of the vote's number into
// 40 bits each, in the receipt alphabet: unique), the network (voters sharing it in fours). Vote rows
// are copied from their log rows by id range.
//
// Ids are UUID-shaped (be9c00TT-0000-4000-8000-NNNNNNNNNNNN, TT the table) like the worker's; the
// competition's id is the slug the role grants of bench/generate.ts name.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { assign, type AssignEntry, type AssignExpert } from "../worker/competitions/experts/assignment.ts";
import { expertTotal, juryFacts, type CriterionRule } from "../worker/competitions/scoring/rules.ts";
import { RECEIPT_ALPHABET } from "../worker/competitions/voting/receipt-code.ts";
import { CITIES, EXPERT_COMPETITION_ID, FEMALE, MALE, prng, q, SqlWriter, SURNAMES, userId } from "./generate.ts";
import { practiceText } from "./generate-library.ts";

export interface CompetitionSetOptions {
  /** Accounts 1..accounts exist (bench/generate.ts). */
  accounts: number;
  /** МАГ (bench/generate.ts's first organiser), its admin and a moderator (account numbers). */
  organiserId: string;
  adminAccount: number;
  moderatorAccount: number;
  /** Accounts granted 'expert' for EXPERT_COMPETITION_ID, with their cities and memberships (bench/generate.ts). */
  expertAccounts: number[];
  cityOf(i: number): string;
  confirmedMembers: Map<string, number[]>;
  entries: number;
  votes: number;
  otherNominations: number;
  otherEntries: number;
  otherVotes: number;
  voteSessions: number;
}

export interface CompetitionSet {
  files: { competition: string[]; voters: string[]; votes: string[] };
  counts: {
    nominations: number;
    entries: number;
    mainEntries: number;
    votes: number;
    mainVotes: number;
    /** Lean voter accounts added to bench/generate.ts's. */
    voterAccounts: number;
    experts: number;
    assignments: number;
    scores: number;
    flagged: number;
    criteria: number;
    sessions: number;
    /** Votes of the most and the least voted entry of the big nomination. */
    maxEntryVotes: number;
    minEntryVotes: number;
  };
  generationMs: number;
  competitionId: string;
  mainNominationId: string;
  nominationIds: string[];
  /** The big nomination's entries, in id order. */
  mainEntryIds: string[];
  /** Cookies `sid=…` of voters with no vote in the big nomination. */
  castSessions: string[];
  /** Cookies of voters with a vote in the big nomination, and the index (in mainEntryIds) of the entry it is for. */
  changeSessions: { cookie: string; entry: number }[];
  /** A voter with a vote in the big nomination (the ballot page marks it). */
  ballotSession: string;
  /** The competition's organiser admin (compute and publish the results). */
  adminSession: string;
  votingClosesAt: number;
}

const ID_TAIL = "-0000-4000-8000-";
const uuid = (table: number, n: number) => `be9c00${String(table).padStart(2, "0")}${ID_TAIL}${String(n).padStart(12, "0")}`;
const uuidSql = (table: number, expr: string) => `printf('be9c00${String(table).padStart(2, "0")}${ID_TAIL}%012d', ${expr})`;
const NOMINATION = 21;
const CRITERION = 22;
const ENTRY = 20;
const VOTE = 23;
export const ENTRY_ID_PATTERN = /be9c0020-0000-4000-8000-\d{12}/g;

const DAY = 86_400_000;
const HOUR = 3_600_000;

const TITLE = "Смотр-конкурс «Город, где хочется жить» — 2026";
const NOMINATION_TITLES = [
  ["Комфортная городская среда", "Благоустройство дворов, скверов, парков и общественных пространств, сделанное вместе с жителями."],
  ["Город соседей", "Практики территориального общественного самоуправления и соседских сообществ."],
  ["Открытый муниципалитет", "Участие горожан в решениях: обсуждения, голосования, отчёты власти перед жителями."],
  ["Город добрых", "Добровольчество, благотворительность и поддержка тех, кому нужна помощь."],
  ["Город друзей", "Межнациональное согласие и культура мира в городе."],
] as const;
const CRITERIA = [
  { name: "Социальная значимость", description: "Насколько практика решает важную для горожан проблему.", weight: 30, min: 0, max: 10, commentBelow: 3 },
  { name: "Участие жителей", description: "Насколько жители участвовали в замысле, решениях и работе.", weight: 25, min: 0, max: 10, commentBelow: 3 },
  { name: "Измеримые результаты", description: "Подтверждены ли результаты цифрами и фактами.", weight: 25, min: 0, max: 10, commentBelow: null },
  { name: "Тиражируемость", description: "Может ли практику перенять другой город.", weight: 20, min: 1, max: 5, commentBelow: null },
] as const;
const LOW_COMMENTS = [
  "Значимость для жителей в заявке не показана: нет данных опросов или обращений.",
  "Жители упомянуты, но их роль в решениях не описана.",
  "Заявка описывает намерения, а не сделанное.",
];

/** `CASE (expr) % n WHEN 0 THEN 'a' …`: picks list[expr mod n] inside SQLite. */
const pickSql = (list: readonly string[], expr: string) => `CASE (${expr}) % ${list.length} ${list.map((x, i) => `WHEN ${i} THEN ${q(x)}`).join(" ")} END`;

const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
/** x with a·x ≡ 1 (mod n), for a coprime to n. */
function modInverse(a: number, n: number): number {
  if (n === 1) return 0;
  let [r0, r1] = [BigInt(n), BigInt(a % n)];
  let [t0, t1] = [0n, 1n];
  while (r1 !== 0n) {
    const k = r0 / r1;
    [r0, r1] = [r1, r0 - k * r1];
    [t0, t1] = [t1, t0 - k * t1];
  }
  if (r0 !== 1n) throw new RangeError(`${a} has no inverse modulo ${n}`);
  return Number(((t0 % BigInt(n)) + BigInt(n)) % BigInt(n));
}
/** A step coprime to n near n·0.618…: s ↦ (s·step) mod n is a permutation that scatters neighbours. */
function coprimeStep(n: number, salt = 0) {
  if (n <= 2) return 1;
  let step = Math.max(1, Math.floor(n * 0.6180339887) + salt);
  while (gcd(step, n) !== 1) step++;
  return step % n || 1;
}

/** The receipt code of vote number x (see the header): two bijections into 40 bits, 8 symbols each, grouped 4-4-4-4. */
function receiptSql(x: string) {
  const half = (mul: string, add: string) => `((${x}) * ${mul} + ${add}) % 1099511627776`;
  const symbols = (v: string) => Array.from({ length: 8 }, (_, j) => `substr('${RECEIPT_ALPHABET}', ((${v} >> ${35 - 5 * j}) & 31) + 1, 1)`);
  const a = symbols(half("8379816889", "25214903917"));
  const b = symbols(half("160041799999", "2654435769"));
  const all = [...a, ...b];
  return [0, 4, 8, 12].map((k) => all.slice(k, k + 4).join(" || ")).join(" || '-' || ");
}

/** Counted votes of each entry: log-normal weights scaled to `total` (a few entries gather most). */
function voteCounts(rnd: ReturnType<typeof prng>, entries: number, total: number): number[] {
  if (entries === 0) return [];
  const w = Array.from({ length: entries }, () => Math.exp(1.3 * Math.sqrt(-2 * Math.log(Math.max(rnd.next(), 1e-12))) * Math.cos(2 * Math.PI * rnd.next())));
  const sum = w.reduce((a, x) => a + x, 0);
  const counts = w.map((x) => Math.floor((total * x) / sum));
  let left = total - counts.reduce((a, x) => a + x, 0);
  const order = w.map((x, i) => [x, i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k = (k + 1) % entries, left--) counts[order[k][1]]++;
  return counts;
}

export function generateCompetitionSet(dir: string, o: CompetitionSetOptions, now = Date.now()): CompetitionSet {
  const t0 = performance.now();
  mkdirSync(dir, { recursive: true });
  if (o.entries < 1) throw new RangeError("the big nomination needs at least one entry");
  if (o.otherNominations < 0 || o.otherNominations > NOMINATION_TITLES.length - 1) throw new RangeError(`other nominations: 0..${NOMINATION_TITLES.length - 1}`);
  const rnd = prng(20261401);
  const C = EXPERT_COMPETITION_ID;
  const admin = userId(o.adminAccount);
  const moderator = userId(o.moderatorAccount);

  // ---- the competition: voting opened ten days ago and closes in twenty ----
  const times = {
    entryOpensAt: now - 70 * DAY,
    entryClosesAt: now - 45 * DAY,
    checkClosesAt: now - 35 * DAY,
    evaluationClosesAt: now - 10 * DAY,
    votingClosesAt: now + 20 * DAY,
  };
  const createdAt = times.entryOpensAt - 20 * DAY;
  const w = new SqlWriter(dir, 8 * 1024 * 1024, "competition");
  const rulesText = [
    "Смотр-конкурс проводит Международная Ассамблея столиц и крупных городов (МАГ) среди городов СНГ и ЕАЭС.",
    "Заявки принимаются от жителей, ТОС, социально ориентированных НКО и администраций городов. Участник подаёт не более одной заявки в номинацию.",
    "Экспертная оценка: каждую заявку оценивают не менее трёх экспертов по четырём критериям; эксперт не оценивает заявки своего города и своей организации.",
    "Народное голосование: один голос в каждой номинации от человека с подтверждённым адресом электронной почты; голос можно изменить до конца голосования.",
    "Итог: 70 % — оценка жюри, 30 % — народное голосование. Победители и призёры войдут в Библиотеку городских практик.",
  ].join("\n\n");
  w.raw(
    `INSERT INTO competitions (id, organiser_id, title, summary, rules_text, status, stage, eligibility, entry_limit, entry_opens_at, entry_closes_at, check_closes_at, evaluation_closes_at, voting_closes_at,
  min_experts, spread_threshold, precision, jury_weight, public_weight, jury_normalisation, public_normalisation, tie_break, winners, created_by, created_at, updated_at, published_at, results_computed_at, results_published_at)
VALUES (${q(C)}, ${q(o.organiserId)}, ${q(TITLE)}, ${q("Ежегодный смотр-конкурс лучших практик городов СНГ и ЕАЭС: благоустройство, соседские сообщества, открытый муниципалитет.")}, ${q(rulesText)}, 'published', 'voting',
  ${q(JSON.stringify(["resident", "nko", "tos", "administration", "other"]))}, 1, ${times.entryOpensAt}, ${times.entryClosesAt}, ${times.checkClosesAt}, ${times.evaluationClosesAt}, ${times.votingClosesAt},
  3, 20, 2, 70, 30, 'scale', 'leader', ${q(JSON.stringify(["jury", "public", "earlier"]))}, 3, ${q(admin)}, ${createdAt}, ${createdAt + DAY}, ${createdAt + DAY}, NULL, NULL);`,
  );
  const nominationCount = 1 + o.otherNominations;
  const nominationIds = Array.from({ length: nominationCount }, (_, i) => uuid(NOMINATION, i + 1));
  const criterionIds = CRITERIA.map((_, i) => uuid(CRITERION, i + 1));
  const rules: CriterionRule[] = CRITERIA.map((c, i) => ({ id: criterionIds[i], weight: c.weight, scaleMin: c.min, scaleMax: c.max, commentBelow: c.commentBelow }));
  CRITERIA.forEach((c, i) => {
    const levels = [
      { score: c.min, text: "Не соответствует критерию" },
      { score: Math.round((c.min + c.max) / 2), text: "Соответствует частично" },
      { score: c.max, text: "Полностью соответствует, подтверждено фактами" },
    ];
    w.insert(
      "INSERT INTO competition_criteria (id, competition_id, name, description, weight, scale_min, scale_max, levels, comment_below, position)",
      `(${q(criterionIds[i])}, ${q(C)}, ${q(c.name)}, ${q(c.description)}, ${c.weight}, ${c.min}, ${c.max}, ${q(JSON.stringify(levels))}, ${q(c.commentBelow)}, ${i})`,
    );
  });

  // ---- entries: distinct participants per nomination; organisations through a confirmed member ----
  const perNomination = [o.entries, ...Array.from({ length: o.otherNominations }, () => o.otherEntries)];
  const votesPer = [o.votes, ...Array.from({ length: o.otherNominations }, () => o.otherVotes)];
  const orgsWithMembers = [...o.confirmedMembers.keys()].sort();
  const experts = new Set(o.expertAccounts);
  interface GEntry {
    n: number;
    id: string;
    nomination: number;
    submitter: number;
    organisationId: string | null;
    city: string;
    votes: number;
    quality: number;
    created: number;
  }
  const entries: GEntry[] = [];
  let serial = 0;
  perNomination.forEach((count, nom) => {
    const counts = voteCounts(rnd, count, votesPer[nom]);
    const usedOrgs = new Set<string>();
    const usedPeople = new Set<number>();
    for (let k = 0; k < count; k++) {
      serial++;
      let organisationId: string | null = null;
      let submitter = 0;
      if (rnd.next() < 0.6 && usedOrgs.size < orgsWithMembers.length) {
        do organisationId = orgsWithMembers[rnd.int(orgsWithMembers.length)];
        while (usedOrgs.has(organisationId));
        usedOrgs.add(organisationId);
        submitter = o.confirmedMembers.get(organisationId)![0];
      } else {
        do submitter = 1 + rnd.int(o.accounts);
        while ((usedPeople.has(submitter) || experts.has(submitter)) && usedPeople.size + experts.size < o.accounts);
        usedPeople.add(submitter);
      }
      entries.push({
        n: serial,
        id: uuid(ENTRY, serial),
        nomination: nom,
        submitter,
        organisationId,
        city: rnd.pick(CITIES)[0],
        votes: counts[k],
        quality: 2 + rnd.next() * 7.5,
        created: times.entryOpensAt + Math.floor(((times.entryClosesAt - times.entryOpensAt - HOUR) * (k + rnd.next())) / count),
      });
    }
  });

  // ---- experts: the module's assignment, every sheet submitted, jury facts by the module's rules ----
  const memberships = new Map<number, string[]>();
  for (const [org, members] of o.confirmedMembers) for (const m of members) memberships.set(m, [...(memberships.get(m) ?? []), org]);
  const assignExperts: AssignExpert[] = o.expertAccounts.map((a) => ({ id: userId(a), city: o.cityOf(a), organisationIds: memberships.get(a) ?? [] }));
  const assignEntries: AssignEntry[] = entries.map((e) => ({ id: e.id, organisationId: e.organisationId, city: e.city, submittedBy: userId(e.submitter) }));
  const { pairs, short } = assign({ entries: assignEntries, experts: assignExperts, conflicts: [], existing: [], min: 3 });
  if (short.length) throw new Error(`the benchmark's competition: ${short.length} entries without three eligible experts`);
  const bias = new Map(assignExperts.map((x) => [x.id, (rnd.next() - 0.5) * 1.2]));
  const byEntry = new Map(entries.map((e) => [e.id, e]));
  const totals = new Map<string, number[]>();
  const assignedAt = times.checkClosesAt + 2 * HOUR;
  const load = new Map<string, number>();
  let scoreRows = 0;
  // Written after the entries they refer to (foreign keys).
  const sheetRows: [string, string][] = [];
  for (const p of pairs) {
    const e = byEntry.get(p.entryId)!;
    const scores = CRITERIA.map((c) => {
      const base = e.quality + bias.get(p.expertId)! + (rnd.next() - 0.5) * 2.2;
      return Math.min(c.max, Math.max(c.min, Math.round(c.min + (base / 10) * (c.max - c.min))));
    });
    const total = expertTotal(rules, Object.fromEntries(scores.map((sc, i) => [criterionIds[i], sc])))!;
    totals.set(p.entryId, [...(totals.get(p.entryId) ?? []), total]);
    load.set(p.expertId, (load.get(p.expertId) ?? 0) + 1);
    const at = assignedAt + DAY + rnd.int(20 * DAY);
    sheetRows.push([
      "INSERT INTO competition_assignments (entry_id, expert_id, competition_id, reason, status, total, assigned_at, assigned_by, updated_at, submitted_at)",
      `(${q(p.entryId)}, ${q(p.expertId)}, ${q(C)}, 'initial', 'submitted', ${total}, ${assignedAt}, ${q(admin)}, ${at}, ${at})`,
    ]);
    scores.forEach((sc, i) => {
      const c = CRITERIA[i];
      const comment = c.commentBelow !== null && sc < c.commentBelow ? rnd.pick(LOW_COMMENTS) : rnd.next() < 0.3 ? "Оценка обоснована материалами заявки." : "";
      scoreRows++;
      sheetRows.push(["INSERT INTO competition_scores (entry_id, expert_id, criterion_id, score, comment, updated_at)", `(${q(p.entryId)}, ${q(p.expertId)}, ${q(criterionIds[i])}, ${sc}, ${q(comment)}, ${at})`]);
    });
  }
  let flagged = 0;
  nominationIds.forEach((nid, i) => {
    const admitted = entries.filter((e) => e.nomination === i);
    w.insert(
      "INSERT INTO competition_nominations (id, competition_id, title, description, position, entry_count, vote_count)",
      `(${q(nid)}, ${q(C)}, ${q(NOMINATION_TITLES[i][0])}, ${q(NOMINATION_TITLES[i][1])}, ${i}, ${admitted.length}, ${admitted.reduce((a, e) => a + e.votes, 0)})`,
    );
  });
  for (const e of entries) {
    const t = practiceText(rnd);
    const jury = juryFacts(totals.get(e.id) ?? [], { precision: 2, spreadThreshold: 20 });
    if (jury.flagged) flagged++;
    const participant = e.organisationId ? `o:${e.organisationId}` : `u:${userId(e.submitter)}`;
    const decided = times.entryClosesAt + rnd.int(9 * DAY);
    const start = 2022 + rnd.int(3);
    w.insert(
      `INSERT INTO competition_entries (id, competition_id, nomination_id, organiser_id, kind, proposal_id, submitted_by, organisation_id, participant, city, title, problem, actions, results, period, budget, contact,
  status, hidden_at, reason, decided_at, decided_by, vote_count, jury_experts, jury_score, jury_spread, flagged, created_at, updated_at, withdrawn_at)`,
      `(${q(e.id)}, ${q(C)}, ${q(nominationIds[e.nomination])}, ${q(o.organiserId)}, 'practice', NULL, ${q(userId(e.submitter))}, ${q(e.organisationId)}, ${q(participant)}, ${q(e.city)}, ${q(t.title)},
  ${q(t.problem.join(" "))}, ${q(t.actions.join(" "))}, ${q(t.results.join(" "))}, ${q(`${start}–2025`)}, ${(1 + rnd.int(200)) * 50_000}, ${q(`Проектная команда, +7 913 ${String(1_000_000 + e.n).slice(-7)}`)},
  'admitted', NULL, NULL, ${decided}, ${q(moderator)}, ${e.votes}, ${jury.experts}, ${q(jury.score)}, ${q(jury.spread)}, ${jury.flagged ? 1 : 0}, ${e.created}, ${decided}, NULL)`,
    );
  }

  for (const x of assignExperts) {
    const l = load.get(x.id) ?? 0;
    w.insert(
      "INSERT INTO competition_experts (competition_id, user_id, city, added_by, added_at, declared_at, assigned_count, submitted_count)",
      `(${q(C)}, ${q(x.id)}, ${q(x.city)}, ${q(admin)}, ${times.entryClosesAt}, ${times.entryClosesAt + DAY}, ${l}, ${l})`,
    );
  }
  // Assignments and score sheets sorted by key (entry, expert[, criterion]): each insert appends to its primary key.
  sheetRows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  for (const [head, row] of sheetRows) w.insert(head, row);
  const competitionFiles = w.close();

  // ---- lean voter accounts: up to the last voter and the fresh voters (and one more) ----
  const V = o.votes;
  const F = o.voteSessions;
  const lastAccount = Math.max(o.accounts, V + F + 1, o.otherVotes);
  const vw = new SqlWriter(dir, 8 * 1024 * 1024, "voters");
  const leanSince = now - 2 * 365 * DAY;
  const leanSpan = times.evaluationClosesAt - DAY - leanSince;
  const cityNames = CITIES.map((c) => c[0]);
  for (let from = o.accounts + 1; from <= lastAccount; from += 100_000) {
    const to = Math.min(lastAccount, from + 99_999);
    vw.raw(
      `INSERT INTO users (id, email, email_confirmed_at, password_hash, display_name, city, locale, show_memberships, created_at)
WITH RECURSIVE n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i < ${to})
SELECT printf('bench-u-%06d', i), printf('u%06d@bench.example', i), c + 600000, NULL,
  CASE WHEN i % 2 = 0 THEN ${pickSql(FEMALE, "i / 2")} ELSE ${pickSql(MALE, "i / 2")} END || ' ' || ${pickSql(SURNAMES, "i / 3")} || CASE WHEN i % 2 = 0 THEN 'а' ELSE '' END,
  CASE WHEN i % 7 = 0 THEN NULL ELSE ${pickSql(cityNames, "i / 5")} END, 'ru', 0, c
FROM (SELECT i, ${leanSince} + (i * 7919) % ${leanSpan} AS c FROM n);`,
    );
  }

  // ---- sessions for the measurements (after the accounts they belong to) ----
  const mainEntries = entries.filter((e) => e.nomination === 0);
  const starts: number[] = [];
  mainEntries.reduce((acc, e) => (starts.push(acc), acc + e.votes), 0);
  const entryOfSlot = (slot: number) => {
    let lo = 0;
    let hi = mainEntries.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= slot) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const mainStep = coprimeStep(V);
  const voterOfSlot = (slot: number, n = V, step = mainStep) => 1 + ((slot * step) % n);
  const session = (account: number) => {
    const token = randomBytes(32).toString("base64url");
    vw.insert(
      "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, user_agent)",
      `(${q(createHash("sha256").update(token).digest("hex"))}, ${q(userId(account))}, ${now}, ${now + 30 * DAY}, 'bench')`,
    );
    return `sid=${token}`;
  };
  const castSessions = Array.from({ length: F }, (_, k) => session(V + 1 + k));
  const changeSlots = Array.from({ length: Math.min(F, V) }, (_, k) => Math.floor((k * V) / Math.min(F, V)));
  const changeSessions = changeSlots.map((slot) => ({ cookie: session(voterOfSlot(slot)), entry: entryOfSlot(slot) }));
  const ballotSession = V > 0 ? session(voterOfSlot(V - 1)) : session(V + F + 1);
  const adminSession = session(o.adminAccount);
  const voterFiles = vw.close();

  // ---- votes: in voter order, by ranges of 100,000 voters ----
  // Voter v of a nomination of n votes holds slot (v − 1)·step⁻¹ mod n (the inverse of voterOfSlot), and
  // the slot says the entry (each entry owns a range of slots: its vote count). Written in voter order,
  // with the time growing with the voter, most indexes of the vote rows and the log (their keys, the
  // voter's, the hour's) are appended to; only the receipt's and the network's are filled at random, as
  // they are in life. (Ordered by slot instead, every index but one took random inserts: four times
  // slower at 500,000 votes.) The entry of a slot is looked up in a scratch table of the ranges.
  const ww = new SqlWriter(dir, 8 * 1024 * 1024, "votes");
  const votingFrom = times.evaluationClosesAt;
  const votingSpan = now - 60_000 - votingFrom;
  ww.raw("DROP TABLE IF EXISTS bench_vote_ranges;");
  ww.raw("CREATE TABLE bench_vote_ranges (nomination INTEGER NOT NULL, start INTEGER NOT NULL, entry_id TEXT NOT NULL, PRIMARY KEY (nomination, start));");
  let offset = 0;
  nominationIds.forEach((nid, i) => {
    const n = votesPer[i];
    if (n === 0) return;
    let start = 0;
    for (const e of entries.filter((x) => x.nomination === i)) {
      if (e.votes > 0) ww.insert("INSERT INTO bench_vote_ranges (nomination, start, entry_id)", `(${i}, ${start}, ${q(e.id)})`);
      start += e.votes;
    }
    const step = i === 0 ? mainStep : coprimeStep(n, i);
    const inverse = modInverse(step, n);
    for (let from = 1; from <= n; from += 100_000) {
      const to = Math.min(n, from + 99_999);
      // The account must exist before its vote: a vote falls at least a minute after the account was created (never after now).
      ww.raw(
        `INSERT INTO competition_vote_log (id, competition_id, nomination_id, voter_id, event, entry_id, previous_entry_id, receipt, network, account_created_at, actor_id, reason, at)
WITH RECURSIVE k(voter) AS (SELECT ${from} UNION ALL SELECT voter + 1 FROM k WHERE voter < ${to}),
v(voter, slot) AS (SELECT voter, ((voter - 1) * ${inverse}) % ${n} FROM k)
SELECT ${uuidSql(VOTE, `${offset} + v.voter - 1`)}, ${q(C)}, ${q(nid)}, u.id, 'cast',
  (SELECT r.entry_id FROM bench_vote_ranges r WHERE r.nomination = ${i} AND r.start <= v.slot ORDER BY r.start DESC LIMIT 1), NULL, ${receiptSql(`${offset} + v.voter - 1`)},
  printf('%016x', ((v.voter % 262139) * 1099511627791) % 72057594037927936), u.created_at, NULL, NULL,
  min(${now - 60_000}, max(${votingFrom} + (v.voter - 1) * ${votingSpan} / ${n}, u.created_at + 60000))
FROM v JOIN users u ON u.id = printf('bench-u-%06d', v.voter) ORDER BY v.voter;`,
      );
      ww.raw(
        `INSERT INTO competition_votes (nomination_id, voter_id, competition_id, entry_id, status, receipt, cast_at, changed_at)
SELECT nomination_id, voter_id, competition_id, entry_id, 'counted', receipt, at, at FROM competition_vote_log WHERE id BETWEEN ${q(uuid(VOTE, offset + from - 1))} AND ${q(uuid(VOTE, offset + to - 1))} ORDER BY id;`,
      );
    }
    offset += n;
  });
  ww.raw("DROP TABLE bench_vote_ranges;");
  const voteFiles = ww.close();

  const mainCounts = mainEntries.map((e) => e.votes);
  return {
    files: { competition: competitionFiles, voters: voterFiles, votes: voteFiles },
    counts: {
      nominations: nominationCount,
      entries: entries.length,
      mainEntries: mainEntries.length,
      votes: votesPer.reduce((a, x) => a + x, 0),
      mainVotes: V,
      voterAccounts: lastAccount - o.accounts,
      experts: assignExperts.length,
      assignments: pairs.length,
      scores: scoreRows,
      flagged,
      criteria: CRITERIA.length,
      sessions: castSessions.length + changeSessions.length + 2,
      maxEntryVotes: Math.max(...mainCounts),
      minEntryVotes: Math.min(...mainCounts),
    },
    generationMs: performance.now() - t0,
    competitionId: C,
    mainNominationId: nominationIds[0],
    nominationIds,
    mainEntryIds: mainEntries.map((e) => e.id),
    castSessions,
    changeSessions,
    ballotSession,
    adminSession,
    votingClosesAt: times.votingClosesAt,
  };
}

/**
 * Every counter of the competition against its rows (0 everywhere = exact): entries' and nominations'
 * vote counts against the counted vote rows, nominations' against their entries', vote rows against the
 * log's casts (one 'cast' per vote row, whatever changed since), each vote's receipt in force found in
 * the log for that voter and entry, admitted-entry counts, experts' assignment counters, entries' jury
 * experts against submitted sheets, and every submitted sheet complete.
 */
export function competitionConsistencySql(competitionId: string) {
  const C = q(competitionId);
  const noms = `(SELECT id FROM competition_nominations WHERE competition_id = ${C})`;
  return (
    `SELECT (SELECT count(*) FROM competition_entries e WHERE e.competition_id = ${C} AND e.vote_count <> (SELECT count(*) FROM competition_votes v WHERE v.entry_id = e.id AND v.status = 'counted')) AS entryVoteCounters, ` +
    `(SELECT count(*) FROM competition_nominations n WHERE n.competition_id = ${C} AND (n.vote_count <> (SELECT count(*) FROM competition_votes v WHERE v.nomination_id = n.id AND v.status = 'counted') OR n.vote_count <> (SELECT coalesce(sum(e.vote_count), 0) FROM competition_entries e WHERE e.nomination_id = n.id))) AS nominationVoteCounters, ` +
    `(SELECT count(*) FROM competition_votes WHERE nomination_id IN ${noms}) - (SELECT count(*) FROM competition_vote_log WHERE nomination_id IN ${noms} AND event = 'cast') AS voteRowsMinusCasts, ` +
    `(SELECT count(*) FROM competition_votes v WHERE v.nomination_id IN ${noms} AND NOT EXISTS (SELECT 1 FROM competition_vote_log l WHERE l.receipt = v.receipt AND l.voter_id = v.voter_id AND l.entry_id = v.entry_id)) AS receiptsNotLogged, ` +
    `(SELECT count(*) FROM competition_nominations n WHERE n.competition_id = ${C} AND n.entry_count <> (SELECT count(*) FROM competition_entries e WHERE e.nomination_id = n.id AND e.status = 'admitted' AND e.hidden_at IS NULL)) AS entryCounters, ` +
    `(SELECT count(*) FROM competition_experts x WHERE x.competition_id = ${C} AND (x.assigned_count <> (SELECT count(*) FROM competition_assignments a WHERE a.competition_id = ${C} AND a.expert_id = x.user_id) OR x.submitted_count <> (SELECT count(*) FROM competition_assignments a WHERE a.competition_id = ${C} AND a.expert_id = x.user_id AND a.status = 'submitted'))) AS expertCounters, ` +
    `(SELECT count(*) FROM competition_entries e WHERE e.competition_id = ${C} AND e.jury_experts <> (SELECT count(*) FROM competition_assignments a WHERE a.entry_id = e.id AND a.status = 'submitted')) AS juryExperts, ` +
    `(SELECT count(*) FROM competition_assignments a WHERE a.competition_id = ${C} AND a.status = 'submitted' AND (SELECT count(*) FROM competition_scores s WHERE s.entry_id = a.entry_id AND s.expert_id = a.expert_id) <> (SELECT count(*) FROM competition_criteria c WHERE c.competition_id = ${C})) AS incompleteSheets`
  );
}
