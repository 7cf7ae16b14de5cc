/**
 * What an uploaded image must prove before any decoder sees it: its declared size is the size it
 * decodes to. Decoders trust the first header they meet and inflate whatever they are given, so
 * a small file could otherwise make the verifier allocate gigabytes (a second, larger JPEG frame
 * header behind a 1×1 one; a PNG whose compressed data inflates far past its declared size; a
 * compressed colour profile). Anything that does not prove it is `unsupported_image`.
 */

/** A camera frame is baseline (one scan); progressive files use about ten. */
const MAX_JPEG_SCANS = 32;

const SOF_MARKERS = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);

/**
 * Every JPEG frame header in the file, found by walking its segments (a segment's payload —
 * an EXIF thumbnail with its own frame header, say — is skipped by its length) and, after each
 * start of scan, the entropy-coded data up to the next marker (0xFF is stuffed with 0x00 there,
 * and RSTn markers belong to the scan): exactly one frame, within `maxPixels`.
 */
export function jpegFrameWithin(u8: Uint8Array, maxPixels: number): boolean {
  let frames = 0;
  let scans = 0;
  let i = 2;
  while (i + 3 < u8.length) {
    if (u8[i] !== 0xff) return false;
    const marker = u8[i + 1] ?? 0;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd9) break; // end of image
    const length = ((u8[i + 2] ?? 0) << 8) | (u8[i + 3] ?? 0);
    if (length < 2 || i + 2 + length > u8.length) return false;
    if (SOF_MARKERS.has(marker)) {
      frames++;
      const height = ((u8[i + 5] ?? 0) << 8) | (u8[i + 6] ?? 0);
      const width = ((u8[i + 7] ?? 0) << 8) | (u8[i + 8] ?? 0);
      if (frames > 1 || width === 0 || height === 0 || width * height > maxPixels) return false;
    }
    i += 2 + length;
    // Each scan is decoded over the whole frame: thousands of empty ones cost seconds of CPU.
    if (marker === 0xda && ++scans > MAX_JPEG_SCANS) return false;
    if (marker === 0xda) {
      // Entropy-coded data: skip to the next marker that is neither stuffing nor a restart.
      while (i + 1 < u8.length) {
        const next = u8[i + 1] ?? 0;
        if (u8[i] === 0xff && next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) break;
        i++;
      }
    }
  }
  return frames === 1;
}

const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Chunks whose content is itself compressed: refused, nothing here needs them. */
const COMPRESSED_CHUNKS = new Set(['iCCP', 'zTXt', 'iTXt']);

export interface PngPlan {
  /** The IDAT chunks' data, in order (the zlib stream). */
  idat: Uint8Array[];
  /** The most bytes the image's rows can inflate to (filter bytes and interlacing included). */
  maxInflated: number;
}

/**
 * The PNG's chunks, walked: IHDR first and only once, within `maxPixels`, no compressed
 * metadata, chunk lengths inside the file. Null when any of it fails.
 */
export function pngPlan(u8: Uint8Array, maxPixels: number): PngPlan | null {
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  let at = 8;
  let header: { width: number; height: number; bytesPerRow: number } | null = null;
  const idat: Uint8Array[] = [];
  while (at + 8 <= u8.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...u8.subarray(at + 4, at + 8));
    const start = at + 8;
    if (length > u8.length - start - 4) return null;
    if (type === 'IHDR') {
      if (header || at !== 8 || length !== 13) return null;
      const width = view.getUint32(start);
      const height = view.getUint32(start + 4);
      const depth = u8[start + 8] ?? 0;
      const channels = PNG_CHANNELS[u8[start + 9] ?? -1];
      if (!channels || width === 0 || height === 0 || width * height > maxPixels) return null;
      header = { width, height, bytesPerRow: Math.ceil((width * channels * depth) / 8) };
    } else if (!header) {
      return null;
    } else if (COMPRESSED_CHUNKS.has(type)) {
      return null;
    } else if (type === 'IDAT') {
      idat.push(u8.subarray(start, start + length));
    } else if (type === 'IEND') {
      break;
    }
    at = start + length + 4;
  }
  if (!header || idat.length === 0) return null;
  // Adam7 passes add at most 7 short rows' filter bytes per image row; a little slack besides.
  const maxInflated = header.height * (header.bytesPerRow + 1) + 8 * header.height + 64;
  return { idat, maxInflated };
}

/** Compressed bytes fed to the inflater at a time: deflate expands at most ~1032:1. */
const INFLATE_SLICE = 1024;

/**
 * Whether the zlib stream inflates to at most `limit` bytes. The compressed data goes in by
 * small slices, and the output is counted as it comes: a bomb is stopped within about a
 * megabyte past the limit, never inflated whole (a 1 MB file may hold a gigabyte).
 */
export async function inflatesWithin(chunks: Uint8Array[], limit: number): Promise<boolean> {
  const inflater = new DecompressionStream('deflate');
  const writer = inflater.writable.getWriter();
  const reader = inflater.readable.getReader();
  let over = false;
  const counted = (async () => {
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      total += value.byteLength;
      if (total > limit) {
        over = true;
        await reader.cancel().catch(() => undefined);
        return false;
      }
    }
  })().catch(() => false);
  try {
    for (const chunk of chunks) {
      for (let at = 0; at < chunk.byteLength && !over; at += INFLATE_SLICE) {
        await writer.write(chunk.subarray(at, at + INFLATE_SLICE) as Uint8Array<ArrayBuffer>);
      }
    }
    if (!over) await writer.close();
  } catch {
    // The reader gave up (over the limit) or the data is not a zlib stream.
  }
  if (over) await writer.abort().catch(() => undefined);
  return (await counted) && !over;
}

/** The checks before decoding: sync for JPEG, the PNG's inflated size streamed. */
export async function imageSafeToDecode(
  bytes: ArrayBuffer | Uint8Array,
  maxPixels: number,
): Promise<boolean> {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (u8[0] === 0xff && u8[1] === 0xd8) return jpegFrameWithin(u8, maxPixels);
  if (u8[0] === 0x89 && u8[1] === 0x50 && u8[2] === 0x4e && u8[3] === 0x47) {
    const plan = pngPlan(u8, maxPixels);
    return plan !== null && (await inflatesWithin(plan.idat, plan.maxInflated));
  }
  return false;
}
