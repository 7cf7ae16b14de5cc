/**
 * Sharpness of a face crop as both sides judge it (the verifier Worker and the browser's
 * check), so a photo the browser passes is measured on the server's scale: the variance of the
 * 4-neighbour Laplacian of its BT.601 luma.
 */

/** BT.601 luma of an RGB triple. */
export const luma601 = (r: number, g: number, b: number): number =>
  0.299 * r + 0.587 * g + 0.114 * b;

/**
 * Variance of the 4-neighbour Laplacian over a `size`×`size` grey square. With `inside`, only
 * pixels whose four neighbours are all inside count (the browser leaves out what lies past a
 * tightly cropped photo's edge, which would read as sharp detail).
 */
export function laplacianVariance(gray: Float32Array, size: number, inside?: Uint8Array): number {
  let n = 0;
  let s = 0;
  let s2 = 0;
  for (let y = 1; y < size - 1; y++) {
    for (let x = 1; x < size - 1; x++) {
      const i = y * size + x;
      if (
        inside &&
        !(inside[i] && inside[i - 1] && inside[i + 1] && inside[i - size] && inside[i + size])
      )
        continue;
      const lap =
        (gray[i - 1] ?? 0) +
        (gray[i + 1] ?? 0) +
        (gray[i - size] ?? 0) +
        (gray[i + size] ?? 0) -
        4 * (gray[i] ?? 0);
      s += lap;
      s2 += lap * lap;
      n++;
    }
  }
  if (n === 0) return 0;
  const mean = s / n;
  return s2 / n - mean * mean;
}
