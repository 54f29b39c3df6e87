/** Messages of the consultations' versions part (keys "consultations.versions.*"), Russian first; English has the same keys. */
export const consultationVersionsRu = {};

export const consultationVersionsEn: Record<keyof typeof consultationVersionsRu, string> = {};
