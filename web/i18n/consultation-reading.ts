/** Messages of the consultations' reading part (keys "consultations.reading.*"), Russian first; English has the same keys. */
export const consultationReadingRu = {};

export const consultationReadingEn: Record<keyof typeof consultationReadingRu, string> = {};
