import { Hono, type Context } from "hono";
import { formatDateTime, type MessageKey } from "../../web/i18n";
import type { AppEnv } from "../http/context";
import { ctxOf } from "../http/ctx";
import { formFields, render } from "../http/render";
import { pageUser, signedInPage } from "../http/session";
import { NOTIFICATION_KINDS } from "./schema";
import { markOwnRead, pageOf, setOwnPrefs } from "./service";

/** The notifications pages: /me/notifications (list, mark read, e-mail settings). */
export const notificationsPages = new Hono<AppEnv>();
const HOME = "/me/notifications";
notificationsPages.use(HOME, signedInPage(HOME));
notificationsPages.use(`${HOME}/*`, signedInPage(HOME));

/** Post/redirect/get messages of this page (`?done=`); only these keys are shown. */
const FLASHES: MessageKey[] = ["notifications.allRead", "notifications.prefsSaved"];

async function listPage(c: Context<AppEnv>) {
  const user = pageUser(c);
  const db = c.get("db");
  const locale = c.get("locale");
  const after = c.req.query("after");
  const list = await pageOf(db, user, locale, after);
  const done = c.req.query("done") as MessageKey | undefined;
  return render(
    c,
    "notifications/list",
    {
      items: list.items.map((n) => ({ id: n.id, headline: n.headline, details: n.details, at: new Date(n.createdAt).toISOString(), atText: formatDateTime(locale, n.createdAt), read: n.read })),
      nextHref: list.next ? `${HOME}?after=${list.next}` : null,
      isFirstPage: !after,
      unread: user.unreadNotifications,
      prefs: list.prefs,
    },
    { title: c.get("t")("notifications.title"), flash: done && FLASHES.includes(done) ? done : undefined },
  );
}

notificationsPages.get(HOME, listPage);

notificationsPages.post(`${HOME}/read-all`, async (c) => {
  await markOwnRead(ctxOf(c), pageUser(c), { all: true });
  return c.redirect(`${HOME}?done=notifications.allRead`, 303);
});

/** Opens a notification: marks it read (only one's own: another person's id is a 404), then goes where it leads. */
notificationsPages.post(`${HOME}/:id/open`, async (c) => {
  const r = await markOwnRead(ctxOf(c), pageUser(c), { ids: [c.req.param("id").slice(0, 64)] });
  return c.redirect(r.urls?.[0] ?? HOME, 303);
});

/** The settings form sends every kind: a ticked box is on, a missing one is off. */
notificationsPages.post(`${HOME}/prefs`, async (c) => {
  const fields = await formFields(c);
  const email = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, fields[`email_${k}`] !== undefined]));
  await setOwnPrefs(ctxOf(c), pageUser(c), email);
  return c.redirect(`${HOME}?done=notifications.prefsSaved#prefs`, 303);
});
