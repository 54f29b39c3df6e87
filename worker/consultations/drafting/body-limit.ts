import { Problem } from "../../http/problem";
import { IMPORT_LIMITS } from "../parser/import";

/**
 * The requests that carry a whole draft text — pasted (up to IMPORT_LIMITS.textChars characters)
 * or uploaded (up to IMPORT_LIMITS.fileBytes) — are the drafting part's exemption from the global
 * 64 KB body limit (worker/app.ts), with a limit of their own. Exactly these routes, by method and
 * path shape, nothing else under /consultations:
 *   POST /api/consultations                  POST /consultations              (create)
 *   PUT  /api/consultations/:id/draft/text   POST /consultations/:id/draft/text (replace the text)
 *   POST /api/consultations/:id/versions     POST /consultations/:id/versions (the next version)
 */
const ID = "[^/]+";
const DRAFT_TEXT_ROUTES: [string, RegExp][] = [
  ["POST", /^\/api\/consultations$/],
  ["POST", /^\/consultations$/],
  ["PUT", new RegExp(`^/api/consultations/${ID}/draft/text$`)],
  ["POST", new RegExp(`^/consultations/${ID}/draft/text$`)],
  ["POST", new RegExp(`^/api/consultations/${ID}/versions$`)],
  ["POST", new RegExp(`^/consultations/${ID}/versions$`)],
];

export const isDraftTextRequest = (method: string, path: string) => DRAFT_TEXT_ROUTES.some(([m, re]) => m === method && re.test(path));

/**
 * The largest such body: the largest file, plus the largest pasted text as the worst encoding
 * sends it (6 bytes a character: «%D0%90» in a urlencoded form, «\u0410» in JSON; a page form
 * may carry both the textarea and a file), plus 64 KB for the other fields and the envelope.
 */
export const DRAFT_TEXT_BODY_LIMIT_BYTES = IMPORT_LIMITS.fileBytes + IMPORT_LIMITS.textChars * 6 + 64 * 1024;

/** A body over that limit: 413, naming the field so the problem says what was too large. */
export const draftTextTooLarge = (path: string) =>
  new Problem(413, "too-large", "problem.tooLarge", [
    path.startsWith("/api/")
      ? { field: "text", code: "field.tooLong", params: { max: IMPORT_LIMITS.textChars } }
      : { field: "file", code: "consultations.drafting.field.file.size", params: { max: Math.round(IMPORT_LIMITS.fileBytes / 1024), chars: IMPORT_LIMITS.textChars } },
  ]);
