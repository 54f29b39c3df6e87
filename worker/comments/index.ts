/**
 * What other modules use of the comments module: the discussion of a target as the page component
 * needs it (render `<Discussion {...discussion} />` from web/pages/comments/Discussion.tsx in a
 * section with id "comments"), and the moderation adapter for the queue.
 */
export { loadDiscussion } from "./discussion";
export type { DiscussionProps } from "../../web/pages/comments/props";
export { commentModeration } from "./moderation";
