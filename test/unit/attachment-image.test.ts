import { describe, expect, it } from "vitest";
import { stripJpegMetadata } from "../../worker/attachments/exif";
import { exifOrientation, imageInfo } from "../../worker/attachments/image-info";
import { orientPixels } from "../../worker/attachments/orientation";
import { containsBytes, exifWithGps, insertSegment, makeJpeg, makePng, makeWebp } from "../worker/attachment-fixtures";

describe("image size from headers", () => {
  it("JPEG, PNG (with alpha), WebP", () => {
    expect(imageInfo(makeJpeg(640, 427), "image/jpeg")).toEqual({ width: 640, height: 427, orientation: 1, hasAlpha: false });
    expect(imageInfo(makePng(33, 17), "image/png")).toEqual({ width: 33, height: 17, orientation: 1, hasAlpha: true });
    expect(imageInfo(makeWebp(300, 200), "image/webp")).toMatchObject({ width: 300, height: 200 });
  });

  it("WebP lossy (VP8) and extended (VP8X) headers", () => {
    const vp8 = new Uint8Array(30);
    vp8.set([..."RIFF"].map((c) => c.charCodeAt(0)));
    vp8.set([..."WEBPVP8 "].map((c) => c.charCodeAt(0)), 8);
    vp8.set([0x9d, 0x01, 0x2a, 0x80, 0x07, 0x38, 0x04], 23); // 1920 × 1080
    expect(imageInfo(vp8, "image/webp")).toEqual({ width: 1920, height: 1080, orientation: 1, hasAlpha: false });
    const vp8x = new Uint8Array(30);
    vp8x.set([..."RIFF"].map((c) => c.charCodeAt(0)));
    vp8x.set([..."WEBPVP8X"].map((c) => c.charCodeAt(0)), 8);
    vp8x.set([0x10, 0, 0, 0, 0xff, 0x0f, 0, 0x37, 0x04, 0], 20); // alpha, 4096 × 1080
    expect(imageInfo(vp8x, "image/webp")).toEqual({ width: 4096, height: 1080, orientation: 1, hasAlpha: true });
  });

  it("a photo taken on its side reports its displayed size", () => {
    const sideways = insertSegment(makeJpeg(64, 48), exifWithGps(6));
    expect(imageInfo(sideways, "image/jpeg")).toEqual({ width: 48, height: 64, orientation: 6, hasAlpha: false });
  });

  it("truncated or garbage headers give null, never a wrong size", () => {
    const jpeg = makeJpeg(64, 48);
    expect(imageInfo(jpeg.subarray(0, 20), "image/jpeg")).toBeNull();
    expect(imageInfo(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 4, 0, 0]), "image/jpeg")).toBeNull();
    expect(imageInfo(makePng(10, 10).subarray(0, 20), "image/png")).toBeNull();
    expect(imageInfo(new Uint8Array(40), "image/webp")).toBeNull();
  });
});

describe("JPEG metadata stripping", () => {
  it("removes EXIF with the GPS position, keeps the picture decodable and its size", () => {
    const original = makeJpeg(64, 48);
    const withGps = insertSegment(original, exifWithGps(1));
    expect(containsBytes(withGps, "Exif")).toBe(true);
    const r = stripJpegMetadata(withGps)!;
    expect(r.removed).toBe(1);
    expect(containsBytes(r.bytes, "Exif")).toBe(false);
    expect(r.bytes.length).toBe(original.length);
    expect([...r.bytes]).toEqual([...original]);
    expect(imageInfo(r.bytes, "image/jpeg")).toMatchObject({ width: 64, height: 48 });
  });

  it("removes XMP, IPTC and comments; keeps JFIF and the ICC colour profile", () => {
    const seg = (marker: number, text: string) => {
      const p = new TextEncoder().encode(text);
      return new Uint8Array([0xff, marker, (p.length + 2) >> 8, (p.length + 2) & 255, ...p]);
    };
    let jpeg = makeJpeg(32, 32);
    jpeg = insertSegment(jpeg, seg(0xe2, "ICC_PROFILE\0colours"));
    jpeg = insertSegment(jpeg, seg(0xe1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Москва</x:xmpmeta>"));
    jpeg = insertSegment(jpeg, seg(0xed, "Photoshop 3.0\0IPTC author"));
    jpeg = insertSegment(jpeg, seg(0xfe, "taken at home, flat 12"));
    const r = stripJpegMetadata(jpeg)!;
    expect(r.removed).toBe(3);
    for (const gone of ["xmpmeta", "IPTC", "flat 12"]) expect(containsBytes(r.bytes, gone)).toBe(false);
    expect(containsBytes(r.bytes, "ICC_PROFILE")).toBe(true);
    expect(containsBytes(r.bytes, "JFIF")).toBe(containsBytes(jpeg, "JFIF"));
  });

  it("keeps only the orientation of a photo taken on its side", () => {
    const r = stripJpegMetadata(insertSegment(makeJpeg(64, 48), exifWithGps(6)))!;
    expect(r.orientation).toBe(6);
    expect(containsBytes(r.bytes, new Uint8Array([55, 0, 0, 0, 1, 0, 0, 0, 45]))).toBe(false); // the latitude rationals
    const app1 = r.bytes.findIndex((b, i) => b === 0xff && r.bytes[i + 1] === 0xe1);
    expect(exifOrientation(r.bytes.subarray(app1 + 4, app1 + 2 + ((r.bytes[app1 + 2] << 8) | r.bytes[app1 + 3])))).toBe(6);
    expect(imageInfo(r.bytes, "image/jpeg")).toMatchObject({ width: 48, height: 64, orientation: 6 });
  });

  it("refuses a broken segment structure", () => {
    const jpeg = makeJpeg(16, 16);
    expect(stripJpegMetadata(jpeg.subarray(0, 30))).toBeNull();
    expect(stripJpegMetadata(new Uint8Array([0xff, 0xd8, 0x00, 0x00]))).toBeNull();
    expect(stripJpegMetadata(new Uint8Array([0x89, 0x50]))).toBeNull();
  });
});

describe("orientation of thumbnail pixels", () => {
  // A 2 × 1 picture: pixel A (value 1) left of pixel B (value 2).
  const src = new Uint8Array([1, 1, 1, 255, 2, 2, 2, 255]);
  const first = (p: Uint8Array) => [...p].filter((_, i) => i % 4 === 0);
  it.each([
    [1, 2, 1, [1, 2]],
    [2, 2, 1, [2, 1]],
    [3, 2, 1, [2, 1]],
    [6, 1, 2, [1, 2]], // a quarter turn clockwise: A ends on top
    [8, 1, 2, [2, 1]], // anticlockwise: B on top
    [5, 1, 2, [1, 2]],
    [7, 1, 2, [2, 1]],
  ])("orientation %i", (o, w, h, order) => {
    const r = orientPixels(src, 2, 1, o);
    expect([r.width, r.height]).toEqual([w, h]);
    expect(first(r.pixels)).toEqual(order);
  });
});
