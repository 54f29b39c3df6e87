import type { AcceptedType } from "./rules";

/**
 * Width and height of an image read from its headers alone (no decoding), so a page can reserve
 * the image's space before it loads and a decompression bomb is recognised before anyone decodes
 * it. `width`/`height` are as displayed: a JPEG whose EXIF orientation turns it on its side has
 * them swapped. `orientation` is the EXIF value (1 = as stored).
 */
export interface ImageInfo {
  width: number;
  height: number;
  orientation: number;
  hasAlpha: boolean;
}

const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u32be = (b: Uint8Array, i: number) => ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
const u16le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u24le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const tag = (b: Uint8Array, i: number, s: string) => [...s].every((ch, k) => b[i + k] === ch.charCodeAt(0));

export function imageInfo(b: Uint8Array, type: AcceptedType): ImageInfo | null {
  const info = type === "image/jpeg" ? jpegInfo(b) : type === "image/png" ? pngInfo(b) : type === "image/webp" ? webpInfo(b) : null;
  if (!info || info.width < 1 || info.height < 1) return null;
  return info;
}

/** Markers that start a frame (SOF0–SOF15 except DHT C4, JPG C8, DAC CC): they carry the size. */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function jpegInfo(b: Uint8Array): ImageInfo | null {
  let i = 2;
  let orientation = 1;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const m = b[i + 1];
    if (m === 0xff) {
      i++; // fill byte
      continue;
    }
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      i += 2; // markers without a length
      continue;
    }
    const len = u16be(b, i + 2);
    if (len < 2 || i + 2 + len > b.length) return null;
    if (m === 0xe1) orientation = exifOrientation(b.subarray(i + 4, i + 2 + len)) ?? orientation;
    if (isSof(m)) {
      if (len < 7) return null;
      const height = u16be(b, i + 5);
      const width = u16be(b, i + 7);
      const swap = orientation >= 5 && orientation <= 8;
      return { width: swap ? height : width, height: swap ? width : height, orientation, hasAlpha: false };
    }
    if (m === 0xda) return null; // scan data before any frame header: not a JPEG we can show
    i += 2 + len;
  }
  return null;
}

/** The Orientation tag (0x0112) of IFD0 in an APP1 "Exif" payload, or null. */
export function exifOrientation(p: Uint8Array): number | null {
  if (p.length < 14 || !tag(p, 0, "Exif\0\0")) return null;
  const t = 6;
  const le = p[t] === 0x49 && p[t + 1] === 0x49; // "II" little-endian, "MM" big-endian
  if (!le && !(p[t] === 0x4d && p[t + 1] === 0x4d)) return null;
  const r16 = (i: number) => (le ? p[i] | (p[i + 1] << 8) : (p[i] << 8) | p[i + 1]);
  const r32 = (i: number) => (le ? (p[i] | (p[i + 1] << 8) | (p[i + 2] << 16) | (p[i + 3] << 24)) >>> 0 : u32be(p, i));
  const ifd = t + r32(t + 4);
  if (ifd + 2 > p.length) return null;
  const n = r16(ifd);
  for (let k = 0; k < n; k++) {
    const e = ifd + 2 + k * 12;
    if (e + 12 > p.length) return null;
    if (r16(e) === 0x0112) {
      const v = r16(e + 8);
      return v >= 1 && v <= 8 ? v : null;
    }
  }
  return null;
}

function pngInfo(b: Uint8Array): ImageInfo | null {
  if (b.length < 33 || !tag(b, 12, "IHDR")) return null;
  const width = u32be(b, 16);
  const height = u32be(b, 20);
  const colourType = b[25];
  // Alpha channel (grey+alpha, RGBA) or a tRNS chunk (transparency of palette or key colour) before the data.
  let hasAlpha = colourType === 4 || colourType === 6;
  let i = 8;
  while (!hasAlpha && i + 8 <= b.length) {
    const len = u32be(b, i);
    if (tag(b, i + 4, "tRNS")) hasAlpha = true;
    if (tag(b, i + 4, "IDAT")) break;
    i += 12 + len;
  }
  return { width, height, orientation: 1, hasAlpha };
}

function webpInfo(b: Uint8Array): ImageInfo | null {
  if (b.length < 30) return null;
  if (tag(b, 12, "VP8 ")) {
    // Lossy: a key frame starts with the start code 9d 01 2a, then 14-bit width and height.
    if (!(b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a)) return null;
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff, orientation: 1, hasAlpha: false };
  }
  if (tag(b, 12, "VP8L")) {
    if (b[20] !== 0x2f) return null;
    const bits = (b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24)) >>> 0;
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, orientation: 1, hasAlpha: ((bits >>> 28) & 1) === 1 };
  }
  if (tag(b, 12, "VP8X")) {
    return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1, orientation: 1, hasAlpha: (b[20] & 0x10) !== 0 };
  }
  return null;
}
