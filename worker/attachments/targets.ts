import type { SessionUser } from "../accounts/session-user";
import type { Db } from "../db/client";
import type { AttachmentOwner } from "./schema";

/**
 * Implemented by each module whose objects carry files, so the attachments module never reads
 * another module's tables: who may see an object's files, and who may add or remove them.
 * `isPublic` (anyone, signed in or not, may read) lets file responses be cached publicly; when
 * absent they are `private`.
 */
export interface AttachmentOwnerAdapter {
  access(db: Db, ownerId: string, viewer: SessionUser | null): Promise<{ exists: boolean; canRead: boolean; canEdit: boolean; organiserId: string | null; isPublic?: boolean }>;
}

export type AttachmentOwnerAdapters = Record<AttachmentOwner, AttachmentOwnerAdapter>;
