import { EmptyState } from "../../ui/blocks";
import { usePage } from "../../ui/context";

export interface OutboxProps {
  mails: { id: number; to: string; subject: string; text: string; at: string }[];
}

/** Links in mail text are made clickable; the text itself is rendered as text (escaped). */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <a key={i} href={part}>{part}</a> : part))}</>;
}

export function OutboxPage(p: OutboxProps) {
  const { t } = usePage();
  return (
    <>
      <h1>{t("outbox.title")}</h1>
      <p class="lead">{t("outbox.lead")}</p>
      {p.mails.length === 0 ? (
        <EmptyState>{t("outbox.empty")}</EmptyState>
      ) : (
        p.mails.map((m) => (
          <article class="card" key={m.id} aria-labelledby={`mail-${m.id}`}>
            <h2 id={`mail-${m.id}`} class="card__title">
              {m.subject}
            </h2>
            <p>
              {t("outbox.to")}: <span class="mail-to">{m.to}</span> · {m.at}
            </p>
            <pre class="mail">
              <Linkified text={m.text} />
            </pre>
          </article>
        ))
      )}
    </>
  );
}
