/**
 * The pure rules of attachments: which files are accepted (decided by their bytes, never by the
 * name or the type the browser declared), how large, how many, and how a name is made safe to
 * send back in a header. No I/O here, so all of it is unit-tested without a runtime.
 */

export const ACCEPTED_TYPES = ["image/jpeg", "image/png", "image/webp", "application/pdf"] as const;
export type AcceptedType = (typeof ACCEPTED_TYPES)[number];

const MB = 1024 * 1024;

export const ATTACHMENT_LIMITS = {
  /** Photos are downscaled for display anyway; 5 MB holds a 12-megapixel phone photo. */
  imageBytes: 5 * MB,
  pdfBytes: 10 * MB,
  /** Files per owner (one proposal); enforced atomically by the insert itself (see data.ts). */
  perOwner: 10,
  fileNameLength: 200,
  /** Thumbnails are this wide at most (the gallery shows them at up to 240 CSS px, 2× for sharp screens). */
  thumbWidth: 480,
  /**
   * Thumbnails are made only for images up to this many pixels: decoding needs 4 bytes a pixel of
   * Worker memory (128 MB in all), and ≈1 s of CPU for 12 MP was measured. A larger image is shown
   * scaled down by the browser from the original, with its width and height reserved.
   */
  thumbMaxPixels: 16_000_000,
  /** Sides above this are refused outright: no honest photo or scan has them, decompression bombs do. */
  maxSide: 20_000,
} as const;

/** The upload routes' own body limit: the largest file plus room for the multipart envelope and fields. */
export const UPLOAD_BODY_LIMIT_BYTES = ATTACHMENT_LIMITS.pdfBytes + 256 * 1024;

/** Requests that carry a file: exempt from the global 64 KB body limit, held to UPLOAD_BODY_LIMIT_BYTES. */
export const isUploadRequest = (method: string, path: string) => method === "POST" && (path === "/api/attachments" || path === "/attachments");

/**
 * Owners that take fewer types than ACCEPTED_TYPES: a competition's file is its signed rules, a
 * document, never a photo. Checked after sniffing, so the refusal names what this owner takes.
 */
const OWNER_TYPES: Partial<Record<string, readonly AcceptedType[]>> = { competition: ["application/pdf"] };
export const acceptedFor = (ownerType: string): readonly AcceptedType[] => OWNER_TYPES[ownerType] ?? ACCEPTED_TYPES;

export const isImage = (type: string) => type.startsWith("image/");
export const maxBytesFor = (type: AcceptedType) => (type === "application/pdf" ? ATTACHMENT_LIMITS.pdfBytes : ATTACHMENT_LIMITS.imageBytes);

const startsWith = (b: Uint8Array, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((ch) => ch.charCodeAt(0));

/** The file's real type from its first bytes (magic numbers), or null for anything not accepted. */
export function sniffType(b: Uint8Array): AcceptedType | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(b, ascii("RIFF")) && startsWith(b, ascii("WEBP"), 8)) return "image/webp";
  if (startsWith(b, ascii("%PDF-"))) return "application/pdf";
  return null;
}

export type UploadCheck = { ok: true; type: AcceptedType } | { ok: false; reason: "empty" | "type" | "size"; maxBytes?: number };

/** Type by magic bytes, then the limit for that type. */
export function checkUpload(bytes: Uint8Array): UploadCheck {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  const type = sniffType(bytes);
  if (!type) return { ok: false, reason: "type" };
  const maxBytes = maxBytesFor(type);
  if (bytes.length > maxBytes) return { ok: false, reason: "size", maxBytes };
  return { ok: true, type };
}

const EXTENSION: Record<AcceptedType, string[]> = {
  "image/jpeg": [".jpg", ".jpeg"],
  "image/png": [".png"],
  "image/webp": [".webp"],
  "application/pdf": [".pdf"],
};

// C0 and C1 controls, and the bidirectional overrides that make "gpj.exe" read as "exe.jpg".
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A name that is safe to store, show and put into Content-Disposition: the last path part only,
 * no control or bidi characters, no leading dots, at most 200 characters, and an extension that
 * matches the real type (a PNG named "x.html" is kept as "x.html.png").
 */
export function sanitiseFileName(raw: string, type: AcceptedType): string {
  const ext = EXTENSION[type];
  let name = raw.normalize("NFC").split(/[\\/]/).pop() ?? "";
  name = name.replace(UNSAFE_CHARS, "").replace(/\s+/g, " ").trim().replace(/^[.\s]+/, "");
  if (!ext.some((e) => name.toLowerCase().endsWith(e)) || name.length <= ext[0].length) {
    name = `${name || "file"}${ext[0]}`;
  }
  const max = ATTACHMENT_LIMITS.fileNameLength;
  if ([...name].length > max) {
    const dot = name.lastIndexOf(".");
    const suffix = name.slice(dot);
    // Cut by code points, so a Cyrillic or emoji name is never split inside a character.
    name = [...name.slice(0, dot)].slice(0, max - [...suffix].length).join("").trimEnd() + suffix;
  }
  return name;
}

/**
 * Content-Disposition with an ASCII fallback for old clients and the exact name in RFC 5987
 * `filename*` (UTF-8, percent-encoded), so a Russian name arrives intact and no quote or
 * semicolon in it can end the header field early.
 */
export function contentDisposition(kind: "inline" | "attachment", fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\;%]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The thumbnail's size for an image of width × height: at most `thumbWidth` wide, same proportions. */
export function thumbSize(width: number, height: number): { width: number; height: number } {
  if (width <= ATTACHMENT_LIMITS.thumbWidth) return { width, height };
  const w = ATTACHMENT_LIMITS.thumbWidth;
  return { width: w, height: Math.max(1, Math.round((height * w) / width)) };
}

/** Whether a thumbnail is worth making (and safe to decode) for an image of this size. */
export const wantsThumbnail = (width: number, height: number) => width > ATTACHMENT_LIMITS.thumbWidth && width * height <= ATTACHMENT_LIMITS.thumbMaxPixels;

/** R2 keys grouped by owner, so everything of one owner can be listed (and removed) by prefix. */
export const objectKeys = (ownerType: string, ownerId: string, id: string) => ({
  original: `${ownerType}/${ownerId}/${id}`,
  thumb: `${ownerType}/${ownerId}/${id}.thumb`,
});

/**
 * The Content-Security-Policy a stored file is served with, so that it can never act as a page of
 * ours. Images: `sandbox` (an opaque origin, no scripts) and nothing may load. PDFs: the same
 * except `sandbox`, because Chromium refuses to start its PDF viewer in a sandboxed document (the
 * person sees "blocked by Chrome"; Safari shows an empty page). A PDF still cannot run script in our
 * origin: it is only ever sent as application/pdf with nosniff (its bytes were checked to be a
 * PDF), so browsers hand it to their viewer, which runs PDF scripts isolated from the site.
 */
export function filePolicy(contentType: string): string {
  const base = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'";
  return contentType === "application/pdf" ? base : `sandbox; ${base}`;
}
