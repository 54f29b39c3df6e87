import { proposalCommentTarget } from "../proposals/comment-target";
import { remarkCommentTarget } from "../consultations/remarks/comment-target";
import type { CommentTargetAdapter, CommentTargetAdapters } from "./targets";
import type { CommentTarget } from "./schema";

/** Every module with discussions, by target type. */
export const commentTargets: CommentTargetAdapters = {
  proposal: proposalCommentTarget,
  remark: remarkCommentTarget,
};

export const adapterFor = (type: CommentTarget): CommentTargetAdapter | undefined => commentTargets[type];
