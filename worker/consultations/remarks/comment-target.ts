import type { CommentTargetAdapter } from "../../comments/targets";
import { consultationAccess } from "../access";
import { recountReplies, remarkFacts } from "./data";
import { remarkReadable, remarkRefusal } from "./rules";
import { remarkUrl } from "./urls";

/**
 * A remark as a discussion target (replies to it): one select by primary key with its consultation
 * and version. Readable when the consultation is and the remark is not hidden (its author and the
 * organiser's moderators read hidden ones); a deleted remark keeps its replies readable under
 * «замечание удалено автором». Open for replies only while the consultation takes remarks on the
 * remark's version and the remark is visible. The reply counter counts comments not deleted.
 */
export const remarkCommentTarget: CommentTargetAdapter = {
  async load(db, id, viewer) {
    const [f] = await remarkFacts(db, id);
    if (!f) return null;
    const now = Date.now();
    const access = consultationAccess(
      { organiserId: f.organiserId, status: f.consultationStatus, opensAt: f.opensAt, closesAt: f.closesAt, currentVersion: f.currentVersion },
      viewer,
      now,
      { number: f.versionNumber, status: f.versionStatus },
    );
    const refusal = remarkRefusal({ status: f.consultationStatus, currentVersion: f.currentVersion }, access.window, { number: f.versionNumber, status: f.versionStatus });
    return {
      organiserId: f.organiserId,
      authorId: f.authorId,
      title: f.title,
      url: remarkUrl(f.consultationId, id),
      readable: access.read && remarkReadable(f.status, { isAuthor: viewer?.id === f.authorId, isModerator: access.isModerator }),
      open: refusal === null && f.status === "visible",
      commentCount: f.replyCount,
    };
  },
  counterStatement(db, id) {
    return recountReplies(db, id);
  },
};
