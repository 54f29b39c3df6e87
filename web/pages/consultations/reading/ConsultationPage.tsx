import { Fragment } from "preact";
import { formatDateTime, type MessageKey } from "../../../i18n";
import { Notice } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { formatCalendarDate, formatCount } from "../../proposals/format";
import { KEEP_SERVER_MARKUP } from "./server-only";
import { clauseNumber, documentBlocks, type ClauseNode, type ClauseView } from "./tree";
import { WindowBadge, windowSentence, type WindowStateName } from "./WindowState";

export interface VersionLink {
  number: number;
  status: "draft" | "published";
  adopted: boolean;
}

export interface ConsultationPageProps {
  consultation: {
    id: string;
    title: string;
    description: string;
    adoptingBody: string;
    organiserName: string;
    status: "draft" | "published" | "adopted";
    opensAt: number;
    closesAt: number;
    currentVersion: number;
  };
  window: WindowStateName;
  /** Remarks may be left now (on the version shown). */
  acceptsRemarks: boolean;
  version: (VersionLink & { note: string; adoptedOn: string | null; adoptedBy: string | null }) | null;
  /** The versions the viewer may see, oldest first. */
  versions: VersionLink[];
  /** The newest version whose summary is published, if any. */
  summaryVersion: number | null;
  /** The viewer runs this consultation (the management links). */
  manage: boolean;
  hasDraftVersion: boolean;
  /** Window closed: dispositions can be recorded (organiser admins). */
  canDispose: boolean;
  /**
   * The version's clauses in order. Server-only (see ./server-only.ts): absent in the browser,
   * where the document's markup is kept as the server rendered it.
   */
  clauses?: ClauseView[];
}

/** A consultation's document clause by clause, with its window, versions and the ways to take part. */
export function ConsultationPage(p: ConsultationPageProps) {
  const { t, locale } = usePage();
  const c = p.consultation;
  const v = p.version;
  const base = `/consultations/${c.id}`;
  const published = c.status !== "draft";
  const superseded = v !== null && v.status === "published" && v.number < c.currentVersion;
  return (
    <article class="consultation">
      <h1>{c.title}</h1>
      <p>
        {published ? <WindowBadge state={p.window} adopted={c.status === "adopted"} /> : <span class="badge badge--neutral">{t("consultations.status.draft")}</span>}
        {v && <> · {t(v.adopted ? "consultations.version.adopted" : v.status === "draft" ? "consultations.version.draft" : "consultations.version", { n: v.number })}</>}
      </p>
      <dl class="meta">
        <dt>{t("consultations.reading.organiser")}</dt>
        <dd>{c.organiserName}</dd>
        {c.adoptingBody && (
          <>
            <dt>{t("consultations.reading.adoptingBodyLabel")}</dt>
            <dd>{c.adoptingBody}</dd>
          </>
        )}
      </dl>
      {c.description &&
        c.description.split(/\n{2,}/).map((para, i) => (
          <p key={i} class="pre-line">
            {para}
          </p>
        ))}

      <WindowBanner {...p} />
      {!published && <Notice>{t("consultations.reading.draftConsultation")}</Notice>}
      {published && v?.status === "draft" && <Notice>{t("consultations.reading.draftVersion")}</Notice>}
      {superseded && (
        <Notice>
          {t("consultations.reading.superseded")} <a href={base}>{t("consultations.reading.toNewest", { n: c.currentVersion })}</a>
        </Notice>
      )}
      {v?.adopted && v.adoptedOn && (
        <Notice tone="ok">{t("consultations.reading.adoptedOn", { date: formatCalendarDate(locale, v.adoptedOn), by: v.adoptedBy ? ` — ${v.adoptedBy}` : "" })}</Notice>
      )}
      {v?.note && <p class="pre-line">{v.note}</p>}

      {p.versions.length > 1 && (
        <nav aria-labelledby="versions-title" class="versions">
          <h2 id="versions-title">{t("consultations.reading.versions")}</h2>
          <ul>
            {p.versions.map((x) => {
              const label = t(x.adopted ? "consultations.version.adopted" : x.status === "draft" ? "consultations.version.draft" : "consultations.version", { n: x.number });
              return (
                <li key={x.number}>
                  {v?.number === x.number ? (
                    <a href={`${base}?version=${x.number}`} aria-current="page">
                      <strong>{label}</strong>
                    </a>
                  ) : (
                    <a href={`${base}?version=${x.number}`}>{label}</a>
                  )}
                </li>
              );
            })}
          </ul>
        </nav>
      )}

      <Related {...p} />
      {p.manage && <Manage {...p} />}

      <section aria-labelledby="doc-title">
        <h2 id="doc-title">{t("consultations.reading.text")}</h2>
        {v === null ? <p class="empty">{t("consultations.reading.noVersion")}</p> : <DocumentBody {...p} />}
      </section>
    </article>
  );
}

function WindowBanner(p: ConsultationPageProps) {
  const { t, locale } = usePage();
  const c = p.consultation;
  return (
    <div class={`notice window window--${p.window}`} role="note">
      {c.status !== "draft" && <p class="window__state">{windowSentence(t, locale, p.window, c)}</p>}
      <p class="meta-line">{t("consultations.window.range", { opens: formatDateTime(locale, c.opensAt), closes: formatDateTime(locale, c.closesAt) })}</p>
      {p.acceptsRemarks && (
        <p>
          <a class="btn btn--primary" href={`/consultations/${c.id}/remarks`}>
            {t("consultations.reading.remarkWhole")}
          </a>
        </p>
      )}
    </div>
  );
}

