import type { FunctionComponent } from "preact";
import { MyProposalsPage } from "./MyProposalsPage";
import { ProposalFormPage } from "./ProposalFormPage";
import { ProposalPage } from "./ProposalPage";
import { ProposalsListPage } from "./ProposalsListPage";

/** Pages of the proposals module by id ("proposals/<page>"). */
export const proposalsPageComponents = {
  "proposals/list": ProposalsListPage,
  "proposals/form": ProposalFormPage,
  "proposals/show": ProposalPage,
  "proposals/mine": MyProposalsPage,
} satisfies Record<string, FunctionComponent<any>>;
