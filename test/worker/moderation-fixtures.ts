import { db } from "./fixtures";

/**
 * Objects for the moderation tests written straight into D1 (proposals and comments belong to
 * their modules; these tests are about the queue, not about creating them).
 */
export async function insertProposal(opts: { organiserId: string; authorId: string; status?: string; title?: string; hidden?: boolean; createdAt?: number }) {
  const id = crypto.randomUUID();
  const now = opts.createdAt ?? Date.now();
  const status = opts.status ?? "published";
  await db
    .prepare(
      "INSERT INTO proposals (id, organiser_id, author_id, status, hidden_at, title, summary, created_at, updated_at, submitted_at, published_at) VALUES (?, ?, ?, ?, ?, ?, 'Кратко', ?, ?, ?, ?)",
    )
    .bind(id, opts.organiserId, opts.authorId, status, opts.hidden ? now : null, opts.title ?? "Скамейки во дворе на улице Ленина", now, now, now, status === "published" ? now : null)
    .run();
  return id;
}

export async function insertComment(opts: { proposalId: string; organiserId: string; authorId: string; body?: string; status?: string }) {
  const id = crypto.randomUUID();
  await db
    .prepare("INSERT INTO comments (id, target_type, target_id, organiser_id, parent_id, root_id, author_id, body, status, created_at) VALUES (?, 'proposal', ?, ?, NULL, ?, ?, ?, ?, ?)")
    .bind(id, opts.proposalId, opts.organiserId, id, opts.authorId, opts.body ?? "Полностью поддерживаю, но нужно подумать о фонарях", opts.status ?? "visible", Date.now())
    .run();
  return id;
}

/** An open queue item as the proposals module writes it when a proposal is submitted. */
export async function insertReviewItem(opts: { organiserId: string; proposalId: string; authorId: string; createdAt?: number; label?: string }) {
  const id = crypto.randomUUID();
  await db
    .prepare("INSERT INTO moderation_items (id, organiser_id, target_type, target_id, kind, author_id, label, report_count, status, created_at) VALUES (?, ?, 'proposal', ?, 'review', ?, ?, 0, 'open', ?)")
    .bind(id, opts.organiserId, opts.proposalId, opts.authorId, opts.label ?? "Предложение", opts.createdAt ?? Date.now())
    .run();
  return id;
}
