import { Hono } from "hono";
import type { AppEnv } from "../http/context";
import { render } from "../http/render";
import { countOrganisations } from "../organisations/data";
import { listOrganisers } from "../organisers/data";

export const homePages = new Hono<AppEnv>();

/** The home page: what the portal is, what is open now, who organises. One D1 round trip. */
homePages.get("/", async (c) => {
  const db = c.get("db");
  const [organisers, [count]] = await db.batch([listOrganisers(db), countOrganisations(db)]);
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
    },
    { title: t("home.title"), description: t("app.tagline") },
  );
});
