import { and, eq, inArray } from "drizzle-orm";
import type { Db, Statement } from "../db/client";
import { attachments, type AttachmentOwner } from "./schema";

/** 152-ФЗ export: which files the person uploaded (the files themselves are at /files/:id). */
export const uploadExportQuery = (db: Db, userId: string) =>
  db
    .select({ id: attachments.id, ownerType: attachments.ownerType, ownerId: attachments.ownerId, fileName: attachments.fileName, contentType: attachments.contentType, size: attachments.size, createdAt: attachments.createdAt })
    .from(attachments)
    .where(eq(attachments.uploadedBy, userId));

/** Rows of the files of owners that are going away (the R2 objects are removed after the batch). */
export function ownerAttachmentDeletion(db: Db, ownerType: AttachmentOwner, ownerIds: string[]): Statement[] {
  if (ownerIds.length === 0) return [];
  return [db.delete(attachments).where(and(eq(attachments.ownerType, ownerType), inArray(attachments.ownerId, ownerIds)))];
}

/** After the batch: remove the owners' objects from R2 (originals and thumbnails share the owner prefix). */
export async function removeOwnerObjects(bucket: R2Bucket, ownerType: AttachmentOwner, ownerIds: string[]) {
  for (const id of ownerIds) {
    let cursor: string | undefined;
    do {
      const page = await bucket.list({ prefix: `${ownerType}/${id}/`, cursor });
      if (page.objects.length) await bucket.delete(page.objects.map((o) => o.key));
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
  }
}
