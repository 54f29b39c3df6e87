import { commentModeration } from "../comments/moderation";
import { entryModeration } from "../competitions/entries/moderation";
import { remarkModeration } from "../consultations/remarks/moderation";
import { proposalModeration } from "../proposals/moderation";
import type { ModerationAdapters } from "./targets";

/** How decisions apply to each kind of object in the queue; each owning module implements its own. */
export const moderationAdapters: ModerationAdapters = {
  proposal: proposalModeration,
  comment: commentModeration,
  remark: remarkModeration,
  entry: entryModeration,
};
