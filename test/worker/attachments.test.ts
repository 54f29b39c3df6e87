import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ATTACHMENT_LIMITS } from "../../worker/attachments/rules";
import { containsBytes, createProposal, exifWithGps, files, insertSegment, makeJpeg, makePdf, makePng, makeWebp, objectsOf, setStatus, upload, uploadForm } from "./attachment-fixtures";
import { Browser } from "./client";
import { CYRILLIC, count, createOrganiser, db, expectProblem, fillRateLimit, grantRole, newActor, row } from "./fixtures";

type Actor = Awaited<ReturnType<typeof newActor>>;
const ORGANISER = "att-org";
let author: Actor;
let other: Actor;
let moderator: Actor;

beforeAll(async () => {
  await createOrganiser(ORGANISER);
  author = await newActor({ displayName: "Автор" });
  other = await newActor({ displayName: "Сосед" });
  moderator = await newActor({ displayName: "Модератор" });
  await grantRole(moderator.user.id, "moderator", ORGANISER);
});

// These tests upload far more than the hourly limit per account; the limit itself is tested below
// with its counter set to the edge.
beforeEach(async () => {
  await db.prepare("DELETE FROM rate_limits WHERE key LIKE 'upload:%'").run();
});

const draft = () => createProposal({ organiserId: ORGANISER, authorId: author.user.id });
const nothingStored = async (proposalId: string) => {
  expect(await count("attachments", "owner_id = ?", proposalId)).toBe(0);
  expect(await count("audit_log", "object_id = ? AND action LIKE 'attachment.%'", proposalId)).toBe(0);
  expect(await objectsOf(proposalId)).toEqual([]);
};

