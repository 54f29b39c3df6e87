import { Hono } from "hono";
import { emptyForm } from "../../web/page-data";
import { formatDateTime } from "../../web/i18n";
import { handleForm } from "../http/form-page";
import type { AppEnv } from "../http/context";
import { ctxOf } from "../http/ctx";
import { Problem } from "../http/problem";
import { clientIp, enforce, limitsFor } from "../http/rate-limit";
import { formFields, render, safeNext } from "../http/render";
import { clearSessionCookie, pageUser, setSessionCookie, signedInPage } from "../http/session";
import { parse } from "../http/validate";
import { listOrganisers } from "../organisers/data";
import { membershipsOfUser } from "../organisations/data";
import { CONSENT_VERSIONS, CURRENT_CONSENT_VERSION } from "./consent";
import { DeleteAccountInput, ForgotInput, ProfileInput, ResetInput, SignInInput, SignUpInput } from "./dto";
import * as accounts from "./service";
import { consents } from "./schema";
import { eq } from "drizzle-orm";

/** Server-rendered account pages; forms post back here and work without JavaScript. */
export const accountPages = new Hono<AppEnv>();
accountPages.use("/me", signedInPage("/me"));
accountPages.use("/me/*", signedInPage("/me"));

const consentText = (c: { get: (k: "locale") => "ru" | "en" }) => [...CONSENT_VERSIONS[CURRENT_CONSENT_VERSION][c.get("locale")]];

accountPages.get("/signup", (c) =>
  render(c, "accounts/signup", { form: emptyForm(), consentVersion: CURRENT_CONSENT_VERSION, consentText: consentText(c) }, { title: c.get("t")("signup.title") }),
);

accountPages.post("/signup", async (c) => {
  const values = await formFields(c);
  const t = c.get("t");
  return handleForm(
    c,
    values,
    async () => {
      // Validation first, as in the API: a form sent back for a typo is not a sign-up attempt.
      const input = parse(SignUpInput, values);
      await enforce(c, limitsFor(c).signup, clientIp(c));
      const r = await accounts.signUp(ctxOf(c), input);
      return render(c, "message", { titleKey: "signup.done.title", textKey: "signup.done.text", params: { email: r.email } }, { title: t("signup.done.title") });
    },
    (form, status) => render(c, "accounts/signup", { form, consentVersion: CURRENT_CONSENT_VERSION, consentText: consentText(c) }, { title: t("signup.title"), status }),
  );
});

accountPages.get("/confirm", async (c) => {
  const t = c.get("t");
  try {
    await accounts.confirmEmail(ctxOf(c), c.req.query("token") ?? "");
    return render(c, "message", { titleKey: "confirm.title", textKey: "confirm.ok", link: { href: "/signin", labelKey: "nav.signIn" } }, { title: t("confirm.title") });
  } catch (e) {
    if (!(e instanceof Problem)) throw e;
    return render(c, "message", { titleKey: "confirm.title", textKey: "confirm.bad", tone: "bad", link: { href: "/signin", labelKey: "nav.signIn" } }, { title: t("confirm.title"), status: 400 });
  }
});

accountPages.get("/signin", (c) => render(c, "accounts/signin", { form: emptyForm(), next: safeNext(c.req.query("next")) ?? undefined }, { title: c.get("t")("signin.title") }));

accountPages.post("/signin", async (c) => {
  const values = await formFields(c);
  const next = safeNext(c.req.query("next"));
  return handleForm(
    c,
    values,
    async () => {
      const input = parse(SignInInput, values);
      const limits = limitsFor(c);
      await enforce(c, limits.signinIp, clientIp(c));
      await enforce(c, limits.signin, input.email);
      const r = await accounts.signIn(ctxOf(c), input, c.req.header("user-agent"));
      setSessionCookie(c, r.token, accounts.SESSION_TTL_MS / 1000);
      return c.redirect(next ?? "/me", 303);
    },
    (form, status) => render(c, "accounts/signin", { form, next: next ?? undefined }, { title: c.get("t")("signin.title"), status }),
  );
});

accountPages.post("/signout", async (c) => {
  const hash = c.get("sessionTokenHash");
  if (hash) await accounts.signOut(ctxOf(c), hash);
  clearSessionCookie(c);
  return c.redirect("/?done=signout.done", 303);
});

