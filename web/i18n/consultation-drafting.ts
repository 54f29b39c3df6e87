/** Messages of the consultations' drafting part (keys "consultations.drafting.*"), Russian first; English has the same keys. */
export const consultationDraftingRu = {};

export const consultationDraftingEn: Record<keyof typeof consultationDraftingRu, string> = {};
