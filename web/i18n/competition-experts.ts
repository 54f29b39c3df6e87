/** Messages of the competitions' experts part (keys "competitions.experts.*"), Russian first; English has the same keys. */
export const competitionExpertsRu = {};

export const competitionExpertsEn: Record<keyof typeof competitionExpertsRu, string> = {};
