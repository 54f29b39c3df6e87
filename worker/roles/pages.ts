import { Hono } from "hono";
import { inArray } from "drizzle-orm";
import { emptyForm, type FormState } from "../../web/page-data";
import { formatDateTime } from "../../web/i18n";
import { users } from "../accounts/schema";
import { listAudit } from "../audit/data";
import type { AppEnv } from "../http/context";
import { ctxOf } from "../http/ctx";
import { handleForm } from "../http/form-page";
import { forbidden } from "../http/problem";
import { pageUser, signedInPage } from "../http/session";
import { formFields, render } from "../http/render";
import { parse } from "../http/validate";
import { listOrganisers } from "../organisers/data";
import { pendingMemberships } from "../organisations/data";
import { MembershipDecisionInput } from "../organisations/dto";
import { decideMembership } from "../organisations/service";
import { listGrants } from "./data";
import { GrantInput, adminScope } from "./routes";
import { can } from "./rules";
import * as roles from "./service";

/** The admin area: membership requests, role grants, the audit log — each scoped to what the person administers. */
export const adminPages = new Hono<AppEnv>();
adminPages.use("/admin", signedInPage("/admin"));
adminPages.use("/admin/*", signedInPage("/admin"));

async function adminPage(c: Parameters<typeof render>[0], grantForm?: FormState<any>, status?: number) {
  const user = pageUser(c);
  if (!can(user, "admin.enter", { anyOrganiser: true })) throw forbidden();
  const db = c.get("db");
  const scope = adminScope(user);
  const locale = c.get("locale");
  const [organisers, grants, pending, audit] = await db.batch([
    listOrganisers(db),
    listGrants(db, { organiserIds: scope === "all" ? undefined : scope, limit: 100 }),
    pendingMemberships(db, scope),
    listAudit(db, { organiserIds: scope, limit: 50 }),
  ]);
  const ids = [...new Set([...grants.map((g) => g.userId), ...audit.map((a) => a.actorId).filter((x): x is string => !!x)])];
  const people = ids.length ? await db.select({ id: users.id, email: users.email, displayName: users.displayName, deletedAt: users.deletedAt }).from(users).where(inArray(users.id, ids.slice(0, 90))) : [];
  const label = (id: string | null) => {
    const p = people.find((x) => x.id === id);
    if (!p) return id ?? "—";
    return p.deletedAt ? c.get("t")("deletedUser") : `${p.displayName} <${p.email}>`;
  };
  const orgName = (id: string | null) => {
    const o = organisers.find((x) => x.id === id);
    return o ? (locale === "en" ? o.nameEn : o.nameRu) : "";
  };
  const visibleOrganisers = organisers.filter((o) => scope === "all" || scope.includes(o.id));
  return render(
    c,
    "admin/index",
    {
      grantable: roles.grantableRoles(user),
      organisers: visibleOrganisers.map((o) => ({ id: o.id, name: locale === "en" ? o.nameEn : o.nameRu })),
      grants: grants.map((g) => ({
        id: g.id,
        role: g.role,
        userLabel: label(g.userId),
        scopeLabel: g.organiserId ? orgName(g.organiserId) : (g.competitionId ?? ""),
        grantedAt: formatDateTime(locale, g.grantedAt),
        canRevoke: can(user, `role.grant.${g.role}` as never, { organiserId: g.organiserId ?? undefined }),
      })),
      grantForm: grantForm ?? emptyForm(),
      pending: pending.map((m) => ({ organisationId: m.organisationId, organisationName: m.organisationName, userId: m.userId, userLabel: `${m.displayName} <${m.email}>`, requestedAt: formatDateTime(locale, m.requestedAt) })),
      audit: audit.map((a) => ({ at: formatDateTime(locale, a.at), action: a.action, actor: label(a.actorId), object: `${a.objectType}:${a.objectId}`, reason: a.reason })),
    },
    { title: c.get("t")("admin.title"), status },
  );
}

adminPages.get("/admin", (c) => adminPage(c));

adminPages.post("/admin/roles", async (c) => {
  const user = pageUser(c);
  const values = await formFields(c);
  return handleForm(
    c,
    values,
    async () => {
      const input = parse(GrantInput, { ...values, organiserId: values.organiserId || undefined, competitionId: values.competitionId || undefined });
      await roles.grantRole(ctxOf(c), user, input);
      return c.redirect("/admin?done=admin.granted", 303);
    },
    (form, status) => adminPage(c, form, status),
  );
});

adminPages.post("/admin/roles/:id/revoke", async (c) => {
  const user = pageUser(c);
  await roles.revokeRole(ctxOf(c), user, c.req.param("id"));
  return c.redirect("/admin?done=admin.revoked", 303);
});

adminPages.post("/admin/memberships/:orgId/:userId", async (c) => {
  const user = pageUser(c);
  const values = await formFields(c);
  return handleForm(
    c,
    values,
    async () => {
      const input = parse(MembershipDecisionInput, { decision: values.decision, reason: values.reason || undefined });
      await decideMembership(ctxOf(c), user, c.req.param("orgId"), c.req.param("userId"), input);
      return c.redirect("/admin", 303);
    },
    (form, status) => adminPage(c, { values: {}, errors: [], message: form.errors.map((e) => e.reason).join(" ") || form.message }, status),
  );
});
