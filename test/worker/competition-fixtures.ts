import type { Stage } from "../../worker/competitions/schema";
import { db } from "./fixtures";

/**
 * Competitions written straight into D1 (the real tables), so tests of entries, experts, voting,
 * results and the library do not depend on the setup routes. The setup flow itself is tested
 * through its routes.
 */

export const HOUR = 3600_000;

/** The five instants that put a competition in `stage` at `now` (each stage lasts a day; the current one has 12 hours left). */
export function timesFor(stage: Stage, now = Date.now()) {
  const DAY = 24 * HOUR;
  // Offsets of the five instants from the start of the current stage.
  const order: Stage[] = ["announced", "entry", "check", "evaluation", "voting", "results"];
  const i = order.indexOf(stage);
  const currentStart = now - 12 * HOUR;
  // Instant k (k = 0..4) is the start of stage k+1; the current stage i starts at currentStart.
  const at = (k: number) => currentStart + (k + 1 - i) * DAY;
  return { entryOpensAt: at(0), entryClosesAt: at(1), checkClosesAt: at(2), evaluationClosesAt: at(3), votingClosesAt: at(4) };
}

export interface SeededCompetition {
  id: string;
  organiserId: string;
  nominationIds: string[];
  criterionIds: string[];
}

export const SAMPLE_NOMINATIONS = ["Комфортная городская среда", "Город соседей", "Открытый муниципалитет"];

export const SAMPLE_CRITERIA = [
  { name: "Социальная значимость", weight: 40, min: 0, max: 10, commentBelow: 3 },
  { name: "Измеримые результаты", weight: 35, min: 0, max: 10, commentBelow: null },
  { name: "Тиражируемость", weight: 25, min: 1, max: 5, commentBelow: null },
] as const;

/**
 * A competition in `stage` now (published), with nominations and criteria. Settings not given take
 * the schema's defaults (jury 70 / public 30, 3 experts per entry, spread 20, precision 2, 1 winner).
 */
