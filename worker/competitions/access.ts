import { Problem } from "../http/problem";
import type { OrganisationType } from "../organisations/schema";
import type { Actor } from "../roles/rules";
import { can } from "../roles/rules";
import type { CompetitionStatus, EntrantKind, EntryStatus, Stage } from "./schema";
import { stageAt, type StageTimes } from "./stages";

/** The facts about a competition that decide who may do what with it. */
export interface CompetitionFacts extends StageTimes {
  organiserId: string;
  status: CompetitionStatus;
  resultsPublishedAt: number | null;
}

/** Blocked by a moderator until a moment still ahead (a blocked person may read but not take part). */
export const isBlocked = (viewer: Actor | null, now: number) =>
  viewer !== null && "blockedUntil" in viewer && typeof (viewer as { blockedUntil?: unknown }).blockedUntil === "number" && (viewer as { blockedUntil: number }).blockedUntil > now;

/** The 403 a blocked person gets from any action of the module, with the end of the block in ISO 8601. */
export const blockedProblem = (viewer: { blockedUntil: number | null }) => new Problem(403, "blocked", "problem.blocked", [], { blockedUntil: new Date(viewer.blockedUntil!).toISOString() });

/**
 * Who may see, run and take part in a competition at `now` — one pure function every page and route
 * of the module asks, so they never disagree. `isExpert`: the viewer is in competition_experts for it
 * (a relation to the object, like membership, so the caller reads it and passes it in).
 */
export function competitionAccess(c: CompetitionFacts, viewer: Actor | null, now: number, isExpert = false) {
  const manage = can(viewer, "competition.manage", { organiserId: c.organiserId });
  const isModerator = can(viewer, "moderation.decide", { organiserId: c.organiserId });
  const published = c.status === "published";
  const stage: Stage = published ? stageAt(c, now) : "announced";
  const blocked = isBlocked(viewer, now);
  const expert = isExpert && viewer !== null;
  return {
    manage,
    isModerator,
    isExpert: expert,
    published,
    stage,
    /** Published competitions to everyone; drafts to the organiser's admins only. */
    read: published || manage,
    /** Setup (rules, nominations, criteria, dates) may change only before entries open; dates until then too. */
    editSetup: manage && (!published || stage === "announced"),
    /** Entering (eligibility is checked separately with `eligibleAs`). */
    enter: published && stage === "entry" && can(viewer, "entry.create") && !blocked,
    /** The eligibility check: during entry and check stages (late decisions on early entries allowed). */
    moderate: isModerator && published && (stage === "entry" || stage === "check"),
    /** Experts, assignments and flagged entries: the organiser, before voting starts. */
    runEvaluation: manage && published && (stage === "check" || stage === "evaluation"),
    /** Scoring: an expert of this competition during the evaluation stage. */
    score: expert && published && stage === "evaluation" && !blocked,
    /** Other experts' scores become visible to experts after the evaluation stage ends; the organiser sees submitted ones always. */
    seeAllScores: manage || (expert && published && (stage === "voting" || stage === "results")),
    vote: published && stage === "voting" && can(viewer, "vote.cast") && !blocked,
    /** The anomaly report and annulling suspect votes: the organiser, during voting and before results are published. */
    examineVotes: manage && published && (stage === "voting" || (stage === "results" && c.resultsPublishedAt === null)),
    /** Computing, reviewing and publishing results: the organiser, once voting has closed. */
    decideResults: manage && published && stage === "results" && c.resultsPublishedAt === null,
    resultsPublic: published && c.resultsPublishedAt !== null,
  };
}

export type CompetitionAccess = ReturnType<typeof competitionAccess>;

/** The kind of entrant a person is when entering alone or on behalf of an organisation of a type. */
export const entrantKind = (organisationType: OrganisationType | null): EntrantKind => organisationType ?? "resident";

/** Whether the competition's rules let this kind of entrant in. */
export const eligibleAs = (eligibility: readonly EntrantKind[], kind: EntrantKind) => eligibility.includes(kind);

/** The facts about an entry that decide who may read and change it. */
export interface EntryFacts {
  submittedBy: string;
  status: EntryStatus;
  hiddenAt: number | null;
}

/** Who may read an entry and what its entrant may do with it, given the competition's access. */
export function entryAccess(a: CompetitionAccess, e: EntryFacts, viewer: Actor | null) {
  const own = viewer !== null && e.submittedBy === viewer.id;
  const staff = a.manage || a.isModerator;
  const isPublic = a.published && e.status === "admitted" && e.hiddenAt === null;
  return {
    own,
    isPublic,
    /** Admitted entries to everyone; the others to their entrant and the organiser's staff (experts ask experts/). */
    read: isPublic || own || staff,
    /** Personal data of the entry (contact): the entrant and staff only. */
    readContact: own || staff,
    /** Withdraw: the entrant, before the entry stage ends. */
    withdraw: own && a.stage === "entry" && (e.status === "submitted" || e.status === "admitted"),
    /** Change the entry's files: the entrant while it waits for the check in the entry stage. */
    editFiles: own && a.stage === "entry" && e.status === "submitted",
  };
}
