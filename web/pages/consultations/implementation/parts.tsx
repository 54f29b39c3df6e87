import type { MessageKey } from "../../../i18n";
import { Badge } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { FilterSelect } from "../../../ui/Form";
import { formatCalendarDate, formatCount } from "../../proposals/format";

export type CommitmentStatusName = "not_started" | "in_progress" | "done" | "failed";
export const STATUS_NAMES: CommitmentStatusName[] = ["not_started", "in_progress", "done", "failed"];

export interface NoteProps {
  id: string;
  notedOn: string;
  body: string;
  status: CommitmentStatusName | null;
}

/** A commitment as the public pages show it. */
export interface CommitmentItemProps {
  id: string;
  consultationId: string;
  consultationTitle: string;
  clauseNumber: string;
  /** The clause's text, shortened on the server. */
  clauseText: string;
  addressee: string;
  responsible: string;
  dueOn: string | null;
  status: CommitmentStatusName;
  overdue: boolean;
  latestNote: NoteProps | null;
  /** All notes, newest first (the consultation's page); null where only the latest is shown (the portal-wide page). */
  notes: NoteProps[] | null;
}

export type Counts = Record<CommitmentStatusName | "overdue", number>;

const TONE: Record<CommitmentStatusName, "neutral" | "ok" | "warn" | "bad"> = { not_started: "neutral", in_progress: "warn", done: "ok", failed: "bad" };

/** The status in words (colour only repeats it, WCAG 1.4.1). */
export function CommitmentStatusBadge({ status }: { status: CommitmentStatusName }) {
  const { t } = usePage();
  return <Badge tone={TONE[status]}>{t(`consultations.commitment.${status}` as MessageKey)}</Badge>;
}

export function OverdueBadge() {
  const { t } = usePage();
  return <Badge tone="bad">{t("consultations.commitment.overdue")}</Badge>;
}

export const clauseLabel = (t: ReturnType<typeof usePage>["t"], number: string) =>
  number ? t("consultations.implementation.clause", { number }) : t("consultations.implementation.clauseUnnumbered");

/** The filter forms' addressee choice ("" = all), each with its number of commitments. */
export function AddresseeSelect(p: { addressees: { addressee: string; count: number }[]; chosen: string }) {
  const { t } = usePage();
  return (
    <FilterSelect
      id="q-addressee"
      name="addressee"
      label={t("consultations.implementation.filter.addressee")}
      any={t("consultations.implementation.filter.anyAddressee")}
      options={p.addressees.map((a) => ({ value: a.addressee, label: t("consultations.implementation.all.addresseeOption", { name: a.addressee, n: a.count }) }))}
      chosen={p.chosen}
    />
  );
}

/** Counts per status and of overdue ones, as a list of words and numbers. */
export function CountsList({ counts }: { counts: Counts }) {
  const { t, locale } = usePage();
  return (
    <section aria-labelledby="commitment-counts">
      <h2 id="commitment-counts" class="visually-hidden">
        {t("consultations.implementation.counts")}
      </h2>
      <ul class="meta-line" data-counts>
        {STATUS_NAMES.map((s) => (
          <li key={s} data-status={s}>
            {t(`consultations.commitment.${s}` as MessageKey)}: <strong>{formatCount(locale, counts[s])}</strong>
          </li>
        ))}
        <li data-status="overdue">
          {t("consultations.commitment.overdue")}: <strong>{formatCount(locale, counts.overdue)}</strong>
        </li>
      </ul>
    </section>
  );
}

function NoteLine({ n }: { n: NoteProps }) {
  const { t, locale } = usePage();
  return (
    <>
      <strong>{formatCalendarDate(locale, n.notedOn)}</strong>
      {n.status && <> ({t("consultations.implementation.noteStatus", { status: t(`consultations.commitment.${n.status}` as MessageKey).toLocaleLowerCase(locale) })})</>}
      <p class="pre-line">{n.body}</p>
    </>
  );
}

/** One commitment: its clause, addressee, responsible, due date, status, latest note and (on the consultation's page) all notes. */
export function CommitmentCard(p: { c: CommitmentItemProps; showConsultation?: boolean; editHref?: string | null; level?: 2 | 3 }) {
  const { t, locale } = usePage();
  const c = p.c;
  const H = p.level === 3 ? "h3" : "h2";
  const none = (key: MessageKey) => <span class="muted">{t(key)}</span>;
  return (
    <article class="card" id={`commitment-${c.id}`}>
      <H class="card__title">
        {clauseLabel(t, c.clauseNumber)} — {c.addressee}
      </H>
      {p.showConsultation && (
        <p class="meta-line">
          {t("consultations.implementation.consultation")}: <a href={`/consultations/${encodeURIComponent(c.consultationId)}/implementation#commitment-${c.id}`}>{c.consultationTitle}</a>
        </p>
      )}
      <p class="pre-line">{c.clauseText}</p>
      <dl class="meta">
        <dt>{t("consultations.implementation.status")}</dt>
        <dd>
          <CommitmentStatusBadge status={c.status} />
          {c.overdue && (
            <>
              {" "}
              <OverdueBadge />
            </>
          )}
        </dd>
        <dt>{t("consultations.implementation.addressee")}</dt>
        <dd>{c.addressee}</dd>
        <dt>{t("consultations.implementation.responsible")}</dt>
        <dd>{c.responsible || none("consultations.implementation.noResponsible")}</dd>
        <dt>{t("consultations.implementation.due")}</dt>
        <dd>{c.dueOn ? formatCalendarDate(locale, c.dueOn) : none("consultations.implementation.noDue")}</dd>
      </dl>
      {c.latestNote ? (
        <div class="history__reason">
          <p class="muted">{t("consultations.implementation.latestNote", { date: formatCalendarDate(locale, c.latestNote.notedOn) })}</p>
          <p class="pre-line">{c.latestNote.body}</p>
        </div>
      ) : (
        <p class="muted">{t("consultations.implementation.noNotes")}</p>
      )}
      {c.notes && c.notes.length > 1 && (
        <details>
          <summary>{t("consultations.implementation.notes", { n: c.notes.length })}</summary>
          <ul class="history">
            {c.notes.map((n) => (
              <li key={n.id}>
                <NoteLine n={n} />
              </li>
            ))}
          </ul>
        </details>
      )}
      {p.editHref && (
        <p>
          <a href={p.editHref}>
            {t("consultations.implementation.edit")}
            <span class="visually-hidden">
              : {clauseLabel(t, c.clauseNumber)} — {c.addressee}
            </span>
          </a>
        </p>
      )}
    </article>
  );
}

export { NoteLine };

/** The feed's address, linked from the public pages (the document head is not this part's to change). */
export function FeedLink() {
  const { t, locale } = usePage();
  return (
    <p>
      <a href={`/consultations/feed.atom${locale === "en" ? "?lang=en" : ""}`} type="application/atom+xml">
        {t("consultations.implementation.feedLink")}
      </a>
    </p>
  );
}
