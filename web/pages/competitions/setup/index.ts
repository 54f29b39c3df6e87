import type { FunctionComponent } from "preact";
import { CompetitionFormPage } from "./CompetitionFormPage";
import { CompetitionPage } from "./CompetitionPage";
import { CompetitionsListPage } from "./CompetitionsListPage";
import { CriteriaPage } from "./CriteriaPage";
import { NominationsPage } from "./NominationsPage";

/** Page components of the competitions' setup part, by id ("competitions/<page>"). */
export const setupPageComponents = {
  "competitions/list": CompetitionsListPage,
  "competitions/page": CompetitionPage,
  "competitions/form": CompetitionFormPage,
  "competitions/nominations": NominationsPage,
  "competitions/criteria": CriteriaPage,
} satisfies Record<string, FunctionComponent<any>>;
