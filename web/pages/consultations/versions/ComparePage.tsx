import type { MessageKey } from "../../../i18n";
import type { FormState } from "../../../page-data";
import { Badge, Notice } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { ErrorSummary, Select } from "../../../ui/Form";
import { formatDay } from "../../proposals/format";

type ClauseKind = "heading" | "clause" | "item" | "text";

/** One clause of the comparison, as the page shows it (built on the server from the diff). */
export interface CompareEntryView {
  status: "same" | "changed" | "added" | "removed";
  moved: boolean;
  /** The clause's id in the later version (in the earlier one when removed): the element's anchor. */
  id: string;
  kind: ClauseKind;
  depth: number;
  number: string;
  /** For an unnumbered item or paragraph: the number of the clause it belongs to. */
  parentNumber: string | null;
  /** The text when it has no word-level changes (unchanged, added, removed, or only other fields changed). */
  text: string | null;
  words: { op: "same" | "add" | "del"; text: string }[] | null;
  /** Set when the number changed or the clause moved: its number in the earlier version. */
  prevNumber: string | null;
  prevKind: ClauseKind | null;
  addressees: string[];
  /** Set when the addressees changed (then both lists are shown). */
  prevAddressees: string[] | null;
  taken: { id: string; excerpt: string }[];
  takenMore: number;
}

export interface VersionOption {
  number: number;
  status: "draft" | "published";
  publishedAt: number | null;
}

export interface ComparePageProps {
  consultation: { id: string; title: string };
  versions: VersionOption[];
  form: FormState<{ from: string; to: string }>;
  onlyChanges: boolean;
  /** Why there is no comparison when there cannot be one (fewer than two versions). */
  notice: "onlyOne" | "noVersion" | null;
  result: {
    from: number;
    to: number;
    draftShown: boolean;
    counts: { same: number; changed: number; added: number; removed: number; moved: number };
    /** Server only (left out of the page's JSON): in the browser the list keeps the server's markup. */
    entries?: CompareEntryView[];
  } | null;
}

/** Props of an element whose server-rendered children the browser keeps (see reading/server-only.ts). */
const KEEP_SERVER_MARKUP = { dangerouslySetInnerHTML: { __html: "" } } as const;

/** Two versions side by side in one column: a GET form (works without JS), the counts, the clauses marked by text badges. */
export function ComparePage(p: ComparePageProps) {
  const { t, locale } = usePage();
  const base = `/consultations/${p.consultation.id}`;
  const optionLabel = (v: VersionOption) => (v.status === "draft" ? t("consultations.versions.option.draft", { n: v.number }) : v.publishedAt ? t("consultations.versions.option", { n: v.number, date: formatDay(locale, v.publishedAt) }) : t("consultations.version", { n: v.number }));
  const options = p.versions.map((v) => ({ value: String(v.number), label: optionLabel(v) }));
  const labels = { from: t("consultations.versions.form.from"), to: t("consultations.versions.form.to") };
  return (
    <>
      <p class="back-link">
        <a href={base}>
          {t("consultations.versions.back")}: {p.consultation.title}
        </a>
      </p>
      <h1>{t("consultations.versions.title")}</h1>
      <p class="lead">{t("consultations.versions.lead")}</p>
      {p.notice ? (
        <Notice>{t(p.notice === "onlyOne" ? "consultations.versions.onlyOne" : "consultations.versions.noVersion")}</Notice>
      ) : (
        <>
          <ErrorSummary form={p.form} labels={labels} />
          <form method="get" action={`${base}/compare`} class="form filter-form compare-form">
            <fieldset>
              <legend>{t("consultations.versions.form.legend")}</legend>
              <Select name="from" label={labels.from} form={p.form} options={options} />
              <Select name="to" label={labels.to} form={p.form} options={options} />
              <div class="field field--check">
                {/* Unchecked boxes send nothing: the hidden 0 makes "off" distinguishable from "not asked" (default on). */}
                <input type="hidden" name="changes" value="0" />
                <input type="checkbox" id="f-changes" name="changes" value="1" checked={p.onlyChanges} />
                <label for="f-changes">{t("consultations.versions.form.onlyChanges")}</label>
              </div>
              <button type="submit" class="btn btn--primary">
                {t("consultations.versions.form.submit")}
              </button>
            </fieldset>
          </form>
        </>
      )}
      {p.result && (
        <section aria-labelledby="compare-result" class="compare-result">
          <h2 id="compare-result">{t("consultations.versions.result", { from: p.result.from, to: p.result.to })}</h2>
          {p.result.draftShown && <p class="meta-line">{t("consultations.versions.draftShown")}</p>}
          <p class="compare-summary">
            {t("consultations.versions.summary", p.result.counts)}
          </p>
          <Entries consultationId={p.consultation.id} entries={p.result.entries} onlyChanges={p.onlyChanges} counts={p.result.counts} />
        </section>
      )}
    </>
  );
}

