import type { FunctionComponent } from "preact";
import { ResultsNotPublishedPage, ResultsPage } from "./ResultsPage";

/** Page components of the competitions' results part, by id ("competitions/<page>"). */
export const resultsPageComponents = {
  "competitions/results": ResultsPage,
  "competitions/results-unpublished": ResultsNotPublishedPage,
} satisfies Record<string, FunctionComponent<any>>;
