/** Messages of the consultations' remarks part (keys "consultations.remarks.*"), Russian first; English has the same keys. */
export const consultationRemarksRu = {};

export const consultationRemarksEn: Record<keyof typeof consultationRemarksRu, string> = {};
