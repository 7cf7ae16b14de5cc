import { convertIndexedToRgb, decode as decodePngFile } from 'fast-png';
import jpeg from 'jpeg-js';
import { laplacianVariance, luma601 } from '../schemas/face-image-stats';
import { jpegFrameWithin, pngPlan } from './image-guard';

/** An image as 8-bit RGB, row-major, 3 bytes a pixel. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * The largest image the verifier decodes (pixels): 1920×1080. jpeg-js holds ~20 bytes a pixel
 * while decoding (measured: a 5.2 MP JPEG passed 100 MB), and the isolate has 128 MB. A client
 * should send ≤ 1280 px frames.
 */
export const MAX_PIXELS = 1920 * 1080;

/** Decodes a JPEG or PNG file (by its signature) to RGB; throws `unsupported_image` otherwise. */
export function decodeImage(
  bytes: ArrayBuffer | Uint8Array,
  maxPixels: number = MAX_PIXELS,
): RgbImage {
  // A damaged file (a truncated upload, tampered bytes) is a bad image, not a verifier failure.
  try {
    return decodeKnownFormat(bytes, maxPixels);
  } catch {
    throw new Error('unsupported_image');
  }
}

function decodeKnownFormat(bytes: ArrayBuffer | Uint8Array, maxPixels: number): RgbImage {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (u8[0] === 0xff && u8[1] === 0xd8) {
    const size = jpegSize(u8);
    if (!size || size.width * size.height > maxPixels || !jpegFrameWithin(u8, maxPixels))
      throw new Error('unsupported_image');
    const img = jpeg.decode(u8, {
      useTArray: true,
      formatAsRGBA: false,
      maxResolutionInMP: maxPixels / 1e6,
      maxMemoryUsageInMB: Math.ceil((maxPixels * 24) / 2 ** 20),
    });
    return { width: img.width, height: img.height, data: img.data };
  }
  if (u8[0] === 0x89 && u8[1] === 0x50 && u8[2] === 0x4e && u8[3] === 0x47) {
    return pngToRgb(u8, maxPixels);
  }
  throw new Error('unsupported_image');
}

/** Width and height from a JPEG's first start-of-frame marker; null when there is none. */
function jpegSize(u8: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < u8.length) {
    if (u8[i] !== 0xff) return null;
    const marker = u8[i + 1] ?? 0;
    const length = ((u8[i + 2] ?? 0) << 8) | (u8[i + 3] ?? 0);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return {
        height: ((u8[i + 5] ?? 0) << 8) | (u8[i + 6] ?? 0),
        width: ((u8[i + 7] ?? 0) << 8) | (u8[i + 8] ?? 0),
      };
    i += 2 + length;
  }
  return null;
}

function pngToRgb(u8: Uint8Array, maxPixels: number): RgbImage {
  // IHDR, the first chunk: width and height at bytes 16–23, checked before inflating.
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  if (u8.length < 24 || view.getUint32(16) * view.getUint32(20) > maxPixels)
    throw new Error('unsupported_image');
  // The chunk walk (one IHDR, first; no compressed metadata). The inflated size is checked
  // before this, asynchronously (imageSafeToDecode), by whoever receives the upload.
  if (!pngPlan(u8, maxPixels)) throw new Error('unsupported_image');
  const png = decodePngFile(u8);
  const { width, height } = png;
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
      // The four neighbours' offsets, -1 when outside the image (reads as black).
      const inX0 = x0 >= 0 && x0 < w;
      const inX1 = x0 + 1 >= 0 && x0 + 1 < w;
      const inY0 = y0 >= 0 && y0 < h;
      const inY1 = y0 + 1 >= 0 && y0 + 1 < h;
      const i00 = inX0 && inY0 ? (y0 * w + x0) * 3 : -1;
      const i10 = inX1 && inY0 ? (y0 * w + x0 + 1) * 3 : -1;
      const i01 = inX0 && inY1 ? ((y0 + 1) * w + x0) * 3 : -1;
      const i11 = inX1 && inY1 ? ((y0 + 1) * w + x0 + 1) * 3 : -1;
      const w00 = (1 - fx) * (1 - fy);
      const w10 = fx * (1 - fy);
      const w01 = (1 - fx) * fy;
      const w11 = fx * fy;
      for (let c = 0; c < 3; c++) {
        out[o + c] =
          (i00 < 0 ? 0 : (data[i00 + c] ?? 0) * w00) +
          (i10 < 0 ? 0 : (data[i10 + c] ?? 0) * w10) +
          (i01 < 0 ? 0 : (data[i01 + c] ?? 0) * w01) +
          (i11 < 0 ? 0 : (data[i11 + c] ?? 0) * w11);
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
    const y = luma601(rgb[i * 3] ?? 0, rgb[i * 3 + 1] ?? 0, rgb[i * 3 + 2] ?? 0);
    g[i] = y;
    sum += y;
  }
  return { luma: sum / g.length, laplacianVar: laplacianVariance(g, size) };
}