describe("uploading", () => {
  it.each([
    ["JPEG photo", () => makeJpeg(1600, 1200), "двор.jpg", "image/jpeg", 1600, 1200],
    ["PNG", () => makePng(800, 500), "схема.png", "image/png", 800, 500],
    ["WebP", () => makeWebp(900, 600), "вид.webp", "image/webp", 900, 600],
    ["PDF", () => makePdf(), "смета.pdf", "application/pdf", null, null],
  ])("%s → 201, stored in R2 and D1 with an audit record", async (_n, make, name, type, width, height) => {
    const p = await draft();
    const bytes = make();
    const res = await upload(author, p, bytes, name, type);
    expect(res.status).toBe(201);
    const view = (await res.json()) as Record<string, any>;
    expect(view).toMatchObject({ fileName: name, contentType: type, kind: type === "application/pdf" ? "pdf" : "image", width, height, url: `/files/${view.id}` });
    const stored = await row<{ r2_key: string; thumb_key: string | null; size: number; uploaded_by: string }>("SELECT r2_key, thumb_key, size, uploaded_by FROM attachments WHERE id = ?", view.id);
    expect(stored!.r2_key).toBe(`proposal/${p}/${view.id}`);
    expect(stored!.uploaded_by).toBe(author.user.id);
    const object = await files.get(stored!.r2_key);
    expect(object!.httpMetadata!.contentType).toBe(type);
    expect(object!.size).toBe(stored!.size);
    await object!.arrayBuffer();
    expect(await count("audit_log", "action = 'attachment.add' AND object_id = ? AND actor_id = ? AND organiser_id = ?", p, author.user.id, ORGANISER)).toBe(1);
    if (type !== "application/pdf") {
      // A real thumbnail: stored, 480 px wide, smaller than the original.
      expect(stored!.thumb_key).toBe(`proposal/${p}/${view.id}.thumb`);
      expect(view.thumbWidth).toBe(480);
      expect(view.thumbHeight).toBe(Math.round((height! * 480) / width!));
      const thumb = await author.fetch(`/files/${view.id}/thumb`);
      expect(thumb.status).toBe(200);
      const t = new Uint8Array(await thumb.arrayBuffer());
      expect(t.length).toBeLessThan(stored!.size);
      const { imageInfo } = await import("../../worker/attachments/image-info");
      const { sniffType } = await import("../../worker/attachments/rules");
      expect(imageInfo(t, sniffType(t)!)).toMatchObject({ width: 480, height: view.thumbHeight });
    }
  });

  it("a JPEG's EXIF with the GPS position is gone from the stored file; a sideways photo's thumbnail is upright", async () => {
    const p = await draft();
    const photo = insertSegment(makeJpeg(1200, 900), exifWithGps(6));
    const view = (await (await upload(author, p, photo, "IMG_0001.JPG", "image/jpeg")).json()) as Record<string, any>;
    expect(view).toMatchObject({ width: 900, height: 1200, thumbWidth: 480, thumbHeight: 640 });
    const original = new Uint8Array(await (await author.fetch(view.url)).arrayBuffer());
    const gpsPointer = new Uint8Array([0x25, 0x88, 4, 0, 1, 0, 0, 0]); // the GPS IFD entry, little-endian
    expect(containsBytes(photo, gpsPointer)).toBe(true);
    expect(containsBytes(original, gpsPointer)).toBe(false);
    expect(containsBytes(original, new Uint8Array([55, 0, 0, 0, 1, 0, 0, 0, 45, 0, 0, 0]))).toBe(false);
    const thumb = new Uint8Array(await (await author.fetch(view.thumbUrl)).arrayBuffer());
    const { imageInfo } = await import("../../worker/attachments/image-info");
    expect(imageInfo(thumb, "image/jpeg")).toEqual({ width: 480, height: 640, orientation: 1, hasAlpha: false });
  });

  it("a small image needs no thumbnail: /thumb serves the original", async () => {
    const p = await draft();
    const view = (await (await upload(author, p, makePng(120, 80), "icon.png")).json()) as Record<string, any>;
    expect(await row("SELECT thumb_key FROM attachments WHERE id = ?", view.id)).toEqual({ thumb_key: null });
    expect(view).toMatchObject({ thumbWidth: 120, thumbHeight: 80 });
    expect((await author.fetch(view.thumbUrl)).status).toBe(200);
  });

  it("an image over the size limit → 422 on field file, nothing in R2 or D1", async () => {
    const p = await draft();
    const big = new Uint8Array(ATTACHMENT_LIMITS.imageBytes + 1);
    big.set(makeJpeg(16, 16));
    const problem = await expectProblem(await upload(author, p, big, "big.jpg", "image/jpeg"), 422);
    expect(problem.errors).toEqual([{ field: "file", code: "attachments.fileTooLarge", reason: expect.stringContaining("5 МБ") }]);
    await nothingStored(p);
  });

  it("a body over the upload limit → 413 on field file, nothing stored", async () => {
    const p = await draft();
    const problem = await expectProblem(await upload(author, p, makePdf(ATTACHMENT_LIMITS.pdfBytes + 300 * 1024), "huge.pdf", "application/pdf"), 413);
    expect(problem.errors?.[0]).toMatchObject({ field: "file", code: "attachments.fileTooLarge" });
    await nothingStored(p);
  });

  it("a PDF of 10 MB passes the body limit (the 64 KB page limit does not apply to uploads)", async () => {
    const p = await draft();
    expect((await upload(author, p, makePdf(ATTACHMENT_LIMITS.pdfBytes), "scan.pdf", "application/pdf")).status).toBe(201);
  });

  it.each([
    ["HTML named .jpg and declared image/jpeg", new TextEncoder().encode("<html><script>alert(document.cookie)</script></html>"), "photo.jpg"],
    ["SVG with a script", new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), "pic.jpg"],
    ["a GIF", new TextEncoder().encode("GIF89a\x01\x00\x01\x00"), "anim.jpg"],
  ])("%s → 422 on field file, nothing stored", async (_n, bytes, name) => {
    const p = await draft();
    const problem = await expectProblem(await upload(author, p, bytes, name, "image/jpeg"), 422);
    expect(problem.errors).toEqual([{ field: "file", code: "attachments.fileType", reason: expect.stringMatching(CYRILLIC) }]);
    await nothingStored(p);
  });

  it("a JPEG with a broken structure → 422 fileDamaged", async () => {
    const p = await draft();
    const problem = await expectProblem(await upload(author, p, makeJpeg(64, 64).subarray(0, 40), "cut.jpg"), 422);
    expect(problem.errors![0].code).toBe("attachments.fileDamaged");
    await nothingStored(p);
  });

  it("no file, or an unknown owner type → 422", async () => {
    const p = await draft();
    const form = new FormData();
    form.set("ownerType", "proposal");
    form.set("ownerId", p);
    expect((await expectProblem(await author.api("/attachments", { method: "POST", body: form }), 422)).errors![0]).toMatchObject({ field: "file", code: "attachments.fileRequired" });
    expect((await expectProblem(await upload(author, p, makePdf(), "a.pdf", "application/pdf", "practice"), 422)).errors![0].field).toBe("ownerType");
  });

  it("the file name is stored sanitised", async () => {
    const p = await draft();
    const view = (await (await upload(author, p, makePdf(), "..\\..\\secret\u0007\u202Efdp.exe", "application/pdf")).json()) as { fileName: string };
    expect(view.fileName).toBe("secretfdp.exe.pdf");
  });

  it("the 11th file is refused; the 10 stay", async () => {
    const p = await draft();
    for (let i = 0; i < ATTACHMENT_LIMITS.perOwner; i++) expect((await upload(author, p, makePdf(), `${i}.pdf`)).status).toBe(201);
    const problem = await expectProblem(await upload(author, p, makePdf(), "11.pdf"), 422);
    expect(problem.errors![0]).toMatchObject({ field: "file", code: "attachments.tooMany" });
    expect(await count("attachments", "owner_id = ?", p)).toBe(10);
    expect((await objectsOf(p)).length).toBe(10);
  });

  it("concurrent uploads cannot exceed 10; the refused leave nothing in R2", async () => {
    const p = await draft();
    for (let i = 0; i < 7; i++) expect((await upload(author, p, makePdf(), `${i}.pdf`)).status).toBe(201);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => upload(author, p, makePdf(), `c${i}.pdf`)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBe(3);
    expect(statuses.filter((s) => s === 422).length).toBe(5);
    expect(await count("attachments", "owner_id = ?", p)).toBe(10);
    expect(await count("audit_log", "object_id = ? AND action = 'attachment.add'", p)).toBe(10);
    expect((await objectsOf(p)).length).toBe(10);
  });
});

