import { Hono } from "hono";
import type { AppEnv } from "../http/context";
import { render } from "../http/render";
import { countOrganisations } from "../organisations/data";
import { listOrganisers } from "../organisers/data";
import { newestProposals } from "../proposals/pages";

export const homePages = new Hono<AppEnv>();

/** How many of the newest published proposals the home page shows. */
const NEWEST_PROPOSALS = 4;

/** The home page: what the portal is, what is open now, the newest proposals, who organises. One D1 round trip. */
homePages.get("/", async (c) => {
  const db = c.get("db");
  const [organisers, [count], rows, themeRows] = await db.batch([listOrganisers(db), countOrganisations(db), ...newestProposals.statements(db, NEWEST_PROPOSALS)]);
  const en = c.get("locale") === "en";
  const t = c.get("t");
  return render(
    c,
    "home",
    {
      organisers: organisers.map((o) => ({ id: o.id, name: en ? o.nameEn : o.nameRu, shortName: o.shortName })),
      organisationCount: count?.n ?? 0,
      // Consultations and competitions add their open items here when their modules land.
      openNow: [],
      newestProposals: newestProposals.cards(c, rows, themeRows, organisers),
    },
    { title: t("home.title"), description: t("app.tagline") },
  );
});
