import type { Db } from "../db/client";
import type { Env, MailMessage } from "../env";
import { devOutbox } from "./schema";

/**
 * The one mail interface. In production a message goes onto the MAIL_QUEUE, whose consumer talks
 * to the provider, so a slow provider never slows a page. Outside production it lands in the
 * development outbox (a D1 table shown at /dev/outbox) where links can be clicked.
 */
export async function sendMail(env: Env, db: Db, message: MailMessage): Promise<void> {
  if (env.ENVIRONMENT === "production") {
    await env.MAIL_QUEUE.send(message);
    return;
  }
  await db.insert(devOutbox).values({ to: message.to, subject: message.subject, text: message.text, createdAt: Date.now() });
}

/** Queue consumer: deliver through the provider's HTTP API; failures are retried by the queue. */
export async function deliverBatch(batch: MessageBatch<MailMessage>, env: Env): Promise<void> {
  for (const msg of batch.messages) {
    if (!env.MAIL_API_URL) {
      console.error("MAIL_API_URL is not set; message kept for retry", msg.id);
      msg.retry();
      continue;
    }
    const res = await fetch(env.MAIL_API_URL, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${env.MAIL_API_TOKEN ?? ""}` },
      body: JSON.stringify({ from: env.MAIL_FROM ?? "noreply@uchastie.example", ...msg.body }),
    });
    if (res.ok) msg.ack();
    else msg.retry();
  }
}

export { devOutbox };
