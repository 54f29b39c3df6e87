/** Messages of the competitions' setup part (keys "competitions.setup.*"), Russian first; English has the same keys. */
export const competitionSetupRu = {};

export const competitionSetupEn: Record<keyof typeof competitionSetupRu, string> = {};
