/**
 * Light and sharpness of a face crop, computed as the verifier Worker does
 * (verifier/image.ts `lumaStats`: BT.601 luma, variance of the 4-neighbour Laplacian over a
 * 224 px square crop of the face), so a photo the browser passes is judged on the same scale.
 *
 * One difference: where the square reaches past the photo's edge (a tightly cropped photo),
 * those pixels are left out instead of read as black — the edge between photo and black
 * would count as sharp detail and hide a blurred face.
 */
export const STATS_SIZE = 224;

export function lumaStats(
  rgba: Uint8ClampedArray,
  size: number,
): { luma: number; sharpness: number } {
  const g = new Float32Array(size * size);
  const inside = new Uint8Array(size * size);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < g.length; i++) {
    if ((rgba[i * 4 + 3] ?? 0) < 255) continue;
    const y =
      0.299 * (rgba[i * 4] ?? 0) + 0.587 * (rgba[i * 4 + 1] ?? 0) + 0.114 * (rgba[i * 4 + 2] ?? 0);
    g[i] = y;
    inside[i] = 1;
    sum += y;
    count++;
  }
  let n = 0;
  let s = 0;
  let s2 = 0;
  for (let y = 1; y < size - 1; y++) {
    for (let x = 1; x < size - 1; x++) {
      const i = y * size + x;
      if (!(inside[i] && inside[i - 1] && inside[i + 1] && inside[i - size] && inside[i + size]))
        continue;
      const lap =
        (g[i - 1] ?? 0) +
        (g[i + 1] ?? 0) +
        (g[i - size] ?? 0) +
        (g[i + size] ?? 0) -
        4 * (g[i] ?? 0);
      s += lap;
      s2 += lap * lap;
      n++;
    }
  }
  const mean = n ? s / n : 0;
  return { luma: count ? sum / count : 0, sharpness: n ? s2 / n - mean * mean : 0 };
}
