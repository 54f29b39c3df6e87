/** Addresses of the remarks' pages (the URL contract other parts link to). */
export const remarkUrl = (consultationId: string, remarkId: string) => `/consultations/${encodeURIComponent(consultationId)}/remarks/${encodeURIComponent(remarkId)}`;
export const clauseUrl = (consultationId: string, clauseId: string) => `/consultations/${encodeURIComponent(consultationId)}/clauses/${encodeURIComponent(clauseId)}`;
export const documentRemarksUrl = (consultationId: string) => `/consultations/${encodeURIComponent(consultationId)}/remarks`;
export const reportUrl = (remarkId: string) => `/report?type=remark&id=${encodeURIComponent(remarkId)}`;
