/** Messages of the moderation module, Russian first; English must have the same keys (the type enforces it). */
export const moderationRu = {
} as const;

export const moderationEn: Record<keyof typeof moderationRu, string> = {
};
