import type { DraftClause } from "../../worker/consultations/clause-types";
import { db } from "./fixtures";

/**
 * Consultations written straight into D1 (the real tables, the real triggers), so tests of
 * remarks, dispositions, versions and commitments do not depend on the drafting routes. The
 * drafting flow itself is tested through its routes.
 */

export const HOUR = 3600_000;

/** A small document in the shape of seed 004: a heading, clauses with sub-clauses and addressees. */
export const SAMPLE_CLAUSES: DraftClause[] = [
  { kind: "heading", number: "", depth: 0, text: "Участники секции «Город соседей» РЕКОМЕНДУЮТ:", addressees: [] },
  { kind: "clause", number: "1", depth: 0, text: "Мэрии города Новосибирска продолжить работу по реализации Стратегии развития ТОС.", addressees: ["Мэрии города Новосибирска"] },
  { kind: "clause", number: "2", depth: 0, text: "Мэрии города Новосибирска, Экспертному совету по развитию ТОС:", addressees: ["Мэрии города Новосибирска", "Экспертному совету по развитию ТОС"] },
  { kind: "clause", number: "2.1", depth: 1, text: "Провести работу по организации конкурса социально-значимых проектов.", addressees: ["Мэрии города Новосибирска", "Экспертному совету по развитию ТОС"] },
  { kind: "clause", number: "2.2", depth: 1, text: "Провести обучение активистов в формате «Школа ТОС».", addressees: ["Мэрии города Новосибирска", "Экспертному совету по развитию ТОС"] },
  { kind: "clause", number: "3", depth: 0, text: "Активу ТОС привлекать молодёжь к деятельности ТОС.", addressees: ["Активу ТОС"] },
];

export interface SeededConsultation {
  id: string;
  organiserId: string;
  versions: { id: string; number: number; clauseIds: string[] }[];
}

/**
 * A consultation with `versions` (each a list of clauses; the last one may be left a draft).
 * Lineage: clause i of version k descends from clause i of version 1 when the texts line up by
 * index, unless `lineages` says otherwise.
 */
export async function seedConsultation(opts: {
  organiserId: string;
  createdBy: string;
  title?: string;
  status?: "draft" | "published" | "adopted";
  opensAt?: number;
  closesAt?: number;
  versions?: DraftClause[][];
  /** Leave the last version a draft (the consultation's currentVersion is then the one before). */
  lastIsDraft?: boolean;
  id?: string;
}): Promise<SeededConsultation> {
  const now = Date.now();
  const id = opts.id ?? crypto.randomUUID();
  const versions = opts.versions ?? [SAMPLE_CLAUSES];
  const status = opts.status ?? "published";
  const publishedCount = status === "draft" ? 0 : opts.lastIsDraft ? versions.length - 1 : versions.length;
  const stmts: D1PreparedStatement[] = [
    db
      .prepare(
        "INSERT INTO consultations (id, organiser_id, title, adopting_body, description, status, opens_at, closes_at, current_version, created_by, created_at, updated_at, published_at) VALUES (?, ?, ?, 'Участники форума', 'Проект резолюции для обсуждения.', ?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .bind(id, opts.organiserId, opts.title ?? "Проект резолюции форума «Активный город»", status, opts.opensAt ?? now - HOUR, opts.closesAt ?? now + 24 * HOUR, publishedCount, opts.createdBy, now, now, status === "draft" ? null : now),
  ];
  const out: SeededConsultation = { id, organiserId: opts.organiserId, versions: [] };
  const firstIds: string[] = [];
  versions.forEach((clauses, vi) => {
    const versionId = crypto.randomUUID();
    const number = vi + 1;
    const published = number <= publishedCount;
    // Clauses go in while the version is a draft (the triggers refuse inserts into a published one).
    stmts.push(db.prepare("INSERT INTO consultation_versions (id, consultation_id, number, status, clause_count, created_by, created_at) VALUES (?, ?, ?, 'draft', ?, ?, ?)").bind(versionId, id, number, clauses.length, opts.createdBy, now));
    const clauseIds: string[] = [];
    clauses.forEach((c, i) => {
      const clauseId = crypto.randomUUID();
      clauseIds.push(clauseId);
      if (vi === 0) firstIds.push(clauseId);
      stmts.push(
        db
          .prepare("INSERT INTO consultation_clauses (id, version_id, consultation_id, position, depth, kind, number, text, addressees, lineage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .bind(clauseId, versionId, id, i, c.depth, c.kind, c.number, c.text, JSON.stringify(c.addressees), firstIds[i] ?? clauseId),
      );
    });
    if (published) stmts.push(db.prepare("UPDATE consultation_versions SET status = 'published', published_at = ? WHERE id = ?").bind(now, versionId));
    out.versions.push({ id: versionId, number, clauseIds });
  });
  await db.batch(stmts);
  return out;
}

/** Move the comment window (tests of its edges). */
export async function setWindow(consultationId: string, opensAt: number, closesAt: number) {
  await db.prepare("UPDATE consultations SET opens_at = ?, closes_at = ? WHERE id = ?").bind(opensAt, closesAt, consultationId).run();
}

/**
 * Remarks written straight into D1 with their counters (clause, version, consultation), for tests
 * of what comes after the window: dispositions, the summary, links. Remark creation itself is
 * tested through the remarks routes.
 */
export async function seedRemarks(
  c: SeededConsultation,
  remarks: { authorId: string; clauseIndex: number | null; kind?: "comment" | "wording" | "new_clause" | "objection"; body?: string; proposedText?: string | null; version?: number; status?: "visible" | "hidden" | "deleted"; shownAs?: "name" | "organisation" | "anonymous" }[],
): Promise<string[]> {
  const ids: string[] = [];
  const stmts: D1PreparedStatement[] = [];
  let t = Date.now() - remarks.length;
  for (const r of remarks) {
    const v = c.versions[(r.version ?? 1) - 1];
    const clauseId = r.clauseIndex === null ? null : v.clauseIds[r.clauseIndex];
    const id = crypto.randomUUID();
    ids.push(id);
    const kind = r.kind ?? "comment";
    stmts.push(
      db
        .prepare(
          "INSERT INTO remarks (id, consultation_id, version_id, clause_id, clause_position, organiser_id, author_id, shown_as, kind, body, proposed_text, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id, c.id, v.id, clauseId, r.clauseIndex ?? -1, c.organiserId, r.authorId, r.shownAs ?? "name", kind, r.body ?? `Замечание ${ids.length}`, r.proposedText ?? (kind === "wording" || kind === "new_clause" ? "Новая редакция пункта." : null), r.status ?? "visible", t++),
    );
  }
  // Counters as the remarks module keeps them: remarks that are not deleted.
  stmts.push(
    db.prepare("UPDATE consultation_clauses SET remark_count = (SELECT count(*) FROM remarks WHERE remarks.clause_id = consultation_clauses.id AND status <> 'deleted') WHERE consultation_id = ?").bind(c.id),
    db.prepare("UPDATE consultation_versions SET remark_count = (SELECT count(*) FROM remarks WHERE remarks.version_id = consultation_versions.id AND status <> 'deleted') WHERE consultation_id = ?").bind(c.id),
    db.prepare("UPDATE consultations SET remark_count = (SELECT count(*) FROM remarks WHERE remarks.consultation_id = consultations.id AND status <> 'deleted') WHERE id = ?").bind(c.id),
  );
  for (let i = 0; i < stmts.length; i += 50) await db.batch(stmts.slice(i, i + 50));
  return ids;
}
