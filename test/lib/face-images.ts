/**
 * The face images the tests use (test/fixtures/faces, see its SOURCES.md), and images made from
 * them: a mirrored copy (a turn to one side becomes a turn to the other), two faces side by
 * side, a blank picture. Node only: the worker tests get them through the global setup.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import jpeg from 'jpeg-js';

const DIR = resolve(import.meta.dirname, '../fixtures/faces');

export const FACE_FIXTURES = {
  /** Person A looking straight at the camera (nose offset −0.06). */
  aStraight: 'kit_harington/john1.jpeg',
  /** Person A turned to his own right (nose offset −0.39). */
  aTurnedRight: 'kit_harington/john2.jpeg',
  /** Person B, straight. */
  bStraight: 'lennon/lennon-1.jpg',
} as const;

export const readFace = (file: string): Uint8Array =>
  new Uint8Array(readFileSync(resolve(DIR, file)));

interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

const decode = (bytes: Uint8Array): Rgba => jpeg.decode(bytes, { useTArray: true });
const encode = (img: Rgba): Uint8Array =>
  new Uint8Array(jpeg.encode({ ...img, data: img.data }, 92).data);

/** The image flipped left to right. */
export function mirrored(bytes: Uint8Array): Uint8Array {
  const img = decode(bytes);
  const out = new Uint8Array(img.data.length);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const from = (y * img.width + (img.width - 1 - x)) * 4;
      out.set(img.data.subarray(from, from + 4), (y * img.width + x) * 4);
    }
  }
  return encode({ ...img, data: out });
}

/** Two images side by side (cropped to the lower height). */
export function sideBySide(a: Uint8Array, b: Uint8Array): Uint8Array {
  const left = decode(a);
  const right = decode(b);
  const height = Math.min(left.height, right.height);
  const width = left.width + right.width;
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    out.set(left.data.subarray(y * left.width * 4, (y + 1) * left.width * 4), y * width * 4);
    out.set(
      right.data.subarray(y * right.width * 4, (y + 1) * right.width * 4),
      (y * width + left.width) * 4,
    );
  }
  return encode({ width, height, data: out });
}

/** A grey picture with nothing in it. */
export function blank(width = 480, height = 480): Uint8Array {
  return encode({ width, height, data: new Uint8Array(width * height * 4).fill(128) });
}
