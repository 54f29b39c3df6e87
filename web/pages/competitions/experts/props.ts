import type { FormState } from "../../../page-data";
import type { CompetitionHead } from "../parts";

/** The props of the experts part's pages, built by worker/competitions/experts/pages.ts. */

export interface ExpertRowProps {
  userId: string;
  displayName: string;
  email: string;
  city: string;
  declaredAt: number | null;
  assigned: number;
  draft: number;
  submitted: number;
  removable: boolean;
}

export interface RunResultProps {
  assigned: number;
  perExpert: { expertId: string; displayName: string; added: number; load: number }[];
  short: { entryId: string; title: string; have: number; needed: number }[];
  undeclared: number;
}

export interface ExpertsPageProps {
  competition: CompetitionHead & { published: boolean; minExperts: number };
  canChange: boolean;
  canAssign: boolean;
  /** The jury is closed for good (the evaluation is over). */
  closed: boolean;
  experts: ExpertRowProps[];
  addForm: FormState<{ email: string; city: string }>;
  /** A refused removal or run (a message for the section's error summary). */
  actionForm: FormState<Record<string, string>>;
  run: RunResultProps | null;
  limits: { email: number; city: number };
}

export interface EntryProgressProps {
  entryId: string;
  title: string;
  nomination: string;
  city: string;
  assigned: number;
  submitted: number;
  juryScore: number | null;
  jurySpread: number | null;
  flagged: boolean;
}

export interface EvaluationPageProps {
  competition: CompetitionHead;
  minExperts: number;
  spreadThreshold: number;
  precision: number;
  totalEntries: number;
  canAssign: boolean;
  experts: Omit<ExpertRowProps, "removable">[];
  flagged: (EntryProgressProps & { eligible: { userId: string; displayName: string }[] })[];
  belowMinimum: EntryProgressProps[];
  entries: EntryProgressProps[];
  /** The flagged entry whose form failed, and its errors. */
  flagForm: { entryId: string; form: FormState<{ expertId: string }> } | null;
  nextHref: string | null;
  firstHref: string | null;
}

export interface DeclarationEntryProps {
  id: string;
  title: string;
  city: string;
  automatic: "own" | "organisation" | "city" | null;
  assignment: "assigned" | "draft" | "submitted" | null;
}

export interface ConflictsPageProps {
  competition: CompetitionHead;
  declaredAt: number | null;
  canDeclare: boolean;
  nominations: { id: string; title: string; entries: DeclarationEntryProps[] }[];
  /** Form values: city; ticked entry ids and reasons by entry id (as saved, or as sent back with errors). */
  form: FormState<{ city: string }>;
  ticked: string[];
  reasons: Record<string, string>;
  more: boolean;
  shown: number;
  limits: { city: number; reason: number };
}
