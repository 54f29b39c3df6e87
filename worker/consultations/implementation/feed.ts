import { Feed } from "feed";
import { translate, type Locale, type MessageKey } from "../../../web/i18n";
import type { ConsultationEventKind, CommitmentStatus } from "../schema";

/** A stored feed event (consultation_events row) as the feed needs it. */
export interface FeedEvent {
  id: string;
  kind: ConsultationEventKind;
  params: Record<string, string | number>;
  url: string;
  createdAt: number;
}

export const FEED_PATH = "/consultations/feed.atom";

/**
 * The feed library (feed@6) writes entry titles and contents as `type="html"` in CDATA: whatever
 * we pass is read by feed readers as HTML. So user text (titles of consultations, addressees, the
 * adopting body) is escaped here as HTML — a reader then shows `<script>` as those characters, and
 * an escaped `>` also means no `]]>` can end the CDATA early. Characters XML 1.0 forbids (C0
 * controls other than tab and newlines) are dropped, or the whole feed would fail to parse.
 */
export function escapeHtml(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const str = (v: string | number | undefined) => (v === undefined ? "" : String(v));

function formatDate(locale: Locale, iso: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const [y, m, d] = iso.split("-").map(Number);
  return new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** An event as a sentence in the reader's language (plain text), and a longer text for the entry's content. */
export function describeEvent(e: FeedEvent, locale: Locale): { title: string; content: string } {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const p = e.params;
  const title = str(p.title);
  switch (e.kind) {
    case "published":
      return { title: t("consultations.implementation.feed.published", { title }), content: t("consultations.implementation.feed.publishedContent", { title }) };
    case "version":
      return { title: t("consultations.implementation.feed.version", { title, version: str(p.version) }), content: t("consultations.implementation.feed.versionContent", { title, version: str(p.version) }) };
    case "summary":
      return { title: t("consultations.implementation.feed.summary", { title, version: str(p.version) }), content: t("consultations.implementation.feed.summaryContent", { title, version: str(p.version) }) };
    case "adopted":
      return {
        title: t("consultations.implementation.feed.adopted", { title }),
        content: t("consultations.implementation.feed.adoptedContent", { title, version: str(p.version), adoptedOn: formatDate(locale, str(p.adoptedOn)), adoptedBy: str(p.adoptedBy) }),
      };
    case "commitment_status": {
      const status = translate(locale, `consultations.commitment.${str(p.status) as CommitmentStatus}` as MessageKey).toLocaleLowerCase(locale);
      const where = p.clause ? t("consultations.implementation.feed.where", { clause: str(p.clause), addressee: str(p.addressee) }) : str(p.addressee);
      const sentence = t("consultations.implementation.feed.status", { title, where, status });
      return { title: sentence, content: sentence };
    }
  }
}

/**
 * The Atom 1.0 document of the newest events. Entry ids are the events' own (`urn:uuid:<id>`), so
 * a reader never sees an entry twice; `updated` is when the event happened; links are absolute.
 */
export function renderFeed(events: FeedEvent[], opts: { locale: Locale; origin: string; now: number }): string {
  const { locale, origin } = opts;
  const self = `${origin}${FEED_PATH}${locale === "en" ? "?lang=en" : ""}`;
  const feed = new Feed({
    id: `${origin}${FEED_PATH}`,
    title: translate(locale, "consultations.implementation.feed.title"),
    description: translate(locale, "consultations.implementation.feed.subtitle"),
    link: `${origin}/consultations`,
    feed: self,
    language: locale,
    updated: new Date(events[0]?.createdAt ?? opts.now),
    author: { name: translate(locale, "app.name"), link: origin },
    generator: false,
  });
  for (const e of events) {
    const d = describeEvent(e, locale);
    feed.addItem({
      id: `urn:uuid:${e.id}`,
      title: escapeHtml(d.title),
      content: escapeHtml(d.content),
      link: new URL(e.url, origin).toString(),
      date: new Date(e.createdAt),
    });
  }
  return feed.atom1();
}
