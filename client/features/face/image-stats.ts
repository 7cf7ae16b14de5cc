import { laplacianVariance, luma601 } from '../../../schemas/face-image-stats';

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
    const y = luma601(rgba[i * 4] ?? 0, rgba[i * 4 + 1] ?? 0, rgba[i * 4 + 2] ?? 0);
    g[i] = y;
    inside[i] = 1;
    sum += y;
    count++;
  }
  return { luma: count ? sum / count : 0, sharpness: laplacianVariance(g, size, inside) };
}
