import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "../accounts/schema";

/** What files can be attached to: proposals now; competition rules, practices, draft uploads later. */
export const ATTACHMENT_OWNERS = ["proposal", "competition", "entry"] as const;
export type AttachmentOwner = (typeof ATTACHMENT_OWNERS)[number];

/**
 * A file stored in R2 (photos, PDF). The row is written only after the object is stored, so a row
 * never points at nothing; the owning module decides who may see and change its attachments.
 */
export const attachments = sqliteTable(
  "attachments",
  {
    id: text("id").primaryKey(),
    ownerType: text("owner_type", { enum: ATTACHMENT_OWNERS }).notNull(),
    ownerId: text("owner_id").notNull(),
    /** R2 key of the original; `thumbKey` of a downscaled copy of an image, when one was made. */
    r2Key: text("r2_key").notNull(),
    thumbKey: text("thumb_key"),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    width: integer("width"),
    height: integer("height"),
    uploadedBy: text("uploaded_by").notNull().references(() => users.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("attachments_owner").on(t.ownerType, t.ownerId, t.createdAt), index("attachments_uploader").on(t.uploadedBy)],
);
