import { usePage } from "../../../ui/context";
import { LinkSwitcher } from "../parts";
import type { NominationTab } from "./props";

/** The nominations switcher of the voting pages (only when there are several), the ones voted in marked. */
export function NominationNav({ items, label }: { items: NominationTab[]; label: string }) {
  const { t } = usePage();
  if (items.length < 2) return null;
  return <LinkSwitcher label={label} items={items.map((n) => ({ key: n.id, href: n.href, text: n.title, current: n.current, note: n.voted ? t("competitions.voting.voted") : undefined }))} />;
}
