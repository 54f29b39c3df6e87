/** Messages of the comments module, Russian first; English must have the same keys (the type enforces it). */
export const commentsRu = {
} as const;

export const commentsEn: Record<keyof typeof commentsRu, string> = {
};
