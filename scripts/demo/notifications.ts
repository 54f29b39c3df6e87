// Demo content of the notifications module: a few notifications (one read) for the demo resident and
// the moderator, so /me/notifications is not empty. Fixed ids and ON CONFLICT DO NOTHING: a restart adds nothing.
import { q } from "./sql.ts";

export function notificationsDemoSql(now: number): string[] {
  const hour = 3600_000;
  const rows: { id: string; userId: string; kind: string; params: Record<string, string | number>; url: string; ago: number; read?: boolean }[] = [
    { id: "demo-n-1", userId: "demo-u-resident", kind: "proposal_status", params: { title: "Экологический субботник на берегу Оби", status: "published" }, url: "/proposals/demo-p-cleanup", ago: 30 * hour, read: true },
    { id: "demo-n-2", userId: "demo-u-resident", kind: "proposal_support", params: { title: "Экологический субботник на берегу Оби", name: "Анна Петрова" }, url: "/proposals/demo-p-cleanup", ago: 20 * hour },
    { id: "demo-n-3", userId: "demo-u-resident", kind: "proposal_comment", params: { title: "Экологический субботник на берегу Оби", name: "Игорь Смирнов", excerpt: "Готовы привезти мешки и перчатки от нашей АНО" }, url: "/proposals/demo-p-cleanup#comments", ago: 3 * hour },
    { id: "demo-n-4", userId: "demo-u-moderator", kind: "queue_stale", params: { organiser: "Мэрия Новосибирска", count: 1 }, url: "/moderation", ago: 1 * hour },
  ];
  return rows.map(
    (n) =>
      `INSERT INTO notifications (id, user_id, kind, params, url, created_at, read_at) VALUES (${q(n.id)}, ${q(n.userId)}, ${q(n.kind)}, ${q(JSON.stringify(n.params))}, ${q(n.url)}, ${now - n.ago}, ${n.read ? now - n.ago + hour : "NULL"}) ON CONFLICT DO NOTHING;`,
  );
}