function Entries(p: { consultationId: string; entries?: CompareEntryView[]; onlyChanges: boolean; counts: { same: number; changed: number; added: number; removed: number; moved: number } }) {
  const { t, locale } = usePage();
  if (!p.entries) return <div class="compare" {...KEEP_SERVER_MARKUP} />;
  const c = p.counts;
  if (p.entries.length === 0) return <div class="compare"><p class="empty">{t("consultations.versions.empty")}</p></div>;
  const identical = c.changed + c.added + c.removed + c.moved === 0;
  // With «только изменения», runs of unchanged clauses fold into one <details>; headings stay as the sections' context.
  const blocks: ({ entry: CompareEntryView } | { run: CompareEntryView[] })[] = [];
  let run: CompareEntryView[] = [];
  for (const e of p.entries) {
    if (p.onlyChanges && e.status === "same" && !e.moved && e.kind !== "heading") {
      run.push(e);
      continue;
    }
    if (run.length) blocks.push({ run });
    run = [];
    blocks.push({ entry: e });
  }
  if (run.length) blocks.push({ run });
  return (
    <div class="compare">
      {identical && <p class="notice notice--info">{t("consultations.versions.identical")}</p>}
      <ul class="compare__list">
        {blocks.map((b) =>
          "run" in b ? (
            <li key={`run-${b.run[0].id}`} class="compare__same">
              <details>
                <summary>{unchangedLabel(t, locale, b.run.length)}</summary>
                <ul class="compare__list">
                  {b.run.map((e) => (
                    <Entry key={e.id} e={e} consultationId={p.consultationId} />
                  ))}
                </ul>
              </details>
            </li>
          ) : (
            <Entry key={b.entry.id} e={b.entry} consultationId={p.consultationId} />
          ),
        )}
      </ul>
    </div>
  );
}

function unchangedLabel(t: ReturnType<typeof usePage>["t"], locale: "ru" | "en", n: number) {
  const category = new Intl.PluralRules(locale === "ru" ? "ru-RU" : "en-GB").select(n);
  const form = category === "one" ? "one" : category === "few" ? "few" : "many";
  return t(`consultations.versions.unchanged.${form}` as MessageKey, { n });
}

const BADGE: Record<Exclude<CompareEntryView["status"], "same">, { key: MessageKey; tone: "warn" | "ok" | "bad" }> = {
  changed: { key: "consultations.versions.badge.changed", tone: "warn" },
  added: { key: "consultations.versions.badge.added", tone: "ok" },
  removed: { key: "consultations.versions.badge.removed", tone: "bad" },
};

function Entry({ e, consultationId }: { e: CompareEntryView; consultationId: string }) {
  const { t } = usePage();
  const kindName = (k: ClauseKind) => t(`consultations.clauseKind.${k}` as MessageKey);
  const badges = (
    <>
      {e.status !== "same" && <Badge tone={BADGE[e.status].tone}>{t(BADGE[e.status].key)}</Badge>}
      {e.moved && <Badge tone="neutral">{t("consultations.versions.badge.moved")}</Badge>}
    </>
  );
  const notes: string[] = [];
  if (e.parentNumber && (e.status !== "same" || e.moved)) notes.push(t("consultations.versions.inClause", { number: e.parentNumber }));
  if (e.prevNumber !== null) {
    if (e.moved && e.prevNumber) notes.push(t("consultations.versions.movedFrom", { number: e.prevNumber }));
    else if (e.prevNumber !== e.number) notes.push(e.prevNumber ? t("consultations.versions.numberWas", { number: e.prevNumber }) : t("consultations.versions.numberWasNone"));
  }
  const body = e.words ? <Words words={e.words} /> : e.text;
  const heading = e.kind === "heading";
  return (
    <li id={`cmp-${e.id}`} class={`compare__item compare__item--${e.status}${e.moved ? " compare__item--moved" : ""}${heading ? " compare__item--heading" : ""}${e.depth > 0 ? ` compare__item--d${Math.min(e.depth, 3)}` : ""}`}>
      {(e.status !== "same" || e.moved || notes.length > 0) && (
        <p class="compare__meta">
          {badges}
          {notes.length > 0 && <span class="compare__note"> {notes.join("; ")}</span>}
        </p>
      )}
      {heading ? (
        <h3 class="compare__text compare__heading">{body}</h3>
      ) : (
        <p class="compare__text">
          {e.number && <span class="compare__number">{e.number}. </span>}
          {body}
        </p>
      )}
      {e.prevKind && <p class="compare__note">{t("consultations.versions.kindWas", { kind: kindName(e.prevKind) })}</p>}
      {e.prevAddressees && (
        <>
          <p class="compare__note">
            {t("consultations.addressees")}: {e.addressees.length ? e.addressees.join(", ") : t("consultations.versions.addresseesNone")}
          </p>
          <p class="compare__note">{t("consultations.versions.addresseesWere", { list: e.prevAddressees.length ? e.prevAddressees.join(", ") : t("consultations.versions.addresseesNone") })}</p>
        </>
      )}
      {e.taken.length > 0 && (
        <div class="compare__taken">
          <p class="compare__note">{t("consultations.versions.remarksTaken", { n: e.taken.length + e.takenMore })}</p>
          <ul>
            {e.taken.map((r) => (
              <li key={r.id}>
                <a href={`/consultations/${consultationId}/remarks/${r.id}`}>{r.excerpt || r.id}</a>
              </li>
            ))}
            {e.takenMore > 0 && <li>{t("consultations.versions.remarksMore", { n: e.takenMore })}</li>}
          </ul>
        </div>
      )}
    </li>
  );
}

/** Word-level changes: <del>/<ins> with a visually hidden word for screen readers (which often do not announce them), never colour alone. */
function Words({ words }: { words: NonNullable<CompareEntryView["words"]> }) {
  const { t } = usePage();
  return (
    <>
      {words.map((s, i) =>
        s.op === "same" ? (
          s.text
        ) : s.op === "del" ? (
          <del key={i}>
            <span class="visually-hidden">{t("consultations.versions.sr.deleted")} </span>
            {s.text}
          </del>
        ) : (
          <ins key={i}>
            <span class="visually-hidden">{t("consultations.versions.sr.added")} </span>
            {s.text}
          </ins>
        ),
      )}
    </>
  );
}
