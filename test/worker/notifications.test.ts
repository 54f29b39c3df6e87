import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { makeDb } from "../../worker/db/client";
import { noteStatements, type Note } from "../../worker/notifications";
import { Browser } from "./client";
import { count, createUser, expectProblem, newActor, row, rows, signedIn } from "./fixtures";

type Actor = Browser & { user: { id: string; email: string; displayName: string } };
const ddb = makeDb((env as any).DB);

/** Records notifications the way every module does: noteStatements in a batch (no e-mail here). */
async function notify(userId: string, n: Partial<Note> & { at?: number } = {}) {
  const note: Note = { userId, kind: n.kind ?? "proposal_status", params: n.params ?? { title: "Сквер", action: "publish" }, url: n.url ?? "/proposals/p-1" };
  const prepared = noteStatements(ddb, [note], n.at ?? Date.now());
  await ddb.batch(prepared.statements as [any, ...any[]]);
  return prepared.ids[0];
}

const readAt = async (id: string) => (await row<{ read_at: number | null }>("SELECT read_at FROM notifications WHERE id = ?", id))!.read_at;
const page = async (b: Browser, path = "/me/notifications") => {
  const res = await b.fetch(path);
  expect(res.status).toBe(200);
  return res.text();
};

let reader: Actor;
let other: Actor;
beforeAll(async () => {
  reader = await newActor({ displayName: "Читатель" });
  other = await newActor({ displayName: "Другой" });
});

