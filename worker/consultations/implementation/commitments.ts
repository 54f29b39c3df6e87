import type { ClauseKind, CommitmentStatus, ConsultationStatus, VersionStatus } from "../schema";

/**
 * The rules of implementation tracking, pure (no I/O): which adopted clauses become commitments,
 * when a commitment is overdue, when a consultation may be adopted. Unit-tested in
 * test/unit/commitment-rules.test.ts.
 */

/** What the candidate rule needs of a clause (a stored clause or a test's hand-written tree). */
export interface CandidateClause {
  id: string;
  position: number;
  kind: ClauseKind;
  number: string;
  depth: number;
  text: string;
  addressees: string[];
}

export interface CommitmentCandidate {
  clauseId: string;
  clausePosition: number;
  number: string;
  text: string;
  addressee: string;
}

/** Only numbered clauses and the bullets inside them can commit someone; headings and preamble paragraphs cannot. */
const ACTIONABLE: ReadonlySet<ClauseKind> = new Set(["clause", "item"]);

/**
 * A lead-in: a clause that names its addressees and ends with a colon, the sentence continuing in
 * its sub-clauses («2. Мэрии города Новосибирска, Экспертному совету по развитию ТОС:» → 2.1, 2.2).
 */
const isLeadIn = (c: CandidateClause) => /:\s*$/.test(c.text);

const clean = (list: string[]) => [...new Set(list.map((a) => a.trim()).filter(Boolean))];

/**
 * The clauses of an adopted version that commit someone to act: one row per (clause, addressee),
 * in document order, for the organiser to confirm (every row pre-checked, uncheck what is not a
 * commitment).
 *
 * - Only kinds clause and item count; a heading or a preamble paragraph commits nobody.
 * - A clause's addressees are its own; a sub-clause (or bullet) without addressees of its own takes
 *   them from the nearest lead-in above it, since its sentence begins there (the parser may or may
 *   not have copied them down).
 * - A lead-in whose sub-clauses carry the commitments is not a commitment itself: «Мэрии …:» alone
 *   says nothing to do, and counting it would list each body twice. A lead-in with no actionable
 *   sub-clause below it stays (better shown and unchecked than silently lost).
 * - A clause with no addressee at all («Одобрить итоги форума») is not a commitment.
 */
export function commitmentCandidates(clauses: CandidateClause[]): CommitmentCandidate[] {
  const ordered = [...clauses].sort((a, b) => a.position - b.position);
  // Effective addressees, walking the tree with a stack of ancestors (by depth).
  const effective = new Map<string, string[]>();
  const stack: CandidateClause[] = [];
  for (const c of ordered) {
    while (stack.length && stack[stack.length - 1].depth >= c.depth) stack.pop();
    let own = clean(c.addressees);
    if (own.length === 0 && ACTIONABLE.has(c.kind)) {
      for (let i = stack.length - 1; i >= 0; i--) {
        const a = stack[i];
        if (!ACTIONABLE.has(a.kind)) break;
        if (isLeadIn(a) && (effective.get(a.id) ?? []).length) {
          own = effective.get(a.id)!;
          break;
        }
      }
    }
    effective.set(c.id, own);
    stack.push(c);
  }
  const out: CommitmentCandidate[] = [];
  ordered.forEach((c, i) => {
    if (!ACTIONABLE.has(c.kind)) return;
    const addressees = effective.get(c.id) ?? [];
    if (addressees.length === 0) return;
    if (isLeadIn(c) && hasActionableChild(ordered, i, effective)) return;
    for (const addressee of addressees) out.push({ clauseId: c.id, clausePosition: c.position, number: c.number, text: c.text, addressee });
  });
  return out;
}

/** Whether a clause below `ordered[i]` (deeper, before the next clause at its level) is itself a commitment. */
function hasActionableChild(ordered: CandidateClause[], i: number, effective: Map<string, string[]>) {
  const depth = ordered[i].depth;
  for (let j = i + 1; j < ordered.length && ordered[j].depth > depth; j++) {
    const d = ordered[j];
    if (ACTIONABLE.has(d.kind) && (effective.get(d.id) ?? []).length) return true;
  }
  return false;
}

