import type { FormState } from "../../page-data";
import type { MessageKey } from "../../i18n";
import { Badge, EmptyState, Notice, Pagination } from "../../ui/blocks";
import { usePage } from "../../ui/context";
import { OrganiserPicker } from "./OrganiserPicker";
import { Button, Form } from "../../ui/Form";
import { formatWaiting } from "./format";

export interface QueueItemProps {
  id: string;
  kind: "review" | "reports";
  targetType: string;
  label: string;
  url: string | null;
  authorId: string | null;
  ageMs: number;
  hidden: boolean;
  reportCount: number;
  reasons: { reason: string; count: number }[];
  details: string[];
  actions: string[];
  own: boolean;
}

export interface TemplateOption {
  id: string;
  action: string;
  text: string;
}

export interface QueueProps {
  organisers: { id: string; name: string }[];
  organiserId: string;
  items: QueueItemProps[];
  nextHref: string | null;
  firstHref: string | null;
  templates: TemplateOption[];
  canBlock: boolean;
  canSettings: boolean;
  maxReason: number;
  maxBlockDays: number;
  /** A decision or block form that failed: shown again on its item with the reasons. */
  failed?: { itemId: string; form: "decision" | "block"; state: FormState<Record<string, string>> };
}

/** Fills the reason from the chosen template when the moderator has not typed one (the server does the same without JS). */
function fillFrom(templates: TemplateOption[], reasonId: string) {
  return (e: Event) => {
    const chosen = templates.find((t) => t.id === (e.currentTarget as HTMLSelectElement).value);
    const box = document.getElementById(reasonId) as HTMLTextAreaElement | null;
    if (chosen && box && !box.value.trim()) box.value = chosen.text;
  };
}

