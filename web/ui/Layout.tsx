import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { usePage } from "./context";
import { Form } from "./Form";

/** The page frame: skip link, header with navigation and language switch, main, footer. */
export function Layout({ children, flash }: { children: ComponentChildren; flash?: string }) {
  const { t, user, path, locale, dev } = usePage();
  const [open, setOpen] = useState(false);
  const back = encodeURIComponent(path);
  const link = (href: string, label: string) => (
    <li>
      <a href={href} aria-current={path === href ? "page" : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <>
      <a class="skip" href="#main">
        {t("nav.skip")}
      </a>
      <header class="site-header">
        <div class="wrap site-header__row">
          <a class="brand" href="/">
            <span class="brand__name">{t("app.name")}</span>
          </a>
          <button type="button" class="menu-toggle" aria-expanded={open ? "true" : "false"} aria-controls="site-nav" onClick={() => setOpen(!open)}>
            {t("nav.menu")}
          </button>
          <nav id="site-nav" class={`site-nav${open ? " site-nav--open" : ""}`} aria-label={t("nav.main")}>
            <ul>
              {link("/", t("nav.home"))}
              {link("/consultations", t("nav.consultations"))}
              {link("/proposals", t("proposals.nav"))}
              {link("/competitions", t("nav.competitions"))}
              {link("/library", t("nav.library"))}
              {link("/implementation", t("nav.implementation"))}
              {link("/organisations", t("nav.organisations"))}
              {link("/api/docs", t("nav.api"))}
              {dev && link("/dev/outbox", t("nav.outbox"))}
              {user?.canAdmin && link("/admin", t("nav.admin"))}
              {user?.canModerate && link("/moderation", t("moderation.nav"))}
              {user ? (
                <>
                  {link("/me", t("nav.profile"))}
                  <li>
                    {/* The count is shown in brackets and named in words for screen readers («Уведомления, непрочитанных: 3»). */}
                    <a href="/me/notifications" aria-current={path === "/me/notifications" ? "page" : undefined}>
                      {t("notifications.nav")}
                      {user.unread > 0 && (
                        <>
                          <span aria-hidden="true"> ({user.unread > 99 ? "99+" : user.unread})</span>
                          <span class="visually-hidden">{t("notifications.navUnread", { n: user.unread > 99 ? "99+" : user.unread })}</span>
                        </>
                      )}
                    </a>
                  </li>
                  <li>
                    <Form action="/signout" class="inline-form">
                      <button type="submit" class="linklike">
                        {t("nav.signOut")}
                      </button>
                    </Form>
                  </li>
                </>
              ) : (
                <>
                  {link("/signin", t("nav.signIn"))}
                  {link("/signup", t("nav.signUp"))}
                </>
              )}
            </ul>
          </nav>
          <p class="lang-switch">
            <span class="visually-hidden">{t("lang.switch")}: </span>
            {locale === "ru" ? (
              <a href={`/lang/en?back=${back}`} lang="en" hrefLang="en">
                English
              </a>
            ) : (
              <a href={`/lang/ru?back=${back}`} lang="ru" hrefLang="ru">
                Русский
              </a>
            )}
          </p>
        </div>
      </header>
      <main id="main" class="wrap" tabIndex={-1}>
        {flash && (
          <div class="notice notice--ok" role="status">
            {flash}
          </div>
        )}
        {children}
      </main>
      <footer class="site-footer">
        <div class="wrap">
          <p>{t("footer.about")}</p>
          <p>
            <a href="/consent">{t("footer.privacy")}</a> · <a href="/api/docs">{t("footer.moderation")}</a> · <a href="/moderation/public">{t("moderation.footer")}</a>
          </p>
        </div>
      </footer>
    </>
  );
}
