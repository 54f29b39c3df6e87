import type { Actor } from "../roles/rules";
import { can } from "../roles/rules";
import { acceptsParticipation, isEditable, isPublic } from "./lifecycle";
import type { ProposalStatus } from "./schema";

/** The facts about a proposal that decide who may do what with it. */
export interface ProposalAccessFacts {
  organiserId: string;
  authorId: string;
  status: ProposalStatus;
  hidden: boolean;
}

/**
 * Who may see, edit, moderate and take part in a proposal — one pure function that the proposal
 * pages, its attachments, its discussion and the moderation queue all ask, so they never disagree.
 */
export function proposalAccess(p: ProposalAccessFacts, viewer: Actor | null, now = Date.now()) {
  const isAuthor = viewer !== null && viewer.id === p.authorId;
  const isModerator = can(viewer, "moderation.decide", { organiserId: p.organiserId });
  const blocked = viewer !== null && "blockedUntil" in viewer && typeof viewer.blockedUntil === "number" && viewer.blockedUntil > now;
  return {
    isAuthor,
    isModerator,
    /** Public ones to everyone; the rest (drafts, hidden, rejected …) to the author and the organiser's moderators. */
    read: isPublic(p.status, p.hidden) || isAuthor || isModerator,
    /** The author changes the text (and files) only while it is a draft or returned for changes. */
    edit: isAuthor && isEditable(p.status) && !blocked,
    /** Supports, comments and votes: confirmed accounts, on a published and visible proposal. */
    participate: acceptsParticipation(p.status, p.hidden) && can(viewer, "comment.write") && !blocked,
  };
}
