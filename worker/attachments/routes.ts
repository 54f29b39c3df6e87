import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf } from "../http/ctx";
import { apiRouter, json, problems, security } from "../http/openapi";
import { requireUser } from "../http/session";
import { enforce, limitsFor } from "../http/rate-limit";
import { ATTACHMENT_LIMITS } from "./rules";
import { ATTACHMENT_OWNERS } from "./schema";
import { deleteAttachment, listAttachments, uploadAttachment } from "./service";

const tags = ["attachments"];

export const AttachmentViewSchema = z
  .object({
    id: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    kind: z.enum(["image", "pdf"]),
    size: z.number().int(),
    url: z.string().openapi({ description: "The original: GET /files/{id}" }),
    thumbUrl: z.string().nullable().openapi({ description: "Images: GET /files/{id}/thumb (at most 480 px wide)" }),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    thumbWidth: z.number().int().nullable(),
    thumbHeight: z.number().int().nullable(),
    createdAt: z.number().int(),
  })
  .openapi("Attachment");

const Owner = { ownerType: z.enum(ATTACHMENT_OWNERS), ownerId: z.string().min(1).max(64) };
const tooLarge = { description: "Body over the upload limit", content: { "application/problem+json": { schema: problems[422].content["application/problem+json"].schema } } };

/** Files attached to proposals (later competitions, consultations): list, upload, delete. */
export const attachmentsApi = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/attachments",
      tags,
      summary: "An owner's files, oldest first (at most 10, so no pages). 404 for those who may not see the owner.",
      request: { query: z.object(Owner) },
      responses: { 200: json(z.object({ items: z.array(AttachmentViewSchema) })), 404: problems[404], 422: problems[422] },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json({ items: await listAttachments(ctxOf(c), c.get("user"), q.ownerType, q.ownerId) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/attachments",
      tags,
      security,
      summary: `Attach a file (multipart/form-data). The type is decided by the file's content: JPEG, PNG or WebP up to ${ATTACHMENT_LIMITS.imageBytes / 1048576} MB, PDF up to ${ATTACHMENT_LIMITS.pdfBytes / 1048576} MB; at most ${ATTACHMENT_LIMITS.perOwner} files per owner. Metadata (EXIF, GPS) is removed from JPEG photos.`,
      request: {
        body: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: z.object({ ...Owner, file: z.any().optional().openapi({ type: "string", format: "binary", description: "The file" }) }),
            },
          },
        },
      },
      responses: { 201: json(AttachmentViewSchema, "Stored"), 401: problems[401], 403: problems[403], 404: problems[404], 413: tooLarge, 422: problems[422], 429: problems[429] },
    }),
    async (c) => {
      const form = c.req.valid("form");
      const user = requireUser(c);
      await enforce(c, limitsFor(c).upload, user.id);
      const view = await uploadAttachment(ctxOf(c), user, { ownerType: form.ownerType, ownerId: form.ownerId, file: form.file });
      return c.json(view, 201);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/attachments/{id}",
      tags,
      security,
      summary: "Remove a file (whoever may edit its owner)",
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: { 200: json(z.object({ ok: z.literal(true) })), 401: problems[401], 403: problems[403], 404: problems[404] },
    }),
    async (c) => {
      await deleteAttachment(ctxOf(c), requireUser(c), c.req.valid("param").id);
      return c.json({ ok: true as const }, 200);
    },
  );
