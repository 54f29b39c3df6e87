import type { FieldIssue } from "../http/problem";

/** The fields that matter for the rules below (a stored proposal or one being written). */
export interface ProposalContent {
  title: string;
  summary: string;
  problem: string;
  goal: string;
  tasks: string[];
  expectedResults: string;
  city: string;
  district: string;
  tos: string;
  theme: string | null;
  beneficiaries: number | null;
  budgetRequested: number | null;
  cofinancing: number | null;
  startDate: string | null;
  endDate: string | null;
  team: string;
}

/**
 * What a submission needs that a draft may lack — the fields project competitions ask for.
 * District, ТОС and co-financing stay optional (a small town has no districts; many projects have
 * no co-financing).
 */
export const REQUIRED_TO_SUBMIT = [
  "title",
  "summary",
  "theme",
  "problem",
  "goal",
  "tasks",
  "expectedResults",
  "city",
  "beneficiaries",
  "budgetRequested",
  "startDate",
  "endDate",
  "team",
] as const satisfies readonly (keyof ProposalContent)[];

const isMissing = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);

/** Every field still missing for a submission, in form order (empty list: ready to submit). */
export function missingForSubmission(p: ProposalContent): FieldIssue[] {
  return REQUIRED_TO_SUBMIT.filter((k) => isMissing(p[k])).map((field) => ({ field, code: "proposals.field.requiredToSubmit" }));
}

/** Rules across fields that hold for drafts too (a draft may be incomplete, never contradictory). */
export function contradictions(p: Pick<ProposalContent, "startDate" | "endDate">): FieldIssue[] {
  if (p.startDate && p.endDate && p.endDate < p.startDate) return [{ field: "endDate", code: "proposals.field.endBeforeStart" }];
  return [];
}

/** The content fields of a proposal row and nothing else (for checks, the API view and the page). */
export const contentOf = (p: ProposalContent): ProposalContent => ({
  title: p.title,
  summary: p.summary,
  problem: p.problem,
  goal: p.goal,
  tasks: p.tasks,
  expectedResults: p.expectedResults,
  city: p.city,
  district: p.district,
  tos: p.tos,
  theme: p.theme,
  beneficiaries: p.beneficiaries,
  budgetRequested: p.budgetRequested,
  cofinancing: p.cofinancing,
  startDate: p.startDate,
  endDate: p.endDate,
  team: p.team,
});
