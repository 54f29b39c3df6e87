import { Hono } from "hono";
import type { AppEnv } from "../http/context";
import { render } from "../http/render";
import { countOrganisations } from "../organisations/data";
import { listOrganisers } from "../organisers/data";
import { newestProposals } from "../proposals/pages";
import { openNowStatement } from "../consultations/reading/service";
import { formatDateTime } from "../../web/i18n";

export const homePages = new Hono<AppEnv>();

/** How many of the newest published proposals the home page shows. */
const NEWEST_PROPOSALS = 4;
/** How many consultations open for remarks it shows (the rest are on /consultations?state=open). */
const OPEN_CONSULTATIONS = 3;

/** The home page: what the portal is, what is open now, the newest proposals, who organises. One D1 round trip. */
homePages.get("/", async (c) => {
  const db = c.get("db");
  const now = Date.now();
  const [organisers, [count], rows, themeRows, open] = await db.batch([
    listOrganisers(db),
    countOrganisations(db),
    ...newestProposals.statements(db, NEWEST_PROPOSALS),
    openNowStatement(db, now, OPEN_CONSULTATIONS),
  ]);
  const en = c.get("locale") === "en";
  const t = c.get("t");
  return render(
    c,
    "home",
    {
      organisers: organisers.map((o) => ({ id: o.id, name: en ? o.nameEn : o.nameRu, shortName: o.shortName })),
      organisationCount: count?.n ?? 0,
      // Competitions add their open items here when their module lands.
      openNow: open.map((x) => ({
        href: `/consultations/${x.id}`,
        title: x.title,
        kind: t("consultations.reading.kind"),
        until: t("consultations.window.open", { closes: formatDateTime(c.get("locale"), x.closesAt) }),
      })),
      newestProposals: newestProposals.cards(c, rows, themeRows, organisers),
    },
    { title: t("home.title"), description: t("app.tagline") },
  );
});
