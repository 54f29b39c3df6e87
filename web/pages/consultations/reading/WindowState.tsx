import type { MessageKey } from "../../../i18n";
import { formatDateTime } from "../../../i18n";
import { Badge } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";

export type WindowStateName = "upcoming" | "open" | "closed";

const TONE = { upcoming: "warn", open: "ok", closed: "neutral" } as const;

/** The window's state in words and colour (never colour alone), or «Принят» once adopted. */
export function WindowBadge({ state, adopted }: { state: WindowStateName; adopted?: boolean }) {
  const { t } = usePage();
  return adopted ? <Badge tone="ok">{t("consultations.status.adopted")}</Badge> : <Badge tone={TONE[state]}>{t(`consultations.window.state.${state}` as MessageKey)}</Badge>;
}

/** «Замечания принимаются до 22 нояб. 2026 г., 10:00», with the instant in Moscow time. */
export function windowSentence(t: (k: MessageKey, p?: Record<string, string | number>) => string, locale: "ru" | "en", state: WindowStateName, w: { opensAt: number; closesAt: number }) {
  return t(`consultations.window.${state}` as MessageKey, { opens: formatDateTime(locale, w.opensAt), closes: formatDateTime(locale, w.closesAt) });
}

/** A <time> for an instant, shown in Moscow time. */
export function Instant({ at }: { at: number }) {
  const { locale } = usePage();
  return <time dateTime={new Date(at).toISOString()}>{formatDateTime(locale, at)}</time>;
}
