import { convertIndexedToRgb, decode as decodePngFile } from 'fast-png';
import jpeg from 'jpeg-js';

/** An image as 8-bit RGB, row-major, 3 bytes a pixel. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The largest image the verifier decodes (pixels): a camera frame, not a poster. */
export const MAX_PIXELS = 4096 * 4096;

/** Decodes a JPEG or PNG file (by its signature) to RGB; throws `unsupported_image` otherwise. */
export function decodeImage(bytes: ArrayBuffer | Uint8Array): RgbImage {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (u8[0] === 0xff && u8[1] === 0xd8) {
    const img = jpeg.decode(u8, {
      useTArray: true,
      formatAsRGBA: false,
      maxResolutionInMP: MAX_PIXELS / 1e6,
      maxMemoryUsageInMB: 256,
    });
    return { width: img.width, height: img.height, data: img.data };
  }
  if (u8[0] === 0x89 && u8[1] === 0x50 && u8[2] === 0x4e && u8[3] === 0x47) {
    return pngToRgb(u8);
  }
  throw new Error('unsupported_image');
}

function pngToRgb(u8: Uint8Array): RgbImage {
  const png = decodePngFile(u8);
  const { width, height } = png;
  if (width * height > MAX_PIXELS) throw new Error('unsupported_image');
  let src: ArrayLike<number> = png.data;
  let channels = png.channels;
  let depth = png.depth;
  if (png.palette) {
    src = convertIndexedToRgb(png);
    channels = png.palette[0]?.length ?? 3;
    depth = 8;
  }
  const shift = depth === 16 ? 8 : 0;
  const out = new Uint8Array(width * height * 3);
  for (let i = 0, n = width * height; i < n; i++) {
    const o = i * 3;
    const s = i * channels;
    if (channels >= 3) {
      out[o] = (src[s] ?? 0) >> shift;
      out[o + 1] = (src[s + 1] ?? 0) >> shift;
      out[o + 2] = (src[s + 2] ?? 0) >> shift;
    } else {
      const g = (src[s] ?? 0) >> shift;
      out[o] = g;
      out[o + 1] = g;
      out[o + 2] = g;
    }
  }
  return { width, height, data: out };
}

/**
 * Samples a `size`×`size` RGB square from `img` (bilinear): centred on (cx, cy), `side` source
 * pixels wide, rotated by `angle` (radians) so that a line at that angle comes out horizontal.
 * Outside the image reads as black.
 */
export function cropRotated(
  img: RgbImage,
  cx: number,
  cy: number,
  side: number,
  angle: number,
  size: number,
): Float32Array {
  const out = new Float32Array(size * size * 3);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const step = side / size;
  const { width: w, height: h, data } = img;
  for (let v = 0; v < size; v++) {
    const dy = (v + 0.5 - size / 2) * step;
    for (let u = 0; u < size; u++) {
      const dx = (u + 0.5 - size / 2) * step;
      const x = cx + dx * cos - dy * sin - 0.5;
      const y = cy + dx * sin + dy * cos - 0.5;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const fx = x - x0;
      const fy = y - y0;
      const o = (v * size + u) * 3;
      for (let c = 0; c < 3; c++) {
        const p = (xx: number, yy: number) =>
          xx < 0 || yy < 0 || xx >= w || yy >= h ? 0 : (data[(yy * w + xx) * 3 + c] ?? 0);
        const top = p(x0, y0) * (1 - fx) + p(x0 + 1, y0) * fx;
        const bottom = p(x0, y0 + 1) * (1 - fx) + p(x0 + 1, y0 + 1) * fx;
        out[o + c] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return out;
}

/** Mean luminance (0–255) and variance of the 4-neighbour Laplacian of an RGB float square. */
export function lumaStats(rgb: Float32Array, size: number): { luma: number; laplacianVar: number } {
  const g = new Float32Array(size * size);
  let sum = 0;
  for (let i = 0; i < g.length; i++) {
    const y =
      0.299 * (rgb[i * 3] ?? 0) + 0.587 * (rgb[i * 3 + 1] ?? 0) + 0.114 * (rgb[i * 3 + 2] ?? 0);
    g[i] = y;
    sum += y;
  }
  let n = 0;
  let s = 0;
  let s2 = 0;
  for (let y = 1; y < size - 1; y++) {
    for (let x = 1; x < size - 1; x++) {
      const i = y * size + x;
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
  const mean = s / n;
  return { luma: sum / g.length, laplacianVar: s2 / n - mean * mean };
}
