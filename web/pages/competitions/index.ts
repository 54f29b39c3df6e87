import type { FunctionComponent } from "preact";
import { setupPageComponents } from "./setup";
import { entriesPageComponents } from "./entries";
import { expertsPageComponents } from "./experts";
import { scoringPageComponents } from "./scoring";
import { votingPageComponents } from "./voting";
import { resultsPageComponents } from "./results";

/** Pages of the competitions module by id ("competitions/<page>"), gathered from its parts. */
export const competitionsPageComponents = {
  ...setupPageComponents,
  ...entriesPageComponents,
  ...expertsPageComponents,
  ...scoringPageComponents,
  ...votingPageComponents,
  ...resultsPageComponents,
} satisfies Record<string, FunctionComponent<any>>;
