import { enforce, limitsFor } from "../http/rate-limit";
import { Hono, type Context } from "hono";
import type { AppEnv } from "../http/context";
import { ctxOf } from "../http/ctx";
import { Problem } from "../http/problem";
import { formStateFrom, render, safeNext } from "../http/render";
import { contentDisposition, filePolicy } from "./rules";
import type { AttachmentOwner } from "./schema";
import { deleteAttachment, fileForViewer, listAttachments, ownerTypeField, uploadAttachment } from "./service";

/** File downloads and the upload forms' endpoints. */
export const attachmentsPages = new Hono<AppEnv>();

/** Back to the page the form was on, with a one-line confirmation (`?done=`), keeping its fragment. */
function backTo(next: string, done: "attachments.uploaded" | "attachments.deleted") {
  const [path, hash] = next.split("#", 2);
  return `${path}${path.includes("?") ? "&" : "?"}done=${done}${hash !== undefined ? `#${hash}` : "#attachments"}`;
}

attachmentsPages.post("/attachments", async (c) => {
  const body = await c.req.parseBody();
  const next = safeNext(typeof body.next === "string" ? body.next : null) ?? "/";
  const user = c.get("user");
  if (!user) return c.redirect(`/signin?next=${encodeURIComponent(next)}`, 303);
  const ownerType = ownerTypeField(body.ownerType);
  const ownerId = typeof body.ownerId === "string" ? body.ownerId.slice(0, 64) : "";
  await enforce(c, limitsFor(c).upload, user.id);
  try {
    await uploadAttachment(ctxOf(c), user, { ownerType, ownerId, file: body.file });
    return c.redirect(backTo(next, "attachments.uploaded"), 303);
  } catch (e) {
    // The file's own faults are shown beside the form again; "not found" and "not allowed" are the error page.
    if (e instanceof Problem && (e.status === 422 || e.status === 413)) return manage(c, ownerType, ownerId, next, e);
    throw e;
  }
});

async function manage(c: Context<AppEnv>, ownerType: AttachmentOwner, ownerId: string, next: string, problem: Problem) {
  const items = await listAttachments(ctxOf(c), c.get("user"), ownerType, ownerId);
  return render(c, "attachments/manage", { ownerType, ownerId, items, next, form: formStateFrom(c, problem, {}) }, { title: c.get("t")("attachments.notAdded"), status: problem.status });
}

attachmentsPages.post("/attachments/:id/delete", async (c) => {
  const body = await c.req.parseBody();
  const next = safeNext(typeof body.next === "string" ? body.next : null) ?? "/";
  const user = c.get("user");
  if (!user) return c.redirect(`/signin?next=${encodeURIComponent(next)}`, 303);
  await deleteAttachment(ctxOf(c), user, c.req.param("id"));
  return c.redirect(backTo(next, "attachments.deleted"), 303);
});

/**
 * The stored bytes, for those who may see the owner (404 for everyone else). A file is shown in the
 * browser (inline) but can never act as a page of ours: the stored (checked) type with `nosniff`, so
 * no browser guesses HTML, and a CSP that forbids loading anything (`sandbox` too for images; see
 * filePolicy for why not for PDFs). Objects never change (a new upload is a
 * new id), so the ETag lets a browser revalidate for free; public owners' files may be cached
 * briefly by anyone, others are private and revalidated each time (access is checked again).
 */
async function serve(c: Context<AppEnv>, variant: "original" | "thumb") {
  const { row, isPublic } = await fileForViewer(ctxOf(c), c.get("user"), c.req.param("id")!);
  const key = variant === "thumb" && row.thumbKey ? row.thumbKey : row.r2Key;
  const object = await c.env.FILES.get(key, { onlyIf: c.req.raw.headers });
  if (!object) {
    console.error(JSON.stringify({ requestId: c.get("requestId"), r2: "missing object", key }));
    throw new Problem(404, "not-found", "problem.notFound");
  }
  const headers = new Headers();
  headers.set("content-type", object.httpMetadata?.contentType ?? row.contentType);
  headers.set("content-disposition", contentDisposition("inline", row.fileName));
  headers.set("x-content-type-options", "nosniff");
  headers.set("content-security-policy", filePolicy(row.contentType));
  headers.set("cache-control", isPublic ? "public, max-age=300" : "private, no-cache");
  headers.set("etag", object.httpEtag);
  if (!("body" in object)) return new Response(null, { status: 304, headers });
  headers.set("content-length", String(object.size));
  return new Response(object.body, { status: 200, headers });
}

attachmentsPages.get("/files/:id", (c) => serve(c, "original"));
attachmentsPages.get("/files/:id/thumb", (c) => serve(c, "thumb"));
