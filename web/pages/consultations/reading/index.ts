import type { FunctionComponent } from "preact";
import { ConsultationPage } from "./ConsultationPage";
import { ConsultationsListPage } from "./ConsultationsListPage";

/** Page components of the consultations' reading part, by id ("consultations/<page>"). */
export const readingPageComponents = {
  "consultations/list": ConsultationsListPage,
  "consultations/show": ConsultationPage,
} satisfies Record<string, FunctionComponent<any>>;
