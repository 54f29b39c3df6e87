import { competitionAttachmentOwner, entryAttachmentOwner } from "../competitions/attachment-owners";
import { proposalAttachmentOwner } from "../proposals/attachment-owner";
import type { AttachmentOwnerAdapters } from "./targets";

/** Every kind of owner and the module that answers for it (competitions and consultations join here). */
export const attachmentOwners: AttachmentOwnerAdapters = {
  proposal: proposalAttachmentOwner,
  competition: competitionAttachmentOwner,
  entry: entryAttachmentOwner,
};