describe("the hourly upload limit", () => {
  it("the 31st upload within the hour → 429 with Retry-After, nothing stored; the API and the page form alike", async () => {
    const uploader = await newActor();
    const p = await createProposal({ organiserId: ORGANISER, authorId: uploader.user.id });
    await fillRateLimit(`upload:${uploader.user.id}`, 3600, 29);
    expect((await upload(uploader, p, makePdf(), "30-й.pdf")).status).toBe(201);
    const refused = await upload(uploader, p, makePdf(), "31-й.pdf");
    await expectProblem(refused, 429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await uploadForm(uploader, p, makePdf(), "32-й.pdf", `/proposals/${p}/edit`)).status).toBe(429);
    expect(await count("attachments", "owner_id = ?", p)).toBe(1);
    expect((await objectsOf(p)).length).toBe(1);
  });
});

describe("who may", () => {
  it("another user's draft: upload 404, list 404, download 404, delete 404 (existence not revealed)", async () => {
    const p = await draft();
    const view = (await (await upload(author, p, makePng(600, 400), "a.png")).json()) as Record<string, any>;
    await expectProblem(await upload(other, p, makePdf(), "x.pdf"), 404);
    await expectProblem(await other.api(`/attachments?ownerType=proposal&ownerId=${p}`), 404);
    expect((await other.fetch(view.url)).status).toBe(404);
    expect((await other.fetch(view.thumbUrl)).status).toBe(404);
    expect((await new Browser().fetch(view.url)).status).toBe(404);
    await expectProblem(await other.api(`/attachments/${view.id}`, { method: "DELETE" }), 404);
    expect(await count("attachments", "owner_id = ?", p)).toBe(1);
  });

  it("the organiser's moderator may see a draft's files but not change them", async () => {
    const p = await draft();
    const view = (await (await upload(author, p, makePdf(), "a.pdf")).json()) as Record<string, any>;
    expect((await moderator.fetch(view.url)).status).toBe(200);
    await expectProblem(await upload(moderator, p, makePdf(), "m.pdf"), 403);
    await expectProblem(await moderator.api(`/attachments/${view.id}`, { method: "DELETE" }), 403);
  });

  it("a published proposal: anyone downloads, nobody (not even the author) changes the files", async () => {
    const p = await draft();
    const view = (await (await upload(author, p, makePdf(), "итоги.pdf")).json()) as Record<string, any>;
    await setStatus(p, "published");
    const anon = new Browser();
    const res = await anon.fetch(view.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    await res.arrayBuffer();
    const list = (await (await anon.api(`/attachments?ownerType=proposal&ownerId=${p}`)).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(1);
    await expectProblem(await upload(author, p, makePdf(), "late.pdf"), 403);
    await expectProblem(await author.api(`/attachments/${view.id}`, { method: "DELETE" }), 403);
    await expectProblem(await anon.api(`/attachments/${view.id}`, { method: "DELETE" }), 401);
  });

  it("returned for changes: the author may add and delete again", async () => {
    const p = await createProposal({ organiserId: ORGANISER, authorId: author.user.id, status: "returned" });
    const view = (await (await upload(author, p, makePdf(), "v2.pdf")).json()) as Record<string, any>;
    const res = await author.api(`/attachments/${view.id}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(await count("attachments", "owner_id = ?", p)).toBe(0);
    expect(await objectsOf(p)).toEqual([]);
    expect(await count("audit_log", "object_id = ? AND action = 'attachment.delete' AND actor_id = ?", p, author.user.id)).toBe(1);
    expect((await author.fetch(view.url)).status).toBe(404);
  });

  it("a hidden published proposal's files are not public any more", async () => {
    const p = await draft();
    const view = (await (await upload(author, p, makePdf(), "a.pdf")).json()) as Record<string, any>;
    await setStatus(p, "published");
    await row("UPDATE proposals SET hidden_at = ? WHERE id = ?", Date.now(), p);
    expect((await new Browser().fetch(view.url)).status).toBe(404);
    const own = await author.fetch(view.url);
    expect(own.status).toBe(200);
    expect(own.headers.get("cache-control")).toBe("private, no-cache");
  });
});

describe("serving", () => {
  it("headers: stored type, inline with the safe name, nosniff, sandbox CSP, private, ETag and 304", async () => {
    const p = await draft();
    const view = (await (await upload(author, p, makePdf(), "Смета итог; it's 2026.pdf")).json()) as Record<string, any>;
    const res = await author.fetch(view.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(`inline; filename="_____ _____ it's 2026.pdf"; filename*=UTF-8''%D0%A1%D0%BC%D0%B5%D1%82%D0%B0%20%D0%B8%D1%82%D0%BE%D0%B3%3B%20it%27s%202026.pdf`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    // PDFs: no `sandbox` (Chromium will not open its viewer in one), but nothing may load or frame it.
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'");
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    const etag = res.headers.get("etag")!;
    expect(etag).toBeTruthy();
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(makePdf());
    const again = await author.fetch(view.url, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
  });

  it("images are served sandboxed, original and thumbnail alike", async () => {
    const p = await draft();
    const view = (await (await upload(author, p, makeJpeg(1000, 700), "photo.jpg")).json()) as Record<string, any>;
    for (const url of [view.url, view.thumbUrl]) {
      const res = await author.fetch(url);
      expect(res.headers.get("content-type")).toBe("image/jpeg");
      expect(res.headers.get("content-security-policy")).toMatch(/^sandbox; default-src 'none'/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-disposition")).toMatch(/^inline; filename="photo.jpg"/);
      await res.arrayBuffer();
    }
  });

  it("unknown id → 404", async () => {
    expect((await author.fetch("/files/nope")).status).toBe(404);
    expect((await author.fetch("/files/nope/thumb")).status).toBe(404);
  });
});

describe("page forms (no JavaScript)", () => {
  it("upload comes back to `next` with a confirmation; delete too", async () => {
    const p = await draft();
    const res = await uploadForm(author, p, makeJpeg(800, 600), "двор.jpg", `/proposals/${p}/edit`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/proposals/${p}/edit?done=attachments.uploaded#attachments`);
    const [a] = await (await import("./fixtures")).rows<{ id: string }>("SELECT id FROM attachments WHERE owner_id = ?", p);
    const del = await author.fetch(`/attachments/${a.id}/delete`, { form: { next: `/proposals/${p}/edit#files` } });
    expect(del.status).toBe(303);
    expect(del.headers.get("location")).toBe(`/proposals/${p}/edit?done=attachments.deleted#files`);
    expect(await count("attachments", "owner_id = ?", p)).toBe(0);
  });

  it("a refused file is explained on the page in the person's language, with the form again", async () => {
    const p = await draft();
    const res = await uploadForm(author, p, new TextEncoder().encode("<script>x</script>"), "x.jpg", `/proposals/${p}/edit`);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Файл не добавлен");
    expect(html).toContain("Можно загрузить только фотографию");
    expect(html).toContain(`href="/proposals/${p}/edit"`);
    expect(html).toContain('type="file"');
    const en = new Browser("en");
    en.cookies = new Map(author.cookies);
    en.cookies.set("lang", "en");
    const html2 = await (await uploadForm(en, p, new TextEncoder().encode("nope"), "x.jpg", "/")).text();
    expect(html2).toContain("this file's content is neither");
    await nothingStored(p);
  });

  it("an off-site `next` is not followed", async () => {
    const p = await draft();
    const res = await uploadForm(author, p, makePdf(), "a.pdf", "https://evil.example/");
    expect(res.headers.get("location")).toBe("/?done=attachments.uploaded#attachments");
  });

  it("signed out → sign in first", async () => {
    const anon = new Browser();
    const p = await draft();
    const res = await uploadForm(anon, p, makePdf(), "a.pdf", `/proposals/${p}/edit`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/signin?next=${encodeURIComponent(`/proposals/${p}/edit`)}`);
  });
});
