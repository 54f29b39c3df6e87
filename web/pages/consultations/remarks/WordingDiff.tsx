import { usePage } from "../../../ui/context";
import type { DiffPartView } from "./props";

/**
 * A proposed wording against the current text, word by word: removed words in <del> (struck
 * through), added ones in <ins> (underlined) — never colour alone — each announced to screen readers
 * by a hidden label («удалено: … конец», «добавлено: … конец»), since <del>/<ins> themselves are not
 * read out by most of them. Plain text nodes only.
 */
export function WordingDiff(p: { parts: DiffPartView[]; id?: string }) {
  const { t } = usePage();
  const end = <span class="visually-hidden"> [{t("consultations.remarks.diff.end")}] </span>;
  return (
    <p class="wording-diff" id={p.id}>
      {p.parts.map((part, i) =>
        part.op === "same" ? (
          part.text
        ) : part.op === "del" ? (
          <del key={i}>
            <span class="visually-hidden"> [{t("consultations.remarks.diff.del")}: </span>
            {part.text}
            {end}
          </del>
        ) : (
          <ins key={i}>
            <span class="visually-hidden"> [{t("consultations.remarks.diff.ins")}: </span>
            {part.text}
            {end}
          </ins>
        ),
      )}
    </p>
  );
}
