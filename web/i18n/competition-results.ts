/** Messages of the competitions' results part (keys "competitions.results.*"), Russian first; English has the same keys. */
export const competitionResultsRu = {};

export const competitionResultsEn: Record<keyof typeof competitionResultsRu, string> = {};
