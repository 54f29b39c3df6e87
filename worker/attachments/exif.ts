import { exifOrientation } from "./image-info";

/**
 * Removes metadata from a JPEG before it is stored: EXIF and XMP (APP1: GPS position, camera
 * serial number, time taken, often a preview of the uncropped photo), IPTC/Photoshop blocks and
 * comments. A photo of a courtyard should not tell everyone where its author lives.
 *
 * Kept: the image data and tables, JFIF (APP0), the colour profile (APP2 ICC) and Adobe (APP14,
 * which says how to read CMYK colours). The EXIF orientation is the one fact a viewer needs, so a
 * photo taken with the phone on its side is re-tagged with a minimal EXIF block holding only it.
 *
 * Returns null when the segment structure is broken (the caller refuses the file).
 */
export function stripJpegMetadata(b: Uint8Array): { bytes: Uint8Array; orientation: number; removed: number } | null {
  if (!(b[0] === 0xff && b[1] === 0xd8)) return null;
  const kept: Uint8Array[] = [b.subarray(0, 2)];
  let orientation = 1;
  let removed = 0;
  let i = 2;
  for (;;) {
    if (i + 2 > b.length || b[i] !== 0xff) return null;
    const m = b[i + 1];
    if (m === 0xff) {
      i++;
      continue;
    }
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      kept.push(b.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (m === 0xd9) {
      kept.push(b.subarray(i, i + 2));
      break;
    }
    if (i + 4 > b.length) return null;
    const len = (b[i + 2] << 8) | b[i + 3];
    if (len < 2 || i + 2 + len > b.length) return null;
    const segment = b.subarray(i, i + 2 + len);
    if (m === 0xda) {
      // Start of scan: everything from here is entropy-coded data (and later segments of
      // progressive scans); metadata segments never follow it in practice. Copied as it is.
      kept.push(b.subarray(i));
      break;
    }
    const isMeta = (m >= 0xe1 && m <= 0xef && m !== 0xe2 && m !== 0xee) || m === 0xfe;
    if (m === 0xe1) orientation = exifOrientation(segment.subarray(4)) ?? orientation;
    if (isMeta) removed++;
    else kept.push(segment);
    i += 2 + len;
  }
  if (orientation !== 1) {
    // After SOI and a JFIF APP0 if there is one (APP0 must come first to be recognised).
    const at = kept.length > 1 && kept[1][1] === 0xe0 ? 2 : 1;
    kept.splice(at, 0, orientationSegment(orientation));
  }
  const total = kept.reduce((n, s) => n + s.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const s of kept) {
    out.set(s, o);
    o += s.length;
  }
  return { bytes: out, orientation, removed };
}

/** An APP1 EXIF segment holding nothing but IFD0 with one Orientation entry (big-endian TIFF). */
export function orientationSegment(orientation: number): Uint8Array {
  return new Uint8Array([
    0xff, 0xe1, 0x00, 0x22, // APP1, length 34
    0x45, 0x78, 0x69, 0x66, 0x00, 0x00, // "Exif\0\0"
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // "MM", 42, IFD0 at 8
    0x00, 0x01, // one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, // Orientation, SHORT, 1, value
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ]);
}
