/**
 * Files attached to other modules' objects (proposals now; competitions and consultations later).
 *
 * Usage from an owning module (e.g. the proposal page):
 *
 *   import { listAttachmentsStatement, toAttachmentView } from "../attachments";
 *   const [[proposal], files] = await db.batch([getProposal(db, id), listAttachmentsStatement(db, "proposal", id)]);
 *   const attachments = files.map(toAttachmentView);   // AttachmentView[] — only after the read check passed
 *
 *   // page: <Gallery items={attachments} />  (web/pages/attachments/Gallery.tsx)
 *   // edit page (author, draft/returned): <UploadForm ownerType="proposal" ownerId={id} items={attachments} next={`/proposals/${id}/edit`} />
 *   //   (web/pages/attachments/UploadForm.tsx; posts to /attachments and comes back to `next#attachments` with a flash)
 *
 * Who may see and change files is decided by the owner's adapter (worker/attachments/owners.ts;
 * proposals: worker/proposals/attachment-owner.ts). A new kind of owner: add it to ATTACHMENT_OWNERS in
 * schema.ts and register an AttachmentOwnerAdapter in owners.ts.
 *
 * R2 keys are `<ownerType>/<ownerId>/<attachmentId>` (+ `.thumb`): everything of one owner can be
 * found by prefix. `ownerObjectsPrefix` gives it, for removing an owner's files with the owner.
 */
export { listAttachmentsStatement, countAttachments } from "./data";
export type { AttachmentRow } from "./data";
export { toAttachmentView, type AttachmentView } from "./view";
export { ATTACHMENT_LIMITS } from "./rules";

export const ownerObjectsPrefix = (ownerType: string, ownerId: string) => `${ownerType}/${ownerId}/`;