/** Where else this consultation leads: remarks on the whole, the previous version, the summary, implementation. */
function Related(p: ConsultationPageProps) {
  const { t } = usePage();
  const c = p.consultation;
  const v = p.version;
  const base = `/consultations/${c.id}`;
  const links: [string, string][] = [];
  if (c.status !== "draft" && v?.status === "published" && !p.acceptsRemarks) links.push([`${base}/remarks${v.number === c.currentVersion ? "" : `?version=${v.number}`}`, t("consultations.reading.remarksWhole")]);
  if (v && v.number > 1) links.push([`${base}/compare?from=${v.number - 1}&to=${v.number}`, t("consultations.reading.compareWith", { n: v.number - 1 })]);
  if (p.summaryVersion !== null) links.push([`${base}/summary?version=${p.summaryVersion}`, t("consultations.summary")]);
  if (c.status === "adopted") links.push([`${base}/implementation`, t("consultations.implementation")]);
  if (!links.length) return null;
  return (
    <nav aria-labelledby="related-title" class="related">
      <h2 id="related-title">{t("consultations.reading.related")}</h2>
      <ul>
        {links.map(([href, label]) => (
          <li key={href}>
            <a href={href}>{label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The organiser's admins' links into the other parts of the module. */
function Manage(p: ConsultationPageProps) {
  const { t } = usePage();
  const c = p.consultation;
  const base = `/consultations/${c.id}`;
  const links: [string, MessageKey][] = [[`${base}/edit`, "consultations.reading.manage.edit"]];
  if (p.hasDraftVersion) links.push([`${base}/draft`, "consultations.reading.manage.draft"]);
  else if (c.status === "published" && c.currentVersion > 0) links.push([`${base}/versions/new`, "consultations.reading.manage.newVersion"]);
  if (p.canDispose) links.push([`${base}/dispositions`, "consultations.reading.manage.dispositions"]);
  if (c.status === "published" && c.currentVersion > 0) links.push([`${base}/adopt`, "consultations.reading.manage.adopt"]);
  return (
    <nav aria-labelledby="manage-title" class="manage">
      <h2 id="manage-title">{t("consultations.reading.manage")}</h2>
      <ul>
        {links.map(([href, key]) => (
          <li key={href}>
            <a href={href}>{t(key)}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The clauses. Rendered on the server only: in the browser `clauses` is absent and the element
 * keeps the server's markup (./server-only.ts), so a long document is not sent twice.
 */
function DocumentBody(p: ConsultationPageProps) {
  const { t, locale } = usePage();
  if (!p.clauses) return <div class="doc" {...KEEP_SERVER_MARKUP} />;
  if (p.clauses.length === 0)
    return (
      <div class="doc">
        <p class="empty">{t("consultations.reading.emptyVersion")}</p>
      </div>
    );
  const remarksShown = p.version?.status === "published";
  // Relative to the page (/consultations/<id>), so each of hundreds of links is shorter by the
  // "/consultations/" prefix: it resolves to /consultations/<id>/clauses/<clauseId>.
  const base = `${p.consultation.id}/clauses/`;
  // Each clause's remark link: the count, or an invitation while remarks are accepted and there are none yet.
  const remarkLink = (x: ClauseView) => {
    if (!remarksShown || (x.remarkCount === 0 && (!p.acceptsRemarks || x.kind === "heading"))) return null;
    return <a href={base + x.id}>{x.remarkCount === 0 ? t("consultations.reading.remarkClause") : t("consultations.remarkCount", { n: formatCount(locale, x.remarkCount) })}</a>;
  };
  const addresseesLabel = t("consultations.addressees");
  // A sub-clause addressed like its parent (the parser carries «2. Мэрии …:» down to 2.1, 2.2)
  // does not repeat the line: it reads under its parent's.
  const item = (n: ClauseNode, inherited: string[]) => {
    const x = n.clause;
    const own = x.addressees.length > 0 && !sameList(x.addressees, inherited);
    return (
      <li key={x.id} id={`clause-${x.id}`} class={x.kind === "item" ? "doc-i" : undefined}>
        <p>
          {x.number && <b>{clauseNumber(x.number)} </b>}
          {x.text}
        </p>
        {own && (
          <p class="doc-to">
            {addresseesLabel}: {x.addressees.join("; ")}
          </p>
        )}
        {remarkLink(x)}
        {n.children.length > 0 && <ol>{n.children.map((child) => item(child, x.addressees.length ? x.addressees : inherited))}</ol>}
      </li>
    );
  };
  return (
    <div class="doc">
      {documentBlocks(p.clauses).map((b, i) =>
        b.kind === "heading" ? (
          <Fragment key={i}>
            <h3 id={`clause-${b.clause.id}`} class="pre-line">
              {b.clause.text}
            </h3>
            {remarkLink(b.clause)}
          </Fragment>
        ) : (
          <ol key={i}>{b.items.map((n) => item(n, []))}</ol>
        ),
      )}
    </div>
  );
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
