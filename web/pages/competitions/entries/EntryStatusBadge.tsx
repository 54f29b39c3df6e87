import type { EntryStatus } from "../../../../worker/competitions/schema";
import { Badge } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";

const TONE: Record<EntryStatus, "neutral" | "ok" | "warn" | "bad"> = { submitted: "warn", admitted: "ok", rejected: "bad", withdrawn: "neutral" };

/** An entry's state in words (and colour, never colour alone), with «Скрыта модератором» when hidden. */
export function EntryStatusBadge({ status, hidden }: { status: EntryStatus; hidden?: boolean }) {
  const { t } = usePage();
  return (
    <>
      <Badge tone={TONE[status]}>{t(`competitions.entryStatus.${status}`)}</Badge>
      {hidden && (
        <>
          {" "}
          <Badge tone="bad">{t("competitions.entryStatus.hidden")}</Badge>
        </>
      )}
    </>
  );
}
