import { invalidField, Problem } from "../http/problem";
import { acceptedFor, ATTACHMENT_LIMITS } from "./rules";

const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));

/** A body over the upload limit: 413, still naming the field so a form can show it by the input. */
export const uploadTooLarge = () =>
  new Problem(413, "too-large", "problem.tooLarge", [{ field: "file", code: "attachments.fileTooLarge", params: { max: mb(ATTACHMENT_LIMITS.pdfBytes) } }]);

export const fileTooLarge = (maxBytes: number) => invalidField("file", "attachments.fileTooLarge", { max: mb(maxBytes) });
/** The owner's own list when it takes only PDF (a competition's rules). */
export const fileWrongType = (ownerType?: string) => invalidField("file", ownerType !== undefined && acceptedFor(ownerType).every((t) => t === "application/pdf") ? "attachments.fileTypePdf" : "attachments.fileType");
export const fileRequired = () => invalidField("file", "attachments.fileRequired");
export const fileDamaged = () => invalidField("file", "attachments.fileDamaged");
export const tooManyFiles = () => invalidField("file", "attachments.tooMany", { max: ATTACHMENT_LIMITS.perOwner });
