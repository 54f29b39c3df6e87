import type { FunctionComponent } from "preact";
import { AnnulPage } from "./AnnulPage";
import { BallotPage } from "./BallotPage";
import { CastReceiptPage } from "./CastReceiptPage";
import { ReceiptCheckPage } from "./ReceiptCheckPage";
import { VotesListPage } from "./VotesListPage";
import { VotesReportPage } from "./VotesReportPage";

/** Page components of the competitions' voting part, by id ("competitions/<page>"). */
export const votingPageComponents = {
  "competitions/ballot": BallotPage,
  "competitions/vote-receipt": CastReceiptPage,
  "competitions/receipt-check": ReceiptCheckPage,
  "competitions/votes-report": VotesReportPage,
  "competitions/votes-list": VotesListPage,
  "competitions/vote-annul": AnnulPage,
} satisfies Record<string, FunctionComponent<any>>;
