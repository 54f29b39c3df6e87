import type { SessionUser } from "../accounts/session-user";
import type { Db } from "../db/client";
import type { AttachmentOwner } from "./schema";

/**
 * Implemented by each module whose objects carry files, so the attachments module never reads
 * another module's tables: who may see an object's files, and who may add or remove them.
 */
export interface AttachmentOwnerAdapter {
  access(db: Db, ownerId: string, viewer: SessionUser | null): Promise<{ exists: boolean; canRead: boolean; canEdit: boolean; organiserId: string | null }>;
}

export type AttachmentOwnerAdapters = Record<AttachmentOwner, AttachmentOwnerAdapter>;
