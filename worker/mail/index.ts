import type { Db } from "../db/client";
import type { Env, MailMessage } from "../env";
import { devOutbox } from "./schema";

/**
 * The one mail interface. In production a message goes onto the MAIL_QUEUE, whose consumer talks
 * to the provider, so a slow provider never slows a page. Outside production it lands in the
 * development outbox (a D1 table shown at /dev/outbox) where links can be clicked.
 * (Notification e-mails always go through the queue, also locally: see worker/notifications.)
 */
export async function sendMail(env: Env, db: Db, message: MailMessage): Promise<void> {
  if (env.ENVIRONMENT === "production") {
    await env.MAIL_QUEUE.send(message);
    return;
  }
  await db.insert(devOutbox).values({ to: message.to, subject: message.subject, text: message.text, createdAt: Date.now() });
}

/**
 * Hands finished messages over, from a queue consumer: to the provider's HTTP API in production,
 * into the development outbox (one batch) otherwise. Returns, per message, whether it was taken;
 * a message that was not is retried by the queue.
 */
export async function deliver(env: Env, db: Db, messages: MailMessage[]): Promise<boolean[]> {
  if (messages.length === 0) return [];
  if (env.ENVIRONMENT !== "production") {
    const at = Date.now();
    const rows = messages.map((m) => db.insert(devOutbox).values({ to: m.to, subject: m.subject, text: m.text, createdAt: at }));
    await db.batch(rows as [(typeof rows)[number], ...typeof rows]);
    return messages.map(() => true);
  }
  if (!env.MAIL_API_URL) {
    console.error("MAIL_API_URL is not set; messages kept for retry");
    return messages.map(() => false);
  }
  return Promise.all(
    messages.map(async (m) => {
      const res = await fetch(env.MAIL_API_URL!, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${env.MAIL_API_TOKEN ?? ""}` },
        body: JSON.stringify({ from: env.MAIL_FROM ?? "noreply@uchastie.example", to: m.to, subject: m.subject, text: m.text }),
      }).catch(() => null);
      return !!res?.ok;
    }),
  );
}

/** Queue consumer for finished mail (account mail in production): failures are retried by the queue. */
export async function deliverBatch(messages: readonly Message<MailMessage>[], env: Env, db: Db): Promise<void> {
  const taken = await deliver(env, db, messages.map((m) => m.body));
  messages.forEach((m, i) => (taken[i] ? m.ack() : m.retry()));
}

export { devOutbox };
