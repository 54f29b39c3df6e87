import { buildApp } from "./app";
import { COMPETITION_CRON, tickCompetitions } from "./competitions/cron";
import { makeDb } from "./db/client";
import { isNotificationMessage, type Env, type MailMessage, type MailQueueMessage, type NotificationMailMessage } from "./env";
import { purgeOldWindows } from "./http/rate-limit";
import { deliverBatch } from "./mail";
import { sendStaleReminders } from "./moderation/reminders";
import { deliverNotificationMail } from "./notifications/consumer";

const app = buildApp();

export default {
  fetch: app.fetch,
  /**
   * Cron (wrangler.toml): every minute, competition stages open and close (COMPETITION_CRON); every
   * 15 minutes, housekeeping and reminders to moderators.
   */
  async scheduled(event, env, ctx) {
    const db = makeDb(env.DB);
    if (event.cron === COMPETITION_CRON) {
      ctx.waitUntil(tickCompetitions(db, env).then(() => undefined));
      return;
    }
    ctx.waitUntil(purgeOldWindows(db).then(() => undefined));
    // Reminder links are paths on the portal, so the cron needs no origin.
    ctx.waitUntil(sendStaleReminders({ db, env, origin: "", locale: "ru" }).then(() => undefined));
  },
  /** MAIL_QUEUE carries finished mail and notification copies (rendered here, for their recipient). */
  async queue(batch, env) {
    const db = makeDb(env.DB);
    const notes = batch.messages.filter((m) => isNotificationMessage(m.body)) as Message<NotificationMailMessage>[];
    const mails = batch.messages.filter((m) => !isNotificationMessage(m.body)) as Message<MailMessage>[];
    await Promise.all([deliverNotificationMail(notes, env, db), deliverBatch(mails, env, db)]);
  },
} satisfies ExportedHandler<Env, MailQueueMessage>;