describe("the list", () => {
  it("newest first, 20 a page by key, no overlap or gap; API and page agree", async () => {
    const u = await signedIn(await createUser());
    const base = Date.now() - 100_000;
    const ids: string[] = [];
    // 45 notifications, some sharing a timestamp (the id breaks the tie).
    for (let i = 0; i < 45; i++) ids.push(await notify(u.user.id, { at: base + Math.floor(i / 3) * 1000, params: { title: `Предложение ${i}`, action: "publish" } }));
    const expected = (await rows<{ id: string }>("SELECT id FROM notifications WHERE user_id = ? ORDER BY created_at DESC, id DESC", u.user.id)).map((r) => r.id);

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res = await u.api(`/notifications${after ? `?after=${after}` : ""}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: { id: string; headline: string; read: boolean; createdAt: string }[]; next: string | null; unread: number };
      expect(body.items.length).toBeLessThanOrEqual(20);
      expect(body.unread).toBe(45);
      seen.push(...body.items.map((i) => i.id));
      after = body.next;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);

    const first = await page(u);
    expect(first.match(/\/me\/notifications\/[0-9a-f-]+\/open/g)!.length).toBe(20);
    expect(first).toContain("Ваше предложение «Предложение 44» опубликовано");
    const next = first.match(/href="(\/me\/notifications\?after=[^"]+)"/)![1];
    const second = await page(u, next.replace(/&amp;/g, "&"));
    expect(second).toContain(`/me/notifications/${expected[20]}/open`);
    expect(second).not.toContain(`/me/notifications/${expected[19]}/open`);
    // A made-up cursor is the first page, not an error.
    expect((await u.api("/notifications?after=garbage")).status).toBe(200);
    await expectProblem(await u.api("/notifications?limit=51"), 422);
  });

  it("unread ones are marked in words (not by colour alone); read ones are not", async () => {
    const u = await signedIn(await createUser());
    const unread = await notify(u.user.id, { params: { title: "Непрочитанное", action: "reject", reason: "Нет сметы" } });
    const read = await notify(u.user.id, { params: { title: "Прочитанное", action: "publish" } });
    await ddb.run(`UPDATE notifications SET read_at = 1 WHERE id = '${read}'` as any);
    const html = await page(u);
    const itemOf = (id: string) => html.slice(html.lastIndexOf("<li", html.indexOf(`/me/notifications/${id}/open`)), html.indexOf("</li>", html.indexOf(`/me/notifications/${id}/open`)));
    expect(itemOf(unread)).toContain(">Новое<");
    expect(itemOf(unread)).toContain("Причина: Нет сметы");
    expect(itemOf(read)).not.toContain(">Новое<");
    expect(html).toContain('<time datetime="');
  });

  it("rendered in the reader's language; user text escaped on the page, plain in the API", async () => {
    const u = await signedIn(await createUser({ locale: "en" }), "en");
    const xss = `<img src=x onerror=alert(1)>"'`;
    await notify(u.user.id, { kind: "comment_reply", params: { title: xss, name: "<script>alert(2)</script>" } });
    const html = await page(u);
    expect(html).toContain("replied to your comment on");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<script>alert(2)");
    expect(html).toMatch(/&lt;script>alert\(2\)&lt;\/script>|&lt;script&gt;alert\(2\)&lt;\/script&gt;/);
    expect(html).toContain("&lt;img src=x onerror=alert(1)>");
    const body = (await (await u.api("/notifications")).json()) as { items: { headline: string; params: Record<string, string> }[] };
    expect(body.items[0].headline).toBe(`<script>alert(2)</script> replied to your comment on “<img src=x onerror=alert(1)>"'”`);
    expect(body.items[0].params.title).toBe(xss);
  });

  it("only one's own: another person's notifications never appear", async () => {
    const mine = await notify(reader.user.id, { params: { title: "Моё", action: "publish" } });
    const theirs = await notify(other.user.id, { params: { title: "Чужое", action: "publish" } });
    const html = await page(reader);
    expect(html).toContain(mine);
    expect(html).not.toContain(theirs);
    const body = (await (await reader.api("/notifications")).json()) as { items: { id: string }[] };
    expect(body.items.map((i) => i.id)).not.toContain(theirs);
  });

  it("needs a session: the page sends to sign-in, the API answers 401", async () => {
    const res = await new Browser().fetch("/me/notifications");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signin?next=%2Fme%2Fnotifications");
    await expectProblem(await new Browser().api("/notifications"), 401);
    await expectProblem(await new Browser().api("/notifications/prefs"), 401);
  });
});

describe("marking read", () => {
  it("opening one (POST) marks it read and goes where it leads; another person's is a 404 and stays unread", async () => {
    const id = await notify(reader.user.id, { url: "/proposals/p-42#comments" });
    const res = await reader.fetch(`/me/notifications/${id}/open`, { form: {} });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/proposals/p-42#comments");
    expect(await readAt(id)).toEqual(expect.any(Number));

    const theirs = await notify(other.user.id);
    const denied = await reader.fetch(`/me/notifications/${theirs}/open`, { form: {} });
    expect(denied.status).toBe(404);
    expect(await readAt(theirs)).toBeNull();
    expect((await reader.fetch(`/me/notifications/no-such-id/open`, { form: {} })).status).toBe(404);
  });

  it("a stored address off the portal is never followed", async () => {
    const id = await notify(reader.user.id, { url: "https://evil.example/phish" });
    const res = await reader.fetch(`/me/notifications/${id}/open`, { form: {} });
    expect(res.headers.get("location")).toBe("/me/notifications");
  });

  it("opening needs the CSRF token", async () => {
    const id = await notify(reader.user.id);
    const res = await reader.fetch(`/me/notifications/${id}/open`, { form: {}, csrf: false });
    expect(res.status).toBe(403);
    expect(await readAt(id)).toBeNull();
  });

  it("API: ids that are all mine → marked; any other person's id → 404 and nothing changes", async () => {
    const a = await notify(reader.user.id);
    const b = await notify(reader.user.id);
    const theirs = await notify(other.user.id);
    await expectProblem(await reader.api("/notifications/read", { json: { ids: [a, theirs] } }), 404);
    expect([await readAt(a), await readAt(theirs)]).toEqual([null, null]);
    const ok = await reader.api("/notifications/read", { json: { ids: [a, b, a] } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ updated: 2 });
    expect(await readAt(a)).toEqual(expect.any(Number));
    // Marking again keeps the first time.
    const first = await readAt(a);
    await reader.api("/notifications/read", { json: { ids: [a] } });
    expect(await readAt(a)).toBe(first);
  });

  it("API: bad requests are 422 with the field", async () => {
    for (const body of [{}, { ids: [] }, { all: false }, { ids: ["x"], all: true }, { ids: Array.from({ length: 41 }, (_, i) => `id-${i}`) }, { ids: ["x".repeat(65)] }]) {
      const p = await expectProblem(await reader.api("/notifications/read", { json: body }), 422);
      expect(p.errors!.map((e) => e.field)[0]).toMatch(/^(ids|all)/);
    }
  });

  it("all at once, from the page and from the API; only one's own", async () => {
    const u = await signedIn(await createUser());
    for (let i = 0; i < 3; i++) await notify(u.user.id);
    const theirs = await notify(other.user.id);
    const res = await u.fetch("/me/notifications/read-all", { form: {} });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/me/notifications?done=notifications.allRead");
    expect(await count("notifications", "user_id = ? AND read_at IS NULL", u.user.id)).toBe(0);
    expect(await readAt(theirs)).toBeNull();
    const html = await page(u, "/me/notifications?done=notifications.allRead");
    expect(html).toContain("Все уведомления отмечены прочитанными.");
    expect(html).not.toContain("Отметить все прочитанными");

    await notify(u.user.id);
    const api = await u.api("/notifications/read", { json: { all: true } });
    expect(await api.json()).toEqual({ updated: 1 });
  });
});

describe("the unread count in the header", () => {
  const navLink = (html: string) => html.match(/<a href="\/me\/notifications"[^>]*>([\s\S]*?)<\/a>/)![1];

  it("shows the count with an accessible name, and none when everything is read", async () => {
    const u = await signedIn(await createUser());
    let html = await page(u, "/");
    expect(navLink(html)).toBe("Уведомления");
    for (let i = 0; i < 3; i++) await notify(u.user.id);
    html = await page(u, "/organisations");
    expect(navLink(html)).toBe('Уведомления<span aria-hidden="true"> (3)</span><span class="visually-hidden">, непрочитанных: 3</span>');
    await u.fetch("/me/notifications/read-all", { form: {} });
    expect(navLink(await page(u, "/"))).toBe("Уведомления");
  });

  it("is capped at 99+ (the lookup walks at most 100 index entries)", async () => {
    const u = await signedIn(await createUser({ locale: "en" }), "en");
    const prepared = noteStatements(ddb, Array.from({ length: 120 }, () => ({ userId: u.user.id, kind: "proposal_support" as const, params: { title: "T" }, url: "/" })));
    await ddb.batch(prepared.statements as [any, ...any[]]);
    expect(navLink(await page(u, "/"))).toContain("(99+)");
    expect(navLink(await page(u, "/"))).toContain(", unread: 99+");
    expect(((await (await u.api("/notifications")).json()) as { unread: number }).unread).toBe(100);
  });

  it("is not shown to visitors", async () => {
    const res = await new Browser().fetch("/");
    expect(await res.text()).not.toContain('href="/me/notifications"');
  });
});

describe("e-mail settings", () => {
  it("every kind is on until switched off; PUT changes only the kinds named, audited", async () => {
    const u = await signedIn(await createUser());
    const get = async () => ((await (await u.api("/notifications/prefs")).json()) as { items: { kind: string; email: boolean }[] }).items;
    expect((await get()).every((p) => p.email)).toBe(true);
    const res = await u.api("/notifications/prefs", { method: "PUT", json: { email: { comment_reply: false, proposal_support: false } } });
    expect(res.status).toBe(200);
    const items = ((await res.json()) as { items: { kind: string; email: boolean }[] }).items;
    expect(items.filter((p) => !p.email).map((p) => p.kind).sort()).toEqual(["comment_reply", "proposal_support"]);
    expect(await get()).toEqual(items);
    await u.api("/notifications/prefs", { method: "PUT", json: { email: { comment_reply: true } } });
    expect((await get()).filter((p) => !p.email).map((p) => p.kind)).toEqual(["proposal_support"]);
    expect(await count("audit_log", "action = 'notifications.update_prefs' AND actor_id = ?", u.user.id)).toBe(2);
  });

  it("an unknown kind or a non-boolean is a 422 naming the field, and changes nothing", async () => {
    const u = await signedIn(await createUser());
    const before = await count("notification_prefs", "user_id = ?", u.user.id);
    const audit = await count("audit_log", "actor_id = ?", u.user.id);
    let p = await expectProblem(await u.api("/notifications/prefs", { method: "PUT", json: { email: { comment_reply: false, newsletter: false } } }), 422);
    expect(p.errors).toEqual([{ field: "email.newsletter", code: "notifications.field.unknownKind", reason: "Такого вида уведомлений нет" }]);
    p = await expectProblem(await u.api("/notifications/prefs", { method: "PUT", json: { email: { comment_reply: "no" } } }), 422);
    expect(p.errors![0].field).toBe("email.comment_reply");
    p = await expectProblem(await u.api("/notifications/prefs", { method: "PUT", json: {} }), 422);
    expect(p.errors![0].field).toBe("email");
    expect(await count("notification_prefs", "user_id = ?", u.user.id)).toBe(before);
    expect(await count("audit_log", "actor_id = ?", u.user.id)).toBe(audit);
  });

  it("the page form: a fieldset with a legend, a ticked box is on, an unticked one off", async () => {
    const u = await signedIn(await createUser());
    let html = await page(u);
    expect(html).toMatch(/<fieldset><legend>Присылать письмо, когда<\/legend>/);
    expect(html).toContain('<label for="f-email_comment_reply">кто-то отвечает на мой комментарий</label>');
    const res = await u.fetch("/me/notifications/prefs", { form: { email_proposal_status: "on", email_comment_reply: "on" } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/me/notifications?done=notifications.prefsSaved#prefs");
    const off = await rows<{ kind: string }>("SELECT kind FROM notification_prefs WHERE user_id = ? AND email = 0 ORDER BY kind", u.user.id);
    expect(off.map((r) => r.kind)).toEqual(["competition_result", "entry_status", "expert_assignment", "proposal_comment", "proposal_support", "queue_stale", "remark_disposition", "remark_reply", "report_decided"]);
    html = await page(u, "/me/notifications?done=notifications.prefsSaved");
    expect(html).toContain("Настройки писем сохранены.");
    expect(html).toMatch(/id="f-email_comment_reply" name="email_comment_reply" checked/);
    expect(html).not.toMatch(/id="f-email_queue_stale" name="email_queue_stale" checked/);
  });
});

describe("personal data (152-ФЗ)", () => {
  it("the export holds the person's notifications and e-mail settings", async () => {
    const u = await signedIn(await createUser());
    const id = await notify(u.user.id, { params: { title: "Экспорт", action: "publish" } });
    await u.api("/notifications/prefs", { method: "PUT", json: { email: { queue_stale: false } } });
    const data = (await (await u.api("/me/export")).json()) as { notifications: { id: string; params: Record<string, string>; readAt: string | null; createdAt: string }[]; notificationEmail: { kind: string; email: boolean }[] };
    expect(data.notifications).toEqual([expect.objectContaining({ id, kind: "proposal_status", params: { title: "Экспорт", action: "publish" }, readAt: null, createdAt: expect.stringMatching(/^\d{4}-/) })]);
    expect(data.notificationEmail).toEqual([{ kind: "queue_stale", email: false }]);
  });

  it("deleting the account removes them (the tombstone row stays, so no cascade would)", async () => {
    const u = await signedIn(await createUser());
    await notify(u.user.id);
    await u.api("/notifications/prefs", { method: "PUT", json: { email: { queue_stale: false } } });
    const res = await u.api("/me", { method: "DELETE", json: { confirm: "УДАЛИТЬ" } });
    expect(res.status).toBe(200);
    expect(await count("notifications", "user_id = ?", u.user.id)).toBe(0);
    expect(await count("notification_prefs", "user_id = ?", u.user.id)).toBe(0);
    expect(await count("users", "id = ?", u.user.id)).toBe(1);
  });
});