function TemplateSelect(p: { id: string; reasonId: string; templates: TemplateOption[]; actions: string[]; value?: string }) {
  const { t } = usePage();
  const groups = p.actions.map((a) => ({ action: a, items: p.templates.filter((x) => x.action === a) })).filter((g) => g.items.length > 0);
  if (groups.length === 0) return null;
  return (
    <div class="field">
      <label for={p.id}>{t("moderation.queue.template")}</label>
      <select id={p.id} name="templateId" onChange={fillFrom(p.templates, p.reasonId)}>
        <option value="">{t("moderation.queue.templateNone")}</option>
        {groups.map((g) => (
          <optgroup key={g.action} label={t(`moderation.action.${g.action}` as MessageKey)}>
            {g.items.map((x) => (
              <option key={x.id} value={x.id} selected={x.id === p.value}>
                {x.text}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

function Errors({ state }: { state: FormState<Record<string, string>> }) {
  if (!state.errors.length && !state.message) return null;
  return (
    <div class="error-summary" role="alert">
      {state.message && <p>{state.message}</p>}
      {state.errors.length > 0 && (
        <ul>
          {state.errors.map((e) => (
            <li key={e.field}>{e.reason}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Item({ item, p }: { item: QueueItemProps; p: QueueProps }) {
  const { t, locale } = usePage();
  const base = `i-${item.id}`;
  const failed = p.failed?.itemId === item.id ? p.failed : undefined;
  const decisionValues = failed?.form === "decision" ? failed.state.values : {};
  const blockValues = failed?.form === "block" ? failed.state.values : {};
  return (
    <li>
      <article class="card" aria-labelledby={`${base}-title`}>
        <h2 class="card__title" id={`${base}-title`}>
          {item.label}
        </h2>
        <p>
          <Badge>{t(`moderation.target.${item.targetType}` as MessageKey)}</Badge> <Badge tone={item.kind === "reports" ? "warn" : "neutral"}>{t(`moderation.kind.${item.kind}` as MessageKey)}</Badge>{" "}
          {item.hidden && <Badge tone="bad">{t("moderation.queue.hidden")}</Badge>} <span>{formatWaiting(t, locale, item.ageMs)}</span>
        </p>
        <p>{item.url ? <a href={item.url}>{t("moderation.queue.read")}</a> : t("moderation.queue.gone")}</p>
        {item.reportCount > 0 && (
          <>
            <h3>{t("moderation.queue.reports", { n: item.reportCount })}</h3>
            <ul aria-label={t("moderation.queue.reasons")}>
              {item.reasons.map((r) => (
                <li key={r.reason}>
                  {t(`moderation.reason.${r.reason}` as MessageKey)}: {r.count}
                </li>
              ))}
            </ul>
            {item.details.length > 0 && (
              <>
                <h3>{t("moderation.queue.details")}</h3>
                <ul class="quotes">
                  {item.details.map((d, n) => (
                    <li key={n}>
                      <q>{d}</q>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
        {item.own ? (
          <Notice>{t("moderation.queue.own")}</Notice>
        ) : (
          <>
            {item.actions.length > 0 && (
              <Form action={`/moderation/items/${item.id}/decision`}>
                <h3>{t("moderation.queue.decision")}</h3>
                {failed?.form === "decision" && <Errors state={failed.state} />}
                <div class="field">
                  <label for={`${base}-action`}>{t("moderation.queue.action")}</label>
                  <select id={`${base}-action`} name="action" required>
                    {item.actions.map((a) => (
                      <option key={a} value={a} selected={decisionValues.action === a}>
                        {t((item.targetType === "entry" && (a === "publish" || a === "reject") ? `moderation.action.entry.${a}` : `moderation.action.${a}`) as MessageKey)}
                      </option>
                    ))}
                  </select>
                </div>
                <TemplateSelect id={`${base}-template`} reasonId={`${base}-reason`} templates={p.templates} actions={item.actions} value={decisionValues.templateId} />
                <div class="field">
                  <label for={`${base}-reason`}>{t("moderation.queue.reason")}</label>
                  <p class="field__hint" id={`${base}-reason-hint`}>
                    {t("moderation.queue.reasonHint")}
                  </p>
                  <textarea id={`${base}-reason`} name="reason" rows={3} maxLength={p.maxReason} aria-describedby={`${base}-reason-hint`}>
                    {decisionValues.reason ?? ""}
                  </textarea>
                </div>
                <Button>{t("moderation.queue.submit")}</Button>
              </Form>
            )}
            {p.canBlock && item.authorId && (
              <details open={failed?.form === "block"}>
                <summary>{t("moderation.queue.block")}</summary>
                <Form action="/moderation/block">
                  {failed?.form === "block" && <Errors state={failed.state} />}
                  <input type="hidden" name="userId" value={item.authorId} />
                  <input type="hidden" name="organiserId" value={p.organiserId} />
                  <input type="hidden" name="itemId" value={item.id} />
                  <div class="field">
                    <label for={`${base}-days`}>{t("moderation.queue.blockDays")}</label>
                    <input id={`${base}-days`} name="days" type="number" min={1} max={p.maxBlockDays} required defaultValue={blockValues.days ?? "7"} />
                  </div>
                  <TemplateSelect id={`${base}-btemplate`} reasonId={`${base}-breason`} templates={p.templates} actions={["block"]} value={blockValues.templateId} />
                  <div class="field">
                    <label for={`${base}-breason`}>{t("moderation.queue.blockReason")}</label>
                    <textarea id={`${base}-breason`} name="reason" rows={2} maxLength={p.maxReason}>
                      {blockValues.reason ?? ""}
                    </textarea>
                  </div>
                  <Button kind="danger">{t("moderation.queue.blockSubmit")}</Button>
                </Form>
              </details>
            )}
          </>
        )}
      </article>
    </li>
  );
}

/** The one moderation queue of an organiser: oldest first, with age, reports and the decisions that apply. */
export function QueuePage(p: QueueProps) {
  const { t } = usePage();
  return (
    <>
      <h1>{t("moderation.queue.title")}</h1>
      <p class="lead">{t("moderation.queue.lead")}</p>
      <p>
        {p.canSettings && (
          <>
            <a href={`/moderation/settings?organiser=${encodeURIComponent(p.organiserId)}`}>{t("moderation.queue.settings")}</a> ·{" "}
          </>
        )}
        <a href="/moderation/public">{t("moderation.queue.public")}</a>
      </p>
      {p.organisers.length > 1 && (
        <OrganiserPicker action="/moderation" organisers={p.organisers} selected={p.organiserId} />
      )}
      {p.items.length === 0 ? (
        <EmptyState>{t("moderation.queue.empty")}</EmptyState>
      ) : (
        <ul class="cards">
          {p.items.map((i) => (
            <Item key={i.id} item={i} p={p} />
          ))}
        </ul>
      )}
      <Pagination nextHref={p.nextHref} firstHref={p.firstHref} />
    </>
  );
}
