import { proposalCommentTarget } from "../proposals/comment-target";
import type { CommentTargetAdapter, CommentTargetAdapters } from "./targets";
import type { CommentTarget } from "./schema";

/** Every module with discussions, by target type. Consultation remarks will be added here. */
export const commentTargets: CommentTargetAdapters = {
  proposal: proposalCommentTarget,
};

export const adapterFor = (type: CommentTarget): CommentTargetAdapter | undefined => commentTargets[type];
