import { isLocale } from "../../web/i18n";
import type { Db } from "../db/client";
import type { Env, MailMessage, NotificationMailMessage } from "../env";
import { deliver } from "../mail";
import { mailCopies } from "./data";
import { renderNoteMail } from "./messages";

/** Ids per read (each is one bound parameter; D1 allows 100 per statement). */
const IDS_PER_READ = 90;

/**
 * The queue consumer for notification e-mail copies. For the whole batch it reads each notification
 * with its recipient and their e-mail switch for that kind (one round trip for up to 90 messages),
 * renders the mail in the recipient's language, and hands it to worker/mail (provider in production,
 * the development outbox otherwise). A copy is dropped — acknowledged without mail — when the
 * notification no longer exists, the account was deleted, the address was never confirmed, or the
 * person switched e-mail off for that kind. Only a failed hand-over is retried.
 */
export async function deliverNotificationMail(messages: readonly Message<NotificationMailMessage>[], env: Env, db: Db): Promise<void> {
  if (messages.length === 0) return;
  const ids = [...new Set(messages.map((m) => m.body.id))];
  const reads = [];
  for (let i = 0; i < ids.length; i += IDS_PER_READ) reads.push(mailCopies(db, ids.slice(i, i + IDS_PER_READ)));
  const found = (await db.batch(reads as [(typeof reads)[number], ...typeof reads])).flat();
  const byId = new Map(found.map((r) => [r.id, r]));
  const origin = env.PORTAL_ORIGIN || "http://localhost:8787";

  const toSend: { msg: Message<NotificationMailMessage>; mail: MailMessage }[] = [];
  for (const msg of messages) {
    const n = byId.get(msg.body.id);
    if (!n || n.deletedAt !== null || n.confirmedAt === null || !n.wantsEmail) {
      msg.ack();
      continue;
    }
    const locale = isLocale(n.locale) ? n.locale : "ru";
    toSend.push({ msg, mail: { to: n.email, ...renderNoteMail(locale, n.kind, n.params, n.url, origin) } });
  }
  const taken = await deliver(env, db, toSend.map((s) => s.mail));
  toSend.forEach((s, i) => (taken[i] ? s.msg.ack() : s.msg.retry()));
}
