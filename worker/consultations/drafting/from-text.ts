import type { DraftClause } from "../clause-types";
import { clausesFromText, IMPORT_LIMITS, textFromUpload } from "../parser/import";
import { cleanAddressees, DRAFT_LIMITS } from "./clause-tree";
import type { MessageKey } from "../../../web/i18n";

export type FromTextResult = { ok: true; clauses: DraftClause[] } | { ok: false; code: MessageKey; params?: Record<string, string | number> };

/**
 * A pasted or uploaded text as the draft's clauses: the parser's tree with its suggested
 * addressees (parser/import.ts), held to the editor's limits. Suggestions are only suggestions,
 * so ones over the limits are dropped rather than refused; a clause longer than a clause may be
 * is refused, naming it, because cutting the organiser's text silently would change the document.
 */
export function draftFromText(text: string): FromTextResult {
  const parsed = clausesFromText(text);
  if ("error" in parsed) {
    if (parsed.error === "empty") return { ok: false, code: "consultations.drafting.field.emptyDocument" };
    if (parsed.error === "clauses") return { ok: false, code: "consultations.drafting.field.tooManyClauses", params: { max: DRAFT_LIMITS.clauses } };
    return { ok: false, code: "field.tooLong", params: { max: IMPORT_LIMITS.textChars } };
  }
  const clauses = parsed.clauses;
  if (clauses.length > DRAFT_LIMITS.clauses) return { ok: false, code: "consultations.drafting.field.tooManyClauses", params: { max: DRAFT_LIMITS.clauses } };
  const long = clauses.findIndex((c) => c.text.length > DRAFT_LIMITS.text);
  if (long >= 0) return { ok: false, code: "consultations.drafting.field.clauseTooLong", params: { clause: clauses[long].number || String(long + 1), max: DRAFT_LIMITS.text } };
  return {
    ok: true,
    clauses: clauses.map((c) => ({
      ...c,
      number: c.number.slice(0, DRAFT_LIMITS.number),
      depth: Math.min(Math.max(0, c.depth), DRAFT_LIMITS.depth),
      addressees: cleanAddressees(c.addressees)
        .filter((a) => a.length <= DRAFT_LIMITS.addressee)
        .slice(0, DRAFT_LIMITS.addressees),
    })),
  };
}

/** An uploaded file's text, or the message for the form's file field. */
export function uploadedText(fileName: string, bytes: Uint8Array): { ok: true; text: string } | { ok: false; code: MessageKey; params?: Record<string, string | number> } {
  const r = textFromUpload(fileName, bytes);
  if ("text" in r) return { ok: true, text: r.text };
  const params = r.error === "size" ? { max: Math.round(IMPORT_LIMITS.fileBytes / 1024), chars: IMPORT_LIMITS.textChars } : undefined;
  return { ok: false, code: `consultations.drafting.field.file.${r.error}` as MessageKey, params };
}
