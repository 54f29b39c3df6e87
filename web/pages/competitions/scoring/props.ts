import type { FormState } from "../../../page-data";
import type { AttachmentView } from "../../attachments/types";
import type { CompetitionHead } from "../parts";

/** The props of the scoring pages, built by worker/competitions/scoring/pages.ts. Numbers arrive already rounded to the competition's precision. */

export type ReviewStateName = "todo" | "draft" | "submitted";

export interface ReviewListItem {
  href: string;
  title: string;
  city: string;
  nomination: string;
  state: ReviewStateName;
  /** Your total, once submitted. */
  total: number | null;
  gone: boolean;
}

export interface ReviewListPageProps {
  competition: CompetitionHead;
  counts: Record<ReviewStateName, number>;
  items: ReviewListItem[];
  nextHref: string | null;
  firstHref: string | null;
  /** Scoring is open now (the evaluation stage), not yet, or over. */
  phase: "open" | "upcoming" | "closed";
  opensAt: number;
  closesAt: number;
  conflictsHref: string;
  precision: number;
}

export interface CriterionView {
  id: string;
  name: string;
  description: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
  /** What a score means, where the organiser described it. */
  levels: { score: number; text: string }[];
  commentBelow: number | null;
}

export interface EntryContent {
  title: string;
  city: string;
  nomination: string;
  kind: "proposal" | "practice";
  problem: string;
  actions: string;
  results: string;
  period: string;
  budget: number | null;
  /** The proposal behind a project entry. */
  proposalHref: string | null;
  /** Withdrawn, rejected or hidden since it was assigned. */
  gone: boolean;
}

export interface SheetScore {
  score: number;
  comment: string;
}

export interface ShownSheet {
  number: number;
  /** The organiser sees names; experts see «Эксперт 1, 2, 3». */
  name: string | null;
  mine: boolean;
  total: number | null;
  scores: Record<string, SheetScore>;
}

export type ScoreGate = "upcoming" | "closed" | "blocked" | "gone";

export interface ReviewEntryPageProps {
  competition: CompetitionHead;
  /** The expert's list (null for the organiser). */
  listHref: string | null;
  entry: EntryContent;
  files: AttachmentView[];
  criteria: CriterionView[];
  weightSum: number;
  precision: number;
  spreadThreshold: number;
  viewer: "expert" | "organiser";
  /** The expert's own state (null for the organiser). */
  state: ReviewStateName | null;
  /** The form, when the expert may score now. */
  form: { action: string; values: FormState<Record<string, string>>; radioLevelsMax: number; commentMax: number } | null;
  /** A refusal of the last post that is not about a field (the sheet was submitted meanwhile, the stage closed). */
  message: string | null;
  /** Why there is no form for an expert whose sheet is not submitted. */
  gate: ScoreGate | null;
  opensAt: number;
  closesAt: number;
  /** The expert's submitted sheet (read-only). */
  mine: ShownSheet | null;
  /** Every submitted sheet, where this viewer may read them. */
  sheets: ShownSheet[] | null;
  jury: { experts: number; score: number | null; spread: number | null; flagged: boolean } | null;
}
