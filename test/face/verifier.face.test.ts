import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FACES_DIR,
  type RunningVerifier,
  startFaceVerifier,
} from '../../scripts/lib/face-verifier';
import { cosine, MATCH_THRESHOLD } from '../../verifier/engine';

const face = (path: string) => new Uint8Array(readFileSync(join(FACES_DIR, path)));

let verifier: RunningVerifier;
beforeAll(async () => {
  verifier = await startFaceVerifier();
});
afterAll(async () => {
  await verifier?.stop();
});

describe('face verifier (workerd)', () => {
  it('scores the same person above the threshold and another below it', async () => {
    const [a1, a2, other] = await Promise.all(
      ['deepface_id01/img1.jpg', 'deepface_id01/img2.jpg', 'sheldon/sheldon1.png'].map((p) =>
        verifier.embed(face(p)),
      ),
    );
    for (const r of [a1, a2, other]) {
      expect(r?.faces.length).toBe(1);
      expect(r?.quality.reasons).toEqual([]);
      expect(r?.embedding).toHaveLength(1024);
    }
    const same = cosine(a1?.embedding ?? [], a2?.embedding ?? []);
    const different = cosine(a1?.embedding ?? [], other?.embedding ?? []);
    expect(same).toBeGreaterThan(MATCH_THRESHOLD);
    expect(different).toBeLessThan(MATCH_THRESHOLD);
  });

  it('finds no face in a flat grey image', async () => {
    const grey = encode({
      width: 320,
      height: 240,
      channels: 3,
      data: new Uint8Array(320 * 240 * 3).fill(128),
    });
    const r = await verifier.embed(new Uint8Array(grey));
    expect(r.faces).toEqual([]);
    expect(r.embedding).toBeUndefined();
    expect(r.quality.reasons).toEqual(['no_face']);
  });

  it('refuses what is neither JPEG nor PNG', async () => {
    await expect(verifier.embed(new TextEncoder().encode('GIF89a not an image'))).rejects.toThrow(
      /400 .*unsupported_image/,
    );
  });
});