export async function seedCompetition(opts: {
  organiserId: string;
  createdBy: string;
  stage?: Stage;
  status?: "draft" | "published";
  title?: string;
  nominations?: string[];
  criteria?: readonly { name: string; weight: number; min: number; max: number; commentBelow: number | null }[];
  eligibility?: string[];
  entryLimit?: number;
  minExperts?: number;
  spreadThreshold?: number;
  juryWeight?: number;
  publicWeight?: number;
  resultsPublishedAt?: number | null;
  id?: string;
}): Promise<SeededCompetition> {
  const now = Date.now();
  const id = opts.id ?? crypto.randomUUID();
  const status = opts.status ?? "published";
  const stage = opts.stage ?? "entry";
  const t = timesFor(stage, now);
  const stmts: D1PreparedStatement[] = [
    db
      .prepare(
        `INSERT INTO competitions (id, organiser_id, title, summary, rules_text, status, stage, eligibility, entry_limit, entry_opens_at, entry_closes_at, check_closes_at,
           evaluation_closes_at, voting_closes_at, min_experts, spread_threshold, jury_weight, public_weight, created_by, created_at, updated_at, published_at, results_published_at)
         VALUES (?, ?, ?, 'Смотр-конкурс лучших городских практик.', 'Положение о конкурсе.', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        id,
        opts.organiserId,
        opts.title ?? "Город, где хочется жить",
        status,
        status === "published" ? stage : "announced",
        JSON.stringify(opts.eligibility ?? ["resident", "nko", "tos", "administration", "other"]),
        opts.entryLimit ?? 1,
        t.entryOpensAt,
        t.entryClosesAt,
        t.checkClosesAt,
        t.evaluationClosesAt,
        t.votingClosesAt,
        opts.minExperts ?? 3,
        opts.spreadThreshold ?? 20,
        opts.juryWeight ?? 70,
        opts.publicWeight ?? 30,
        opts.createdBy,
        now,
        now,
        status === "published" ? now : null,
        opts.resultsPublishedAt ?? null,
      ),
  ];
  const nominationIds = (opts.nominations ?? SAMPLE_NOMINATIONS).map((title, position) => {
    const nid = crypto.randomUUID();
    stmts.push(db.prepare("INSERT INTO competition_nominations (id, competition_id, title, position) VALUES (?, ?, ?, ?)").bind(nid, id, title, position));
    return nid;
  });
  const criterionIds = (opts.criteria ?? SAMPLE_CRITERIA).map((c, position) => {
    const cid = crypto.randomUUID();
    const levels = [
      { score: c.min, text: "Не соответствует" },
      { score: c.max, text: "Полностью соответствует" },
    ];
    stmts.push(
      db
        .prepare("INSERT INTO competition_criteria (id, competition_id, name, description, weight, scale_min, scale_max, levels, comment_below, position) VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, ?)")
        .bind(cid, id, c.name, c.weight, c.min, c.max, JSON.stringify(levels), c.commentBelow, position),
    );
    return cid;
  });
  await db.batch(stmts);
  return { id, organiserId: opts.organiserId, nominationIds, criterionIds };
}

/** Move a competition to `stage` now (rewrites its five instants). */
export async function setStage(competitionId: string, stage: Stage, now = Date.now()) {
  const t = timesFor(stage, now);
  await db
    .prepare("UPDATE competitions SET stage = ?, entry_opens_at = ?, entry_closes_at = ?, check_closes_at = ?, evaluation_closes_at = ?, voting_closes_at = ? WHERE id = ?")
    .bind(stage, t.entryOpensAt, t.entryClosesAt, t.checkClosesAt, t.evaluationClosesAt, t.votingClosesAt, competitionId)
    .run();
  return t;
}

/** Set one instant exactly (edge tests: the instant a stage opens or closes). */
export async function setInstant(competitionId: string, column: "entry_opens_at" | "entry_closes_at" | "check_closes_at" | "evaluation_closes_at" | "voting_closes_at", at: number) {
  await db.prepare(`UPDATE competitions SET ${column} = ? WHERE id = ?`).bind(at, competitionId).run();
}

export interface EntrySeed {
  nominationId: string;
  submittedBy: string;
  organisationId?: string | null;
  kind?: "proposal" | "practice";
  proposalId?: string | null;
  city?: string;
  title?: string;
  status?: "submitted" | "admitted" | "rejected" | "withdrawn";
  createdAt?: number;
  voteCount?: number;
}

/**
 * Entries written straight into D1, admitted by default; nominations' entry_count and vote_count
 * are kept as the routes keep them (admitted entries; counted votes = the vote_count given here,
 * with no vote rows behind them — tests of the ballot box cast real votes instead).
 */
export async function seedEntries(c: SeededCompetition, list: EntrySeed[]): Promise<string[]> {
  const now = Date.now();
  const ids: string[] = [];
  const stmts: D1PreparedStatement[] = [];
  list.forEach((e, i) => {
    const id = crypto.randomUUID();
    ids.push(id);
    const status = e.status ?? "admitted";
    const participant = e.organisationId ? `o:${e.organisationId}` : `u:${e.submittedBy}`;
    stmts.push(
      db
        .prepare(
          `INSERT INTO competition_entries (id, competition_id, nomination_id, organiser_id, kind, proposal_id, submitted_by, organisation_id, participant, city, title,
             problem, actions, results, period, budget, contact, status, vote_count, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Во дворах нет мест для игр.', 'Построили площадку вместе с жителями.', 'Площадка на 120 детей.', '2024–2025', 1500000, 'team@example.org', ?, ?, ?, ?)`,
        )
        .bind(
          id,
          c.id,
          e.nominationId,
          c.organiserId,
          e.kind ?? (e.proposalId ? "proposal" : "practice"),
          e.proposalId ?? null,
          e.submittedBy,
          e.organisationId ?? null,
          participant,
          e.city ?? "Новосибирск",
          e.title ?? `Практика ${i + 1}`,
          status,
          e.voteCount ?? 0,
          e.createdAt ?? now + i,
          now,
        ),
    );
    if (status === "admitted") {
      stmts.push(db.prepare("UPDATE competition_nominations SET entry_count = entry_count + 1, vote_count = vote_count + ? WHERE id = ?").bind(e.voteCount ?? 0, e.nominationId));
    }
  });
  await db.batch(stmts);
  return ids;
}

/** Make `userId` an expert of the competition (the row and the role grant), declared unless told otherwise. */
export async function seedExpert(c: SeededCompetition, userId: string, addedBy: string, opts: { city?: string; declared?: boolean } = {}) {
  const now = Date.now();
  await db.batch([
    db
      .prepare("INSERT INTO competition_experts (competition_id, user_id, city, added_by, added_at, declared_at) VALUES (?, ?, ?, ?, ?, ?)")
      .bind(c.id, userId, opts.city ?? "", addedBy, now, opts.declared === false ? null : now),
    db
      .prepare("INSERT OR IGNORE INTO role_grants (id, user_id, role, scope, organiser_id, competition_id, granted_by, granted_at) VALUES (?, ?, 'expert', ?, ?, ?, ?, ?)")
      .bind(crypto.randomUUID(), userId, c.id, c.organiserId, c.id, addedBy, now),
  ]);
}

/** Assign entries to an expert straight in D1 (status 'assigned'), keeping the expert's counter. */
export async function seedAssignments(c: SeededCompetition, expertId: string, entryIds: string[], assignedBy: string) {
  const now = Date.now();
  await db.batch([
    ...entryIds.map((entryId) =>
      db
        .prepare("INSERT INTO competition_assignments (entry_id, expert_id, competition_id, reason, status, assigned_at, assigned_by, updated_at) VALUES (?, ?, ?, 'initial', 'assigned', ?, ?, ?)")
        .bind(entryId, expertId, c.id, now, assignedBy, now),
    ),
    db.prepare("UPDATE competition_experts SET assigned_count = assigned_count + ? WHERE competition_id = ? AND user_id = ?").bind(entryIds.length, c.id, expertId),
  ]);
}
