/** Messages of the consultations' implementation part (keys "consultations.implementation.*"), Russian first; English has the same keys. */
export const consultationImplementationRu = {};

export const consultationImplementationEn: Record<keyof typeof consultationImplementationRu, string> = {};
