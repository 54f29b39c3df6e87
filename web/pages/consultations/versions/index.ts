import type { FunctionComponent } from "preact";
import { ComparePage } from "./ComparePage";

/** Page components of the consultations' versions part, by id ("consultations/<page>"). */
export const versionsPageComponents = {
  "consultations/compare": ComparePage,
} satisfies Record<string, FunctionComponent<any>>;
