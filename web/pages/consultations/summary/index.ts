import type { FunctionComponent } from "preact";
import { DispositionsPage } from "./DispositionsPage";
import { SummaryNotPublishedPage, SummaryPage } from "./SummaryPage";

/** Page components of the consultations' summary part, by id ("consultations/<page>"). */
export const summaryPageComponents = {
  "consultations/summary": SummaryPage,
  "consultations/summary-unpublished": SummaryNotPublishedPage,
  "consultations/dispositions": DispositionsPage,
} satisfies Record<string, FunctionComponent<any>>;