/** The key of a candidate row in the adoption form: the clause and the addressee's place among the clause's candidates. */
export const candidateKey = (c: { clauseId: string }, index: number) => `${c.clauseId}#${index}`;

/** Candidates with their form keys (index = the addressee's place among its clause's rows). */
export function keyedCandidates(candidates: CommitmentCandidate[]) {
  const seen = new Map<string, number>();
  return candidates.map((c) => {
    const n = seen.get(c.clauseId) ?? 0;
    seen.set(c.clauseId, n + 1);
    return { ...c, key: candidateKey(c, n) };
  });
}

/**
 * Overdue: a due date that has passed (strictly before today in Moscow — a commitment due today is
 * still on time) and work that is not finished. «Выполнено» is never overdue, and neither is
 * «Не выполнено»: that is the final verdict that the commitment failed, already shown as such; a
 * «Просрочено» marker on top would say the same thing twice and suggest it is still expected.
 * Without a due date nothing is overdue.
 */
export function isOverdue(c: { dueOn: string | null; status: CommitmentStatus }, today: string): boolean {
  return c.dueOn !== null && c.dueOn < today && (c.status === "not_started" || c.status === "in_progress");
}

/** The statuses that can be overdue (the portal-wide «только просроченные» filter uses the same rule). */
export const OPEN_STATUSES = ["not_started", "in_progress"] as const satisfies readonly CommitmentStatus[];

/**
 * Status moves: any status may follow any other. Real work goes back and forth — a task reported
 * done is reopened when the result falls through, a «не выполнено» is revisited when the money
 * arrives next year — and each move is recorded (dated note, audit record, feed entry), so the
 * history shows it rather than a rule forbidding it.
 */
export const isStatusChange = (from: CommitmentStatus, to: CommitmentStatus | null | undefined): to is CommitmentStatus => !!to && to !== from;

/** A real calendar date written YYYY-MM-DD (no 30 February), within a sane range. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= "1990-01-01" && s <= "2100-12-31";
}

export type AdoptionRefusal = "notPublished" | "alreadyAdopted" | "windowNotClosed" | "draftPending" | "versionNotPublished";

/**
 * Whether a consultation can be adopted now, with this version. Adoption is final, so it comes
 * after the discussion (the window has closed), once (a second adoption is refused), and only of a
 * published version. A draft version being prepared refuses it too: after adoption the draft could
 * never be published, and an organiser with a draft open most likely meant to adopt that text — so
 * they publish or delete the draft first, and decide knowingly.
 */
export function adoptionRefusal(
  c: { status: ConsultationStatus; windowState: "upcoming" | "open" | "closed"; hasDraftVersion: boolean },
  version: { status: VersionStatus } | null,
): AdoptionRefusal | null {
  if (c.status === "adopted") return "alreadyAdopted";
  if (c.status !== "published") return "notPublished";
  if (c.windowState !== "closed") return "windowNotClosed";
  if (c.hasDraftVersion) return "draftPending";
  if (!version || version.status !== "published") return "versionNotPublished";
  return null;
}

/** Commitments per status (every status present, zeros included), for the counts at the top of the pages. */
export function statusCounts(list: { status: CommitmentStatus }[]): Record<CommitmentStatus, number> {
  const out: Record<CommitmentStatus, number> = { not_started: 0, in_progress: 0, done: 0, failed: 0 };
  for (const c of list) out[c.status]++;
  return out;
}

/** The distinct addressees of a list with their counts, alphabetically (Russian collation), for the filter's select. */
export function addresseesOf(list: { addressee: string }[]): { addressee: string; count: number }[] {
  const m = new Map<string, number>();
  for (const c of list) m.set(c.addressee, (m.get(c.addressee) ?? 0) + 1);
  return [...m].map(([addressee, count]) => ({ addressee, count })).sort((a, b) => a.addressee.localeCompare(b.addressee, "ru"));
}
