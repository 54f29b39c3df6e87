/** Messages of the consultations' summary part (keys "consultations.summary.*"), Russian first; English has the same keys. */
export const consultationSummaryRu = {};

export const consultationSummaryEn: Record<keyof typeof consultationSummaryRu, string> = {};
