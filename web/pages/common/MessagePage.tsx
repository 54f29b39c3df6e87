import { usePage } from "../../ui/context";
import type { MessageKey } from "../../i18n";

/** A short page with one message: "check your mail", "address confirmed", errors. */
export interface MessageProps {
  titleKey: MessageKey;
  textKey: MessageKey;
  params?: Record<string, string | number>;
  link?: { href: string; labelKey: MessageKey };
  tone?: "ok" | "bad";
}

export function MessagePage(p: MessageProps) {
  const { t } = usePage();
  return (
    <>
      <h1>{t(p.titleKey)}</h1>
      <p class={p.tone === "bad" ? "field__error" : "lead"}>{t(p.textKey, p.params)}</p>
      {p.link && (
        <p>
          <a href={p.link.href}>{t(p.link.labelKey)}</a>
        </p>
      )}
    </>
  );
}