accountPages.get("/password/forgot", (c) => render(c, "accounts/forgot", { form: emptyForm() }, { title: c.get("t")("forgot.title") }));
accountPages.post("/password/forgot", async (c) => {
  const values = await formFields(c);
  const t = c.get("t");
  return handleForm(
    c,
    values,
    async () => {
      const { email } = parse(ForgotInput, values);
      await enforce(c, limitsFor(c).reset, clientIp(c));
      await accounts.requestPasswordReset(ctxOf(c), email);
      return render(c, "message", { titleKey: "forgot.title", textKey: "forgot.done" }, { title: t("forgot.title") });
    },
    (form, status) => render(c, "accounts/forgot", { form }, { title: t("forgot.title"), status }),
  );
});

accountPages.get("/password/reset", (c) => render(c, "accounts/reset", { form: emptyForm(), token: c.req.query("token") ?? "" }, { title: c.get("t")("reset.title") }));
accountPages.post("/password/reset", async (c) => {
  const values = await formFields(c);
  return handleForm(
    c,
    values,
    async () => {
      const { token, password } = parse(ResetInput, values);
      await enforce(c, limitsFor(c).reset, clientIp(c));
      await accounts.resetPassword(ctxOf(c), token, password);
      clearSessionCookie(c);
      return c.redirect("/signin?done=reset.done", 303);
    },
    (form, status) => render(c, "accounts/reset", { form, token: values.token ?? "" }, { title: c.get("t")("reset.title"), status }),
  );
});

accountPages.get("/consent", (c) => render(c, "accounts/consent", { version: CURRENT_CONSENT_VERSION, text: consentText(c) }, { title: c.get("t")("consent.title") }));

/** The profile page: its data in one batch (memberships, organisers for role labels, consent). */
async function profilePage(c: Parameters<typeof render>[0], forms: { form?: any; deleteForm?: any; status?: number } = {}) {
  const user = pageUser(c);
  const db = c.get("db");
  const [memberships, organisers, consentRows] = await db.batch([
    membershipsOfUser(db, user.id),
    listOrganisers(db),
    db.select().from(consents).where(eq(consents.userId, user.id)),
  ]);
  const orgName = new Map(organisers.map((o) => [o.id, c.get("locale") === "en" ? o.nameEn : o.nameRu]));
  const last = consentRows.at(-1);
  return render(
    c,
    "accounts/profile",
    {
      email: user.email,
      form: forms.form ?? emptyForm({ displayName: user.displayName, city: user.city ?? "", locale: user.locale }),
      showMemberships: user.showMemberships,
      roles: user.roles.map((r) => ({ role: r.role, scopeLabel: r.organiserId ? (orgName.get(r.organiserId) ?? r.organiserId) : (r.competitionId ?? "") })),
      memberships: memberships.map((m) => ({ organisationId: m.organisationId, organisationName: m.organisationName, status: m.status, reason: m.reason })),
      consent: last ? { version: last.version, acceptedAt: formatDateTime(c.get("locale"), last.acceptedAt) } : null,
      deleteForm: forms.deleteForm ?? emptyForm(),
    },
    { title: c.get("t")("profile.title"), status: forms.status },
  );
}

accountPages.get("/me", (c) => profilePage(c));
accountPages.post("/me", async (c) => {
  const user = pageUser(c);
  const values = await formFields(c);
  // A checked box sends "on" after the hidden "false"; parseBody keeps the last value.
  return handleForm(
    c,
    values,
    async () => {
      const input = parse(ProfileInput, values);
      await accounts.updateProfile(ctxOf(c), user, user.id, input);
      return c.redirect("/me?done=profile.saved", 303);
    },
    (form, status) => profilePage(c, { form, status }),
  );
});

accountPages.post("/me/signout-all", async (c) => {
  const user = pageUser(c);
  await accounts.signOutEverywhere(ctxOf(c), user);
  clearSessionCookie(c);
  return c.redirect("/?done=signout.done", 303);
});

accountPages.get("/me/export", async (c) => {
  const user = pageUser(c);
  const data = await accounts.exportPersonalData(ctxOf(c), user);
  c.header("content-disposition", 'attachment; filename="uchastie-my-data.json"');
  return c.json(data);
});

accountPages.post("/me/delete", async (c) => {
  const user = pageUser(c);
  const values = await formFields(c);
  return handleForm(
    c,
    values,
    async () => {
      parse(DeleteAccountInput, values);
      await accounts.deleteAccount(ctxOf(c), user);
      clearSessionCookie(c);
      return c.redirect("/?done=profile.deleted", 303);
    },
    (deleteForm, status) => profilePage(c, { deleteForm, status }),
  );
});
