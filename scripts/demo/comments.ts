// Demo discussion on the published demo proposals: a few threads with replies and votes, so the
// proposal pages show what a lively discussion looks like. Fixed ids and ON CONFLICT DO NOTHING.
import { q } from "./sql.ts";

interface DemoComment {
  id: string;
  proposalId: string;
  authorId: string;
  /** The comment answered (its thread's root is looked up), or none for a new thread. */
  parentId?: string;
  hoursAgo: number;
  body: string;
}

const COMMENTS: DemoComment[] = [
  { id: "demo-c-1", proposalId: "demo-p-yard", authorId: "demo-u-resident", hoursAgo: 200, body: "Живу в доме 14 — освещение очень нужно, зимой в пять вечера во дворе уже темно. Готова участвовать в субботнике." },
  { id: "demo-c-2", proposalId: "demo-p-yard", authorId: "demo-u-member", parentId: "demo-c-1", hoursAgo: 190, body: "Спасибо! Субботник планируем на начало мая, объявление повесим в подъездах и в группе ТОС." },
  { id: "demo-c-3", proposalId: "demo-p-yard", authorId: "demo-u-nko", hoursAgo: 120, body: "Посмотрите опыт Тюмени: там дворы освещали по программе «Комфортная городская среда», смета в открытом доступе: https://example.org/tyumen-dvory" },
  { id: "demo-c-4", proposalId: "demo-p-yard", authorId: "demo-u-resident", parentId: "demo-c-3", hoursAgo: 100, body: "Хорошая ссылка, там и про энергосберегающие светильники есть." },
  { id: "demo-c-5", proposalId: "demo-p-playground", authorId: "demo-u-resident", hoursAgo: 80, body: "Предлагаю предусмотреть покрытие из резиновой крошки — у нас много малышей." },
  { id: "demo-c-6", proposalId: "demo-p-cleanup", authorId: "demo-u-member", hoursAgo: 40, body: "ТОС «Северный» присоединится: возьмём на себя берег у моста." },
];

const VOTES: { commentId: string; userId: string; value: 1 | -1 }[] = [
  { commentId: "demo-c-1", userId: "demo-u-nko", value: 1 },
  { commentId: "demo-c-1", userId: "demo-u-member", value: 1 },
  { commentId: "demo-c-3", userId: "demo-u-member", value: 1 },
  { commentId: "demo-c-5", userId: "demo-u-member", value: 1 },
];

export function commentsDemoSql(now: number): string[] {
  const lines: string[] = [];
  const rootOf = (c: DemoComment): string => (c.parentId ? rootOf(COMMENTS.find((x) => x.id === c.parentId)!) : c.id);
  for (const c of COMMENTS) {
    lines.push(
      `INSERT INTO comments (id, target_type, target_id, organiser_id, parent_id, root_id, author_id, body, status, created_at) SELECT ${q(c.id)}, 'proposal', ${q(c.proposalId)}, organiser_id, ${q(c.parentId ?? null)}, ${q(rootOf(c))}, ${q(c.authorId)}, ${q(c.body)}, 'visible', ${now - c.hoursAgo * 3_600_000} FROM proposals WHERE id = ${q(c.proposalId)} ON CONFLICT DO NOTHING;`,
    );
  }
  for (const v of VOTES) lines.push(`INSERT INTO comment_votes (comment_id, user_id, value, created_at) VALUES (${q(v.commentId)}, ${q(v.userId)}, ${v.value}, ${now}) ON CONFLICT DO NOTHING;`);
  // Counters from the rows, as the worker keeps them.
  lines.push(
    `UPDATE comments SET up_count = (SELECT count(*) FROM comment_votes v WHERE v.comment_id = comments.id AND v.value = 1), down_count = (SELECT count(*) FROM comment_votes v WHERE v.comment_id = comments.id AND v.value = -1), reply_count = (SELECT count(*) FROM comments r WHERE r.root_id = comments.id AND r.id <> comments.id) WHERE id LIKE 'demo-c-%';`,
    `UPDATE proposals SET comment_count = (SELECT count(*) FROM comments c WHERE c.target_type = 'proposal' AND c.target_id = proposals.id AND c.status <> 'deleted') WHERE id LIKE 'demo-p-%';`,
  );
  return lines;
}
