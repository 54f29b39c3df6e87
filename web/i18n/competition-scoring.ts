/** Messages of the competitions' scoring part (keys "competitions.scoring.*"), Russian first; English has the same keys. */
export const competitionScoringRu = {};

export const competitionScoringEn: Record<keyof typeof competitionScoringRu, string> = {};
