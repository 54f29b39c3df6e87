import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { ATTACHMENT_LIMITS } from "./rules";
import { attachments, type AttachmentOwner } from "./schema";

export type AttachmentRow = typeof attachments.$inferSelect;

/**
 * An owner's files, oldest first, through the index (owner_type, owner_id, created_at). The list is
 * bounded by the per-owner limit, so one statement is the whole list — no pages needed. Returned
 * unexecuted, so the owner's page can put it into its own batch.
 */
export const listAttachmentsStatement = (db: Db, ownerType: AttachmentOwner, ownerId: string) =>
  db
    .select()
    .from(attachments)
    .where(and(eq(attachments.ownerType, ownerType), eq(attachments.ownerId, ownerId)))
    .orderBy(asc(attachments.createdAt))
    .limit(ATTACHMENT_LIMITS.perOwner);

export const getAttachment = (db: Db, id: string) => db.select().from(attachments).where(eq(attachments.id, id));

export const countAttachments = (db: Db, ownerType: AttachmentOwner, ownerId: string) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(attachments)
    .where(and(eq(attachments.ownerType, ownerType), eq(attachments.ownerId, ownerId)));

/**
 * Inserts the row only while the owner has fewer than the limit of files. The count and the insert
 * are one statement, and D1 runs one writer at a time, so concurrent uploads cannot pass the limit
 * together: the ones that find it full insert nothing (RETURNING is then empty).
 */
export function insertAttachmentIfRoom(db: Db, r: AttachmentRow) {
  // Columns in table order: id, owner_type, owner_id, r2_key, thumb_key, file_name, content_type, size, width, height, uploaded_by, created_at.
  return db
    .insert(attachments)
    .select(
      sql`SELECT ${r.id}, ${r.ownerType}, ${r.ownerId}, ${r.r2Key}, ${r.thumbKey}, ${r.fileName}, ${r.contentType}, ${r.size}, ${r.width}, ${r.height}, ${r.uploadedBy}, ${r.createdAt}
        WHERE (SELECT count(*) FROM attachments WHERE owner_type = ${r.ownerType} AND owner_id = ${r.ownerId}) < ${ATTACHMENT_LIMITS.perOwner}`,
    )
    .returning({ id: attachments.id });
}

export const deleteAttachmentStatement = (db: Db, id: string) => db.delete(attachments).where(eq(attachments.id, id)).returning({ id: attachments.id });

export { attachments };
