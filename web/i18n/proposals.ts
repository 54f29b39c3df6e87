/** Messages of the proposals module, Russian first; English must have the same keys (the type enforces it). */
export const proposalsRu = {
} as const;

export const proposalsEn: Record<keyof typeof proposalsRu, string> = {
};
