import { Hono, type Context } from "hono";
import { emptyForm, type FormState } from "../../web/page-data";
import type { AppEnv } from "../http/context";
import { ctxOf } from "../http/ctx";
import { handleForm } from "../http/form-page";
import { Problem, notFound } from "../http/problem";
import { enforce, limitsFor } from "../http/rate-limit";
import { formFields, formStateFrom, render } from "../http/render";
import { pageUser, signedInPage } from "../http/session";
import { parse } from "../http/validate";
import { listOrganisers } from "../organisers/data";
import { can } from "../roles/rules";
import { moderationAdapters } from "./adapters";
import { decodeCursor, encodeCursor } from "./cursor";
import { itemById } from "./data";
import { BlockInput, DecisionInput, ReportInput, SettingsInput, TemplateInput } from "./dto";
import { listPublicDecisions } from "./public";
import { LIMITS, TEMPLATE_ACTIONS } from "./rules";
import * as moderation from "./service";

type C = Context<AppEnv>;

/** The moderation pages: report anything, the queue, its settings, and the public record of decisions. */
export const moderationPages = new Hono<AppEnv>();
moderationPages.use("/report", signedInPage("/"));
moderationPages.use("/moderation", signedInPage("/moderation"));
moderationPages.use("/moderation/items/*", signedInPage("/moderation"));
moderationPages.use("/moderation/block", signedInPage("/moderation"));
moderationPages.use("/moderation/settings", signedInPage("/moderation"));
moderationPages.use("/moderation/settings/*", signedInPage("/moderation"));

const name = (c: C, o: { nameRu: string; nameEn: string }) => (c.get("locale") === "en" ? o.nameEn : o.nameRu);
const isTarget = (v: string | undefined): v is "proposal" | "comment" | "remark" | "entry" => v === "proposal" || v === "comment" || v === "remark" || v === "entry";

// ——— Reports ———

async function reportForm(c: C, targetType: string | undefined, targetId: string | undefined, form: FormState<any>, status = 200) {
  if (!isTarget(targetType) || !targetId || targetId.length > 64) throw notFound();
  const object = await moderation.reportableObject(ctxOf(c), moderationAdapters, pageUser(c), targetType, targetId);
  return render(
    c,
    "moderation/report",
    { targetType, targetId, label: object.label, backUrl: object.url, maxDetails: LIMITS.reportDetails, form },
    { title: c.get("t")("moderation.report.title"), status },
  );
}

moderationPages.get("/report", (c) => reportForm(c, c.req.query("type"), c.req.query("id"), emptyForm()));

moderationPages.post("/report", async (c) => {
  const user = pageUser(c);
  const values = await formFields(c);
  try {
    return await handleForm(
      c,
      values,
      async () => {
        await enforce(c, limitsFor(c).report, user.id);
        const r = await moderation.report(ctxOf(c), moderationAdapters, user, parse(ReportInput, values));
        return render(
          c,
          "message",
          { titleKey: "moderation.report.done.title", textKey: "moderation.report.done.text", tone: "ok", link: { href: r.object.url, labelKey: "moderation.report.back" } },
          { title: c.get("t")("moderation.report.done.title"), status: 201 },
        );
      },
      (form, status) => {
        // A second report by the same person is not an error to fix in the form: say so plainly.
        if (status === 409) throw new Problem(409, "conflict", "moderation.problem.alreadyReported");
        return reportForm(c, values.targetType, values.targetId, form, status);
      },
    );
  } catch (e) {
    if (e instanceof Problem && e.status === 409) {
      return render(
        c,
        "message",
        { titleKey: "moderation.report.already.title", textKey: "moderation.report.already.text", link: { href: "/", labelKey: "error.back" } },
        { title: c.get("t")("moderation.report.already.title"), status: 409 },
      );
    }
    throw e;
  }
});

// ——— The queue ———

async function queuePage(c: C, failed?: { itemId: string; form: "decision" | "block"; state: FormState<Record<string, string>> }, status = 200, organiserOverride?: string) {
  const user = pageUser(c);
  const after = c.req.query("after");
  const r = await moderation.loadQueue(ctxOf(c), moderationAdapters, user, { organiserId: organiserOverride ?? c.req.query("organiser") ?? undefined, after: decodeCursor(after) });
  const q = `organiser=${encodeURIComponent(r.organiserId)}`;
  return render(
    c,
    "moderation/queue",
    {
      organisers: r.organisers.map((o) => ({ id: o.id, name: name(c, o) })),
      organiserId: r.organiserId,
      items: r.items.map(({ targetId: _t, createdAt: _c, ...i }) => i),
      nextHref: r.next ? `/moderation?${q}&after=${encodeCursor(r.next)}` : null,
      firstHref: after ? `/moderation?${q}` : null,
      templates: r.templates,
      canBlock: r.canBlock,
      canSettings: r.canSettings,
      maxReason: LIMITS.reason,
      maxBlockDays: LIMITS.blockDays.max,
      failed,
    },
    { title: c.get("t")("moderation.queue.title"), status },
  );
}

moderationPages.get("/moderation", (c) => queuePage(c));

