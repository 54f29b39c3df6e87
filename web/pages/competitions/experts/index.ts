import type { FunctionComponent } from "preact";
import { ConflictsPage } from "./ConflictsPage";
import { EvaluationPage } from "./EvaluationPage";
import { ExpertsPage } from "./ExpertsPage";

/** Page components of the competitions' experts part, by id ("competitions/<page>"). */
export const expertsPageComponents = {
  "competitions/experts": ExpertsPage,
  "competitions/evaluation": EvaluationPage,
  "competitions/conflicts": ConflictsPage,
} satisfies Record<string, FunctionComponent<any>>;
