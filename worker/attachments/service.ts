import { sql } from "drizzle-orm";
import type { Ctx } from "../accounts/service";
import type { SessionUser } from "../accounts/session-user";
import { auditRecordWhere } from "../audit";
import { forbidden, invalidField, notFound } from "../http/problem";
import { countAttachments, deleteAttachmentStatement, getAttachment, insertAttachmentIfRoom, listAttachmentsStatement, type AttachmentRow } from "./data";
import { stripJpegMetadata } from "./exif";
import { imageInfo, type ImageInfo } from "./image-info";
import { attachmentOwners } from "./owners";
import { fileDamaged, fileRequired, fileTooLarge, fileWrongType, tooManyFiles } from "./problems";
import { acceptedFor, ATTACHMENT_LIMITS, checkUpload, isImage, objectKeys, sanitiseFileName } from "./rules";
import { ATTACHMENT_OWNERS, type AttachmentOwner } from "./schema";
import { makeThumbnail } from "./thumbnail";
import { toAttachmentView } from "./view";

export const isOwnerType = (v: unknown): v is AttachmentOwner => typeof v === "string" && (ATTACHMENT_OWNERS as readonly string[]).includes(v);

async function ownerAccess(ctx: Ctx, ownerType: AttachmentOwner, ownerId: string, viewer: SessionUser | null) {
  const access = await attachmentOwners[ownerType].access(ctx.db, ownerId, viewer);
  // Whoever may not see the owner learns nothing about it, not even that it exists.
  if (!access.exists || !access.canRead) throw notFound();
  return access;
}

export async function listAttachments(ctx: Ctx, viewer: SessionUser | null, ownerType: AttachmentOwner, ownerId: string) {
  await ownerAccess(ctx, ownerType, ownerId, viewer);
  return (await listAttachmentsStatement(ctx.db, ownerType, ownerId)).map(toAttachmentView);
}

/**
 * Adds a file. Order of work: who may (404/403) → the file itself (type by its bytes, size for that
 * type, a readable image) → metadata stripped, thumbnail made → objects into R2 → the row and its
 * audit record in one batch, the row only if the owner still has room. If the batch fails or finds
 * no room, the R2 objects are removed again, so nothing is left behind.
 */
