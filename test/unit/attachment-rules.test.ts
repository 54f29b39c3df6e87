import { describe, expect, it } from "vitest";
import { ATTACHMENT_LIMITS, checkUpload, contentDisposition, isUploadRequest, sanitiseFileName, sniffType, thumbSize, wantsThumbnail } from "../../worker/attachments/rules";

const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe("type by magic bytes", () => {
  it.each([
    ["JPEG", bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16]), "image/jpeg"],
    ["PNG", bytes([0x89], "PNG", [0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), "image/png"],
    ["WebP", bytes("RIFF", [1, 2, 3, 4], "WEBPVP8 "), "image/webp"],
    ["PDF", bytes("%PDF-1.7\n"), "application/pdf"],
  ])("%s", (_n, b, type) => expect(sniffType(b)).toBe(type));

  it.each([
    ["HTML named .jpg", bytes("<!doctype html><script>alert(1)</script>")],
    ["SVG", bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ["GIF", bytes("GIF89a")],
    ["RIFF but WAVE", bytes("RIFF", [0, 0, 0, 0], "WAVEfmt ")],
    ["PNG signature cut short", bytes([0x89], "PNG", [0x0d, 0x0a])],
    ["two JPEG bytes only", bytes([0xff, 0xd8])],
    ["PDF signature not at the start", bytes(" %PDF-1.4")],
    ["ZIP (docx)", bytes("PK", [3, 4])],
  ])("refuses %s", (_n, b) => expect(sniffType(b)).toBeNull());
});

describe("limits by the real type", () => {
  const jpeg = (n: number) => {
    const b = new Uint8Array(n);
    b.set([0xff, 0xd8, 0xff]);
    return b;
  };
  const pdf = (n: number) => {
    const b = new Uint8Array(n);
    b.set(bytes("%PDF-"));
    return b;
  };
  it("an image of exactly 5 MB is accepted, one byte more is not", () => {
    expect(checkUpload(jpeg(ATTACHMENT_LIMITS.imageBytes))).toEqual({ ok: true, type: "image/jpeg" });
    expect(checkUpload(jpeg(ATTACHMENT_LIMITS.imageBytes + 1))).toEqual({ ok: false, reason: "size", maxBytes: 5 * 1024 * 1024 });
  });
  it("a PDF may be 10 MB", () => {
    expect(checkUpload(pdf(ATTACHMENT_LIMITS.pdfBytes))).toEqual({ ok: true, type: "application/pdf" });
    expect(checkUpload(pdf(ATTACHMENT_LIMITS.pdfBytes + 1))).toMatchObject({ ok: false, reason: "size" });
  });
  it("empty and unknown", () => {
    expect(checkUpload(new Uint8Array())).toEqual({ ok: false, reason: "empty" });
    expect(checkUpload(bytes("hello"))).toEqual({ ok: false, reason: "type" });
  });
  it("only the upload routes get the larger body limit", () => {
    expect(isUploadRequest("POST", "/api/attachments")).toBe(true);
    expect(isUploadRequest("POST", "/attachments")).toBe(true);
    expect(isUploadRequest("POST", "/api/attachments/x")).toBe(false);
    expect(isUploadRequest("DELETE", "/api/attachments")).toBe(false);
    expect(isUploadRequest("POST", "/proposals")).toBe(false);
  });
});

describe("file names", () => {
  it.each([
    ["C:\\Users\\Иван\\Desktop\\фото двора.JPG", "image/jpeg", "фото двора.JPG"],
    ["../../etc/passwd", "application/pdf", "passwd.pdf"],
    ["/tmp/a/b/report.pdf", "application/pdf", "report.pdf"],
    ["smeta\u0000\u0007\r\n.pdf", "application/pdf", "smeta.pdf"],
    ["invoice\u202Efdp.exe", "application/pdf", "invoicefdp.exe.pdf"],
    ["page.html", "image/png", "page.html.png"],
    ["photo.jpeg", "image/jpeg", "photo.jpeg"],
    ["...hidden.png", "image/png", "hidden.png"],
    ["", "image/webp", "file.webp"],
    [".pdf", "application/pdf", "pdf.pdf"],
    ["  много   пробелов  .pdf ", "application/pdf", "много пробелов .pdf"],
  ] as const)("%j → %j", (raw, type, expected) => expect(sanitiseFileName(raw, type)).toBe(expected));

  it("is cut to 200 characters by code point, keeping the extension", () => {
    const long = `${"Ж".repeat(150)}${"😀".repeat(100)}.pdf`;
    const name = sanitiseFileName(long, "application/pdf");
    expect([...name].length).toBe(200);
    expect(name.endsWith("😀.pdf")).toBe(true);
    expect(encodeURIComponent(name)).toBeTruthy(); // throws on a lone surrogate
  });

  it("Content-Disposition: ASCII fallback and the exact name in filename* (RFC 5987)", () => {
    const h = contentDisposition("inline", 'смета "2026"; v2.pdf');
    expect(h).toBe(`inline; filename="_____ _2026__ v2.pdf"; filename*=UTF-8''%D1%81%D0%BC%D0%B5%D1%82%D0%B0%20%222026%22%3B%20v2.pdf`);
    const star = h.split("filename*=UTF-8''")[1];
    expect(decodeURIComponent(star)).toBe('смета "2026"; v2.pdf');
    expect(contentDisposition("inline", "it's (1).png")).toContain("filename*=UTF-8''it%27s%20%281%29.png");
  });
});

describe("thumbnail size", () => {
  it("at most 480 wide, same proportions", () => {
    expect(thumbSize(4000, 3000)).toEqual({ width: 480, height: 360 });
    expect(thumbSize(3000, 4000)).toEqual({ width: 480, height: 640 });
    expect(thumbSize(480, 100)).toEqual({ width: 480, height: 100 });
    expect(thumbSize(100000, 10)).toEqual({ width: 480, height: 1 });
  });
  it("made only for wide images within the pixel limit", () => {
    expect(wantsThumbnail(480, 480)).toBe(false);
    expect(wantsThumbnail(4000, 4000)).toBe(true);
    expect(wantsThumbnail(5000, 4000)).toBe(false);
  });
});

describe("file policy", () => {
  it("images sandboxed; PDFs not (Chromium's viewer refuses a sandbox) but nothing may load in either", async () => {
    const { filePolicy } = await import("../../worker/attachments/rules");
    for (const t of ["image/jpeg", "image/png", "image/webp"]) expect(filePolicy(t)).toMatch(/^sandbox; default-src 'none'/);
    expect(filePolicy("application/pdf")).not.toContain("sandbox");
    expect(filePolicy("application/pdf")).toContain("default-src 'none'");
  });
});
