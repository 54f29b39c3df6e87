import { PhotonImage } from "@cf-wasm/photon";
import { env } from "cloudflare:workers";
import type { Browser } from "./client";
import { db } from "./fixtures";

/**
 * Test material for attachments: proposals written straight into D1 (the proposals service is
 * its own module; these tests are about files) and real images encoded in the test by the same
 * wasm library the worker uses, so no binary fixtures live in the repository.
 */
export const files = (env as any).FILES as R2Bucket;

export async function createProposal(opts: { organiserId: string; authorId: string; status?: string; hidden?: boolean }) {
  const id = crypto.randomUUID();
  const now = Date.now();
  await db
    .prepare("INSERT INTO proposals (id, organiser_id, author_id, status, hidden_at, title, created_at, updated_at, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
    .bind(id, opts.organiserId, opts.authorId, opts.status ?? "draft", opts.hidden ? now : null, "Скамейки во дворе", now, now, opts.status === "published" ? now : null)
    .run();
  return id;
}

export const setStatus = (proposalId: string, status: string) => db.prepare("UPDATE proposals SET status = ? WHERE id = ?").bind(status, proposalId).run();

/** A noisy picture (so that it does not compress to nothing), `w` × `h`, with an optional alpha ramp. */
function pixels(w: number, h: number, alpha = false) {
  const raw = new Uint8Array(w * h * 4);
  let seed = 12345;
  for (let i = 0; i < raw.length; i += 4) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const x = (i / 4) % w;
    raw[i] = (x * 255) / w;
    raw[i + 1] = seed & 255;
    raw[i + 2] = (seed >> 8) & 255;
    raw[i + 3] = alpha ? (x * 255) / w : 255;
  }
  return raw;
}

function encode(w: number, h: number, out: (img: PhotonImage) => Uint8Array, alpha = false) {
  const img = new PhotonImage(pixels(w, h, alpha), w, h);
  try {
    return out(img);
  } finally {
    img.free();
  }
}

export const makeJpeg = (w: number, h: number, quality = 90) => encode(w, h, (i) => i.get_bytes_jpeg(quality));
export const makePng = (w: number, h: number) => encode(w, h, (i) => i.get_bytes(), true);
export const makeWebp = (w: number, h: number) => encode(w, h, (i) => i.get_bytes_webp());

/** A small but real PDF (a page with one line of text). */
export function makePdf(padTo = 0) {
  const body = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;
  const bytes = new TextEncoder().encode(body);
  if (padTo <= bytes.length) return bytes;
  const out = new Uint8Array(padTo);
  out.set(bytes);
  out.fill(0x20, bytes.length); // trailing spaces: still the same PDF
  return out;
}

/**
 * An APP1 EXIF segment with the given orientation and a GPS IFD (latitude 55°45′N — the kind of
 * thing that must not be published), little-endian like most phones write it.
 */
export function exifWithGps(orientation = 1): Uint8Array {
  const tiff: number[] = [];
  const u16 = (v: number) => tiff.push(v & 255, (v >> 8) & 255);
  const u32 = (v: number) => tiff.push(v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >>> 24) & 255);
  tiff.push(0x49, 0x49); u16(42); u32(8); // "II", 42, IFD0 at 8
  u16(2); // IFD0: two entries
  u16(0x0112); u16(3); u32(1); u16(orientation); u16(0); // Orientation
  u16(0x8825); u16(4); u32(1); u32(38); // GPS IFD pointer → 38
  u32(0); // no next IFD
  // GPS IFD at 38: GPSLatitudeRef 'N', GPSLatitude (3 rationals at 68)
  u16(2);
  u16(0x0001); u16(2); u32(2); tiff.push(0x4e, 0, 0, 0);
  u16(0x0002); u16(5); u32(3); u32(68);
  u32(0);
  for (const [n, d] of [[55, 1], [45, 1], [21, 1]]) { u32(n); u32(d); }
  const payload = [...new TextEncoder().encode("Exif\0\0"), ...tiff];
  const len = payload.length + 2;
  return new Uint8Array([0xff, 0xe1, len >> 8, len & 255, ...payload]);
}

/** Puts a segment right after SOI (and after APP0 if present), as cameras place EXIF. */
export function insertSegment(jpeg: Uint8Array, segment: Uint8Array) {
  let at = 2;
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) at = 4 + ((jpeg[4] << 8) | jpeg[5]);
  const out = new Uint8Array(jpeg.length + segment.length);
  out.set(jpeg.subarray(0, at));
  out.set(segment, at);
  out.set(jpeg.subarray(at), at + segment.length);
  return out;
}

export const containsBytes = (hay: Uint8Array, needle: Uint8Array | string) => {
  const n = typeof needle === "string" ? new TextEncoder().encode(needle) : needle;
  outer: for (let i = 0; i + n.length <= hay.length; i++) {
    for (let k = 0; k < n.length; k++) if (hay[i + k] !== n[k]) continue outer;
    return true;
  }
  return false;
};

/** Multipart upload through the API, as a script would send it. */
export async function upload(b: Browser, ownerId: string, bytes: Uint8Array, name: string, declaredType = "application/octet-stream", ownerType = "proposal") {
  const form = new FormData();
  form.set("ownerType", ownerType);
  form.set("ownerId", ownerId);
  form.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type: declaredType }));
  return b.api("/attachments", { method: "POST", body: form });
}

/** The same through the page form (multipart with _csrf and next), as a browser without JS sends it. */
export async function uploadForm(b: Browser, ownerId: string, bytes: Uint8Array, name: string, next: string) {
  const form = new FormData();
  form.set("_csrf", await b.csrfToken());
  form.set("ownerType", "proposal");
  form.set("ownerId", ownerId);
  form.set("next", next);
  form.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type: "image/jpeg" }));
  return b.fetch("/attachments", { method: "POST", body: form, csrf: false });
}

/** All R2 keys under an owner's prefix. */
export async function objectsOf(ownerId: string, ownerType = "proposal") {
  const listed = await files.list({ prefix: `${ownerType}/${ownerId}/` });
  return listed.objects.map((o) => o.key).sort();
}
