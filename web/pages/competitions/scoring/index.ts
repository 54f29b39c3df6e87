import type { FunctionComponent } from "preact";
import { ReviewEntryPage } from "./ReviewEntryPage";
import { ReviewListPage } from "./ReviewListPage";

/** Page components of the competitions' scoring part, by id ("competitions/<page>"). */
export const scoringPageComponents = {
  "competitions/review": ReviewListPage,
  "competitions/review-entry": ReviewEntryPage,
} satisfies Record<string, FunctionComponent<any>>;
