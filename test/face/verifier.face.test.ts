import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asUpload,
  FACES_DIR,
  type RunningVerifier,
  startFaceVerifier,
} from '../../scripts/lib/face-verifier';
import { cosine, MATCH_THRESHOLD } from '../../verifier/engine';

/** A set image as a client would send it (scaled when over the verifier's size limit). */
const face = (path: string) => asUpload(new Uint8Array(readFileSync(join(FACES_DIR, path))));

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

  it('refuses an image larger than a camera frame before decoding it', async () => {
    // A PNG signature and an IHDR claiming 10000×10000: checked before inflating anything.
    const png = new Uint8Array(33);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    new DataView(png.buffer).setUint32(16, 10_000);
    new DataView(png.buffer).setUint32(20, 10_000);
    await expect(verifier.embed(png)).rejects.toThrow(/400 .*unsupported_image/);
  });
});

describe('face verifier over its service binding (RPC)', () => {
  let viaRpc: RunningVerifier;
  beforeAll(async () => {
    viaRpc = await startFaceVerifier({ withCaller: true });
  });
  afterAll(async () => {
    await viaRpc?.stop();
  });

  const verify = async (enrolled: string, probe: string) => {
    const form = new FormData();
    form.set('enrolled', new Blob([face(enrolled)]));
    form.set('probe', new Blob([face(probe)]));
    const res = await fetch(`${viaRpc.url}/verify`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    return (await res.json()) as { match: boolean; similarity: number; reasons: string[] };
  };

  it('matches the same person and not another', async () => {
    const same = await verify('amy/amy1.png', 'amy/amy2.png');
    expect(same).toMatchObject({ match: true, reasons: [] });
    const other = await verify('amy/amy1.png', 'sheldon/sheldon1.png');
    expect(other).toMatchObject({ match: false, reasons: [] });
    expect(other.similarity).toBeLessThan(MATCH_THRESHOLD);
  });
});
