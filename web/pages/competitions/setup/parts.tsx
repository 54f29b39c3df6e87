import type { MessageKey } from "../../../i18n";
import { formatDateTime } from "../../../i18n";
import { Badge } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { methodInWords, type MethodFacts, type TimelineItem } from "./method";

/**
 * Pieces of the competition page that other parts reuse: the timeline of stages and the method in
 * words (the results page shows the same method). Pure rendering of their props.
 */

/** A <time> for an instant, shown in Moscow time. */
export function Instant({ at }: { at: number }) {
  const { locale } = usePage();
  return <time dateTime={new Date(at).toISOString()}>{formatDateTime(locale, at)}</time>;
}

const TONE = { done: "neutral", now: "ok", later: "warn" } as const;

/** The stage's state as a word and a colour (never colour alone). */
export function StageBadge({ state }: { state: "done" | "now" | "later" }) {
  const { t } = usePage();
  return <Badge tone={TONE[state]}>{t(`competitions.stage.${state}` as MessageKey)}</Badge>;
}

/** The stages with their dates in Moscow time; the current one marked in words and with aria-current. */
export function Timeline({ items, headingLevel = 2 }: { items: TimelineItem[]; headingLevel?: 2 | 3 }) {
  const { t } = usePage();
  const H = `h${headingLevel}` as "h2";
  return (
    <section aria-labelledby="timeline-title">
      <H id="timeline-title">{t("competitions.stage.timeline")}</H>
      <p class="meta-line">{t("competitions.setup.page.moscowTime")}</p>
      <ol class="timeline">
        {items.map((s) => (
          <li key={s.stage} aria-current={s.state === "now" ? "step" : undefined} class={s.state === "now" ? "timeline__now" : undefined}>
            <strong>{t(`competitions.stage.${s.stage}` as MessageKey)}</strong>{" "}
            <span>
              {s.start !== null && s.end !== null ? (
                <>
                  <Instant at={s.start} /> — <Instant at={s.end} />
                </>
              ) : s.start !== null ? (
                <>
                  {t("competitions.setup.page.fromWord")} <Instant at={s.start} />
                </>
              ) : s.end !== null ? (
                <>
                  {t("competitions.setup.page.untilWord")} <Instant at={s.end} />
                </>
              ) : null}
            </span>{" "}
            {s.state && <StageBadge state={s.state} />}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The method in words as a list a resident can read. */
export function MethodInWords({ facts, headingLevel = 2, id = "method-title" }: { facts: MethodFacts; headingLevel?: 2 | 3; id?: string }) {
  const { t, locale } = usePage();
  const H = `h${headingLevel}` as "h2";
  return (
    <section aria-labelledby={id}>
      <H id={id}>{t("competitions.setup.method.title")}</H>
      <ol class="steps">
        {methodInWords(t, locale, facts).map((s, i) => (
          <li key={i}>{s}</li>
        ))}
      </ol>
    </section>
  );
}
