import { Hono } from "hono";
import { emptyForm } from "../../web/page-data";
import type { AppEnv } from "../http/context";
import { ctxOf } from "../http/ctx";
import { handleForm } from "../http/form-page";
import { formFields, render } from "../http/render";
import { parse } from "../http/validate";
import { listOrganisers } from "../organisers/data";
import { can } from "../roles/rules";
import { decodeCursor, encodeCursor } from "./cursor";
import { getOrganisation, listOrganisations } from "./data";
import { OrganisationInput } from "./dto";
import * as orgs from "./service";
import { notFound } from "../http/problem";

export const organisationPages = new Hono<AppEnv>();
const PAGE = 20;

async function listPage(c: Parameters<typeof render>[0], createForm?: any, status?: number) {
  const db = c.get("db");
  const after = c.req.query("after");
  const [rows, organisers] = await db.batch([listOrganisations(db, { after: decodeCursor(after), limit: PAGE + 1 }), listOrganisers(db)]);
  const items = rows.slice(0, PAGE);
  const user = c.get("user");
  const en = c.get("locale") === "en";
  return render(
    c,
    "organisations/list",
    {
      items: items.map((o) => ({ id: o.id, name: o.name, type: o.type, city: o.city, memberCount: o.memberCount })),
      nextHref: rows.length > PAGE ? `/organisations?after=${encodeCursor(items[items.length - 1])}` : null,
      isFirstPage: !after,
      organisers: organisers.map((o) => ({ id: o.id, name: en ? o.nameEn : o.nameRu })),
      createForm: can(user, "organisation.create") ? (createForm ?? emptyForm()) : null,
    },
    { title: c.get("t")("orgs.title"), status },
  );
}

organisationPages.get("/organisations", (c) => listPage(c));

organisationPages.post("/organisations", async (c) => {
  const user = c.get("user");
  if (!user) return c.redirect("/signin?next=/organisations", 303);
  const values = await formFields(c);
  return handleForm(
    c,
    values,
    async () => {
      const r = await orgs.createOrganisation(ctxOf(c), user, parse(OrganisationInput, values));
      return c.redirect(`/organisations/${r.id}?done=orgs.created`, 303);
    },
    (form, status) => listPage(c, form, status),
  );
});

organisationPages.get("/organisations/:id", async (c) => {
  const user = c.get("user");
  const r = await orgs.showOrganisation(ctxOf(c), c.req.param("id"), user);
  const organisers = await listOrganisers(c.get("db"));
  const organiser = organisers.find((o) => o.id === r.org.organiserId);
  const status = r.myMembership?.status ?? null;
  return render(
    c,
    "organisations/show",
    {
      org: r.org,
      organiserName: organiser ? (c.get("locale") === "en" ? organiser.nameEn : organiser.nameRu) : "",
      members: r.members,
      myStatus: status,
      canJoin: !!user && user.emailConfirmed && (status === null || status === "rejected"),
    },
    { title: r.org.name, description: r.org.description.slice(0, 200) || r.org.name },
  );
});

organisationPages.post("/organisations/:id/join", async (c) => {
  const user = c.get("user");
  const id = c.req.param("id");
  if (!user) return c.redirect(`/signin?next=/organisations/${encodeURIComponent(id)}`, 303);
  const [org] = await getOrganisation(c.get("db"), id);
  if (!org) throw notFound();
  await orgs.requestMembership(ctxOf(c), user, id);
  return c.redirect(`/organisations/${encodeURIComponent(id)}?done=orgs.joinRequested`, 303);
});
