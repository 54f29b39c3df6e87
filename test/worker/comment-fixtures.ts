import { db } from "./fixtures";

/**
 * Proposals written straight into D1 for the discussion tests (the proposals service is built in
 * parallel; these tests are about comments, not about how a proposal gets published).
 */
export async function createProposal(opts: { organiserId: string; authorId: string; status?: string; hidden?: boolean; title?: string }) {
  const id = crypto.randomUUID();
  const now = Date.now();
  await db
    .prepare(
      "INSERT INTO proposals (id, organiser_id, author_id, status, hidden_at, title, created_at, updated_at, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id, opts.organiserId, opts.authorId, opts.status ?? "published", opts.hidden ? now : null, opts.title ?? "Скверу на Красном проспекте — новые скамейки", now, now, now)
    .run();
  return id;
}

/** Comments written directly (pagination and time-window tests need many, or old ones). */
export async function insertComment(c: { proposalId: string; organiserId: string; authorId: string; body?: string; createdAt?: number; parentId?: string | null; rootId?: string; status?: string }) {
  const id = crypto.randomUUID();
  await db
    .prepare(
      "INSERT INTO comments (id, target_type, target_id, organiser_id, parent_id, root_id, author_id, body, status, created_at) VALUES (?, 'proposal', ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id, c.proposalId, c.organiserId, c.parentId ?? null, c.rootId ?? id, c.authorId, c.body ?? "Текст", c.status ?? "visible", c.createdAt ?? Date.now())
    .run();
  return id;
}

export const setCreatedAt = (id: string, at: number) => db.prepare("UPDATE comments SET created_at = ? WHERE id = ?").bind(at, id).run();