export async function uploadAttachment(ctx: Ctx, actor: SessionUser, input: { ownerType: AttachmentOwner; ownerId: string; file: unknown }) {
  const [access, [{ n }]] = await Promise.all([ownerAccess(ctx, input.ownerType, input.ownerId, actor), countAttachments(ctx.db, input.ownerType, input.ownerId)]);
  if (!access.canEdit) throw forbidden();
  const file = input.file;
  if (!(file instanceof File) || file.size === 0) throw fileRequired();
  // Before reading it: nothing accepted is larger than the largest limit.
  if (file.size > ATTACHMENT_LIMITS.pdfBytes) throw fileTooLarge(ATTACHMENT_LIMITS.pdfBytes);
  if (n >= ATTACHMENT_LIMITS.perOwner) throw tooManyFiles();

  let bytes: Uint8Array = new Uint8Array(await file.arrayBuffer());
  const check = checkUpload(bytes);
  if (!check.ok) throw check.reason === "size" ? fileTooLarge(check.maxBytes!) : check.reason === "empty" ? fileRequired() : fileWrongType(input.ownerType);
  const type = check.type;
  if (!acceptedFor(input.ownerType).includes(type)) throw fileWrongType(input.ownerType);

  let info: ImageInfo | null = null;
  if (type === "image/jpeg") {
    const stripped = stripJpegMetadata(bytes);
    if (!stripped) throw fileDamaged();
    bytes = stripped.bytes;
  }
  if (isImage(type)) {
    info = imageInfo(bytes, type);
    if (!info || info.width > ATTACHMENT_LIMITS.maxSide || info.height > ATTACHMENT_LIMITS.maxSide) throw fileDamaged();
  }
  const thumb = info ? makeThumbnail(bytes, info) : null;

  const id = crypto.randomUUID();
  const keys = objectKeys(input.ownerType, input.ownerId, id);
  const now = Date.now();
  const row: AttachmentRow = {
    id,
    ownerType: input.ownerType,
    ownerId: input.ownerId,
    r2Key: keys.original,
    thumbKey: thumb ? keys.thumb : null,
    fileName: sanitiseFileName(file.name, type),
    contentType: type,
    size: bytes.length,
    width: info?.width ?? null,
    height: info?.height ?? null,
    uploadedBy: actor.id,
    createdAt: now,
  };

  const files = ctx.env.FILES;
  const stored: string[] = [];
  const removeStored = () => (stored.length ? files.delete(stored).catch((e) => console.error(JSON.stringify({ r2: "cleanup failed", keys: stored, error: String(e) }))) : undefined);
  try {
    await files.put(keys.original, bytes, { httpMetadata: { contentType: type } });
    stored.push(keys.original);
    if (thumb) {
      await files.put(keys.thumb, thumb.bytes, { httpMetadata: { contentType: thumb.contentType } });
      stored.push(keys.thumb);
    }
    const [inserted] = await ctx.db.batch([
      insertAttachmentIfRoom(ctx.db, row),
      auditRecordWhere(
        ctx.db,
        {
          actorId: actor.id,
          action: "attachment.add",
          objectType: input.ownerType,
          objectId: input.ownerId,
          organiserId: access.organiserId,
          details: { attachmentId: id, fileName: row.fileName, contentType: type, size: row.size },
        },
        sql`EXISTS (SELECT 1 FROM attachments WHERE id = ${id})`,
        now,
      ),
    ]);
    if (inserted.length === 0) {
      await removeStored();
      throw tooManyFiles();
    }
  } catch (e) {
    await removeStored();
    throw e;
  }
  return toAttachmentView(row);
}

/** Removes a file: the row and its audit record in one batch, then the R2 objects (a row never points at nothing). */
export async function deleteAttachment(ctx: Ctx, actor: SessionUser, id: string) {
  const [row] = await getAttachment(ctx.db, id);
  if (!row) throw notFound();
  const access = await ownerAccess(ctx, row.ownerType, row.ownerId, actor);
  if (!access.canEdit) throw forbidden();
  // The audit record first, on the condition that the row is still there: of two concurrent
  // deletions only the one that removes the row is recorded.
  const [, deleted] = await ctx.db.batch([
    auditRecordWhere(
      ctx.db,
      { actorId: actor.id, action: "attachment.delete", objectType: row.ownerType, objectId: row.ownerId, organiserId: access.organiserId, details: { attachmentId: id, fileName: row.fileName } },
      sql`EXISTS (SELECT 1 FROM attachments WHERE id = ${id})`,
    ),
    deleteAttachmentStatement(ctx.db, id),
  ]);
  if (deleted.length === 0) throw notFound();
  const keys = [row.r2Key, ...(row.thumbKey ? [row.thumbKey] : [])];
  await ctx.env.FILES.delete(keys).catch((e) => console.error(JSON.stringify({ r2: "delete failed", keys, error: String(e) })));
  return { ownerType: row.ownerType, ownerId: row.ownerId };
}

/** The stored file for a viewer who may see its owner; 404 for everyone else (and for unknown ids). */
export async function fileForViewer(ctx: Ctx, viewer: SessionUser | null, id: string) {
  const [row] = await getAttachment(ctx.db, id);
  if (!row) throw notFound();
  const access = await ownerAccess(ctx, row.ownerType, row.ownerId, viewer);
  return { row, isPublic: access.isPublic === true };
}

export const ownerTypeField = (v: unknown) => {
  if (!isOwnerType(v)) throw invalidField("ownerType", "field.invalidChoice");
  return v;
};
