/** Messages of the competitions' entries part (keys "competitions.entries.*"), Russian first; English has the same keys. */
export const competitionEntriesRu = {};

export const competitionEntriesEn: Record<keyof typeof competitionEntriesRu, string> = {};
