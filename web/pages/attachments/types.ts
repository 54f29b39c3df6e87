/** An attachment as pages and the API show it (worker/attachments/view.ts builds it from a row). */
export interface AttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  kind: "image" | "pdf";
  size: number;
  /** The original (`/files/:id`). */
  url: string;
  /** What the gallery shows: `/files/:id/thumb` (the original when no smaller copy was needed). */
  thumbUrl: string | null;
  /** The image's own size, and the size of what `thumbUrl` returns; null for PDF. */
  width: number | null;
  height: number | null;
  thumbWidth: number | null;
  thumbHeight: number | null;
  createdAt: number;
}

/** Limits as the upload form states them (the worker's ATTACHMENT_LIMITS are the source). */
export const ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf";
