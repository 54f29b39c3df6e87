import type { FunctionComponent } from "preact";
import { ClauseRemarksPage, DocumentRemarksPage, RemarkPage } from "./pages";

/** Page components of the consultations' remarks part, by id ("consultations/<page>"). */
export const remarksPageComponents = {
  "consultations/clause": ClauseRemarksPage,
  "consultations/document-remarks": DocumentRemarksPage,
  "consultations/remark": RemarkPage,
} satisfies Record<string, FunctionComponent<any>>;

/** For other parts (the summary): one remark as a card, and a proposed wording as a word diff. */
export { RemarkCard, RemarkAuthor } from "./RemarkCard";
export { WordingDiff } from "./WordingDiff";
export type { RemarkCardView, RemarkAuthorView, DiffPartView } from "./props";
