import type { FunctionComponent } from "preact";
import { ConsultationFormPage } from "./ConsultationFormPage";
import { DraftEditorPage } from "./DraftEditorPage";
import { DraftTextPage } from "./DraftTextPage";
import { NextVersionPage } from "./NextVersionPage";

/** Page components of the consultations' drafting part, by id ("consultations/<page>"). */
export const draftingPageComponents = {
  "consultations/form": ConsultationFormPage,
  "consultations/draft": DraftEditorPage,
  "consultations/draft-text": DraftTextPage,
  "consultations/version-new": NextVersionPage,
} satisfies Record<string, FunctionComponent<any>>;
