/**
 * Turns RGBA pixels stored in EXIF orientation `o` into the picture as it is meant to be seen
 * (the thumbnail carries no EXIF, so it must be upright itself). Pure; works on small images
 * only (it runs on the already downscaled thumbnail).
 */
export function orientPixels(src: Uint8Array, w: number, h: number, o: number): { pixels: Uint8Array; width: number; height: number } {
  if (o < 2 || o > 8) return { pixels: src, width: w, height: h };
  const swap = o >= 5;
  const W = swap ? h : w;
  const H = swap ? w : h;
  const out = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      // For each displayed pixel, where it is in the stored picture.
      let sx: number, sy: number;
      switch (o) {
        case 2: sx = w - 1 - x; sy = y; break; // mirrored
        case 3: sx = w - 1 - x; sy = h - 1 - y; break; // upside down
        case 4: sx = x; sy = h - 1 - y; break; // mirrored vertically
        case 5: sx = y; sy = x; break; // transposed
        case 6: sx = y; sy = h - 1 - x; break; // needs a quarter turn clockwise
        case 7: sx = w - 1 - y; sy = h - 1 - x; break; // transversed
        default: sx = w - 1 - y; sy = x; break; // 8: a quarter turn anticlockwise
      }
      const s = (sy * w + sx) * 4;
      out.set(src.subarray(s, s + 4), (y * W + x) * 4);
    }
  }
  return { pixels: out, width: W, height: H };
}
