import { eq } from "drizzle-orm";
import type { AttachmentOwnerAdapter } from "../attachments/targets";
import { proposalAccess } from "./access";
import { isPublic } from "./lifecycle";
import { proposals } from "./schema";

/**
 * Files of a proposal follow the proposal: whoever may read it may see them (published ones:
 * everyone; drafts: the author and the organiser's moderators), and only the author adds or
 * removes them, while it is a draft or returned for changes. One select by primary key.
 */
export const proposalAttachmentOwner: AttachmentOwnerAdapter = {
  async access(db, ownerId, viewer) {
    const [p] = await db
      .select({ organiserId: proposals.organiserId, authorId: proposals.authorId, status: proposals.status, hiddenAt: proposals.hiddenAt })
      .from(proposals)
      .where(eq(proposals.id, ownerId));
    if (!p) return { exists: false, canRead: false, canEdit: false, organiserId: null };
    const facts = { organiserId: p.organiserId, authorId: p.authorId, status: p.status, hidden: p.hiddenAt !== null };
    const access = proposalAccess(facts, viewer);
    return { exists: true, canRead: access.read, canEdit: access.edit, organiserId: p.organiserId, isPublic: isPublic(p.status, facts.hidden) };
  },
};
