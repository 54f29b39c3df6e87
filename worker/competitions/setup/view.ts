import type { CriterionRow, NominationRow } from "../data";
import { STAGES } from "../schema";
import { stageAt, stageBounds, type StageTimes } from "../stages";
import type { CardRow } from "./data";
import type { CompetitionRead } from "./service";

/** The stage a card shows: the instants' stage now for a published competition; a draft is "announced". */
export const stageNow = (c: Pick<CardRow, "status" | "entryOpensAt" | "entryClosesAt" | "checkClosesAt" | "evaluationClosesAt" | "votingClosesAt">, now: number) =>
  c.status === "published" ? stageAt(c, now) : ("announced" as const);

export const toCard = (c: CardRow, organiserName: string, now: number) => ({
  id: c.id,
  organiserId: c.organiserId,
  organiserName,
  title: c.title,
  summary: c.summary,
  status: c.status,
  stage: stageNow(c, now),
  entryOpensAt: c.entryOpensAt,
  entryClosesAt: c.entryClosesAt,
  checkClosesAt: c.checkClosesAt,
  evaluationClosesAt: c.evaluationClosesAt,
  votingClosesAt: c.votingClosesAt,
  publishedAt: c.publishedAt,
  resultsPublishedAt: c.resultsPublishedAt,
});

export const toNomination = (n: NominationRow) => ({ id: n.id, title: n.title, description: n.description, position: n.position, entryCount: n.entryCount });

export const toCriterion = (k: CriterionRow) => ({
  id: k.id,
  name: k.name,
  description: k.description,
  weight: k.weight,
  scaleMin: k.scaleMin,
  scaleMax: k.scaleMax,
  levels: k.levels,
  commentBelow: k.commentBelow,
  position: k.position,
});

/** The API's view of a competition: its setup, nominations and criteria. */
export function toView(r: CompetitionRead, organiserName: string) {
  const c = r.competition;
  return {
    ...toCard(c, organiserName, r.now),
    rulesText: c.rulesText,
    eligibility: c.eligibility,
    entryLimit: c.entryLimit,
    minExperts: c.minExperts,
    spreadThreshold: c.spreadThreshold,
    precision: c.precision,
    juryWeight: c.juryWeight,
    publicWeight: c.publicWeight,
    juryNormalisation: c.juryNormalisation,
    publicNormalisation: c.publicNormalisation,
    tieBreak: c.tieBreak,
    winners: c.winners,
    nominations: r.nominations.map(toNomination),
    criteria: r.criteria.map(toCriterion),
    editable: r.access.editSetup,
  };
}

/**
 * The stages with their bounds and, for a published competition, whether each is done, running
 * now or ahead (a draft runs no stage yet: no state).
 */
export function timelineOf(t: StageTimes, now: number, published: boolean) {
  const current = STAGES.indexOf(stageAt(t, now));
  return STAGES.map((stage, i) => {
    const b = stageBounds(t, stage);
    return { stage, start: b.start, end: b.end, state: published ? (i < current ? "done" : i === current ? "now" : "later") : null } as const;
  });
}
