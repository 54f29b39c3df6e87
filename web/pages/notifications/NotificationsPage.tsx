import { Badge, EmptyState, Pagination } from "../../ui/blocks";
import { usePage } from "../../ui/context";
import { Button, Checkbox, Form } from "../../ui/Form";
import { emptyForm } from "../../page-data";
import type { NotificationKind } from "../../../worker/notifications/schema";

export interface NotificationItem {
  id: string;
  headline: string;
  details: string[];
  /** ISO time for <time datetime> and the same moment formatted in the reader's language. */
  at: string;
  atText: string;
  read: boolean;
}

export interface NotificationsProps {
  items: NotificationItem[];
  nextHref: string | null;
  isFirstPage: boolean;
  unread: number;
  prefs: { kind: NotificationKind; email: boolean }[];
}

const noErrors = emptyForm();

/**
 * The person's notifications and their e-mail settings. Opening a notification is a small POST form
 * (it marks it read, then redirects to where it leads): a GET link that changed state could be
 * triggered by link preview or prefetching.
 */
export function NotificationsPage(p: NotificationsProps) {
  const { t } = usePage();
  return (
    <>
      <h1>{t("notifications.title")}</h1>
      <p class="lead">{t("notifications.lead")}</p>
      {p.unread > 0 && (
        <Form action="/me/notifications/read-all">
          <Button kind="secondary">{t("notifications.markAllRead")}</Button>
        </Form>
      )}
      {p.items.length === 0 ? (
        <EmptyState>{t("notifications.empty")}</EmptyState>
      ) : (
        <ul class="cards">
          {p.items.map((n) => (
            <li key={n.id} class="card">
              <p>
                {!n.read && (
                  <>
                    <Badge tone="warn">{t("notifications.new")}</Badge>{" "}
                  </>
                )}
                <Form action={`/me/notifications/${n.id}/open`} class="inline-form">
                  <button type="submit" class="linklike" aria-describedby={`n-${n.id}-hint`}>
                    {n.read ? n.headline : <strong>{n.headline}</strong>}
                  </button>
                </Form>
                <span class="visually-hidden" id={`n-${n.id}-hint`}>
                  {t("notifications.openHint")}
                </span>
              </p>
              {n.details.map((d, i) => (
                <p key={i}>{d}</p>
              ))}
              <p>
                <time dateTime={n.at}>{n.atText}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination nextHref={p.nextHref} firstHref={p.isFirstPage ? null : "/me/notifications"} />
      <section id="prefs" class="card" aria-labelledby="prefs-title">
        <h2 id="prefs-title" class="card__title">
          {t("notifications.prefs.title")}
        </h2>
        <p>{t("notifications.prefs.lead")}</p>
          <Form action="/me/notifications/prefs">
            <fieldset>
              <legend>{t("notifications.prefs.legend")}</legend>
              {p.prefs.map((pref) => (
                <Checkbox key={pref.kind} name={`email_${pref.kind}`} label={t(`notifications.kind.${pref.kind}`)} form={noErrors} checked={pref.email} />
              ))}
            </fieldset>
            <Button>{t("notifications.prefs.save")}</Button>
          </Form>
      </section>
    </>
  );
}
