import type { AttachmentView } from "../../web/pages/attachments/types";
import type { AttachmentRow } from "./data";
import { isImage, thumbSize } from "./rules";

export type { AttachmentView };

/** A row as pages and the API show it: URLs instead of R2 keys, the thumbnail's size worked out. */
export function toAttachmentView(row: AttachmentRow): AttachmentView {
  const image = isImage(row.contentType);
  const id = encodeURIComponent(row.id);
  // Without a stored thumbnail, /thumb serves the original, which the browser scales to the same box.
  const thumb = image && row.width && row.height ? thumbSize(row.width, row.height) : null;
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    kind: image ? "image" : "pdf",
    size: row.size,
    url: `/files/${id}`,
    thumbUrl: image ? `/files/${id}/thumb` : null,
    width: row.width,
    height: row.height,
    thumbWidth: thumb?.width ?? null,
    thumbHeight: thumb?.height ?? null,
    createdAt: row.createdAt,
  };
}
