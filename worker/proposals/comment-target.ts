import { eq, sql } from "drizzle-orm";
import type { CommentTargetAdapter } from "../comments/targets";
import { proposalAccess } from "./access";
import { acceptsParticipation } from "./lifecycle";
import { proposals } from "./schema";

/**
 * A proposal as a discussion target: one select by primary key; who may read it is the one rule in
 * ./access.ts. Its comment counter counts comments that are not deleted (visible and hidden ones —
 * a hidden comment still stands in the thread as «скрыт модератором»), so hiding does not move it.
 */
export const proposalCommentTarget: CommentTargetAdapter = {
  async load(db, id, viewer) {
    const [p] = await db
      .select({
        organiserId: proposals.organiserId,
        authorId: proposals.authorId,
        status: proposals.status,
        hiddenAt: proposals.hiddenAt,
        title: proposals.title,
        commentCount: proposals.commentCount,
      })
      .from(proposals)
      .where(eq(proposals.id, id));
    if (!p) return null;
    const hidden = p.hiddenAt !== null;
    const access = proposalAccess({ organiserId: p.organiserId, authorId: p.authorId, status: p.status, hidden }, viewer);
    return {
      organiserId: p.organiserId,
      authorId: p.authorId,
      title: p.title,
      url: `/proposals/${encodeURIComponent(id)}`,
      readable: access.read,
      open: acceptsParticipation(p.status, hidden),
      commentCount: p.commentCount,
    };
  },
  counterStatement(db, id) {
    return db
      .update(proposals)
      .set({ commentCount: sql`(SELECT count(*) FROM comments WHERE target_type = 'proposal' AND target_id = ${id} AND status <> 'deleted')` })
      .where(eq(proposals.id, id));
  },
};
