import type { MessageKey } from "../../i18n";
import { Badge } from "../../ui/blocks";
import { usePage } from "../../ui/context";

export type ProposalStatusName = "draft" | "submitted" | "returned" | "published" | "rejected" | "archived" | "withdrawn";

const TONE: Record<ProposalStatusName, "neutral" | "ok" | "warn" | "bad"> = {
  draft: "neutral",
  submitted: "warn",
  returned: "warn",
  published: "ok",
  rejected: "bad",
  archived: "neutral",
  withdrawn: "neutral",
};

/** The state in words (and colour, never colour alone). */
export function StatusBadge({ status, hidden }: { status: ProposalStatusName; hidden?: boolean }) {
  const { t } = usePage();
  return (
    <>
      <Badge tone={TONE[status]}>{t(`proposals.status.${status}` as MessageKey)}</Badge>
      {hidden && (
        <>
          {" "}
          <Badge tone="bad">{t("proposals.status.hidden")}</Badge>
        </>
      )}
    </>
  );
}
