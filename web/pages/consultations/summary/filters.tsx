import type { MessageKey } from "../../../i18n";
import { usePage } from "../../../ui/context";
import { FilterSelect } from "../../../ui/Form";

const KINDS = ["comment", "wording", "new_clause", "objection"] as const;

/** The summary's and the disposition work page's filters by clause (or the document as a whole) and by remark kind. */
export function ClauseAndKindFilters(p: { idPrefix: string; clauses: { id: string; label: string }[]; clause: string; kind: string }) {
  const { t } = usePage();
  const any = t("consultations.summary.filter.any");
  return (
    <>
      <FilterSelect
        id={`${p.idPrefix}-clause`}
        name="clause"
        label={t("consultations.summary.filter.clause")}
        any={any}
        options={[{ value: "document", label: t("consultations.wholeDocument") }, ...p.clauses.map((c) => ({ value: c.id, label: c.label }))]}
        chosen={p.clause}
      />
      <FilterSelect
        id={`${p.idPrefix}-kind`}
        name="kind"
        label={t("consultations.summary.filter.kind")}
        any={any}
        options={KINDS.map((k) => ({ value: k, label: t(`consultations.remarkKind.${k}` as MessageKey) }))}
        chosen={p.kind}
      />
    </>
  );
}
