import { Hono, type Context } from "hono";
import type { ConsultationCardProps, ConsultationsListProps } from "../../../web/pages/consultations/reading/ConsultationsListPage";
import type { ConsultationPageProps } from "../../../web/pages/consultations/reading/ConsultationPage";
import { serverOnly } from "../../../web/pages/consultations/reading/server-only";
import type { AppEnv } from "../../http/context";
import { ctxOf } from "../../http/ctx";
import { render } from "../../http/render";
import { windowState } from "../window";
import { decodeKey, encodeKey } from "./cursor";
import { LIST_STATES, type CardRow, type ListState } from "./data";
import { LIMITS } from "./dto";
import { listConsultations, nextKey, parseVersionNumber, readDocument } from "./service";

/** Pages of the consultations' reading part: the list and the document (see ../pages.ts for the mounting order). */
export const readingPages = new Hono<AppEnv>();
type C = Context<AppEnv>;

const name = (c: C, o: { nameRu: string; nameEn: string }) => (c.get("locale") === "en" ? o.nameEn : o.nameRu);

export function cardProps(r: CardRow, organiserName: string, now: number): ConsultationCardProps {
  return {
    id: r.id,
    title: r.title,
    organiserName,
    adoptingBody: r.adoptingBody,
    adopted: r.status === "adopted",
    window: windowState(r, now),
    opensAt: r.opensAt,
    closesAt: r.closesAt,
    remarkCount: r.remarkCount,
    currentVersion: r.currentVersion,
  };
}

readingPages.get("/consultations", async (c) => {
  const q = c.req.query();
  const filter = {
    organiser: (q.organiser ?? "").slice(0, LIMITS.id),
    state: (LIST_STATES as readonly string[]).includes(q.state ?? "") ? (q.state as ListState) : ("" as const),
  };
  const after = decodeKey(q.after);
  const now = Date.now();
  const r = await listConsultations(ctxOf(c), c.get("user"), { organiserId: filter.organiser || undefined, state: filter.state || undefined, after, limit: LIMITS.pageSize, withDrafts: true }, now);
  const organiserName = new Map(r.organisers.map((o) => [o.id, name(c, o)]));
  const base = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
  const key = r.more ? nextKey(r.items) : null;
  const props: ConsultationsListProps = {
    items: r.items.map((x) => cardProps(x, organiserName.get(x.organiserId) ?? "", now)),
    filter,
    organisers: r.organisers.map((o) => ({ id: o.id, name: name(c, o) })),
    drafts: r.drafts.map((d) => ({ id: d.id, title: d.title, organiserName: organiserName.get(d.organiserId) ?? "", updatedAt: d.updatedAt })),
    canCreate: r.canCreate,
    nextHref: key ? `/consultations?${new URLSearchParams([...base, ["after", encodeKey(key)]])}` : null,
    firstHref: after ? `/consultations${base.size ? `?${base}` : ""}` : null,
  };
  const t = c.get("t");
  return render(c, "consultations/list", props, { title: t("consultations.title"), description: t("consultations.reading.lead") });
});

readingPages.get("/consultations/:id", async (c) => {
  const number = parseVersionNumber(c.req.query("version"));
  const now = Date.now();
  const r = await readDocument(ctxOf(c), c.get("user"), c.req.param("id"), number, now);
  const x = r.consultation;
  const link = (v: (typeof r.versions)[number]) => ({ number: v.number, status: v.status, adopted: v.adoptedAt !== null });
  const summary = [...r.versions].reverse().find((v) => v.status === "published" && v.summaryPublishedAt !== null);
  const props: ConsultationPageProps = {
    consultation: {
      id: x.id,
      title: x.title,
      description: x.description,
      adoptingBody: x.adoptingBody,
      organiserName: name(c, r.organiser),
      status: x.status,
      opensAt: x.opensAt,
      closesAt: x.closesAt,
      currentVersion: x.currentVersion,
    },
    window: r.access.window,
    acceptsRemarks: r.access.acceptsRemarks,
    version: r.version ? { ...link(r.version), note: r.version.note, adoptedOn: r.version.adoptedOn, adoptedBy: r.version.adoptedBy } : null,
    versions: r.versions.map(link),
    // The viewed version's own summary when it has one, else the newest published summary.
    summaryVersion: r.version?.summaryPublishedAt ? r.version.number : (summary?.number ?? null),
    manage: r.access.manage,
    hasDraftVersion: r.versions.some((v) => v.status === "draft"),
    canDispose: r.access.dispose,
    // The clause texts go out once, as HTML (see web/pages/consultations/reading/server-only.ts).
    clauses: serverOnly(r.clauses.map((k) => ({ id: k.id, kind: k.kind, number: k.number, depth: k.depth, text: k.text, addressees: k.addressees, remarkCount: k.remarkCount }))),
  };
  return render(c, "consultations/show", props, { title: x.title, description: (x.description || x.title).slice(0, 200) });
});
