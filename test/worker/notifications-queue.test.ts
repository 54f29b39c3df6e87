import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { makeDb } from "../../worker/db/client";
import type { Env, MailQueueMessage } from "../../worker/env";
import worker from "../../worker/index";
import { dispatchNotes, noteStatements, type Note } from "../../worker/notifications";
import { count, createUser, db, rows, signedIn } from "./fixtures";

/**
 * The e-mail path of notifications: dispatchNotes puts one id-only message per note on MAIL_QUEUE;
 * the worker's own queue handler renders and mails it. Here the handler is called directly with a
 * constructed batch (createMessageBatch/getQueueResult), and once end to end through miniflare's
 * local queue.
 */
const ddb = makeDb(db);
const testEnv = env as unknown as Env;
const ctxFor = (e: Env = testEnv) => ({ db: ddb, env: e, origin: "https://uchastie.test", locale: "ru" as const });

async function record(notes: Note[]) {
  const prepared = noteStatements(ddb, notes);
  await ddb.batch(prepared.statements as [any, ...any[]]);
  return prepared;
}

let seq = 0;
async function runQueue(bodies: MailQueueMessage[], e: Env = testEnv) {
  const batch = createMessageBatch<MailQueueMessage>(
    "uchastie-mail",
    bodies.map((body) => ({ id: `msg-${++seq}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<MailQueueMessage>, e);
  const result = await getQueueResult(batch, ctx);
  return { ids: batch.messages.map((m) => m.id), result };
}

const mailsTo = (email: string) => rows<{ subject: string; text: string }>("SELECT subject, text FROM dev_outbox WHERE to_address = ? ORDER BY id", email);
const note = (userId: string, kind: Note["kind"] = "proposal_status", params: Note["params"] = { title: "Сквер у школы", action: "return", reason: "Уточните смету" }): Note => ({ userId, kind, params, url: "/proposals/p-7" });

describe("the queue consumer", () => {
  it("mails each copy in its recipient's language, skips e-mail switched off, deleted and unconfirmed accounts, acks everything", async () => {
    const ru = await createUser({ locale: "ru" });
    const en = await createUser({ locale: "en" });
    const quiet = await signedIn(await createUser());
    const gone = await createUser();
    const unconfirmed = await createUser({ confirmed: false });
    // `quiet` switched e-mail off for proposal changes only.
    expect((await quiet.api("/notifications/prefs", { method: "PUT", json: { email: { proposal_status: false } } })).status).toBe(200);
    await db.prepare("UPDATE users SET deleted_at = ? WHERE id = ?").bind(Date.now(), gone.id).run();

    const p = await record([
      note(ru.id),
      note(en.id, "comment_reply", { title: "Сквер у школы", name: "Ирина", excerpt: "А смета?" }),
      note(quiet.user.id),
      note(quiet.user.id, "comment_reply", { title: "Сквер у школы", name: "Пётр" }),
      note(gone.id),
      note(unconfirmed.id),
    ]);
    const plain = { to: "plain@example.ru", subject: "Письмо", text: "Текст" };
    const { ids, result } = await runQueue([...p.ids.map((id) => ({ type: "notification" as const, id })), { type: "notification", id: "no-such-notification" }, plain]);

    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks.sort()).toEqual([...ids].sort());

    const [ruMail] = await mailsTo(ru.email);
    expect(ruMail.subject).toBe("Ваше предложение «Сквер у школы» возвращено на доработку — Участие");
    expect(ruMail.text).toContain("Причина: Уточните смету");
    expect(ruMail.text).toContain("http://localhost:8787/proposals/p-7");
    const enMails = await mailsTo(en.email);
    expect(enMails.map((m) => m.subject)).toEqual(["Ирина replied to your comment on “Сквер у школы” — Uchastie"]);
    expect(enMails[0].text).toContain("Open on the portal:\nhttp://localhost:8787/proposals/p-7");
    // E-mail off for one kind only: the other kind still arrives.
    expect((await mailsTo(quiet.user.email)).map((m) => m.subject)).toEqual(["Пётр отвечает на ваш комментарий к «Сквер у школы» — Участие"]);
    expect(await mailsTo(gone.email)).toEqual([]);
    expect(await mailsTo(unconfirmed.email)).toEqual([]);
    expect(await mailsTo(plain.to)).toEqual([{ subject: "Письмо", text: "Текст" }]);

    // Switched-off e-mail leaves the in-portal notification in place.
    const list = (await (await quiet.api("/notifications")).json()) as { items: { id: string; read: boolean }[] };
    expect(list.items.map((i) => i.id)).toContain(p.ids[2]);
  });

  it("in production without a provider, copies to send are retried (not lost) and copies not to send are acked", async () => {
    const quiet = await signedIn(await createUser());
    await quiet.api("/notifications/prefs", { method: "PUT", json: { email: { proposal_status: false } } });
    const wants = await createUser();
    const p = await record([note(wants.id), note(quiet.user.id)]);
    const production = { ...testEnv, ENVIRONMENT: "production", MAIL_API_URL: undefined } as Env;
    const before = await count("dev_outbox");
    const { ids, result } = await runQueue(p.ids.map((id) => ({ type: "notification" as const, id })), production);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual([ids[0]]);
    expect(result.explicitAcks).toEqual([ids[1]]);
    expect(await count("dev_outbox")).toBe(before);
  });

  it("reads the whole batch in one round trip, also beyond the 90 ids one read binds", async () => {
    const u = await createUser({ locale: "en" });
    const p = await record(Array.from({ length: 95 }, () => note(u.id, "proposal_support", { title: "Park", name: "Ann" })));
    const { result } = await runQueue(p.ids.map((id) => ({ type: "notification" as const, id })));
    expect(result.explicitAcks.length).toBe(95);
    expect(await count("dev_outbox", "to_address = ?", u.email)).toBe(95);
  });
});

describe("the producer", () => {
  it("dispatchNotes really enqueues: miniflare's local queue delivers to the worker's consumer, which writes the outbox; a switched-off copy never arrives", async () => {
    const on = await createUser({ locale: "en" });
    const off = await signedIn(await createUser());
    await off.api("/notifications/prefs", { method: "PUT", json: { email: { proposal_status: false } } });
    const prepared = await record([note(off.user.id), note(on.id, "proposal_status", { title: "Park", action: "publish" })]);
    await dispatchNotes(ctxFor(), prepared);
    let mails: { subject: string }[] = [];
    for (let i = 0; i < 50 && mails.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      mails = await mailsTo(on.email);
    }
    expect(mails.map((m) => m.subject)).toEqual(["Your proposal “Park” was published — Uchastie"]);
    // Both went in one send; give the consumer a moment more for the other one anyway.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await mailsTo(off.user.email)).toEqual([]);
  });

  it("a queue that refuses does not undo or fail the change: the in-portal notification stays", async () => {
    const u = await createUser();
    const broken = { ...testEnv, MAIL_QUEUE: { sendBatch: async () => Promise.reject(new Error("queue down")) } } as unknown as Env;
    const prepared = await record([note(u.id)]);
    await expect(dispatchNotes(ctxFor(broken), prepared)).resolves.toBeUndefined();
    expect(await count("notifications", "user_id = ?", u.id)).toBe(1);
  });
});
