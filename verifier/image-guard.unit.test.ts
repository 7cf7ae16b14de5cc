import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_PIXELS } from './image';
import { imageSafeToDecode } from './image-guard';

const FIXTURES = resolve(import.meta.dirname, '../test/fixtures/faces');
const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (bytes: Uint8Array) => {
  let x = 0xffffffff;
  for (const v of bytes) x = (CRC[(x ^ v) & 0xff] ?? 0) ^ (x >>> 8);
  return (x ^ 0xffffffff) >>> 0;
};
function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc(body));
  return Buffer.concat([head, body, tail]);
}
const ihdr = (w: number, h: number) => {
  const d = Buffer.alloc(13);
  d.writeUInt32BE(w, 0);
  d.writeUInt32BE(h, 4);
  d[8] = 8;
  d[9] = 2;
  return chunk('IHDR', d);
};
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const png = (...chunks: Buffer[]) =>
  new Uint8Array(Buffer.concat([SIGNATURE, ...chunks, chunk('IEND', Buffer.alloc(0))]));
const rows = (w: number, h: number, extra = 0) =>
  deflateSync(Buffer.alloc((w * 3 + 1) * h + extra));

describe('images are proven decodable within the limit before any decoder sees them', () => {
  it('lets the fixtures through', async () => {
    for (const file of [
      'stuart1.png',
      'amy4.png',
      'kit_harington/john1.jpeg',
      'lennon/lennon-1.jpg',
    ]) {
      expect(await imageSafeToDecode(readFileSync(resolve(FIXTURES, file)), MAX_PIXELS), file).toBe(
        true,
      );
    }
    expect(
      await imageSafeToDecode(png(ihdr(64, 48), chunk('IDAT', rows(64, 48))), MAX_PIXELS),
    ).toBe(true);
  });

  it('refuses a PNG whose data inflates far past its declared size (a decompression bomb)', async () => {
    const bomb = png(ihdr(100, 100), chunk('IDAT', rows(1, 1, 256 * 1024 * 1024)));
    expect(bomb.byteLength).toBeLessThan(400_000);
    // Stopped early: the check itself must not inflate the bomb whole.
    const before = process.memoryUsage().rss;
    expect(await imageSafeToDecode(bomb, MAX_PIXELS)).toBe(false);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a decoy PNG header before the real one, a late header, and compressed metadata', async () => {
    const twoHeaders = png(ihdr(1, 1), ihdr(4000, 3000), chunk('IDAT', rows(4000, 3000)));
    expect(await imageSafeToDecode(twoHeaders, MAX_PIXELS)).toBe(false);
    const late = png(chunk('tEXt', Buffer.from('a\0b')), ihdr(8, 8), chunk('IDAT', rows(8, 8)));
    expect(await imageSafeToDecode(late, MAX_PIXELS)).toBe(false);
    const profile = Buffer.concat([Buffer.from('p\0\0'), deflateSync(Buffer.alloc(1 << 20))]);
    const iccp = png(ihdr(8, 8), chunk('iCCP', profile), chunk('IDAT', rows(8, 8)));
    expect(await imageSafeToDecode(iccp, MAX_PIXELS)).toBe(false);
    const oversized = png(ihdr(4000, 3000), chunk('IDAT', rows(4000, 3000)));
    expect(await imageSafeToDecode(oversized, MAX_PIXELS)).toBe(false);
  });

  it('refuses a JPEG with a second frame header (a 1×1 decoy before a large one)', async () => {
    const jpeg = new Uint8Array(readFileSync(resolve(FIXTURES, 'kit_harington/john1.jpeg')));
    // A baseline SOF0 segment for a 1×1 greyscale frame, placed right after SOI.
    const decoy = new Uint8Array([0xff, 0xc0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0]);
    const twoFrames = new Uint8Array([...jpeg.subarray(0, 2), ...decoy, ...jpeg.subarray(2)]);
    expect(await imageSafeToDecode(twoFrames, MAX_PIXELS)).toBe(false);
    // Thousands of empty scans: each is decoded over the whole frame (seconds of CPU).
    const scan = [0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0];
    const end = jpeg.length - 2;
    const manyScans = new Uint8Array([
      ...jpeg.subarray(0, end),
      ...Array.from({ length: 40 }, () => scan).flat(),
      0xff,
      0xd9,
    ]);
    expect(await imageSafeToDecode(manyScans, MAX_PIXELS)).toBe(false);
    expect(await imageSafeToDecode(new TextEncoder().encode('not an image'), MAX_PIXELS)).toBe(
      false,
    );
  });
});
