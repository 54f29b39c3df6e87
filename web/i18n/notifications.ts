/** Messages of the notifications module, Russian first; English must have the same keys (the type enforces it). */
export const notificationsRu = {
} as const;

export const notificationsEn: Record<keyof typeof notificationsRu, string> = {
};