/** A failed decision or block shows the queue again with the reasons on that item (nothing was written). */
async function queueForm(
  c: C,
  form: "decision" | "block",
  where: (values: Record<string, string>) => { itemId: string; organiserId: string | undefined },
  run: (values: Record<string, string>) => Promise<string>,
) {
  const values = await formFields(c);
  const { itemId, organiserId } = where(values);
  try {
    const done = await run(values);
    return c.redirect(`/moderation?organiser=${encodeURIComponent(organiserId ?? "")}&done=${done}`, 303);
  } catch (e) {
    if (e instanceof Problem && e.status < 500 && e.status !== 404 && !(e.status === 403 && e.code === "forbidden")) {
      return queuePage(c, { itemId, form, state: formStateFrom(c, e, values) }, e.status, organiserId);
    }
    throw e;
  }
}

moderationPages.post("/moderation/items/:id/decision", async (c) => {
  const id = c.req.param("id");
  const [item] = await itemById(c.get("db"), id);
  if (!item) throw notFound();
  return queueForm(
    c,
    "decision",
    () => ({ itemId: id, organiserId: item.organiserId }),
    async (values) => {
      await moderation.decide(ctxOf(c), moderationAdapters, pageUser(c), id, parse(DecisionInput, values));
      return "moderation.queue.decided";
    },
  );
});

moderationPages.post("/moderation/block", async (c) =>
  queueForm(
    c,
    "block",
    (values) => ({ itemId: values.itemId ?? "", organiserId: values.organiserId || undefined }),
    async (values) => {
      await moderation.blockAuthor(ctxOf(c), pageUser(c), parse(BlockInput, values));
      return "moderation.queue.blocked";
    },
  ),
);

// ——— Settings ———

async function settingsPage(c: C, forms: { settingsForm?: FormState<any>; templateForm?: FormState<any> } = {}, status = 200) {
  const user = pageUser(c);
  const all = await listOrganisers(c.get("db"));
  const mine = all.filter((o) => can(user, "moderation.settings", { organiserId: o.id }));
  const organiserId = c.req.query("organiser") ?? mine[0]?.id ?? "";
  const s = await moderation.getSettings(ctxOf(c), user, organiserId);
  const organiser = all.find((o) => o.id === organiserId)!;
  return render(
    c,
    "moderation/settings",
    {
      organiserId,
      organiserName: name(c, organiser),
      organisers: mine.map((o) => ({ id: o.id, name: name(c, o) })),
      settingsForm: forms.settingsForm ?? emptyForm({ reportThreshold: String(s.reportThreshold), staleAfterHours: String(s.staleAfterHours) }),
      templateForm: forms.templateForm ?? emptyForm(),
      templates: s.templates,
      templateActions: [...TEMPLATE_ACTIONS],
      limits: { threshold: LIMITS.threshold, staleAfterHours: LIMITS.staleAfterHours, templateText: LIMITS.templateText },
    },
    { title: c.get("t")("moderation.settings.title"), status },
  );
}

const settingsHref = (organiserId: string, done: string) => `/moderation/settings?organiser=${encodeURIComponent(organiserId)}&done=${done}`;

moderationPages.get("/moderation/settings", (c) => settingsPage(c));

moderationPages.post("/moderation/settings", async (c) => {
  const organiserId = c.req.query("organiser") ?? "";
  const values = await formFields(c);
  return handleForm(
    c,
    values,
    async () => {
      await moderation.saveSettings(ctxOf(c), pageUser(c), organiserId, parse(SettingsInput, values));
      return c.redirect(settingsHref(organiserId, "moderation.settings.saved"), 303);
    },
    (form, status) => settingsPage(c, { settingsForm: form }, status),
  );
});

moderationPages.post("/moderation/settings/templates", async (c) => {
  const organiserId = c.req.query("organiser") ?? "";
  const values = await formFields(c);
  return handleForm(
    c,
    values,
    async () => {
      await moderation.addTemplate(ctxOf(c), pageUser(c), organiserId, parse(TemplateInput, values));
      return c.redirect(settingsHref(organiserId, "moderation.settings.templateAdded"), 303);
    },
    (form, status) => settingsPage(c, { templateForm: form }, status),
  );
});

moderationPages.post("/moderation/settings/templates/:id/delete", async (c) => {
  const r = await moderation.removeTemplate(ctxOf(c), pageUser(c), c.req.param("id"));
  return c.redirect(settingsHref(r.organiserId, "moderation.settings.templateRemoved"), 303);
});

// ——— Openness ———

moderationPages.get("/moderation/public", async (c) => {
  const db = c.get("db");
  const organiserId = c.req.query("organiser") || undefined;
  const after = c.req.query("after");
  const [organisers, r] = await Promise.all([listOrganisers(db), listPublicDecisions(db, { organiserId, after: decodeCursor(after) })]);
  const q = organiserId ? `organiser=${encodeURIComponent(organiserId)}&` : "";
  const nameOf = (id: string) => {
    const o = organisers.find((x) => x.id === id);
    return o ? name(c, o) : id;
  };
  return render(
    c,
    "moderation/public",
    {
      organisers: organisers.map((o) => ({ id: o.id, name: name(c, o) })),
      organiserId: organiserId ?? null,
      items: r.items.map((i) => ({ id: i.id, organiserName: nameOf(i.organiserId), targetType: i.targetType, decision: i.decision, reason: i.reason, decidedAt: i.decidedAt })),
      nextHref: r.next ? `/moderation/public?${q}after=${encodeCursor(r.next)}` : null,
      firstHref: after ? `/moderation/public${organiserId ? `?organiser=${encodeURIComponent(organiserId)}` : ""}` : null,
    },
    { title: c.get("t")("moderation.public.title") },
  );
});
