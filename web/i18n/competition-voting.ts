/** Messages of the competitions' voting part (keys "competitions.voting.*"), Russian first; English has the same keys. */
export const competitionVotingRu = {};

export const competitionVotingEn: Record<keyof typeof competitionVotingRu, string> = {};
