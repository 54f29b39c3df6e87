import type { FormState } from "../../../page-data";
import type { CompetitionHead } from "../parts";

/** Props of the voting part's pages (built by worker/competitions/voting/pages.ts). */

export interface NominationTab {
  id: string;
  title: string;
  href: string;
  current: boolean;
  /** The viewer has a vote in this nomination. */
  voted: boolean;
}

/** Why the viewer cannot vote (null: they can). */
export type BallotGate = null | "anonymous" | "unconfirmed" | "blocked" | "notYet" | "closed";

export interface BallotEntry {
  id: string;
  title: string;
  city: string;
  href: string;
  /** The viewer's current vote in this nomination is for this entry. */
  mine: boolean;
}

export interface BallotPageProps {
  competition: CompetitionHead;
  nominations: NominationTab[];
  nomination: { id: string; title: string; description: string };
  votingOpensAt: number;
  votingClosesAt: number;
  gate: BallotGate;
  signInHref: string;
  /** The viewer's vote in this nomination. */
  myVote: { entryId: string; entryTitle: string; href: string; changedAt: number; status: "counted" | "annulled" } | null;
  entries: BallotEntry[];
  /** Buttons are shown (the voting stage, a person who may vote, a vote that is not annulled). */
  canVote: boolean;
  action: string;
  receiptHref: string;
  resultsHref: string | null;
  nextHref: string | null;
  firstHref: string | null;
  /** A refused cast comes back here with its message. */
  form: FormState<{ entryId: string }>;
}

export interface CastReceiptPageProps {
  competition: CompetitionHead;
  outcome: "cast" | "changed" | "unchanged";
  nominationTitle: string;
  entryTitle: string;
  entryHref: string;
  receipt: string;
  at: number;
  checkHref: string;
  ballotHref: string;
  /** The other nominations, to vote in them too. */
  nominations: NominationTab[];
}

export interface ReceiptResultView {
  receipt: string;
  status: "counted" | "replaced" | "annulled";
  competitionTitle: string;
  competitionHref: string;
  nominationTitle: string;
  entryTitle: string;
  at: number;
  replacedAt: number | null;
  annulledAt: number | null;
  reason: string | null;
}

export interface ReceiptCheckPageProps {
  /** empty: the form only; invalid: not a code's shape; unknown: no vote has this code; found. */
  state: "empty" | "invalid" | "unknown" | "found";
  form: FormState<{ code: string }>;
  result: ReceiptResultView | null;
}

export interface ReportHour {
  hour: number;
  at: number;
  votes: number;
  fresh: number;
  burst: boolean;
  votesHref: string | null;
  freshHref: string | null;
}

export interface VotesReportPageProps {
  competition: CompetitionHead;
  nominations: NominationTab[];
  nomination: { id: string; title: string };
  counted: number;
  hours: ReportHour[];
  olderHref: string | null;
  newestHref: string | null;
  networks: { network: string; voters: number; votes: number; lastAt: number; href: string }[];
  thresholds: { newAccountHours: number; burstMinNew: number; burstSharePercent: number; networkMinVoters: number };
  /** Annulling is still possible (before results are published). */
  canAnnul: boolean;
}

export interface LoggedVoteRow {
  at: number;
  event: "cast" | "change";
  voterName: string;
  accountAgeHours: number;
  entryTitle: string;
  entryHref: string;
  current: "counted" | "replaced" | "annulled";
  annulHref: string | null;
}

export interface VotesListPageProps {
  competition: CompetitionHead;
  nomination: { id: string; title: string };
  /** What was opened: an hour (all votes or new accounts only) or a network. */
  filter: { kind: "hour"; at: number; fresh: boolean } | { kind: "network"; network: string };
  items: LoggedVoteRow[];
  reportHref: string;
  nextHref: string | null;
  firstHref: string | null;
}

export interface AnnulPageProps {
  competition: CompetitionHead;
  nomination: { id: string; title: string };
  voter: { id: string; name: string; accountCreatedAt: number };
  vote: { entryTitle: string; changedAt: number };
  action: string;
  back: string;
  reasonMax: number;
  form: FormState<{ reason: string }>;
}
